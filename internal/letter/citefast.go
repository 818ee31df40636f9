package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/phrase"
)

// Cheaper ways to the citation patterns' answers. A citation paragraph is
// long and most of its patterns look for words it rarely holds, so each
// runs only when its words are there; "Decision based on", which every
// paragraph has, is found by hand.

// basedOn appends to out every "Decision based on" and the white space
// after it:
// basedOnRE, `(?i)Decision based on\s+`.
func (p *parser) basedOn(out [][2]int, t string) [][2]int {
	if !p.ascii {
		for _, m := range basedOnRE.FindAllStringIndex(t, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
		return out
	}
	const lit = "decision based on"
	for from := 0; ; {
		k := ascii.IndexFold(t[from:], lit)
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
	return ascii.ContainsFold(seg, "did not cite any medical evidence")
}

// chapterBefore is chapterRE's submatches in before, which holds "chapter"
// when it matches.
func (p *parser) chapterBefore(before string) []int {
	if !p.ascii {
		return chapterRE.FindStringSubmatchIndex(before)
	}
	return chapterBeforeFast(before)
}

// chapterBeforeFast is chapterRE for ASCII s, `(?i)\bChapter\s+(\d{1,2})\s*[:,]?\s*$`,
// read from the end: the spaces, colon or comma and spaces after the
// number, then the number, which must be all of a run of one or two digits
// (a longer run leaves a digit where \s+ must be), the spaces before it and
// "Chapter" starting a word.
func chapterBeforeFast(s string) []int {
	e := spacesBefore(s, len(s))
	if e > 0 && (s[e-1] == ':' || s[e-1] == ',') {
		e = spacesBefore(s, e-1)
	}
	ns := e
	for ns > 0 && ascii.IsDigit(s[ns-1]) {
		ns--
	}
	if n := e - ns; n < 1 || n > 2 {
		return nil
	}
	k := spacesBefore(s, ns)
	if k == ns {
		return nil
	}
	const lit = "chapter"
	c := k - len(lit)
	if c < 0 || !ascii.HasPrefixFold(s[c:k], lit) || (c > 0 && isWord(s[c-1])) {
		return nil
	}
	return []int{c, len(s), ns, e}
}

// yearBeforeIn is yearBefore's submatches in s, which holds a year when it
// matches.
func yearBeforeIn(s string) []int {
	if !hasYear(s) {
		return nil
	}
	return yearBefore.FindStringSubmatchIndex(s)
}

// sectionEnd is the start of sectionEndRE's first match, or -1: every
// match holds "page", "pg", "Decision based on" or "which".
func (p *parser) sectionEnd(s string) int {
	if !p.ascii {
		if m := sectionEndRE.FindStringIndex(s); m != nil {
			return m[0]
		}
		return -1
	}
	return sectionEndFast(s)
}

// sectionEndFast is sectionEndRE for ASCII s:
//
//	(?i)\b(?:Page\(s\)|Pages?\b|pgs?\.|Decision based on)|,?\s*which (?:is|are) (?:a )?part of
//
// the start of the leftmost match, or -1. A match of the second
// alternative starts at its comma or, without one, at the first of the
// spaces before "which".
func sectionEndFast(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i] | 0x20; {
		case c == 'p' || c == 'd':
			if (i == 0 || !isWord(s[i-1])) && pageWordAt(s, i) {
				return i
			}
		case c == 'w' || s[i] == ',' || isSpaceRE(s[i]):
			if partOfAt(s, i) {
				return i
			}
		}
	}
	return -1
}

// pageWordAt matches `Page\(s\)|Pages?\b|pgs?\.|Decision based on` at
// s[i:].
func pageWordAt(s string, i int) bool {
	rest := s[i:]
	switch {
	case ascii.HasPrefixFold(rest, "page(s)"), ascii.HasPrefixFold(rest, "decision based on"):
		return true
	case ascii.HasPrefixFold(rest, "page"):
		// `Pages?\b`: without the "s" the \b would fall before it.
		return !isWordAt(s, optS(s, i+4))
	case ascii.HasPrefixFold(rest, "pg"):
		j := optS(s, i+2)
		return j < len(s) && s[j] == '.'
	}
	return false
}

// partOfAt matches `,?\s*which (?:is|are) (?:a )?part of` at s[i:].
func partOfAt(s string, i int) bool {
	if s[i] == ',' {
		i++
	}
	i = spacesAfter(s, i)
	if !ascii.HasPrefixFold(s[i:], "which ") {
		return false
	}
	i += len("which ")
	switch {
	case ascii.HasPrefixFold(s[i:], "is "):
		i += 3
	case ascii.HasPrefixFold(s[i:], "are "):
		i += 4
	default:
		return false
	}
	if ascii.HasPrefixFold(s[i:], "a part of") {
		return true
	}
	return ascii.HasPrefixFold(s[i:], "part of")
}

// isWordAt reports whether s[i] is a word byte (\w); past the end it is
// not.
func isWordAt(s string, i int) bool { return i < len(s) && isWord(s[i]) }

// pages appends to out pagesRE's matches, as its submatch indexes: the whole match and
// the page list. Every match holds "page", "pg" or "p.".
func (p *parser) pages(out [][4]int, s string) [][4]int {
	if !p.mayMatch(s, "pag", "pg", "p.") {
		return out
	}
	if p.ascii {
		return pagesFast(out, s)
	}
	for _, m := range pagesRE.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, [4]int{m[0], m[1], m[2], m[3]})
	}
	return out
}

// pagesFast appends to out pagesRE's FindAllStringSubmatchIndex for ASCII
// s:
//
//	(?i)\b(?:Page\(s\)|Pages?|pgs?\.?|p\.)\s*:?\s*
//	((?:\d{1,4}(?:\s*-\s*\d{1,4})?)(?:\s*,\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*)
//
// Each optional part is taken when what follows it fits, as the greedy
// pattern does: nothing after the page list can fail.
func pagesFast(out [][4]int, s string) [][4]int {
	for i := 0; i < len(s); i++ {
		if s[i]|0x20 != 'p' || (i > 0 && isWord(s[i-1])) {
			continue
		}
		ls := pageListStart(s, i)
		if ls < 0 {
			continue
		}
		le := pageListEnd(s, ls)
		out = append(out, [4]int{i, le, ls, le})
		i = le - 1
	}
	return out
}

// pageListStart matches the page word and `\s*:?\s*` at s[i:] and returns
// where the page list starts (a digit must), or -1. Only "Page(s)" and
// "Pages?" share a start; when "Page(s)" fails, "Page" leaves "(" where the
// list should be, and fails too.
func pageListStart(s string, i int) int {
	rest := s[i:]
	var e int
	switch {
	case ascii.HasPrefixFold(rest, "page(s)"):
		e = i + 7
	case ascii.HasPrefixFold(rest, "page"):
		e = optS(s, i+4)
	case ascii.HasPrefixFold(rest, "pg"):
		e = optS(s, i+2)
		if e < len(s) && s[e] == '.' {
			e++
		}
	case ascii.HasPrefixFold(rest, "p."):
		e = i + 2
	default:
		return -1
	}
	e = spacesAfter(s, e)
	if e < len(s) && s[e] == ':' {
		e = spacesAfter(s, e+1)
	}
	if !isDigitAt(s, e) {
		return -1
	}
	return e
}

// pageListEnd reads `\d{1,4}(?:\s*-\s*\d{1,4})?(?:\s*,\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*`
// from the digit at s[i]: its end.
func pageListEnd(s string, i int) int {
	e := pageItemEnd(s, i)
	for {
		j := spacesAfter(s, e)
		if j >= len(s) || s[j] != ',' {
			return e
		}
		j = spacesAfter(s, j+1)
		if !isDigitAt(s, j) {
			return e
		}
		e = pageItemEnd(s, j)
	}
}

// pageItemEnd reads `\d{1,4}(?:\s*-\s*\d{1,4})?` from the digit at s[i]:
// its end. The range is taken when a digit follows the hyphen.
func pageItemEnd(s string, i int) int {
	e := i + min(digitRun(s, i), 4)
	if _, r := rangeTail(s, e); r >= 0 {
		return r
	}
	return e
}

// rangeTail reads `\s*-\s*(\d{1,4})` at s[i:]: the number's range, or
// -1, -1.
func rangeTail(s string, i int) (start, end int) {
	j := spacesAfter(s, i)
	if j >= len(s) || s[j] != '-' {
		return -1, -1
	}
	j = spacesAfter(s, j+1)
	if !isDigitAt(s, j) {
		return -1, -1
	}
	return j, j + min(digitRun(s, j), 4)
}

func isDigitAt(s string, i int) bool { return i < len(s) && ascii.IsDigit(s[i]) }

// pageNums is pageNumRE's FindAllStringSubmatchIndex,
// `(\d{1,4})(?:\s*-\s*(\d{1,4}))?`: for each page or range, the whole,
// the first number and the last (-1, -1 without one). The pattern reads
// ASCII digits and spaces only, so this holds for any text.
func pageNums(s string) [][6]int {
	var out [][6]int
	for i := 0; i < len(s); i++ {
		if !ascii.IsDigit(s[i]) {
			continue
		}
		e := i + min(digitRun(s, i), 4)
		m := [6]int{i, e, i, e, -1, -1}
		if ls, le := rangeTail(s, e); ls >= 0 {
			m[1], m[4], m[5] = le, ls, le
		}
		out = append(out, m)
		i = m[1] - 1
	}
	return out
}

// sectionsEnd is the end of sectionsRE's first match, or -1:
// `(?i)Sections?\s*\(s\)\s*:\s*|Sections?\s*:\s*`.
func (p *parser) sectionsEnd(s string) int {
	if !p.ascii {
		if m := sectionsRE.FindStringIndex(s); m != nil {
			return m[1]
		}
		return -1
	}
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], "section")
		if k < 0 {
			return -1
		}
		i := from + k
		from = i + 1
		j := spacesAfter(s, optS(s, i+len("section")))
		if ascii.HasPrefixFold(s[j:], "(s)") {
			j = spacesAfter(s, j+3)
		}
		if j < len(s) && s[j] == ':' {
			return spacesAfter(s, j+1)
		}
	}
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
	if yearAfterFast(after) != nil || ascii.ContainsFold(after, "page") || ascii.ContainsFold(after, "section") {
		return true
	}
	before := strings.TrimSpace(seg[max(0, m.Start-20):m.Start])
	return chapterBeforeFast(before) != nil || hasSuffixFold(before, "mtus") || strings.HasSuffix(before, ",")
}

// notRelied is notReliedRE: `(?i)\b(?:do|does|did) not
// (?:address|discuss|cover|mention)|\bsilent\b|\bnot addressed\b`.
func (p *parser) notRelied(s string) bool {
	if !p.ascii {
		return notReliedRE.MatchString(s)
	}
	return hasWordFold(s, "silent") || hasWordFold(s, "not addressed") || doNotAddress(s)
}

// doNotAddress is `(?i)\b(?:do|does|did) not
// (?:address|discuss|cover|mention)` for ASCII s; no \b closes it.
func doNotAddress(s string) bool {
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], " not ")
		if k < 0 {
			return false
		}
		i := from + k
		from = i + 1
		if !hasSuffixWordFold(s[:i], "do") && !hasSuffixWordFold(s[:i], "does") && !hasSuffixWordFold(s[:i], "did") {
			continue
		}
		rest := s[i+len(" not "):]
		for _, w := range [...]string{"address", "discuss", "cover", "mention"} {
			if ascii.HasPrefixFold(rest, w) {
				return true
			}
		}
	}
}

// hasSuffixWordFold reports whether s ends with the word lower:
// `(?i)\blower$`.
func hasSuffixWordFold(s, lower string) bool {
	k := len(s) - len(lower)
	return hasSuffixFold(s, lower) && (k == 0 || !isWord(s[k-1]))
}
