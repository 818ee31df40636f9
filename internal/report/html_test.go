package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
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
