package lsp

import (
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/position"
)

// lines converts between the byte offsets of a text, which findings hold,
// and LSP positions: zero-based lines, and characters counted in UTF-16
// code units (a character outside the Basic Multilingual Plane counts
// two). Lines end as position.LineIndex ends them, at a line feed, a
// carriage return and line feed, or a carriage return alone, as LSP ends
// them. It is not safe for concurrent use.
type lines struct {
	src []byte
	idx *position.LineIndex
}

func newLines(src []byte) *lines { return &lines{src: src, idx: position.NewLineIndex(src)} }

// position is the LSP position of byte offset off; an offset inside a
// character is taken as the character's start.
func (l *lines) position(off int) lspPosition {
	off = min(max(off, 0), len(l.src))
	for off > 0 && off < len(l.src) && !utf8.RuneStart(l.src[off]) {
		off--
	}
	line := l.idx.Position(off).Line
	start, _ := l.idx.LineRange(line)
	return lspPosition{Line: line - 1, Character: utf16Len(l.src[start:off])}
}

// lspRange is the LSP range of a byte span.
func (l *lines) lspRange(sp position.Span) lspRange {
	sp = sp.Clamp(len(l.src))
	return lspRange{Start: l.position(sp.Start), End: l.position(sp.End)}
}

// offset is the byte offset of an LSP position. A character past the end
// of its line is the line's end, and a line past the last is the end of
// the text, as the protocol asks; a position between the two halves of a
// surrogate pair is the character's start.
func (l *lines) offset(p lspPosition) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= l.idx.Lines() {
		return len(l.src)
	}
	start, end := l.idx.LineRange(p.Line + 1)
	i, u := start, 0
	for i < end && u < p.Character {
		r, size := utf8.DecodeRune(l.src[i:])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if u+w > p.Character {
			break
		}
		u += w
		i += size
	}
	return i
}

// utf16Len is the length of b in UTF-16 code units; an invalid byte counts
// as one U+FFFD.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n++
		if r >= 0x10000 {
			n++
		}
		b = b[size:]
	}
	return n
}
