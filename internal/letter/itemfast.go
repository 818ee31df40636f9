package letter

import "github.com/imrlint/imrlint/internal/ascii"

// Hand-written forms of the literal patterns that read items: the 2013
// layout's numbered lines and determinations, a partial request's
// original, an ODG citation, and the words trimmed from a drug's name. As
// elsewhere they run only on ASCII text; match2_test.go compares them with
// their patterns.

// indexWordFold is the index of the first lower (lower-case ASCII that
// starts and ends with a letter) in ASCII s, ignoring case, that a \b
// closes and, when wordStart, a \b opens; or -1.
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

// hasWordFold reports whether ASCII s holds lower as whole words:
// `(?i)\blower\b`.
func hasWordFold(s, lower string) bool { return indexWordFold(s, lower, true) >= 0 }

// regardingFast is regardingRE for an ASCII line:
// `(?i)^\d{1,2}\)\s*Regarding the request for\b`.
func regardingFast(s string) bool {
	n, ok := numberPrefix(s)
	if !ok {
		return false
	}
	const lit = "regarding the request for"
	i := spacesAfter(s, len(n)+1)
	return ascii.HasPrefixFold(s[i:], lit) && !isWordAt(s, i+len(lit))
}

// determined is determinedRE's first match, `(?i)has determined the
// request for\b`, or nil.
func (p *parser) determined(s string) []int {
	if !p.ascii {
		return determinedRE.FindStringIndex(s)
	}
	const lit = "has determined the request for"
	if i := indexWordFold(s, lit, false); i >= 0 {
		return []int{i, i + len(lit)}
	}
	return nil
}

// original is originalRE's first match, `(?i)\bwas the original
// request\b`, or nil.
func (p *parser) original(s string) []int {
	if !p.ascii {
		return originalRE.FindStringIndex(s)
	}
	const lit = "was the original request"
	if i := indexWordFold(s, lit, true); i >= 0 {
		return []int{i, i + len(lit)}
	}
	return nil
}

// regardingForEnd is the end of regardingForRE's first match,
// `(?i)Regarding the request for\s*`. It is asked only of a header whose
// first line isRegarding, which holds the words.
func (p *parser) regardingForEnd(s string) int {
	if !p.ascii {
		return regardingForRE.FindStringIndex(s)[1]
	}
	const lit = "regarding the request for"
	return spacesAfter(s, ascii.IndexFold(s, lit)+len(lit))
}

// namesODG is odgRE, `(?i)Official Disability Guidelines|\bODG\b`.
func (p *parser) namesODG(s string) bool {
	if !p.ascii {
		return odgRE.MatchString(s)
	}
	return ascii.ContainsFold(s, "official disability guidelines") || hasWordFold(s, "odg")
}

// medNameLeads are medNameTrimRE's alternatives in its order, the optional
// endings spelled out, longer first as the greedy pattern tries them.
var medNameLeads = [...]string{"one", "1", "a", "an", "compounded", "compound", "retrospectively", "retrospective",
	"prospective", "request for", "refill of", "refills of", "two refills of", "prescription of", "prescription for"}

// medNameTrim is the end of medNameTrimRE's match at the start of s, or -1:
//
//	(?i)^(one|1|a|an|\(\d+\)|compound(ed)?|retrospective(ly)?|prospective|request for|
//	refill of|refills of|two refills of|prescription of|prescription for)\s+
//
// The alternative taken is the first that white space follows.
func (p *parser) medNameTrim(s string) int {
	if !p.ascii {
		if loc := medNameTrimRE.FindStringIndex(s); loc != nil {
			return loc[1]
		}
		return -1
	}
	for k, w := range medNameLeads {
		if k == 4 {
			// `\(\d+\)` comes after "an" in the pattern.
			if s != "" && s[0] == '(' {
				if n := digitRun(s, 1); n > 0 && 1+n < len(s) && s[1+n] == ')' {
					if e := spacesAfter(s, n+2); e > n+2 {
						return e
					}
				}
			}
		}
		if ascii.HasPrefixFold(s, w) {
			if e := spacesAfter(s, len(w)); e > len(w) {
				return e
			}
		}
	}
	return -1
}
