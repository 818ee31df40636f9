package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/imrlint/imrlint/internal/browsertest"
	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/fix"
	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/report"
)

// browserTab starts a headless Chromium (browsertest.Start) and returns a
// tab's context, bounded by timeout, and the console messages the page
// writes (exceptions, CSP violations) as they come. The tab refuses
// downloads and asks for reduced motion.
func browserTab(t *testing.T, timeout time.Duration) (context.Context, func() []chromedp.ConsoleMessage) {
	t.Helper()
	tctx, console := browsertest.Start(t, timeout, 1400, 1000)
	// Downloads are refused: the test reads the corrected text from the
	// Blob the page makes, and writes nothing to disk.
	if _, err := chromedp.CallBrowser(tctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorDeny}); err != nil {
		t.Fatalf("refusing downloads: %v", err)
	}
	// Scrolling is instant, as for a reader who asks for reduced motion,
	// so that a click lands where the element is, not where it was.
	if _, err := chromedp.Call(tctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}}); err != nil {
		t.Fatalf("emulating reduced motion: %v", err)
	}
	return tctx, console
}

// reviewPage starts a browser tab (browserTab, for 2 minutes) and a review
// server of newHandler(t, 0), closed when the test ends, and opens the page
// in the tab.
func reviewPage(t *testing.T) (context.Context, func() []chromedp.ConsoleMessage) {
	t.Helper()
	ctx, console := browserTab(t, 2*time.Minute)
	h, _ := newHandler(t, 0)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
	return ctx, console
}

// step runs actions with a deadline of its own, so that a hang names the
// step that hung.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	browsertest.Do(t, ctx, 20*time.Second, what, actions...)
}

func eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	return browsertest.Eval[T](t, ctx, 20*time.Second, expr, opts...)
}

func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(sctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("waiting until %s: %v", what, err)
	}
}

// screenshot saves the whole page (or, unless full, what the window shows)
// as a PNG in dir, and in $IMRLINT_SCREENSHOT_DIR when set, to look at
// after the run.
func screenshot(t *testing.T, ctx context.Context, dir, name string, full bool) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	shot := chromedp.CaptureScreenshot()
	if full {
		// The findings column is sticky: from the top of the page it
		// stands beside the letter's start, where a reader first sees it.
		if _, err := chromedp.Run(sctx, chromedp.Evaluate[bool](`window.scrollTo(0, 0), true`)); err != nil {
			t.Fatal(err)
		}
		shot = chromedp.FullScreenshot(100) // 100 gives a PNG; less, a JPEG
	}
	png, err := chromedp.Run(sctx, shot)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	browsertest.SaveScreenshot(t, png, dir, name)
}

// captureBlobs makes the page's Blobs readable: the download button's text
// is then window.__blobs' last entry.
const captureBlobs = `(() => {
  window.__blobs = [];
  const make = URL.createObjectURL;
  URL.createObjectURL = (b) => { window.__blobs.push(b); return make.call(URL, b); };
  window.__alerts = 0;
  window.alert = () => { window.__alerts++; };
  return true;
})()`

// The seed letter (or the project's fixture) is pasted and checked; the
// rationale's "18" is highlighted and linked to the header's "12"; the fix
// is applied, and the finding is gone.
func TestBrowserReviewPage(t *testing.T) {
	src, err := os.ReadFile(seedPath)
	if err != nil {
		t.Logf("%s absent (%v); using the project's fixture", seedPath, err)
		src = readFixture(t)
	}
	ctx, console := browserTab(t, 3*time.Minute)
	h, _ := newHandler(t, 0)
	srv := httptest.NewServer(h)
	defer srv.Close()
	shots := t.TempDir()

	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
	if !eval[bool](t, ctx, captureBlobs) {
		t.Fatal("could not instrument the page")
	}
	step(t, ctx, "pasting and checking",
		chromedp.SetValue(chromedp.ID("letter"), string(src)),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS("#view mark.sev-error")),
	)

	// The "18" is a primary error span; the related span of the same
	// finding is the header's "12".
	type markInfo struct {
		ID      string   `json:"id"`
		Related []string `json:"related"`
		Icon    string   `json:"icon"`
	}
	info := eval[*markInfo](t, ctx, `(() => {
	  const m = Array.from(document.querySelectorAll("#view mark.primary.sev-error")).find((e) => e.textContent === "18");
	  if (!m) return null;
	  const id = m.dataset.p.split(" ")[0];
	  const related = Array.from(document.querySelectorAll('#view mark.related[data-r~="' + id + '"]')).map((e) => e.textContent);
	  return { id, related, icon: getComputedStyle(m, "::before").content };
	})()`)
	if info == nil {
		t.Fatal(`no error-highlighted element whose text is "18"`)
	}
	if len(info.Related) != 1 || info.Related[0] != "12" {
		t.Fatalf(`the 18's finding is linked to %q, want the header's "12"`, info.Related)
	}
	if !strings.Contains(info.Icon, "✖") {
		t.Errorf("the error span shows no icon (::before content %q): color must not be the only sign", info.Icon)
	}

	// Hovering the 18 outlines the 12; clicking it makes both active.
	sel := `document.querySelector('#view mark.primary[data-p~="` + info.ID + `"]')`
	rel := `document.querySelector('#view mark.related[data-r~="` + info.ID + `"]')`
	if !eval[bool](t, ctx, `(() => { `+sel+`.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})); return `+rel+`.classList.contains("linked"); })()`) {
		t.Error("hovering the 18 does not highlight the related 12")
	}
	if !eval[bool](t, ctx, `(() => { `+sel+`.click(); return `+rel+`.classList.contains("active") && document.querySelector('#findings li[data-id="`+info.ID+`"]').classList.contains("active"); })()`) {
		t.Error("clicking the 18 does not emphasise the 12 and the finding")
	}

	// The findings list works from the keyboard: Tab reaches a finding's
	// head, Enter emphasises its spans.
	eval[bool](t, ctx, `(() => { document.querySelectorAll(".active").forEach((n) => n.classList.remove("active")); return true; })()`)
	step(t, ctx, "selecting the finding with the keyboard", chromedp.Focus(chromedp.CSS("#findings button.go")), chromedp.KeyEvent("\r"))
	poll(t, ctx, "Enter on a finding emphasises its span", sel+`.classList.contains("active")`)

	// Explain shows the check's documentation.
	step(t, ctx, "explaining", chromedp.Click(chromedp.CSS("#findings button.explain")))
	if doc := eval[string](t, ctx, `document.querySelector("#findings .doc:not([hidden])").textContent`); !strings.Contains(doc, "quantity-mismatch") {
		t.Errorf("Explain shows %.80q", doc)
	}
	if got := eval[string](t, ctx, `document.querySelector("#findings .edit .diff").textContent`); !strings.Contains(got, "1812") {
		t.Errorf("the fix's diff reads %q, want 18 struck out and 12 put in", got)
	}
	screenshot(t, ctx, shots, "review-window.png", false)
	screenshot(t, ctx, shots, "review-page.png", true)

	// Apply the fix: the page edits the text and checks it again.
	step(t, ctx, "applying the fix", chromedp.Click(chromedp.CSS("#findings button.apply")))
	poll(t, ctx, "the quantity-mismatch finding is gone",
		`!Array.from(document.querySelectorAll("#findings code.check-name")).some((c) => c.textContent === "quantity-mismatch") && document.getElementById("status").textContent.startsWith("Checked")`)
	screenshot(t, ctx, shots, "review-page-fixed.png", true)

	// The download is the letter with exactly the certain fix applied.
	set := testRules(t)
	res := (&engine.Engine{Rules: set, Checks: check.All}).CheckBytes("letter.txt", src)
	want := string(fix.Apply(src, fix.Collect(res.Findings)))
	step(t, ctx, "downloading", chromedp.Click(chromedp.ID("download")))
	got := eval[string](t, ctx, `window.__blobs[window.__blobs.length - 1].text()`, chromedp.EvalAwaitPromise)
	if got != want {
		t.Errorf("the corrected text differs from the letter with its fix applied\n--- got ---\n%s\n--- want ---\n%s", got, want)
	}

	// A letter that holds markup shows it as text, and runs nothing.
	xss := strings.Replace(string(readFixture(t)), "The request for 18", `<script>alert(1)</script> <img src=x onerror=alert(1)> The request for 18`, 1)
	xss = strings.Replace(xss, "\n\n                      IMR ISSUES", "\n\f\n                      IMR ISSUES", 1) // a page break
	step(t, ctx, "checking a letter with markup",
		chromedp.SetValue(chromedp.ID("letter"), xss),
		chromedp.Click(chromedp.ID("check")),
	)
	poll(t, ctx, "the letter with markup is shown", `document.getElementById("view").textContent.includes("<img src=x onerror=alert(1)>")`)
	type domInfo struct {
		Elements   int    `json:"elements"`
		Alerts     int    `json:"alerts"`
		Text       string `json:"text"`
		PageBreaks int    `json:"pageBreaks"`
	}
	d := eval[domInfo](t, ctx, `({
	  elements: document.querySelectorAll("#view img, #view script, #findings img, #findings script, #items img, #items script, body img").length,
	  alerts: window.__alerts,
	  text: document.getElementById("view").textContent,
	  pageBreaks: document.querySelectorAll("#view .page-break").length,
	})`)
	if d.PageBreaks != 1 {
		t.Errorf("%d page breaks shown, want 1", d.PageBreaks)
	}
	step(t, ctx, "scrolling to the page break", chromedp.ScrollIntoView(chromedp.CSS("#view .page-break")))
	screenshot(t, ctx, shots, "review-markup.png", false)
	if d.Elements != 0 || d.Alerts != 0 {
		t.Errorf("the letter's markup became elements (%d) or ran (%d alerts)", d.Elements, d.Alerts)
	}
	if !strings.Contains(d.Text, "<script>alert(1)</script>") {
		t.Error("the letter's <script> text is not shown as text")
	}
	if d.Text != xss {
		t.Error("the letter view's text differs from the letter")
	}

	for _, m := range console() {
		if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || m.Type == chromedp.ConsoleError {
			t.Errorf("console: %s", m)
		}
	}
}

// A CRLF letter chosen as a file keeps its CRLFs through a fix and the
// download, although the textarea shows it with LFs.
func TestBrowserFileUploadCRLF(t *testing.T) {
	ctx, console := browserTab(t, 2*time.Minute)
	h, _ := newHandler(t, 0)
	srv := httptest.NewServer(h)
	defer srv.Close()

	src := bytes.ReplaceAll(readFixture(t), []byte("\n"), []byte("\r\n"))
	path := filepath.Join(t.TempDir(), "crlf-letter.txt")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
	eval[bool](t, ctx, captureBlobs)
	step(t, ctx, "choosing the file",
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{path}),
		chromedp.WaitVisible(chromedp.CSS("#view mark.sev-error")),
	)
	if name := eval[string](t, ctx, `document.getElementById("result-name").textContent`); !strings.Contains(name, "crlf-letter.txt") {
		t.Errorf("results are named %q", name)
	}
	step(t, ctx, "applying the fix", chromedp.Click(chromedp.CSS("#findings button.apply")))
	poll(t, ctx, "the finding is gone", `document.querySelectorAll("#findings li").length === 0 && !document.getElementById("nofindings").hidden`)
	step(t, ctx, "downloading", chromedp.Click(chromedp.ID("download")))
	got := eval[string](t, ctx, `window.__blobs[window.__blobs.length - 1].text()`, chromedp.EvalAwaitPromise)
	want := strings.Replace(string(src), "The request for 18", "The request for 12", 1)
	if got != want {
		t.Errorf("the corrected CRLF letter differs (CRLFs kept: %v)", strings.Count(got, "\r\n") == strings.Count(want, "\r\n"))
	}
	if n := eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(n, "no findings") {
		t.Errorf("status %q", n)
	}
	browsertest.NoConsoleErrors(t, console())
}

// A PDF chosen as a file is read by the server and shown as its text,
// its page breaks as rules; its fix applies to that text.
func TestBrowserPDF(t *testing.T) {
	path, err := filepath.Abs("../../testdata/docs/fault-2014-quantity-mismatch.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent: %v", path, err)
	}
	ctx, console := reviewPage(t)
	step(t, ctx, "choosing the PDF",
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{path}),
		chromedp.WaitVisible(chromedp.CSS("#view mark.sev-error")),
	)
	if got := eval[string](t, ctx, `Array.from(document.querySelectorAll("#view mark.primary")).map((m) => m.textContent).join(",")`); got != "18" {
		t.Errorf("marked %q in the PDF's text, want 18", got)
	}
	screenshot(t, ctx, t.TempDir(), "review-pdf.png", true)
	step(t, ctx, "applying the fix", chromedp.Click(chromedp.CSS("#findings button.apply")))
	poll(t, ctx, "the finding is gone", `!document.getElementById("nofindings").hidden`)
	browsertest.NoConsoleErrors(t, console())
}

// With a token, the page opened with ?token= loads its script and style
// and checks letters: the cookie carries the token for them.
func TestBrowserToken(t *testing.T) {
	ctx, console := browserTab(t, 2*time.Minute)
	h, _ := newHandler(t, 0)
	srv := httptest.NewServer(guard(h, "s3cret", false))
	defer srv.Close()
	step(t, ctx, "opening the page with the token", chromedp.Navigate(srv.URL+"/?token=s3cret"), chromedp.WaitVisible(chromedp.ID("letter")))
	if loc := eval[string](t, ctx, `location.href`); strings.Contains(loc, "token") {
		t.Errorf("the token stays in the address bar: %s", loc)
	}
	step(t, ctx, "checking",
		chromedp.SetValue(chromedp.ID("letter"), string(readFixture(t))),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS("#view mark.sev-error")),
	)
	browsertest.NoConsoleErrors(t, console())
}

// The page's own script sends X-Imrlint: 1 with its API calls, so it
// checks letters; a same-origin fetch from the page without the header
// is refused with 403, as a form posted to the API would be.
func TestBrowserClientHeader(t *testing.T) {
	ctx, console := reviewPage(t)
	type answers struct {
		Without int `json:"without"`
		With    int `json:"with"`
	}
	got := eval[answers](t, ctx, `(async () => {
	  const send = (headers) => fetch("/api/check", { method: "POST", body: "x", headers: { "Content-Type": "text/plain", ...headers } }).then((r) => r.status);
	  return { without: await send({}), with: await send({ "X-Imrlint": "1" }) };
	})()`, chromedp.EvalAwaitPromise)
	if got.Without != 403 {
		t.Errorf("a same-origin fetch without X-Imrlint was answered %d, want 403", got.Without)
	}
	if got.With != 200 {
		t.Errorf("a same-origin fetch with X-Imrlint: 1 was answered %d, want 200", got.With)
	}
	step(t, ctx, "checking through the page",
		chromedp.SetValue(chromedp.ID("letter"), string(readFixture(t))),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS("#view mark.sev-error")),
	)
	poll(t, ctx, "the version is shown", `document.getElementById("version").textContent === "imrlint test"`)
	for _, m := range console() {
		if m.IsException() {
			t.Errorf("console: %s", m)
		}
	}
}

// A check over the server's time budget is a 503 whose JSON error the
// page shows, and the page can check the next letter.
func TestBrowserOverBudget(t *testing.T) {
	ctx, console := browserTab(t, 2*time.Minute)
	h, s, _ := budgetServer(t, 100*time.Millisecond)
	release := make(chan struct{})
	check := s.checkOne
	s.checkOne = func(ctx context.Context, name string, data []byte) engine.Result {
		if string(data) == "a letter slow to check" {
			<-release
		}
		return check(ctx, name, data)
	}
	defer waitIdle(t, s)
	defer close(release)
	srv := httptest.NewServer(h)
	defer srv.Close()
	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
	step(t, ctx, "checking a letter slow to check",
		chromedp.SetValue(chromedp.ID("letter"), "a letter slow to check"),
		chromedp.Click(chromedp.ID("check")),
	)
	poll(t, ctx, "the page shows the budget's error", `document.getElementById("status").textContent.includes("took longer than this server allows (100ms)")`)
	if cls := eval[string](t, ctx, `document.getElementById("status").className`); !strings.Contains(cls, "status-error") {
		t.Errorf("the status is shown as %q, not as an error", cls)
	}
	step(t, ctx, "checking a letter next",
		chromedp.SetValue(chromedp.ID("letter"), string(readFixture(t))),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS("#view mark.sev-error")),
	)
	for _, m := range console() {
		if m.IsException() {
			t.Errorf("console: %s", m)
		}
	}
}

// isWordRune reports whether r is part of a word, as the page counts
// them (letters, digits, an apostrophe or hyphen inside one).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("_'’-", r)
}

// The fix's preview starts and ends at word boundaries: where the
// server's context is clipped inside a word ("…rted by the guidelines"),
// the page drops the partial word.
func TestBrowserFixPreviewWordBoundaries(t *testing.T) {
	// One long line around the fix, so that its context is clipped on
	// both sides.
	letter := strings.Replace(string(readFixture(t)), "massage therapy for\nthe right wrist/hand", "massage therapy for the right wrist/hand", 1)
	h, _ := newHandler(t, 0)
	w := post(h, "/api/view", "text/plain", []byte(letter))
	var v report.ViewReport
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || len(v.Files) != 1 {
		t.Fatalf("view: %v %.200s", err, w.Body)
	}
	var fix *report.ViewEdit
	for _, x := range v.Files[0].Findings {
		if x.Fix != nil {
			fix = x.Fix
		}
	}
	if fix == nil {
		t.Fatal("the letter has no fix")
	}
	// The test's premise: the server's context is cut inside words.
	midWord := func(s string, first bool) bool {
		r := []rune(strings.Trim(s, "…"))
		if first {
			return len(r) > 0 && isWordRune(r[0])
		}
		return len(r) > 0 && isWordRune(r[len(r)-1])
	}
	if !strings.HasPrefix(fix.ContextBefore, "…") || !midWord(fix.ContextBefore, true) || !strings.HasSuffix(fix.ContextAfter, "…") || !midWord(fix.ContextAfter, false) {
		t.Logf("the server's context is not cut inside words (%q, %q): the page has nothing to mend", fix.ContextBefore, fix.ContextAfter)
	}

	ctx, console := browserTab(t, 2*time.Minute)
	srv := httptest.NewServer(h)
	defer srv.Close()
	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
	step(t, ctx, "checking",
		chromedp.SetValue(chromedp.ID("letter"), letter),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS("#findings .edit .diff")),
	)
	ctxs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#findings .edit .diff .ctx")).map((e) => e.textContent)`)
	if len(ctxs) != 2 {
		t.Fatalf("the diff shows %d context spans, want 2", len(ctxs))
	}
	before, after := ctxs[0], ctxs[1]
	start := fix.Span.Offsets.Start // bytes: the letter is ASCII around it
	end := fix.Span.Offsets.End
	b := strings.TrimPrefix(before, "…")
	a := strings.TrimSuffix(after, "…")
	if !strings.HasSuffix(letter[:start], b) || !strings.HasPrefix(letter[end:], a) {
		t.Fatalf("the preview's context %q / %q is not the letter's around the fix", before, after)
	}
	// Where the preview starts and ends, the letter has no word going on.
	if i := start - len(b); i > 0 && b != "" && isWordRune(rune(letter[i-1])) && isWordRune(rune(b[0])) {
		t.Errorf("the preview starts inside a word: %q (the letter goes on %q)", before, letter[max(0, i-10):i])
	}
	if j := end + len(a); j < len(letter) && a != "" && isWordRune(rune(letter[j])) && isWordRune(rune(a[len(a)-1])) {
		t.Errorf("the preview ends inside a word: %q (the letter goes on %q)", after, letter[j:min(len(letter), j+10)])
	}
	if !strings.HasPrefix(before, "…") || !strings.HasSuffix(after, "…") {
		t.Errorf("the clipped preview lost its ellipses: %q / %q", before, after)
	}
	t.Logf("server context %q / %q; page shows %q / %q", fix.ContextBefore, fix.ContextAfter, before, after)
	browsertest.NoConsoleErrors(t, console())
}

// A PDF letter's findings say page and line, as the command line's text
// report does ("(page 2, line 14)", position.PageLine), not the line and
// column of its extracted text; a text letter's keep line and column.
func TestBrowserPDFPageLine(t *testing.T) {
	// The fixture letter as a two-page PDF: the fault (line 56) is on
	// page 2, its related place (line 42) on page 1.
	lines := strings.Split(strings.TrimSuffix(string(readFixture(t)), "\n"), "\n")
	data := textPDF(t, [][]string{lines[:45], lines[45:]})
	path := filepath.Join(t.TempDir(), "two-pages.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	// Where the command line puts the finding and its related place.
	res := (&engine.Engine{Rules: testRules(t), Checks: check.All}).Check("letter.pdf", data)
	if res.Err != nil || len(res.Findings) != 1 || len(res.Findings[0].Related) != 1 {
		t.Fatalf("the PDF's findings: %v %+v", res.Err, res.Findings)
	}
	at := func(off int) string {
		p, l := position.PageLine(res.Src, off)
		return fmt.Sprintf("page %d, line %d", p, l)
	}
	want, wantRel := at(res.Findings[0].Span.Start), at(res.Findings[0].Related[0].Span.Start)
	if want != "page 2, line 11" || wantRel != "page 1, line 42" {
		t.Fatalf("the command line puts the finding at %s, related %s: not the test's two pages", want, wantRel)
	}

	ctx, console := reviewPage(t)
	step(t, ctx, "choosing the PDF",
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{path}),
		chromedp.WaitVisible(chromedp.CSS("#findings .where")),
	)
	got := eval[[]string](t, ctx, `[document.querySelector("#findings .where").textContent, document.querySelector("#findings .related-list button").textContent]`)
	if got[0] != want || got[1] != wantRel {
		t.Errorf("the PDF's finding is shown at %q, related %q; the command line says %q, related %q", got[0], got[1], want, wantRel)
	}

	// A text letter: line and column, as before.
	step(t, ctx, "checking a text letter",
		chromedp.SetValue(chromedp.ID("letter"), string(readFixture(t))),
		chromedp.Click(chromedp.ID("check")),
	)
	poll(t, ctx, "the text letter's result", `document.getElementById("result-name").textContent.includes("(")  && document.querySelector("#findings .where").textContent.startsWith("line ")`)
	if got := eval[string](t, ctx, `document.querySelector("#findings .where").textContent`); got != "line 56, column 60" {
		t.Errorf("the text letter's finding is shown at %q, want line 56, column 60", got)
	}
	browsertest.NoConsoleErrors(t, console())
}

// The findings column stays in view while the letter scrolls (CSS
// position: sticky): scrolled to the letter's end, the column's top is
// still within the window, and its first finding can be clicked.
func TestBrowserStickyFindings(t *testing.T) {
	// A long letter: the fixture and many lines after it.
	letter := string(readFixture(t)) + strings.Repeat("This line only makes the letter long enough to scroll.\n", 300)
	ctx, console := reviewPage(t)
	step(t, ctx, "checking a long letter",
		chromedp.SetValue(chromedp.ID("letter"), letter),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS("#findings button.go")),
	)
	type rects struct {
		Inner     float64 `json:"inner"`
		Scrolled  float64 `json:"scrolled"`
		LetterBot float64 `json:"letterBottom"`
		ColTop    float64 `json:"colTop"`
		ColBottom float64 `json:"colBottom"`
		FirstTop  float64 `json:"firstTop"`
		FirstBot  float64 `json:"firstBottom"`
		Position  string  `json:"position"`
	}
	measure := `(() => {
	  const col = document.querySelector(".findings-wrap").getBoundingClientRect();
	  const first = document.querySelector("#findings button.go").getBoundingClientRect();
	  return { inner: window.innerHeight, scrolled: window.scrollY,
	    letterBottom: document.getElementById("view").getBoundingClientRect().bottom,
	    colTop: col.top, colBottom: col.bottom, firstTop: first.top, firstBottom: first.bottom,
	    position: getComputedStyle(document.querySelector(".findings-wrap")).position };
	})()`
	for _, size := range []struct {
		w, h  int64
		where string
	}{{1400, 1000, "the middle of the letter"}, {1400, 1000, "the end of the letter"}, {800, 900, "the middle of the letter"}, {800, 900, "the end of the letter"}} {
		where := size.where
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: size.w, Height: size.h, DeviceScaleFactor: 1}); err != nil {
			t.Fatalf("a window of %dx%d: %v", size.w, size.h, err)
		}
		t.Logf("window %dx%d, %s", size.w, size.h, where)
		js := `(() => { const v = document.getElementById("view"); window.scrollTo(0, v.getBoundingClientRect().top + window.scrollY + v.offsetHeight / 2); return true; })()`
		if where == "the end of the letter" {
			js = `(() => { const v = document.getElementById("view"); window.scrollTo(0, v.getBoundingClientRect().bottom + window.scrollY - window.innerHeight); return true; })()`
		}
		eval[bool](t, ctx, js)
		r := eval[rects](t, ctx, measure)
		if r.Scrolled < r.Inner {
			t.Fatalf("scrolled to %s, the page moved only %.0f px (window %.0f px): the letter is not long enough to test", where, r.Scrolled, r.Inner)
		}
		if r.LetterBot < r.Inner/2 {
			t.Errorf("scrolled to %s, the letter ends at %.0f px: not beside the column", where, r.LetterBot)
		}
		if r.ColTop < 0 || r.ColTop > r.Inner || r.FirstTop < 0 || r.FirstBot > r.Inner {
			t.Errorf("scrolled %.0f px to %s, the findings column is at %.0f..%.0f px and its first finding at %.0f..%.0f px, out of the %.0f px window (position %s)",
				r.Scrolled, where, r.ColTop, r.ColBottom, r.FirstTop, r.FirstBot, r.Inner, r.Position)
		}
	}
	// Still there to be used: clicking the first finding selects it.
	step(t, ctx, "clicking the first finding", chromedp.Click(chromedp.CSS("#findings button.go")))
	poll(t, ctx, "the finding is selected", `document.querySelector("#findings li.active") !== null`)
	screenshot(t, ctx, t.TempDir(), "review-sticky.png", false)
	browsertest.NoConsoleErrors(t, console())
}
