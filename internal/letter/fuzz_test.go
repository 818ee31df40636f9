package letter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// FuzzParse: the parser reads any text without panicking, and every field
// it keeps lies inside the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/letters/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	v, err := rules.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l := Parse(text.New(src), v)
		in := func(what string, fl Field) {
			if fl.Start < 0 || fl.End > len(src) || fl.Start > fl.End {
				t.Fatalf("%s %v outside the %d-byte file", what, fl.Span, len(src))
			}
		}
		for _, it := range l.Items {
			in("header", it.Header)
			in("request", it.Request)
			in("decision", it.DecisionAt)
			for _, q := range it.Quantities {
				in("quantity", Field{Span: q.Span})
			}
			for _, c := range it.Citations {
				in("citation", c.Field)
			}
		}
	})
}

// FuzzMatchers: every hand-written scanner reads any string, ASCII or not,
// valid UTF-8 or not, without panicking, and every place it gives lies in
// the string, in order.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{
		"Physical therapy: 6 sessions (lumbar spine): Upheld", "x: \u00abDecision\u00bb", "Decision based on MTUS Chapter 11 Forearm 2004, Page(s): 265-6, 7",
		"Section(s): a, b and c, which is part of", "Non-MTUS ODG do not address", "a 45 year old, obese male", "Date of injury: (", "1) Regarding the request for x:",
		"Case No.: CM13-12345 Date of Injury: 10/16/2016", "The remaining IMR eligible portion of the original request, x is:", "the request for \u00e9 x",
		"take \u00ae", "(12) one compounded x", "\xc2", "\xc2\xab", "x: \xc2\xabd\xc2", "Caf\u00e9 \u017f \u212a", "Medical Treatment Guideline(s) relied upon by the Expert Reviewer:",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := len(s)
		end := func(what string, e int) {
			if e < -1 || e > n {
				t.Fatalf("%s(%q) = %d, outside the %d-byte string", what, s, e, n)
			}
		}
		ranges := func(what string, m []int) {
			for k := 0; k+1 < len(m); k += 2 {
				if m[k] == -1 && m[k+1] == -1 {
					continue
				}
				if m[k] < 0 || m[k] > m[k+1] || m[k+1] > n {
					t.Fatalf("%s(%q) = %v, outside the %d-byte string", what, s, m, n)
				}
			}
		}
		heading(s)
		for _, lb := range allLabels {
			end("label", lb(s))
		}
		if at, st, en, ok := decisionEnd(s); ok {
			ranges("decisionEnd", []int{at, en, st, en})
		}
		if st, en, ok := decisionAtEnd(s); ok {
			ranges("decisionAtEnd", []int{st, en})
		}
		sentenceEnd(s)
		partialTail(s)
		end("trailingIs", trailingIs(s))
		ranges("original", original(s))
		end("remainingEnd", remainingEnd(s))
		decisionWord(s)
		ranges("determined", determined(s))
		if isRegarding(s) {
			end("regardingForEnd", regardingForEnd(s))
		}
		numberPrefix(s)
		for _, m := range basedOn(nil, s) {
			ranges("basedOn", m[:])
		}
		noCite(s)
		nonMTUS(s)
		namesODG(s)
		ranges("chapterBefore", chapterBefore(s))
		ranges("yearAfter", yearAfter(s))
		ranges("yearBefore", yearBefore(s))
		end("sectionsEnd", sectionsEnd(s))
		end("sectionEnd", sectionEnd(s))
		for _, m := range pages(nil, s) {
			ranges("pages", m[:])
		}
		for _, m := range pageNums(s) {
			ranges("pageNums", m[:])
		}
		for _, m := range splitKeep(nil, s, 0, n) {
			ranges("splitKeep", m[:])
		}
		for _, m := range regulations(s) {
			ranges("regulations", m)
		}
		notRelied(s)
		dosing(s)
		end("medNameTrim", medNameTrim(s))
		end("lastOf", lastOf(s))
		end("requestForEnd", requestForEnd(s))
		end("headerValue", headerValue(s))
		p := &parser{}
		for _, h := range p.headerLabels(s) {
			ranges("headerLabels", []int{h.start, h.end})
		}
		for _, m := range ageMatches(s, testAgeNouns) {
			ranges("ageMatches", m)
		}
		injuryDateBefore(s)
		urAction(s)
		for _, d := range FindDates(s) {
			ranges("FindDates", []int{d.Start, d.End})
		}
	})
}
