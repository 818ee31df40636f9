package cli

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestStatistics: --statistics prints the findings of each check after
// the report, on standard output under a text report, on standard error
// under any other, and counts what the report shows.
func TestStatistics(t *testing.T) {
	letters := []string{"testdata/letters/fault-2014-quantity-mismatch.txt", "testdata/letters/fault-2014-copied-rationale.txt", "testdata/letters/fault-2014-date-mismatch.txt"}
	out, _, code := run(t, "", append([]string{"check", "--no-config", "--color", "never", "--statistics"}, letters...)...)
	if code != ExitFindings {
		t.Errorf("exit %d", code)
	}
	report, stats, ok := strings.Cut(out, "findings by check:\n")
	if !ok {
		t.Fatalf("no statistics after the report:\n%s", out)
	}
	plain, _, _ := run(t, "", append([]string{"check", "--no-config", "--color", "never"}, letters...)...)
	if report != plain {
		t.Errorf("--statistics changed the report before it")
	}
	// Each check's count is the number of its findings in the report.
	for _, l := range strings.Split(strings.TrimSpace(stats), "\n") {
		var n int
		var name string
		if _, err := fmt.Sscan(l, &n, &name); err != nil {
			t.Fatalf("statistics line %q: %v", l, err)
		}
		if got := len(regexp.MustCompile(`(?m)^\S+:\d+:\d+(?: \(page \d+, line \d+\))?: \w+\[`+regexp.QuoteMeta(name)+`\]`).FindAllString(report, -1)); got != n {
			t.Errorf("statistics say %d %s, the report has %d", n, name, got)
		}
	}
	// JSON stays one document; the statistics go to standard error.
	out, errs, _ := run(t, "", append([]string{"check", "--no-config", "--format", "json", "--statistics"}, letters...)...)
	if strings.Contains(out, "findings by check") || !strings.Contains(errs, "findings by check:\n") || !strings.Contains(errs, " quantity-mismatch\n") {
		t.Errorf("json --statistics: stdout has them or stderr lacks them: %q", errs)
	}
	// Under a baseline, only what is reported is counted.
	base := filepath.Join(t.TempDir(), "b.json")
	run(t, "", "check", "--no-config", "--write-baseline", base, letters[0])
	out, _, _ = run(t, "", append([]string{"check", "--no-config", "--color", "never", "--statistics", "--baseline", base}, letters...)...)
	if _, stats, _ := strings.Cut(out, "findings by check:\n"); strings.Contains(stats, "quantity-mismatch") {
		t.Errorf("--statistics counts findings the baseline suppressed:\n%s", stats)
	}
}

// TestMaxWarnings: more warnings than --max-warnings fail a run that
// would pass; as many pass; -1 is no limit; errors fail as before.
func TestMaxWarnings(t *testing.T) {
	copied := "testdata/letters/fault-2014-copied-rationale.txt" // warnings only
	out, _, _ := run(t, "", "check", "--no-config", "--format", "json", copied)
	n := strings.Count(out, `"severity": "warning"`)
	if n == 0 {
		t.Fatal("the fixture has no warning")
	}
	for _, c := range []struct {
		max  string
		code int
	}{{"-1", ExitOK}, {"0", ExitFindings}, {strconv.Itoa(n - 1), ExitFindings}, {strconv.Itoa(n), ExitOK}, {strconv.Itoa(n + 5), ExitOK}} {
		_, errs, code := run(t, "", "check", "--no-config", "--max-warnings", c.max, copied)
		if code != c.code {
			t.Errorf("--max-warnings %s with %d warnings: exit %d, want %d", c.max, n, code, c.code)
		}
		if c.code == ExitFindings && !strings.Contains(errs, "more than --max-warnings "+c.max) {
			t.Errorf("--max-warnings %s: stderr %q does not say why", c.max, errs)
		}
	}
	if _, _, code := run(t, "", "check", "--no-config", "--max-warnings", "100", "testdata/letters/fault-2014-quantity-mismatch.txt"); code != ExitFindings {
		t.Errorf("errors with --max-warnings 100: exit %d, want 1", code)
	}
	// --diff and the other formats count the same warnings.
	for _, args := range [][]string{{"--diff"}, {"--format", "sarif"}, {"--format", "jsonl"}} {
		if _, _, code := run(t, "", append(append([]string{"check", "--no-config", "--max-warnings", "0"}, args...), copied)...); code != ExitFindings {
			t.Errorf("%v --max-warnings 0: exit %d, want 1", args, code)
		}
	}
}

// TestMaxWarningsRefusesNonsense: a count below -1 is a usage error, not
// a limit that every run passes silently.
func TestMaxWarningsRefusesNonsense(t *testing.T) {
	_, errs, code := run(t, "", "check", "--no-config", "--max-warnings", "-5", "testdata/letters/clean-2014-massage.txt")
	if code != ExitTrouble || !strings.Contains(errs, "--max-warnings -5") {
		t.Errorf("--max-warnings -5: exit %d, stderr %q; want exit 2 saying why", code, errs)
	}
}

// TestStatsUnderBaseline: the run summary of --stats counts what the
// report shows: a finding the baseline suppressed is not an error.
func TestStatsUnderBaseline(t *testing.T) {
	letter := "testdata/letters/fault-2014-quantity-mismatch.txt"
	base := filepath.Join(t.TempDir(), "b.json")
	if _, errs, code := run(t, "", "check", "--no-config", "--write-baseline", base, letter); code != ExitOK {
		t.Fatalf("write-baseline: %d %s", code, errs)
	}
	out, errs, code := run(t, "", "check", "--no-config", "--stats", "--color", "never", "--baseline", base, letter)
	if code != ExitOK {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(errs, "0 errors, 0 warnings, 0 infos (baseline: ") || !strings.Contains(out, "0 errors, 0 warnings, 0 infos; baseline: ") {
		t.Errorf("--stats and the report disagree under a baseline:\nstderr %q\nstdout %q", errs, out)
	}
	_, errs, _ = run(t, "", "check", "--no-config", "--stats", letter)
	if !regexp.MustCompile(`imrlint: 1 file, 1 letter: [1-9]\d* errors?, `).MatchString(errs) {
		t.Errorf("--stats without a baseline: %q", errs)
	}
}

// TestDiffOfDocuments: --diff leaves out a PDF's and a DOCX's fixes,
// which are to extracted text, saying so; a text letter's diff is kept.
func TestDiffOfDocuments(t *testing.T) {
	txt := "testdata/docs/fault-2014-quantity-mismatch.txt"
	alone, _, _ := run(t, "", "check", "--no-config", "--diff", txt)
	if !strings.HasPrefix(alone, "--- a/") {
		t.Fatalf("the text letter has no diff: %q", alone)
	}
	for _, doc := range []string{"testdata/docs/fault-2014-quantity-mismatch.docx", "testdata/docs/fault-2014-quantity-mismatch.pdf"} {
		out, errs, code := run(t, "", "check", "--no-config", "--diff", doc, txt)
		if out != alone {
			t.Errorf("%s: the diff holds more than the text letter's:\n%s", doc, out)
		}
		if !strings.Contains(errs, doc+": not in the diff") || code != ExitFindings {
			t.Errorf("%s: exit %d, stderr %q", doc, code, errs)
		}
	}
}
