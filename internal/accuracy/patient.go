package accuracy

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// --- the date of injury ---

// dateAt is a date's place in the letter's bytes.
type dateAt struct{ start, end int }

var (
	numericDateRE = regexp.MustCompile(`\b(\d{1,2})([/-])(\d{1,2})([/-]) ?(\d{4}|\d{2})\b`)
	writtenDateRE = regexp.MustCompile(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? (\d{1,2}),? (\d{4})\b`)
)

var monthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// dateValue reads a date as the mutators write them.
func dateValue(s string) (time.Time, bool) {
	if m := numericDateRE.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		dd, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[5])
		if y < 100 {
			y += 2000
			if y > 2050 {
				y -= 100
			}
		}
		return time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC), true
	}
	if m := writtenDateRE.FindStringSubmatch(s); m != nil {
		mo := monthNum[strings.ToLower(m[1])[:3]]
		dd, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		return time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// injuryDateSites shift, by three days, each date of the summary that is
// the header's date of injury. The day alone is rewritten, so a date
// wrapped at a line end is changed in place.
func injuryDateSites(d *doc) []edit {
	if d.doi == nil {
		return nil
	}
	ref, ok := dateValue(d.src[d.doi.start:d.doi.end])
	if !ok {
		return nil
	}
	var out []edit
	for _, s := range d.sentences(d.summary) {
		for _, re := range []*regexp.Regexp{numericDateRE, writtenDateRE} {
			for _, m := range re.FindAllStringSubmatchIndex(s.text, -1) {
				t, ok := dateValue(s.text[m[0]:m[1]])
				before := strings.ReplaceAll(strings.ToLower(s.text[max(0, m[0]-80):m[0]]), "injured worker", "patient")
				if !ok || !t.Equal(ref) || !injuryContextRE.MatchString(before) {
					continue
				}
				day := m[6:8] // numeric: group 3
				if re == writtenDateRE {
					day = m[4:6]
				}
				a, b, ok := s.span(day[0], day[1])
				if !ok {
					continue
				}
				n, _ := strconv.Atoi(d.src[a:b])
				n = shiftDay(n)
				repl := strconv.Itoa(n)
				if b-a == 2 && n < 10 {
					repl = "0" + repl
				}
				out = append(out, edit{a, b, repl})
			}
		}
	}
	return out
}

// injuryContextRE, in the words before a date, makes the date the
// injury's ("sustained an industrial injury on", "a history of an
// occupational claim from", "DOI", "slipped and fell at work on"); a
// date that equals the date of injury by chance ("x-rays done on") is
// not one. "The injured worker" names the patient, not the injury.
var injuryContextRE = regexp.MustCompile(`(?i)(injur\w*|\bDOI\b|\bclaim\b|accident|\bfell\b|slipped|trauma|incident|hurt)[^0-9]*$`)

func shiftDay(n int) int {
	if n <= 25 {
		return n + 3
	}
	return n - 3
}

// --- pronouns and ages ---

var (
	pronounRE = regexp.MustCompile(`(?i)\b(he|she|his|her|him|hers|himself|herself)\b`)
	maleRE    = regexp.MustCompile(`(?i)\b(\d{1,3}[- ]years?[- ]old|year[- ]old) (male|man|gentleman)\b|\b(he|his|him)\b`)
	femaleRE  = regexp.MustCompile(`(?i)\b(\d{1,3}[- ]years?[- ]old|year[- ]old) (female|woman|lady)\b|\b(she|her)\b`)
	ageRE     = regexp.MustCompile(`(?i)\b(\d{2})[- ]years?[- ]old\b`)
)

var otherSex = map[string]string{"he": "she", "she": "he", "his": "her", "him": "her", "her": "his", "hers": "his", "himself": "herself", "herself": "himself"}

// pronounSites put a pronoun of the other sex in a sentence of the
// summary or a rationale about the patient (one naming no other person).
func pronounSites(d *doc) []edit {
	blocks := []block{d.summary}
	for _, it := range d.items {
		blocks = append(blocks, it.rationale)
	}
	var sents []sentence
	male, female := 0, 0
	for _, b := range blocks {
		for _, s := range d.sentences(b) {
			if strings.Contains(s.text, "/") && strings.Contains(strings.ToLower(s.text), "he/she") {
				continue
			}
			sents = append(sents, s)
			male += len(maleRE.FindAllString(s.text, -1))
			female += len(femaleRE.FindAllString(s.text, -1))
		}
	}
	if male == female {
		return nil
	}
	var out []edit
	for _, s := range sents {
		if otherPersonRE.MatchString(s.text) {
			continue
		}
		for _, m := range pronounRE.FindAllStringSubmatchIndex(s.text, -1) {
			w := strings.ToLower(s.text[m[2]:m[3]])
			isMale := w == "he" || w == "his" || w == "him" || w == "himself"
			if isMale != (male > female) {
				continue
			}
			if a, b, ok := s.span(m[2], m[3]); ok {
				out = append(out, edit{a, b, matchCase(d.src[a:b], otherSex[w])})
			}
		}
	}
	return out
}

// ageSites change one of the letter's statements of the age, where it
// states the age at least twice (one statement has nothing to differ
// from).
func ageSites(d *doc) []edit {
	blocks := []block{d.summary}
	for _, it := range d.items {
		blocks = append(blocks, it.rationale)
	}
	var out []edit
	for _, b := range blocks {
		for _, s := range d.sentences(b) {
			for _, m := range ageRE.FindAllStringSubmatchIndex(s.text, -1) {
				if a, b, ok := s.span(m[2], m[3]); ok {
					n, _ := strconv.Atoi(d.src[a:b])
					out = append(out, edit{a, b, strconv.Itoa(n + 6)})
				}
			}
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
