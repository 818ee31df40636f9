package check

import "testing"

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
