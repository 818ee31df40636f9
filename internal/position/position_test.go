package position

import "testing"

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
