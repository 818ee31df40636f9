package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
)

// headerLabel is a label of the case table found in a line: the match of
// headerLabelRE (the label, white space and colon) and the canonical label
// it stands for ("" for a "Received:" that finishes "Application").
type headerLabel struct {
	start, end int
	label      string
}

// headerLabels finds the labels of a case-table line.
//
// The labels of an ASCII line are read into a list the parser keeps: each
// line's are used before the next line is read.
func (p *parser) headerLabels(t string) []headerLabel {
	if p.ascii {
		out := headerLabelsFast(p.labelBuf[:0], t)
		p.labelBuf = out[:0]
		if len(out) == 0 {
			return nil
		}
		return out
	}
	var out []headerLabel
	for _, loc := range headerLabelRE.FindAllStringSubmatchIndex(t, -1) {
		label := canonicalLabel[strings.ToLower(strings.Join(strings.Fields(t[loc[2]:loc[3]]), " "))]
		out = append(out, headerLabel{loc[0], loc[1], label})
	}
	return out
}

// headerLabelAlts are headerLabelRE's alternatives in the pattern's order,
// lower-cased, each with the canonical label it stands for. Where the
// pattern has an optional part, the form with it comes first, as the
// pattern tries it first.
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

// headerLabelsFast appends headerLabelRE's matches for ASCII t to out:
//
//	(?i)\b((?:IMR Case Number|Case Number)\b|Case No\.|(?:Case No|Date Assigned|...|Dated)\b)\s*:?
//
// A match starts where a word does, with the first alternative that fits;
// what follows the label is optional, so the first that fits is the one
// the pattern takes. As FindAll does, the next is looked for from the end
// of the last.
func headerLabelsFast(out []headerLabel, t string) []headerLabel {
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

// headerValue is the end of headerValueRE's match at the start of s, or -1.
func (p *parser) headerValue(s string) int {
	if p.ascii {
		return headerValueFast(s)
	}
	if m := headerValueRE.FindStringIndex(s); m != nil {
		return m[1]
	}
	return -1
}

// headerValueFast is headerValueRE for ASCII s:
//
//	(?i)^(CM\d{2}-\d{5,8}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|[A-Z][a-z]+ \d{1,2}, \d{4}|Standard|Expedited|\d{6,})
//
// The alternatives are tried in order and the first that fits is the
// match. A digit run of \d{1,2} must be followed by a separator, so a
// longer run fails however it is cut; the runs at the ends are greedy.
func headerValueFast(s string) int {
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

// digitRun is the number of ASCII digits at s[i:].
func digitRun(s string, i int) int {
	j := i
	for j < len(s) && ascii.IsDigit(s[j]) {
		j++
	}
	return j - i
}

// letterRun is the number of ASCII letters at s[i:].
func letterRun(s string, i int) int {
	j := i
	for j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
		j++
	}
	return j - i
}
