package text

import "unicode/utf8"

// Position is a 1-based line and column in the original file; columns count
// Unicode code points, as editors and SARIF's unicodeCodePoints do.
type Position struct {
	Line, Column int
}

// LineIndex converts byte offsets of a file into Positions.
type LineIndex struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

// NewLineIndex indexes src's line starts.
func NewLineIndex(src []byte) *LineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{src: src, starts: starts}
}

// Position returns the line and column of byte offset off.
func (x *LineIndex) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(x.src) {
		off = len(x.src)
	}
	lo, hi := 0, len(x.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if x.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Position{Line: lo + 1, Column: utf8.RuneCount(x.src[x.starts[lo]:off]) + 1}
}

// LineText returns line n (1-based) without its terminator.
func (x *LineIndex) LineText(n int) string {
	if n < 1 || n > len(x.starts) {
		return ""
	}
	s := x.starts[n-1]
	e := len(x.src)
	if n < len(x.starts) {
		e = x.starts[n] - 1
	}
	if e > s && x.src[e-1] == '\r' {
		e--
	}
	if e < s {
		e = s
	}
	return string(x.src[s:e])
}

// Lines is the number of lines in the file.
func (x *LineIndex) Lines() int { return len(x.starts) }
