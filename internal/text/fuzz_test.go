package text

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/position"
)

func addLetterSeeds(f *testing.F, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for i, p := range files {
		if i >= 20 {
			break
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Page 1 of 2\r\n\fCM16-0123456\r\n\u201cquote\u201d 4\u20136 \u00a0x\n\n\n"))
	f.Add([]byte{0xff, 0xfe, '\n', '\f', 0xe2, 0x80})
}

// FuzzNew: normalising any bytes never panics, and every byte of every
// line and every joined block maps inside the original, in order.
func FuzzNew(f *testing.F) {
	addLetterSeeds(f, "../../testdata/letters")
	f.Fuzz(func(t *testing.T, src []byte) {
		d := New(src)
		for _, l := range d.Lines {
			if l.Break {
				continue
			}
			if !utf8.ValidString(l.Text) && utf8.Valid(src) {
				t.Fatalf("line %q is not UTF-8", l.Text)
			}
			prev := -1
			for i := 0; i < len(l.Text); i++ {
				sp := l.Span(i, i+1)
				if sp.Start < 0 || sp.End > len(src) || sp.Start >= sp.End || sp.Start < prev {
					t.Fatalf("byte %d of %q maps to %v (src %d bytes)", i, l.Text, sp, len(src))
				}
				prev = sp.Start
			}
		}
		b := Join(d.Lines)
		for i := 0; i < len(b.Text); i++ {
			sp := b.Span(i, i+1)
			if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
				t.Fatalf("block byte %d maps to %v", i, sp)
			}
		}
		x := position.NewLineIndex(src)
		for _, off := range []int{0, len(src) / 2, len(src)} {
			p := x.Position(off)
			if p.Line < 1 || p.Column < 1 {
				t.Fatalf("Position(%d) = %+v", off, p)
			}
		}
	})
}
