package report_test

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/imrlint/imrlint/internal/browsertest"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
)

// The HTML report of an archive, opened in Chromium as a QA lead opens it:
// from disk, with no network. Its overview must draw the charts (SVG bars
// per severity and per check, with or without the script), list the
// letters with the most errors, and link every count to an anchor of the
// report that exists and scrolls into view.

// sharedCorpus holds the 64 real letters (../shared/README.md), from
// internal/report.
const sharedCorpus = "../../../shared/corpus/text"

func browse(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	browsertest.Do(t, ctx, 30*time.Second, what, actions...)
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return browsertest.Eval[T](t, ctx, 30*time.Second, expr)
}

// shot saves what the window shows as a PNG in dir, and in
// $IMRLINT_SCREENSHOT_DIR when set.
func shot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if len(png) < 1000 {
		t.Errorf("the screenshot is %d bytes: nothing drawn", len(png))
	}
	browsertest.SaveScreenshot(t, png, dir, name)
}

// archiveWant is what the overview of a run must show, counted here
// from the results.
type archiveWant struct {
	bySeverity map[string]int
	byCheck    map[string]int
	// top are the paths of the letters with the most errors, in order
	// (ties by input order), at most 10.
	top []string
}

func archiveExpect(rs []engine.Result) archiveWant {
	w := archiveWant{bySeverity: map[string]int{"error": 0, "warning": 0, "info": 0}, byCheck: map[string]int{}}
	type fileErrs struct {
		path          string
		errors, warns int
	}
	var fe []fileErrs
	for _, r := range rs {
		if r.Err != nil {
			continue
		}
		x := fileErrs{path: r.Path}
		for _, f := range r.Findings {
			w.bySeverity[f.Severity.String()]++
			w.byCheck[f.Check]++
			switch f.Severity {
			case finding.Error:
				x.errors++
			case finding.Warning:
				x.warns++
			}
		}
		if x.errors > 0 {
			fe = append(fe, x)
		}
	}
	sort.SliceStable(fe, func(i, j int) bool {
		if fe[i].errors != fe[j].errors {
			return fe[i].errors > fe[j].errors
		}
		return fe[i].warns > fe[j].warns
	})
	for i := 0; i < len(fe) && i < 10; i++ {
		w.top = append(w.top, fe[i].path)
	}
	return w
}

// TestBrowserArchiveOverview renders the HTML report of the fixtures and,
// when ../shared is present, of the 64 real letters, and checks the
// overview in Chromium.
func TestBrowserArchiveOverview(t *testing.T) {
	ctx, console := browsertest.Start(t, 4*time.Minute, 1400, 1000)
	e := newEngine(t)
	fixtures, err := filepath.Glob("../../testdata/letters/*.txt")
	if err != nil || len(fixtures) < 50 {
		t.Fatalf("the fixture letters: %d (%v)", len(fixtures), err)
	}
	sets := []struct{ name, dir string }{{"fixtures", "../../testdata/letters"}, {"shared-64", sharedCorpus}}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			paths, _ := filepath.Glob(filepath.Join(set.dir, "*.txt"))
			if len(paths) == 0 {
				t.Skipf("%s is absent (../shared is not on this machine): the real letters are not rendered; the fixtures are", set.dir)
			}
			if set.name == "shared-64" && len(paths) != 64 {
				t.Errorf("%s has %d letters, want the 64 of ../shared/README.md", set.dir, len(paths))
			}
			var rs []engine.Result
			for _, p := range paths {
				rs = append(rs, e.CheckFile(p))
			}
			// A file that cannot be read belongs to an archive's report too.
			rs = append(rs, e.CheckFile(filepath.Join(set.dir, "does-not-exist.txt")))
			want := archiveExpect(rs)
			if len(want.byCheck) < 2 || len(want.top) == 0 {
				t.Fatalf("the run has %d checks that fired and %d letters with errors: it tests little", len(want.byCheck), len(want.top))
			}
			html := string(htmlOf(t, rs))
			// The letters stay on this machine: the report is written
			// under the test's temporary directory and removed with it.
			dir := t.TempDir()
			page := filepath.Join(dir, "report.html")
			noScript := filepath.Join(dir, "report-noscript.html")
			if err := os.WriteFile(page, []byte(html), 0o600); err != nil {
				t.Fatal(err)
			}
			i, j := strings.Index(html, "<script>"), strings.LastIndex(html, "</script>")
			if i < 0 || j < i {
				t.Fatal("the report has no script to take out")
			}
			if err := os.WriteFile(noScript, []byte(html[:i]+html[j+len("</script>"):]), 0o600); err != nil {
				t.Fatal(err)
			}

			for _, p := range []string{noScript, page} {
				u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
				browse(t, ctx, "opening "+filepath.Base(p), chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("#overview svg.bars")))
				checkCharts(t, ctx, want, filepath.Base(p))
			}
			// With the script: the top list, the links and where they go.
			checkTopLetters(t, ctx, want)
			checkLinks(t, ctx)
			evalJS[bool](t, ctx, `(window.scrollTo(0, 0), true)`)
			shot(t, ctx, dir, "archive-overview-"+set.name+".png")
			evalJS[bool](t, ctx, `(document.getElementById("top-h").scrollIntoView(), true)`)
			shot(t, ctx, dir, "archive-top-letters-"+set.name+".png")
			followCheckLink(t, ctx, want)

			// Nothing was fetched: the report names no resource, and the
			// browser loaded none besides the page.
			if n := evalJS[int](t, ctx, `performance.getEntriesByType("resource").length`); n != 0 {
				t.Errorf("the page loaded %d resources: %v", n, evalJS[[]string](t, ctx, `performance.getEntriesByType("resource").map((e) => e.name)`))
			}
			browsertest.NoConsoleErrors(t, console())
		})
	}
}

// checkCharts: a bar per severity and a bar per check that fired, with
// the run's counts, drawn (a rendered width) in proportion to them.
func checkCharts(t *testing.T, ctx context.Context, want archiveWant, page string) {
	t.Helper()
	type bar struct {
		Check    string  `json:"check"`
		Severity string  `json:"severity"`
		Count    int     `json:"count"`
		Width    float64 `json:"width"`
	}
	read := func(sel string) []bar {
		return evalJS[[]bar](t, ctx, `Array.from(document.querySelectorAll(`+fmt.Sprintf("%q", sel)+`)).map((r) => ({check: r.dataset.check || "", severity: r.dataset.severity, count: +r.dataset.count, width: r.getBBox().width}))`)
	}
	sev := read("#chart-severity rect.bar")
	if len(sev) != 3 {
		t.Fatalf("%s: %d severity bars, want 3", page, len(sev))
	}
	// A bar is n/most of the longest (420), at least 2 wide; a check's
	// bar is its severities' parts, each rounded down.
	proportional := func(n, most int, w float64) bool {
		if n == 0 {
			return w == 0
		}
		want := float64(n) * 420 / float64(most)
		return math.Abs(w-want) <= 4 || want < 2 && w <= 6
	}
	most := 0
	for _, n := range want.bySeverity {
		most = max(most, n)
	}
	for _, b := range sev {
		if b.Count != want.bySeverity[b.Severity] {
			t.Errorf("%s: the %s bar counts %d, the run has %d", page, b.Severity, b.Count, want.bySeverity[b.Severity])
		}
		if !proportional(b.Count, most, b.Width) {
			t.Errorf("%s: the %s bar of %d of %d is drawn %.0f wide", page, b.Severity, b.Count, most, b.Width)
		}
	}
	got := map[string]int{}
	wide := map[string]float64{}
	for _, b := range read("#chart-checks rect.bar") {
		got[b.Check] += b.Count
		wide[b.Check] += b.Width
		if b.Width <= 0 {
			t.Errorf("%s: the %s bar of %s is not drawn", page, b.Severity, b.Check)
		}
	}
	if len(got) != len(want.byCheck) {
		t.Errorf("%s: bars for %d checks, the run has findings of %d", page, len(got), len(want.byCheck))
	}
	most = 0
	for _, n := range want.byCheck {
		most = max(most, n)
	}
	for c, n := range want.byCheck {
		if got[c] != n {
			t.Errorf("%s: the bar of %s counts %d, the run has %d", page, c, got[c], n)
		}
		if !proportional(n, most, wide[c]) {
			t.Errorf("%s: the bar of %s, %d findings of %d, is drawn %.0f wide", page, c, n, most, wide[c])
		}
	}
	labels := evalJS[[]string](t, ctx, `Array.from(document.querySelectorAll("#chart-checks g.row")).map((g) => g.dataset.check)`)
	if !sort.SliceIsSorted(labels, func(i, j int) bool {
		a, b := want.byCheck[labels[i]], want.byCheck[labels[j]]
		return a > b || a == b && labels[i] < labels[j]
	}) {
		t.Errorf("%s: the checks are not listed most findings first: %v", page, labels)
	}
}

func maxKey(m map[string]int) string {
	k, n := "", -1
	for c, v := range m {
		if v > n || v == n && c < k {
			k, n = c, v
		}
	}
	return k
}

// checkTopLetters: the list names the letters with the most errors, in
// order, each linked to its file's section.
func checkTopLetters(t *testing.T, ctx context.Context, want archiveWant) {
	t.Helper()
	type item struct {
		Path    string `json:"path"`
		Heading string `json:"heading"`
	}
	got := evalJS[[]item](t, ctx, `Array.from(document.querySelectorAll("ol.top-letters > li > a:first-child")).map((a) => {
	  const sec = document.getElementById(a.getAttribute("href").slice(1));
	  return {path: a.textContent, heading: sec ? sec.querySelector("h2").textContent : ""};
	})`)
	if len(got) != len(want.top) {
		t.Fatalf("the top list has %d letters, want %d: %v", len(got), len(want.top), got)
	}
	for i, g := range got {
		if g.Path != want.top[i] {
			t.Errorf("top letter %d is %s, want %s", i+1, g.Path, want.top[i])
		}
		if g.Heading != g.Path {
			t.Errorf("top letter %s links to the section of %q", g.Path, g.Heading)
		}
	}
}

// checkLinks: every link of the page is an anchor of the page, and every
// count of the overview links to a place that exists.
func checkLinks(t *testing.T, ctx context.Context) {
	t.Helper()
	type links struct {
		All      int      `json:"all"`
		Overview int      `json:"overview"`
		Broken   []string `json:"broken"`
	}
	l := evalJS[links](t, ctx, `(() => {
	  const as = Array.from(document.querySelectorAll("a"));
	  const href = (a) => a.getAttribute("href") || "";
	  const broken = as.filter((a) => !href(a).startsWith("#") || !document.getElementById(decodeURIComponent(href(a).slice(1)))).map(href);
	  return {all: as.length, overview: document.querySelectorAll("#overview a").length, broken};
	})()`)
	if l.Overview == 0 || l.All == 0 {
		t.Fatalf("the page has %d links, %d in the overview", l.All, l.Overview)
	}
	if len(l.Broken) > 0 {
		t.Errorf("%d of %d links lead nowhere in the page: %.10q", len(l.Broken), l.All, l.Broken)
	}
}

// followCheckLink clicks the first check's count in the chart: the page
// goes to that check's letters, whose links go to the check's findings in
// the letters.
func followCheckLink(t *testing.T, ctx context.Context, want archiveWant) {
	t.Helper()
	first := maxKey(want.byCheck)
	browse(t, ctx, "clicking the count of "+first, chromedp.Click(chromedp.CSS(`#chart-checks g.row[data-check="`+first+`"] a.count-link`)))
	type where struct {
		Hash string  `json:"hash"`
		Top  float64 `json:"top"`
		Refs []struct {
			Path    string `json:"path"`
			Heading string `json:"heading"`
			InText  bool   `json:"in_text"`
			Check   string `json:"check"`
		} `json:"refs"`
	}
	w := evalJS[where](t, ctx, `(() => {
	  const sec = document.getElementById(location.hash.slice(1));
	  const refs = sec ? Array.from(sec.querySelectorAll("li")).map((li) => {
	    const [file, first] = li.querySelectorAll("a");
	    const fileSec = document.getElementById(file.getAttribute("href").slice(1));
	    const anchor = document.getElementById(first.getAttribute("href").slice(1));
	    // The anchor's finding: the mark after it names its check in the title.
	    let m = anchor && anchor.nextElementSibling;
	    while (m && m.tagName !== "MARK") m = m.nextElementSibling;
	    return {path: file.textContent, heading: fileSec ? fileSec.querySelector("h2").textContent : "",
	      in_text: !!anchor && fileSec.contains(anchor) && !!anchor.closest("pre.letter"),
	      check: m ? m.title : ""};
	  }) : [];
	  return {hash: location.hash, top: sec ? sec.getBoundingClientRect().top : -1, refs};
	})()`)
	if w.Hash != "#check-"+first {
		t.Fatalf("clicking the count of %s went to %q", first, w.Hash)
	}
	if w.Top < -2 || w.Top > 200 {
		t.Errorf("the letters of %s are %.0f px from the window's top after the click", first, w.Top)
	}
	if len(w.Refs) == 0 {
		t.Fatalf("the section of %s lists no letter", first)
	}
	for _, r := range w.Refs {
		if r.Heading != r.Path || !r.InText {
			t.Errorf("%s: the letter %s links to the section %q, its finding in the letter: %v", first, r.Path, r.Heading, r.InText)
		}
		if r.Check != "" && !strings.Contains(r.Check, "["+first+"]") {
			t.Errorf("%s: the finding linked in %s is %q", first, r.Path, r.Check)
		}
	}
}
