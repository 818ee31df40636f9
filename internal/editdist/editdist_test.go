package editdist

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "check", 5},
		{"check", "", 5},
		{"check", "check", 0},
		{"chekc", "check", 1},  // a swap of neighbours is one edit
		{"ehcck", "check", 2},  // two swaps
		{"chek", "check", 1},   // a deletion
		{"checks", "check", 1}, // an insertion
		{"chack", "check", 1},  // a replacement
		{"ca", "abc", 3},       // no edit of a swapped pair again
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"Check", "check", 1}, // case counts: callers fold it
		// Code points, not bytes.
		{"café", "cafe", 1},
		{"caéf", "café", 1},
		{"naïve", "naive", 1},
		{"日本語", "日本", 1},
		{"日語本", "日本語", 1},
		{"ACOEM: Hip and groin disorders", "ACOEM Hip and groin disorders", 1},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (the distance is symmetric)", c.b, c.a, got, c.want)
		}
	}
}
