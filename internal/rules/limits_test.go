package rules

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

const perWeekRule = `[[rule]]
id = "test-frequency"
summary = "a test rule"
treatment = "physical-therapy"
regions = []
guideline = "mtus-cpmtg"
editions = [2016]
section = "physical-medicine"
kind = "visits"
min = 8
max = 10
per_week = [1, 3]
conditions = ["myalgia", "return to work"]
source = "test"
confidence = "unconfirmed"
`

// TestLimitConditionsAndFrequency: a visits rule may state the visits a
// week it allows and the conditions its numbers are for; both are read and
// checked.
func TestLimitConditionsAndFrequency(t *testing.T) {
	set, err := Load(rulesWith(t, map[string]string{"limits/test.toml": perWeekRule}), DefaultCatalogFS)
	if err != nil {
		t.Fatalf("good rule refused: %v", err)
	}
	r, ok := set.RuleByID("test-frequency")
	if !ok {
		t.Fatal("rule not loaded")
	}
	if !slices.Equal(r.PerWeek, []float64{1, 3}) || !slices.Equal(r.Conditions, []string{"myalgia", "return to work"}) {
		t.Errorf("per_week %v, conditions %q", r.PerWeek, r.Conditions)
	}
	cases := []struct{ name, from, to, want string }{
		{"inverted per_week", "per_week = [1, 3]", "per_week = [3, 1]", `per_week [3 1] is inverted`},
		{"per_week of one number", "per_week = [1, 3]", "per_week = [3]", `per_week [3] must be [min, max]`},
		{"capital condition", `"myalgia"`, `"Myalgia"`, `condition "Myalgia" must be lower-case words`},
		{"empty condition", `"myalgia"`, `""`, `condition "" must be lower-case words`},
		{"not a visits rule", "kind = \"visits\"\nmin = 8\nmax = 10\n", "kind = \"requirement\"\n", `per_week and conditions are for rules of visits`},
		{"edition not said", "editions = [2016]", "editions = []", `guideline "mtus-cpmtg" has 2 editions: say which this rule is read from`},
		{"confirmed without where", `confidence = "unconfirmed"`, `confidence = "confirmed"`, `confirmed, but does not say where the guideline states it`},
		{"unknown reason to go beyond", "per_week = [1, 3]", "per_week = [1, 3]\nbeyond = [\"good-will\"]", `beyond "good-will" is not one of`},
		{"trial without a trial", "kind = \"visits\"", "kind = \"trial\"", `kind = "trial" needs trial > 0 and max >= trial`},
		{"postsurgical without a period", "kind = \"visits\"", "kind = \"postsurgical\"", `kind = "postsurgical" needs max (the general course) and period_months`},
		{"threshold without a step", "kind = \"visits\"\nmin = 8\nmax = 10\nper_week = [1, 3]\nconditions = [\"myalgia\", \"return to work\"]\n", "kind = \"threshold\"\nthreshold = 120\n", `kind = "threshold" needs threshold, dose_unit and step`},
		{"unknown drug class", "per_week = [1, 3]", "per_week = [1, 3]\ndrug_class = \"tonic\"", `drug_class "tonic" is not one of`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := strings.Replace(perWeekRule, c.from, c.to, 1)
			if file == perWeekRule {
				t.Fatal("the test changes nothing")
			}
			_, err := Load(rulesWith(t, map[string]string{"limits/test.toml": file}), DefaultCatalogFS)
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), "rules/limits/test.toml:") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q lacks %q", err, c.want)
			}
		})
	}
}

// TestShippedLimitFacts: the facts misquoted-limit compares a quote's
// conditions and frequency with are in the shipped rules, unconfirmed
// where no source confirms them.
func TestShippedLimitFacts(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		id        string
		min, max  float64
		condition string
		perWeek   bool
		confirmed bool
	}{
		{id: "cpmtg-manual-therapy-flare-up", min: 1, max: 2, condition: "return to work"},
		{id: "cpmtg-physical-medicine-myalgia", min: 9, max: 10, condition: "myalgia", perWeek: true},
		{id: "cpmtg-physical-medicine-neuralgia", min: 8, max: 10, condition: "radiculitis"},
		{id: "cpmtg-physical-medicine-crps-2016", min: 26, max: 26, condition: "crps"},
		{id: "cpmtg-physical-medicine-post-injection-2016", min: 1, max: 2, condition: "post-injection"},
		{id: "cpmtg-physical-medicine-overall-2016", min: 8, max: 10, perWeek: true},
		{id: "odg-neck-chiropractic-severe", min: 10, max: 25, condition: "grade 3"},
		{id: "odg-shoulder-manipulation", min: 6, max: 9},
		{id: "odg-pt-lumbar-sprain", min: 9, max: 10, perWeek: true},
		{id: "acupuncture-frequency-duration", min: 3, max: 6, perWeek: true, confirmed: true},
	} {
		r, ok := set.RuleByID(c.id)
		if !ok {
			t.Errorf("%s: missing", c.id)
			continue
		}
		if r.Min != c.min || r.Max != c.max || (c.condition != "") != slices.Contains(r.Conditions, c.condition) || c.perWeek != (len(r.PerWeek) == 2) || r.Confirmed() != c.confirmed {
			t.Errorf("%s: %g-%g, conditions %q, per_week %v, confidence %s", c.id, r.Min, r.Max, r.Conditions, r.PerWeek, r.Confidence)
		}
		if r.Source == "" {
			t.Errorf("%s: no source", c.id)
		}
	}
	// A confirmed rule states no unconfirmed frequency.
	for _, r := range set.Rules {
		if len(r.PerWeek) > 0 && r.Confirmed() && r.ID != "acupuncture-frequency-duration" {
			t.Errorf("%s: confirmed, with per_week %v: is the frequency in its source?", r.ID, r.PerWeek)
		}
	}
}

// TestConfirmedRulesSayWhere: every shipped rule marked confirmed names
// the regulation section or guideline document, the heading (or page), a
// quote of the guideline's words and where they were read, so that
// explain shows a reviewer where to look; a rule with that is confirmed
// only with a confidence of its own.
func TestConfirmedRulesSayWhere(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	confirmed := 0
	for _, r := range set.Rules {
		if !r.Confirmed() {
			continue
		}
		confirmed++
		if r.Regulation == "" && r.Document == "" || r.Heading == "" || r.Quote == "" || r.QuoteFrom == "" {
			t.Errorf("%s:%d: rule %s is confirmed but lacks regulation/document, heading, quote or quote_from", r.File, r.Line, r.ID)
		}
		if len(strings.Fields(r.Quote)) > 30 {
			t.Errorf("rule %s: the quote is %d words; keep the guideline's words to a short phrase", r.ID, len(strings.Fields(r.Quote)))
		}
	}
	if confirmed == 0 {
		t.Error("no rule is confirmed: the test would pass on nothing")
	}
}

// TestRuleKinds: the shapes the guidelines state limits in are kinds of
// their own, so that a check reads a threshold as a step and a
// postsurgical course with its initial half.
func TestRuleKinds(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"cpmtg-opioids-120-med":          KindThreshold,
		"opioids-2016-80-med":            KindThreshold,
		"postsurgical-meniscectomy":      KindPostsurgical,
		"cpmtg-manual-therapy-low-back":  KindTrial,
		"acupuncture-frequency-duration": KindVisits,
	}
	for id, kind := range want {
		r, ok := set.RuleByID(id)
		if !ok {
			t.Errorf("rule %s missing", id)
			continue
		}
		if r.Kind != kind {
			t.Errorf("rule %s is %s, want %s", id, r.Kind, kind)
		}
	}
	if r, _ := set.RuleByID("postsurgical-meniscectomy"); r != nil && r.InitialCourse() != 6 {
		t.Errorf("meniscectomy initial course = %g, want 6 (half of 12)", r.InitialCourse())
	}
	if r, _ := set.RuleByID("acupuncture-frequency-duration"); r != nil && (!r.Allows(BeyondFunctionalImprovement) || r.Allows(BeyondFlareUp)) {
		t.Errorf("acupuncture beyond = %v, want functional improvement only", r.Beyond)
	}
	for _, r := range set.Rules {
		if r.Guideline == "mtus-cpmtg" && r.CountsVisits() && len(r.Editions) == 0 {
			t.Errorf("rule %s of the CPMTG does not say which edition it is read from", r.ID)
		}
	}
	if rs := set.RulesFor(KindVisits, "chiropractic", []string{"lumbar-spine"}); !slices.ContainsFunc(rs, func(r *Rule) bool { return r.Kind == KindTrial }) {
		t.Error("RulesFor(visits) does not give the trial rules")
	}
}

// TestREADMEConfirmedCounts: the README's count of confirmed and
// unconfirmed entries is the shipped data's.
func TestREADMEConfirmedCounts(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skipf("no README: %v", err)
	}
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	rc, gc, ec, sc, ng, ne, ns := 0, 0, 0, 0, 0, 0, 0
	for _, r := range set.Rules {
		if r.Confirmed() {
			rc++
		}
	}
	for _, g := range set.Catalog.Guidelines {
		ng++
		if g.Confidence == Confirmed {
			gc++
		}
		for _, e := range g.Editions {
			ne++
			if e.Confidence == Confirmed {
				ec++
			}
		}
		for _, s := range g.Sections {
			ns++
			if s.Confidence == Confirmed {
				sc++
			}
		}
	}
	want := fmt.Sprintf("%d of %d rules confirmed, %d unconfirmed; %d of %d catalog\nguidelines, %d of %d editions and %d of %d sections confirmed", rc, len(set.Rules), len(set.Rules)-rc, gc, ng, ec, ne, sc, ns)
	if !strings.Contains(string(b), want) {
		t.Errorf("README does not say %q", want)
	}
}
