// Package position says where things are in an input file: byte spans, as
// the parser, the checks and their findings hold them, and the other units
// the formats print them in (1-based lines and code-point columns, the page
// and line on a page of a PDF or DOCX, code-point and UTF-16 offsets for
// SARIF and the browser). It depends on nothing of imrlint, so that the
// model (internal/text, internal/letter), the findings (internal/finding)
// and the reporter (internal/report) share it without depending on each
// other.
package position

import (
	"sort"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of the original file.
type Span struct {
	Start, End int
}

// Clamp returns the span moved inside a file of n bytes, its end not before
// its start.
func (sp Span) Clamp(n int) Span {
	sp.Start = min(max(sp.Start, 0), n)
	sp.End = min(max(sp.End, sp.Start), n)
	return sp
}

// Position is a 1-based line and column in the original file; columns count
// Unicode code points, as editors and SARIF's unicodeCodePoints do.
type Position struct {
	Line, Column int
}

// LineIndex converts byte offsets of a file into Positions. It is not safe
// for concurrent use: it remembers the last position it gave.
type LineIndex struct {
	src    []byte
	starts []int // byte offset of the start of each line

	// The last position given, so that positions asked in order along one
	// line (40,000 findings on one long line) count each rune once, not
	// from the start of the line each time.
	lastLine, lastOff, lastCol int
}

// NewLineIndex indexes src's line starts. A line ends at a line feed, a
// carriage return and line feed, or a carriage return alone (old Mac
// files and some exports): a letter with CR-only line endings is read as
// lines, not as one.
func NewLineIndex(src []byte) *LineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
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
	from, col := x.starts[lo], 1
	if x.lastLine == lo+1 && x.lastOff <= off {
		from, col = x.lastOff, x.lastCol
	}
	col += utf8.RuneCount(x.src[from:off])
	// Only a rune's start is a place to count on from: counted from inside
	// a character, its remaining bytes would count as characters.
	if off == len(x.src) || utf8.RuneStart(x.src[off]) {
		x.lastLine, x.lastOff, x.lastCol = lo+1, off, col
	}
	return Position{Line: lo + 1, Column: col}
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

// LineRange is the byte range of line n (1-based) without its
// terminator; 0, 0 for a line the file does not have.
func (x *LineIndex) LineRange(n int) (start, end int) {
	if n < 1 || n > len(x.starts) {
		return 0, 0
	}
	start, end = x.starts[n-1], len(x.src)
	if n < len(x.starts) {
		end = x.starts[n] - 1
	}
	if end > start && x.src[end-1] == '\r' {
		end--
	}
	return start, max(start, end)
}

// Text is the source between byte offsets start and end, clamped to it.
func (x *LineIndex) Text(start, end int) string {
	start, end = max(0, min(start, len(x.src))), max(0, min(end, len(x.src)))
	if end < start {
		return ""
	}
	return string(x.src[start:end])
}

// Lines is the number of lines in the file.
func (x *LineIndex) Lines() int { return len(x.starts) }

// PageLine returns the 1-based page and the 1-based line within that page
// of byte offset off of text extracted from a PDF or DOCX: pages are
// separated by form feeds, the form feed standing at the start of its
// page's first line. Offsets past the end count as the end.
func PageLine(text []byte, off int) (page, line int) {
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	page, line = 1, 1
	for i, c := range text[:off] {
		switch c {
		case '\f':
			page++
			line = 1
		case '\n':
			line++
		case '\r':
			if i+1 == len(text) || text[i+1] != '\n' {
				line++ // a carriage return alone ends a line too
			}
		}
	}
	return page, line
}

// Units is a byte offset counted in code points and in UTF-16 code units
// (the length of JavaScript strings).
type Units struct {
	Runes, U16 int
}

// UnitsAt maps byte offsets of src to code-point and UTF-16 offsets, in one
// pass whatever their number (it sorts want). An invalid byte counts as one
// U+FFFD, as encoding/json writes it; an offset inside a character maps to
// the character's start.
func UnitsAt(src []byte, want []int) map[int]Units {
	sort.Ints(want)
	out := make(map[int]Units, len(want))
	var p Units
	i, k := 0, 0
	for k < len(want) {
		for k < len(want) && want[k] <= i {
			out[want[k]] = p
			k++
		}
		if i >= len(src) {
			break
		}
		r, size := utf8.DecodeRune(src[i:])
		i += size
		p.Runes++
		p.U16++
		if r >= 0x10000 {
			p.U16++ // a surrogate pair in JavaScript
		}
	}
	for ; k < len(want); k++ {
		out[want[k]] = p
	}
	return out
}
