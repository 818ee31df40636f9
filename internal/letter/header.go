package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
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
				e := headerValue(t[s:])
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
			e := headerValue(t[vs:ve])
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

// headerLabel is a label of the case table found in a line: the label
// with the white space and colon after it, and the canonical label it
// stands for ("" for a "Received:" that finishes "Application").
type headerLabel struct {
	start, end int
	label      string
}

// headerLabels finds the labels of a case-table line. Labels and values
// may share a line ("Date of Injury: 10/16/2016"), sit side by side in two
// columns, or come apart, labels first and values after, as plain
// pdftotext leaves them.
//
// The labels are read into a list the parser keeps: each line's are used
// before the next line is read.
func (p *parser) headerLabels(t string) []headerLabel {
	out := appendHeaderLabels(p.labelBuf[:0], t)
	p.labelBuf = out[:0]
	if len(out) == 0 {
		return nil
	}
	return out
}

// headerLabelAlts are the labels' alternatives in the order they are
// tried, lower-cased, each with the canonical label it stands for. Where a
// label has an optional part, the form with it comes first.
var headerLabelAlts = []struct {
	text, label string
}{
	{"imr case number", FieldCase},
	{"case number", FieldCase},
	{"case no.", FieldCase},
	{"case no", FieldCase},
	{"date assigned", FieldAssigned},
	{"date of injury", FieldInjury},
	{"injury date", FieldInjury},
	{"decision date", FieldDecision},
	{"date of the ur decision", FieldURDenial},
	{"date of ur decision", FieldURDenial},
	{"date of ur denial", FieldURDenial},
	{"ur denial date", FieldURDenial},
	{"ur decision date", FieldURDenial},
	{"priority", FieldPriority},
	{"application", FieldApplication}, // "Application\s+Received" is tried first, below
	{"received", ""},
	{"claim number", FieldClaim},
	{"dated", FieldLetterDated},
}

// appendHeaderLabels appends the case-table labels of t to out:
//
//	(?i)\b((?:IMR Case Number|Case Number)\b|Case No\.|(?:Case No|Date Assigned|
//	Date of Injury|Injury Date|Decision Date|Date of (?:the )?UR Decision|Date of UR Denial|
//	UR Denial Date|UR Decision Date|Priority|Application(?:\s+Received)?|Received|
//	Claim Number|Dated)\b)\s*:?
//
// A label is a whole word or words: it ends at a word boundary, so "Case
// Notes:" holds no "Case No" and "Receivedx" no "Received". Only "Case
// No." ends in its dot, which needs no boundary after it.
//
// A match starts where a word does, with the first alternative that fits;
// what follows the label is optional, so the first that fits is the one
// taken. The next is looked for from the end of the last.
func appendHeaderLabels(out []headerLabel, t string) []headerLabel {
	for i := 0; i < len(t); i++ {
		if i > 0 && isWord(t[i-1]) {
			continue
		}
		switch t[i] | 0x20 {
		case 'i', 'c', 'd', 'p', 'a', 'r', 'u':
		default:
			continue
		}
		e, label, ok := headerLabelAt(t, i)
		if !ok {
			continue
		}
		e = spacesAfter(t, e)
		if e < len(t) && t[e] == ':' {
			e++
		}
		out = append(out, headerLabel{i, e, label})
		i = e - 1
	}
	return out
}

// headerLabelAt matches a label alternative at t[i:]: the end of the label
// and its canonical name.
//
// Every label but "Case No." must end at a word boundary (t[i] starts a
// word, so the end is one when no word byte follows); an alternative that
// fits but runs into a longer word ("Case No" of "Case Notes") fails and
// the next is tried, as the pattern backtracks.
func headerLabelAt(t string, i int) (end int, label string, ok bool) {
	rest := t[i:]
	for _, a := range headerLabelAlts {
		if !ascii.HasPrefixFold(rest, a.text) {
			continue
		}
		e := i + len(a.text)
		if a.text == "case no." {
			return e, a.label, true
		}
		if a.text == "application" {
			// `Application(?:\s+Received)?\b`: with "Received" if that
			// ends a word, else alone.
			if r := spacesAfter(t, e); r > e && ascii.HasPrefixFold(t[r:], "received") && !isWordAt(t, r+len("received")) {
				return r + len("received"), a.label, true
			}
		}
		if isWordAt(t, e) {
			continue
		}
		return e, a.label, true
	}
	return 0, "", false
}

// headerValue is the end of the case-table value at the start of s, or -1.
// A value is
//
//	(?i)^(CM\d{2}-\d{5,8}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|[A-Z][a-z]+ \d{1,2}, \d{4}|Standard|Expedited|\d{6,})
//
// The alternatives are tried in order and the first that fits is the
// match. A digit run of \d{1,2} must be followed by a separator, so a
// longer run fails however it is cut; the runs at the ends are greedy.
func headerValue(s string) int {
	// CM\d{2}-\d{5,8}
	if ascii.HasPrefixFold(s, "cm") && digitRun(s, 2) >= 2 && len(s) > 4 && s[4] == '-' {
		if n := digitRun(s, 5); n >= 5 {
			return 5 + min(n, 8)
		}
	}
	// \d{1,2}[/-]\d{1,2}[/-]\d{2,4}
	if e := shortNumberThen(s, 0, "/-"); e >= 0 {
		if e = shortNumberThen(s, e, "/-"); e >= 0 {
			if n := digitRun(s, e); n >= 2 {
				return e + min(n, 4)
			}
		}
	}
	// [A-Z][a-z]+ \d{1,2}, \d{4}
	if n := letterRun(s, 0); n >= 2 && n < len(s) && s[n] == ' ' {
		if e := shortNumberThen(s, n+1, ","); e >= 0 && e < len(s) && s[e] == ' ' && digitRun(s, e+1) >= 4 {
			return e + 5
		}
	}
	switch {
	case ascii.HasPrefixFold(s, "standard"):
		return len("standard")
	case ascii.HasPrefixFold(s, "expedited"):
		return len("expedited")
	}
	if n := digitRun(s, 0); n >= 6 {
		return n
	}
	return -1
}

// shortNumberThen reads `\d{1,2}` and one byte of seps at s[i:]: the end,
// or -1.
func shortNumberThen(s string, i int, seps string) int {
	n := digitRun(s, i)
	if n < 1 || n > 2 || i+n >= len(s) || strings.IndexByte(seps, s[i+n]) < 0 {
		return -1
	}
	return i + n + 1
}

// letterRun is the number of ASCII letters at s[i:].
func letterRun(s string, i int) int {
	j := i
	for j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
		j++
	}
	return j - i
}
