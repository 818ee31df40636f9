package check

import (
	"fmt"
	"strings"
	"time"

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
				// Which date is right needs the case file: a suggestion,
				// written in the summary's own date form.
				f.Suggestion = &finding.Fix{Span: d.Span, Replacement: sameForm(d.Text, ref.Time)}
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

// sameForm renders t in the form of the date example ("03-14-14",
// "03/14/2014", "3/14/2014").
func sameForm(example string, t time.Time) string {
	sep := "/"
	if strings.Contains(example, "-") {
		sep = "-"
	}
	parts := strings.FieldsFunc(example, func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) != 3 {
		return t.Format("01/02/2006")
	}
	m, d := fmt.Sprintf("%02d", int(t.Month())), fmt.Sprintf("%02d", t.Day())
	if len(parts[0]) == 1 {
		m = fmt.Sprint(int(t.Month()))
	}
	if len(parts[1]) == 1 {
		d = fmt.Sprint(t.Day())
	}
	y := fmt.Sprint(t.Year())
	if len(strings.TrimSpace(parts[2])) == 2 {
		y = y[2:]
	}
	return m + sep + d + sep + y
}
