package letter

import (
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/text"
)

var (
	claimsLabelRE    = regexp.MustCompile(`(?i)^Claims Administrator guidelines?\s*:`)
	maximusLabelRE   = regexp.MustCompile(`(?i)^MAXIMUS guidelines?\s*:`)
	rationaleLabelRE = regexp.MustCompile(`(?i)^Decision rationale\s*:`)
	introRE          = regexp.MustCompile(`(?i)^The Final Determination was based on decisions`)
	// decisionEndRE finds an item header's closing decision: "...: Upheld",
	// or in a template the field that stands for it ("...: {{decision}}").
	decisionEndRE = regexp.MustCompile(`(?i)(?:^|:)\s*(Upheld|Overturned|Partially Overturned|\{\{[^{}]*\}\}|\[\[[^\[\]]*\]\]|<<[^<>]*>>|«[^«»]*»|\[INSERT\b[^\]]*\])\s*\.?$`)

	guideline2013RE = regexp.MustCompile(`(?i)^Medical Treatment Guidelines?(?:\(s\))? relied upon by the Expert Reviewer\s*:`)
	rationale2013RE = regexp.MustCompile(`(?i)^Rationale Used by the Expert Reviewer\s*:`)
	numberedRE      = regexp.MustCompile(`^(\d{1,2})\)\s*`)
	// regardingForRE finds where a 2013 item's request begins; it was
	// compiled anew for every item.
	regardingForRE = regexp.MustCompile(`(?i)Regarding the request for\s*`)

	// partialTailRE matches the sentence ends of a partial-authorisation
	// header, which end a line without ending the header.
	partialTailRE = regexp.MustCompile(`(?i)(original request|authorized by the Claims Administrator|IMR eligible|Claims Administrator)\.$`)
	sentenceEndRE = regexp.MustCompile(`[.!?:;]["')]?$`)
)

// decisionAtEnd finds the decision word closing a header line.
func (p *parser) decisionAtEnd(s string) (start, end int, ok bool) {
	// Most lines end in neither a decision word nor a field; the pattern
	// runs only on those that might.
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
	_, start, end, ok = p.decisionEnd(s)
	return start, end, ok
}

// labelStarts are the first letters of every paragraph label; most lines
// start otherwise and need no pattern run.
func mayBeLabel(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case 'C', 'c', 'M', 'm', 'D', 'd', 'R', 'r', 'T', 't':
		return true
	}
	return false
}

func (p *parser) isLabel(s string) bool {
	if !mayBeLabel(s) {
		return false
	}
	for _, lb := range allLabels {
		if p.labelEnd(lb, s) >= 0 {
			return true
		}
	}
	return false
}

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
		if ln.Break || p.isLabel(ln.Text) {
			continue
		}
		if _, _, ok := p.decisionAtEnd(ln.Text); !ok {
			continue
		}
		// Walk back over the wrapped lines of the header.
		first := i
		// A decision wrapped onto a line of its own follows a line that
		// ends in the header's colon.
		at, _, _, _ := p.decisionEnd(ln.Text)
		bare := at == 0
		for k := i - 1; k >= start && i-k < 6; k-- {
			prev := ls[k]
			if prev.Break || p.isLabel(prev.Text) || p.isHeading(prev.Text) {
				break
			}
			colonOK := bare && k == i-1 && strings.HasSuffix(prev.Text, ":")
			if sentenceEnd(prev.Text) && !p.partialTail(prev.Text) && !colonOK {
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
		if p.isHeading(ln.Text) {
			break
		}
		found, end := -1, 0
		if mayBeLabel(ln.Text) {
			for k, lb := range labels {
				if e := p.labelEnd(lb, ln.Text); e >= 0 {
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

var (
	remainingRE  = regexp.MustCompile(`(?i)(?:The )?remaining IMR eligible portion of the original request,?\s*|The original request,?\s*`)
	originalRE   = regexp.MustCompile(`(?i)\bwas the original request\b`)
	authorizedRE = regexp.MustCompile(`(?i)([^.]*?)\bwas (?:authorized|certified|approved) by the Claims Administrator\b|The Claims Administrator (?:authorized|certified|approved)\s+([^.]*)`)
	trailingIsRE = regexp.MustCompile(`(?i)[\s,]+is:?\s*$|:\s*$`)
)

// readHeader2014 splits a header into request and decision, and for a
// partly authorised request reads the original and authorised quantities.
func (p *parser) readHeader2014(it *Item) {
	h := it.header
	ds, de, ok := p.decisionAtEnd(h.Text)
	if !ok {
		return
	}
	it.DecisionAt = blockField(h, ds, de)
	it.Decision = decisionWord(h.Text[ds:de])
	reqEnd := ds
	if at := p.trailingIs(h.Text[:ds]); at >= 0 {
		reqEnd = at
	}
	for reqEnd > 0 && (h.Text[reqEnd-1] == ' ' || h.Text[reqEnd-1] == ':') {
		reqEnd--
	}
	reqStart := 0
	// Few headers are of a partial authorisation; only those hold the
	// pattern's words.
	if m := p.original(h.Text[:reqEnd]); m != nil {
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
			it.Authorized = p.requestQuantity(h, m[1]+as, m[1]+ae)
		}
		if e := p.remainingEnd(h.Text[:reqEnd]); e >= 0 {
			reqStart = e
		} else {
			reqStart = m[1]
		}
	}
	it.Request = blockField(h, reqStart, reqEnd)
	p.readRequest(it, h, reqStart, reqEnd)
}

func decisionWord(s string) Decision {
	if ascii.IsASCII(s) {
		// The same words, compared in place.
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
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "upheld":
		return Upheld
	case "overturned":
		return Overturned
	case "partially overturned":
		return Partial
	}
	return NoDecision
}

// endsInIs reports whether s lower-cased ends in " is"; for ASCII without
// the lower-cased copy.
func (p *parser) endsInIs(s string) bool {
	if p.ascii {
		return hasSuffixFold(s, " is")
	}
	return strings.HasSuffix(strings.ToLower(s), " is")
}

// wordsFold reports whether the words of ASCII s, as strings.Fields
// splits them, are words (lower-case), ignoring case.
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

// trimFieldSpace drops the ASCII white space strings.Fields splits at from
// the start of s.
func trimFieldSpace(s string) string {
	for s != "" && isFieldSpace(s[0]) {
		s = s[1:]
	}
	return s
}

// isFieldSpace reports an ASCII byte unicode.IsSpace holds white space.
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
		for j < len(ls) && !ls[j].Break && !isNumbered(ls[j].Text) && !p.isHeading(ls[j].Text) && j-i < 8 {
			j++
		}
		b := text.Join(ls[i:j])
		loc := p.determined(b.Text)
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
		if p.endsInIs(b.Text[rs:re]) {
			re -= 3
		}
		d.Request = blockField(b, rs, re)
		d.Quantities = p.quantities(b, rs, re)
		p.l.Determinations = append(p.l.Determinations, d)
		i = j - 1
	}
}

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
		for j < len(ls)-1 && !strings.HasSuffix(ls[j].Text, ":") && j-i < 4 && !ls[j+1].Break && !p.isLabel(ls[j+1].Text) {
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
		rs, re := p.regardingForEnd(b.Text), len(b.Text)
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
