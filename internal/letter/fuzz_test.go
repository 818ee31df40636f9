package letter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// FuzzParse: the parser reads any text without panicking, and every field
// it keeps lies inside the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/letters/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	v, err := rules.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l := Parse(text.New(src), v)
		in := func(what string, fl Field) {
			if fl.Start < 0 || fl.End > len(src) || fl.Start > fl.End {
				t.Fatalf("%s %v outside the %d-byte file", what, fl.Span, len(src))
			}
		}
		for _, it := range l.Items {
			in("header", it.Header)
			in("request", it.Request)
			in("decision", it.DecisionAt)
			for _, q := range it.Quantities {
				in("quantity", Field{Span: q.Span})
			}
			for _, c := range it.Citations {
				in("citation", c.Field)
			}
		}
	})
}
