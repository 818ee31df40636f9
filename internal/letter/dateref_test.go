package letter

import (
	"strings"
	"testing"
	"time"

	"github.com/imrlint/imrlint/internal/ascii"
)

// findDatesRef is FindDates as it was before its month look-up was
// prefiltered, kept to compare with.
func findDatesRef(s string) []DateLoc {
	var out []DateLoc
	for i := 0; i < len(s); i++ {
		if i > 0 && isWord(s[i-1]) {
			continue
		}
		c := s[i]
		var mo, d, y, end int
		switch {
		case ascii.IsDigit(c):
			a, e1 := digits(s, i, 2)
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
			m, ok := monthNames[strings.ToLower(s[i:j])]
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

func TestFindDatesRef(t *testing.T) {
	extra := []string{"Jan. 3, 2004", "Sept 12, 2016", "September. 1, 2001", "Mayx 1, 2001", "may 1 2001", "Oct.5, 2011", "Dec  12, 2012", "xJune 1, 2001", "June 31, 2001"}
	for _, s := range append(matchInputs(t), extra...) {
		if got, want := FindDates(s), findDatesRef(s); !reflectEqualDates(got, want) {
			t.Errorf("FindDates(%q) = %v, want %v", s, got, want)
		}
	}
}

func reflectEqualDates(a, b []DateLoc) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
