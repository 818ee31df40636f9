package check

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/ascii"
)

// guardedRE is a case-insensitive pattern with a cheap test that runs
// before it: the words of which every match holds one. The pattern runs
// only on text that holds one of them in some ASCII case, or that holds
// one of the two non-ASCII characters Unicode case folding matches with
// ASCII letters ("ſ", U+017F, for "s"; the Kelvin sign, U+212A, for "k"):
// no other character folds to an ASCII letter, so a word of the guard in
// any case is one of its ASCII spellings or holds one of those two. Most
// texts hold none, and the backtracking matcher was a large part of the
// checks' time. Other non-ASCII characters (the curly quotes, dashes and
// non-breaking spaces of real letters) are passed over like any other
// character that starts no guard word.
type guardedRE struct {
	re    *regexp.Regexp
	words []string // lower-case ASCII
	first [utf8.RuneSelf]bool
}

// guarded pairs re with words that every match of re holds, ignoring case.
// Getting words wrong makes the check miss findings: list for each
// alternative of the pattern a word it cannot match without.
func guarded(re string, words ...string) *guardedRE {
	g := &guardedRE{re: regexp.MustCompile(re), words: words}
	for _, w := range words {
		// A word with a capital or a non-ASCII letter would never be
		// found, and the check would silently report nothing.
		if w == "" || strings.ToLower(w) != w || !ascii.IsASCII(w) {
			panic("check: guard word " + strconv.Quote(w) + " is not lower-case ASCII")
		}
		c := w[0]
		g.first[c] = true
		if c >= 'a' && c <= 'z' {
			g.first[c-'a'+'A'] = true
		}
	}
	return g
}

// mayMatch reports whether s can hold a match: false means it cannot.
func (g *guardedRE) mayMatch(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if foldsToASCII(s, i) {
				return true
			}
			continue
		}
		if !g.first[c] {
			continue
		}
		for _, w := range g.words {
			if ascii.HasPrefixFold(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// foldsToASCII reports whether s[i:] starts with "ſ" (U+017F, UTF-8 C5 BF)
// or "K" (U+212A, E2 84 AA), the only non-ASCII characters whose simple
// case folds include an ASCII letter. Continuation bytes (80-BF) are never
// C5 or E2, so s may be read a byte at a time.
func foldsToASCII(s string, i int) bool {
	switch s[i] {
	case 0xC5:
		return i+1 < len(s) && s[i+1] == 0xBF
	case 0xE2:
		return i+2 < len(s) && s[i+1] == 0x84 && s[i+2] == 0xAA
	}
	return false
}

// MatchString is re.MatchString.
func (g *guardedRE) MatchString(s string) bool {
	return g.mayMatch(s) && g.re.MatchString(s)
}

// FindStringIndex is re.FindStringIndex.
func (g *guardedRE) FindStringIndex(s string) []int {
	if !g.mayMatch(s) {
		return nil
	}
	return g.re.FindStringIndex(s)
}

// FindStringSubmatchIndex is re.FindStringSubmatchIndex.
func (g *guardedRE) FindStringSubmatchIndex(s string) []int {
	if !g.mayMatch(s) {
		return nil
	}
	return g.re.FindStringSubmatchIndex(s)
}
