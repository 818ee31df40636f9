package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// DemographicInconsistency reports a patient described two ways.
var DemographicInconsistency = &Check{
	Name:     "demographic-inconsistency",
	Summary:  "the patient's age, sex or pronouns disagree within the letter",
	Severity: finding.Error,
	Doc: `
A letter that calls the patient "a 52 year old female" and later "a 57 year
old female", or "he", speaks of two people: a paragraph was pasted from
another case, or a template field was filled wrongly. The first description
of the patient in the case summary ("a 61 year old male") is taken as the
letter's; every later one is compared with it:

  - another age given in the same form ("N year old" followed by male,
    female, patient, worker ...) is an error;
  - another sex given in that form is an error;
  - a pronoun of the other sex (he, him, his / she, her, hers) in the case
    summary or a rationale is a warning: sentences that speak of another
    person (a physician, a spouse, a therapist ...) are skipped, and the
    template's "he/she" and "his/her" never count.

When the letter gives no sex in words, the pronouns of the other sex are
reported where one sex clearly prevails.

Triggers: "a 52 year old female ... he reported ...".
Does not trigger: "a 52 year old female ... Dr. Smith noted that he ...".`,
	Run: func(p *Pass) {
		l := p.Letter
		if len(l.Ages) > 0 {
			first := l.Ages[0]
			for _, a := range l.Ages[1:] {
				if a.Value != first.Value {
					f := p.Reportf(a.Span, "the patient is %s years old here, but %s years old earlier in the letter", a.Value, first.Value)
					f.Related = []finding.Related{{Span: first.Span, Message: "first given as " + first.Value + " years old"}}
				}
			}
		}
		var sex *letter.Mention
		for i := range l.Sexes {
			m := &l.Sexes[i]
			if m.Where != "summary-noun" && m.Where != "rationale-noun" {
				continue
			}
			if sex == nil {
				sex = m
				continue
			}
			if m.Value != sex.Value {
				f := p.Reportf(m.Span, "the patient is described as %s here, but as %s earlier in the letter", m.Value, sex.Value)
				f.Related = []finding.Related{{Span: sex.Span, Message: "first described as " + sex.Value}}
			}
		}
		want := ""
		var ref finding.Span
		if sex != nil {
			want, ref = sex.Value, sex.Span
		} else {
			n := map[string]int{}
			for _, m := range l.Sexes {
				n[m.Value]++
			}
			switch {
			case n["male"] >= 3*n["female"] && n["male"] >= 3:
				want = "male"
			case n["female"] >= 3*n["male"] && n["female"] >= 3:
				want = "female"
			}
			for _, m := range l.Sexes {
				if m.Value == want {
					ref = m.Span
					break
				}
			}
		}
		if want == "" {
			return
		}
		for _, m := range l.Sexes {
			if m.Where != "summary" && m.Where != "rationale" || m.Value == want {
				continue
			}
			f := p.Reportf(m.Span, "%q refers to a %s patient, but the letter describes the patient as %s", m.Text, m.Value, want)
			f.Severity = finding.Warning
			f.Related = []finding.Related{{Span: ref, Message: "the patient is " + want}}
		}
	},
}
