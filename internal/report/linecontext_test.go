package report_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/report"
)

// editContext is the context the view gives a fix replacing "18" between
// pre and post on one line (lineContext, through its one caller).
func editContext(t *testing.T, pre, post string) (string, string) {
	t.Helper()
	src := "First line of the letter.\n" + pre + "18" + post + "\nLast line.\n"
	start := strings.Index(src, pre+"18") + len(pre)
	sp := finding.Span{Start: start, End: start + 2}
	f := report.File{Path: "l.txt", Kind: "text", Layout: "imr-2014", Letter: true, Src: []byte(src), Findings: []finding.Finding{
		{Check: "quantity-mismatch", Severity: finding.Error, Message: "m", Span: sp, Fix: &finding.Fix{Span: sp, Replacement: "12"}},
	}}
	v := report.ToView([]report.File{f}, report.Options{Version: "test"})
	e := v.Files[0].Findings[0].Fix
	if e == nil || e.Before != "18" {
		t.Fatalf("the view's fix is %+v", e)
	}
	return e.ContextBefore, e.ContextAfter
}

// isWord is the review page's WORD (internal/server/assets/app.js).
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || strings.ContainsRune("_'’-", r)
}

// TestLineContextWordBoundaries: a fix's context is clipped at 40 code
// points each side; where the clip falls inside a word, the partial word
// is dropped, and only there.
func TestLineContextWordBoundaries(t *testing.T) {
	for _, c := range []struct {
		name string
		// The line is cutBefore + keptBefore + "18" + keptAfter +
		// cutAfter; the kept parts are the 40 code points the clip keeps
		// (or the whole side when it is shorter).
		cutBefore, keptBefore, keptAfter, cutAfter string
		before, after                              string
	}{
		{
			name:      "inside ASCII words",
			cutBefore: "The request is not suppo", keptBefore: "rted by the guidelines. The request for ",
			keptAfter: " sessions of massage therapy for the lef", cutAfter: "t shoulder is not medically necessary.",
			before: "… by the guidelines. The request for ", after: " sessions of massage therapy for the …",
		},
		{
			name:      "at spaces",
			cutBefore: "The treating physician asked ", keptBefore: "for a review of the request made in May ",
			keptAfter: " sessions of massage therapy for the hip", cutAfter: " and the lower back.",
			before: "…for a review of the request made in May ", after: " sessions of massage therapy for the hip…",
		},
		{
			name:      "at the space itself",
			cutBefore: "The treating physician asked", keptBefore: " for a review of the request made in May",
			keptAfter: " sessions of massage therapy for a knee ", cutAfter: "and the lower back.",
			before: "… for a review of the request made in May", after: " sessions of massage therapy for a knee …",
		},
		{
			name:      "at curly double quotes",
			cutBefore: "Found not to meet the “", keptBefore: "medically necessary” standard met for a ",
			keptAfter: " visits as per the treating doctor “plan", cutAfter: "” of care.",
			before: "…medically necessary” standard met for a ", after: " visits as per the treating doctor “plan…",
		},
		{
			name:      "inside café",
			cutBefore: "The patient drank a ca", keptBefore: "fé au lait and asked the doctor for it: ",
			keptAfter: " cups of café au lait as served at a caf", cutAfter: "é nearby.",
			before: "… au lait and asked the doctor for it: ", after: " cups of café au lait as served at a …",
		},
		{
			name:      "after café",
			cutBefore: "The patient drank a café", keptBefore: " au lait and asked the doctor for it now",
			keptAfter: " cups of tea and coffee served at a café", cutAfter: " nearby.",
			before: "… au lait and asked the doctor for it now", after: " cups of tea and coffee served at a café…",
		},
		{
			name:      "inside a word with a curly apostrophe",
			cutBefore: "Per the claimant", keptBefore: "’s physician, who asked once in May for ",
			keptAfter: " tablets as noted in all of the claimant", cutAfter: "’s records.",
			before: "… physician, who asked once in May for ", after: " tablets as noted in all of the …",
		},
		{
			name:      "before a combining mark",
			cutBefore: "", keptBefore: "The request for ",
			keptAfter: " tablets as ordered at the same old cafe", cutAfter: "\u0301 nearby.",
			before: "The request for ", after: " tablets as ordered at the same old …",
		},
		{
			name:       "a short line",
			keptBefore: "The request for ", keptAfter: " sessions.",
			before: "The request for ", after: " sessions.",
		},
		{
			name:      "four-byte code points",
			cutBefore: "😀😀😀", keptBefore: strings.Repeat("😀", 40),
			keptAfter: strings.Repeat("😀", 40), cutAfter: "😀😀😀",
			before: "…" + strings.Repeat("😀", 40), after: strings.Repeat("😀", 40) + "…",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, kept := range []struct{ s, cut string }{{c.keptBefore, c.cutBefore}, {c.keptAfter, c.cutAfter}} {
				if n := utf8.RuneCountInString(kept.s); kept.cut != "" && n != 40 {
					t.Fatalf("the test's kept part %q has %d code points, not 40", kept.s, n)
				}
			}
			before, after := editContext(t, c.cutBefore+c.keptBefore, c.keptAfter+c.cutAfter)
			if before != c.before {
				t.Errorf("context before:\n got %q\nwant %q", before, c.before)
			}
			if after != c.after {
				t.Errorf("context after:\n got %q\nwant %q", after, c.after)
			}
		})
	}
}

// TestHTMLPreviewWordBoundaries: the HTML report of a letter with fixes
// on long lines shows no preview that starts or ends inside a word.
func TestHTMLPreviewWordBoundaries(t *testing.T) {
	t.Chdir(repoRoot)
	const path = "testdata/letters/fault-2014-quantity-mismatch.txt"
	r := newEngine(t).CheckFile(path)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	s := string(htmlOf(t, []engine.Result{r}))
	ctxs := regexp.MustCompile(`<span class="ctx">([^<]*)</span>`).FindAllStringSubmatch(s, -1)
	clipped := 0
	for _, m := range ctxs {
		c := html.UnescapeString(m[1])
		if rest, ok := strings.CutPrefix(c, "…"); ok {
			clipped++
			if ch, _ := utf8.DecodeRuneInString(rest); isWord(ch) {
				t.Errorf("a preview starts inside a word: %q", c)
			}
		}
		if rest, ok := strings.CutSuffix(c, "…"); ok {
			clipped++
			if ch, _ := utf8.DecodeLastRuneInString(rest); isWord(ch) {
				t.Errorf("a preview ends inside a word: %q", c)
			}
		}
	}
	if clipped == 0 {
		t.Fatalf("the report of %s has no clipped preview (%d previews): the test tests nothing", path, len(ctxs))
	}
	for _, want := range []string{`<span class="ctx">… by the guidelines. The request for </span>`} {
		if !strings.Contains(s, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
}
