package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/report"
)

// The ANSI colours of the severities (fatih/color: bold and the colour).
const (
	ansiRed    = "\x1b[31;1m"
	ansiYellow = "\x1b[33;1m"
	ansiCyan   = "\x1b[36;1m"
)

// TestTextCaretColor: a finding's carets take its severity's colour (a
// warning's are yellow, not red), as its label does.
func TestTextCaretColor(t *testing.T) {
	src := []byte("first line here\nsecond line here\nthird line here\n")
	rs := []engine.Result{{Path: "a.txt", Src: src, Findings: []finding.Finding{
		{Check: "quantity-mismatch", Severity: finding.Error, Message: "e", Span: finding.Span{Start: 0, End: 5}},
		{Check: "copied-rationale", Severity: finding.Warning, Message: "w", Span: finding.Span{Start: 16, End: 22}},
		{Check: "letter-structure", Severity: finding.Info, Message: "i", Span: finding.Span{Start: 34, End: 39}},
	}}}
	out := string(writeWith(t, "text", rs, report.Options{Version: "test", Color: true}))
	var carets []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "^") {
			carets = append(carets, l)
		}
	}
	want := []struct{ color, marks string }{{ansiRed, "^^^^^"}, {ansiYellow, "^^^^^^"}, {ansiCyan, "^^^^^"}}
	if len(carets) != len(want) {
		t.Fatalf("%d caret lines, want %d:\n%s", len(carets), len(want), out)
	}
	for i, w := range want {
		if !strings.Contains(carets[i], w.color+w.marks) {
			t.Errorf("caret line %d is %q, want the marks %q in %q", i+1, carets[i], w.marks, w.color)
		}
	}
}

// TestTextSummaryPlurals: the summary line counts in the singular for one.
func TestTextSummaryPlurals(t *testing.T) {
	src := []byte("one line\n")
	one := report.File{Path: "a.txt", Kind: "text", Layout: "imr-2014", Letter: true, Src: src, Findings: []finding.Finding{
		{Check: "quantity-mismatch", Severity: finding.Error, Message: "e", Span: finding.Span{Start: 0, End: 3}},
		{Check: "copied-rationale", Severity: finding.Warning, Message: "w", Span: finding.Span{Start: 0, End: 3}},
		{Check: "letter-structure", Severity: finding.Info, Message: "i", Span: finding.Span{Start: 0, End: 3}},
	}}
	text, _ := report.Lookup("text")
	for _, tc := range []struct {
		files []report.File
		want  string
	}{
		{[]report.File{one}, "1 file, 1 letter: 1 error, 1 warning, 1 info\n"},
		{[]report.File{one, one}, "2 files, 2 letters: 2 errors, 2 warnings, 2 infos\n"},
	} {
		var b bytes.Buffer
		if err := report.Write(&b, text, tc.files, report.Options{Version: "test"}, report.Extra{}); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); !strings.HasSuffix(out, "\n"+tc.want) {
			t.Errorf("the summary line of %d files is not %q:\n%s", len(tc.files), tc.want, out)
		}
	}
}
