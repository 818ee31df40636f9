package letter

import (
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/ascii"
)

// ParseDate reads a whole string as a date.
func ParseDate(s string) (time.Time, bool) {
	// Room for the one date wanted and one more, on the stack.
	var buf [2]DateLoc
	locs := appendDates(buf[:0], s)
	if len(locs) != 1 || locs[0].Start != 0 || locs[0].End != len(strings.TrimSpace(s)) {
		return time.Time{}, false
	}
	return locs[0].Time, true
}

// DateLoc is a date found in a string.
type DateLoc struct {
	Start, End int
	Time       time.Time
}

// monthNames are the spellings of months a written date may use.
var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

// monthName looks up an ASCII word in monthNames, lower-cased in a stack
// buffer: strings.ToLower allocated for every capitalised word of every
// sentence.
func monthName(w string) (time.Month, bool) {
	var buf [len("september")]byte
	if len(w) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		buf[i] = ascii.Lower(w[i])
	}
	m, ok := monthNames[string(buf[:len(w)])]
	return m, ok
}

// digits reads up to max digits at s[i:], returning the value and the end.
func digits(s string, i, max int) (v, end int) {
	end = i
	for end < len(s) && end-i < max && ascii.IsDigit(s[end]) {
		v = v*10 + int(s[end]-'0')
		end++
	}
	return v, end
}

// FindDates finds the dates letters write: 10/14/2016, 10-14-16, 10/14/
// 2016 (wrapped after the slash), 10-142016 (plain pdftotext joins a date
// wrapped at its hyphen), October 14, 2016 and 14 Oct 2016. It is a hand-written
// scanner: dates are looked for in every sentence, and a pattern with
// these alternatives was the single largest cost of reading a letter.
//
// Every date holds a digit, and a written date's month starts at most
// eleven bytes before its day ("September. 1"): the scan starts there, and
// most sentences, which hold no digit, are passed over at once.
func FindDates(s string) []DateLoc { return appendDates(nil, s) }

// appendDates appends the dates of s to out, as FindDates finds them.
func appendDates(out []DateLoc, s string) []DateLoc {
	d := firstDigit(s)
	if d < 0 {
		return out
	}
	for i := max(0, d-11); i < len(s); i++ {
		if i > 0 && isWord(s[i-1]) {
			continue
		}
		c := s[i]
		var mo, d, y, end int
		switch {
		case ascii.IsDigit(c):
			a, e1 := digits(s, i, 2)
			if e1 < len(s) && s[e1] == ' ' {
				// "14 Oct 2016", "14 October 2016"
				if m, e, ok := dayMonthYear(s, e1+1); ok {
					mo, d, y, end = m, a, 0, e
					y, _ = digits(s, e-4, 4)
					break
				}
			}
			if e1 == len(s) || ascii.IsDigit(s[e1]) || (s[e1] != '/' && s[e1] != '-') {
				continue
			}
			sep := s[e1]
			b, e2 := digits(s, e1+1, 2)
			if e2 == e1+1 {
				continue
			}
			switch {
			case e2 < len(s) && (s[e2] == '/' || s[e2] == '-'):
				k := e2 + 1
				if k < len(s) && s[k] == ' ' {
					k++
				}
				yy, e3 := digits(s, k, 4)
				if (e3-k != 4 && e3-k != 2) || (e3 < len(s) && isWord(s[e3])) {
					continue
				}
				if e3-k == 2 {
					yy = twoDigitYear(yy)
				}
				mo, d, y, end = a, b, yy, e3
			case sep == '-' && e2-(e1+1) == 2 && e2 < len(s) && ascii.IsDigit(s[e2]):
				yy, e3 := digits(s, e2, 4)
				if e3-e2 != 4 || (e3 < len(s) && isWord(s[e3])) {
					continue
				}
				mo, d, y, end = a, b, yy, e3
			default:
				continue
			}
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			// A month is three to nine letters, and a space and the day
			// follow it (a period may come between): most words fail
			// that before the look-up.
			sp := j
			if sp < len(s) && s[sp] == '.' {
				sp++
			}
			if j-i < 3 || j-i > 9 || sp+1 >= len(s) || s[sp] != ' ' || !ascii.IsDigit(s[sp+1]) {
				i = j - 1
				continue
			}
			m, ok := monthName(s[i:j])
			if !ok {
				i = j - 1
				continue
			}
			if j < len(s) && s[j] == '.' {
				j++
			}
			if j >= len(s) || s[j] != ' ' {
				i = j - 1
				continue
			}
			dd, e1 := digits(s, j+1, 2)
			if e1 == j+1 {
				i = j - 1
				continue
			}
			k := e1
			if k < len(s) && s[k] == ',' {
				k++
			}
			if k >= len(s) || s[k] != ' ' {
				i = j - 1
				continue
			}
			yy, e2 := digits(s, k+1, 4)
			if e2-(k+1) != 4 || (e2 < len(s) && isWord(s[e2])) {
				i = j - 1
				continue
			}
			mo, d, y, end = int(m), dd, yy, e2
		default:
			continue
		}
		if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2100 {
			continue
		}
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			continue // 02/31
		}
		out = append(out, DateLoc{Start: i, End: end, Time: t})
		i = end - 1
	}
	return out
}

// dayMonthYear reads "Oct 2016" or "October, 2016" at s[j:], the rest of
// a day-month-year date: the month, the end of the year, and whether it
// is one.
func dayMonthYear(s string, j int) (int, int, bool) {
	k := j
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	if k-j < 3 || k-j > 9 {
		return 0, 0, false
	}
	m, ok := monthName(s[j:k])
	if !ok {
		return 0, 0, false
	}
	if k < len(s) && (s[k] == '.' || s[k] == ',') {
		k++
	}
	if k >= len(s) || s[k] != ' ' {
		return 0, 0, false
	}
	_, e := digits(s, k+1, 4)
	if e-(k+1) != 4 || (e < len(s) && isWord(s[e])) {
		return 0, 0, false
	}
	return int(m), e, true
}

// firstDigit is the index of the first ASCII digit of s, or -1.
func firstDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if ascii.IsDigit(s[i]) {
			return i
		}
	}
	return -1
}

// twoDigitYear reads "02" as 2002 and "98" as 1998: workers' compensation
// injuries of IMR letters date from the 1970s on.
func twoDigitYear(y int) int {
	if y < 50 {
		return 2000 + y
	}
	return 1900 + y
}
