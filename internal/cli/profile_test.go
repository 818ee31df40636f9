package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProfiles checks that --cpuprofile and --memprofile write pprof files
// (gzip-compressed protobuf) and that neither holds the letter's text.
func TestProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	_, stderr, code := run(t, "", "check", "--quiet", "--cpuprofile", cpu, "--memprofile", mem, "testdata/letters/fault-2014-quantity-mismatch.txt")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFindings, stderr)
	}
	letter, err := os.ReadFile(filepath.Join(root, "testdata/letters/fault-2014-quantity-mismatch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{cpu, mem} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(p); err != nil {
			t.Error(err)
		} else if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600 (files imrlint writes are private)", filepath.Base(p), fi.Mode().Perm())
		}
		if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: not a gzip-compressed pprof profile", filepath.Base(p))
		}
		if strings.Contains(string(b), "18 additional") || strings.Contains(string(b), string(letter[:40])) {
			t.Errorf("%s holds letter text", filepath.Base(p))
		}
	}
	_, stderr, code = run(t, "", "check", "--cpuprofile", filepath.Join(dir, "no/such/dir/cpu"), "testdata/letters/fault-2014-quantity-mismatch.txt")
	if code != ExitTrouble || !strings.Contains(stderr, "--cpuprofile") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("unwritable profile: exit %d, stderr %q; want exit %d and one line naming --cpuprofile", code, stderr, ExitTrouble)
	}
}
