package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInit: imrlint init writes a starter configuration, private (0600),
// that imrlint reads and that changes nothing of a run; it never replaces
// a file, nor writes through a symbolic link.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	_, errs, code := run(t, "", "init", dir)
	path := filepath.Join(dir, ".imrlint.toml")
	if code != ExitOK || !strings.Contains(errs, "wrote "+path) {
		t.Fatalf("init: exit %d, %q", code, errs)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("init wrote %v (%v), want mode 0600", fi.Mode(), err)
	}
	letter := "testdata/letters/fault-2014-copied-rationale.txt"
	want, _, wantCode := run(t, "", "check", "--no-config", "--format", "json", letter)
	got, errs, gotCode := run(t, "", "check", "--config", path, "--format", "json", letter)
	if got != want || gotCode != wantCode {
		t.Errorf("the starter configuration changes the run (exit %d, want %d): %s", gotCode, wantCode, errs)
	}
	if _, errs, code := run(t, "", "config", "--config", path); code != ExitOK {
		t.Errorf("config of the starter: exit %d: %s", code, errs)
	}

	// Never replaced.
	os.WriteFile(path, []byte("fail_level = \"info\"\n"), 0o644)
	_, errs, code = run(t, "", "init", dir)
	if b, _ := os.ReadFile(path); code != ExitTrouble || string(b) != "fail_level = \"info\"\n" || !strings.Contains(errs, "exists") {
		t.Errorf("init over a file: exit %d, %q, file now %q", code, errs, b)
	}
	// Nor written through a link, even a dangling one.
	other := t.TempDir()
	target := filepath.Join(other, "elsewhere.toml")
	os.Symlink(target, filepath.Join(other, ".imrlint.toml"))
	if _, _, code := run(t, "", "init", other); code != ExitTrouble {
		t.Errorf("init through a dangling link: exit %d", code)
	}
	if _, err := os.Stat(target); err == nil {
		t.Errorf("init wrote through the link to %s", target)
	}
	if _, _, code := run(t, "", "init", filepath.Join(other, "no/such/dir")); code != ExitTrouble {
		t.Errorf("init into a missing directory: exit %d", code)
	}
}
