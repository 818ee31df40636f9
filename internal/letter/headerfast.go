package letter

import "strings"

// headerLabel is a label of the case table found in a line: the match of
// headerLabelRE (the label, white space and colon) and the canonical label
// it stands for ("" for a "Received:" that finishes "Application").
type headerLabel struct {
	start, end int
	label      string
}

// headerLabels finds the labels of a case-table line.
func (p *parser) headerLabels(t string) []headerLabel {
	if p.ascii {
		return headerLabelsFast(t)
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

// headerLabelsFast is headerLabelRE's matches for ASCII t:
//
//	(?i)\b(IMR Case Number|Case Number|Case No\.?|Date Assigned|...|Dated)\s*:?
//
// A match starts where a word does, with the first alternative that fits;
// what follows the label is optional, so the first that fits is the one
// the pattern takes. As FindAll does, the next is looked for from the end
// of the last.
func headerLabelsFast(t string) []headerLabel {
	var out []headerLabel
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
func headerLabelAt(t string, i int) (end int, label string, ok bool) {
	rest := t[i:]
	for _, a := range headerLabelAlts {
		if !hasPrefixFold(rest, a.text) {
			continue
		}
		e := i + len(a.text)
		if a.text == "application" {
			// `Application(?:\s+Received)?`
			if r := spacesAfter(t, e); r > e && hasPrefixFold(t[r:], "received") {
				e = r + len("received")
			}
		}
		return e, a.label, true
	}
	return 0, "", false
}
