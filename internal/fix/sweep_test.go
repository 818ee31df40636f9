package fix

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSweepTakesOnlyItsOwn: the sweep a --fix run makes of each letter's
// directory removes only temporary files of imrlint's exact naming whose
// writer is gone, never a team's file that merely holds ".imrlint-" nor
// the temporary file of a report another run is still writing. Before,
// any old dotfile holding ".imrlint-" was removed: .imrlint-baseline.json
// and a long -o run's report among them.
func TestSweepTakesOnlyItsOwn(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	write := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
		return p
	}
	keep := []string{
		write(".imrlint-baseline.json"),
		write(".notes.imrlint-tmp-draft"),
		write("a.txt.imrlint-tmp-1"), // not hidden: not of imrlint's making
	}
	gone := []string{
		write(".a.txt.imrlint-tmp-123"),        // an unlocked kind, an hour old
		write(".b.txt.imrlint-tmp-456.locked"), // a locked kind no one holds
	}
	// A report another run is still writing (-o): held open, and so locked.
	live, err := CreateTemp(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	os.Chtimes(live.Name(), old, old)
	keep = append(keep, live.Name())

	SweepTemps(dir)
	for _, p := range keep {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed (%v)", filepath.Base(p), err)
		}
	}
	for _, p := range gone {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s, a dead run's, is still there", filepath.Base(p))
		}
	}
}

func TestIsTempName(t *testing.T) {
	for name, want := range map[string]bool{
		".a.txt.imrlint-tmp-123":        true,
		".a.txt.imrlint-tmp-123.locked": true,
		".a.txt.imrlint-456":            true, // an earlier version's
		".imrlint-tmp-123":              false,
		".a.txt.imrlint-tmp-":           false,
		".a.txt.imrlint-tmp-12x":        false,
		".imrlint-baseline.json":        false,
		"a.txt.imrlint-tmp-123":         false,
	} {
		if got := isTempName(name); got != want {
			t.Errorf("isTempName(%q) = %v, want %v", name, got, want)
		}
	}
}
