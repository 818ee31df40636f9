package letter

import (
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/imrlint/imrlint/internal/ascii"
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
		if !seen[s] && ascii.IsASCII(s) {
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
	// 120 letters give about a million inputs; -short (the race-detector
	// run in CI, where every comparison is ten times slower) takes 15.
	letters := 120
	if testing.Short() {
		letters = 15
	}
	for i := 0; i < letters; i++ {
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
		"the request for  x", "a prescription for x.", "The requested for x", "the requested x", "the requests of y", "requested of", "request forx",
		"prescription for x the original request, y", "the remaining request", "the remaining requests", "Regarding  x regarding",
		"xthe request for y", "the the request for y", "Requests for the requested medication is not", "request, for",
		"Decision based on", "Decision based on  Decision based onx decision based on\tx", "did not cite any Medical Evidence",
		"8 C.C.R. 9792.24.1", "[8 CCR 9792.20 - 9792.26]", "section 9792.2", "Title 8 1234.5", "a 45 year old male", "1234 year old male", "a 45 year old, right-handed, obese  female.", "45 yr old a b c d man",
		"45 yr old a b c man", "45 yr old manual worker", "45yrsold male", "45-yr-old male-bodied", "x45 year old male", "45  year old male",
		"45 year old - male", "45 year old,male", "45 year old 3 2 1 person,", ", (2009)", " 2016)", "(1999", " ,  (2023", "2101", "45-yrs-old woman",
		"45 YEARS OLD, right-handed patient", "a 45 year-old", "told him", "Chapter 12, MTUS 2009 Low Back", "pg. 12, p. 3, Page(s): 4-5",
		"date of injury: (", "Case Notes: x", "Case No.: CM13-12345", "Case No. CM13", "Application   Received: 1/2/2003", "ApplicationReceived:", "Dated:Datedx",
		"Case Notes: see below", "Case No: 5", "Case No.x", "Case Nox:", "Case No_: x", "Case No1:", "Receivedx: 1/2/2003", "Received_:", "Prioritys: Standard",
		"Priority2: x", "Application Receivedx", "Application  Received1:", "Applications Received: 1/2/2003", "Applicationx", "Datedx 1/2/2003",
		"IMR Case Numbers: 1 Case Number: 2", "Decision Dates: 1/2/2013", "Date of UR Decisions:", "Date of Injuryx: Date of Injury:",
		"Claim Numbers: 123456", "Date Assignedx:", "Injury Dates:", "UR Denial Dates", "UR Decision Date_:",
		"45 year oLd male", "45 YeAr OlD woman", "45 yearSs old male", "45 yrS OLD male", "45-YRS-oLD worker", "yearold", "45 years  old",
		"IMR Case Number: CM16-1 Date Assigned: x", "Date of the UR Decision :", "xDate: y UR Denial Date:Priority", "Application",
		"12) x", "1)", "123) x", "take", "x takes  ", "mistake ", "Taking\t", "non-mtus", "Non- MTUS", "Non -MTUS", "NonMTUSx", "xnon mtus",
		"non non-MTUS", "DOI 1/2/2003", "injured on", "the injury was reported", "which is part of the MTUS",
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
		if !ascii.IsASCII(s) {
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
// holds one of the literals, so the test never hides a match.
func TestLiteralPrefilters(t *testing.T) {
	for _, c := range prefilters {
		for _, s := range matchInputs(t) {
			for _, m := range c.re.FindAllStringIndex(s, -1) {
				p := &parser{ascii: true}
				if !p.mayMatch(s[m[0]:m[1]], c.lits...) {
					t.Errorf("%v matches %q without any of %q", c.re, s[m[0]:m[1]], c.lits)
				}
			}
		}
	}
}

// prefilters are the patterns run behind a literal test, with their
// literals.
var prefilters = []struct {
	re   *regexp.Regexp
	lits []string
}{
	{nonMTUSRE, []string{"mtus"}},
	{pagesRE, []string{"pag", "pg", "p."}},
	{noCiteRE, []string{"did not cite any medical evidence"}},
}

// TestCitationPatternsFast compares the hand-written citation readers and
// the digit tests with their patterns.
func TestCitationPatternsFast(t *testing.T) {
	fast, slow := &parser{ascii: true}, &parser{}
	for _, s := range matchInputs(t) {
		if got, want := fast.basedOn(nil, s), slow.basedOn(nil, s); !reflect.DeepEqual(got, want) {
			t.Errorf("basedOn(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.noCite(s), slow.noCite(s); got != want {
			t.Errorf("noCite(%q) = %v, want %v", s, got, want)
		}
		if got, want := regulations(s), regulationRE.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("regulations(%q) = %v, want %v", s, got, want)
		}
		if got, want := yearBeforeIn(s), yearBefore.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("yearBeforeIn(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.requestForEnd(s), slow.requestForEnd(s); got != want {
			t.Errorf("requestForEnd(%q) = %v, want %v", s, got, want)
		}
		if got, want := agePretest(s), yearOldRE.MatchString(s); got != want {
			t.Errorf("agePretest(%q) = %v, want %v", s, got, want)
		}
		if ageRE.MatchString(s) && !agePretest(s) {
			t.Errorf("agePretest(%q) is false, but ageRE matches", s)
		}
		if got, want := ageMatchesFast(s), ageRE.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("ageMatchesFast(%q) = %v, want %v", s, got, want)
		}
		if got, want := yearAfterFast(s), yearAfterRE.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("yearAfterFast(%q) = %v, want %v", s, got, want)
		}
		for k := 0; k+1 < len(s); k += 7 + len(s)/8 {
			m := phrase.Match{Start: k, End: k + 1 + (k*5)%(len(s)-k)}
			if got, want := fast.startsCitation(s, m), slow.startsCitation(s, m); got != want {
				t.Errorf("startsCitation(%q, %v) = %v, want %v", s, m, got, want)
			}
		}
	}
}

// TestLinePatternsFast compares the header-label scanner, the numbered-line
// reader and the dosing and Non-MTUS tests with their patterns.
func TestLinePatternsFast(t *testing.T) {
	fast, slow := &parser{ascii: true}, &parser{}
	for _, s := range matchInputs(t) {
		if got, want := fast.headerLabels(s), slow.headerLabels(s); !reflect.DeepEqual(got, want) {
			t.Errorf("headerLabels(%q) = %v, want %v", s, got, want)
		}
		var want []string
		if m := numberedRE.FindStringSubmatch(s); m != nil {
			want = []string{m[1]}
		}
		var got []string
		if n, ok := numberPrefix(s); ok {
			got = []string{n}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("numberPrefix(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.dosing(s), slow.dosing(s); got != want {
			t.Errorf("dosing(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.nonMTUS(s), slow.nonMTUS(s); got != want {
			t.Errorf("nonMTUS(%q) = %v, want %v", s, got, want)
		}
		if got, want := isRegarding(s), regardingRE.MatchString(s); got != want {
			t.Errorf("isRegarding(%q) = %v, want %v", s, got, want)
		}
	}
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
