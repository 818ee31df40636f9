package fix

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/finding"
)

func TestApplyAndDiff(t *testing.T) {
	src := []byte("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten 18 sessions\n")
	i := strings.Index(string(src), "18")
	fixes := Collect([]finding.Finding{
		{Fix: &finding.Fix{Span: finding.Span{Start: i, End: i + 2}, Replacement: "12"}},
		{Fix: &finding.Fix{Span: finding.Span{Start: i, End: i + 1}, Replacement: "X"}}, // overlaps: waits
	})
	if len(fixes) != 1 {
		t.Fatalf("Collect kept %d fixes, want 1", len(fixes))
	}
	out := Apply(src, fixes)
	if !strings.HasSuffix(string(out), "ten 12 sessions\n") {
		t.Fatalf("Apply = %q", out)
	}
	want := "--- a/x.txt\n+++ b/x.txt\n@@ -7,4 +7,4 @@\n seven\n eight\n nine\n-ten 18 sessions\n+ten 12 sessions\n"
	if d := Diff("x.txt", src, out); d != want {
		t.Errorf("Diff =\n%s\nwant\n%s", d, want)
	}
	// The diff applies with patch(1) where it is installed.
	if _, err := exec.LookPath("patch"); err == nil {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "x.txt"), src, 0o644)
		cmd := exec.Command("patch", "-p1", "-s")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(Diff("x.txt", src, out))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch: %v %s", err, b)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "x.txt"))
		if string(got) != string(out) {
			t.Errorf("patched = %q", got)
		}
	}
}

func TestWriteRefusals(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	old := []byte("old 18\n")
	os.WriteFile(p, old, 0o640)
	if err := Write(p, old, []byte("new 12\n")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if got, _ := os.ReadFile(p); string(got) != "new 12\n" || fi.Mode().Perm() != 0o640 {
		t.Errorf("after Write: %q mode %v", got, fi.Mode().Perm())
	}
	// Changed since read.
	if err := Write(p, old, []byte("x")); err != ErrChanged {
		t.Errorf("changed file: %v", err)
	}
	// Read-only.
	ro := filepath.Join(dir, "ro.txt")
	os.WriteFile(ro, old, 0o444)
	if err := Write(ro, old, []byte("x")); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("read-only: %v", err)
	}
	if got, _ := os.ReadFile(ro); string(got) != string(old) {
		t.Errorf("read-only file changed: %q", got)
	}
	// Vanished.
	if err := Write(filepath.Join(dir, "gone.txt"), old, []byte("x")); err == nil || !strings.Contains(err.Error(), "no longer exists") {
		t.Errorf("vanished: %v", err)
	}
	// Replaced by a symlink.
	target := filepath.Join(dir, "target.txt")
	os.WriteFile(target, old, 0o644)
	ln := filepath.Join(dir, "ln.txt")
	os.Symlink(target, ln)
	if err := Write(ln, old, []byte("x")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("symlink: %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != string(old) {
		t.Errorf("symlink target changed: %q", got)
	}
	// No temporary files left behind.
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.Contains(e.Name(), ".imrlint-") {
			t.Errorf("left %s", e.Name())
		}
	}
}
