// Package worddiff compares two texts word by word: white space does not
// count, any other change does. The boilerplate-drift check diffs a
// paragraph with its approved wording and carries the diff on its finding
// (finding.Drift); the text report prints it as git's --word-diff does.
package worddiff

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Kind says what an Op does.
type Kind int8

const (
	// Equal words are in both texts.
	Equal Kind = iota
	// Delete words are in the first (approved) text only.
	Delete
	// Insert words are in the second (found) text only.
	Insert
)

// Op is a run of words the two texts share, or that one of them has in
// place of the other. Text is the words joined by single spaces (print
// consecutive ops with a space between them).
type Op struct {
	Kind Kind
	Text string
}

// Strings diffs the words of approved with the words of found.
func Strings(approved, found string) []Op {
	return Words(strings.Fields(approved), strings.Fields(found))
}

// Words diffs two lists of words. It maps every distinct word to one rune,
// diffs the rune strings (the word-mode counterpart of diffmatchpatch's
// DiffLinesToRunes) and maps the runes back to words; the diff is exact and
// the same on every run.
func Words(a, b []string) []Op {
	index := map[string]rune{}
	var words []string
	encode := func(ws []string) []rune {
		rs := make([]rune, len(ws))
		for i, w := range ws {
			r, ok := index[w]
			if !ok {
				r = Rune(len(words))
				index[w] = r
				words = append(words, w)
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := encode(a), encode(b)
	ds := Runes(ra, rb)
	out := make([]Op, 0, len(ds))
	for _, d := range ds {
		rs := []rune(d.Text)
		ws := make([]string, len(rs))
		for i, r := range rs {
			ws[i] = words[Index(r)]
		}
		out = append(out, Op{Kind: kindOf(d.Type), Text: strings.Join(ws, " ")})
	}
	return out
}

// Runes diffs two strings of word runes (Rune), exactly: for a caller that
// encodes words itself and reads the diff's lengths only.
func Runes(a, b []rune) []diffmatchpatch.Diff {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // exact, and the same on every run
	return dmp.DiffMainRunes(a, b, false)
}

func kindOf(t diffmatchpatch.Operation) Kind {
	switch t {
	case diffmatchpatch.DiffDelete:
		return Delete
	case diffmatchpatch.DiffInsert:
		return Insert
	}
	return Equal
}

// Rune and Index map word numbers to valid runes and back, skipping the
// surrogate range, which a Go string cannot hold.
func Rune(i int) rune {
	r := rune(i) + 1
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

// Index is the word number of a rune made by Rune.
func Index(r rune) int {
	if r >= 0xE000 {
		r -= 0x800
	}
	return int(r) - 1
}
