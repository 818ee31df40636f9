package letter

import (
	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// finishItem reads an item's paragraphs once they are split out: the
// rationale's sentences, the conclusion of the last that states one and
// the request it names, the citations of the guideline paragraph and the
// guidelines the rationale names.
func (p *parser) finishItem(it *Item) {
	if it.Rationale.Present() {
		it.Sentences = Sentences(it.Rationale.Body)
		for k := len(it.Sentences) - 1; k >= 0; k-- {
			s := it.Sentences[k]
			c, ok := p.conclusionToks(s.Block, 0, s.Toks)
			if !ok {
				continue
			}
			con := &Conclusion{Sentence: s, Decision: c.Decision, Phrase: c.Phrase}
			rs, re := 0, c.phraseStart
			if e := requestForEnd(s.Text[:re]); e >= 0 {
				rs = e
			}
			for re > rs && (s.Text[re-1] == ' ' || s.Text[re-1] == ',') {
				re--
			}
			p.readRestated(con, s, rs, re)
			it.Conclusion = con
			break
		}
	}
	if it.MaximusGuideline.Present() {
		it.Citations = p.citations(it.MaximusGuideline.Body, "maximus")
	}
	if it.Rationale.Present() {
		it.Mentions = p.rationaleMentions(it.Rationale.Body, it.Sentences)
	}
}

type conc struct {
	Decision    Decision
	Phrase      Field
	phraseStart int
}

// conclusionIn finds the last decisive phrase of b.Text[from:]. It
// returns the conclusion by value: a pointer made one escape to the heap
// for every rationale.
func (p *parser) conclusionIn(b text.Block, from int) (conc, bool) {
	return p.conclusionToks(b, from, phrase.Tokenize(b.Text[from:]))
}

// conclusionToks is conclusionIn with b.Text[from:] already tokenized (a
// sentence's own tokens).
func (p *parser) conclusionToks(b text.Block, from int, toks []phrase.Token) (conc, bool) {
	ms := p.v.Conclusions.FindTokens(toks)
	if len(ms) == 0 {
		return conc{}, false
	}
	m := ms[len(ms)-1]
	d := Upheld
	if m.Entry == rules.Necessary {
		d = Overturned
		// "cannot be considered medically necessary", "is not deemed
		// medically necessary": a negation shortly before flips it.
		k := 0
		for i, t := range toks {
			if t.Start >= m.Start {
				k = i
				break
			}
		}
		for i := k - 1; i >= 0 && i >= k-4; i-- {
			switch toks[i].Text {
			case "not", "cannot", "non", "never", "neither", "nor", "no", "isn't", "aren't":
				d = Upheld
			}
		}
	}
	return conc{Decision: d, Phrase: blockField(b, from+m.Start, from+m.End), phraseStart: from + m.Start}, true
}

// requestForEnd is where the request a conclusion names starts ("the
// request for X is not medically necessary"): the end of the last match
// in s of
//
//	(?i)\b(?:the )?(?:request(?:ed)?|prescription|requests) (?:for|of)\s+|
//	\bthe requested\s+|\bthe (?:original|remaining) request,?\s*|\bregarding\s+
//
// or -1. A match is looked for at each word start from the end of the
// last, the alternatives in their order.
func requestForEnd(s string) int {
	last := -1
	for i := 0; i < len(s); i++ {
		if i > 0 && isWord(s[i-1]) {
			continue // \b: every alternative starts with a letter
		}
		switch s[i] | 0x20 {
		case 't', 'r', 'p':
		default:
			continue
		}
		if e := requestForAt(s, i); e >= 0 {
			last = e
			i = e - 1
		}
	}
	return last
}

// requestForAt matches requestForEnd's alternatives at s[i:], where a word
// starts: the end of the first that matches, or -1.
func requestForAt(s string, i int) int {
	// \b(?:the )?(?:request(?:ed)?|prescription|requests) (?:for|of)\s+
	j := i
	if ascii.HasPrefixFold(s[j:], "the ") {
		j += 4
	}
	for _, w := range [...]string{"requested", "request", "prescription", "requests"} {
		if ascii.HasPrefixFold(s[j:], w) {
			if e := forOfEnd(s, j+len(w)); e >= 0 {
				return e
			}
		}
	}
	// \bthe requested\s+
	if ascii.HasPrefixFold(s[i:], "the requested") {
		if e := spacesAfter(s, i+len("the requested")); e > i+len("the requested") {
			return e
		}
	}
	// \bthe (?:original|remaining) request,?\s*
	for _, w := range [...]string{"the original request", "the remaining request"} {
		if ascii.HasPrefixFold(s[i:], w) {
			e := i + len(w)
			if e < len(s) && s[e] == ',' {
				e++
			}
			return spacesAfter(s, e)
		}
	}
	// \bregarding\s+
	if ascii.HasPrefixFold(s[i:], "regarding") {
		if e := spacesAfter(s, i+len("regarding")); e > i+len("regarding") {
			return e
		}
	}
	return -1
}

// forOfEnd reads ` (?:for|of)\s+` at s[j:]: its end, or -1.
func forOfEnd(s string, j int) int {
	if j >= len(s) || s[j] != ' ' {
		return -1
	}
	j++
	for _, w := range [...]string{"for", "of"} {
		if ascii.HasPrefixFold(s[j:], w) {
			if e := spacesAfter(s, j+len(w)); e > j+len(w) {
				return e
			}
		}
	}
	return -1
}
