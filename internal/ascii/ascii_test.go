package ascii

import (
	"math/rand"
	"strings"
	"testing"
)

// TestFoldAgainstLowerCase compares IndexFold, ContainsFold and
// HasPrefixFold with strings.Index and HasPrefix on a lower-cased copy,
// over random ASCII texts made of the needles' letters in both cases.
func TestFoldAgainstLowerCase(t *testing.T) {
	needles := []string{"old", "decision based on", " not ", "section", "a", "mtus", "zz", "page", "x1-"}
	alphabet := "oOlLdDeEcCsSiInNbBaAtTmMuUzZpPgGx1- \t."
	r := rand.New(rand.NewSource(1))
	for it := 0; it < 20000; it++ {
		b := make([]byte, r.Intn(40))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		s := string(b)
		low := strings.ToLower(s)
		for _, n := range needles {
			if got, want := IndexFold(s, n), strings.Index(low, n); got != want {
				t.Fatalf("IndexFold(%q, %q) = %d, want %d", s, n, got, want)
			}
			if got, want := ContainsFold(s, n), strings.Contains(low, n); got != want {
				t.Fatalf("ContainsFold(%q, %q) = %v, want %v", s, n, got, want)
			}
			if got, want := HasPrefixFold(s, n), strings.HasPrefix(low, n); got != want {
				t.Fatalf("HasPrefixFold(%q, %q) = %v, want %v", s, n, got, want)
			}
		}
	}
	if IndexFold("abc", "") != 0 || IndexFold("", "a") != -1 || IndexFold("OL", "old") != -1 {
		t.Error("IndexFold: empty needle, empty text or short text wrong")
	}
}

func TestClasses(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{{"", true}, {"plain text, 12 sessions.", true}, {"0123456789abcdef", true}, {"twelve\u2013eighteen", false}, {"1234567\xff", false}, {"\x80", false}} {
		if got := IsASCII(tc.s); got != tc.want {
			t.Errorf("IsASCII(%q) = %v", tc.s, got)
		}
	}
	for c := 0; c < 256; c++ {
		b := byte(c)
		if IsDigit(b) != strings.ContainsRune("0123456789", rune(c)) || IsLetter(b) != (strings.ToLower(string(rune(c))) != strings.ToUpper(string(rune(c))) && c < 128) {
			t.Errorf("byte %#x: IsDigit %v, IsLetter %v", c, IsDigit(b), IsLetter(b))
		}
		if want := strings.ToLower(string(rune(c))); c < 128 && string(Lower(b)) != want {
			t.Errorf("Lower(%q) = %q, want %q", b, Lower(b), want)
		}
	}
	if got := IndexByteFrom("a.b.c", 2, '.'); got != 3 {
		t.Errorf("IndexByteFrom = %d, want 3", got)
	}
	if got := IndexByteFrom("a.b", 2, '.'); got != 3 {
		t.Errorf("IndexByteFrom with none left = %d, want len(s) = 3", got)
	}
}
