package check

import (
	"regexp"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/quantity"
)

var (
	continuedRE = guarded(`(?i)\b(additional|continued|continue|continuation|further|more|ongoing|extra|another)\b`,
		"additional", "continu", "further", "more", "ongoing", "extra", "another")
	noFIRE = regexp.MustCompile(`(?i)\b(no|lack of|absence of|without|not|failed to|fails to|no evidence of|no documentation of|no documented|not documented)\b[^.]{0,40}\b(functional (?:improvement|gains?|benefit|changes?))|\bfunctional (?:improvement|gains?|benefit)\b[^.]{0,30}\b(?:not|has not been|was not|is not) (?:documented|demonstrated|noted|shown|evident)`)
)

// FunctionalImprovement reports continued care decided against what the
// letter documents about functional improvement.
var FunctionalImprovement = &Check{
	Name:     "functional-improvement",
	Summary:  "continued care is approved without documented functional improvement, or denied for its absence while the letter documents it",
	Severity: finding.Warning,
	Doc: `
The MTUS makes continued treatment depend on functional improvement, which
8 CCR 9792.20 defines (a clinically significant improvement in activities of
daily living or a reduction in work restrictions, and less dependence on
medical treatment). This check compares the decision on a request for more
of a treatment with what the case summary says of functional improvement,
reading negation ("No functional changes are documented" is the opposite of
"functional improvement is documented"):

  - continued or additional therapy overturned (approved) while the summary
    documents no functional improvement and never documents any;
  - a request upheld because functional improvement is absent ("no
    documented functional improvement") while the summary documents it and
    never denies it.

A request is for continued care when its header or conclusion says
additional, continued, further or more, or the summary records sessions
already completed. It is a warning: the letter's wording of the summary is
read, not the medical record.

Triggers: "Physical therapy: 6 additional sessions: Overturned" after a
summary saying "No functional improvement was documented after the prior
sessions".
Does not trigger: the same item upheld.`,
	Run: func(p *Pass) {
		l := p.Letter
		for _, it := range l.Items {
			if it.Conclusion == nil {
				continue
			}
			t, _ := treatmentByID(p, it.Treatment.ID)
			if t.Kind != "therapy" {
				continue
			}
			// Facts about another therapy ("six massage sessions brought no
			// functional improvement") say nothing of this one.
			var pos, neg *letter.Fact
			completed := false
			for i := range l.Facts {
				f := &l.Facts[i]
				if f.Treatment != "" && !sameTherapy(p, f.Treatment, t.ID) {
					continue
				}
				switch {
				case f.Kind == "functional-improvement" && f.Negated && neg == nil:
					neg = f
				case f.Kind == "functional-improvement" && !f.Negated && pos == nil:
					pos = f
				case f.Kind == "sessions-completed" && f.Treatment != "":
					completed = true
				}
			}
			// Whether the request is for continued care matters only to an
			// approval without improvement; the patterns are read last.
			continued := func() bool {
				if it.Quantity != nil && it.Quantity.Unit != quantity.Sessions {
					return false
				}
				return completed || continuedRE.MatchString(it.Request.Text) || continuedRE.MatchString(it.Conclusion.Request.Text)
			}
			switch {
			case it.Decision == letter.Overturned && neg != nil && pos == nil && continued():
				f := p.Reportf(it.Conclusion.Phrase.Span, "continued %s is approved, but the case summary documents no functional improvement, which 8 CCR 9792.20 makes the condition of continued care", t.Name)
				f.Related = []finding.Related{{Span: neg.Span, Message: "the summary documents no functional improvement"}}
			case it.Decision == letter.Upheld && pos != nil && neg == nil:
				for _, s := range it.Sentences {
					if m := noFIRE.FindStringIndex(s.Text); m != nil {
						f := p.Reportf(s.Span(m[0], m[1]), "the rationale denies %s for lack of functional improvement, but the case summary documents functional improvement", t.Name)
						f.Related = []finding.Related{{Span: pos.Span, Message: "the summary documents functional improvement"}}
						break
					}
				}
			}
		}
	},
}

// PartialPortion reports a partial approval whose rationale judges the
// original request instead of the remaining portion.
var PartialPortion = &Check{
	Name:     "partial-portion",
	Summary:  "a partly authorized request's rationale judges the original quantity, not the remaining portion",
	Severity: finding.Error,
	Doc: `
When the Claims Administrator authorized part of a request ("8 sessions was
the original request ... 6 sessions was authorized ... The remaining IMR
eligible portion ... 2 sessions is: Upheld"), only the remaining portion is
in dispute. A rationale that concludes on the original quantity ("The
request for 8 sessions ... is not medically necessary") decides what was
already authorized, and may be read as revoking it; one that denies the
remaining 2 sessions "because the request exceeds the 6-visit trial" judges
the original 8. This check compares the quantities of the rationale's
conclusion, its "the request exceeds N" statements, and the quantities it
calls excessive ("the 24 sessions are excessive" when 18 remain, "the
originally requested 6 additional sessions is in excess" when 4 remain), with
the header's original and remaining quantities; a rationale that also rules
on the remaining quantity judges the right one.

Triggers: remaining 2 sessions, conclusion "the request for 8 sessions".
Does not trigger: remaining 2 sessions, conclusion "the remaining 2
sessions".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			o, r := it.Original, it.Quantity
			if o == nil || r == nil || quantity.Same(o.Quantity, r.Quantity) {
				continue
			}
			if judgesOriginalByLimit(p, it, o, r) {
				continue
			}
			if it.Conclusion == nil || !conclusionJudgesOriginal(p, it, o, r) {
				judgesOriginalAsExcess(p, it, o, r)
			}
		}
	},
}

// conclusionJudgesOriginal reports a conclusion that rules on the original
// quantity instead of the remaining one.
func conclusionJudgesOriginal(p *Pass, it letter.Item, o, r *letter.Quantity) bool {
	{
		{
			for _, c := range it.Conclusion.Quantities {
				if !comparable(r.Quantity, c.Quantity) || quantity.Same(r.Quantity, c.Quantity) || !quantity.Same(o.Quantity, c.Quantity) {
					continue
				}
				f := p.Reportf(c.NumSpan, "the rationale's conclusion judges the original request (%s), but only the remaining %s is in dispute", c.Quantity.String(), r.Quantity.String())
				f.Related = []finding.Related{
					{Span: r.NumSpan, Message: "remaining portion " + r.Quantity.String()},
					{Span: o.NumSpan, Message: "original request " + o.Quantity.String()},
				}
				if c.Kind == quantity.Amount && r.Kind == quantity.Amount && isDigits(c.NumText) && isDigits(r.NumText) {
					f.Fix = &finding.Fix{Span: c.NumSpan, Replacement: r.NumText}
				}
				return true
			}
		}
	}
	return false
}

// sameTherapy: the same treatment, or one of its group.
func sameTherapy(p *Pass, a, b string) bool {
	if a == b {
		return true
	}
	ta, _ := treatmentByID(p, a)
	tb, _ := treatmentByID(p, b)
	return ta.Group != "" && ta.Group == tb.Group
}

// excessRE finds a rationale's word that a quantity is too much: "the 24
// sessions are excessive", "6 additional sessions is in excess of".
var excessRE = regexp.MustCompile(`(?i)\b(excessive|in excess|exceeds?|exceeding|too many)\b`)

// judgesOriginalAsExcess reports a rationale that calls the original
// quantity excessive ("the 24 sessions are excessive" when 18 remain,
// "the originally requested 6 additional sessions is in excess" when 4
// remain): it judges what was already partly authorized, not the portion
// in dispute. The quantity must come before the word of excess in its
// sentence, so that a guideline's limit after it ("exceeds the
// recommended 10 visits") is not taken for it.
//
// A rationale that also rules on the remaining quantity ("The original
// request for 8 sessions exceeds the trial ... the request for the
// remaining 2 sessions is not medically necessary") judges the right one.
func judgesOriginalAsExcess(p *Pass, it letter.Item, o, r *letter.Quantity) bool {
	for _, rs := range restatements(&it, false) {
		for _, q := range rs.c.Quantities {
			if comparable(r.Quantity, q.Quantity) && quantity.Same(r.Quantity, q.Quantity) {
				return false
			}
		}
	}
	for _, s := range it.Sentences {
		m := excessRE.FindStringIndex(s.Text)
		if m == nil {
			continue
		}
		for _, q := range quantity.Find(s.Text[:m[0]]) {
			if !comparable(r.Quantity, q) || !quantity.Same(o.Quantity, q) || quantity.Same(r.Quantity, q) ||
				afterAny(s.Text[:q.Start], notRequested) {
				continue
			}
			f := p.Reportf(s.Span(q.NumStart, q.NumEnd), "the rationale judges the original request (%s) as too many (%q), but only the remaining %s is in dispute", o.Quantity.String(), s.Text[m[0]:m[1]], r.Quantity.String())
			f.Related = []finding.Related{
				{Span: r.NumSpan, Message: "remaining portion " + r.Quantity.String()},
				{Span: o.NumSpan, Message: "original request " + o.Quantity.String()},
			}
			return true
		}
	}
	return false
}

// judgesOriginalByLimit reports "the request exceeds the 6-visit trial"
// said of a remaining portion within the limit whose original is beyond it.
func judgesOriginalByLimit(p *Pass, it letter.Item, o, r *letter.Quantity) bool {
	for _, s := range it.Sentences {
		m := exceedsWord(s.Text)
		if m == nil {
			continue
		}
		limit := quotedLimit(s, m[1])
		total := o.Value
		if o.Kind == quantity.Range {
			total = o.Max
		}
		if limit == 0 || r.Value > limit || total <= limit {
			continue
		}
		f := p.Reportf(s.Span(m[0], m[1]), "the rationale says the request exceeds %g visits, which only the original request (%s) does; the remaining portion in dispute is %s", limit, o.Quantity.String(), r.Quantity.String())
		f.Related = []finding.Related{
			{Span: r.NumSpan, Message: "remaining portion " + r.Quantity.String()},
			{Span: o.NumSpan, Message: "original request " + o.Quantity.String()},
		}
		return true
	}
	return false
}

// UncitedGuideline reports a rationale relying on a guideline its citation
// lines omit, or citations the rationale never uses.
var UncitedGuideline = &Check{
	Name:     "uncited-guideline",
	Summary:  "the rationale relies on a guideline its citation omits, or the citation names one the rationale never uses",
	Severity: finding.Warning,
	Doc: `
The "MAXIMUS guideline:" paragraph must name every guideline the rationale
relies on, MTUS or not; and a guideline cited there should be used. This
check compares the families the rationale names (MTUS and its ACOEM
chapters; ODG, the Official Disability Guidelines) with those cited:

  - the rationale relies on ODG ("ODG recommends ...") but no "Non-MTUS
    Citation" of ODG is given;
  - an ODG chapter is cited, but the rationale names other guidelines and
    never ODG or the Official Disability Guidelines (an info: the
    rationale may use ODG's criteria without naming it).

Triggers: a rationale "ODG recommends an initial trial of 6 visits" under a
citation of "MTUS Chronic Pain Medical Treatment 2016" alone.
Does not trigger: the same with "Decision based on Non-MTUS Citation Official
Disability Guidelines (ODG) Low Back".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			if !it.Rationale.Present() || !it.MaximusGuideline.Present() {
				continue
			}
			citedODG, mentionedODG, mentionedOther := false, false, false
			var citeODG, mention *letter.Citation
			for i := range it.Citations {
				if it.Citations[i].ODG {
					citedODG = true
					citeODG = &it.Citations[i]
				}
			}
			for i := range it.Mentions {
				if !it.Mentions[i].ODG {
					mentionedOther = true
				}
				if it.Mentions[i].ODG {
					mentionedODG = true
					if mention == nil {
						mention = &it.Mentions[i]
					}
				}
			}
			switch {
			case mentionedODG && !citedODG:
				f := p.Reportf(mention.Span, "the rationale relies on ODG, but the expert reviewer's citation does not cite it")
				f.Related = []finding.Related{{Span: it.MaximusGuideline.Label.Span, Message: "the citation names no Non-MTUS ODG chapter"}}
			case citedODG && !mentionedODG && mentionedOther:
				// Only a rationale that names its guidelines, and names
				// others but not ODG, shows ODG unused.
				f := p.Reportf(citeODG.Span, "ODG is cited, but the rationale never names it")
				f.Severity = finding.Info
			}
		}
	},
}
