package letter

import (
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// parseText parses a made-up letter with the built-in rules.
func parseText(t *testing.T, src string) *Letter {
	t.Helper()
	v, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return Parse(text.New([]byte(src)), v)
}

// headerLetter is a 2014-style letter whose case table is given; the rest
// is just enough for the sections to be found.
func headerLetter(table string) string {
	return table + `

HOW THE IMR FINAL DETERMINATION WAS MADE
A physician reviewer with no tie to the parties reviewed the file.

CLINICAL CASE SUMMARY
This 40 year old male injured his back lifting boxes.

IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
1. Physical therapy: 6 sessions (lumbar spine): Upheld
`
}

// TestHeaderLabelWordBoundary: a label ends where a word does. "Case
// Notes:" holds no "Case No", "Receivedx" no "Received"; "Case No." with
// its dot and "Case No:" are labels. Each letter is read as it is and
// with a non-ASCII character in its summary, which changes nothing.
func TestHeaderLabelWordBoundary(t *testing.T) {
	cases := []struct {
		name, table string
		want        map[string]string // label: value; "" for none
	}{
		{"case notes before case no.", "Case Notes: see below\nCase No.: CM13-12345\nDate of Injury: 01/02/2010", map[string]string{
			FieldCase: "CM13-12345", FieldInjury: "01/02/2010",
		}},
		{"case notes alone", "Case Notes: see below\nDate of Injury: 01/02/2010", map[string]string{
			FieldCase: "", FieldInjury: "01/02/2010",
		}},
		{"case no: without dot", "Case No: CM13-54321", map[string]string{FieldCase: "CM13-54321"}},
		{"case no. without colon", "Case No. CM13-54321   Date of Injury: 01/02/2010", map[string]string{FieldCase: "CM13-54321", FieldInjury: "01/02/2010"}},
		// Labels first, values after: a "Case Notes:" among the labels
		// took the first value.
		{"labels first", "Case Notes:\nDate of Injury:\n03/04/2011", map[string]string{
			FieldCase: "", FieldInjury: "03/04/2011",
		}},
		{"longer words", "Prioritys: Standard\nApplicationx 05/06/2012\nDatedx: 07/08/2013\nDecision Dates: 09/10/2013", map[string]string{
			FieldPriority: "", FieldApplication: "", FieldLetterDated: "", FieldDecision: "",
		}},
		{"words after the labels", "Priority: Standard\nDated: 07/08/2013", map[string]string{
			FieldPriority: "Standard", FieldLetterDated: "07/08/2013",
		}},
		// "Receivedx" is no "Received": the line after "Application" is
		// its value, not a label finishing it.
		{"received then x", "Application Receivedx 05/06/2012", map[string]string{FieldApplication: ""}},
		{"application received", "Application Received: 05/06/2012", map[string]string{FieldApplication: "05/06/2012"}},
	}
	for _, c := range cases {
		for _, nonASCII := range []bool{false, true} {
			src := headerLetter(c.table)
			if nonASCII {
				src = strings.Replace(src, "boxes.", "boxes at 5\u00b0 C.", 1)
				if !hasNonASCIILine(src) {
					t.Fatal("the letter is all ASCII after normalisation")
				}
			}
			l := parseText(t, src)
			if l.Layout != Layout2014 {
				t.Fatalf("%s: layout %v", c.name, l.Layout)
			}
			for label, want := range c.want {
				got, ok := l.Fields[label]
				switch {
				case want == "" && ok:
					t.Errorf("%s (non-ASCII %v): field %q = %q, want none", c.name, nonASCII, label, got.Text)
				case want != "" && got.Text != want:
					t.Errorf("%s (non-ASCII %v): field %q = %q, want %q", c.name, nonASCII, label, got.Text, want)
				}
			}
		}
	}
}

// TestHeaderLabelEnds checks the label matches themselves.
func TestHeaderLabelEnds(t *testing.T) {
	cases := []struct {
		line  string
		want  []string // the labels found, canonical ("" for "Received")
		texts []string // their matched text
	}{
		{"Case Notes: see below", nil, nil},
		{"Case No.: CM13-12345", []string{FieldCase}, []string{"Case No.:"}},
		{"Case No: CM13-12345", []string{FieldCase}, []string{"Case No:"}},
		{"Case No.x", []string{FieldCase}, []string{"Case No."}},
		{"Receivedx: 1/2/2003 Received: 1/2/2003", []string{""}, []string{"Received:"}},
		{"Prioritys: Standard Priority: Standard", []string{FieldPriority}, []string{"Priority:"}},
		{"Dated:Datedx", []string{FieldLetterDated}, []string{"Dated:"}},
		{"Application Receivedx", []string{FieldApplication}, []string{"Application "}},
		{"Applications Received: 1/2/2003", []string{""}, []string{"Received:"}},
		{"IMR Case Numbers: Case Number: 1", []string{FieldCase}, []string{"Case Number:"}},
	}
	p := &parser{}
	for _, c := range cases {
		var labels, texts []string
		for _, h := range p.headerLabels(c.line) {
			labels = append(labels, h.label)
			texts = append(texts, c.line[h.start:h.end])
		}
		if strings.Join(labels, "|") != strings.Join(c.want, "|") || strings.Join(texts, "|") != strings.Join(c.texts, "|") {
			t.Errorf("headerLabels(%q) = %q %q, want %q %q", c.line, labels, texts, c.want, c.texts)
		}
	}
}

// TestHeaderValue: the end of a case-table value at the start of a
// string.
func TestHeaderValue(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"CM16-0221706", 12},
		{"CM16-1234", -1},
		{"cm13-123456789", 13},
		{"10/14/2016", 10},
		{"1/2/03", 6},
		{"10-14-16 x", 8},
		{"123/4/2016", -1},
		{"October 14, 2016", 16},
		{"Oct 1, 2016", 11},
		{"O 1, 2016", -1},
		{"Standard", 8},
		{"expedited x", 9},
		{"123456", 6},
		{"12345", -1},
		{"x", -1},
		{"", -1},
	} {
		if got := headerValue(c.in); got != c.want {
			t.Errorf("headerValue(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
