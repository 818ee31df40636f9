package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExcluded: an entry suppresses its check in the files its glob
// matches, relative to the configuration's directory; an entry without a
// path holds for every file, one without a check for every check.
func TestExcluded(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	os.WriteFile(path, []byte(`[[exclude]]
path = "settled/**"
check = "quantity-mismatch"
reason = "settled"

[[exclude]]
check = "copied-rationale"
reason = "reviewed by hand"

[[exclude]]
path = "legacy/*.txt"
reason = "not reissued"
`), 0o600)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		path, check string
		want        bool
	}{
		{"settled/a/b.txt", "quantity-mismatch", true},
		{"settled/a/b.txt", "date-mismatch", false},
		{"open/b.txt", "quantity-mismatch", false},
		{"open/b.txt", "copied-rationale", true},
		{"legacy/x.txt", "date-mismatch", true},
		{"legacy/deeper/x.txt", "date-mismatch", false},
	} {
		if got := c.Excluded(filepath.Join(dir, x.path), x.check); got != x.want {
			t.Errorf("Excluded(%s, %s) = %v, want %v", x.path, x.check, got, x.want)
		}
	}
}

// TestBaseDir: base_dir moves what globs and directories are read
// against; it must be a directory.
func TestBaseDir(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "team", "rules"), 0o755)
	os.MkdirAll(filepath.Join(dir, "conf"), 0o755)
	path := filepath.Join(dir, "conf", FileName)
	os.WriteFile(path, []byte("base_dir = \"../team\"\n[rules]\ndirs = [\"rules\"]\n[files]\ntemplates = [\"t/**\"]\n"), 0o600)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := c.RulesDirs(); len(d) != 1 || d[0] != filepath.Join(dir, "team", "rules") {
		t.Errorf("rules dirs %v, want team/rules", d)
	}
	if !c.IsTemplate(filepath.Join(dir, "team", "t", "x.txt")) || c.IsTemplate(filepath.Join(dir, "conf", "t", "x.txt")) {
		t.Errorf("templates not read against base_dir")
	}
	os.WriteFile(path, []byte("base_dir = \"../nowhere\"\n"), 0o600)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), ":1: base_dir") {
		t.Errorf("a missing base_dir: %v", err)
	}
}
