package report_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/report"
)

func htmlOf(t *testing.T, rs []engine.Result) []byte {
	t.Helper()
	return write(t, "html", rs, check.All)
}

// The HTML report of the multi-letter run: a fault with a fix and a
// related place, a second fault, a clean letter, a file that is not a
// letter and one that does not exist.
func TestHTMLGolden(t *testing.T) {
	rs := multiRun(t)
	got := htmlOf(t, rs)
	golden(t, "report-multi.html", got)

	s := string(got)
	for _, want := range []string{
		`<mark class="hl primary sev-error start start-error" data-p="0" data-r=""`, // the rationale's 18
		`>18</mark>`,
		`<mark class="hl related" data-p="" data-r="0"`, // the header's 12
		`Fix: replace “18” with “12”`,
		`<del>18</del><ins>12</ins>`,
		`<summary>Explain quantity-mismatch</summary>`,
		`This file could not be read: no such file or directory`,
		`<caption>Disputed items</caption>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
}

// The report opens offline: nothing in it names another resource.
var externalRef = regexp.MustCompile(`(?i)(?:\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//|url\(\s*["']?\s*(?:[a-z]+:)?//|@import)`)

func TestHTMLSelfContained(t *testing.T) {
	rs := multiRun(t)
	s := string(htmlOf(t, rs))
	if m := externalRef.FindString(s); m != "" {
		t.Errorf("the report names an outside resource: %q", m)
	}
	for _, attr := range regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(s, -1) {
		if !strings.HasPrefix(attr[1], "#") {
			t.Errorf("link or source %q is not an anchor in the file", attr[1])
		}
	}
	if !strings.Contains(s, "<style>") || !strings.Contains(s, "<script>") {
		t.Error("the report's style and script should be inline")
	}
	if externalRef.FindString(`<img src="https://x/y.png">`) == "" || externalRef.FindString(`<a href=//x>`) == "" {
		t.Error("the outside-resource pattern misses what it is for")
	}
}

// A letter's markup is text in the report, never markup.
func TestHTMLEscapesLetter(t *testing.T) {
	e := newEngine(t)
	src := readLetter(t, "fault-2014-quantity-mismatch.txt")
	evil := `<script>alert(1)</script> <img src=x onerror=alert(1)> "quoted" & 'single'`
	src = strings.Replace(src, "The request for 18", evil+" The request for 18", 1)
	src = strings.Replace(src, "Massage therapy: 12", "Massage <b>therapy</b>: 12", 1)
	rs := []engine.Result{e.CheckBytes(`<img src=y onerror=alert(2)>.txt`, []byte(src))}
	if len(rs[0].Findings) == 0 {
		t.Fatal("the letter with markup should still have its finding")
	}
	s := string(htmlOf(t, rs))
	for _, bad := range []string{"<script>alert", "<img src=x", "<img src=y", "<b>therapy", "onerror=alert(1)>"} {
		if strings.Contains(s, bad) {
			t.Errorf("the report carries the letter's %q as markup", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;img src=y onerror=alert(2)&gt;.txt", "&lt;b&gt;therapy&lt;/b&gt;"} {
		if !strings.Contains(s, want) {
			t.Errorf("the report lacks the escaped %q", want)
		}
	}
	// The only script is the report's own.
	if n := strings.Count(s, "<script"); n != 1 {
		t.Errorf("%d script elements, want the report's one", n)
	}
}

// The view's segments tile the text and its offsets agree in every unit.
func TestViewOffsets(t *testing.T) {
	e := newEngine(t)
	src := "“Ünïcödé” 👩‍⚕️\r\n" + readLetter(t, "fault-2014-quantity-mismatch.txt")
	v := report.ToView(engine.ReportFiles([]engine.Result{e.CheckBytes("u.txt", []byte(src))}, e.Rules, false), report.Options{Version: "test", Checks: engine.Registry()})
	f := v.Files[0]
	if len(f.Findings) == 0 {
		t.Fatal("no findings")
	}
	for _, x := range f.Findings {
		o := x.Span.Offsets
		if got := string([]rune(src)[o.RuneStart:o.RuneEnd]); got != src[o.Start:o.End] {
			t.Errorf("%s: rune offsets give %q, byte offsets %q", x.Check, got, src[o.Start:o.End])
		}
	}
	var text strings.Builder
	for _, s := range f.Segments {
		text.WriteString(s.Text)
	}
	if text.String() != src {
		t.Error("the segments do not tile the letter")
	}
}

func readLetter(t *testing.T, name string) string {
	t.Helper()
	r := newEngine(t).CheckFile("../../testdata/letters/" + name)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return string(r.Src)
}

// TestHTMLOverview: the report of two files or more opens with the
// overview (the browser test draws it); one letter's report has none.
// Every link of the report is an anchor that exists in it.
func TestHTMLOverview(t *testing.T) {
	rs := multiRun(t)
	s := string(htmlOf(t, rs))
	ov, _, ok := strings.Cut(s, `<section aria-labelledby="summary-h">`)
	if !ok || !strings.Contains(ov, `<section class="overview" id="overview"`) {
		t.Fatal("the archive's report does not open with the overview")
	}
	for _, want := range []string{
		`<rect class="bar sev-error" data-severity="error" data-count="2"`,
		`<rect class="bar sev-warning" data-severity="warning" data-count="0"`,
		`<rect class="bar sev-info" data-severity="info" data-count="1"`,
		`<rect class="bar sev-error" data-check="quantity-mismatch" data-severity="error" data-count="1"`,
		`<rect class="bar sev-error" data-check="body-part-mismatch" data-severity="error" data-count="1"`,
		`<rect class="bar sev-info" data-check="not-a-letter" data-severity="info" data-count="1"`,
		`<a href="#check-quantity-mismatch" class="count-link">`,
		`<section class="by-check" id="check-quantity-mismatch"`,
		`<li><a href="#file-1">testdata/letters/fault-2014-quantity-mismatch.txt</a> · <a href="#file-1-f0">1 finding</a></li>`,
		`<ol class="top-letters">`,
	} {
		if !strings.Contains(ov, want) {
			t.Errorf("the overview lacks %s", want)
		}
	}
	if n := strings.Count(ov, `<svg class="bars"`); n != 2 {
		t.Errorf("%d charts, want the severities' and the checks'", n)
	}
	resolveLinks(t, s)

	one := string(htmlOf(t, rs[:1]))
	if strings.Contains(one, `id="overview"`) || strings.Contains(one, "<svg") {
		t.Error("a one-letter report has an overview")
	}
	resolveLinks(t, one)
}

// resolveLinks fails for a link whose anchor is not in the page.
func resolveLinks(t *testing.T, s string) {
	t.Helper()
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`\bid="([^"]*)"`).FindAllStringSubmatch(s, -1) {
		ids[m[1]] = true
	}
	links := regexp.MustCompile(`\bhref="#([^"]*)"`).FindAllStringSubmatch(s, -1)
	if len(links) == 0 {
		t.Fatal("no link in the report")
	}
	for _, m := range links {
		if !ids[m[1]] {
			t.Errorf("the link #%s leads nowhere", m[1])
		}
	}
}

// TestHTMLOverviewTop: the top list holds the ten letters with the most
// errors, most first (ties: more warnings, then input order), and none
// without an error; the checks' chart lists the most frequent first.
func TestHTMLOverviewTop(t *testing.T) {
	src := []byte(strings.Repeat("a line of the letter\n", 20))
	var rs []engine.Result
	for i := range 14 {
		var fs []finding.Finding
		errs := i % 7 // 0..6 errors; files 0 and 7 have none
		for j := range errs {
			fs = append(fs, finding.Finding{Check: "quantity-mismatch", Severity: finding.Error, Message: "e", Span: finding.Span{Start: 21 * j, End: 21*j + 4}})
		}
		if i >= 7 {
			fs = append(fs, finding.Finding{Check: "copied-rationale", Severity: finding.Warning, Message: "w", Span: finding.Span{Start: 300, End: 304}})
		}
		rs = append(rs, engine.Result{Path: fmt.Sprintf("letter-%02d.txt", i), Src: src, Findings: fs})
	}
	s := string(htmlOf(t, rs))
	list, _, _ := strings.Cut(s[strings.Index(s, `<ol class="top-letters">`):], "</ol>")
	var got []string
	for _, m := range regexp.MustCompile(`<li><a href="#file-\d+">([^<]*)</a>: ([^<]*)</li>`).FindAllStringSubmatch(list, -1) {
		got = append(got, m[1]+" "+m[2])
	}
	want := []string{
		"letter-13.txt 6 errors, 1 warning", "letter-06.txt 6 errors",
		"letter-12.txt 5 errors, 1 warning", "letter-05.txt 5 errors",
		"letter-11.txt 4 errors, 1 warning", "letter-04.txt 4 errors",
		"letter-10.txt 3 errors, 1 warning", "letter-03.txt 3 errors",
		"letter-09.txt 2 errors, 1 warning", "letter-02.txt 2 errors",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the top letters are\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	qm, cr := strings.Index(s, `data-check="quantity-mismatch"`), strings.Index(s, `data-check="copied-rationale"`)
	if qm < 0 || cr < 0 || qm > cr {
		t.Error("the checks' chart does not list quantity-mismatch (42 findings) before copied-rationale (7)")
	}
	if !strings.Contains(s, `<code>copied-rationale</code>: 7 findings in 7 files`) {
		t.Error("the letters of copied-rationale are not counted")
	}
	resolveLinks(t, s)
}

// TestHTMLOverviewEmpty: an archive with no finding, or none readable,
// still gets its overview, saying so.
func TestHTMLOverviewEmpty(t *testing.T) {
	e := newEngine(t)
	clean := e.CheckFile("../../testdata/letters/clean-2014-massage.txt")
	if clean.Err != nil || len(clean.Findings) != 0 {
		t.Fatalf("the clean fixture: %v, %d findings", clean.Err, len(clean.Findings))
	}
	gone := e.CheckFile("../../testdata/letters/does-not-exist.txt")
	for name, rs := range map[string][]engine.Result{"clean": {clean, clean}, "unreadable": {gone, gone}} {
		s := string(htmlOf(t, rs))
		for _, want := range []string{`id="overview"`, `data-severity="error" data-count="0"`, "<p>No findings.</p>", "<p>No letter has an error.</p>"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: the overview lacks %s", name, want)
			}
		}
		if strings.Contains(s, `id="by-check-h"`) {
			t.Errorf("%s: letters by check, with no check fired", name)
		}
		resolveLinks(t, s)
	}
}
