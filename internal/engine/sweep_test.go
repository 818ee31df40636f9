package engine

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/imrlint/imrlint/internal/config"
)

// TestFixAllSweepsWithNothingToWrite: a --fix run removes the temporary
// file a killed run left beside the letters even when it has no fix to
// write there (the sweep was only in fix.Write, so a clean directory kept
// a whole letter in a hidden file for good).
func TestFixAllSweepsWithNothingToWrite(t *testing.T) {
	src, err := os.ReadFile("../../testdata/letters/clean-2014-massage.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	letter := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(letter, src, 0o600); err != nil {
		t.Fatal(err)
	}
	// What a kill between naming the fix and the rename leaves: one of
	// Write's temporary files, holding the letter, that no one has locked.
	left := filepath.Join(dir, ".a.txt.imrlint-tmp-4242.locked")
	if err := os.WriteFile(left, src, 0o600); err != nil {
		t.Fatal(err)
	}
	e, err := New(&config.Config{})
	if err != nil {
		t.Fatal(err)
	}
	rs := []Result{e.CheckBytes(letter, src)}
	if len(rs[0].Findings) != 0 {
		t.Fatalf("the clean letter has findings: %v", rs[0].Findings)
	}
	e.FixAll(rs, nil)
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("the leftover temporary file is still there (%v)", err)
	}
	if got, _ := os.ReadFile(letter); string(got) != string(src) {
		t.Error("the letter changed")
	}
}
