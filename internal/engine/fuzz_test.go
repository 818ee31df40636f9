package engine_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/source"
)

// FuzzCheck: the whole pipeline on arbitrary bytes never panics, and every
// finding's spans lie inside the file, with line and column inside it.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/letters/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	e := newEngine(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if source.Validate(src) != nil {
			return // the reader refuses it before the parser sees it
		}
		r := e.CheckBytes("fuzz.txt", src)
		x := position.NewLineIndex(src)
		for _, fd := range r.Findings {
			spans := [][2]int{{fd.Start, fd.End}}
			for _, rel := range fd.Related {
				spans = append(spans, [2]int{rel.Start, rel.End})
			}
			if fd.Fix != nil {
				spans = append(spans, [2]int{fd.Fix.Start, fd.Fix.End})
			}
			for _, s := range spans {
				if s[0] < 0 || s[1] > len(src) || s[0] > s[1] {
					t.Fatalf("%s: span %v outside the %d-byte file", fd.Check, s, len(src))
				}
				if p := x.Position(s[0]); p.Line > x.Lines() {
					t.Fatalf("%s: line %d past the end", fd.Check, p.Line)
				}
			}
		}
	})
}
