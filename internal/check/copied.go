package check

import (
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// CopiedRationale reports two items sharing one rationale word for word.
var CopiedRationale = &Check{
	Name:     "copied-rationale",
	Summary:  "two items for different treatments or body parts share a word-for-word rationale",
	Severity: finding.Warning,
	Doc: `
Each disputed item must be decided on its own reasoning. When two items for
different treatments or body parts carry the same rationale word for word,
at least one of them restates a request it is not about. Items of one
treatment on one body part (an EMG and an NCS of the same limb are different
treatments) are reported too only when they differ in treatment or body
part; two identical items are left alone. White space, line wrapping and
case are ignored. This is a warning: a reviewer may rightly give one
reasoning for two closely related items, but should say so.

Triggers: "MRI of the lumbar spine" and "X-rays of the right hip" items with
the same rationale text.
Does not trigger: two items whose rationales differ in any word.`,
	Run: func(p *Pass) {
		items := p.Letter.Items
		seen := map[string]int{}
		for i, it := range items {
			if !it.Rationale.Present() {
				continue
			}
			key := strings.ToLower(strings.Join(strings.Fields(it.Rationale.Body.Text), " "))
			if len(key) < 80 {
				continue
			}
			j, ok := seen[key]
			if !ok {
				seen[key] = i
				continue
			}
			prev := items[j]
			if prev.Treatment.ID == it.Treatment.ID && sameParts(prev.BodyParts, it.BodyParts) && medName(prev) == medName(it) {
				continue
			}
			start := it.Rationale.Body.Span(0, firstSentenceEnd(it.Rationale.Body.Text))
			f := p.Reportf(start, "item %d (%s) has the same rationale, word for word, as item %d (%s)", it.Index, short(it.Request.Text), prev.Index, short(prev.Request.Text))
			f.Related = []finding.Related{{Span: prev.Rationale.Body.Span(0, firstSentenceEnd(prev.Rationale.Body.Text)), Message: "the rationale of item " + itoa(prev.Index)}}
		}
	},
}

func medName(it letter.Item) string {
	if it.Medication == nil {
		return ""
	}
	return it.Medication.Name.Text
}

func sameParts(a, b []letter.BodyPart) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Region != b[i].Region || a[i].Side != b[i].Side {
			return false
		}
	}
	return true
}

func firstSentenceEnd(s string) int {
	if i := strings.Index(s, ". "); i > 0 {
		return i + 1
	}
	return len(s)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
