package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileInputs: each hostile input is refused or checked in bounded
// time and memory (the size limit bounds the rest), with no panic, and the
// other files of the run are still checked. Figures for the README come
// from `go test -run Hostile -v`, which logs sizes.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile inputs write large files; skipped with -short")
	}
	dir := t.TempDir()
	good := copyFixture(t, dir, "fault-2014-quantity-mismatch.txt")
	write := func(name string, size int64, fill func(*os.File)) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		fill(f)
		f.Close()
		if fi, _ := os.Stat(p); fi != nil {
			t.Logf("%s: %d bytes", name, fi.Size())
		}
		return p
	}
	// 200 MB: refused by its size before a byte is read (sparse file).
	big := write("200mb.txt", 200<<20, func(f *os.File) { f.Truncate(200 << 20) })
	// One million short lines: checked (not a letter).
	million := write("million.txt", 0, func(f *os.File) {
		f.Write(bytes.Repeat([]byte("Upheld\n"), 1_000_000))
	})
	// A single line of 50 MB: refused by the default limit, and checked
	// when the limit is raised.
	line := write("oneline.txt", 0, func(f *os.File) {
		chunk := bytes.Repeat([]byte("massage therapy 12 sessions "), 1<<15)
		for n := 0; n < 50<<20; n += len(chunk) {
			f.Write(chunk)
		}
	})
	nul := write("nul.txt", 0, func(f *os.File) { f.Write([]byte("IMR ISSUES\x00\x00")) })
	// A directory with a symbolic link loop.
	loop := filepath.Join(dir, "loop")
	os.MkdirAll(loop, 0o755)
	os.Symlink(loop, filepath.Join(loop, "self"))
	os.Symlink(filepath.Join(loop, "self"), filepath.Join(loop, "again.txt"))

	out, errs, code := run(t, "", "check", "--format", "json", big, million, line, nul, loop, good)
	if code != ExitTrouble {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{"200mb.txt: file is too large", "oneline.txt: file is too large", "nul.txt: is a binary file"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, `"check": "quantity-mismatch"`) || !strings.Contains(out, "million.txt") {
		t.Errorf("the other files were not checked:\n%.400s", out)
	}
	// With the limit raised, the 50 MB line is read and checked.
	if _, errs, code := run(t, "", "check", "--max-file-size", fmt.Sprint(64<<20), "--format", "json", line); code == ExitTrouble {
		t.Errorf("50 MB line with a 64 MiB limit: %s", errs)
	}
}

// TestHugeVocabulary: a vocabulary of 10,000 aliases loads and is matched
// in one pass.
func TestHugeVocabulary(t *testing.T) {
	dir := t.TempDir()
	rd := filepath.Join(dir, "rules")
	os.MkdirAll(filepath.Join(rd, "vocab"), 0o755)
	for _, n := range []string{"body_parts.toml", "language.toml"} {
		b, _ := os.ReadFile(filepath.Join(root, "rules/vocab", n))
		os.WriteFile(filepath.Join(rd, "vocab", n), b, 0o644)
	}
	b, _ := os.ReadFile(filepath.Join(root, "rules/vocab/treatments.toml"))
	var extra strings.Builder
	extra.WriteString("\n[[treatment]]\nid = \"many\"\nname = \"many\"\nkind = \"other\"\naliases = [")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&extra, "\"alias number %d\", ", i)
	}
	extra.WriteString("]\n")
	os.WriteFile(filepath.Join(rd, "vocab", "treatments.toml"), append(b, extra.String()...), 0o644)
	out, errs, code := run(t, "", "check", "--rules", rd, "--format", "json", "testdata/letters/fault-2014-quantity-mismatch.txt")
	if code != ExitFindings || !strings.Contains(out, "quantity-mismatch") {
		t.Errorf("exit %d %s", code, errs)
	}
}
