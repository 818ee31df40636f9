package letter

import "github.com/imrlint/imrlint/internal/ascii"

// The patterns of this package (headings, labels, decisions, citations,
// ages, ...) are read by hand-written scanners, one for each, in the file
// of the part of the letter it reads. Each scanner's comment gives what it
// accepts in regexp notation, as a grammar: (?i) there means ASCII case
// folding only, and \s, \w, \d and \b are ASCII, as in Go's regexp. The
// scanners read bytes: a byte of a multi-byte UTF-8 character is never a
// letter, digit, space or word byte, so a non-ASCII character is matched
// only where a pattern spells it ("«" of a merge field) and otherwise ends a
// word. Unlike Go's (?i), ASCII folding does not take "ſ" (U+017F) for s or
// the Kelvin sign (U+212A) for k.
//
// These are the helpers the scanners share.

// isSpace reports a byte of \s: [\t\n\f\r ] (not \v).
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isWord reports a byte of \w: [0-9A-Za-z_].
func isWord(c byte) bool {
	return ascii.IsDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isWordAt reports whether s[i] is a word byte (\w); past the end it is
// not.
func isWordAt(s string, i int) bool { return i < len(s) && isWord(s[i]) }

// isDigitAt reports whether s[i] is an ASCII digit; past the end it is not.
func isDigitAt(s string, i int) bool { return i < len(s) && ascii.IsDigit(s[i]) }

// digitRun is the number of ASCII digits at s[i:].
func digitRun(s string, i int) int {
	j := i
	for j < len(s) && ascii.IsDigit(s[j]) {
		j++
	}
	return j - i
}

// spacesAfter skips `\s*` from s[i:] and returns where it ends.
func spacesAfter(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// spacesBefore skips `\s*` backwards from s[:e] and returns where it
// starts.
func spacesBefore(s string, e int) int {
	for e > 0 && isSpace(s[e-1]) {
		e--
	}
	return e
}

// optS skips an optional "s" or "S" at s[i:].
func optS(s string, i int) int {
	if i < len(s) && s[i]|0x20 == 's' {
		return i + 1
	}
	return i
}

// hasSuffixFold reports whether s ends with lower, ignoring ASCII case.
func hasSuffixFold(s, lower string) bool {
	return len(s) >= len(lower) && ascii.HasPrefixFold(s[len(s)-len(lower):], lower)
}

// hasSuffixWordFold reports whether s ends with the word lower:
// `(?i)\blower$`.
func hasSuffixWordFold(s, lower string) bool {
	k := len(s) - len(lower)
	return hasSuffixFold(s, lower) && (k == 0 || !isWord(s[k-1]))
}

// indexWordFold is the index of the first lower (lower-case ASCII that
// starts and ends with a letter) in s, ignoring case, that a \b closes
// and, when wordStart, a \b opens; or -1.
func indexWordFold(s, lower string, wordStart bool) int {
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], lower)
		if k < 0 {
			return -1
		}
		i := from + k
		if (!wordStart || i == 0 || !isWord(s[i-1])) && !isWordAt(s, i+len(lower)) {
			return i
		}
		from = i + 1
	}
}

// hasWordFold reports whether s holds lower as whole words:
// `(?i)\blower\b`.
func hasWordFold(s, lower string) bool { return indexWordFold(s, lower, true) >= 0 }

// containsAnyFold reports whether s holds one of lits (lower-case ASCII),
// ignoring case. It lets a costly scanner run only on the few strings that
// hold a word every match of it has.
func containsAnyFold(s string, lits ...string) bool {
	for _, lit := range lits {
		if ascii.ContainsFold(s, lit) {
			return true
		}
	}
	return false
}
