package letter

import (
	"fmt"
	"strings"
	"testing"
)

// decisionEndAt renders decisionEnd(s): the match's start and the
// decision's range, or "none".
func decisionEndAt(s string) string {
	if at, st, en, ok := decisionEnd(s); ok {
		return fmt.Sprintf("%d %d %d", at, st, en)
	}
	return "none"
}

// TestDecisionEnd: a header closes with a decision word or a template
// field, after a colon or alone on its line; only white space and a
// period may follow. A Word merge field is «...».
func TestDecisionEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"Upheld", "0 0 6"},
		{": upheld .", "0 2 8"},
		{"x: Upheld. .", "none"},
		{"a: b: Overturned", "4 6 16"},
		{"a: Partially  Overturned", "none"},
		{"Partially Overturned.", "0 0 20"},
		{"x: {{a:b}}", "1 3 10"},
		{"x: {{a{b}}", "none"},
		{"x: {{a}", "none"},
		{"x: [[a]] .", "1 3 8"},
		{"x: [[a[b]]", "none"},
		{"x: <<a>>", "1 3 8"},
		{"x: <<a<>>", "none"},
		{"x: [INSERT decision]", "1 3 20"},
		{"x: [INSERTED]", "none"},
		{"x: [INSERT] ", "1 3 11"},
		{"x: [insert: y]", "1 3 14"},
		{"x:[INSERT", "none"},
		{":Upheld", "0 1 7"},
		{"a:b:Upheld", "3 4 10"},
		{"x: Upheld x", "none"},
		{"x:Upheldd", "none"},
		{"x: «Decision»", "1 3 15"},
		{"x: «»", "1 3 7"},
		{"x: «a«b»", "none"},
		{"x: «Déc» .", "1 3 11"},
		{"x: «Decision", "none"},
		{"Physical therapy: 6 sessions (lumbar spine): Upheld", "43 45 51"},
		{"x: UPHELD\t", "1 3 9"},
		{"x: upheld:", "none"},
		{"x:: Upheld", "2 4 10"},
		{"", "none"},
		{"x: {{décision}}", "1 3 16"},
		{"x: Upheld®", "none"},
	} {
		if got := decisionEndAt(c.in); got != c.want {
			t.Errorf("decisionEndAt(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestSentenceEnd: a line ends a sentence with [.!?:;] and at most one
// closing quote or parenthesis.
func TestSentenceEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"a.", true},
		{"a.\"", true},
		{"a)", false},
		{"'", false},
		{"a;'", true},
		{"?)", true},
		{"a", false},
		{"", false},
		{"a.»", false},
		{"x.’", false},
		{"a:", true},
		{"a!)", true},
		{"a.''", false},
	} {
		if got := sentenceEnd(c.in); got != c.want {
			t.Errorf("sentenceEnd(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestPartialTail(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"original request.", true},
		{"x authorized by the claims administrator.", true},
		{"IMR eligible.", true},
		{"x IMR eligible", false},
		{"The Claims Administrator.", true},
		{"original request", false},
		{"x: Upheld.", false},
		{"", false},
		{"ORIGINAL REQUEST.", true},
	} {
		if got := partialTail(c.in); got != c.want {
			t.Errorf("partialTail(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestTrailingIs: where the " is:" or ":" before a header's decision
// starts.
func TestTrailingIs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", -1},
		{":", 0},
		{"::", 1},
		{" : ", 1},
		{"is", -1},
		{" is", 0},
		{",is:", 0},
		{" ,, is :", 7},
		{"This:", 4},
		{"x is : ", 5},
		{"a\tis\t:\t", 5},
		{"this", -1},
		{"x, is", 1},
		{"xis:", 3},
		{"x is:  ", 1},
		{"x IS", 1},
	} {
		if got := trailingIs(c.in); got != c.want {
			t.Errorf("trailingIs(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestOriginal(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"X was the original request. Y", "[2 26]"},
		{"xwas the original request", "[]"},
		{"was the original requests", "[]"},
		{"WAS THE ORIGINAL REQUEST", "[0 24]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(original(c.in)); got != c.want {
			t.Errorf("original(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestRemainingEnd: the end of the last lead-in of a partial
// authorisation's remaining request.
func TestRemainingEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"The remaining IMR eligible portion of the original request, X", 60},
		{"remaining IMR eligible portion of the original request X", 55},
		{"X was the original request. The original request, Y", 50},
		{"The original requests", 20},
		{"the  original request", -1},
		{"", -1},
		{"The original request. The remaining IMR eligible portion of the original request,  Y", 83},
	} {
		if got := remainingEnd(c.in); got != c.want {
			t.Errorf("remainingEnd(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestDecisionWord(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Decision
	}{
		{"upheld", "upheld"},
		{"UPHELD", "upheld"},
		{" upheld ", "upheld"},
		{"partially overturned", "partial"},
		{"Partially\tOverturned", "partial"},
		{"partially  overturned", "partial"},
		{"overturned x", ""},
		{"{{decision}}", ""},
		{"«Upheld»", ""},
		{"upheld\v", "upheld"},
		{"Overturned", "overturned"},
		{"", ""},
	} {
		if got := decisionWord(c.in); got != c.want {
			t.Errorf("decisionWord(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestDetermined: no \\b opens the phrase, one closes it.
func TestDetermined(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"1) MAXIMUS Federal Services, Inc. has determined the request for X is", "[34 64]"},
		{"has determined the request fors", "[]"},
		{"HAS DETERMINED THE REQUEST FOR", "[0 30]"},
		{"xhas determined the request for y", "[1 31]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(determined(c.in)); got != c.want {
			t.Errorf("determined(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestIsRegarding(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"1) Regarding the request for X:", true},
		{"12) regarding the request for", true},
		{"123) Regarding the request for", false},
		{"1 ) Regarding the request for", false},
		{"1)Regarding the request for", true},
		{"1)  Regarding the request for", true},
		{"1) Regarding the request fors", false},
		{"1) Regarding the request for:", true},
		{"Regarding the request for", false},
		{"", false},
	} {
		if got := isRegarding(c.in); got != c.want {
			t.Errorf("isRegarding(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// numberAt renders numberPrefix(s): the number, or "none".
func numberAt(s string) string {
	if n, ok := numberPrefix(s); ok {
		return n
	}
	return "none"
}

func TestNumberPrefix(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"12) x", "12"},
		{"1)", "1"},
		{"123) x", "none"},
		{"1 )", "none"},
		{")", "none"},
		{"a) x", "none"},
		{"", "none"},
		{"07)", "07"},
	} {
		if got := numberAt(c.in); got != c.want {
			t.Errorf("numberAt(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestRegardingForEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"1) Regarding the request for X", 29},
		{"1) regarding the request for  X", 30},
		{"1) Regarding the request for", 28},
	} {
		if got := regardingForEnd(c.in); got != c.want {
			t.Errorf("regardingForEnd(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestTemplateDecision: an item header whose decision is a template field
// is an item, whatever the field's syntax; its decision is none.
func TestTemplateDecision(t *testing.T) {
	want := parseText(t, headerLetter("Date of Injury: 01/02/2010"))
	if len(want.Items) != 1 || want.Items[0].Decision != Upheld {
		t.Fatalf("plain letter: %d items", len(want.Items))
	}
	for _, field := range []string{"{{decision}}", "[[DECISION]]", "<<Decision>>", "\u00abDecision\u00bb", "[INSERT decision]"} {
		src := strings.Replace(headerLetter("Date of Injury: 01/02/2010"), "(lumbar spine): Upheld", "(lumbar spine): "+field, 1)
		l := parseText(t, src)
		if len(l.Items) != 1 {
			t.Errorf("%s: %d items, want 1", field, len(l.Items))
			continue
		}
		it := l.Items[0]
		if it.DecisionAt.Text != field || it.Decision != NoDecision {
			t.Errorf("%s: decision %q (%q), want the field and none", field, it.DecisionAt.Text, it.Decision)
		}
		if it.Request.Text != want.Items[0].Request.Text {
			t.Errorf("%s: request %q, want %q", field, it.Request.Text, want.Items[0].Request.Text)
		}
	}
}
