package letter

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateRE matches the date forms letters use: 10/14/2016, 10-14-16,
// 10/14/ 2016 (wrapped after the slash), 10-142016 (plain pdftotext joins a
// date wrapped at its hyphen), and October 14, 2016.
var dateRE = regexp.MustCompile(`(?i)\b(\d{1,2})([/-])(\d{1,2})[/-] ?(\d{4}|\d{2})\b|\b(\d{1,2})-(\d{2})(\d{4})\b|\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? (\d{1,2}),? (\d{4})\b`)

// monthWords are the month names a written date may start with, for a
// cheap test before the date pattern runs.
var monthWords = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// mayHoldDate: a numeric date needs a digit next to "/" or "-"; a written
// one a month name.
func mayHoldDate(s string) bool {
	for i := 1; i < len(s); i++ {
		if (s[i] == '/' || s[i] == '-') && s[i-1] >= '0' && s[i-1] <= '9' {
			return true
		}
	}
	for _, m := range monthWords {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// ParseDate reads a whole string as a date.
func ParseDate(s string) (time.Time, bool) {
	locs := FindDates(s)
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

// FindDates finds the dates in s.
func FindDates(s string) []DateLoc {
	if !mayHoldDate(s) {
		return nil
	}
	var out []DateLoc
	for _, m := range dateRE.FindAllStringSubmatchIndex(s, -1) {
		var mo, d, y int
		switch {
		case m[2] >= 0:
			mo, _ = strconv.Atoi(s[m[2]:m[3]])
			d, _ = strconv.Atoi(s[m[6]:m[7]])
			y, _ = strconv.Atoi(s[m[8]:m[9]])
			if m[9]-m[8] == 2 {
				y = twoDigitYear(y)
			}
		case m[10] >= 0:
			mo, _ = strconv.Atoi(s[m[10]:m[11]])
			d, _ = strconv.Atoi(s[m[12]:m[13]])
			y, _ = strconv.Atoi(s[m[14]:m[15]])
		default:
			mo = int(months[strings.ToLower(s[m[16]:m[16]+3])])
			d, _ = strconv.Atoi(s[m[18]:m[19]])
			y, _ = strconv.Atoi(s[m[20]:m[21]])
		}
		if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2100 {
			continue
		}
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			continue // 02/31
		}
		out = append(out, DateLoc{Start: m[0], End: m[1], Time: t})
	}
	return out
}

// twoDigitYear reads "02" as 2002 and "98" as 1998: workers' compensation
// injuries of IMR letters date from the 1970s on.
func twoDigitYear(y int) int {
	if y < 50 {
		return 2000 + y
	}
	return 1900 + y
}
