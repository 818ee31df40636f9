// Package ascii holds the byte-level helpers of the hand-written matchers
// that replace case-insensitive patterns on ASCII text (internal/letter,
// internal/check, internal/text, internal/phrase, internal/quantity): one
// copy of each, tested here. "Fold" means ASCII case folding only; Go's
// (?i) also folds "ſ" to s and the Kelvin sign to k, so callers use these
// only on text they know to be ASCII, or where that difference cannot
// change the answer.
package ascii

import "strings"

// IsASCII reports whether s is all ASCII.
func IsASCII(s string) bool {
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

// Lower lower-cases an ASCII letter and returns any other byte as is.
func Lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// HasPrefixFold reports whether s starts with lower (lower-case ASCII),
// ignoring ASCII case.
func HasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if Lower(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// IndexFold is the index of the first occurrence of lower (lower-case
// ASCII) in s, ignoring ASCII case, or -1.
//
// Candidates are found with strings.IndexByte at lower's rarest letter, in
// each case ("b" of "decision based on": the first letter, as common as
// "d" or "o", stopped the scan at most words); the place of the next
// capital, which is rare, is kept until passed rather than looked for again
// at every small letter.
func IndexFold(s, lower string) int {
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
			next0 = IndexByteFrom(s[:end], j, c0)
		}
		if next1 < j {
			next1 = IndexByteFrom(s[:end], j, c1)
		}
		a := min(next0, next1)
		if a >= end {
			return -1
		}
		if HasPrefixFold(s[a-k:], lower) {
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

// IndexByteFrom is the index of the first c in s[i:], counted from the
// start of s, or len(s).
func IndexByteFrom(s string, i int, c byte) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s)
}

// ContainsFold reports whether s contains lower, ignoring ASCII case.
func ContainsFold(s, lower string) bool { return IndexFold(s, lower) >= 0 }

// IsDigit reports an ASCII digit.
func IsDigit(c byte) bool { return '0' <= c && c <= '9' }

// IsLetter reports an ASCII letter.
func IsLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
