package letter

import "testing"

// TestHasWordFold: a word in any case, between word boundaries; a byte
// of a non-ASCII character is no word byte.
func TestHasWordFold(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"ODG", true},
		{"xodg", false},
		{"odgx", false},
		{"odg_", false},
		{"_odg", false},
		{"(ODG)", true},
		{"éodgé", true},
		{"od", false},
	} {
		if got := hasWordFold(c.in, "odg"); got != c.want {
			t.Errorf("hasWordFold(%q, \"odg\") = %v, want %v", c.in, got, c.want)
		}
	}
}
