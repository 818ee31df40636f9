package letter

import "testing"

// TestRequestForEnd: where the request a conclusion names starts: after
// the last "request for", "the requested", "the original request" or
// "regarding", each a word.
func TestRequestForEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"the request for  x", 17},
		{"a prescription for x.", 19},
		{"The requested for x", 18},
		{"the requested x", 14},
		{"the requests of y", 16},
		{"requested of", -1},
		{"request forx", -1},
		{"prescription for x the original request, y", 41},
		{"the remaining request", 21},
		{"the remaining requests", 21},
		{"Regarding  x regarding", 11},
		{"xthe request for y", 17},
		{"the the request for y", 20},
		{"Requests for the requested medication is not", 27},
		{"request, for", -1},
		{"Therefore the request for Norco 10/325mg #120 is not medically necessary", 26},
		{"", -1},
	} {
		if got := requestForEnd(c.in); got != c.want {
			t.Errorf("requestForEnd(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
