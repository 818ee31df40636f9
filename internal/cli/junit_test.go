package cli

import (
	"strings"
	"testing"
)

// TestJUnitFollowsFailLevel: the JUnit report fails a letter exactly when
// the run's --fail-level would, so a CI dashboard and the exit code agree
// (a warnings-only letter was a failed test case while the run exited 0).
func TestJUnitFollowsFailLevel(t *testing.T) {
	const letter = "testdata/letters/fault-2013-copied-rationale.txt" // warnings only
	for _, c := range []struct {
		level    string
		failures int
		code     int
	}{
		{"error", 0, 0},
		{"warning", 1, 1},
	} {
		out, errs, code := run(t, "", "check", "--format", "junit", "--fail-level", c.level, letter)
		if code != c.code {
			t.Errorf("--fail-level %s: exit %d, want %d (stderr %q)", c.level, code, c.code, errs)
		}
		if n := strings.Count(out, "<failure"); n != c.failures {
			t.Errorf("--fail-level %s: %d <failure> elements, want %d:\n%s", c.level, n, c.failures, out)
		}
		if c.failures == 0 && !strings.Contains(out, "<system-out>") {
			t.Errorf("--fail-level %s: the warnings are not in <system-out>:\n%s", c.level, out)
		}
	}
}
