package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStyle: the style has 14 rules, each a YAML file Vale can read (an
// extends key, tokens or a swap), and the letters are copied privately.
func TestStyle(t *testing.T) {
	dir := t.TempDir()
	for _, full := range []bool{false, true} {
		out := filepath.Join(dir, map[bool]string{false: "small", true: "full"}[full])
		n, err := writeStyle(out, full)
		if err != nil {
			t.Fatal(err)
		}
		if n != 14 {
			t.Errorf("full=%v: %d rules, want 14", full, n)
		}
		files, _ := filepath.Glob(filepath.Join(out, "styles", "IMR", "*.yml"))
		if len(files) != 14 {
			t.Errorf("full=%v: %d rule files, want 14", full, len(files))
		}
		for _, f := range files {
			b, _ := os.ReadFile(f)
			s := string(b)
			if !strings.HasPrefix(s, "extends: ") || !(strings.Contains(s, "\ntokens:\n  - ") || strings.Contains(s, "\nswap:\n  ")) {
				t.Errorf("%s: not an existence or substitution rule:\n%s", f, s)
			}
		}
		if _, err := os.Stat(filepath.Join(out, ".vale.ini")); err != nil {
			t.Error(err)
		}
	}
	src := filepath.Join(dir, "src")
	os.Mkdir(src, 0o700)
	os.WriteFile(filepath.Join(src, "a.txt"), []byte("letter"), 0o600)
	n, err := copyLetters(filepath.Join(dir, "letters"), []string{src}, 3)
	if err != nil || n != 3 {
		t.Fatalf("copyLetters: %d, %v; want 3", n, err)
	}
	fi, err := os.Stat(filepath.Join(dir, "letters", "00-a-02.txt"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("copy: %v, %v; want a 0600 file", fi, err)
	}
}
