package check

import (
	"math/rand"
	"strings"
	"testing"
)

// TestRationaleReader holds rationaleReader to the text it reads:
// rationaleText, for texts with any white space, case, and invalid UTF-8.
func TestRationaleReader(t *testing.T) {
	parts := []string{"a", "B", "word", "MTUS", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u0085", "\xff", "\xe2\x80", "\ufffd", "É", "ß", "İ", "\u212a", "ſ", "Σ", ".", "'", "x1"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		s := ""
		for n := r.Intn(12); n > 0; n-- {
			s += parts[r.Intn(len(parts))]
		}
		want := rationaleText(s)
		var got []byte
		rr := newRationaleReader(s)
		for {
			c, ok := rr.next()
			if !ok {
				break
			}
			got = append(got, c)
		}
		if string(got) != want {
			t.Fatalf("rationaleReader(%q) read %q, want %q", s, got, want)
		}
		for _, n := range []int{0, 1, len(want) - 1, len(want), len(want) + 1} {
			if rationaleAtLeast(s, n) != (len(want) >= n) {
				t.Fatalf("rationaleAtLeast(%q, %d) = %v; the text is %d bytes", s, n, !(len(want) >= n), len(want))
			}
		}
	}
}

// rationaleText is what rationaleReader reads, built whole: the reference
// the reader is compared with.
func rationaleText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
