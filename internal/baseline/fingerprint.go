// Package baseline records accepted findings and filters them out of later
// runs, so that a CI gate fails only on new faults.
//
// A finding is identified by a fingerprint that survives edits elsewhere in
// the file: the check, the normalised text of its primary and related
// spans, and the disputed item it belongs to, never line numbers.
package baseline

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// Fingerprint identifies a finding of a file across edits that do not
// touch its spans.
func Fingerprint(src []byte, l *letter.Letter, f finding.Finding) string {
	h := sha256.New()
	h.Write([]byte(f.Check))
	h.Write([]byte{0})
	h.Write([]byte(spanText(src, f.Span)))
	h.Write([]byte{0})
	h.Write([]byte(itemKey(l, f.Start)))
	for _, r := range f.Related {
		h.Write([]byte{0})
		h.Write([]byte(spanText(src, r.Span)))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// spanText is the span's text with white space folded and case lowered, so
// that re-wrapping a paragraph keeps the fingerprint.
func spanText(src []byte, s finding.Span) string {
	if s.Start < 0 || s.End > len(src) || s.Start > s.End {
		return ""
	}
	return strings.ToLower(strings.Join(strings.Fields(string(src[s.Start:s.End])), " "))
}

// itemKey names the disputed item an offset falls in by its treatment and
// its rank among the letter's items of that treatment, not by position or
// header wording, so that adding an item of another treatment, or editing
// the header, keeps the key; "letter" stands for the rest of the letter.
func itemKey(l *letter.Letter, off int) string {
	if l == nil {
		return "letter"
	}
	for i := len(l.Items) - 1; i >= 0; i-- {
		it := l.Items[i]
		if it.Header.Start > off {
			continue
		}
		rank := 0
		for _, prev := range l.Items[:i] {
			if prev.Treatment.ID == it.Treatment.ID {
				rank++
			}
		}
		return it.Treatment.ID + "#" + strconv.Itoa(rank)
	}
	return "letter"
}
