package letter

import (
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/text"
)

// Canonical header labels.
const (
	FieldCase        = "Case Number"
	FieldAssigned    = "Date Assigned"
	FieldInjury      = "Date of Injury"
	FieldDecision    = "Decision Date"
	FieldURDenial    = "UR Denial Date"
	FieldPriority    = "Priority"
	FieldApplication = "Application Received"
	FieldClaim       = "Claim Number"
	FieldLetterDated = "Dated"
)

// headerLabelRE finds the labels of a letter's case table. Labels and
// values may share a line ("Date of Injury: 10/16/2016"), sit side by side in
// two columns, or come apart, labels first and values after, as plain
// pdftotext leaves them.
//
// A label is a whole word or words: it ends at a word boundary, so "Case
// Notes:" holds no "Case No" and "Receivedx" no "Received". Only "Case
// No." ends in its dot, which needs no boundary after it.
var headerLabelRE = regexp.MustCompile(`(?i)\b((?:IMR Case Number|Case Number)\b|Case No\.|(?:Case No|Date Assigned|Date of Injury|Injury Date|Decision Date|Date of (?:the )?UR Decision|Date of UR Denial|UR Denial Date|UR Decision Date|Priority|Application(?:\s+Received)?|Received|Claim Number|Dated)\b)\s*:?`)

var canonicalLabel = map[string]string{
	"imr case number":         FieldCase,
	"case number":             FieldCase,
	"case no":                 FieldCase,
	"case no.":                FieldCase,
	"date assigned":           FieldAssigned,
	"date of injury":          FieldInjury,
	"injury date":             FieldInjury,
	"decision date":           FieldDecision,
	"date of ur decision":     FieldURDenial,
	"date of the ur decision": FieldURDenial,
	"date of ur denial":       FieldURDenial,
	"ur denial date":          FieldURDenial,
	"ur decision date":        FieldURDenial,
	"priority":                FieldPriority,
	"application":             FieldApplication,
	"application received":    FieldApplication,
	"claim number":            FieldClaim,
	"dated":                   FieldLetterDated,
}

// headerValueRE is what a case-table value looks like.
var headerValueRE = regexp.MustCompile(`(?i)^(CM\d{2}-\d{5,8}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|[A-Z][a-z]+ \d{1,2}, \d{4}|Standard|Expedited|\d{6,})`)

func (p *parser) headerFields() {
	ls := p.lines()
	end := len(ls)
	if len(p.l.Sections) > 0 {
		end = p.l.Sections[0].first - 1
		// The 2013 layout puts its fields after the notice heading.
		if p.l.Layout == Layout2013 {
			end = len(ls)
			for _, s := range p.l.Sections {
				if s.Name != SecNotice {
					end = s.first - 1
					break
				}
			}
		}
	}
	if end > 60 {
		end = 60
	}
	var pending []string // labels waiting for their values
	for _, ln := range ls[:end] {
		if ln.Break {
			continue
		}
		t := ln.Text
		var locs []headerLabel
		// Every label ends in a colon but "Application" (its "Received:"
		// may wrap); a line with neither holds values only.
		if strings.Contains(t, ":") || strings.Contains(t, "pplication") {
			locs = p.headerLabels(t)
		}
		if len(locs) == 0 {
			// A line of values for labels read before.
			rest := 0
			for len(pending) > 0 && rest < len(t) {
				s := rest
				for s < len(t) && t[s] == ' ' {
					s++
				}
				e := p.headerValue(t[s:])
				if e < 0 {
					break
				}
				p.setField(pending[0], lineField(ln, s, s+e))
				pending = pending[1:]
				rest = s + e
			}
			continue
		}
		for k, loc := range locs {
			label := loc.label
			if label == "" {
				continue // "Received:" alone finishes "Application"
			}
			vs, ve := loc.end, len(t)
			if k+1 < len(locs) {
				ve = locs[k+1].start
			}
			for vs < ve && t[vs] == ' ' {
				vs++
			}
			for ve > vs && t[ve-1] == ' ' {
				ve--
			}
			e := p.headerValue(t[vs:ve])
			if e < 0 {
				pending = append(pending, label)
				continue
			}
			p.setField(label, lineField(ln, vs, vs+e))
		}
	}
}

func (p *parser) setField(label string, f Field) {
	if _, ok := p.l.Fields[label]; ok {
		return
	}
	p.l.Fields[label] = f
	if d, ok := ParseDate(f.Text); ok {
		p.l.Dates[label] = Date{Field: f, Time: d}
	}
}

// lineAt is a helper for tests.
func lineAt(ls []text.Line, num int) (text.Line, bool) {
	for _, l := range ls {
		if l.Num == num {
			return l, true
		}
	}
	return text.Line{}, false
}
