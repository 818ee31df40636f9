package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/rules"
)

// TreatmentMismatch reports a conclusion about another treatment.
var TreatmentMismatch = &Check{
	Name:     "treatment-mismatch",
	Summary:  "the rationale's conclusion rules on a different treatment than the item header",
	Severity: finding.Error,
	Doc: `
The concluding sentence of a rationale restates the request it decides. When
it names another treatment ("the request for 6 sessions of chiropractic
treatment" under a header for acupuncture), the item was decided with
another item's reasoning. Treatments are read with
rules/vocab/treatments.toml, so synonyms agree ("PT", "physiotherapy",
"physical therapy"), as do treatments of one group (EMG and EMG/NCS). The
check reports only when the conclusion names treatments and none of them
agrees with the header's.

Triggers: header "Acupuncture: 6 sessions (lumbar spine)", conclusion "The
request for 6 sessions of chiropractic treatment for the lumbar spine is not
medically necessary."
Does not trigger: header "Post-op physical therapy 2 times a week for 4
weeks", conclusion "the request for postoperative physiotherapy".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			if it.Conclusion == nil || it.Treatment.ID == "" || it.Treatment.ID == "medication" || len(it.Conclusion.Treatments) == 0 {
				continue
			}
			head, _ := treatmentByID(p, it.Treatment.ID)
			ok := false
			for _, c := range it.Conclusion.Treatments {
				ct, _ := treatmentByID(p, c.ID)
				if c.ID == head.ID || (head.Group != "" && ct.Group == head.Group) || generic(ct) {
					ok = true
					break
				}
			}
			if ok {
				continue
			}
			c := it.Conclusion.Treatments[0]
			f := p.Reportf(c.Span, "the rationale's conclusion rules on %s (%q), but the item header requests %s", c.Name, c.Text, head.Name)
			f.Related = []finding.Related{{Span: it.Treatment.Span, Message: "the item header requests " + head.Name}}
		}
	},
}

// generic treatments ("medication", "evaluation") say too little to
// contradict a header.
func generic(t rules.Treatment) bool {
	return t.ID == "medication" || t.ID == "office-visit" || t.ID == "surgery" || t.ID == "joint-injection" || t.ID == "durable-medical-equipment"
}
