package corpus

import (
	"strings"
)

// doc collects a letter's logical lines, before the mess of extraction: ""
// is a blank line. A marked fault span may sit inside a line.
type doc struct {
	lines []string
	width int
}

func (d *doc) blank() {
	if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
		d.lines = append(d.lines, "")
	}
}

func (d *doc) add(ls ...string) { d.lines = append(d.lines, ls...) }

// para adds a paragraph wrapped at the letter's width.
func (d *doc) para(s string) { d.add(wrap(s, d.width, "")...) }

// centered adds a heading indented as PDF text leaves a centered line.
func (d *doc) centered(s string) {
	n := (d.width - len(s)) / 2
	if n < 1 {
		n = 1
	}
	d.add(strings.Repeat(" ", n) + s)
}

// wrap breaks s into lines of at most width characters, continuation lines
// indented by indent. A marked span is never broken, so the fault's primary
// span starts and ends on one line. Lines are slices of s (the generator
// writes single spaces between words), which keeps wrapping cheap: it is
// most of the work of generating a letter.
func wrap(s string, width int, indent string) []string {
	out := make([]string, 0, len(s)/width+1)
	ls, n := -1, 0 // start of the current line in s, its visible length
	in := false
	for i := 0; i < len(s); {
		// The next word: up to a space outside a marked span.
		j, wl := i, 0
		for j < len(s) {
			c := s[j]
			if c == markStart {
				in = true
			} else if c == markEnd {
				in = false
			} else if c == ' ' && !in {
				break
			} else if c < 0x80 || c >= 0xc0 {
				wl++ // count runes, not bytes
			}
			j++
		}
		switch {
		case wl == 0 && j == i:
		case ls < 0:
			ls, n = i, wl
		case n+1+wl > width:
			out = appendLine(out, indent, len(out) > 0, s[ls:i-1])
			ls, n = i, len(indent)+wl
		default:
			n += 1 + wl
		}
		i = j + 1
		if j >= len(s) {
			i = j
		}
	}
	if ls >= 0 {
		out = appendLine(out, indent, len(out) > 0, strings.TrimRight(s[ls:], " "))
	}
	return out
}

func appendLine(out []string, indent string, cont bool, l string) []string {
	l = strings.TrimRight(l, " ")
	if cont && indent != "" {
		l = indent + l
	}
	return append(out, l)
}

// headerLines wraps an item header. The parser finds a header by walking
// back at most five lines from its decision line, over lines that do not end
// a sentence, so only the last line may end in ".", ":" or ";" (bar the
// sentence ends of a partial authorization, which it knows).
func headerLines(s string, width int) []string {
	if width == 0 {
		return []string{s}
	}
	ok := func(ls []string) bool {
		for _, l := range ls[:len(ls)-1] {
			if endsSentence(l) {
				return false
			}
		}
		return len(ls) <= 5
	}
	for w := width; w >= 30; w-- {
		if ls := wrap(s, w, ""); ok(ls) {
			return ls
		}
	}
	for w := width + 1; w <= 140; w++ {
		if ls := wrap(s, w, ""); ok(ls) {
			return ls
		}
	}
	return []string{s}
}

func endsSentence(l string) bool {
	l = strings.TrimRight(strings.Map(func(r rune) rune {
		if r == markStart || r == markEnd {
			return -1
		}
		return r
	}, l), " ")
	if l == "" {
		return false
	}
	c := l[len(l)-1]
	if strings.ContainsRune("\"')", rune(c)) && len(l) > 1 {
		c = l[len(l)-2]
	}
	if !strings.ContainsRune(".!?:;", rune(c)) {
		return false
	}
	for _, t := range []string{"original request.", "Claims Administrator.", "IMR eligible."} {
		if strings.HasSuffix(l, t) {
			return false
		}
	}
	return true
}

// decisionWord is the header's decision, marked where the letter-structure
// fault removes the item's rationale (the check points at the decision of
// the item that lacks one).
func (g *gen) decisionWord(k int, it *item) string {
	w := "Upheld"
	if it.overturned {
		w = "Overturned"
	}
	if g.fault == FaultStructure && g.target == k {
		return mark(w)
	}
	return w
}

// header2014 is the item's header in the current layout: "Massage therapy:
// 12 sessions (right wrist/hand): Upheld".
func (g *gen) header2014(k int, it *item) string {
	dec := g.decisionWord(k, it)
	if it.partial {
		// "Chiropractic treatment for the lumbar spine, 8 sessions was the
		// original request", or with "#8" as the brief's letters write it.
		x, unit := "", " "+it.unit
		switch {
		case it.k == kMed:
			x, unit = it.m.name+" "+it.strength+" #", ""
		case it.hashPartial:
			x, unit = it.treat+" for the "+it.part()+", #", ""
		default:
			x = it.treat + " for the " + it.part() + ", "
		}
		is := " is"
		if it.k == kMed && it.hdrStyle%2 == 1 {
			is = ""
		}
		return x + itoa(it.orig) + unit + " was the original request. " + x + itoa(it.auth) + unit +
			" was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, " +
			x + itoa(it.qty) + unit + is + ": " + dec
	}
	p := ""
	if it.reg != nil {
		p = it.part()
	}
	switch {
	case it.k.therapy():
		q := it.sessions(g.count(it.qty), it.unit)
		if it.freq > 0 {
			q = it.freqText()
		} else if it.xCount {
			// "Acupuncture x6 (lumbar spine)"
			return it.treat + " x" + itoa(it.qty) + " (" + p + "): " + dec
		}
		switch it.hdrStyle {
		case 0:
			return it.treat + ": " + q + " (" + p + "): " + dec
		case 1:
			return it.treat + " " + q + " for the " + p + ": " + dec
		case 2:
			if it.freq == 0 {
				return q + " of " + it.treatConc + " for the " + p + ": " + dec
			}
			return it.treat + " " + q + " for the " + p + ": " + dec
		}
		return it.treat + ", " + q + ", " + p + ": " + dec
	case it.k == kMRI || it.k == kXray || it.k == kEMG:
		switch it.hdrStyle {
		case 1:
			if it.k != kEMG {
				return it.treat + " (" + p + "): " + dec
			}
		case 2:
			if it.k != kEMG {
				return capitalize(p) + " " + it.treatConc + ": " + dec
			}
		}
		return it.treat + " of the " + p + ": " + dec
	case it.k == kMed:
		if it.sig != "" {
			// A dosing instruction before the count: "Naproxen 550mg, 1
			// tablet twice a day, #60".
			return it.m.name + " " + it.strength + ", " + it.sig + ", #" + itoa(it.qty) + ": " + dec
		}
		switch it.hdrStyle {
		case 1:
			return strings.Replace(it.medText(itoa(it.qty)), " #", ", #", 1) + ": " + dec
		case 2:
			if it.m.unit == "" {
				return "Retrospective request for " + it.medText(itoa(it.qty)) + ": " + dec
			}
		case 3:
			if it.m.unit == "" && it.m.form == "" {
				return it.m.name + " " + it.strength + ", QTY: " + itoa(it.qty) + ": " + dec
			}
		}
		return it.medText(itoa(it.qty)) + ": " + dec
	case it.k == kTENS:
		if it.tens == 0 {
			if it.hdrStyle%2 == 0 {
				return "TENS unit, 30 day trial (" + p + "): " + dec
			}
			return "30 day trial of a TENS unit for the " + p + ": " + dec
		}
		if it.hdrStyle%2 == 0 {
			return "Purchase of a TENS unit for the " + p + ": " + dec
		}
		return "TENS unit purchase (" + p + "): " + dec
	case it.k == kESI:
		if it.hdrStyle%2 == 0 {
			return capitalize(it.reg.adj) + " epidural steroid injection at " + it.level + ": " + dec
		}
		return capitalize(it.reg.adj) + " epidural steroid injection, " + it.level + ": " + dec
	case it.k == kHome:
		return "Home health care " + it.freqText() + ": " + dec
	}
	return ""
}

// rationaleFor renders item k's rationale once; a copied rationale repeats
// its source's word for word, its first words marked as the copy's start.
func (g *gen) rationaleFor(k int) string {
	it := g.items[k]
	if it.rationale != "" {
		return it.rationale
	}
	if g.fault == FaultCopied && g.target == k {
		src := g.rationaleFor(g.source)
		w := strings.SplitN(src, " ", 4)
		it.rationale = mark(strings.Join(w[:3], " ")) + " " + w[3]
		return it.rationale
	}
	it.rationale = g.rationale(k, it)
	return it.rationale
}

func (g *gen) render2014(d *doc) {
	switch g.header {
	case 0:
		col := func(l, v string, w int) string { return l + strings.Repeat(" ", w-len(l)) + v }
		d.add(col("Case Number:", g.caseNo, 22))
		d.add(col(col("Date Assigned:", fmtDate(g.assign), 22), col("Date of Injury:", fmtDate(g.doi), 21), 54))
		d.add(col(col("Decision Date:", fmtDate(g.decide), 22), col("UR Denial Date:", fmtDate(g.ur), 21), 54))
		d.add(col(col("Priority:", "Standard", 22), col("Application", fmtDate(g.app), 21), 54))
		d.add(strings.Repeat(" ", 54) + "Received:")
		d.blank()
	case 1:
		// Plain pdftotext: the labels of each column, then their values.
		d.add("Case Number:", "Date Assigned:", "Decision Date:", "Priority:", "")
		d.add(g.caseNo, fmtDate(g.assign), fmtDate(g.decide), "Standard", "")
		d.add("Date of Injury:", "UR Denial Date:", "Application", "Received:", "")
		d.add(fmtDate(g.doi), fmtDate(g.ur), fmtDate(g.app), "")
	}
	d.centered("HOW THE IMR FINAL DETERMINATION WAS MADE")
	d.para(pick(g, howMade2014))
	d.blank()
	d.add("The Expert Reviewer has the following credentials:", "State(s) of Licensure: California", "Certification(s)/Specialty: "+g.spec)
	d.blank()
	d.centered("CLINICAL CASE SUMMARY")
	d.para(pick(g, summaryOpen2014))
	d.blank()
	g.summaryParas(d)
	d.blank()
	d.centered("IMR ISSUES, DECISIONS AND RATIONALES")
	d.add("The Final Determination was based on decisions for the disputed items/services set forth below:")
	d.blank()
	for k, it := range g.items {
		h := g.header2014(k, it)
		w := it.wrap
		if w == 0 && len(h) > g.width {
			w = g.width // a long header wraps like any other line
		}
		if it.bareDecision {
			// "...(lumbar spine):" and the decision on a line of its own,
			// as a narrow table cell leaves it.
			cut := strings.LastIndex(h, " ")
			d.add(headerLines(h[:cut], w)...)
			d.add(h[cut+1:])
		} else {
			d.add(headerLines(h, w)...)
		}
		d.para("Claims Administrator guideline: " + g.citeParagraph(k, it, true))
		d.blank()
		d.para("MAXIMUS guideline: " + g.citeParagraph(k, it, false))
		d.blank()
		if g.fault == FaultStructure && g.target == k {
			continue // the rationale paragraph is missing
		}
		d.para("Decision rationale: " + g.rationaleFor(k))
		d.blank()
	}
}

// summaryParas writes the summary's sentences as one or two paragraphs.
func (g *gen) summaryParas(d *doc) {
	s := g.summary()
	if len(s) > 8 && g.chance(0.4) {
		cut := len(s) / 2
		d.para(strings.Join(s[:cut], " "))
		d.blank()
		s = s[cut:]
	}
	d.para(strings.Join(s, " "))
}

func (g *gen) render2013(d *doc) {
	d.add("Notice of Independent Medical Review Determination", "Dated: "+fmtDate(g.decide), "")
	col := func(l, v string, w int) string { return l + strings.Repeat(" ", w-len(l)) + v }
	d.add(col(col("IMR Case Number:", g.caseNo, 26)+" ", col("Date of Injury:", fmtDate(g.doi), 27), 50))
	d.add(col(col("Claims Number:", "[redacted]", 26)+" ", col("Date of UR Decision:", fmtDate(g.ur), 27), 50))
	d.add(col(col("Priority:", "Standard", 26)+" ", col("Application Received:", fmtDate(g.app), 27), 50))
	d.add(col("Employee Name:", "[redacted]", 26), col("Provider Name:", "[redacted], MD", 26))
	d.add("Treatment(s) in Dispute Listed on IMR Application:")
	var short []string
	for _, it := range g.items {
		short = append(short, g.shortName(it))
	}
	d.para(strings.Join(short, "; "))
	d.blank()
	d.add("DEAR [redacted]:")
	d.blank()
	d.para("MAXIMUS Federal Services, Inc. has completed the Independent Medical Review (IMR) of the workers' compensation case identified above. This notice gives the IMR Final Determination and explains how the decision was reached.")
	d.blank()
	over, up := 0, 0
	for _, it := range g.items {
		if it.overturned {
			over++
		} else {
			up++
		}
	}
	switch {
	case over == 0:
		d.para("Final Determination: UPHOLD. None of the disputed items/services was found medically necessary and appropriate. The decision on each item is explained later in this notice.")
	case up == 0:
		d.para("Final Determination: OVERTURN. Every disputed item/service was found medically necessary and appropriate. The decision on each item is explained later in this notice.")
	default:
		d.para("Final Determination: OVERTURN IN PART. At least one of the disputed items/services was found medically necessary and appropriate, and at least one was not. The decision on each item is explained later in this notice.")
	}
	d.blank()
	for k, it := range g.items {
		phrase := "is not medically necessary and appropriate"
		if it.overturned {
			phrase = "is medically necessary and appropriate"
		}
		if g.fault == FaultStructure && g.target == k {
			phrase = mark(phrase)
		}
		d.add(wrap(itoa(k+1)+") MAXIMUS Federal Services, Inc. has determined the request for "+g.request(it)+" "+phrase+".", d.width, "   ")...)
	}
	d.blank()
	d.para(pick(g, notice2013))
	d.blank()
	d.add("Sincerely,", "", "[redacted], MD", "Medical Director", "")
	d.add("cc: Department of Industrial Relations, Division of Workers' Compensation", "    [redacted] (employee), [redacted] (claims administrator)", "")
	d.add("HOW THE IMR FINAL DETERMINATION WAS MADE")
	d.para(strings.Replace(pick(g, how2013), "%s", g.spec, 1))
	d.blank()
	d.add("CLINICAL CASE SUMMARY")
	d.para(pick(g, summaryOpen2013))
	d.blank()
	g.summaryParas(d)
	d.blank()
	for k, it := range g.items {
		d.add(wrap(itoa(k+1)+") Regarding the request for "+g.request(it)+":", d.width, "")...)
		d.blank()
		d.add("Medical Treatment Guideline(s) relied upon by the Claims Administrator:")
		if g.chance(0.1) {
			d.para("The Claims Administrator did not cite any medical evidence for its decision.")
		} else {
			d.para(g.cite2013(k, it, true))
		}
		d.blank()
		d.add("Medical Treatment Guideline(s) relied upon by the Expert Reviewer:")
		if it.claimSame && g.target != k && len(g.cites(it, false)) == len(g.cites(it, true)) {
			d.para("The Expert Reviewer relied on the same guideline.")
		} else {
			d.para(g.cite2013(k, it, false))
		}
		d.blank()
		if g.fault == FaultStructure && g.target == k {
			continue
		}
		d.add("Rationale Used by the Expert Reviewer:")
		d.para(g.rationaleFor(k))
		d.blank()
	}
}

// shortName is the item as the 2013 case table lists it.
func (g *gen) shortName(it *item) string {
	switch {
	case it.k == kMed:
		return it.medText(itoa(it.qty))
	case it.k.therapy():
		return it.treat + " " + itoa(it.qty) + " sessions " + it.part()
	case it.k == kESI:
		return capitalize(it.reg.adj) + " epidural steroid injection " + it.level
	case it.k == kHome:
		return "Home health care"
	}
	return it.treat + " " + it.part()
}

// render writes the letter and reads back where its fault landed.
func (g *gen) render() ([]byte, []Fault) {
	d := &doc{width: g.width, lines: make([]string, 0, 160)}
	if g.layout == Layout2013 {
		g.render2013(d)
	} else {
		g.render2014(d)
	}
	for len(d.lines) > 0 && d.lines[len(d.lines)-1] == "" {
		d.lines = d.lines[:len(d.lines)-1]
	}
	w := &writer{g: g, m: g.mess, nl: "\n", buf: make([]byte, 0, 8192)}
	if w.m != nil && w.m.crlf {
		w.nl = "\r\n"
	}
	g.physical(d.lines, w)
	if g.fault != "" && len(w.faults) != 1 {
		panic("corpus: fault " + g.fault + " was not marked exactly once")
	}
	return w.buf, w.faults
}

// writer writes physical lines, noting the line and text of a marked span
// and leaving the marks out.
type writer struct {
	g      *gen
	m      *messOpts
	nl     string
	buf    []byte
	line   int
	faults []Fault
}

// put writes one physical line; mess applies the character-level mess.
func (w *writer) put(l string, mess bool) {
	w.line++
	if s := strings.IndexByte(l, markStart); s >= 0 {
		e := strings.IndexByte(l, markEnd)
		w.faults = append(w.faults, Fault{Check: w.g.fault, Line: w.line, Text: l[s+1 : e]})
	}
	if mess {
		w.messLine(l)
	} else {
		for i := 0; i < len(l); i++ {
			if c := l[i]; c != markStart && c != markEnd {
				w.buf = append(w.buf, c)
			}
		}
	}
	w.buf = append(w.buf, w.nl...)
	if w.m != nil && w.m.double {
		w.line++
		w.buf = append(w.buf, w.nl...)
	}
}

// ---------------------------------------------------------------------------
// The mess of PDF text extraction.

// messOpts are the kinds of mess one letter gets.
type messOpts struct {
	crlf     bool
	double   bool // a blank line after every line
	footers  bool // "Page N of M" footers and form feeds at page breaks
	pageLen  int
	caseTop  bool // the case number repeated at the top of each page
	dashPage bool // footers written "- 2 -"
	noBlank  bool // no blank lines at all, as plain pdftotext leaves some letters
	curly    bool // curly apostrophes
	dashes   bool // en dashes in ranges, non-breaking hyphens in words
	nbsp     bool // non-breaking spaces for some spaces
	trailing bool // trailing spaces
}

func (g *gen) newMess() *messOpts {
	m := &messOpts{
		crlf:     g.chance(0.5),
		double:   g.chance(0.5),
		footers:  g.chance(0.6),
		pageLen:  g.between(38, 52),
		curly:    g.chance(0.6),
		dashes:   g.chance(0.5),
		nbsp:     g.chance(0.4),
		trailing: g.chance(0.5),
	}
	m.caseTop = m.footers && g.chance(0.5)
	m.dashPage = m.footers && g.chance(0.2)
	m.noBlank = g.chance(0.15)
	if !(m.crlf || m.double || m.footers || m.curly || m.dashes || m.nbsp || m.trailing) {
		m.double = true
	}
	return m
}

// physical writes the logical lines as the physical lines of the file.
func (g *gen) physical(lines []string, w *writer) {
	m := g.mess
	if m == nil {
		for _, l := range lines {
			w.put(l, false)
		}
		return
	}
	pages := 1
	if m.footers {
		pages = (len(lines) + m.pageLen - 1) / m.pageLen
	}
	// A running case number must repeat to be read as a page header; with
	// the case table printed as bare values it would also eat the table's
	// own value, so it is left out there.
	caseTop := m.caseTop && pages >= 3 && g.header != 1
	footer := func(p int) string {
		if m.dashPage {
			return "- " + itoa(p) + " -"
		}
		return "Page " + itoa(p) + " of " + itoa(pages)
	}
	ff := false
	for i, l := range lines {
		if m.footers && i > 0 && i%m.pageLen == 0 {
			w.put(footer(i/m.pageLen), false)
			ff = true
			if caseTop {
				w.put("\f"+g.caseNo, false)
				ff = false
			}
		}
		if ff {
			// pdftotext puts the form feed at the start of a page's first line.
			w.buf = append(w.buf, '\f')
			ff = false
		}
		if l == "" && m.noBlank {
			continue
		}
		if l == "" {
			if m.double {
				// An explicit paragraph break in double-spaced text is a
				// line of white space.
				l = " "
			}
			w.put(l, false)
			continue
		}
		w.put(l, true)
	}
	if m.footers {
		w.put(footer(pages), false)
	}
}

// messLine writes a line with the character-level mess, leaving a marked
// span as it is so that its text is recorded exactly.
func (w *writer) messLine(l string) {
	m, g := w.m, w.g
	in := false
	var prev byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case c == markStart:
			in = true
			continue
		case c == markEnd:
			in = false
			continue
		case in:
		case c == '\'' && m.curly:
			w.buf = append(w.buf, "\u2019"...)
			prev = c
			continue
		case c == '-' && m.dashes && i+1 < len(l):
			next := l[i+1]
			switch {
			case isDigit(prev) && isDigit(next) && numericRange(l, i):
				w.buf = append(w.buf, "\u2013"...)
				prev = c
				continue
			case isLetter(prev) && isLetter(next) && g.intn(3) == 0:
				w.buf = append(w.buf, "\u2011"...)
				prev = c
				continue
			}
		case c == ' ' && m.nbsp && prev != ' ' && g.intn(32) == 0:
			w.buf = append(w.buf, "\u00a0"...)
			prev = c
			continue
		}
		w.buf = append(w.buf, c)
		prev = c
	}
	if m.trailing && g.intn(3) == 0 {
		w.buf = append(w.buf, "   "[:g.between(1, 3)]...)
	}
}

// numericRange reports whether the hyphen at l[i] joins a range of small
// numbers ("4-6", "98-99"), which typesetting gives an en dash, rather than
// the parts of a case number or a date, which keep their hyphens.
func numericRange(l string, i int) bool {
	j := i
	for j > 0 && isDigit(l[j-1]) {
		j--
	}
	k := i + 1
	for k < len(l) && isDigit(l[k]) {
		k++
	}
	if i-j > 3 || k-i-1 > 3 {
		return false
	}
	if j > 0 && (isLetter(l[j-1]) || l[j-1] == '-' || l[j-1] == '/') {
		return false
	}
	return k == len(l) || l[k] != '-' && l[k] != '/'
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
