package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExcludeEntries: [[exclude]] suppresses the findings of a check in
// the files its glob matches, and only those; a reason is required.
func TestExcludeEntries(t *testing.T) {
	dir := t.TempDir()
	letters := filepath.Join(dir, "letters")
	os.MkdirAll(filepath.Join(letters, "settled"), 0o755)
	copyFixture(t, letters, "fault-2014-quantity-mismatch.txt")
	copyFixture(t, filepath.Join(letters, "settled"), "fault-2014-quantity-mismatch.txt")
	copyFixture(t, filepath.Join(letters, "settled"), "fault-2014-date-mismatch.txt")
	cfg := filepath.Join(dir, ".imrlint.toml")
	write := func(s string) {
		if err := os.WriteFile(cfg, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`[[exclude]]
path = "letters/settled/**"
check = "quantity-mismatch"
reason = "settled in 2025; not reissued"
`)
	out, errs, code := run(t, "", "check", "--config", cfg, "--format", "jsonl", letters)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var open, settled string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		switch {
		case strings.Contains(l, "settled/fault-2014-quantity-mismatch.txt"):
			settled = l
		case strings.Contains(l, "letters/fault-2014-quantity-mismatch.txt"):
			open = l
		case strings.Contains(l, "settled/fault-2014-date-mismatch.txt"):
			if !strings.Contains(l, `"check":"date-mismatch"`) {
				t.Errorf("another check's findings in the excluded path were suppressed: %s", l)
			}
		}
	}
	if strings.Contains(settled, `"check":"quantity-mismatch"`) {
		t.Errorf("the excluded file's quantity-mismatch is reported: %s", settled)
	}
	if !strings.Contains(open, `"check":"quantity-mismatch"`) {
		t.Errorf("a file outside the glob lost its finding: %s", open)
	}

	// A check without a path: every file.
	write("[[exclude]]\ncheck = \"quantity-mismatch\"\nreason = \"known\"\n")
	if out, _, _ := run(t, "", "check", "--config", cfg, "--format", "jsonl", letters); strings.Contains(out, `"check":"quantity-mismatch"`) {
		t.Errorf("check-only exclude left findings:\n%s", out)
	}

	for _, c := range []struct{ toml, want string }{
		{"[[exclude]]\ncheck = \"quantity-mismatch\"\n", cfg + ":2: exclude 1: a reason is required"},
		{"[[exclude]]\nreason = \"everything\"\n", "exclude 1: give a path glob, a check or both"},
		{"[[exclude]]\ncheck = \"quantity-mismatsh\"\nreason = \"x\"\n", `exclude: unknown check "quantity-mismatsh"`},
		{"[[exclude]]\npath = \"letters/[\"\nreason = \"x\"\n", `bad glob pattern "letters/["`},
		{"[[exclude]]\npath = \"x\"\nreason = \"x\"\nwhy = \"y\"\n", `unknown key "exclude.why"`},
	} {
		write(c.toml)
		_, errs, code := run(t, "", "check", "--config", cfg, letters)
		if code != ExitTrouble || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.toml, code, errs, c.want)
		}
	}
}
