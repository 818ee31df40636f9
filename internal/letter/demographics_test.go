package letter

import (
	"fmt"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// testAgeNouns are the built-in rules/vocab/words.toml's ages.nouns.
var testAgeNouns = func() []string {
	v, err := rules.Default()
	if err != nil {
		panic(err)
	}
	return v.Words.AgeNouns
}()

// ages renders ageMatches(s) as "number/noun" pairs.
func ages(s string) string {
	var out []string
	for _, m := range ageMatches(s, testAgeNouns) {
		if len(m) != 6 || m[0] > m[2] || m[3] > m[4] || m[5] > m[1] || m[1] > len(s) {
			return fmt.Sprintf("bad match %v", m)
		}
		out = append(out, s[m[2]:m[3]]+"/"+s[m[4]:m[5]])
	}
	return strings.Join(out, " ")
}

// TestAgeMatches: an age is a number, "year(s) old" in any case and
// spelling, and a noun for the patient within three words.
func TestAgeMatches(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"He is a 45 year oLd male.", "45/male"},
		{"A 45 YeAr OlD woman.", "45/woman"},
		{"A 45-yrs-oLD worker.", "45/worker"},
		{"A 45 Year Old male.", "45/male"},
		{"a 45 year old, right-handed, obese  female.", "45/female"},
		{"45 yr old a b c man", "45/man"},
		{"45 yr old a b c d man", ""}, // four words between
		{"45 yr old manual worker", "45/worker"},
		{"45yrsold male", ""},
		{"45-yr-old male-bodied", "45/male"}, // "-" ends the word
		{"45 year old malex", ""},
		{"x45 year old male", ""},
		{"1234 year old male", ""},
		{"45  year old male", ""},
		{"45 year old - male", "45/male"}, // "-" is a word of [\w-]
		{"45 year old,male", ""},
		{"45 year old 3 2 1 person,", "45/person"},
		{"45 years  old", ""},
		{"45 yearSs old male", ""},
		{"a 45 year-old", ""},
		{"A 30 year old man and a 40 year old woman", "30/man 40/woman"},
		{"He told the 45 year old claimant.", "45/claimant"},
		// Non-ASCII characters end words and are never letters.
		{"a 45 year old caf\u00e9 worker", ""}, // "\u00e9" ends "caf" but is no space
		{"a 45 year old male\u00ae", "45/male"},
		{"a 45 year old \u00e9male", ""},
		{"a 45 y\u00e9ar old male", ""},
		{"a \u00b045 year old male", "45/male"},
	} {
		if got := ages(c.in); got != c.want {
			t.Errorf("ageMatches(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestAgePretest: agePretest finds "year old" (in any case and form) and
// nothing else that holds "old".
func TestAgePretest(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"He told her.", false}, {"Hold on.", false}, {"yearold", false}, {"45 years  old", false},
		{"A 45 yearSs old male.", false}, {"yr-olds", true}, {"45 YRS OLD", true}, {"year-old", true},
		{"old", false}, {" old", false}, {"s old", false}, {"\u00e9yr old", true}, {"yr\u00a0old", false},
	} {
		if got := agePretest(c.in); got != c.want {
			t.Errorf("agePretest(%q) = %v, want %v", c.in, got, c.want)
		}
		if c.want == false && ageMatches(c.in+" male", testAgeNouns) != nil {
			t.Errorf("ageMatches(%q) found an age agePretest does not allow", c.in+" male")
		}
	}
}

// TestInjuryDateBefore: the words before a date that make it the date of
// injury.
func TestInjuryDateBefore(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"Date of injury: ", true},
		{"date of industrial injury ", true},
		{"The patient was injured on ", true},
		{"injured at work on ", true},
		{"the injury was reported on ", true},
		{"DOI ", true},
		{"DOI: (", true},
		{"injury date of ", true},
		{"injury is dated ", true},
		{"injured while working on ", true},
		{"injured on the job on ", true},
		// The phrasings reviewers use for the date of injury.
		{"with a history of an occupational claim from ", true},
		{"sustained an industrial injury of ", true},
		{"who sustained an injury on ", true},
		{"a work-related accident on ", true},
		{"an industrial injury that occurred on ", true},
		{"injuries sustained on ", true},
		{"DOI of ", true},
		{"filed a claim for stress, seen on ", false},
		{"the claim was denied on ", false},
		{"", false},
		{"seen on ", false},
		{"injuryx on ", false},
		{"xinjury on ", false},
		{"injury was seen on ", false},
		{"injured at home on ", false},
		{"the injury. On ", false},
		{"injury  on ", false}, // link words follow one space
		{"caf\u00e9injury on ", true},
		{"injury\u00ae on ", false},
	} {
		if got := injuryDateBefore(c.in); got != c.want {
			t.Errorf("injuryDateBefore(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestURAction(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"UR non-certified the request", true}, {"UR noncertified it", true}, {"Utilization Review DENIED it", true},
		{"the request was modified", true}, {"it was not certified", true}, {"UR Non-Certification", true},
		{"UR certified the request", false}, {"UR approved it", false}, {"not  certified", false}, {"", false},
	} {
		if got := urAction(c.in); got != c.want {
			t.Errorf("urAction(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestPatientAgeAndSex: the summary's age is the patient's, in any case
// of "old", and so is the sex its noun gives; a non-ASCII character
// elsewhere in the letter changes nothing.
func TestPatientAgeAndSex(t *testing.T) {
	src := headerLetter("Date of Injury: 01/02/2010")
	src = strings.Replace(src, "This 40 year old male", "This 40 YEAR OLd male", 1)
	for _, nonASCII := range []bool{false, true} {
		s := src
		if nonASCII {
			s = strings.Replace(s, "boxes.", "boxes at 5\u00b0 C.", 1)
			if !hasNonASCIILine(s) {
				t.Fatal("the letter is all ASCII after normalisation")
			}
		}
		l := parseText(t, s)
		if l.Patient.Age.Text != "40" {
			t.Errorf("non-ASCII %v: patient's age %q, want 40", nonASCII, l.Patient.Age.Text)
		}
		if l.Patient.Sex.Text != "male" {
			t.Errorf("non-ASCII %v: patient's sex %q, want male", nonASCII, l.Patient.Sex.Text)
		}
	}
}

// hasNonASCIILine reports whether a line of src stays non-ASCII once
// normalised (the text layer folds dashes, quotes and spaces to ASCII).
func hasNonASCIILine(src string) bool {
	for _, ln := range text.New([]byte(src)).Lines {
		if !ascii.IsASCII(ln.Text) {
			return true
		}
	}
	return false
}
