package accuracy

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/rules"
)

// The real letters come with the project's shared/ folder, beside the
// repository; they are never copied into it.
const corpusDir = "../../../shared/corpus"

// floors are the recall each kind reached on the real letters (text and
// raw extraction alike), less a margin of one case or so: a change that
// loses recall fails here. Raise a floor when a kind gets better.
var floors = map[Kind]float64{
	KindDecision:    0.95,
	KindQuantity:    0.90,
	KindCountAdded:  0.90,
	KindSide:        0.95,
	KindRegion:      0.95,
	KindTreatment:   0.90,
	KindInjuryDate:  0.95,
	KindPronoun:     0.97,
	KindAge:         0.97,
	KindChapter:     0.90,
	KindMisquote:    0.90,
	KindPartial:     0.90,
	KindPlaceholder: 0.97,
	KindCopied:      0.97,
}

// maxWarningsPerLetter bounds the warnings on the untouched real letters,
// whatever has been reviewed: a reviewer reads each. Their errors are
// bounded by the reviewed real faults (testdata/corpus/errors.tsv, which
// TestCorpusErrors holds one by one), and their warnings by the reviewed
// ones too (testdata/corpus/warnings.tsv, held by TestCorpusWarnings).
const maxWarningsPerLetter = 0.20

// reviewedRows returns the rows of a reviewed-findings file of
// testdata/corpus (case, check, ...), without its comments.
func reviewedRows(t *testing.T, name string) [][]string {
	b, err := os.ReadFile("../../testdata/corpus/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			rows = append(rows, strings.Split(l, "\t"))
		}
	}
	return rows
}

// reviewedErrors counts the rows of testdata/corpus/errors.tsv.
func reviewedErrors(t *testing.T) int { return len(reviewedRows(t, "errors.tsv")) }

// reviewedWarnings sums the counts of testdata/corpus/warnings.tsv
// (case, check, how many, why).
func reviewedWarnings(t *testing.T) int {
	n := 0
	for _, f := range reviewedRows(t, "warnings.tsv") {
		if len(f) < 3 {
			t.Fatalf("warnings.tsv: row %q lacks a count", f)
		}
		c, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("warnings.tsv: %q: count %q is not a number", f, f[2])
		}
		n += c
	}
	return n
}

func newEngine(t testing.TB) *engine.Engine {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return &engine.Engine{Rules: set, Checks: check.All}
}

// TestRealLetters injects every kind of fault into the real letters and
// holds recall per kind at its floor, and the untouched letters' findings
// within the noise bound: no more errors than the reviewed real faults,
// no more warnings than the reviewed ones, at most 0.20 a letter.
func TestRealLetters(t *testing.T) {
	e := newEngine(t)
	for _, sub := range []string{"text", "raw"} {
		t.Run(sub, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(corpusDir, sub, "*.txt"))
			if len(files) == 0 {
				t.Skipf("the real letters are not here (%s/%s/*.txt comes with the project's shared/ folder); skipping", corpusDir, sub)
			}
			sort.Strings(files)
			rep, err := Measure(e, files)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			rep.WriteTable(&b, sub)
			t.Log("\n" + b.String())
			for _, k := range Kinds {
				tl := rep.Kinds[k]
				if tl.Cases < 4 {
					t.Errorf("%s: only %d cases: the mutator no longer finds sites of this kind", k, tl.Cases)
					continue
				}
				if r := tl.Recall(); r < floors[k] {
					t.Errorf("%s: recall %.2f (%d of %d), below its floor %.2f", k, r, tl.Found, tl.Cases, floors[k])
				}
			}
			if max := reviewedErrors(t); rep.Errors > max {
				t.Errorf("%d error findings on the untouched letters, more than the %d reviewed real faults", rep.Errors, max)
			}
			if max := reviewedWarnings(t); rep.Warnings > max {
				t.Errorf("%d warnings on the untouched letters, more than the %d reviewed", rep.Warnings, max)
			}
			if w := float64(rep.Warnings) / float64(rep.Letters); w > maxWarningsPerLetter {
				t.Errorf("%.2f warnings per untouched letter, more than %.2f", w, maxWarningsPerLetter)
			}
		})
	}
}

// TestMutatorsNeverAskTheParser: the mutators find where to write with
// their own landmarks. A mutator that imported the letter parser (or the
// text layer it reads) could make only the faults the parser sees.
func TestMutatorsNeverAskTheParser(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "score.go" {
			continue // score.go runs the checker on the cases, as a user would
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if strings.HasPrefix(p, "github.com/imrlint/imrlint/") {
				t.Errorf("%s imports %s: mutators must not use imrlint's own packages", f, p)
			}
		}
	}
}

// fixture reads a letter of testdata/letters.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../testdata/letters", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEachCaseIsOneChange: a case differs from its letter by one edit, at
// the line it names, of the text it names, and only in the summary or an
// item (never the boilerplate before the summary).
func TestEachCaseIsOneChange(t *testing.T) {
	names := []string{"clean-2014-mention-shoulder-mri.txt", "clean-2014-mention-therapy.txt", "clean-2014-mention-medications.txt",
		"clean-2014-copied-therapy.txt", "clean-2014-partial-authorization.txt", "clean-2014-massage.txt"}
	kinds := map[Kind]int{}
	for _, name := range names {
		src := fixture(t, name)
		summary := strings.Index(string(src), "CLINICAL CASE SUMMARY")
		for _, c := range Mutate(name, src) {
			kinds[c.Kind]++
			if c.Kind == KindCopied {
				continue // replaces a whole rationale
			}
			start := c.Offset
			if start < summary {
				t.Errorf("%s: %s case changes byte %d, before the case summary", name, c.Kind, start)
			}
			if got := strings.Count(string(src[:start]), "\n") + 1; got != c.Line {
				t.Errorf("%s: %s case says line %d, changes line %d", name, c.Kind, c.Line, got)
			}
			if string(src[start:start+len(c.Old)]) != c.Old {
				t.Errorf("%s: %s case's old text %q is not at the change", name, c.Kind, c.Old)
			}
			if c.Old == c.New {
				t.Errorf("%s: %s case changes nothing", name, c.Kind)
			}
			rest := string(src[:start]) + c.New + string(src[start+len(c.Old):])
			if rest != string(c.Src) {
				t.Errorf("%s: %s case is more than the one change %q -> %q", name, c.Kind, c.Old, c.New)
			}
		}
	}
	for _, k := range []Kind{KindDecision, KindQuantity, KindSide, KindRegion, KindTreatment, KindInjuryDate, KindPronoun, KindPlaceholder, KindCopied} {
		if kinds[k] == 0 {
			t.Errorf("no %s case made from the fixtures", k)
		}
	}
}

// TestSitesAreRequestMentions: the word swaps land where a sentence
// restates the request, not in history or a guideline's words.
func TestSitesAreRequestMentions(t *testing.T) {
	src := []byte(strings.Join([]string{
		"CLINICAL CASE SUMMARY",
		"The patient had left knee surgery in 2015. The physician requested an MRI of the right knee.",
		"IMR ISSUES, DECISIONS AND RATIONALES",
		"MRI of the right knee: Upheld",
		"MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004.",
		"Decision rationale: Guidelines recommend an MRI of the knee after a month of conservative care.",
		"The prior left knee MRI was normal. The request for an MRI of the right knee is not medically necessary.",
		""}, "\n"))
	var sides []string
	for _, c := range Mutate("x.txt", src) {
		if c.Kind == KindSide {
			sides = append(sides, strconv.Itoa(c.Line)+":"+c.Old+">"+c.New)
		}
	}
	// The summary's request (one item) and the conclusion; not the
	// surgery of the history or the prior MRI.
	if got, want := strings.Join(sides, " "), "2:right>left 7:right>left"; got != want {
		t.Errorf("side cases %s, want %s", got, want)
	}
}

// TestChangedNeverTheHeadersNumber: a changed number is never one the
// header holds (a partial approval's original or authorized amount).
func TestChangedNeverTheHeadersNumber(t *testing.T) {
	for _, c := range []struct{ num, header, want string }{
		{"6", "Chiropractic 12 visits was the original request. 6 visits was authorized", "24"},
		{"6", "Acupuncture 6 sessions", "12"},
		{"2", "Physical therapy 2x4", "8"},
		{"1.5", "Cream 1.5%", "3"},
	} {
		if got := changedFrom(c.num, c.header); got != c.want {
			t.Errorf("changedFrom(%q, %q) = %q, want %q", c.num, c.header, got, c.want)
		}
	}
}
