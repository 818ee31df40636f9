package rules

import (
	"os"
	"testing"
	"testing/fstest"
)

// FuzzLoadLimits: any rule file is loaded or refused with errors, never a
// panic, with the shipped vocabularies and catalog around it.
func FuzzLoadLimits(f *testing.F) {
	for _, p := range []string{"../../rules/limits/therapy.toml", "../../rules/limits/general.toml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[[rule]]\nid = \"x\"\nmin = 9\nmax = 1\n"))
	f.Add([]byte("[[rule\n"))
	vocab := fstest.MapFS{}
	for _, n := range []string{"vocab/treatments.toml", "vocab/body_parts.toml", "vocab/language.toml"} {
		b, err := os.ReadFile("../../rules/" + n)
		if err != nil {
			f.Fatal(err)
		}
		vocab[n] = &fstest.MapFile{Data: b}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"limits/fuzz.toml": &fstest.MapFile{Data: data}}
		for k, v := range vocab {
			fsys[k] = v
		}
		set, err := Load(fsys, DefaultCatalogFS)
		if err == nil && set == nil {
			t.Fatal("no set and no error")
		}
	})
}
