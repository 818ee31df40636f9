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
// any non-ASCII byte, since Unicode case folding matches other spellings
// ("ſ" for "s"). Most texts hold none, and the backtracking matcher was a
// large part of the checks' time.
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
			return true
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
