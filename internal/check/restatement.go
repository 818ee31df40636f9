package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// restatement is a place where the letter restates an item's request:
// the rationale's conclusion, or another sentence that speaks of the
// request (letter.RequestMention). The request-comparing checks
// (quantity-mismatch, body-part-mismatch, treatment-mismatch,
// decision-conflict) read every one, not only the conclusion, since a
// pasted sentence is as often the first as the last.
type restatement struct {
	c *letter.Conclusion
	// where names the place in messages: "the rationale's conclusion",
	// "the rationale's first sentence", "a sentence of the rationale",
	// "the case summary".
	where string
	// severity is the check's for the conclusion and certain mentions,
	// at most a warning for a mention likely but not certain to be of
	// this request.
	certain bool
	final   bool
}

// restatements lists an item's restatements, the conclusion first; with
// clinical, also the statements of the complaint (read for their sides).
func restatements(it *letter.Item, clinical bool) []restatement {
	var out []restatement
	if it.Conclusion != nil {
		out = append(out, restatement{c: it.Conclusion, where: "the rationale's conclusion", certain: true, final: true})
	}
	for k := range it.RequestMentions {
		m := &it.RequestMentions[k]
		if m.Clinical && !clinical {
			continue
		}
		where := "a sentence of the rationale"
		switch {
		case m.Where == "summary":
			where = "the case summary"
		case m.Where == "determination":
			where = "the determination list"
		case m.First:
			where = "the rationale's first sentence"
		}
		out = append(out, restatement{c: &m.Conclusion, where: where, certain: m.Certain})
	}
	return out
}

// report makes a finding of the restatement, a warning where the
// restatement is not certainly of this request.
func (r restatement) report(p *Pass, span finding.Span, format string, args ...any) *finding.Finding {
	f := p.Reportf(span, format, args...)
	if !r.certain && f.Severity > finding.Warning {
		f.Severity = finding.Warning
	}
	return f
}

// verb is how a message says the restatement names a value: the
// conclusion "rules on" it, another sentence "speaks of" it.
func (r restatement) verb() string {
	if r.final {
		return "rules on"
	}
	return "speaks of"
}
