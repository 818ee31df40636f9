package letter

import (
	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/text"
)

// The hand-written matchers of this package compare ASCII letters without
// regard to case, as the (?i) patterns they replace do. Go's case folding
// goes further: "ſ" (U+017F) matches s and "K" (U+212A, the Kelvin sign)
// matches k. So the hand-written forms run only on a letter whose clean text
// is ASCII (every generated letter and nearly every real one); a letter
// with any other character is read with the original patterns, and reads
// the same either way.

// docASCII reports whether every line of doc is ASCII; blocks and
// substrings of them then are too.
func docASCII(doc *text.Doc) bool {
	for i := range doc.Lines {
		if !ascii.IsASCII(doc.Lines[i].Text) {
			return false
		}
	}
	return true
}

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
		if ascii.ContainsFold(s, lit) {
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
		if ascii.IsDigit(s[i]) {
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
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && ascii.IsDigit(s[i+2]) && ascii.IsDigit(s[i+3]) {
			return true
		}
	}
	return false
}
