package position

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineIndex(t *testing.T) {
	src := []byte("ab\r\nçd\n\nx")
	x := NewLineIndex(src)
	for _, c := range []struct {
		off  int
		want Position
	}{{0, Position{1, 1}}, {2, Position{1, 3}}, {4, Position{2, 1}}, {6, Position{2, 2}}, {8, Position{3, 1}}, {9, Position{4, 1}}, {-3, Position{1, 1}}, {99, Position{4, 2}}} {
		if got := x.Position(c.off); got != c.want {
			t.Errorf("Position(%d) = %v, want %v", c.off, got, c.want)
		}
	}
	if got := x.LineText(1); got != "ab" {
		t.Errorf("LineText(1) = %q", got)
	}
	if x.Lines() != 4 {
		t.Errorf("Lines() = %d", x.Lines())
	}
}

func TestPageLine(t *testing.T) {
	src := []byte("a\nb\n\fc\nd")
	for _, c := range []struct{ off, page, line int }{{0, 1, 1}, {2, 1, 2}, {4, 1, 3}, {5, 2, 1}, {7, 2, 2}, {99, 2, 2}} {
		if p, l := PageLine(src, c.off); p != c.page || l != c.line {
			t.Errorf("PageLine(%d) = %d, %d, want %d, %d", c.off, p, l, c.page, c.line)
		}
	}
}

func TestUnitsAt(t *testing.T) {
	src := []byte("a–😀\xffb") // 1 + 3 + 4 + 1 (invalid) + 1 bytes
	got := UnitsAt(src, []int{10, 0, 1, 4, 8, 9, 2})
	want := map[int]Units{0: {0, 0}, 1: {1, 1}, 2: {2, 2}, 4: {2, 2}, 8: {3, 4}, 9: {4, 5}, 10: {5, 6}}
	for off, w := range want {
		if got[off] != w {
			t.Errorf("UnitsAt %d = %v, want %v", off, got[off], w)
		}
	}
}

func TestClamp(t *testing.T) {
	for _, c := range []struct{ in, want Span }{{Span{-1, 3}, Span{0, 3}}, {Span{4, 2}, Span{4, 4}}, {Span{2, 20}, Span{2, 10}}, {Span{12, 14}, Span{10, 10}}} {
		if got := c.in.Clamp(10); got != c.want {
			t.Errorf("%v.Clamp(10) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestPositionAlongOneLine: positions asked in order along a long line (as
// findings are), and in any order, are those counted from the line's
// start.
func TestPositionAlongOneLine(t *testing.T) {
	line := strings.Repeat("été {{X}} ", 500)
	src := []byte("first\n" + line + "\nlast")
	x := NewLineIndex(src)
	naive := func(off int) Position {
		start := strings.LastIndexByte(string(src[:off]), '\n') + 1
		return Position{Line: strings.Count(string(src[:off]), "\n") + 1, Column: utf8.RuneCount(src[start:off]) + 1}
	}
	offs := []int{}
	for off := 0; off <= len(src); off += 7 {
		offs = append(offs, off)
	}
	// In order, then backwards, then jumping between lines.
	order := append(append([]int{}, offs...), reverse(offs)...)
	order = append(order, 3, len(src)-1, 10, 2, len(src))
	for _, off := range order {
		if got, want := x.Position(off), naive(off); got != want {
			t.Fatalf("Position(%d) = %+v, want %+v", off, got, want)
		}
	}
}

func reverse(s []int) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

// BenchmarkPositionsOneLine times the positions of a finding every 10
// bytes along one line of 1, 2 and 4 times the length: linear, not
// quadratic (each position counted from the line's start took 39-47 s for
// 40,000 findings).
func BenchmarkPositionsOneLine(b *testing.B) {
	for _, n := range []int{10000, 20000, 40000} {
		src := []byte(strings.Repeat("{{Field}} ", n))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				x := NewLineIndex(src)
				for off := 0; off < len(src); off += 10 {
					x.Position(off)
				}
			}
		})
	}
}
