package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/phrase"
)

// Cheaper ways to the citation patterns' answers. A citation paragraph is
// long and most of its patterns look for words it rarely holds, so each
// runs only when its words are there; "Decision based on", which every
// paragraph has, is found by hand.

// basedOn finds every "Decision based on" and the white space after it:
// basedOnRE, `(?i)Decision based on\s+`.
func (p *parser) basedOn(t string) [][2]int {
	var out [][2]int
	if !p.ascii {
		for _, m := range basedOnRE.FindAllStringIndex(t, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
		return out
	}
	const lit = "decision based on"
	for from := 0; ; {
		k := indexFold(t[from:], lit)
		if k < 0 {
			return out
		}
		s := from + k
		e := s + len(lit)
		for e < len(t) && isSpaceRE(t[e]) {
			e++
		}
		if e == s+len(lit) {
			// No space after: not a match; look on from the next byte.
			from = s + 1
			continue
		}
		out = append(out, [2]int{s, e})
		from = e
	}
}

// noCite is noCiteRE, a literal: `(?i)did not cite any medical evidence`.
func (p *parser) noCite(seg string) bool {
	if !p.ascii {
		return noCiteRE.MatchString(seg)
	}
	return containsFold(seg, "did not cite any medical evidence")
}

// chapterBefore is chapterRE's submatches in before, which holds "chapter"
// when it matches.
func (p *parser) chapterBefore(before string) []int {
	if !p.mayMatch(before, "chapter") {
		return nil
	}
	return chapterRE.FindStringSubmatchIndex(before)
}

// yearBeforeIn is yearBefore's submatches in s, which holds a year when it
// matches.
func yearBeforeIn(s string) []int {
	if !hasYear(s) {
		return nil
	}
	return yearBefore.FindStringSubmatchIndex(s)
}

// sectionEnd is sectionEndRE's first match: every match holds "page",
// "pg", "Decision based on" or "which".
func (p *parser) sectionEnd(s string) []int {
	if !p.mayMatch(s, "pag", "pg", "decision based on", "which") {
		return nil
	}
	return sectionEndRE.FindStringIndex(s)
}

// pages is pagesRE's matches: each holds "page", "pg" or "p.".
func (p *parser) pages(s string) [][]int {
	if !p.mayMatch(s, "pag", "pg", "p.") {
		return nil
	}
	return pagesRE.FindAllStringSubmatchIndex(s, -1)
}

// regulations is regulationRE's matches: each holds a four-digit number.
func regulations(seg string) [][]int {
	if !hasDigitRun(seg, 4) {
		return nil
	}
	return regulationRE.FindAllStringIndex(seg, -1)
}

// startsCitationASCII is startsCitation for an ASCII letter: the same
// tests, without lower-casing copies of the text around the name.
func startsCitationASCII(seg string, m phrase.Match) bool {
	after := seg[m.End:min(len(seg), m.End+16)]
	if yearAfterFast(after) != nil || containsFold(after, "page") || containsFold(after, "section") {
		return true
	}
	before := strings.TrimSpace(seg[max(0, m.Start-20):m.Start])
	return (containsFold(before, "chapter") && chapterRE.MatchString(before)) || hasSuffixFold(before, "mtus") || strings.HasSuffix(before, ",")
}
