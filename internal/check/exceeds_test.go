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
