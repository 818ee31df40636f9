package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
)

// TreatmentMismatch reports a conclusion about another treatment.
var TreatmentMismatch = &Check{
	Name:     "treatment-mismatch",
	Summary:  "a sentence restating the request names a different treatment or drug than the item header",
	Severity: finding.Error,
	Doc: `
A rationale restates the request it decides. When a sentence that restates
it names another treatment or drug ("the request for 6 sessions of
chiropractic treatment" under a header for acupuncture, "This is a request
for Tramadol" under a header for Norco, "3 additional sessions of Norco"
under a physical therapy header), the item was decided with another item's
reasoning. The conclusion, the other sentences that speak of the request and
the case summary's statement of it are read. Treatments are read with
rules/vocab/treatments.toml, so synonyms agree ("PT", "physiotherapy",
"physical therapy"), as do treatments of one group (EMG and EMG/NCS); drugs
with rules/vocab/drugs.toml, so a brand and its generic agree (Norco and
hydrocodone/APAP), as does a combination with its parts. The check reports
only when the sentence names treatments or drugs and none of them agrees
with the header's, and not for a sentence about another item of the letter.
Sentences likely but not certainly about this request (the case summary,
"would warrant") give warnings.

Triggers: header "Acupuncture: 6 sessions (lumbar spine)", conclusion "The
request for 6 sessions of chiropractic treatment for the lumbar spine is not
medically necessary."
Does not trigger: header "Post-op physical therapy 2 times a week for 4
weeks", conclusion "the request for postoperative physiotherapy".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			for _, r := range restatements(&it, false) {
				treatmentAgrees(p, &it, r)
			}
		}
	},
}

// treatmentAgrees reports a restatement that names treatments or drugs
// none of which agrees with the item header's; it returns whether they
// agree.
func treatmentAgrees(p *Pass, it *letter.Item, r restatement) bool {
	if it.Treatment.ID == "" {
		return true
	}
	// A drug named where the header names another drug, or names a
	// treatment that is no drug: "3 additional sessions of Norco" under a
	// physical therapy header.
	if len(r.c.Drugs) > 0 && !drugAgrees(p, it, r.c) {
		d := r.c.Drugs[0]
		want := it.Treatment.Name
		if len(it.Drugs) > 0 {
			want = it.Drugs[0].Name
		}
		f := r.report(p, d.Span, "%s %s %s (%q), but the item header requests %s", r.where, r.verb(), d.Name, d.Text, want)
		f.Related = []finding.Related{{Span: it.Treatment.Span, Message: "the item header requests " + want}}
		return false
	}
	if it.Treatment.ID == "medication" || len(r.c.Treatments) == 0 {
		return true
	}
	head, _ := treatmentByID(p, it.Treatment.ID)
	if generic(p, head) {
		return true // "office visit" says too little to be contradicted
	}
	// Generic treatments ("consultation", "medication") neither agree nor
	// disagree: "facet joint injection with pain interventionist
	// consult" names a facet injection.
	var c *letter.Treatment
	for k := range r.c.Treatments {
		t := &r.c.Treatments[k]
		ct, _ := treatmentByID(p, t.ID)
		if generic(p, ct) {
			continue
		}
		if t.ID == head.ID || (head.Group != "" && ct.Group == head.Group) {
			return true
		}
		if c == nil {
			c = t
		}
	}
	if c == nil {
		return true
	}
	f := r.report(p, c.Span, "%s %s %s (%q), but the item header requests %s", r.where, r.verb(), c.Name, c.Text, head.Name)
	f.Related = []finding.Related{{Span: it.Treatment.Span, Message: "the item header requests " + head.Name}}
	return false
}

// drugAgrees reports whether a restatement's drugs agree with the header:
// one of them is the header's drug, a drug it combines ("hydrocodone" for
// Norco), or a combination of it; or the header names no drug and no
// treatment but "medication". A header for a therapy or procedure agrees
// with no drug, unless the restatement names the header's treatment too
// ("physical therapy and medications").
func drugAgrees(p *Pass, it *letter.Item, c *letter.Conclusion) bool {
	if len(it.Drugs) == 0 {
		if it.Treatment.ID == "medication" {
			return true // a drug the vocabulary lacks: nothing to compare
		}
		for _, t := range c.Treatments {
			if t.ID == it.Treatment.ID {
				return true
			}
		}
		return false
	}
	// A compound names all its drugs in the header: each drug named must
	// be one of them. A single drug agrees with any one of the names.
	agrees := func(d letter.Treatment) bool {
		for _, h := range it.Drugs {
			if d.ID == h.ID || combines(p, h.ID, d.ID) || combines(p, d.ID, h.ID) {
				return true
			}
		}
		return false
	}
	if len(it.Drugs) >= 2 {
		for _, d := range c.Drugs {
			if !agrees(d) {
				return false
			}
		}
		return true
	}
	for _, d := range c.Drugs {
		if agrees(d) {
			return true
		}
	}
	return false
}

// combines reports whether drug a is a product made of drug b.
func combines(p *Pass, a, b string) bool {
	d, ok := p.Rules.DrugByID(a)
	if !ok {
		return false
	}
	for _, c := range d.Combines {
		if c == b {
			return true
		}
	}
	return false
}

// generic treatments ("medication", "evaluation") say too little to
// contradict a header: rules/vocab/words.toml's treatments.generic.
func generic(p *Pass, t rules.Treatment) bool {
	return p.Rules.Words.GenericTreatments[t.ID]
}
