package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad: any configuration file is loaded or refused with an error
// naming it, never a panic.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("fail_level = \"warning\"\n[checks]\ndisable = [\"copied-rationale\"]\n[files]\nexclude = [\"**/drafts/**\"]\n"))
	f.Add([]byte("[placeholders]\ncustom = ['(']\n"))
	f.Add([]byte("[[boilerplate.paragraph]]\nid = \"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), FileName)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(p)
		if err == nil && c == nil {
			t.Fatal("no config and no error")
		}
	})
}
