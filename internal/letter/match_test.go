package letter

import (
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/text"
)

// matchInputs are ASCII strings to compare the hand-written matchers with
// their patterns on: every line and paragraph of generated letters, each
// also cut, re-cased and with colons, spaces and decision words added, and
// edge cases written out.
func matchInputs(t testing.TB) []string {
	matchOnce.Do(func() { matchCache = makeMatchInputs() })
	return matchCache
}

var (
	matchOnce  sync.Once
	matchCache []string
)

func makeMatchInputs() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] && isASCII(s) {
			seen[s] = true
			out = append(out, s)
		}
	}
	r := rand.New(rand.NewSource(1))
	variants := func(s string) {
		add(s)
		add(strings.ToLower(s))
		add(strings.ToUpper(s))
		add(s + ":")
		add(s + " :")
		add(s + "  ")
		add(s + ".")
		add(s + " is:")
		add(s + ", is")
		add(s + ": Upheld")
		add(s + ": {{decision}} .")
		if len(s) > 2 {
			i := r.Intn(len(s))
			add(s[i:])
			add(s[:i])
			b := []byte(s)
			b[i] ^= 0x20 // flip the case of a letter (or change a byte)
			add(string(b))
		}
	}
	for i := 0; i < 300; i++ {
		for _, opts := range []corpus.Options{corpus.DefaultOptions, {FaultRate: 0.6, Mess: 0.9, Layout2013: 0.5}} {
			d := text.New([]byte(corpus.Generate(int64(3+i%5), i, opts).Text))
			var para []text.Line
			for _, ln := range d.Lines {
				variants(ln.Text)
				if ln.Break {
					if len(para) > 0 {
						add(text.Join(para).Text)
					}
					para = para[:0]
					continue
				}
				para = append(para, ln)
			}
		}
	}
	for _, s := range []string{
		"", ":", "::", " : ", "is", " is", ",is:", " ,, is :", "This:", "x is : ", "a\tis\t:\t",
		"RATIONALE:", "Rationale::", "IMR ISSUES DECISIONS AND RATIONALE", "IMR Issues, Decisions, and Rationales:",
		"EXPERT REVIEWER'S DECISION AND RATIONALE", "Expert Reviewers Decision and Rationale:", "how the imr final determination was made",
		"Claims Administrator guideline:", "Claims Administrator guidelinesS:", "Claims Administrator guidelines \t :x",
		"MAXIMUS guidelines :", "Decision rationale:", "Decision rationale", "The Final Determination was based on decisionsX",
		"Medical Treatment Guideline(s) relied upon by the Expert Reviewer:", "Medical Treatment Guidelines(s) relied upon by the Expert Reviewer :",
		"Medical Treatment Guidelines relied upon by the Expert Reviewer", "Rationale Used by the Expert Reviewer:",
		"Upheld", ": upheld .", "x: Upheld. .", "a: b: Overturned", "a: Partially  Overturned", "Partially Overturned.",
		"x: {{a:b}}", "x: {{a{b}}", "x: {{a}", "x: [[a]] .", "x: [[a[b]]", "x: <<a>>", "x: <<a<>>", "x: [INSERT decision]",
		"x: [INSERTED]", "x: [INSERT] ", "x: [insert: y]", "x:[INSERT", ":Upheld", "a:b:Upheld", "x: Upheld x", "x:Upheldd",
		"original request.", "x authorized by the claims administrator.", "IMR eligible.", "x IMR eligible", "a.", "a.\"", "a)",
		"'", "a;'", "?)",
	} {
		variants(s)
	}
	return out
}

func TestHeadingFast(t *testing.T) {
	for _, s := range matchInputs(t) {
		want := ""
		for _, h := range headingREs {
			if h.re.MatchString(s) {
				want = h.name
				break
			}
		}
		if got := headingFast(s); got != want {
			t.Errorf("headingFast(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestLabelsFast(t *testing.T) {
	for _, s := range matchInputs(t) {
		for _, lb := range allLabels {
			want := -1
			if m := lb.re.FindStringIndex(s); m != nil {
				want = m[1]
			}
			if got := lb.fast(s); got != want {
				t.Errorf("%v on %q: %d, want %d", lb.re, s, got, want)
			}
		}
	}
}

func TestDecisionEndFast(t *testing.T) {
	for _, s := range matchInputs(t) {
		var want []int
		if m := decisionEndRE.FindStringSubmatchIndex(s); m != nil {
			want = []int{m[0], m[2], m[3]}
		}
		var got []int
		if at, st, en, ok := decisionEndFast(s); ok {
			got = []int{at, st, en}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decisionEndFast(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestLineEndsFast(t *testing.T) {
	p := &parser{ascii: true}
	for _, s := range append(matchInputs(t), "a.\u00bb", "\u00ab.", "x.\u2019") {
		if got, want := sentenceEnd(s), sentenceEndRE.MatchString(s); got != want {
			t.Errorf("sentenceEnd(%q) = %v, want %v", s, got, want)
		}
		if !isASCII(s) {
			continue
		}
		if got, want := p.partialTail(s), partialTailRE.MatchString(s); got != want {
			t.Errorf("partialTail(%q) = %v, want %v", s, got, want)
		}
		want := -1
		if loc := trailingIsRE.FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := trailingIsFast(s); got != want {
			t.Errorf("trailingIsFast(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestLiteralPrefilters: every match of a pattern behind a literal test
// holds the literal, so the test never hides a match.
func TestLiteralPrefilters(t *testing.T) {
	for _, c := range prefilters {
		for _, s := range matchInputs(t) {
			for _, m := range c.re.FindAllStringIndex(s, -1) {
				if !containsFold(s[m[0]:m[1]], c.lit) {
					t.Errorf("%v matches %q without %q", c.re, s[m[0]:m[1]], c.lit)
				}
			}
		}
	}
}

// prefilters are the patterns run behind findIf and matchIf, with their
// literals.
var prefilters = []struct {
	re  *regexp.Regexp
	lit string
}{
	{originalRE, "was the original request"},
}

// TestSentencesTokens: the tokens Sentences shares out of its block are
// those of each sentence tokenized alone.
func TestSentencesTokens(t *testing.T) {
	for _, s := range matchInputs(t) {
		b := text.Join([]text.Line{lineOf(s)})
		for _, sn := range Sentences(b) {
			if want := phrase.Tokenize(sn.Text); !reflect.DeepEqual(sn.Toks, want) {
				t.Fatalf("sentence %q of %q: tokens %v, want %v", sn.Text, s, sn.Toks, want)
			}
		}
	}
}

// lineOf makes s a line of its own document.
func lineOf(s string) text.Line {
	d := text.New([]byte(s))
	if len(d.Lines) == 0 {
		return text.Line{}
	}
	return d.Lines[0]
}
