package letter

import "github.com/imrlint/imrlint/internal/ascii"

// Hand-written forms of the patterns demographics runs on the sentences of
// the case summary: the words before a date that make it the date of
// injury, and a Utilization Review's action. As elsewhere they run only on
// ASCII letters; match_test.go compares them with their patterns.

// injuryWords are the names of the injury injuryBefore accepts.
var injuryWords = [...]string{"date of injury", "date of industrial injury", "injury date", "injury", "injured", "doi"}

// injuryLinkWords may follow the name of the injury, each after a space
// ("injury was reported on").
var injuryLinkWords = [...]string{"was", "is", "dated", "date", "of", "on", "reported"}

// injuryPlaces may follow the name directly ("injured at work").
var injuryPlaces = [...]string{"at work", "while working", "on the job"}

// injuryBeforeFast is injuryBefore for ASCII s:
//
//	(?i)\b(?:date of (?:industrial )?injury|injury date|injury|injured|DOI)\b
//	(?: (?:at work|while working|on the job))?
//	(?: (?:was|is|dated|date|of|on|reported))*\s*:?\s*\(?$
//
// The pattern is anchored at the end, so s is read backwards: the closing
// "(", colon and spaces, then link words one by one, each time asking
// whether the name of the injury (with a place after it) ends there. No
// two link words end the same way, so each step can be taken one way only.
func injuryBeforeFast(s string) bool {
	e := len(s)
	if e > 0 && s[e-1] == '(' {
		e--
	}
	e = spacesBefore(s, e)
	if e > 0 && s[e-1] == ':' {
		e = spacesBefore(s, e-1)
	}
	for {
		if injuryWordEnds(s, e) {
			return true
		}
		for _, w := range injuryPlaces {
			if k := e - len(w); k > 0 && s[k-1] == ' ' && ascii.HasPrefixFold(s[k:e], w) && injuryWordEnds(s, k-1) {
				return true
			}
		}
		n := 0
		for _, w := range injuryLinkWords {
			if k := e - len(w); k > 0 && s[k-1] == ' ' && ascii.HasPrefixFold(s[k:e], w) {
				n = len(w)
				break
			}
		}
		if n == 0 {
			return false
		}
		e -= n + 1
	}
}

// injuryWordEnds reports whether a name of the injury ends at s[:e] and
// starts a word (what follows e is never a letter here).
func injuryWordEnds(s string, e int) bool {
	for _, w := range injuryWords {
		if k := e - len(w); k >= 0 && ascii.HasPrefixFold(s[k:e], w) && (k == 0 || !isWord(s[k-1])) {
			return true
		}
	}
	return false
}

// spacesBefore skips `\s*` backwards from s[:e] and returns where it
// starts.
func spacesBefore(s string, e int) int {
	for e > 0 && isSpaceRE(s[e-1]) {
		e--
	}
	return e
}

// injuryDateBefore reports whether the words before a date, before, name it
// the date of injury.
func (p *parser) injuryDateBefore(before string) bool {
	if !p.ascii {
		return injuryBefore.MatchString(before)
	}
	return injuryBeforeFast(before)
}

// urAction is urActionRE, `(?i)non-?certif|denied|modified|not
// certified|noncertif|non-certified`: a list of literals.
func (p *parser) urAction(s string) bool {
	if !p.ascii {
		return urActionRE.MatchString(s)
	}
	return ascii.ContainsFold(s, "denied") || ascii.ContainsFold(s, "modified") || ascii.ContainsFold(s, "noncertif") ||
		ascii.ContainsFold(s, "non-certif") || ascii.ContainsFold(s, "not certified")
}
