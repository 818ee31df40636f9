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
		"ongoing", "extra", "another", "x", "12", "é",
		// Real letters' curly quotes, dashes and non-breaking spaces, and
		// the two characters that fold to ASCII letters.
		"\u2019", "\u201c", "\u2013", "\u2014", "\u00a0", "\u017f", "\u212a", "exceed\u017f", "po\u017ft", "\u017fURGERY", "\u212aeep"}
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

// TestGuardFolding: the guard passes over non-ASCII characters but the two
// that case-fold to ASCII letters, ſ and the Kelvin sign, with which a
// guard word can be spelt.
func TestGuardFolding(t *testing.T) {
	g := guarded(`(?i)\bexceeds? (?:the )?limit\b`, "exceed")
	for s, want := range map[string]bool{
		"it exceeds the limit":                           true,
		"it \u201cexceeds\u201d the limit":               true,
		"the request \u2013 12\u00a0visits \u2019s fine": false,
		"\u00e9\u00e8 \u4e2d \U0001F600":                 false,
		"it exceed\u017f the limit":                      true, // ſ folds to s
		"it \u017fomething":                              true, // may match: the pattern decides
		"\u212a":                                         true,
		"\u00c5\u00bf":                                   false, // Å then ¿: C3 85 C2 BF, not C5 BF
	} {
		if got := g.mayMatch(s); got != want {
			t.Errorf("mayMatch(%q) = %v, want %v", s, got, want)
		}
		if g.re.MatchString(s) && !g.mayMatch(s) {
			t.Errorf("the guard hides the match in %q", s)
		}
	}
	if !g.re.MatchString("it exceed\u017f the limit") {
		t.Error("the pattern does not fold ſ: the test proves nothing")
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
