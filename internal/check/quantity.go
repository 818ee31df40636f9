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
	Summary:  "the rationale, the case summary or the determination list restates the request with a different quantity than the item header",
	Severity: finding.Error,
	Doc: `
The item header is the record of what was requested and decided ("Massage
therapy: 12 sessions (right wrist/hand): Upheld"). When the rationale's
concluding sentence rules on another amount ("The request for 18 additional
sessions of massage ... is not medically necessary"), the letter decides a
request nobody made, usually because the rationale was pasted from another
case. This check compares, for each item:

  - the header's quantity (sessions, visits, "#120", "2 times a week for 6
    weeks" read as 12) with every quantity of the request restated in the
    rationale's conclusion, in its other sentences that speak of the request
    ("This is a request for Baclofen 20 mg #120", "the requested Diclofenac
    ER 100mg #120") and in the case summary's statement of it (a warning);
    frequency x duration and totals are compared as totals, so "2x6" and "12
    visits" agree, but "2 times a week for 6 weeks (18 sessions)" names 18;
  - a medication's strength in the header ("Norco 10/325mg #120") with the
    strength the restated request names, ingredient by ingredient for a
    compound ("Flurbiprofen 10%/Lidocaine 5%" agrees with "Lidocaine 5%,
    Flurbiprofen 10%"), and two strengths of the same drug inside one header;
  - in the 2013 layout, the numbered determination list with the item's
    "Regarding the request for ..." line and its rationale;
  - for a partly authorized request, that the original less the authorized
    quantity leaves the remaining quantity (#90 less #63 must leave #27).

Quantities of other things are not the request: sessions completed in the
history, totals with care already had ("for a total of 24"), limits quoted
from a guideline ("4-6 visits", "exceeds the recommended 10 visits"), dates,
ages, page numbers. A conclusion restating the original or authorized quantity of a
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
		for _, r := range restatements(it, false) {
			if head != nil {
				compareRestated(p, it, r, head, headWhere)
			}
			compareStrengths(p, it, r)
		}
	}
}

// compareStrengths reports a drug strength a restatement gives that the
// header gives otherwise for the same drug. A compound's strengths are
// paired by ingredient ("Flurbiprofen 10%/Lidocaine 5%" against
// "Lidocaine 5%, Flurbiprofen 10%"): each is compared with the header's
// strength of the word before it, or with the header's one strength.
func compareStrengths(p *Pass, it *letter.Item, r restatement) {
	if it.Medication == nil || it.Medication.Strength.Kind != quantity.Strength {
		return
	}
	head := map[string]letter.Quantity{}
	for _, q := range it.Quantities {
		if q.Kind == quantity.Strength {
			head[strings.ToLower(wordBefore(it.Header.Text, strings.Index(it.Header.Text, q.Text)))] = q
		}
	}
	req := r.c.Request.Text
	for _, c := range r.c.Quantities {
		if c.Kind != quantity.Strength {
			continue
		}
		hs, ok := head[strings.ToLower(wordBefore(req, c.Start))]
		if !ok {
			if len(head) != 1 {
				continue // an ingredient the header does not name
			}
			hs = it.Medication.Strength
		}
		if sameStrength(c.Strength, hs.Strength) {
			continue
		}
		f := r.report(p, c.NumSpan, "%s names %s at %s, but the item header requests %s", r.where, it.Medication.Name.Text, c.Text, hs.Text)
		f.Related = []finding.Related{{Span: hs.NumSpan, Message: "the item header requests " + hs.Text}}
		if r.certain {
			f.Fix = &finding.Fix{Span: c.Span, Replacement: hs.Text}
		}
		return
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

// notRequested are words that, just before a quantity of a restated
// request, make it another amount: a total with care already had ("for a
// total of 24 sessions"), or a guideline's limit the request is measured
// against ("exceeds the recommended 10 visits").
var notRequested = []string{"total of", "totaling", "totalling", "in addition to", "beyond", "after", "exceeds",
	"exceed", "exceeding", "up to", "maximum of", "recommended", "guideline", "guidelines", "allowed", "allows", "plus", "prior", "previous", "completed"}

// compareRestated reports a quantity of a restatement that is not the
// header's (nor, for a partial approval, the original or authorized one).
// Every quantity of the restated request must agree: "2 times a week for
// 6 weeks (18 sessions)" under a header of 12 sessions names 18.
func compareRestated(p *Pass, it *letter.Item, r restatement, head *letter.Quantity, headWhere string) {
	req := r.c.Request.Text
	for _, c := range r.c.Quantities {
		if (head.Unit == quantity.Sessions || head.Kind == quantity.FreqDur) && c.Unit == quantity.Count && strings.HasPrefix(c.Text, "#") {
			c.Unit = quantity.Sessions // "therapy sessions lumbar spine #12" counts sessions
		}
		if !comparable(head.Quantity, c.Quantity) || afterAny(req[:min(c.Start, len(req))], notRequested) {
			continue
		}
		if quantity.Same(head.Quantity, c.Quantity) ||
			it.Original != nil && quantity.Same(it.Original.Quantity, c.Quantity) || // judged the original: partial-portion reports it
			it.Authorized != nil && quantity.Same(it.Authorized.Quantity, c.Quantity) {
			continue
		}
		f := r.report(p, c.NumSpan, "%s %s %s, but %s %s", r.where, r.verb(), c.Quantity.String(), headWhere, head.Quantity.String())
		f.Related = []finding.Related{{Span: head.NumSpan, Message: headWhere + " " + head.Quantity.String()}}
		if r.certain && c.Kind == quantity.Amount && head.Kind == quantity.Amount && c.Unit == head.Unit && isDigits(c.NumText) && isDigits(head.NumText) {
			f.Fix = &finding.Fix{Span: c.NumSpan, Replacement: head.NumText}
		}
		return
	}
}

// afterAny reports whether s ends with one of the phrases, but for
// spaces, an article or "additional".
func afterAny(s string, phrases []string) bool {
	s = strings.ToLower(strings.TrimRight(s, " ,("))
	for _, w := range []string{" an additional", " additional", " the", " a", " an"} {
		s = strings.TrimSuffix(s, w)
	}
	for _, ph := range phrases {
		if strings.HasSuffix(s, ph) && (len(s) == len(ph) || s[len(s)-len(ph)-1] == ' ') {
			return true
		}
	}
	return false
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
