package report_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/report"
)

type junitDoc struct {
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Failures int `xml:"failures,attr"`
		Cases    []struct {
			Name     string `xml:"name,attr"`
			Failures []struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// TestJUnitFailLevel: a file fails for its findings at or above the fail
// level only (errors unless set), the others are its <system-out>; a file
// with warnings only passes by default and fails at --fail-level warning.
func TestJUnitFailLevel(t *testing.T) {
	src := []byte("line one\nline two\nline three\n")
	f := func(check string, sev finding.Severity, start int) finding.Finding {
		return finding.Finding{Check: check, Severity: sev, Message: check + " message", Span: finding.Span{Start: start, End: start + 4}}
	}
	rs := []engine.Result{
		{Path: "warnings-only.txt", Src: src, Findings: []finding.Finding{f("copied-rationale", finding.Warning, 0), f("boilerplate-drift", finding.Warning, 9)}},
		{Path: "mixed.txt", Src: src, Findings: []finding.Finding{f("quantity-mismatch", finding.Error, 0), f("copied-rationale", finding.Warning, 9), f("not-a-letter", finding.Info, 18)}},
		{Path: "infos-only.txt", Src: src, Findings: []finding.Finding{f("not-a-letter", finding.Info, 0)}},
	}
	sev := func(s finding.Severity) *finding.Severity { return &s }
	for _, tc := range []struct {
		name  string
		level *finding.Severity
		// failures and the count of lines in <system-out>, per file
		failures, out []int
		failed        int
	}{
		{"default", nil, []int{0, 1, 0}, []int{2, 2, 1}, 1},
		{"error", sev(finding.Error), []int{0, 1, 0}, []int{2, 2, 1}, 1},
		{"warning", sev(finding.Warning), []int{2, 2, 0}, []int{0, 1, 1}, 2},
		{"info", sev(finding.Info), []int{2, 3, 1}, []int{0, 0, 0}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := writeWith(t, "junit", rs, report.Options{Version: "test", FailLevel: tc.level})
			var doc junitDoc
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("JUnit output does not parse: %v\n%s", err, out)
			}
			if len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != len(rs) {
				t.Fatalf("want one suite of %d cases:\n%s", len(rs), out)
			}
			if doc.Failures != tc.failed || doc.Suites[0].Failures != tc.failed || doc.Errors != 0 {
				t.Errorf("failures=%d (suite %d) errors=%d, want %d failed cases and no error", doc.Failures, doc.Suites[0].Failures, doc.Errors, tc.failed)
			}
			for i, c := range doc.Suites[0].Cases {
				if len(c.Failures) != tc.failures[i] {
					t.Errorf("%s: %d failures, want %d:\n%s", c.Name, len(c.Failures), tc.failures[i], out)
				}
				lines := 0
				if c.SystemOut != "" {
					lines = len(strings.Split(c.SystemOut, "\n"))
				}
				if lines != tc.out[i] {
					t.Errorf("%s: %d findings in <system-out>, want %d:\n%s", c.Name, lines, tc.out[i], out)
				}
				for _, l := range strings.Split(c.SystemOut, "\n") {
					if l != "" && !strings.HasPrefix(l, c.Name+":") {
						t.Errorf("%s: <system-out> line %q does not read as the text format's", c.Name, l)
					}
				}
			}
		})
	}
}
