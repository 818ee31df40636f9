package letter

import "github.com/imrlint/imrlint/internal/ascii"

// ageNouns are the nouns ageRE accepts after an age, in its order.
var ageNouns = [...]string{"male", "female", "man", "woman", "gentleman", "lady", "patient", "worker", "individual", "claimant", "employee", "person"}

// ageMatchesFast is ageRE's FindAllStringSubmatchIndex for ASCII s:
//
//	(?i)\b(\d{1,3})[- ]?(?:year|yr)s?[- ]old,?\s+(?:[\w-]+,?\s+){0,3}?(male|...|person)\b
//
// Each part but the words between "old" and the noun can be read only one
// way (a shorter digit run or a skipped optional part leaves a character
// the next part cannot take), so the pattern is read straight through; the
// lazy {0,3}? tries the noun after no word, then one, two and three, the
// longest run of [\w-] standing for each word, as the pattern's must.
func ageMatchesFast(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !ascii.IsDigit(s[i]) || (i > 0 && isWord(s[i-1])) {
			continue
		}
		if m := ageAt(s, i); m != nil {
			out = append(out, m)
			i = m[1] - 1
		}
	}
	return out
}

// ageAt matches ageRE at s[i:], where a digit starts a word: the whole
// match, the number and the noun, as submatch indexes, or nil.
func ageAt(s string, i int) []int {
	j := i
	for j < len(s) && j-i < 3 && ascii.IsDigit(s[j]) {
		j++
	}
	numEnd := j
	if j < len(s) && (s[j] == '-' || s[j] == ' ') {
		j++
	}
	switch {
	case ascii.HasPrefixFold(s[j:], "year"):
		j += 4
	case ascii.HasPrefixFold(s[j:], "yr"):
		j += 2
	default:
		return nil
	}
	j = optS(s, j)
	if j >= len(s) || (s[j] != '-' && s[j] != ' ') {
		return nil
	}
	j++
	if !ascii.HasPrefixFold(s[j:], "old") {
		return nil
	}
	j += 3
	if j < len(s) && s[j] == ',' {
		j++
	}
	if k := spacesAfter(s, j); k > j {
		j = k
	} else {
		return nil
	}
	for words := 0; words <= 3; words++ {
		if ns, ne, ok := ageNounAt(s, j); ok {
			return []int{i, ne, i, numEnd, ns, ne}
		}
		// One more word: `[\w-]+,?\s+`.
		k := j
		for k < len(s) && (isWord(s[k]) || s[k] == '-') {
			k++
		}
		if k == j {
			return nil
		}
		if k < len(s) && s[k] == ',' {
			k++
		}
		e := spacesAfter(s, k)
		if e == k {
			return nil
		}
		j = e
	}
	return nil
}

// ageNounAt matches `(male|...|person)\b` at s[j:].
func ageNounAt(s string, j int) (start, end int, ok bool) {
	for _, n := range ageNouns {
		if ascii.HasPrefixFold(s[j:], n) {
			e := j + len(n)
			if e == len(s) || !isWord(s[e]) {
				return j, e, true
			}
		}
	}
	return 0, 0, false
}

// yearAfterFast is yearAfterRE, `^\s*,?\s*\(?((?:19|20)\d{2})\)?`, as
// submatch indexes, or nil. It reads bytes and holds for any text.
func yearAfterFast(s string) []int {
	j := spacesAfter(s, 0)
	if j < len(s) && s[j] == ',' {
		j++
	}
	j = spacesAfter(s, j)
	if j < len(s) && s[j] == '(' {
		j++
	}
	if j+4 > len(s) || !(s[j] == '1' && s[j+1] == '9' || s[j] == '2' && s[j+1] == '0') || !ascii.IsDigit(s[j+2]) || !ascii.IsDigit(s[j+3]) {
		return nil
	}
	e := j + 4
	if e < len(s) && s[e] == ')' {
		e++
	}
	return []int{0, e, j, j + 4}
}
