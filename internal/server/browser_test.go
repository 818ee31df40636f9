package server

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/fix"
)

// chromiumPath is Debian's Chromium (packages chromium and chromium-driver).
const chromiumPath = "/usr/bin/chromium"

// browserTab starts a headless Chromium with a fresh profile and returns a
// tab's context, bounded by timeout, and the console messages the page
// writes (exceptions, CSP violations) as they come.
func browserTab(t *testing.T, timeout time.Duration) (context.Context, func() []chromedp.ConsoleMessage) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("%s is absent, so the page is not tested in a browser: install the Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver)", chromiumPath)
	}
	// The timeout bounds the browser's whole life: when it ends, chromedp
	// kills the browser and every step fails at once.
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	t.Cleanup(acancel)
	tctx, tcancel := chromedp.NewContext(actx)
	t.Cleanup(tcancel)
	if err := chromedp.Do(tctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}
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
	var mu sync.Mutex
	var msgs []chromedp.ConsoleMessage
	go func() {
		for m, err := range chromedp.Console(tctx) {
			if err != nil {
				return
			}
			mu.Lock()
			msgs = append(msgs, m)
			mu.Unlock()
		}
	}()
	return tctx, func() []chromedp.ConsoleMessage {
		mu.Lock()
		defer mu.Unlock()
		return append([]chromedp.ConsoleMessage(nil), msgs...)
	}
}

// step runs actions with a deadline of its own, so that a hang names the
// step that hung.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
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
	for _, d := range []string{dir, os.Getenv("IMRLINT_SCREENSHOT_DIR")} {
		if d == "" {
			continue
		}
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
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
	for _, m := range console() {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console: %s", m)
		}
	}
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
	ctx, console := browserTab(t, 2*time.Minute)
	h, _ := newHandler(t, 0)
	srv := httptest.NewServer(h)
	defer srv.Close()
	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
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
	for _, m := range console() {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console: %s", m)
		}
	}
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
	for _, m := range console() {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console: %s", m)
		}
	}
}

// The page's own script sends X-Imrlint: 1 with its API calls, so it
// checks letters; a same-origin fetch from the page without the header
// is refused with 403, as a form posted to the API would be.
func TestBrowserClientHeader(t *testing.T) {
	ctx, console := browserTab(t, 2*time.Minute)
	h, _ := newHandler(t, 0)
	srv := httptest.NewServer(h)
	defer srv.Close()
	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
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
	s.checkOne = func(name string, data []byte) engine.Result {
		if string(data) == "a letter slow to check" {
			<-release
		}
		return check(name, data)
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
