package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// DateMismatch reports case dates that differ between header and text.
var DateMismatch = &Check{
	Name:     "date-mismatch",
	Summary:  "the date of injury or UR denial date differs between the case header and the text",
	Severity: finding.Error,
	Doc: `
The case table at the top of a letter records the date of injury and the
date of the Utilization Review denial. The case summary restates them ("an
industrial injury on 03/14/2015"). When the two differ, one of them belongs
to another claim, and the letter may be about the wrong injury. Dates are
compared as dates, whatever their form: 10/14/2016, 10-14-16, 10/14/ wrapped
before 2016, October 14, 2016.

  - a date of injury in the summary that differs from the header's, or, with
    no header date, from the summary's first, is an error;
  - a Utilization Review decision date in the summary when none of them is
    the header's UR denial date is a warning (a summary may also recount
    earlier reviews).

No fix is offered: which of the two dates is right needs the case file.

Triggers: "Date of Injury: 03/14/2015" with "an industrial injury on
03-14-14".
Does not trigger: "Date of Injury: 10/16/2016" with "industrial injury date
of 10-16-2016".`,
	Run: func(p *Pass) {
		l := p.Letter
		ref, haveRef := l.Dates[letter.FieldInjury]
		for i, d := range l.InjuryDates {
			if !haveRef {
				if i == 0 {
					ref, haveRef = d, true
				}
				continue
			}
			if !d.Time.Equal(ref.Time) {
				f := p.Reportf(d.Span, "the summary gives the date of injury as %s, but the case header gives %s", d.Text, ref.Text)
				f.Related = []finding.Related{{Span: ref.Span, Message: "date of injury " + ref.Text}}
			}
		}
		ur, ok := l.Dates[letter.FieldURDenial]
		if !ok || len(l.URDates) == 0 {
			return
		}
		for _, d := range l.URDates {
			if d.Time.Equal(ur.Time) {
				return
			}
		}
		d := l.URDates[0]
		f := p.Reportf(d.Span, "the summary dates the Utilization Review decision %s, but the case header gives the UR denial date as %s", d.Text, ur.Text)
		f.Severity = finding.Warning
		f.Related = []finding.Related{{Span: ur.Span, Message: "UR denial date " + ur.Text}}
	},
}
