package lsp

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/position"
)

// reference is the LSP position of byte offset off of a text of valid
// UTF-8, counted from utf16.Encode over the runes of the line before it;
// lines end at \n, \r\n or \r.
func reference(text string, off int) lspPosition {
	line, start := 0, 0
	for i := 0; i < off; i++ {
		switch {
		case text[i] == '\n':
			line, start = line+1, i+1
		case text[i] == '\r' && (i+1 == len(text) || text[i+1] != '\n'):
			line, start = line+1, i+1
		}
	}
	return lspPosition{Line: line, Character: len(utf16.Encode([]rune(text[start:off])))}
}

// TestPositions: every character boundary of texts with curly quotes, en
// and em dashes, accents, CJK and characters outside the Basic
// Multilingual Plane (two UTF-16 units each), under each line ending,
// maps to the position utf16.Encode counts, and back.
func TestPositions(t *testing.T) {
	texts := []string{
		"",
		"plain ASCII\nsecond line\n",
		"“Medically necessary” – the reviewer’s — rationale\nNo. 2: 12 (twelve) sessions…\n",
		"Ünïcödé first line\r\nsecond – line\r\nthird\r\n",
		"old Mac\rline – two\rthree",
		"𝟙𝟚 surrogate pairs 😀 then “quotes”\n𝐀\n",
		"漢字のテスト – 12 回\n",
		"no final newline – “end”",
		"\n\n\r\n\r\r",
	}
	for _, text := range texts {
		l := newLines([]byte(text))
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			want := reference(text, off)
			got := l.position(off)
			if got != want {
				t.Errorf("%q: position(%d) = %+v, want %+v", text, off, got, want)
				continue
			}
			// Back: a position is the offset it came from, except the
			// place between \r and \n, which is no character of a line.
			if off > 0 && text[off-1] == '\r' && off < len(text) && text[off] == '\n' {
				continue
			}
			if back := l.offset(got); back != off {
				t.Errorf("%q: offset(%+v) = %d, want %d", text, got, back, off)
			}
		}
	}
}

// TestPositionEdges: an offset inside a character is its start; a
// character past the line's end is the line's end (not the next line); a
// line past the last is the text's end; a position between the halves of
// a surrogate pair is the pair's start.
func TestPositionEdges(t *testing.T) {
	text := "a–b\n😀c\nlast"
	l := newLines([]byte(text))
	if got, want := l.position(2), (lspPosition{0, 1}); got != want { // inside the en dash
		t.Errorf("inside a character: %+v, want %+v", got, want)
	}
	if got, want := l.offset(lspPosition{0, 99}), strings.Index(text, "\n"); got != want {
		t.Errorf("past the line's end: %d, want %d", got, want)
	}
	if got := l.offset(lspPosition{9, 0}); got != len(text) {
		t.Errorf("past the last line: %d, want %d", got, len(text))
	}
	if got, want := l.offset(lspPosition{1, 1}), strings.Index(text, "😀"); got != want {
		t.Errorf("inside a surrogate pair: %d, want %d", got, want)
	}
	if got, want := l.offset(lspPosition{1, 2}), strings.Index(text, "c"); got != want {
		t.Errorf("after a surrogate pair: %d, want %d", got, want)
	}
	if got, want := l.lspRange(position.Span{Start: -5, End: 1000}), (lspRange{lspPosition{0, 0}, lspPosition{2, 4}}); got != want {
		t.Errorf("a span past the text is clamped: %+v, want %+v", got, want)
	}
}

// TestRangeChange: a client that sends an edit of a range (though the
// server asks for the whole text) gets it applied at the UTF-16 position.
func TestRangeChange(t *testing.T) {
	s := newServer(Options{})
	s.closed = true // no check is scheduled
	uri := "file:///l.txt"
	s.docs[uri] = &document{uri: uri, name: "/l.txt", text: []byte("“12” – 😀x\nend\n")}
	s.change(didChangeParams{
		TextDocument: versionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []contentChange{
			{Range: &lspRange{lspPosition{0, 1}, lspPosition{0, 3}}, Text: "18"},
			{Range: &lspRange{lspPosition{0, 9}, lspPosition{0, 10}}, Text: "y"},
		},
	})
	if got, want := string(s.docs[uri].text), "“18” – 😀y\nend\n"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if s.docs[uri].version != 2 {
		t.Errorf("version %d", s.docs[uri].version)
	}
}

// TestPositionsRandom: random texts of ASCII, line endings, two-, three-
// and four-byte characters map every character boundary to the position
// utf16.Encode counts, and back (a fixed seed: the same texts each run).
func TestPositionsRandom(t *testing.T) {
	pieces := []string{"a", "Z", " ", "1", "\n", "\r\n", "\r", "é", "–", "—", "“", "”", "’", "§", "漢", "😀", "𝟙", "\t"}
	seed := uint32(1)
	next := func(n int) int { // xorshift: no package state, same sequence on every platform
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return int(seed % uint32(n))
	}
	for range 300 {
		var b strings.Builder
		for range next(60) {
			b.WriteString(pieces[next(len(pieces))])
		}
		text := b.String()
		l := newLines([]byte(text))
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			got, want := l.position(off), reference(text, off)
			if got != want {
				t.Fatalf("%q: position(%d) = %+v, want %+v", text, off, got, want)
			}
			if off > 0 && text[off-1] == '\r' && off < len(text) && text[off] == '\n' {
				continue
			}
			if back := l.offset(got); back != off {
				t.Fatalf("%q: offset(%+v) = %d, want %d", text, got, back, off)
			}
		}
	}
}
