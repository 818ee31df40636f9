package check

import (
	"fmt"
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/quantity"
)

// QuantityMismatch reports a rationale or determination list that rules on
// another amount than the item header requests.
var QuantityMismatch = &Check{
	Name:     "quantity-mismatch",
	Summary:  "the rationale or determination list rules on a different quantity than the item header",
	Severity: finding.Error,
	Doc: `
The item header is the record of what was requested and decided ("Massage
therapy: 12 sessions (right wrist/hand): Upheld"). When the rationale's
concluding sentence rules on another amount ("The request for 18 additional
sessions of massage ... is not medically necessary"), the letter decides a
request nobody made, usually because the rationale was pasted from another
case. This check compares, for each item:

  - the header's quantity (sessions, visits, "#120", "2 times a week for 6
    weeks" read as 12) with the quantities of the request restated in the
    rationale's conclusion; frequency x duration and totals are compared as
    totals, so "2x6" and "12 visits" agree;
  - a medication's strength in the header ("Norco 10/325mg #120") with the
    strength and count the conclusion names, and two strengths of the same
    drug inside one header;
  - in the 2013 layout, the numbered determination list with the item's
    "Regarding the request for ..." line and its rationale;
  - for a partly authorized request, that the original less the authorized
    quantity leaves the remaining quantity (#90 less #63 must leave #27).

Quantities of other things are not the request: sessions completed in the
history, limits quoted from a guideline ("4-6 visits"), dates, ages, page
numbers. A conclusion restating the original or authorized quantity of a
partial approval is left to the guideline checks.

The fix replaces the rationale's number with the header's, since the header
is the record; check the rationale still reads right afterwards.

Triggers: header "12 sessions", conclusion "The request for 18 additional
sessions of massage ... is not medically necessary."
Does not trigger: header "Physical therapy 2 times a week for 6 weeks",
conclusion "the request for 12 sessions of physical therapy".`,
	Run: runQuantityMismatch,
}

func runQuantityMismatch(p *Pass) {
	for i := range p.Letter.Items {
		it := &p.Letter.Items[i]
		partialArithmetic(p, it)
		headerStrengths(p, it)
		head := it.Quantity
		headWhere := "the item header requests"
		if p.Letter.Layout == letter.Layout2013 && it.Determination != nil {
			headWhere = "the determination list names"
			if r := it.Restated; r != nil && head != nil && comparable(head.Quantity, r.Quantity) && !quantity.Same(head.Quantity, r.Quantity) {
				f := p.Reportf(r.NumSpan, "item %d's \"Regarding the request for\" line names %s, but the determination list names %s", it.Index, r.Quantity.String(), head.Quantity.String())
				f.Related = []finding.Related{{Span: head.NumSpan, Message: "the determination list names " + head.Quantity.String()}}
			}
		}
		if it.Conclusion == nil {
			continue
		}
		if head != nil {
			compareConclusion(p, it, head, headWhere)
		}
		if it.Medication != nil && it.Medication.Strength.Kind == quantity.Strength {
			hs := it.Medication.Strength
			for _, c := range it.Conclusion.Quantities {
				if c.Kind == quantity.Strength && !sameStrength(c.Strength, hs.Strength) {
					f := p.Reportf(c.NumSpan, "the rationale's conclusion names %s at %s, but the item header requests %s", it.Medication.Name.Text, c.Text, hs.Text)
					f.Related = []finding.Related{{Span: hs.NumSpan, Message: "the item header requests " + hs.Text}}
					f.Fix = &finding.Fix{Span: c.Span, Replacement: hs.Text}
					break
				}
			}
		}
	}
}

func sameStrength(a, b string) bool {
	return strings.EqualFold(strings.ReplaceAll(a, " ", ""), strings.ReplaceAll(b, " ", ""))
}

// comparable reports whether c can be a restatement of the amount h.
func comparable(h, c quantity.Quantity) bool {
	if c.Kind != quantity.Amount && c.Kind != quantity.FreqDur && !(c.Kind == quantity.Range && h.Kind == quantity.Range) {
		return false
	}
	switch {
	case h.Unit == quantity.Sessions || h.Kind == quantity.FreqDur:
		return c.Unit == quantity.Sessions
	default:
		return c.Unit == h.Unit
	}
}

func compareConclusion(p *Pass, it *letter.Item, head *letter.Quantity, headWhere string) {
	var cands []letter.Quantity
	for _, c := range it.Conclusion.Quantities {
		if comparable(head.Quantity, c.Quantity) {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return
	}
	for _, c := range cands {
		if quantity.Same(head.Quantity, c.Quantity) {
			return
		}
		if it.Original != nil && quantity.Same(it.Original.Quantity, c.Quantity) {
			return // judged the original: partial-portion reports it
		}
		if it.Authorized != nil && quantity.Same(it.Authorized.Quantity, c.Quantity) {
			return
		}
	}
	c := cands[0]
	f := p.Reportf(c.NumSpan, "the rationale's conclusion rules on %s, but %s %s", c.Quantity.String(), headWhere, head.Quantity.String())
	f.Related = []finding.Related{{Span: head.NumSpan, Message: headWhere + " " + head.Quantity.String()}}
	if c.Kind == quantity.Amount && head.Kind == quantity.Amount && c.Unit == head.Unit && isDigits(c.NumText) && isDigits(head.NumText) {
		f.Fix = &finding.Fix{Span: c.NumSpan, Replacement: head.NumText}
	}
}

func isDigits(s string) bool {
	s = strings.TrimPrefix(s, "#")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			return false
		}
	}
	return true
}

// partialArithmetic checks original - authorized = remaining.
func partialArithmetic(p *Pass, it *letter.Item) {
	o, a, r := it.Original, it.Authorized, it.Quantity
	if o == nil || a == nil || r == nil {
		return
	}
	if o.Kind == quantity.Range || a.Kind == quantity.Range || r.Kind == quantity.Range {
		return
	}
	if !comparable(o.Quantity, a.Quantity) || !comparable(o.Quantity, r.Quantity) {
		return
	}
	if o.Value-a.Value == r.Value {
		return
	}
	// "Ibuprofen #90 with 2 refills" less "#90" leaves "two refills of
	// Ibuprofen #90": the portion is counted in refills, not tablets, and
	// an authorized amount equal to the original leaves nothing to subtract.
	if o.Value == a.Value || strings.Contains(strings.ToLower(it.Header.Text), "refill") {
		return
	}
	want := o.Value - a.Value
	f := p.Reportf(r.NumSpan, "the remaining portion is %s, but the original request %s less the authorized %s leaves %s",
		r.Quantity.String(), o.Quantity.String(), a.Quantity.String(), trimFloat(want))
	f.Related = []finding.Related{
		{Span: o.NumSpan, Message: "original request " + o.Quantity.String()},
		{Span: a.NumSpan, Message: "authorized " + a.Quantity.String()},
	}
	if r.Kind == quantity.Amount && isDigits(r.NumText) {
		// Any of the three numbers may be the wrong one.
		f.Suggestion = &finding.Fix{Span: r.NumSpan, Replacement: strings.Replace(r.NumText, strings.TrimPrefix(r.NumText, "#"), trimFloat(want), 1)}
	}
}

// headerStrengths reports one drug given two strengths inside one header.
func headerStrengths(p *Pass, it *letter.Item) {
	var prev *letter.Quantity
	var prevWord string
	text := it.Header.Text
	for k := range it.Quantities {
		q := &it.Quantities[k]
		if q.Kind != quantity.Strength {
			continue
		}
		word := wordBefore(text, strings.Index(text, q.Text))
		if prev != nil && word != "" && strings.EqualFold(word, prevWord) && !sameStrength(prev.Strength, q.Strength) {
			f := p.Reportf(q.NumSpan, "the item header names %s at %s and at %s", word, prev.Text, q.Text)
			f.Related = []finding.Related{{Span: prev.NumSpan, Message: "first strength " + prev.Text}}
		}
		prev, prevWord = q, word
	}
}

func wordBefore(s string, i int) string {
	if i <= 0 {
		return ""
	}
	f := strings.Fields(s[:i])
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], ",;:()")
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}
