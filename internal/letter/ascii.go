package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/text"
)

// The hand-written matchers of this package compare ASCII letters without
// regard to case, as the (?i) patterns they replace do. Go's case folding
// goes further: "ſ" (U+017F) matches s and "K" (U+212A, the Kelvin sign)
// matches k. So the hand-written forms run only on a letter whose clean text
// is ASCII (every generated letter and nearly every real one); a letter
// with any other character is read with the original patterns, and reads
// the same either way.

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	// Eight bytes at a time: the loads combine into one 64-bit load.
	// Slicing off eight bytes first leaves one bounds check per word, not
	// eight.
	for len(s) >= 8 {
		b := s[:8]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if w&0x8080808080808080 != 0 {
			return false
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// docASCII reports whether every line of doc is ASCII; blocks and
// substrings of them then are too.
func docASCII(doc *text.Doc) bool {
	for i := range doc.Lines {
		if !isASCII(doc.Lines[i].Text) {
			return false
		}
	}
	return true
}

// lowerASCII lower-cases an ASCII letter and returns any other byte as is.
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// hasPrefixFold reports whether s starts with lower (lower-case ASCII),
// ignoring ASCII case.
func hasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if lowerASCII(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// indexFold is the index of the first occurrence of lower (lower-case
// ASCII) in s, ignoring ASCII case, or -1.
//
// Candidates are found with strings.IndexByte at lower's rarest letter, in
// each case ("b" of "decision based on": the first letter, as common as
// "d" or "o", stopped the scan at most words); the place of the next
// capital, which is rare, is kept until passed rather than looked for again
// at every small letter.
func indexFold(s, lower string) int {
	if len(lower) == 0 {
		return 0
	}
	k := rarest(lower)
	c0, c1 := lower[k], lower[k]
	if 'a' <= c0 && c0 <= 'z' {
		c1 = c0 - ('a' - 'A')
	}
	// A match at i has its anchor at i+k, and i+len(lower) <= len(s).
	end := len(s) - len(lower) + k + 1
	next0, next1 := -1, -1 // the next c0 and c1 at or after j, or end
	if c1 == c0 {
		next1 = end
	}
	for j := k; j < end; {
		if next0 < j {
			next0 = indexByteFrom(s[:end], j, c0)
		}
		if next1 < j {
			next1 = indexByteFrom(s[:end], j, c1)
		}
		a := min(next0, next1)
		if a >= end {
			return -1
		}
		if hasPrefixFold(s[a-k:], lower) {
			return a - k
		}
		j = a + 1
	}
	return -1
}

// letterRank ranks the lower-case letters from the commonest in English
// (e, 1) to the rarest (z, 26); other bytes rank 0.
var letterRank = func() (r [256]uint8) {
	for i, c := range "etaoinshrdlcumwfgypbvkjxqz" {
		r[c] = uint8(i + 1)
	}
	return r
}()

// rarest is the index of lower's rarest letter (the first, if none is a
// letter).
func rarest(lower string) int {
	k := 0
	for i := 1; i < len(lower); i++ {
		if letterRank[lower[i]] > letterRank[lower[k]] {
			k = i
		}
	}
	return k
}

// indexByteFrom is the index of the first c in s[i:], counted from the
// start of s, or len(s).
func indexByteFrom(s string, i int, c byte) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s)
}

// containsFold reports whether s contains lower, ignoring ASCII case.
func containsFold(s, lower string) bool { return indexFold(s, lower) >= 0 }

// isSpaceRE reports a byte of \s as Go's regexp reads it: [\t\n\f\r ].
func isSpaceRE(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// mayMatch reports whether a pattern every match of which holds one of
// lits (lower-case ASCII) may match s: always for a letter that is not
// ASCII, else when s holds one of them. It lets costly patterns run only on
// the few strings that could match.
func (p *parser) mayMatch(s string, lits ...string) bool {
	if !p.ascii {
		return true
	}
	for _, lit := range lits {
		if containsFold(s, lit) {
			return true
		}
	}
	return false
}

// hasDigitRun reports whether s holds n ASCII digits in a row (\d is ASCII
// digits only, in any letter).
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// hasYear reports whether s holds `(?:19|20)\d{2}`.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}
