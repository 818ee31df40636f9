package rules

import (
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
editions = []
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
		{"not a visits rule", "kind = \"visits\"\nmin = 8\nmax = 10\n", "kind = \"requirement\"\n", `per_week and conditions are for kind = "visits"`},
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
		{id: "cpmtg-physical-medicine-overall", min: 8, max: 10, perWeek: true},
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
