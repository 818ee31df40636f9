package rules

import (
	"errors"
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
	// The vocabularies and the catalog a limits file is checked against
	// are loaded once: loading them for each input (as Load does) held a
	// short CI run to a few dozen inputs. What is fuzzed is the limits
	// file, read and validated exactly as Load reads it.
	base, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"limits/fuzz.toml": &fstest.MapFile{Data: data}}
		rs, errs := loadLimits(fsys, "rules", base, base.Catalog, decodeGlob[limitsFile](fsys, "limits/*.toml"))
		for _, err := range errs {
			if err == nil || err.Error() == "" {
				t.Fatalf("an empty error among %d", len(errs))
			}
			var re *Error
			if errors.As(err, &re) && re.Line < 0 {
				t.Fatalf("error %q has line %d", err, re.Line)
			}
		}
		if len(errs) == 0 {
			for _, r := range rs {
				if r == nil || r.ID == "" {
					t.Fatal("a rule without an id was accepted")
				}
			}
		}
	})
}
