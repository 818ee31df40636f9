// Package browsertest starts headless Chromium for the tests that open a
// page in a browser: the HTML report (internal/report) and the review page
// (internal/server). It is imported only from _test.go files: no command
// and no package's own code uses it (TestArchitecture holds this), and it
// imports nothing of the project.
package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's Chromium (packages chromium and
// chromium-driver).
const ChromiumPath = "/usr/bin/chromium"

// Start starts a headless Chromium with a fresh profile (a directory of
// t.TempDir), no network use of its own and a window of width × height,
// and returns a tab's context and a function that returns the console
// messages the page has written so far (exceptions, CSP violations, calls
// of the console API). The timeout bounds the browser's whole life: when it
// ends, chromedp kills the browser and every step fails at once. The
// browser is closed when the test ends. Where ChromiumPath is absent, the
// test is skipped, saying what to install.
func Start(t testing.TB, timeout time.Duration, width, height int) (context.Context, func() []chromedp.ConsoleMessage) {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		t.Skipf("%s is absent, so this test does not run in a browser: install the Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver)", ChromiumPath)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(ChromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	t.Cleanup(acancel)
	tctx, tcancel := chromedp.NewContext(actx)
	t.Cleanup(tcancel)
	if err := chromedp.Do(tctx); err != nil { // starts the browser
		t.Fatalf("starting %s: %v", ChromiumPath, err)
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

// Do runs actions in the tab of ctx with a deadline of their own, so that
// a hang names the step that hung: what, in the test's failure.
func Do(t testing.TB, ctx context.Context, timeout time.Duration, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Eval evaluates the JavaScript expression expr in the tab of ctx, with a
// deadline of its own, and returns its value as a T.
func Eval[T any](t testing.TB, ctx context.Context, timeout time.Duration, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", expr, err)
	}
	return v
}

// SaveScreenshot writes the PNG png as name in dir, and in
// $IMRLINT_SCREENSHOT_DIR when that is set, to look at after the run.
func SaveScreenshot(t testing.TB, png []byte, dir, name string) {
	t.Helper()
	for _, d := range []string{dir, os.Getenv("IMRLINT_SCREENSHOT_DIR")} {
		if d == "" {
			continue
		}
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}

// NoConsoleErrors fails the test for each message of msgs that is an
// uncaught exception or an error, naming its type and text.
func NoConsoleErrors(t testing.TB, msgs []chromedp.ConsoleMessage) {
	t.Helper()
	for _, m := range msgs {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console %s", m)
		}
	}
}
