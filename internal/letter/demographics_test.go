package letter

import (
	"regexp"
	"strings"
	"testing"
)

// yearOldRE is what agePretest looks for.
var yearOldRE = regexp.MustCompile(`(?i)(?:year|yr)s?[- ]old`)

// TestAgeAnyCase: an age is read whatever the case of "old", as ageRE
// ignores case, in ASCII and non-ASCII letters.
func TestAgeAnyCase(t *testing.T) {
	for _, s := range []string{
		"He is a 45 year oLd male.", "A 45 YeAr OlD male.", "A 45 YEAR OLd male.", "A 45-yrs-oLD worker.",
		"A 45 year old male.", "A 45 YEAR OLD male.", "A 45 Year Old male.",
	} {
		for _, p := range []*parser{{ascii: true}, {}} {
			m := p.ageMatches(s)
			if len(m) != 1 || s[m[0][2]:m[0][3]] != "45" {
				t.Errorf("ageMatches(%q) (ascii %v) = %v, want the age 45", s, p.ascii, m)
			}
		}
		if !agePretest(s) {
			t.Errorf("agePretest(%q) = false", s)
		}
	}
	for _, s := range []string{"He told her.", "A 45 yearSs old male.", "45 years  old", "yr-olds", "Hold on."} {
		if got, want := agePretest(s), yearOldRE.MatchString(s); got != want {
			t.Errorf("agePretest(%q) = %v, want %v", s, got, want)
		}
	}

	// The summary's age is the patient's, and a later age in odd case
	// is compared with it.
	src := headerLetter("Date of Injury: 01/02/2010")
	src = strings.Replace(src, "This 40 year old male", "This 40 YEAR OLd male", 1)
	for _, nonASCII := range []bool{false, true} {
		s := src
		if nonASCII {
			s = strings.Replace(s, "boxes.", "boxes \u2013 twice.", 1)
		}
		l := parseText(t, s)
		if l.Patient.Age.Text != "40" {
			t.Errorf("non-ASCII %v: patient's age %q, want 40", nonASCII, l.Patient.Age.Text)
		}
		if len(l.Patient.Sex.Text) == 0 || l.Patient.Sex.Text != "male" {
			t.Errorf("non-ASCII %v: patient's sex %q, want male", nonASCII, l.Patient.Sex.Text)
		}
	}
}
