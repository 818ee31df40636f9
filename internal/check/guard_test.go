package check

import (
	"math/rand"
	"strings"
	"testing"
)

// guardedPatterns are the package's guarded patterns; a new one belongs here.
var guardedPatterns = map[string]*guardedRE{
	"continuedRE": continuedRE, "postsurgicalRE": postsurgicalRE, "attributionRE": attributionRE, "exceedsRE": exceedsRE,
}

// TestGuardsNeverHideAMatch: where a guard says a text cannot match, the
// pattern does not match it, over random texts made of the patterns' own
// words in several cases, separators and neighbours.
func TestGuardsNeverHideAMatch(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "\n", "-", ",", ".", "a", "The", "request", "REQUESTED visits", "this", "IT", "which",
		"quantity", "exceeds", "EXCEEDED", "is in excess of", "is more than", "Is Above", "is beyond", "goes beyond",
		"post", "Post-", "op", "operative", "SURGICAL", "after", "AFTER THE", "surgery", "allow", "Allowed", "recommends",
		"support", "permits", "limited to", "Limits", "suggests", "indicates", "STATES", "endorse", "authorizes", "call for",
		"Calls For", "up to", "maximum of", "trial of", "additional", "Continued", "continuation", "further", "MORE",
		"ongoing", "extra", "another", "x", "12", "é"}
	n := 100000
	if testing.Short() {
		n = 10000
	}
	r := rand.New(rand.NewSource(2))
	for name, g := range guardedPatterns {
		matched := 0
		for it := 0; it < n; it++ {
			var b strings.Builder
			for k := r.Intn(9); k > 0; k-- {
				b.WriteString(pieces[r.Intn(len(pieces))])
			}
			s := b.String()
			m := g.re.MatchString(s)
			if m {
				matched++
			}
			if m && !g.mayMatch(s) {
				t.Fatalf("%s: the guard rejects %q, which the pattern matches", name, s)
			}
		}
		if matched == 0 {
			t.Errorf("%s: no random text matched; the test proves nothing for it", name)
		}
	}
}

func TestGuardWordsChecked(t *testing.T) {
	for _, w := range []string{"", "Exceed", "exc\u00e9s"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("guarded accepted the word %q", w)
				}
			}()
			guarded(`x`, w)
		}()
	}
}
