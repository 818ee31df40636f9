package letter

import (
	"fmt"

	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// Parse reads a normalised letter. It never fails: what it cannot find is
// left empty, for the letter-structure check to report.
func Parse(doc *text.Doc, v *rules.Set) *Letter {
	p := &parser{doc: doc, v: v, l: &Letter{Doc: doc, Fields: map[string]Field{}, Dates: map[string]Date{}}}
	p.sections()
	p.layout()
	if p.l.Layout == LayoutUnknown {
		return p.l
	}
	p.headerFields()
	p.summary()
	switch p.l.Layout {
	case Layout2014:
		p.items2014()
	case Layout2013:
		p.determinations()
		p.items2013()
	}
	for i := range p.l.Items {
		p.finishItem(&p.l.Items[i])
	}
	p.demographics()
	p.requestMentions()
	p.limits()
	return p.l
}

// limits records the texts too long to read whole: a header or sentence
// longer than quantity.MaxText (a damaged or hostile file) has only its
// start read for quantities, and a reader must be told.
func (p *parser) limits() {
	l := p.l
	note := func(span position.Span, what string, n int) {
		l.Limits = append(l.Limits, Limit{Span: span, What: fmt.Sprintf("%s is %d bytes long: only its first %d were read for numbers", what, n, quantity.MaxText)})
	}
	for i := range l.Items {
		it := &l.Items[i]
		if quantity.Truncates(it.Header.Text) {
			note(it.Header.Span, fmt.Sprintf("the header of item %d", it.Index), len(it.Header.Text))
		}
		for _, s := range it.Sentences {
			if quantity.Truncates(s.Text) {
				note(s.Span(0, 0), fmt.Sprintf("a sentence of item %d's rationale", it.Index), len(s.Text))
			}
		}
	}
	for _, s := range l.SummarySentences {
		if quantity.Truncates(s.Text) {
			note(s.Span(0, 0), "a sentence of the case summary", len(s.Text))
		}
	}
}

type parser struct {
	doc *text.Doc
	v   *rules.Set
	l   *Letter
	// labelBuf holds a case-table line's labels (see headerLabels).
	labelBuf []headerLabel
	// qbuf holds a text's bare quantities (see quantities).
	qbuf []quantity.Quantity
}

func (p *parser) lines() []text.Line { return p.doc.Lines }

func (p *parser) sections() {
	ls := p.lines()
	for i, ln := range ls {
		if ln.Break || len(ln.Text) > 80 {
			continue
		}
		if name := heading(ln.Text); name != "" {
			if p.l.Sections == nil {
				// Room for a letter's usual headings at the first.
				p.l.Sections = make([]Section, 0, 8)
			}
			p.l.Sections = append(p.l.Sections, Section{Name: name, Heading: lineField(ln, 0, len(ln.Text)), first: i + 1})
		}
	}
	for k := range p.l.Sections {
		if k+1 < len(p.l.Sections) {
			p.l.Sections[k].end = p.l.Sections[k+1].first - 1
		} else {
			p.l.Sections[k].end = len(ls)
		}
	}
}

func (p *parser) layout() {
	l := p.l
	has := func(n string) bool { _, ok := l.Section(n); return ok }
	switch {
	case has(SecNotice):
		l.Layout = Layout2013
	case has(SecIssues) || (has(SecHow) && has(SecSummary)):
		l.Layout = Layout2014
	default:
		nRegarding, nDetermined := 0, 0
		for _, ln := range p.lines() {
			if isRegarding(ln.Text) {
				nRegarding++
			}
			if determined(ln.Text) != nil {
				nDetermined++
			}
		}
		switch {
		case nRegarding > 0 && nDetermined > 0:
			l.Layout = Layout2013
		case has(SecSummary) && decisionLineCount(p.lines()) > 0:
			l.Layout = Layout2014
		default:
			l.Layout = LayoutUnknown
		}
	}
}

func decisionLineCount(ls []text.Line) int {
	n := 0
	for _, ln := range ls {
		if _, _, ok := decisionAtEnd(ln.Text); ok {
			n++
		}
	}
	return n
}

// lineField makes a Field of ln.Text[s:e].
func lineField(ln text.Line, s, e int) Field {
	return Field{Text: ln.Text[s:e], Span: ln.Span(s, e)}
}

// blockField makes a Field of b.Text[s:e].
func blockField(b text.Block, s, e int) Field {
	return Field{Text: b.Text[s:e], Span: b.Span(s, e)}
}

// sectionLines returns the body lines of a section.
func (p *parser) sectionLines(name string) []text.Line {
	s, ok := p.l.Section(name)
	if !ok {
		return nil
	}
	return p.lines()[s.first:s.end]
}

func (p *parser) summary() {
	ls := p.sectionLines(SecSummary)
	// In the 2013 layout no heading follows the summary: it ends where the
	// first "1) Regarding the request for" item or its labels begin.
	for i, ln := range ls {
		if isRegarding(ln.Text) || guideline2013(ln.Text) >= 0 || rationale2013(ln.Text) >= 0 {
			ls = ls[:i]
			break
		}
	}
	p.l.Summary = text.Join(ls)
}
