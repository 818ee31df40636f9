package text

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/position"
)

var messy = "HOW THE IMR FINAL DETERMINATION WAS MADE \r\n\r\n" +
	"The patient\u2019s \u201cmassage\u201d was limited to 4\u20136 visits.  \r\n\r\n" +
	"Page 1 of 2\r\n\r\n" +
	"\fCM16-0123456\r\n\r\n" +
	"She\u00a0completed 6\tsessions; caf\u00e9 \u2014 r\u00e9sum\u00e9 \r\n\r\n" +
	"CM16-0123456\r\n\r\n" +
	"of care.\r\n\r\n" + strings.Repeat("filler line\r\n\r\n", 6)

// TestSpansMapBack: every word of the clean text maps to original bytes
// that, folded the same way, read as that word; positions never drift past
// CRLF, curly quotes, dashes, tabs, NBSP, form feeds and removed footers.
func TestSpansMapBack(t *testing.T) {
	d := New([]byte(messy))
	if !d.DoubleSpaced {
		t.Fatal("double spacing not detected")
	}
	b := Join(d.Lines)
	if strings.Contains(b.Text, "Page 1") || strings.Contains(b.Text, "CM16") {
		t.Errorf("footer kept: %q", b.Text)
	}
	if !strings.Contains(b.Text, `The patient's "massage" was limited to 4-6 visits. She completed 6 sessions; café - résumé of care.`) {
		t.Errorf("clean text = %q", b.Text)
	}
	for s := 0; s < len(b.Text); {
		e := strings.IndexByte(b.Text[s:], ' ')
		if e < 0 {
			e = len(b.Text)
		} else {
			e += s
		}
		sp := b.Span(s, e)
		orig := string(d.Src[sp.Start:sp.End])
		folded, _ := normalizeLine([]byte(orig), 0, len(orig))
		if folded != b.Text[s:e] {
			t.Errorf("word %q maps to original %q", b.Text[s:e], orig)
		}
		s = e + 1
	}
}

func TestPositionCountsCodePoints(t *testing.T) {
	src := []byte("ab\ncafé 12\r\nx")
	x := position.NewLineIndex(src)
	off := strings.Index(string(src), "12")
	if p := x.Position(off); p.Line != 2 || p.Column != 6 {
		t.Errorf("Position = %+v, want 2:6", p)
	}
	if got := x.LineText(2); got != "café 12" {
		t.Errorf("LineText = %q", got)
	}
}

func TestBlankLinesAreBreaksUnlessDoubleSpaced(t *testing.T) {
	d := New([]byte("one\ntwo\n\nthree\n"))
	breaks := 0
	for _, l := range d.Lines {
		if l.Break {
			breaks++
		}
	}
	if d.DoubleSpaced || breaks != 1 {
		t.Errorf("double=%v breaks=%d, want false 1", d.DoubleSpaced, breaks)
	}
}

// TestJoinLaid: joining lines where they lie in the document's clean text
// gives the block that copying them gives, for every run of lines of
// messy text and of the fixture letters; lines whose Text was changed are
// copied.
func TestJoinLaid(t *testing.T) {
	srcs := [][]byte{[]byte(messy), []byte("one\ntwo\n\nthree\n"), {0xff, 'a', '\n', '\f', 0xe2, 0x80, ' ', 'b'}}
	files, _ := filepath.Glob("../../testdata/letters/*.txt")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			srcs = append(srcs, b)
		}
	}
	same := func(a, b Block) bool {
		return a.Text == b.Text && slices.Equal(a.off, b.off) && len(a.src) == len(b.src)
	}
	for _, src := range srcs {
		d := New(src)
		n := len(d.Lines)
		for i := 0; i <= n; i++ {
			for j := i; j <= n && j <= i+12; j++ {
				want := joinCopy(d.Lines[i:j])
				if got := Join(d.Lines[i:j]); !same(got, want) {
					t.Fatalf("Join(lines[%d:%d]) = %q %v, copying gives %q %v", i, j, got.Text, got.off, want.Text, want.off)
				}
			}
		}
		if n > 2 {
			ls := slices.Clone(d.Lines[:3])
			for k := range ls {
				if !ls[k].Break {
					ls[k].Text = ls[k].Text[:len(ls[k].Text)/2]
					break
				}
			}
			if got, want := Join(ls), joinCopy(ls); !same(got, want) {
				t.Fatalf("Join of a changed line = %q, copying gives %q", got.Text, want.Text)
			}
		}
	}
}

// normalizeLine builds the clean text of src[start:end] with its offsets.
func normalizeLine(src []byte, start, end int) (string, []int32) {
	b, off := appendLine(nil, nil, src, start, end)
	return string(b), off
}
