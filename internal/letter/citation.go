package letter

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// Citations come in several styles, all read here:
//
//	Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies, Summary.
//	Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Compound drugs, and
//	  Opioid Treatment 2016, Section(s): 3.3 Opioids for Chronic Pain ...
//	Decision based on MTUS ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints Page(s): 265,
//	  Chronic Pain Treatment Guidelines Massage Therapy Page(s): 60.
//	Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Knee & Leg (Acute &
//	  Chronic), MRI's (magnetic resonance imaging).
//	MTUS Chronic Pain Medical Treatment Guidelines (2009), Massage therapy, page 60, which is part
//	  of the MTUS.   (2013 layout)
//
// A citation paragraph is long and most of its parts are looked for by
// words it rarely holds, so each scanner runs only when its words are
// there; "Decision based on", which every paragraph has, is found by hand.
//
// The patterns below have no hand-written form: they run on little text
// (a segment that names no guideline, an ODG citation, a rationale
// sentence that names ODG) or behind a test for a year or four digits.
var (
	odgLeadRE    = regexp.MustCompile(`(?i)^.*?(?:Official Disability Guidelines\s*(?:\(ODG\))?|\(?ODG\)?)[\s,:-]*`)
	yearBeforeRE = regexp.MustCompile(`((?:19|20)\d{2})\s+(?:MTUS\s+|ACOEM\s+)?$`)
	// regulationRE is a reference to the regulation adopting a guideline,
	// not a section of it: "8 C.C.R. 9792.24.1", "[8 C.C.R. 9792.20 - 9792.26]".
	regulationRE  = regexp.MustCompile(`(?i)\[?\s*(?:8\s*)?C\.?\s*C\.?\s*R\.?\s*(?:§\s*)?\d{4}[\d.]*(?:\s*-\s*\d{4}[\d.]*)?\s*\]?|\b(?:Title 8|section)\s+\d{4}\.[\d.]+`)
	unknownMTUSRE = regexp.MustCompile(`(?i)\bMTUS\s+(?:ACOEM\s+)?(?:Chapter\s+\d+\s+)?([A-Z][A-Za-z&,'\- ]{2,80}?)(?:\s*\(?(?:19|20)\d{2}\)?|,?\s*Section|\s*Page|\.|$)`)
	// mentionODG is a rationale's naming of ODG, which it may rely on.
	mentionODG = regexp.MustCompile(`\bODG\b|(?i)Official Disability Guidelines`)
)

// citations reads the citation paragraph b.
func (p *parser) citations(b text.Block, where string) []Citation {
	if p.v.Catalog == nil {
		return nil
	}
	var out []Citation
	t := b.Text
	var sbuf, gbuf [4][2]int // on the stack: a paragraph has few citations
	starts := basedOn(sbuf[:0], t)
	segs := gbuf[:0]
	if len(starts) == 0 {
		segs = append(segs, [2]int{0, len(t)})
	}
	for i, s := range starts {
		end := len(t)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		segs = append(segs, [2]int{s[1], end})
	}
	for _, sg := range segs {
		seg := t[sg[0]:sg[1]]
		switch {
		case noCite(seg):
		case nonMTUS(seg):
			c := Citation{Field: blockField(b, sg[0], sg[1]), NonMTUS: true, Where: where}
			if namesODG(seg) {
				c.ODG = true
				p.odgCitation(b, sg[0], sg[1], &c)
			} else if ts, te := nonMTUSTitle(seg); ts < te {
				// Another guideline than ODG ("ACOEM: Low back disorders,
				// ...", a drug monograph): the catalog cannot place it, so
				// it is kept as written for the reader, and raises nothing.
				c.Name = blockField(b, sg[0]+ts, sg[0]+te)
			}
			out = append(out, c)
		default:
			cs := p.mtusCitations(b, sg[0], sg[1], where)
			if out == nil {
				// The usual single segment's list is taken as it is (it is
				// nil or holds a citation), not copied.
				out = cs
			} else {
				out = append(out, cs...)
			}
		}
	}
	return out
}

// basedOn appends to out every "Decision based on" and the white space
// after it, `(?i)Decision based on\s+`, each found from the end of the
// last.
func basedOn(out [][2]int, t string) [][2]int {
	const lit = "decision based on"
	for from := 0; ; {
		k := ascii.IndexFold(t[from:], lit)
		if k < 0 {
			return out
		}
		s := from + k
		e := s + len(lit)
		for e < len(t) && isSpace(t[e]) {
			e++
		}
		if e == s+len(lit) {
			// No space after: not a match; look on from the next byte.
			from = s + 1
			continue
		}
		out = append(out, [2]int{s, e})
		from = e
	}
}

// noCite reports whether s holds `(?i)did not cite any medical evidence`.
func noCite(s string) bool { return ascii.ContainsFold(s, "did not cite any medical evidence") }

// nonMTUS reports whether s holds `(?i)\bNon-?\s?MTUS\b`.
func nonMTUS(s string) bool {
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], "non")
		if k < 0 {
			return false
		}
		i := from + k
		from = i + 1
		if i > 0 && isWord(s[i-1]) {
			continue
		}
		j := i + 3
		if j < len(s) && s[j] == '-' {
			j++
		}
		if j < len(s) && isSpace(s[j]) {
			j++
		}
		if ascii.HasPrefixFold(s[j:], "mtus") && (j+4 == len(s) || !isWord(s[j+4])) {
			return true
		}
	}
}

// nonMTUSTitle is the span of seg naming what a Non-MTUS Citation cites:
// the words after "Non-MTUS Citation", less the punctuation around them.
// It is empty when nothing meaningful follows.
func nonMTUSTitle(seg string) (start, end int) {
	if i := ascii.IndexFold(seg, "citation"); i >= 0 {
		start = i + len("citation")
	} else if i := ascii.IndexFold(seg, "mtus"); i >= 0 {
		start = i + len("mtus") // "Non-MTUS: ACOEM ..."
	} else {
		return 0, 0
	}
	for start < len(seg) && strings.IndexByte(" \t\n:,-.", seg[start]) >= 0 {
		start++
	}
	end = len(seg)
	for end > start && strings.IndexByte(" \t\n:,;.", seg[end-1]) >= 0 {
		end--
	}
	if !meaningful(seg[start:end]) {
		return 0, 0
	}
	return start, end
}

// namesODG reports whether s holds `(?i)Official Disability Guidelines|\bODG\b`.
func namesODG(s string) bool {
	return ascii.ContainsFold(s, "official disability guidelines") || hasWordFold(s, "odg")
}

// mtusCitations reads the MTUS guidelines named in b.Text[s:e].
func (p *parser) mtusCitations(b text.Block, s, e int, where string) []Citation {
	return p.mtusCitationsToks(b, s, e, phrase.Tokenize(b.Text[s:e]), where)
}

// mtusCitationsToks is mtusCitations with the segment's tokens read.
func (p *parser) mtusCitationsToks(b text.Block, s, e int, toks []phrase.Token, where string) []Citation {
	seg := b.Text[s:e]
	cat := p.v.Catalog
	var ms []phrase.Match
	for _, m := range cat.MTUSNames.FindTokens(toks) {
		if len(ms) == 0 || startsCitation(seg, m) {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		if where == "rationale" {
			return nil
		}
		if m := unknownMTUSRE.FindStringSubmatchIndex(seg); m != nil {
			name := strings.TrimRight(seg[m[2]:m[3]], " ,")
			if name != "" && !strings.EqualFold(name, "guidelines") {
				return []Citation{{Field: blockField(b, s, e), Unknown: blockField(b, s+m[2], s+m[2]+len(name)), Where: where}}
			}
		}
		return nil
	}
	// Every name found is a citation.
	out := make([]Citation, 0, len(ms))
	for i, m := range ms {
		end := len(seg)
		if i+1 < len(ms) {
			end = ms[i+1].Start
		}
		g := cat.Guidelines[m.Entry]
		c := Citation{Field: blockField(b, s+m.Start, s+end), Guideline: g, Name: blockField(b, s+m.Start, s+m.End), Where: where}
		before := seg[max(0, m.Start-30):m.Start]
		if cm := chapterBefore(before); cm != nil {
			off := m.Start - len(before)
			c.Chapter, _ = strconv.Atoi(before[cm[2]:cm[3]])
			c.ChapterAt = blockField(b, s+off+cm[0], s+off+cm[1])
			c.ChapterAt.Text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.ChapterAt.Text), ":"))
			c.ChapterAt.End = c.ChapterAt.Start + len(c.ChapterAt.Text)
		}
		after := seg[m.End:end]
		secStart := 0
		if ym := yearAfter(after); ym != nil {
			c.Year, _ = strconv.Atoi(after[ym[2]:ym[3]])
			c.YearAt = blockField(b, s+m.End+ym[2], s+m.End+ym[3])
			secStart = ym[1]
		} else if ym := yearBefore(before); ym != nil {
			off := m.Start - len(before)
			c.Year, _ = strconv.Atoi(before[ym[2]:ym[3]])
			c.YearAt = blockField(b, s+off+ym[2], s+off+ym[3])
		}
		if c.Year != 0 {
			// A name two guidelines carry ("Elbow Disorders 2007", the
			// revised ACOEM chapter, and "Elbow Disorders 2013") is the one
			// with an edition of the year cited.
			g = byYear(cat, g, c.Name.Text, c.Year)
			c.Guideline = g
		}
		if where != "rationale" {
			secEnd := len(after)
			if e := sectionsEnd(after); e >= 0 {
				secStart = e
			}
			if pe := sectionEnd(after[secStart:]); pe >= 0 {
				secEnd = secStart + pe
			}
			p.citedSections(b, s+m.End+secStart, s+m.End+secEnd, g, &c, toks, s)
			var pbuf [4][4]int // on the stack: few citations name more pages
			for _, pm := range pages(pbuf[:0], after) {
				list := after[pm[2]:pm[3]]
				for _, nm := range pageNums(list) {
					first, _ := strconv.Atoi(list[nm[2]:nm[3]])
					last := first
					if nm[4] >= 0 {
						last, _ = strconv.Atoi(list[nm[4]:nm[5]])
					}
					at := s + m.End + pm[2] + nm[0]
					c.Pages = append(c.Pages, CitedPages{Field: blockField(b, at, at+nm[1]-nm[0]), First: first, Last: last})
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// byYear returns, of the guidelines that carry the name n, the one with an
// edition of that year: g itself when it has one or no other does.
func byYear(cat *rules.Catalog, g *rules.Guideline, n string, year int) *rules.Guideline {
	if _, ok := g.Edition(year); ok {
		return g
	}
	for _, o := range cat.SameName(n) {
		if _, ok := o.Edition(year); ok {
			return o
		}
	}
	return g
}

// startsCitation tells a guideline name that begins a new citation from
// one that is part of a section title ("3.3 Opioids for Chronic Pain and
// Chronic Opioid Treatment"): a new citation has a year, pages or a
// section list right after it, or "Chapter N", "MTUS" or "," before it.
func startsCitation(seg string, m phrase.Match) bool {
	after := seg[m.End:min(len(seg), m.End+16)]
	if yearAfter(after) != nil || ascii.ContainsFold(after, "page") || ascii.ContainsFold(after, "section") {
		return true
	}
	before := strings.TrimSpace(seg[max(0, m.Start-20):m.Start])
	return chapterBefore(before) != nil || hasSuffixFold(before, "mtus") || strings.HasSuffix(before, ",")
}

// chapterBefore is the match in s of
// `(?i)\bChapter\s+(\d{1,2})\s*[:,]?\s*$`, the chapter before a
// guideline's name, as submatch indexes, or nil. It is read from the end:
// the spaces, colon or comma and spaces after the number, then the number,
// which must be all of a run of one or two digits (a longer run leaves a
// digit where \s+ must be), the spaces before it and "Chapter" starting a
// word.
func chapterBefore(s string) []int {
	e := spacesBefore(s, len(s))
	if e > 0 && (s[e-1] == ':' || s[e-1] == ',') {
		e = spacesBefore(s, e-1)
	}
	ns := e
	for ns > 0 && ascii.IsDigit(s[ns-1]) {
		ns--
	}
	if n := e - ns; n < 1 || n > 2 {
		return nil
	}
	k := spacesBefore(s, ns)
	if k == ns {
		return nil
	}
	const lit = "chapter"
	c := k - len(lit)
	if c < 0 || !ascii.HasPrefixFold(s[c:k], lit) || (c > 0 && isWord(s[c-1])) {
		return nil
	}
	return []int{c, len(s), ns, e}
}

// yearAfter is the match of `^\s*,?\s*\(?((?:19|20)\d{2})\)?` at the
// start of s, the year after a guideline's name, as submatch indexes, or
// nil.
func yearAfter(s string) []int {
	j := spacesAfter(s, 0)
	if j < len(s) && s[j] == ',' {
		j++
	}
	j = spacesAfter(s, j)
	if j < len(s) && s[j] == '(' {
		j++
	}
	if j+4 > len(s) || !(s[j] == '1' && s[j+1] == '9' || s[j] == '2' && s[j+1] == '0') || !ascii.IsDigit(s[j+2]) || !ascii.IsDigit(s[j+3]) {
		return nil
	}
	e := j + 4
	if e < len(s) && s[e] == ')' {
		e++
	}
	return []int{0, e, j, j + 4}
}

// yearBefore is yearBeforeRE's submatches in s, the year before a
// guideline's name, or nil. Few strings hold a year; only those are read
// with the pattern.
func yearBefore(s string) []int {
	if !hasYear(s) {
		return nil
	}
	return yearBeforeRE.FindStringSubmatchIndex(s)
}

// hasYear reports whether s holds `(?:19|20)\d{2}`.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && ascii.IsDigit(s[i+2]) && ascii.IsDigit(s[i+3]) {
			return true
		}
	}
	return false
}

// sectionsEnd is the end of the first section-list lead in s,
// `(?i)Sections?\s*\(s\)\s*:\s*|Sections?\s*:\s*`, or -1.
func sectionsEnd(s string) int {
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], "section")
		if k < 0 {
			return -1
		}
		i := from + k
		from = i + 1
		j := spacesAfter(s, optS(s, i+len("section")))
		if ascii.HasPrefixFold(s[j:], "(s)") {
			j = spacesAfter(s, j+3)
		}
		if j < len(s) && s[j] == ':' {
			return spacesAfter(s, j+1)
		}
	}
}

// sectionEnd is where a section list ends: the start of the first match
// in s of
//
//	(?i)\b(?:Page\(s\)|Pages?\b|pgs?\.|Decision based on)|,?\s*which (?:is|are) (?:a )?part of
//
// or -1. A match of the second
// alternative starts at its comma or, without one, at the first of the
// spaces before "which".
func sectionEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i] | 0x20; {
		case c == 'p' || c == 'd':
			if (i == 0 || !isWord(s[i-1])) && pageWordAt(s, i) {
				return i
			}
		case c == 'w' || s[i] == ',' || isSpace(s[i]):
			if partOfAt(s, i) {
				return i
			}
		}
	}
	return -1
}

// pageWordAt matches `Page\(s\)|Pages?\b|pgs?\.|Decision based on` at
// s[i:].
func pageWordAt(s string, i int) bool {
	rest := s[i:]
	switch {
	case ascii.HasPrefixFold(rest, "page(s)"), ascii.HasPrefixFold(rest, "decision based on"):
		return true
	case ascii.HasPrefixFold(rest, "page"):
		// `Pages?\b`: without the "s" the \b would fall before it.
		return !isWordAt(s, optS(s, i+4))
	case ascii.HasPrefixFold(rest, "pg"):
		j := optS(s, i+2)
		return j < len(s) && s[j] == '.'
	}
	return false
}

// partOfAt matches `,?\s*which (?:is|are) (?:a )?part of` at s[i:].
func partOfAt(s string, i int) bool {
	if s[i] == ',' {
		i++
	}
	i = spacesAfter(s, i)
	if !ascii.HasPrefixFold(s[i:], "which ") {
		return false
	}
	i += len("which ")
	switch {
	case ascii.HasPrefixFold(s[i:], "is "):
		i += 3
	case ascii.HasPrefixFold(s[i:], "are "):
		i += 4
	default:
		return false
	}
	if ascii.HasPrefixFold(s[i:], "a part of") {
		return true
	}
	return ascii.HasPrefixFold(s[i:], "part of")
}

// pages appends to out the page lists of s, each as the whole match and
// the list:
//
//	(?i)\b(?:Page\(s\)|Pages?|pgs?\.?|p\.)\s*:?\s*
//	((?:\d{1,4}(?:\s*-\s*\d{1,4})?)(?:\s*,\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*)
//
// Each optional part is taken when what follows it fits, as a greedy
// pattern does: nothing after the page list can fail. Every match holds
// "page", "pg" or "p.", so a string with none is passed over at once.
func pages(out [][4]int, s string) [][4]int {
	if !containsAnyFold(s, "pag", "pg", "p.") {
		return out
	}
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != 'p' || (i > 0 && isWord(s[i-1])) {
			continue
		}
		ls := pageListStart(s, i)
		if ls < 0 {
			continue
		}
		le := pageListEnd(s, ls)
		out = append(out, [4]int{i, le, ls, le})
		i = le - 1
	}
	return out
}

// pageListStart matches the page word and `\s*:?\s*` at s[i:] and returns
// where the page list starts (a digit must), or -1. Only "Page(s)" and
// "Pages?" share a start; when "Page(s)" fails, "Page" leaves "(" where the
// list should be, and fails too.
func pageListStart(s string, i int) int {
	rest := s[i:]
	var e int
	switch {
	case ascii.HasPrefixFold(rest, "page(s)"):
		e = i + 7
	case ascii.HasPrefixFold(rest, "page"):
		e = optS(s, i+4)
	case ascii.HasPrefixFold(rest, "pg"):
		e = optS(s, i+2)
		if e < len(s) && s[e] == '.' {
			e++
		}
	case ascii.HasPrefixFold(rest, "p."):
		e = i + 2
	default:
		return -1
	}
	e = spacesAfter(s, e)
	if e < len(s) && s[e] == ':' {
		e = spacesAfter(s, e+1)
	}
	if !isDigitAt(s, e) {
		return -1
	}
	return e
}

// pageListEnd reads `\d{1,4}(?:\s*-\s*\d{1,4})?(?:\s*,\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*`
// from the digit at s[i]: its end.
func pageListEnd(s string, i int) int {
	e := pageItemEnd(s, i)
	for {
		j := spacesAfter(s, e)
		if j >= len(s) || s[j] != ',' {
			return e
		}
		j = spacesAfter(s, j+1)
		if !isDigitAt(s, j) {
			return e
		}
		e = pageItemEnd(s, j)
	}
}

// pageItemEnd reads `\d{1,4}(?:\s*-\s*\d{1,4})?` from the digit at s[i]:
// its end. The range is taken when a digit follows the hyphen.
func pageItemEnd(s string, i int) int {
	e := i + min(digitRun(s, i), 4)
	if _, r := rangeTail(s, e); r >= 0 {
		return r
	}
	return e
}

// rangeTail reads `\s*-\s*(\d{1,4})` at s[i:]: the number's range, or
// -1, -1.
func rangeTail(s string, i int) (start, end int) {
	j := spacesAfter(s, i)
	if j >= len(s) || s[j] != '-' {
		return -1, -1
	}
	j = spacesAfter(s, j+1)
	if !isDigitAt(s, j) {
		return -1, -1
	}
	return j, j + min(digitRun(s, j), 4)
}

// pageNums reads the pages and ranges of a page list,
// `(\d{1,4})(?:\s*-\s*(\d{1,4}))?` each: for each, the whole, the first
// number and the last (-1, -1 without one).
func pageNums(s string) [][6]int {
	var out [][6]int
	for i := 0; i < len(s); i++ {
		if !ascii.IsDigit(s[i]) {
			continue
		}
		e := i + min(digitRun(s, i), 4)
		m := [6]int{i, e, i, e, -1, -1}
		if ls, le := rangeTail(s, e); ls >= 0 {
			m[1], m[4], m[5] = le, ls, le
		}
		out = append(out, m)
		i = m[1] - 1
	}
	return out
}

// citedSections resolves the section list b.Text[s:e] against g. toks are
// the tokens of the citation's segment, which starts at b.Text[at]: the
// list's own are taken from them when they can be (see subTokens), rather
// than tokenized again.
func (p *parser) citedSections(b text.Block, s, e int, g *rules.Guideline, c *Citation, toks []phrase.Token, at int) {
	if s >= e {
		return
	}
	seg := b.Text[s:e]
	covered := make([]bool, len(seg))
	// off turns the matches' offsets into seg's.
	secToks, ok := subTokens(toks, s-at, e-at)
	off := s - at
	if !ok {
		secToks, off = phrase.Tokenize(seg), 0
	}
	// known is each title found: its end and start in seg and its index
	// in c.Sections (on the stack: a list has few titles).
	var kbuf [8][3]int
	known := kbuf[:0]
	for _, m := range g.SectionMatcher.FindTokens(secToks) {
		m.Start -= off
		m.End -= off
		known = append(known, [3]int{m.End, m.Start, len(c.Sections)})
		c.Sections = append(c.Sections, CitedSection{Field: blockField(b, s+m.Start, s+m.End), Section: &g.Sections[m.Entry]})
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
		}
	}
	for _, m := range regulations(seg) {
		for i := m[0]; i < m[1]; i++ {
			covered[i] = true
		}
	}
	// What no section title covers is a section the catalog lacks.
	i := 0
	for i < len(seg) {
		if covered[i] {
			i++
			continue
		}
		j := i
		for j < len(seg) && !covered[j] {
			j++
		}
		var buf [8][2]int // most runs have a few parts: on the stack
		for n, part := range splitKeep(buf[:0], seg, i, j) {
			frag := strings.Trim(seg[part[0]:part[1]], " .,:;()-")
			if !meaningful(frag) {
				continue
			}
			k := part[0] + strings.Index(seg[part[0]:part[1]], frag)
			if x := titleEndingAt(known, i); x != nil && n == 0 && continuesTitle(seg, i) {
				// "NSAIDs, hypertension and renal function" with only
				// "NSAIDs" in the catalog: the comma part belongs to the
				// title, which the catalog lacks; "NSAIDs" is not what
				// was cited.
				c.Sections[x[2]] = CitedSection{Field: blockField(b, s+x[1], s+k+len(frag))}
				continue
			}
			c.Sections = append(c.Sections, CitedSection{Field: blockField(b, s+k, s+k+len(frag))})
		}
		i = j
	}
}

// titleEndingAt is the title of known (end, start, index) that ends at i,
// or nil.
func titleEndingAt(known [][3]int, i int) *[3]int {
	for k := range known {
		if known[k][0] == i {
			return &known[k]
		}
	}
	return nil
}

// continuesTitle reports whether seg[i:] goes on with the comma part of a
// title: a comma, then a word in small letters other than "and"
// ("Ultrasound, therapeutic"; "Capsaicin, topical"). Section lists put a
// title in capitals after their commas ("Special Studies, Summary").
func continuesTitle(seg string, i int) bool {
	j := spacesAfter(seg, i)
	if j >= len(seg) || seg[j] != ',' {
		return false
	}
	return lowerWordAt(seg, spacesAfter(seg, j+1))
}

// lowerWordAt reports whether a word in small letters, other than "and",
// starts at s[i].
func lowerWordAt(s string, i int) bool {
	if i >= len(s) || s[i] < 'a' || s[i] > 'z' {
		return false
	}
	return !(strings.HasPrefix(s[i:], "and") && !isWordAt(s, i+3))
}

// splitKeep appends to out the parts of seg[i:j] split at commas,
// semicolons and "and" (in small letters), with the spaces around them:
// at `\s*(?:[,;]|\band\b)\s*`, each looked for from the end of the last.
// A comma before a word in small letters is a title's own ("Ultrasound,
// therapeutic"), and "and" splits only before a capital or a digit
// ("Compound drugs, and Opioids"; not "hypertension and renal function").
func splitKeep(out [][2]int, seg string, i, j int) [][2]int {
	t := seg[i:j]
	last := 0
	for k := 0; k < len(t); k++ {
		e := sectionSplitAt(t, k)
		if e < 0 {
			continue
		}
		out = append(out, [2]int{i + last, i + k})
		last = e
		k = e - 1
	}
	return append(out, [2]int{i + last, j})
}

// sectionSplitAt matches a separator of splitKeep at t[k:]: its end, or -1. The
// spaces before the separator are all taken, or it would have to start
// with a space.
func sectionSplitAt(t string, k int) int {
	j := spacesAfter(t, k)
	switch {
	case j < len(t) && t[j] == ';':
		return spacesAfter(t, j+1)
	case j < len(t) && t[j] == ',':
		e := spacesAfter(t, j+1)
		if lowerWordAt(t, e) {
			return -1
		}
		return e
	case strings.HasPrefix(t[j:], "and") && (j == 0 || !isWord(t[j-1])) && !isWordAt(t, j+3):
		e := spacesAfter(t, j+3)
		if e < len(t) && (t[e] >= 'A' && t[e] <= 'Z' || ascii.IsDigit(t[e])) {
			return e
		}
	}
	return -1
}

// regulations is regulationRE's matches: each holds four digits in a row,
// which most segments do not.
func regulations(seg string) [][]int {
	if !hasDigitRun(seg, 4) {
		return nil
	}
	return regulationRE.FindAllStringIndex(seg, -1)
}

// hasDigitRun reports whether s holds n ASCII digits in a row (\d is ASCII
// digits only, in any letter).
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if ascii.IsDigit(s[i]) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

var notSection = map[string]bool{"and": true, "guidelines": true, "guideline": true, "mtus": true, "the": true, "of": true, "chapter": true, "acoem": true, "treatment": true, "medical": true, "acute & chronic": true, "acute and chronic": true}

func meaningful(frag string) bool {
	l := strings.ToLower(frag)
	if len(l) < 3 || notSection[l] {
		return false
	}
	for _, r := range l {
		if r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}

// odgCitation reads "Official Disability Guidelines (ODG) Knee & Leg
// (Acute & Chronic), MRI's".
func (p *parser) odgCitation(b text.Block, s, e int, c *Citation) {
	seg := b.Text[s:e]
	loc := odgLeadRE.FindStringIndex(seg)
	if loc == nil {
		return
	}
	rest := seg[loc[1]:]
	// rest's words are read once, for the guideline's name and for its
	// sections after it.
	toks := phrase.Tokenize(rest)
	ms := p.v.Catalog.ODGNames.FindTokens(toks)
	if len(ms) == 0 {
		if meaningful(strings.Trim(rest, " .,")) {
			c.Unknown = blockField(b, s+loc[1], s+loc[1]+len(strings.TrimRight(rest, " .")))
		}
		return
	}
	m := ms[0]
	g := p.v.Catalog.Guidelines[m.Entry]
	c.Guideline = g
	c.Name = blockField(b, s+loc[1]+m.Start, s+loc[1]+m.End)
	secToks, ok := subTokens(toks, m.End, len(rest))
	off := m.End // turns the matches' offsets into rest[m.End:]'s
	if !ok {
		secToks, off = phrase.Tokenize(rest[m.End:]), 0
	}
	for _, sm := range g.SectionMatcher.FindTokens(secToks) {
		at := s + loc[1] + m.End - off
		c.Sections = append(c.Sections, CitedSection{Field: blockField(b, at+sm.Start, at+sm.End), Section: &g.Sections[sm.Entry]})
	}
}

// rationaleMentions reads the guidelines a rationale names and relies on.
func (p *parser) rationaleMentions(b text.Block, sentences []Sentence) []Citation {
	var out []Citation
	for _, s := range sentences {
		if !strings.Contains(s.Text, "ODG") && !strings.Contains(s.Text, "isability") && !strings.Contains(s.Text, "ISABILITY") {
			continue
		}
		if notRelied(s.Text) {
			continue
		}
		for _, m := range mentionODG.FindAllStringIndex(s.Text, -1) {
			out = append(out, Citation{Field: blockField(s.Block, m[0], m[1]), ODG: true, NonMTUS: true, Where: "rationale"})
		}
	}
	if p.v.Catalog != nil {
		for _, s := range sentences {
			out = append(out, p.mtusCitationsToks(s.Block, 0, len(s.Text), s.Toks, "rationale")...)
		}
	}
	for _, s := range sentences {
		for _, t := range s.Toks {
			if t.Raw == "ACOEM" {
				out = append(out, Citation{Field: blockField(s.Block, t.Start, t.End), Where: "rationale"})
			}
		}
	}
	return out
}

// notRelied reports whether a sentence names a guideline to say it does
// not apply ("The MTUS Guidelines and ODG do not address the use of
// Viagra"): `(?i)\b(?:do|does|did) not (?:address|discuss|cover|mention)|\bsilent\b|\bnot addressed\b`.
func notRelied(s string) bool {
	return hasWordFold(s, "silent") || hasWordFold(s, "not addressed") || doNotAddress(s)
}

// doNotAddress reports whether s holds `(?i)\b(?:do|does|did) not
// (?:address|discuss|cover|mention)`; no \b closes it.
func doNotAddress(s string) bool {
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], " not ")
		if k < 0 {
			return false
		}
		i := from + k
		from = i + 1
		if !hasSuffixWordFold(s[:i], "do") && !hasSuffixWordFold(s[:i], "does") && !hasSuffixWordFold(s[:i], "did") {
			continue
		}
		rest := s[i+len(" not "):]
		for _, w := range [...]string{"address", "discuss", "cover", "mention"} {
			if ascii.HasPrefixFold(rest, w) {
				return true
			}
		}
	}
}
