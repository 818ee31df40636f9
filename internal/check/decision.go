package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// DecisionConflict reports a decision word the rationale contradicts.
var DecisionConflict = &Check{
	Name:     "decision-conflict",
	Summary:  "the item's decision contradicts the rationale's conclusion or the determination list",
	Severity: finding.Error,
	Doc: `
"Upheld" means the denial stands: the request is not medically necessary.
"Overturned" means it is. A header that says "Upheld" over a rationale
concluding "the request ... is medically necessary" (or the reverse) leaves
the parties with two opposite decisions in one binding letter. In the 2013
layout, the numbered determination list ("has determined the request for
... is not medically necessary and appropriate") is compared with the
rationale's conclusion too.

The conclusion is the last sentence of the rationale that says "is (not)
medically necessary", "is (not) medically indicated" and the like (see
rules/vocab/language.toml); a negation just before the phrase ("cannot be
considered medically necessary") is read. Every other sentence of the
rationale that rules on the request is compared too: reviewers often give
the decision first ("No, the request for an MRI of the knee was not
medically necessary"). A ruling made conditional ("would be medically
necessary if ...") is not a decision. No fix is offered: only the reviewer
knows which of the two is the decision.

Triggers: "Massage therapy: 12 sessions: Upheld" with a rationale ending
"... is medically necessary."
Does not trigger: "Upheld" with "... is not medically necessary."`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			if it.Decision == letter.NoDecision || it.Decision == letter.Partial {
				continue
			}
			for _, r := range restatements(&it, false) {
				c := r.c
				if c.Decision == letter.NoDecision || c.Decision == it.Decision {
					continue
				}
				where, word := "the item header says", string(it.Decision)
				if p.Letter.Layout == letter.Layout2013 {
					where = "the determination list says the request"
					word = necessity(it.Decision)
				}
				subject := "the rationale concludes"
				if !r.final {
					subject = r.where + " says"
				}
				f := r.report(p, c.Phrase.Span, "%s the request %s, but %s %s", subject, necessity(c.Decision), where, word)
				f.Related = []finding.Related{{Span: it.DecisionAt.Span, Message: where + " " + word}}
			}
		}
	},
}

func necessity(d letter.Decision) string {
	if d == letter.Overturned {
		return "is medically necessary"
	}
	return "is not medically necessary"
}
