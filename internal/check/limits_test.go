package check

import (
	"strings"
	"sync"
	"testing"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// TestExceedsWord: the "request exceeds" verb is found in any case, and a
// guideline's own "should not exceed" is not a judgment of the request.
func TestExceedsWord(t *testing.T) {
	for _, tc := range []struct {
		s, want string
	}{
		{"The request exceeds the 6-visit trial.", "exceeds"},
		{"THE REQUEST EXCEEDS THE 6 VISIT TRIAL.", "EXCEEDS"},
		{"This Is More Than the guidelines allow.", "Is More Than"},
		{"the requested sessions Are In Excess Of 10 visits", ""}, // "are", not "is": no statement
		{"the quantity requested IS IN EXCESS OF 10 visits", "IS IN EXCESS OF"},
		{"Treatment should not exceed 18 visits.", ""},
		{"The request is for 6 sessions.", ""},
	} {
		m := exceedsWord(tc.s)
		got := ""
		if m != nil {
			got = tc.s[m[0]:m[1]]
		}
		if got != tc.want {
			t.Errorf("exceedsWord(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestRulesKey: RulesFor's answer does not depend on the order or repeats
// of the regions, so neither does the cache key; different questions get
// different keys.
func TestRulesKey(t *testing.T) {
	same := [][]string{{"lumbar", "cervical"}, {"cervical", "lumbar"}, {"lumbar", "cervical", "lumbar"}}
	for _, rs := range same[1:] {
		if rulesKey("visits", "pt", rs) != rulesKey("visits", "pt", same[0]) {
			t.Errorf("regions %v and %v give different keys", rs, same[0])
		}
	}
	keys := map[string]bool{}
	for _, q := range []struct {
		kind, treatment string
		regions         []string
	}{
		{"visits", "pt", nil}, {"visits", "pt", []string{"lumbar"}}, {"visits", "pt", []string{"lumbar", "cervical"}},
		{"visits", "ot", []string{"lumbar"}}, {"duration", "pt", []string{"lumbar"}}, {"visits", "pt", []string{"lumbarcervical"}},
		{"visits", "ptlumbar", nil},
	} {
		k := rulesKey(q.kind, q.treatment, q.regions)
		if keys[k] {
			t.Errorf("%v shares a key with another question", q)
		}
		keys[k] = true
	}
}

var limitRules = sync.OnceValues(rules.Default)

// misquoteFindings runs misquoted-limit on a letter with one item, the
// header and rationale given, and returns the text each finding marks.
func misquoteFindings(t *testing.T, header, rationale string) []string {
	t.Helper()
	set, err := limitRules()
	if err != nil {
		t.Fatal(err)
	}
	src := `Case Number:          CM17-0901990
Date Assigned:        02/13/2017                      Date of Injury:      07/11/2015
Decision Date:        03/10/2017                      UR Denial Date:      01/26/2017

                                CLINICAL CASE SUMMARY
The injured worker is a 46 year old male loader with chronic low back pain since 07/11/2015.

                      IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:

` + header + `: Upheld
Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.

Decision rationale: ` + rationale + `
`
	l := letter.Parse(text.New([]byte(src)), set)
	if len(l.Items) != 1 {
		t.Fatalf("the test letter has %d items, want 1", len(l.Items))
	}
	var out []string
	for _, f := range Run(l, set, []*Check{MisquotedLimit}, &Options{}) {
		if f.Severity != finding.Warning && f.Severity != finding.Error {
			continue
		}
		out = append(out, src[f.Start:f.End])
	}
	return out
}

// TestMisquoteCarryOver: a quote named once goes on in the guideline's
// voice, and each number in it is compared, until a sentence about the
// case or another treatment's limit ends it.
func TestMisquoteCarryOver(t *testing.T) {
	const chiro = "Chiropractic manipulation 6 sessions for the lumbar spine"
	const opening = "MTUS recommends manual therapy and manipulation for chronic low back pain of musculoskeletal origin. " +
		"Its goal is a functional gain that supports progress in an active exercise program. "
	for _, tc := range []struct {
		name, header, rationale string
		want                    []string
	}{
		{"agrees", chiro, opening + "A trial of 6 visits over 2 weeks is recommended. With objective functional improvement, a total of up to 18 visits over 6-8 weeks may be appropriate. If return to work is achieved, 1-2 visits every 4-6 months are recommended. The request is not medically necessary.", nil},
		{"trial", chiro, opening + "A trial of 10 visits over 2 weeks is recommended. The request is not medically necessary.", []string{"10"}},
		{"total", chiro, opening + "A trial of 6 visits over 2 weeks is recommended. With objective functional improvement, a total of up to 24 visits over 6-8 weeks may be appropriate.", []string{"24"}},
		{"flare-up", chiro, opening + "For flare-ups, earlier treatment success is re-evaluated; if return to work is achieved, 1-4 visits every 4-6 months are recommended.", []string{"1-4"}},
		{"initial set", chiro, "The Official Disability Guidelines note that an initial set of 10 visits is recommended for the low back.", []string{"10"}},
		{"case ends the quote", chiro, opening + "The patient has had 10 visits of chiropractic care. A trial of 10 visits would not be indicated again.", nil},
		{"injured worker ends the quote", chiro, opening + "The injured worker reports 3 sessions a week. Up to 12 visits are planned.", nil},
		{"another treatment ends the quote", chiro, opening + "Massage is recommended as an adjunct, limited to 4-8 visits in most cases. A trial of 3-4 visits is suggested first.", nil},
		{"another guideline's limit", chiro, "MTUS makes no recommendation for the neck, however ODG recommends an initial trial of 6 visits over 2-3 weeks for the neck.", nil},
		{"fading", "Physical therapy 6 sessions for the lumbar spine", "Per MTUS, physical medicine is recommended as indicated below. Allow for fading of treatment frequency (from up to 5 visits per week to 1 or less), plus active self-directed home physical medicine.", []string{"5 visits per week"}},
		{"fading agrees", "Physical therapy 6 sessions for the lumbar spine", "Per MTUS, physical medicine is recommended as indicated below. Allow for fading of treatment frequency (from up to 3 visits per week to 1 or less), plus active self-directed home physical medicine.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := misquoteFindings(t, tc.header, tc.rationale)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("findings mark %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMisquoteConditionList: in a list of conditions, each with its
// visits, each number is compared with its condition's rule (and the
// edition written beside it), not with every number of the section.
func TestMisquoteConditionList(t *testing.T) {
	const pt = "Physical therapy 6 sessions for the lumbar spine"
	for _, tc := range []struct {
		name, rationale string
		want            []string
	}{
		{"agrees", "The MTUS guidelines for physical therapy include 9-10 visits over 8 weeks for myalgia and myositis, 8-10 visits over 4 weeks for neuralgia, neuritis, and radiculitis, 26 visits over 16 weeks for CRPS, 9 visits over 8 weeks for arthritis, and 1-2 visits over 1 week post-injection treatment.", nil},
		// 9 and 6 are numbers of the section (myalgia's 9, the 6-visit
		// trial), not of neuralgia's or post-injection treatment's.
		{"another condition's number", "The MTUS guidelines for physical therapy include 9-10 visits over 8 weeks for myalgia and myositis, 9-10 visits over 4 weeks for neuralgia, neuritis, and radiculitis.", []string{"9-10"}},
		{"post-injection", "The MTUS guidelines for physical therapy include 9 visits over 8 weeks for arthritis, and 1-6 visits over 1 week post-injection treatment.", []string{"1-6"}},
		{"labels first", "Per MTUS, physical medicine is recommended as indicated below. Myalgia and myositis, unspecified (ICD9 729.1): 9-10 visits over 8 weeks. Neuralgia, neuritis, and radiculitis, unspecified (ICD9 729.2): 9-10 visits over 4 weeks.", []string{"9-10"}},
		{"editions", "The MTUS guidelines allow 24 (2009) or 26 (2016) visits over 16 weeks for CRPS.", nil},
		{"editions swapped", "The MTUS guidelines allow 26 (2009) or 24 (2016) visits over 16 weeks for CRPS.", []string{"26"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := misquoteFindings(t, pt, tc.rationale)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("findings mark %q, want %q", got, tc.want)
			}
		})
	}
}
