package letter

import (
	"github.com/imrlint/imrlint/internal/phrase"
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/text"
)

// authorizedRE finds what the Claims Administrator authorised of a partly
// authorised request. It runs only on the few headers that name an
// original request, and has no hand-written form.
var authorizedRE = regexp.MustCompile(`(?i)([^.]*?)\bwas (?:authorized|certified|approved) by the Claims Administrator\b|The Claims Administrator (?:authorized|certified|approved)\s+([^.]*)`)

// items2014 reads the items of the current layout: a header closing with a
// decision word, then labelled paragraphs.
func (p *parser) items2014() {
	ls := p.lines()
	start := 0
	if s, ok := p.l.Section(SecIssues); ok {
		start = s.first
		p.l.IssuesHeading = s.Heading
	} else {
		for _, s := range p.l.Sections {
			if s.Name == SecSummary {
				start = s.first
			}
		}
	}
	type hdr struct{ first, last int }
	var hdrs []hdr
	for i := start; i < len(ls); i++ {
		ln := ls[i]
		if ln.Break || isLabel(ln.Text) {
			continue
		}
		if _, _, ok := decisionAtEnd(ln.Text); !ok {
			continue
		}
		// Walk back over the wrapped lines of the header.
		first := i
		// A decision wrapped onto a line of its own follows a line that
		// ends in the header's colon.
		at, _, _, _ := decisionEnd(ln.Text)
		bare := at == 0
		for k := i - 1; k >= start && i-k < 6; k-- {
			prev := ls[k]
			if prev.Break || isLabel(prev.Text) || isHeading(prev.Text) {
				break
			}
			colonOK := bare && k == i-1 && strings.HasSuffix(prev.Text, ":")
			if sentenceEnd(prev.Text) && !partialTail(prev.Text) && !colonOK {
				break
			}
			if len(hdrs) > 0 && k <= hdrs[len(hdrs)-1].last {
				break
			}
			first = k
		}
		hdrs = append(hdrs, hdr{first, i})
	}
	for n, h := range hdrs {
		end := len(ls)
		if n+1 < len(hdrs) {
			end = hdrs[n+1].first
		}
		it := Item{Index: n + 1, Line: ls[h.first].Num}
		it.header = text.Join(ls[h.first : h.last+1])
		it.Header = blockField(it.header, 0, len(it.header.Text))
		p.readHeader2014(&it)
		paras := p.splitLabelled(ls[h.last+1:end], labels2014)
		it.ClaimsGuideline, it.MaximusGuideline, it.Rationale = paras[0], paras[1], paras[2]
		p.l.Items = append(p.l.Items, it)
	}
}

// decisionAtEnd finds the decision word closing a header line.
func decisionAtEnd(s string) (start, end int, ok bool) {
	// Most lines end in neither a decision word nor a field; decisionEnd
	// reads only those that might.
	t := strings.TrimRight(s, " .")
	if t == "" {
		return 0, 0, false
	}
	switch c := t[len(t)-1]; {
	case c == 'd' || c == 'D' || c == '}' || c == ']' || c == '>':
	case strings.HasSuffix(t, "»"):
	default:
		return 0, 0, false
	}
	_, start, end, ok = decisionEnd(s)
	return start, end, ok
}

// decisionEnd finds an item header's closing decision, "...: Upheld", or
// in a template the field that stands for it ("...: {{decision}}"):
//
//	(?i)(?:^|:)\s*(Upheld|Overturned|Partially Overturned|\{\{[^{}]*\}\}|
//	\[\[[^\[\]]*\]\]|<<[^<>]*>>|«[^«»]*»|\[INSERT\b[^\]]*\])\s*\.?$
//
// It returns the start of the whole match and the decision's range. The
// match starts at the start of s or at a colon, the leftmost that works.
func decisionEnd(s string) (at, start, end int, ok bool) {
	for from := -1; ; {
		i := from + 1
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if e := decisionWordEnd(s, i); e >= 0 && onlyDotAfter(s, e) {
			return max(from, 0), i, e, true
		}
		next := strings.IndexByte(s[from+1:], ':')
		if next < 0 {
			return 0, 0, 0, false
		}
		from += 1 + next
	}
}

// decisionWordEnd reads a decision word or a template field at s[i:]: its
// end, or -1.
func decisionWordEnd(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	rest := s[i:]
	switch rest[0] | 0x20 {
	case 'u':
		if ascii.HasPrefixFold(rest, "upheld") {
			return i + 6
		}
	case 'o':
		if ascii.HasPrefixFold(rest, "overturned") {
			return i + 10
		}
	case 'p':
		if ascii.HasPrefixFold(rest, "partially overturned") {
			return i + 20
		}
	}
	switch {
	case strings.HasPrefix(rest, "{{"):
		return pairedEnd(s, i+2, '{', '}')
	case strings.HasPrefix(rest, "[["):
		return pairedEnd(s, i+2, '[', ']')
	case strings.HasPrefix(rest, "<<"):
		return pairedEnd(s, i+2, '<', '>')
	case strings.HasPrefix(rest, "«"):
		return guillemetEnd(s, i+len("«"))
	case ascii.HasPrefixFold(rest, "[insert"):
		// `\[INSERT\b[^\]]*\]`
		j := i + 7
		if j < len(s) && isWord(s[j]) {
			return -1
		}
		if k := strings.IndexByte(s[j:], ']'); k >= 0 {
			return j + k + 1
		}
	}
	return -1
}

// pairedEnd reads `[^oc]*cc` at s[i:] (the inside and close of "{{...}}"):
// its end, or -1.
func pairedEnd(s string, i int, o, c byte) int {
	for j := i; j < len(s); j++ {
		switch s[j] {
		case o:
			return -1
		case c:
			if j+1 < len(s) && s[j+1] == c {
				return j + 2
			}
			return -1
		}
	}
	return -1
}

// guillemetEnd reads `[^«»]*»` at s[i:] (the inside and close of a Word
// merge field, "«Decision»"): its end, or -1. « is the bytes C2 AB and »
// C2 BB; C2 is never the continuation of another character, so the pair
// is the character wherever it stands.
func guillemetEnd(s string, i int) int {
	for j := i; j+1 < len(s); j++ {
		if s[j] != 0xC2 {
			continue
		}
		switch s[j+1] {
		case 0xAB:
			return -1
		case 0xBB:
			return j + 2
		}
	}
	return -1
}

// onlyDotAfter reports whether s[i:] is `\s*\.?`.
func onlyDotAfter(s string, i int) bool {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
	}
	return i == len(s)
}

// sentenceEnd reports whether the line s ends a sentence, `[.!?:;]["')]?$`.
func sentenceEnd(s string) bool {
	n := len(s)
	if n > 0 && (s[n-1] == '"' || s[n-1] == '\'' || s[n-1] == ')') {
		if n > 1 && isSentencePunct(s[n-2]) {
			return true
		}
	}
	return n > 0 && isSentencePunct(s[n-1])
}

func isSentencePunct(c byte) bool {
	return c == '.' || c == '!' || c == '?' || c == ':' || c == ';'
}

// partialTail reports whether s ends as a sentence of a partial
// authorisation's header does, which ends a line without ending the
// header: `(?i)(original request|authorized by the Claims
// Administrator|IMR eligible|Claims Administrator)\.$`.
func partialTail(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	s = s[:len(s)-1]
	// "authorized by the Claims Administrator" ends in the last one.
	return hasSuffixFold(s, "original request") || hasSuffixFold(s, "imr eligible") || hasSuffixFold(s, "claims administrator")
}

// splitLabelled finds the paragraphs that start with each label; a
// paragraph runs to the next label or the end of ls.
//
// The paragraphs come back in an array, one for each of at most three
// labels, rather than in a list made for each item.
func (p *parser) splitLabelled(ls []text.Line, labels []label) (out [3]Paragraph) {
	cur := -1
	// The current paragraph is ls[first:next]: its label's line and the
	// lines after it. Join skips the paragraph-break lines among them, so
	// the lines need no copying out.
	first, next := 0, 0
	var labelEnd int
	flush := func() {
		if cur < 0 {
			return
		}
		labelLine := ls[first]
		b := text.Join(ls[first:next])
		// Drop the label from the body block.
		s := labelEnd
		for s < len(b.Text) && b.Text[s] == ' ' {
			s++
		}
		out[cur] = Paragraph{Label: lineField(labelLine, 0, labelEnd), Body: b.Sub(s, len(b.Text)), Span: b.Span(0, len(b.Text))}
	}
	for i, ln := range ls {
		if ln.Break {
			continue
		}
		if isHeading(ln.Text) {
			break
		}
		found, end := -1, 0
		if mayBeLabel(ln.Text) {
			for k, lb := range labels {
				if e := lb(ln.Text); e >= 0 {
					found, end = k, e
					break
				}
			}
		}
		if found >= 0 {
			// The paragraph before ends here, with its own label's end.
			flush()
			cur, first, next, labelEnd = found, i, i+1, end
			continue
		}
		if cur >= 0 {
			next = i + 1
		}
	}
	flush()
	return out
}

// readHeader2014 splits a header into request and decision, and for a
// partly authorised request reads the original and authorised quantities.
func (p *parser) readHeader2014(it *Item) {
	h := it.header
	ds, de, ok := decisionAtEnd(h.Text)
	if !ok {
		return
	}
	it.DecisionAt = blockField(h, ds, de)
	it.Decision = decisionWord(h.Text[ds:de])
	reqEnd := ds
	if at := trailingIs(h.Text[:ds]); at >= 0 {
		reqEnd = at
	}
	for reqEnd > 0 && (h.Text[reqEnd-1] == ' ' || h.Text[reqEnd-1] == ':') {
		reqEnd--
	}
	reqStart := 0
	// Few headers are of a partial authorisation, which names "the
	// original request"; only those are read for its parts.
	if m := original(h.Text[:reqEnd]); m != nil {
		// "X was the original request. ... The remaining IMR eligible
		// portion of the original request, Y is: Upheld"
		it.OriginalAt = blockField(h, 0, m[0])
		if q := p.requestQuantity(h, 0, m[0]); q != nil {
			it.Original = q
		}
		if a := authorizedRE.FindStringSubmatchIndex(h.Text[m[1]:reqEnd]); a != nil {
			as, ae := a[2], a[3]
			if as < 0 {
				as, ae = a[4], a[5]
			}
			// "The Claims Administrator authorized 2 sessions of
			// occupational therapy, leaving the original request IMR
			// eligible": another service was authorized, none of this one.
			auth := h.Text[m[1]+as : m[1]+ae]
			if !ascii.ContainsFold(auth, "leaving the original request") && p.sameService(h.Text[:m[0]], auth) {
				it.Authorized = p.requestQuantity(h, m[1]+as, m[1]+ae)
			}
		}
		if e := remainingEnd(h.Text[:reqEnd]); e >= 0 {
			reqStart = e
		} else {
			reqStart = m[1]
		}
	}
	it.Request = blockField(h, reqStart, reqEnd)
	p.readRequest(it, h, reqStart, reqEnd)
}

// sameService reports whether an authorization is of the original
// request's service: it names no treatment, or the original's.
func (p *parser) sameService(original, auth string) bool {
	a := p.v.Treatment.Find(auth)
	o := p.v.Treatment.Find(original)
	if len(a) == 0 || len(o) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range o {
			if p.v.Treatments[x.Entry].ID == p.v.Treatments[y.Entry].ID {
				return true
			}
		}
	}
	return false
}

// trailingIs is where the " is:" or ":" between a header's request and its
// decision starts: the leftmost match of `(?i)[\s,]+is:?\s*$|:\s*$`, or
// -1. Both alternatives end the
// string, so the match is found from the end: a colon before trailing
// space, or "is" (a colon may follow) after a run of spaces and commas,
// from the start of that run.
func trailingIs(s string) int {
	e := len(s)
	for e > 0 && isSpace(s[e-1]) {
		e--
	}
	at := -1
	if e > 0 && s[e-1] == ':' {
		at = e - 1
	}
	u := e
	if u > 0 && s[u-1] == ':' {
		u--
	}
	if u >= 3 && hasSuffixFold(s[:u], "is") {
		r := u - 2
		for r > 0 && (isSpace(s[r-1]) || s[r-1] == ',') {
			r--
		}
		if r < u-2 {
			at = r // before any colon
		}
	}
	return at
}

// original is the first `(?i)\bwas the original request\b` of s, as a
// range, or nil.
func original(s string) []int {
	const lit = "was the original request"
	if i := indexWordFold(s, lit, true); i >= 0 {
		return []int{i, i + len(lit)}
	}
	return nil
}

// remainingEnd is where the request of a partial authorisation's header
// starts: the end of the last match in s of
//
//	(?i)(?:The )?remaining IMR eligible portion of the original request,?\s*|The original request,?\s*
//
// each looked for from the end of the one before, or -1.
func remainingEnd(s string) int {
	last := -1
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c != 't' && c != 'r' {
			continue
		}
		if e := remainingAt(s, i); e >= 0 {
			last = e
			i = e - 1
		}
	}
	return last
}

// remainingAt matches remainingEnd's pattern at s[i:]: its end, or -1. A "The " that
// "remaining ..." does not follow cannot be skipped, as "remaining" would
// then have to start with "T".
func remainingAt(s string, i int) int {
	const remaining, original = "remaining imr eligible portion of the original request", "the original request"
	var e int
	switch {
	case ascii.HasPrefixFold(s[i:], "the "+remaining):
		e = i + len("the "+remaining)
	case ascii.HasPrefixFold(s[i:], remaining):
		e = i + len(remaining)
	case ascii.HasPrefixFold(s[i:], original):
		e = i + len(original)
	default:
		return -1
	}
	if e < len(s) && s[e] == ',' {
		e++
	}
	return spacesAfter(s, e)
}

// decisionWord reads the decision a header closes with, ignoring case and
// the spacing of its words.
func decisionWord(s string) Decision {
	switch {
	case wordsFold(s, "upheld"):
		return Upheld
	case wordsFold(s, "overturned"):
		return Overturned
	case wordsFold(s, "partially", "overturned"):
		return Partial
	}
	return NoDecision
}

// wordsFold reports whether the words of s, split at ASCII white space,
// are words (lower-case), ignoring case.
func wordsFold(s string, words ...string) bool {
	for _, w := range words {
		s = trimFieldSpace(s)
		if !ascii.HasPrefixFold(s, w) {
			return false
		}
		s = s[len(w):]
		if s != "" && !isFieldSpace(s[0]) {
			return false
		}
	}
	return trimFieldSpace(s) == ""
}

// trimFieldSpace drops the ASCII white space wordsFold splits at from the
// start of s.
func trimFieldSpace(s string) string {
	for s != "" && isFieldSpace(s[0]) {
		s = s[1:]
	}
	return s
}

// isFieldSpace reports ASCII white space as unicode.IsSpace has it:
// [\t\n\v\f\r ].
func isFieldSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// determinations reads the 2013 layout's numbered list: "1) MAXIMUS Federal
// Services, Inc. has determined the request for X is (not) medically
// necessary and appropriate."
func (p *parser) determinations() {
	ls := p.lines()
	for i := 0; i < len(ls); i++ {
		num, ok := numberPrefix(ls[i].Text)
		if !ok || isRegarding(ls[i].Text) {
			continue
		}
		j := i + 1
		for j < len(ls) && !ls[j].Break && !isNumbered(ls[j].Text) && !isHeading(ls[j].Text) && j-i < 8 {
			j++
		}
		b := text.Join(ls[i:j])
		loc := determined(b.Text)
		if loc == nil {
			continue
		}
		d := Determination{Block: blockField(b, 0, len(b.Text))}
		d.Index = atoi(num)
		rs := loc[1]
		for rs < len(b.Text) && b.Text[rs] == ' ' {
			rs++
		}
		c, ok := p.conclusionIn(b, rs)
		re := len(b.Text)
		if ok {
			d.Decision = c.Decision
			d.Phrase = c.Phrase
			re = c.phraseStart
		}
		for re > rs && (b.Text[re-1] == ' ' || b.Text[re-1] == ',') {
			re--
		}
		if endsInIs(b.Text[rs:re]) {
			re -= 3
		}
		d.Request = blockField(b, rs, re)
		d.Quantities = p.quantities(b, rs, re)
		// The entry restates the request: its treatment and body parts
		// are compared with the item's as any restatement's are.
		p.readRestated(&d.Restated, Sentence{Block: b, Toks: phrase.Tokenize(b.Text)}, rs, re)
		p.l.Determinations = append(p.l.Determinations, d)
		i = j - 1
	}
}

// determined is the first `(?i)has determined the request for\b` of s
// (a 2013 determination: "... has determined the request for X is ..."),
// as a range, or nil.
func determined(s string) []int {
	const lit = "has determined the request for"
	if i := indexWordFold(s, lit, false); i >= 0 {
		return []int{i, i + len(lit)}
	}
	return nil
}

// endsInIs reports whether s ends in " is", in any case.
func endsInIs(s string) bool { return hasSuffixFold(s, " is") }

// items2013 reads "1) Regarding the request for X:" items.
func (p *parser) items2013() {
	ls := p.lines()
	type hdr struct{ first, last, n int }
	var hdrs []hdr
	for i := 0; i < len(ls); i++ {
		if !isRegarding(ls[i].Text) {
			continue
		}
		j := i
		for j < len(ls)-1 && !strings.HasSuffix(ls[j].Text, ":") && j-i < 4 && !ls[j+1].Break && !isLabel(ls[j+1].Text) {
			j++
		}
		num, _ := numberPrefix(ls[i].Text)
		hdrs = append(hdrs, hdr{i, j, atoi(num)})
		i = j
	}
	for k, h := range hdrs {
		end := len(ls)
		if k+1 < len(hdrs) {
			end = hdrs[k+1].first
		}
		it := Item{Index: k + 1, Line: ls[h.first].Num}
		it.header = text.Join(ls[h.first : h.last+1])
		it.Header = blockField(it.header, 0, len(it.header.Text))
		b := it.header
		rs, re := regardingForEnd(b.Text), len(b.Text)
		for re > rs && (b.Text[re-1] == ':' || b.Text[re-1] == ' ') {
			re--
		}
		it.Request = blockField(b, rs, re)
		p.readRequest(&it, b, rs, re)
		paras := p.splitLabelled(ls[h.last+1:end], labels2013)
		it.MaximusGuideline, it.Rationale = paras[0], paras[1]
		for d := range p.l.Determinations {
			if p.l.Determinations[d].Index == h.n {
				det := &p.l.Determinations[d]
				it.Determination = det
				it.Decision = det.Decision
				it.DecisionAt = det.Phrase
				if q := pickRequest(det.Quantities); q != nil {
					it.Restated, it.Quantity = it.Quantity, q
				}
			}
		}
		p.l.Items = append(p.l.Items, it)
	}
}

// isRegarding reports whether s starts a 2013 item,
// `(?i)^\d{1,2}\)\s*Regarding the request for\b`.
func isRegarding(s string) bool {
	n, ok := numberPrefix(s)
	if !ok {
		return false
	}
	const lit = "regarding the request for"
	i := spacesAfter(s, len(n)+1)
	return ascii.HasPrefixFold(s[i:], lit) && !isWordAt(s, i+len(lit))
}

// numberPrefix is the number of a numbered line ("2) ..."),
// `^(\d{1,2})\)`.
func numberPrefix(s string) (string, bool) {
	k := 0
	for k < len(s) && k < 2 && ascii.IsDigit(s[k]) {
		k++
	}
	if k == 0 || k >= len(s) || s[k] != ')' {
		return "", false
	}
	return s[:k], true
}

// isNumbered reports whether s is a numbered line.
func isNumbered(s string) bool {
	_, ok := numberPrefix(s)
	return ok
}

// regardingForEnd is where a 2013 item's request starts: the end of the
// first `(?i)Regarding the request for\s*` of s. It is asked only of a
// header whose first line isRegarding, which holds the words.
func regardingForEnd(s string) int {
	const lit = "regarding the request for"
	return spacesAfter(s, ascii.IndexFold(s, lit)+len(lit))
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return n
		}
		n = n*10 + int(c-'0')
	}
	return n
}
