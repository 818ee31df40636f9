package quantity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mask marks the tokens that belong to things that look numeric but are not
// quantities: URLs, codes glued to letters ("L4", "M54.5", "CM16-0221706"),
// spinal level spans ("L4-5", "C2-6"), dates in every common format, clock
// times, phone numbers, money and reference numbers ("Claim #123").
//
// Masking before matching (rather than trying such patterns first in the
// matcher) matters for look-ahead: "between 4 and 6/14/2016" must not read
// the 6 of a date as the top of a range.
func (p *parser) mask() {
	p.maskURLs()
	t := p.t
	for i := range t {
		tk := &t[i]
		if tk.kind == tCode {
			tk.masked = true
			continue
		}
		if tk.kind != tNum || tk.masked {
			continue
		}
		if !tk.sp && i > 0 {
			prev := &t[i-1]
			// "L4", "M54.5", "CM16", "T12": letters glued before digits make an
			// identifier. "x6" and "x12" are the exception: a count.
			if prev.kind == tWord && prev.lower != "x" {
				p.maskIdent(i, prev)
				continue
			}
			// "ICD-10", "COVID-19", "CPT-97110".
			if prev.kind == tPunct && prev.r == '-' && !prev.sp && i > 1 && t[i-2].kind == tWord &&
				t[i-2].lower != "x" && !isNumberWord(t[i-2].lower) {
				p.maskIdent(i, &t[i-2])
				continue
			}
		}
		// "2nd", "3pm", "12abc": a glued word that is not a unit.
		if i+1 < len(t) && t[i+1].kind == tWord && !t[i+1].sp && !glueOK[t[i+1].lower] {
			tk.masked = true
			t[i+1].masked = true
			continue
		}
	}
	for i := 0; i < len(t); i++ {
		tk := &t[i]
		switch tk.kind {
		case tNum:
			if !tk.masked {
				i = p.maskNumeric(i)
			}
		case tWord:
			// Months are capitalised in dates; test that before hashing.
			if c := p.s[tk.start]; !tk.masked && 'A' <= c && c <= 'Z' && monthNames[tk.lower] {
				p.maskMonthDate(i)
			}
		}
	}
}

// maskURLs masks every whitespace-delimited chunk that is a URL, an e-mail
// address or a web path: their digits are never quantities.
func (p *parser) maskURLs() {
	t := p.t
	for i := 0; i < len(t); {
		// A chunk can only be a URL, address or path if some ".", ":", "@"
		// or "/" in it is glued to a following word; checking tokens first
		// spares the string tests for the ordinary chunks of prose.
		j, maybe := i+1, false
		for k := i; k < len(t) && (k == i || !t[k].sp); k++ {
			if t[k].kind == tPunct && k+1 < len(t) && !t[k+1].sp && t[k+1].kind == tWord {
				switch t[k].r {
				case '.', ':', '@', '/':
					maybe = true
				}
			}
			j = k + 1
		}
		if maybe && looksLikeURL(p.s[t[i].start:t[j-1].end]) {
			for k := i; k < j; k++ {
				t[k].masked = true
			}
		}
		i = j
	}
}

func looksLikeURL(c string) bool {
	if len(c) < 5 {
		return false
	}
	// Cheap rejections first: most chunks are words ending in punctuation.
	dot := strings.IndexByte(c, '.')
	if dot < 0 || dot == len(c)-1 {
		return strings.Contains(c, "://")
	}
	if strings.Contains(c, "://") || containsFold(c, "www.") {
		return true
	}
	if at := strings.IndexByte(c, '@'); at > 0 && strings.IndexByte(c[at:], '.') > 0 {
		return true
	}
	for _, tld := range [...]string{".gov/", ".com/", ".org/", ".edu/", ".net/", ".htm"} {
		if containsFold(c, tld) {
			return true
		}
	}
	return false
}

// containsFold is an allocation-free ASCII case-insensitive Contains.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// maskIdent masks the identifier number at i (whose letters are word) and
// any chain of ranges after it: "L4-5", "C2-6", "L4-L5", "T12-L1",
// "CM16-0221706", "L4/5". Spacing around the dash is only tolerated for
// single-letter spinal regions ("L4 - 5"); a code like "M54.5 - 12 visits"
// must keep its following quantity.
func (p *parser) maskIdent(i int, word *token) {
	t := p.t
	t[i].masked = true
	spinal := false
	switch word.lower {
	case "c", "t", "l", "s":
		spinal = true
	}
	for {
		j := i + 1
		if j >= len(t) || t[j].kind != tPunct || !(isDash(t[j].r) || t[j].r == '/') {
			return
		}
		if !spinal && (t[j].sp || (j+1 < len(t) && t[j+1].sp)) {
			return
		}
		k := j + 1
		if k < len(t) && t[k].kind == tWord && len(t[k].lower) <= 3 && k+1 < len(t) && t[k+1].kind == tNum && !t[k+1].sp {
			k++
		}
		if k >= len(t) || t[k].kind != tNum {
			return
		}
		for m := j; m <= k; m++ {
			t[m].masked = true
		}
		i = k
	}
}

func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return true
	}
	return false
}

// isHyphen is the narrower set that joins words ("30-day", "61-year-old").
func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// dateParts reports whether three numbers read as a date: month and day
// (either order) then a 2- or 4-digit year, or an ISO year-month-day.
func dateParts(a, b, c *token) bool {
	if a.frac || b.frac || c.frac {
		return false
	}
	if smallInt(a, 31) && smallInt(b, 31) && (c.intDigits == 2 || c.intDigits == 4) {
		return true
	}
	return a.intDigits == 4 && smallInt(b, 12) && smallInt(c, 31)
}

func yearLike(t *token) bool {
	return t.kind == tNum && t.intDigits == 4 && !t.frac && t.val >= 1900 && t.val <= 2099
}

func smallInt(t *token, max float64) bool {
	return t.kind == tNum && !t.frac && t.intDigits <= 2 && t.val >= 1 && t.val <= max
}

// capitalised reports whether the word at i starts with a capital letter.
func (p *parser) capitalised(i int) bool {
	r, _ := utf8.DecodeRuneInString(p.s[p.t[i].start:])
	return unicode.IsUpper(r)
}

// maskNumeric masks the date, time, phone number, money or reference number
// that starts with the unmasked number at i, and returns the index of the
// last token it looked at (the caller's loop continues after it).
func (p *parser) maskNumeric(i int) int {
	t := p.t
	tk := &t[i]

	// Digit groups joined by the same glued separator.
	if i+2 < len(t) && t[i+1].kind == tPunct && !t[i+1].sp && !t[i+2].sp && t[i+2].kind == tNum {
		sep := t[i+1].r
		if sep == '/' || isDash(sep) {
			j := i + 2
			parts := 2
			for j+2 < len(t) && t[j+1].kind == tPunct && t[j+1].r == sep && !t[j+1].sp &&
				t[j+2].kind == tNum && !t[j+2].sp {
				j += 2
				parts++
			}
			// "10/14/" at the end of a line: a date cut short.
			trailing := sep == '/' && j+1 < len(t) && t[j+1].kind == tPunct && t[j+1].r == '/' && !t[j+1].sp
			// "50/325/40mg" (Fioricet) is a combination strength, not a date.
			if parts >= 3 && sep == '/' && !trailing && !dateParts(tk, &t[i+2], &t[i+4]) && p.strengthUnitAt(j+1) {
				return j
			}
			if parts >= 3 || trailing {
				end := j
				if trailing {
					end = j + 1
				}
				p.maskRange(i, end)
				return end
			}
			a, b := tk, &t[j]
			if sep == '/' {
				switch {
				case p.strengthUnitAt(j + 1):
					// "10/325mg", "10/325 mg": a strength.
				case a.val < b.val && b.val >= 100 && !(yearLike(b) && a.val <= 12):
					// "10/325" in "Norco 10/325 #120": a strength without unit.
				default:
					// Dates without year, fractions, pain scores "7/10", blood
					// pressures, "5/5 strength": never a quantity here.
					p.maskRange(i, j)
				}
				return j
			}
			switch {
			case yearLike(a) && yearLike(b), // "2014-2016"
				smallInt(a, 12) && yearLike(b),                             // "10-2016"
				a.intDigits == 3 && b.intDigits == 4 && !a.frac && !b.frac: // "555-1234"
				p.maskRange(i, j)
				// "(800) 555-1234"
				if i >= 3 && t[i-1].kind == tPunct && t[i-1].r == ')' && t[i-2].kind == tNum &&
					t[i-2].intDigits == 3 && t[i-3].kind == tPunct && t[i-3].r == '(' {
					t[i-2].masked = true
				}
				return j
			}
		}
	}

	// Clock times "12:30", "12:30:45" and ratios "1:1".
	if i+2 < len(t) && t[i+1].kind == tPunct && t[i+1].r == ':' && !t[i+1].sp && !t[i+2].sp && t[i+2].kind == tNum {
		j := i + 2
		for j+2 < len(t) && t[j+1].kind == tPunct && t[j+1].r == ':' && !t[j+1].sp && t[j+2].kind == tNum && !t[j+2].sp {
			j += 2
		}
		p.maskRange(i, j)
		return j
	}

	// "3 pm", "3 a.m.".
	if i+1 < len(t) && t[i+1].kind == tWord {
		switch t[i+1].lower {
		case "am", "pm":
			tk.masked = true
			return i
		case "a", "p":
			if i+2 < len(t) && t[i+2].kind == tPunct && t[i+2].r == '.' && i+3 < len(t) && t[i+3].lower == "m" {
				tk.masked = true
				return i
			}
		}
	}

	if i > 0 && t[i-1].kind == tPunct {
		switch t[i-1].r {
		case '$', '€', '£':
			tk.masked = true
			return i
		case '#':
			// "Claim #12345", "Item #2".
			if i > 1 && t[i-2].kind == tWord && labelWords[t[i-2].lower] {
				tk.masked = true
				return i
			}
		case ':':
			// "Claim #: 12345", "Case No.: 123".
			if i > 1 && t[i-2].kind == tPunct && t[i-2].r == '#' {
				tk.masked = true
				return i
			}
		}
	}

	// "14 October 2016".
	if smallInt(tk, 31) && i+1 < len(t) && t[i+1].kind == tWord && monthNames[t[i+1].lower] && p.capitalised(i+1) {
		tk.masked = true
		return i
	}
	return i
}

// maskMonthDate masks the day and year after a month name: "October 14,
// 2016", "Oct. 14", "June 2016".
func (p *parser) maskMonthDate(i int) {
	t := p.t
	j := i + 1
	if j < len(t) && t[j].kind == tPunct && t[j].r == '.' && !t[j].sp {
		j++
	}
	if j >= len(t) || t[j].masked {
		return
	}
	switch {
	case smallInt(&t[j], 31):
		t[j].masked = true
		k := j + 1
		if k < len(t) && t[k].kind == tPunct && t[k].r == ',' {
			k++
		}
		if k < len(t) && yearLike(&t[k]) {
			t[k].masked = true
		}
	case yearLike(&t[j]):
		t[j].masked = true
	}
}

func (p *parser) maskRange(i, j int) {
	for k := i; k <= j && k < len(p.t); k++ {
		p.t[k].masked = true
	}
}
