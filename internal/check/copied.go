package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// CopiedRationale reports two items sharing one rationale word for word.
var CopiedRationale = &Check{
	Name:     "copied-rationale",
	Summary:  "two items for different treatments or body parts share a word-for-word rationale",
	Severity: finding.Warning,
	Doc: `
Each disputed item must be decided on its own reasoning. When two items for
different treatments or body parts carry the same rationale word for word,
at least one of them restates a request it is not about. Items of one
treatment on one body part (an EMG and an NCS of the same limb are different
treatments) are reported too only when they differ in treatment or body
part; two identical items are left alone. White space, line wrapping and
case are ignored. This is a warning: a reviewer may rightly give one
reasoning for two closely related items, but should say so.

Triggers: "MRI of the lumbar spine" and "X-rays of the right hip" items with
the same rationale text.
Does not trigger: two items whose rationales differ in any word.`,
	Run: func(p *Pass) {
		items := p.Letter.Items
		var seen []int // the first item of each distinct rationale text
		for i, it := range items {
			if !it.Rationale.Present() {
				continue
			}
			// A rationale equal to one seen is as long as it, so at least
			// 80 bytes; one that equals none is measured to be kept.
			j, ok := sameRationale(items, seen, it.Rationale.Body.Text)
			if !ok {
				if rationaleAtLeast(it.Rationale.Body.Text, 80) {
					seen = append(seen, i)
				}
				continue
			}
			prev := items[j]
			if prev.Treatment.ID == it.Treatment.ID && sameParts(prev.BodyParts, it.BodyParts) && medName(prev) == medName(it) {
				continue
			}
			start := it.Rationale.Body.Span(0, firstSentenceEnd(it.Rationale.Body.Text))
			f := p.Reportf(start, "item %d (%s) has the same rationale, word for word, as item %d (%s)", it.Index, short(it.Request.Text), prev.Index, short(prev.Request.Text))
			f.Related = []finding.Related{{Span: prev.Rationale.Body.Span(0, firstSentenceEnd(prev.Rationale.Body.Text)), Message: "the rationale of item " + itoa(prev.Index)}}
		}
	},
}

func medName(it letter.Item) string {
	if it.Medication == nil {
		return ""
	}
	return it.Medication.Name.Text
}

func sameParts(a, b []letter.BodyPart) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Region != b[i].Region || a[i].Side != b[i].Side {
			return false
		}
	}
	return true
}

func firstSentenceEnd(s string) int {
	if i := strings.Index(s, ". "); i > 0 {
		return i + 1
	}
	return len(s)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// sameRationale finds the item of seen whose rationale text equals that
// of s.
func sameRationale(items []letter.Item, seen []int, s string) (int, bool) {
	for _, j := range seen {
		a, b := newRationaleReader(s), newRationaleReader(items[j].Rationale.Body.Text)
		for {
			x, okx := a.next()
			y, oky := b.next()
			if x != y || okx != oky {
				break
			}
			if !okx {
				return j, true
			}
		}
	}
	return 0, false
}

// rationaleAtLeast reports whether the rationale text of s has at least n
// bytes.
func rationaleAtLeast(s string, n int) bool {
	r := newRationaleReader(s)
	for k := 0; k < n; k++ {
		if _, ok := r.next(); !ok {
			return false
		}
	}
	return true
}

// rationaleReader reads, byte by byte, the text rationales are compared
// by: their words joined by single spaces and lower-cased (rationaleText
// in the tests builds it whole; the reader does not, since nearly all
// rationales differ in the first words). Words are split as
// strings.Fields splits them, runes lower-cased as strings.ToLower does
// (invalid UTF-8 as U+FFFD).
type rationaleReader struct {
	s     string
	i     int
	owed  bool              // a space is owed before the next word
	words bool              // a word was read
	buf   [utf8.UTFMax]byte // a lower-cased rune: buf[at:end] is still to read
	at    int
	end   int
}

func newRationaleReader(s string) rationaleReader { return rationaleReader{s: s} }

// next returns the next byte, false at the end.
func (r *rationaleReader) next() (byte, bool) {
	if r.at < r.end {
		r.at++
		return r.buf[r.at-1], true
	}
	for r.i < len(r.s) {
		c := r.s[r.i]
		size := 1
		var ru rune
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				r.i++
				r.owed = r.words
				continue
			}
		} else {
			ru, size = utf8.DecodeRuneInString(r.s[r.i:])
			if unicode.IsSpace(ru) {
				r.i += size
				r.owed = r.words
				continue
			}
		}
		if r.owed {
			r.owed = false
			return ' ', true // the word's bytes follow
		}
		r.i += size
		r.words = true
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			return c, true
		}
		r.at, r.end = 1, utf8.EncodeRune(r.buf[:], unicode.ToLower(ru))
		return r.buf[0], true
	}
	return 0, false
}
