package config

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSearchStopsAtUntrustedDirectories: a .imrlint.toml in a directory
// others may write to (as /tmp) is reported, not read; in the user's own
// directory it is read.
func TestSearchStopsAtUntrustedDirectories(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "letters")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(root, FileName)
	if err := os.WriteFile(cfg, []byte("[checks]\ndisable = [\"quantity-mismatch\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if r := Search(sub); r.Path != cfg || r.Ignored != "" {
		t.Errorf("own directory: Search = %+v, want the file read", r)
	}

	// World-writable, as /tmp: found but not read.
	if err := os.Chmod(root, 0o777); err != nil {
		t.Fatal(err)
	}
	r := Search(sub)
	if r.Path != "" || r.Ignored != cfg || r.Why != root+" is writable by others" {
		t.Errorf("world-writable directory: Search = %+v, want the file ignored because %s is writable by others", r, root)
	}
	if p, ok := Find(sub); ok {
		t.Errorf("Find = %q, want nothing", p)
	}

	// A world-writable file in a trusted directory is not read either.
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(cfg, 0o666); err != nil {
		t.Fatal(err)
	}
	if r := Search(sub); r.Path != "" || r.Ignored != cfg {
		t.Errorf("world-writable file: Search = %+v, want it ignored", r)
	}
}
