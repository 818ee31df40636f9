package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/report"
	"github.com/imrlint/imrlint/internal/rules"
)

// The project's own letter with a quantity mismatch (12 in the header, 18
// in the rationale), and the real seed letter beside the clone.
const (
	fixturePath = "../../testdata/letters/fault-2014-quantity-mismatch.txt"
	seedPath    = "../../../shared/letters/000_1fa992746e5b65d8.txt"
)

var (
	setOnce sync.Once
	setVal  *rules.Set
	setErr  error
)

func testRules(t testing.TB) *rules.Set {
	t.Helper()
	setOnce.Do(func() { setVal, setErr = rules.Default() })
	if setErr != nil {
		t.Fatalf("loading the built-in rules: %v", setErr)
	}
	return setVal
}

// syncBuffer is a log destination the handler's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newHandler(t testing.TB, maxBody int64) (http.Handler, *syncBuffer) {
	t.Helper()
	set := testRules(t)
	logs := &syncBuffer{}
	h := New(Config{
		Engine:  &engine.Engine{Rules: set, Checks: check.All},
		Rules:   set,
		Logger:  slog.New(slog.NewTextHandler(logs, nil)),
		MaxBody: maxBody,
		Version: "test",
	})
	return h, logs
}

func readFixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func do(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// apiRequest is a request to the API as the review page or a script
// sends it: with ClientHeader.
func apiRequest(method, target string, body io.Reader) *http.Request {
	req := httptest.NewRequest(method, target, body)
	req.Header.Set(ClientHeader, "1")
	return req
}

func post(h http.Handler, target, ctype string, body []byte) *httptest.ResponseRecorder {
	req := apiRequest(http.MethodPost, target, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return do(h, req)
}

// form builds a multipart body: parts are (field, filename, content).
func form(t testing.TB, parts ...[3]string) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p[1] != "" {
			w, err = mw.CreateFormFile(p[0], p[1])
		} else {
			w, err = mw.CreateFormField(p[0])
		}
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p[2])
	}
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

func errorOf(t testing.TB, w *httptest.ResponseRecorder) string {
	t.Helper()
	var e struct{ Error string }
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("answer is not JSON (%v): %s", err, w.Body)
	}
	return e.Error
}

func TestPageAndHeaders(t *testing.T) {
	h, _ := newHandler(t, 0)
	w := do(h, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET / = %d", w.Code)
	}
	hd := w.Header()
	for k, want := range map[string]string{
		"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"Content-Type":            "text/html; charset=utf-8",
	} {
		if got := hd.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	page := w.Body.String()
	for _, want := range []string{`<script src="/assets/app.js"`, `<link rel="stylesheet" href="/assets/app.css">`, `id="letter"`, `id="check"`, `id="findings"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The CSP forbids inline script and style: the page must have none.
	if strings.Contains(page, "<style") || strings.Contains(page, "<script>") || strings.Contains(page, " style=") || strings.Contains(page, "onclick") {
		t.Error("page has inline script or style, which the CSP blocks")
	}
	for _, bad := range []string{"http://", "https://", "//cdn"} {
		if strings.Contains(page, bad) {
			t.Errorf("page names an outside resource (%s)", bad)
		}
	}

	for path, ctype := range map[string]string{"/assets/app.js": "text/javascript; charset=utf-8", "/assets/app.css": "text/css; charset=utf-8", "/assets/icon.svg": "image/svg+xml"} {
		w := do(h, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != ctype || w.Body.Len() == 0 {
			t.Errorf("GET %s = %d %q (%d bytes)", path, w.Code, w.Header().Get("Content-Type"), w.Body.Len())
		}
		if w.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s has no CSP", path)
		}
	}
	js := do(h, httptest.NewRequest(http.MethodGet, "/assets/app.js", nil)).Body.String()
	if strings.Contains(js, "innerHTML") || strings.Contains(js, "insertAdjacentHTML") || strings.Contains(js, "document.write") {
		t.Error("app.js uses an HTML-parsing sink; letters must go in as text nodes")
	}
	if w := do(h, httptest.NewRequest(http.MethodHead, "/", nil)); w.Code != http.StatusOK {
		t.Errorf("HEAD / = %d", w.Code)
	}
	w = do(h, httptest.NewRequest(http.MethodGet, "/api/version", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"version":"test"`) {
		t.Errorf("GET /api/version = %d %s", w.Code, w.Body)
	}
}

// /api/check answers exactly what `imrlint check --format json` prints.
func TestCheckTextPlain(t *testing.T) {
	h, _ := newHandler(t, 0)
	src := readFixture(t)
	w := post(h, "/api/check?name=fault-2014-quantity-mismatch.txt", "text/plain; charset=utf-8", src)
	if w.Code != http.StatusOK {
		t.Fatalf("POST /api/check = %d: %s", w.Code, w.Body)
	}
	if cc := w.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	var rep report.JSONReport
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 1 || rep.Files[0].Path != "fault-2014-quantity-mismatch.txt" {
		t.Fatalf("files = %+v", rep.Files)
	}
	var found bool
	for _, f := range rep.Files[0].Findings {
		if f.Check == "quantity-mismatch" && f.Fix != nil && f.Fix.Replacement == "12" && f.Line == 56 && f.Column == 60 && len(f.Related) == 1 && f.Related[0].Line == 42 {
			found = true
		}
	}
	if !found {
		t.Errorf("no quantity-mismatch at 56:60 with fix 12 and related 42: %s", w.Body)
	}

	// Byte for byte the command line's JSON.
	set := testRules(t)
	e := &engine.Engine{Rules: set, Checks: check.All}
	var want bytes.Buffer
	json, _ := report.Lookup("json")
	files := engine.ReportFiles([]engine.Result{e.CheckBytes("fault-2014-quantity-mismatch.txt", src)}, set, false)
	if err := report.Write(&want, json, files, report.Options{Version: "test"}, report.Extra{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Body.Bytes(), want.Bytes()) {
		t.Errorf("answer differs from the JSON report\n--- got ---\n%s\n--- want ---\n%s", w.Body, want.Bytes())
	}

	// Without ?name= the file is letter.txt.
	w = post(h, "/api/check", "text/plain", src)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"path": "letter.txt"`) {
		t.Errorf("unnamed letter: %d %s", w.Code, w.Body)
	}
}

func TestCheckMultipart(t *testing.T) {
	h, _ := newHandler(t, 0)
	src := string(readFixture(t))
	body, ctype := form(t, [3]string{"file", `C:\letters\q.txt`, src}, [3]string{"submit", "", "Check"}, [3]string{"text", "", src})
	w := post(h, "/api/check", ctype, body)
	if w.Code != http.StatusOK {
		t.Fatalf("multipart = %d: %s", w.Code, w.Body)
	}
	var rep report.JSONReport
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 2 || rep.Files[0].Path != "q.txt" || rep.Files[1].Path != "pasted.txt" {
		t.Fatalf("files: %+v", rep.Files)
	}
	for _, f := range rep.Files {
		if len(f.Findings) == 0 || f.Findings[0].Check != "quantity-mismatch" {
			t.Errorf("%s: findings %+v", f.Path, f.Findings)
		}
	}
	if rep.Summary.Files != 2 || rep.Summary.Errors != 2 {
		t.Errorf("summary %+v", rep.Summary)
	}

	body, ctype = form(t, [3]string{"other", "", "x"})
	if w := post(h, "/api/check", ctype, body); w.Code != http.StatusBadRequest {
		t.Errorf("form without a letter = %d", w.Code)
	}
}

// u16 slices s by UTF-16 offsets, as the page's JavaScript does.
func u16(s string, a, b int) string {
	u := utf16.Encode([]rune(s))
	return string(utf16.Decode(u[a:b]))
}

func TestView(t *testing.T) {
	h, _ := newHandler(t, 0)
	// A curly quote and an emoji before the fault make byte, rune and
	// UTF-16 offsets differ.
	src := strings.Replace(string(readFixture(t)), "Case Number:", "“Case” 👩‍⚕️ Number:", 1)
	w := post(h, "/api/view?name=q.txt", "text/plain", []byte(src))
	if w.Code != http.StatusOK {
		t.Fatalf("POST /api/view = %d: %s", w.Code, w.Body)
	}
	var v report.ViewReport
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	f := v.Files[0]
	if f.Text != src {
		t.Fatal("view text is not the letter")
	}
	if len(f.Findings) != 1 || f.Findings[0].Check != "quantity-mismatch" {
		t.Fatalf("findings %+v", f.Findings)
	}
	x := f.Findings[0]
	o := x.Span.Offsets
	if src[o.Start:o.End] != "18" || u16(src, o.U16Start, o.U16End) != "18" || string([]rune(src)[o.RuneStart:o.RuneEnd]) != "18" {
		t.Errorf("offsets %+v do not point at 18", o)
	}
	ro := x.Related[0].Span.Offsets
	if u16(src, ro.U16Start, ro.U16End) != "12" {
		t.Errorf("related offsets %+v do not point at 12", ro)
	}
	if x.Fix == nil || x.Fix.Before != "18" || x.Fix.Replacement != "12" || !strings.HasSuffix(x.Fix.ContextBefore, "The request for ") || !strings.HasPrefix(x.Fix.ContextAfter, " sessions") {
		t.Errorf("fix %+v", x.Fix)
	}
	// Segments tile the text, and mark 18 and 12.
	end := 0
	var marked []string
	for _, s := range f.Segments {
		if s.Start != end {
			t.Fatalf("segments leave a gap at %d", end)
		}
		end = s.End
		if s.Marked() {
			marked = append(marked, u16(src, s.Start, s.End))
		}
	}
	if end != len(utf16.Encode([]rune(src))) {
		t.Errorf("segments end at %d", end)
	}
	if strings.Join(marked, ",") != "12,18" {
		t.Errorf("marked segments %q, want 12 and 18", marked)
	}
	if v.Checks["quantity-mismatch"].Explain == "" {
		t.Error("no explanation of quantity-mismatch")
	}
	if len(f.Items) != 1 || f.Items[0].QuantityText != "12 sessions" || len(f.Items[0].Citations) == 0 {
		t.Errorf("items %+v", f.Items)
	}
}

func TestTooLarge(t *testing.T) {
	h, _ := newHandler(t, 4096)
	big := bytes.Repeat(readFixture(t), 3)
	w := post(h, "/api/check", "text/plain", big)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(errorOf(t, w), "up to 4.0 KiB") {
		t.Errorf("oversized text = %d %s", w.Code, w.Body)
	}
	// A body of unknown length is cut off at the limit too.
	req := apiRequest(http.MethodPost, "/api/view", io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "text/plain")
	if w := do(h, req); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized chunked text = %d %s", w.Code, w.Body)
	}
	body, ctype := form(t, [3]string{"file", "big.txt", string(big)})
	req = apiRequest(http.MethodPost, "/api/check", bytes.NewReader(body))
	req.ContentLength = -1
	req.Header.Set("Content-Type", ctype)
	if w := do(h, req); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized multipart = %d %s", w.Code, w.Body)
	}
}

func TestMethodsAndPaths(t *testing.T) {
	h, _ := newHandler(t, 0)
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/api/check", 405},
		{"GET", "/api/view", 405},
		{"PUT", "/api/check", 405},
		{"POST", "/", 405},
		{"DELETE", "/assets/app.js", 405},
		{"POST", "/api/version", 405},
		{"GET", "/nope", 404},
		{"GET", "/api", 404},
		{"GET", "/api/", 404},
		{"GET", "/assets/", 404},
		{"GET", "/assets", 404},
		{"GET", "/assets/index.html", 404},
		{"GET", "/assets/../../go.mod", 404},
		{"GET", "/assets/..%2f..%2fgo.mod", 404},
		{"GET", "/assets/%2e%2e/%2e%2e/go.mod", 404},
		{"GET", "/../go.mod", 404},
		{"GET", "/go.mod", 404},
		{"GET", "/assets/app.js/", 404},
	} {
		req := httptest.NewRequest(c.method, "/", nil)
		req.URL.Path, req.URL.RawPath = c.path, "" // kept as sent, dots and all
		if strings.Contains(c.path, "%") {
			req = httptest.NewRequest(c.method, c.path, nil)
		}
		w := do(h, req)
		if w.Code != c.want {
			t.Errorf("%s %s = %d, want %d", c.method, c.path, w.Code, c.want)
		}
		if c.want == 405 && w.Header().Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", c.method, c.path)
		}
		if strings.Contains(w.Body.String(), "module github.com") {
			t.Errorf("%s %s served go.mod", c.method, c.path)
		}
	}

	// Over a real connection too, with redirects not followed: the path
	// must not be cleaned into a redirect to a file.
	srv := httptest.NewServer(h)
	defer srv.Close()
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 10 * time.Second}
	for _, p := range []string{"/assets/../../go.mod", "/assets/../assets/app.js", "/./go.mod"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+p+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		raw, _ := io.ReadAll(conn)
		conn.Close()
		if !strings.HasPrefix(string(raw), "HTTP/1.1 404") || strings.Contains(string(raw), "module github.com") {
			t.Errorf("raw GET %s: %.60q", p, raw)
		}
	}
	resp, err := cl.Get(srv.URL + "/assets/app.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /assets/app.js over the network = %d", resp.StatusCode)
	}
}

func TestMediaTypes(t *testing.T) {
	h, _ := newHandler(t, 0)
	pdf := []byte("%PDF-1.7\n...")
	for _, c := range []struct {
		ctype string
		body  []byte
		want  int
		msg   string
	}{
		{"application/pdf", pdf, http.StatusUnprocessableEntity, ""},
		{mediaDOCX, []byte("PK\x03\x04"), http.StatusUnprocessableEntity, ""},
		{"application/json", []byte(`{}`), 415, "unsupported media type"},
		{"", []byte("x"), 415, "text/plain"},
		{"text/plain; charset=utf-16", []byte("x"), 415, "UTF-8"},
	} {
		w := post(h, "/api/check", c.ctype, c.body)
		if c.want == http.StatusUnprocessableEntity {
			// PDF and DOCX are read: a broken one is reported in the
			// contract, as unreadable.
			var rep report.JSONReport
			if w.Code != http.StatusUnprocessableEntity || json.Unmarshal(w.Body.Bytes(), &rep) != nil || rep.Files[0].Error == "" {
				t.Errorf("%q, broken: %d %s", c.ctype, w.Code, w.Body)
			}
			continue
		}
		if w.Code != c.want || !strings.Contains(errorOf(t, w), c.msg) {
			t.Errorf("%q: %d %s", c.ctype, w.Code, w.Body)
		}
	}
}

// PDF and DOCX letters are read (engine.Engine.Check), as the body or as
// a form's file.
func TestDocuments(t *testing.T) {
	const dir = "../../testdata/docs/"
	h, _ := newHandler(t, 0)
	read := func(name string) []byte {
		b, err := os.ReadFile(dir + name)
		if err != nil {
			t.Skipf("%s%s absent: %v", dir, name, err)
		}
		return b
	}
	findings := func(w *httptest.ResponseRecorder) []string {
		var rep report.JSONReport
		if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil || len(rep.Files) != 1 {
			t.Fatalf("%v: %s", err, w.Body)
		}
		var l []string
		for _, f := range rep.Files[0].Findings {
			l = append(l, f.Check)
		}
		if rep.Files[0].Error != "" {
			l = append(l, "error: "+rep.Files[0].Error)
		}
		return l
	}
	pdf, docx := read("fault-2014-quantity-mismatch.pdf"), read("fault-2014-quantity-mismatch.docx")
	if w := post(h, "/api/check?name=q.pdf", mediaPDF, pdf); w.Code != 200 || !strings.Contains(strings.Join(findings(w), ","), "quantity-mismatch") {
		t.Errorf("PDF body: %d %v", w.Code, findings(w))
	}
	body, ctype := form(t, [3]string{"file", "q.docx", string(docx)})
	if w := post(h, "/api/check", ctype, body); w.Code != 200 || !strings.Contains(strings.Join(findings(w), ","), "quantity-mismatch") {
		t.Errorf("DOCX file: %d %v", w.Code, findings(w))
	}
	// The page gets the extracted text to show and fix.
	w := post(h, "/api/view", ctype, body)
	var v report.ViewReport
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || w.Code != 200 || !strings.Contains(v.Files[0].Text, "Massage therapy") {
		t.Errorf("DOCX view: %d %v", w.Code, err)
	}
	body, ctype = form(t, [3]string{"file", "scan.pdf", string(read("bad-scanned.pdf"))})
	// A scan is reported by the no-text check, or as unreadable where the
	// build lacks it: never as clean.
	if w := post(h, "/api/check", ctype, body); !(w.Code == http.StatusUnprocessableEntity && strings.Contains(strings.Join(findings(w), ","), "error: ")) && !(w.Code == 200 && strings.Contains(strings.Join(findings(w), ","), "no-text")) {
		t.Errorf("scanned PDF: %d %v", w.Code, findings(w))
	}
	if w := post(h, "/api/check", mediaPDF, read("bad-encrypted-aes256.pdf")); w.Code != http.StatusUnprocessableEntity || !strings.Contains(strings.Join(findings(w), ","), "encrypted") {
		t.Errorf("encrypted PDF: %d %v", w.Code, findings(w))
	}
}

// A file that is not a text letter is reported in the contract, as the
// command line reports it, with 422.
func TestUnreadableLetter(t *testing.T) {
	h, _ := newHandler(t, 0)
	for name, body := range map[string][]byte{"empty": []byte("  \n"), "latin1": []byte("caf\xe9 au lait"), "nul": []byte("a\x00b")} {
		w := post(h, "/api/check?name="+name, "text/plain", body)
		if w.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", name, w.Code, w.Body)
			continue
		}
		var rep report.JSONReport
		if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil || len(rep.Files) != 1 || rep.Files[0].Error == "" || rep.Files[0].Path != name {
			t.Errorf("%s: %v %s", name, err, w.Body)
		}
	}
}

func TestPanicRecovered(t *testing.T) {
	logs := &syncBuffer{}
	s := &server{log: slog.New(slog.NewTextHandler(logs, nil))}
	secret := "Patient Jane Q. Example, date of birth 01/02/1960"
	h := s.logged(s.recovered(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(errors.New(secret)) })))
	w := do(h, httptest.NewRequest(http.MethodPost, "/api/check", strings.NewReader(secret)))
	if w.Code != 500 || errorOf(t, w) != "internal error" {
		t.Errorf("panic answered %d %s", w.Code, w.Body)
	}
	if !strings.Contains(logs.String(), "panic in handler") || strings.Contains(logs.String(), "Jane") {
		t.Errorf("log: %s", logs)
	}
}

func TestListenRefusesRemote(t *testing.T) {
	h, _ := newHandler(t, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		addr   string
		remote bool
		token  string
		ok     bool
	}{
		{"0.0.0.0:0", false, "", false},
		{":0", false, "", false},
		{"0.0.0.0:0", true, "", false},
		{"[::]:0", false, "t", false},
		{"example.com:0", false, "", false},
		{"127.0.0.1", false, "", false}, // no port
		{"127.0.0.1:0", false, "", true},
		{"localhost:0", false, "", true},
		{"[::1]:0", false, "", true},
		{"0.0.0.0:0", true, "s3cret", true},
	} {
		_, err := checkAddr(c.addr, c.remote, c.token)
		if (err == nil) != c.ok {
			t.Errorf("checkAddr(%q, %v, %q) = %v", c.addr, c.remote, c.token, err)
		}
		if !c.ok {
			if err := ListenAndServe(ctx, c.addr, c.remote, c.token, h); err == nil {
				t.Errorf("ListenAndServe(%q, %v, %q) served", c.addr, c.remote, c.token)
			}
		}
	}
	// A loopback address is served until the context ends.
	done := make(chan error, 1)
	go func() { done <- ListenAndServe(ctx, "127.0.0.1:0", false, "", h) }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("loopback: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("ListenAndServe did not stop when its context ended")
	}
}

func TestToken(t *testing.T) {
	h, logs := newHandler(t, 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, guard(h, "s3cret", false), loggerOf(h)) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String()
	cl := &http.Client{Timeout: 10 * time.Second}
	get := func(path string, hdr map[string]string) *http.Response {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := cl.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for _, c := range []struct {
		path string
		hdr  map[string]string
		want int
	}{
		{"/", nil, 401},
		{"/api/version", map[string]string{"Authorization": "Bearer nope"}, 401},
		{"/?token=nope", nil, 401},
		{"/api/version", map[string]string{"Cookie": "imrlint_token=nope"}, 401},
		{"/api/version", map[string]string{"Authorization": "Bearer s3cret"}, 200},
		{"/api/version", map[string]string{"Authorization": "bearer s3cret"}, 200},
		{"/assets/app.js", map[string]string{"Cookie": "imrlint_token=s3cret"}, 200},
	} {
		if r := get(c.path, c.hdr); r.StatusCode != c.want {
			t.Errorf("GET %s %v = %d, want %d", c.path, c.hdr, r.StatusCode, c.want)
		}
	}
	cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	r := get("/?token=s3cret", nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("GET /?token= = %d to %q, want a redirect to / that drops the token", r.StatusCode, r.Header.Get("Location"))
	}
	if r := get("/api/version?token=s3cret", nil); r.StatusCode != 200 {
		t.Errorf("GET /api/version?token= = %d", r.StatusCode)
	}
	var cookie *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == tokenCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Errorf("page opened with ?token= sets no strict HttpOnly cookie: %+v", r.Cookies())
	}
	// The API answers with the token, and refuses a letter without it.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/check", bytes.NewReader(readFixture(t)))
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set(ClientHeader, "1")
	resp, err := cl.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("POST without token = %d", resp.StatusCode)
	}
	if strings.Contains(logs.String(), "s3cret") {
		t.Error("the token was logged")
	}
}

func TestLoopbackHostCheck(t *testing.T) {
	h, _ := newHandler(t, 0)
	g := guard(h, "", true)
	for host, want := range map[string]int{"127.0.0.1:7777": 200, "localhost:7777": 200, "[::1]:7777": 200, "localhost": 200, "evil.example:7777": 421, "10.0.0.1": 421} {
		req := httptest.NewRequest(http.MethodGet, "/api/version", nil)
		req.Host = host
		if w := do(g, req); w.Code != want {
			t.Errorf("Host %s = %d, want %d", host, w.Code, want)
		}
	}
}

// Checking letters at once is safe (run with -race).
func TestConcurrent(t *testing.T) {
	h, _ := newHandler(t, 0)
	src := readFixture(t)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if w := post(h, "/api/view", "text/plain", src); w.Code != 200 {
				t.Errorf("concurrent view = %d", w.Code)
			}
		}()
	}
	wg.Wait()
}

// Nothing of a letter reaches the log: not on success, not on errors.
func TestNoLetterInLogs(t *testing.T) {
	src, err := os.ReadFile(seedPath)
	if err != nil {
		t.Logf("%s absent (%v); using the project's fixture", seedPath, err)
		src = readFixture(t)
	}
	h, logs := newHandler(t, int64(len(src))+1024)
	letter := string(src)
	requests := []func() *httptest.ResponseRecorder{
		func() *httptest.ResponseRecorder {
			return post(h, "/api/check", "text/plain", src)
		},
		func() *httptest.ResponseRecorder { return post(h, "/api/view", "text/plain", src) },
		func() *httptest.ResponseRecorder { // oversized
			return post(h, "/api/check", "text/plain", append(append([]byte{}, src...), src...))
		},
		func() *httptest.ResponseRecorder { // oversized, length unknown
			req := apiRequest(http.MethodPost, "/api/view", io.MultiReader(bytes.NewReader(src), bytes.NewReader(src)))
			req.ContentLength = -1
			req.Header.Set("Content-Type", "text/plain")
			return do(h, req)
		},
		func() *httptest.ResponseRecorder { // malformed multipart: no closing boundary, bad part header
			body := "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n" + letter
			return post(h, "/api/check", "multipart/form-data; boundary=XYZ", []byte(body))
		},
		func() *httptest.ResponseRecorder {
			body := "--XYZ\r\n" + strings.ReplaceAll(letter[:200], "\n", " ") + "\r\n\r\nx\r\n--XYZ--\r\n"
			return post(h, "/api/view", "multipart/form-data; boundary=XYZ", []byte(body))
		},
		func() *httptest.ResponseRecorder { // no boundary at all
			return post(h, "/api/check", "multipart/form-data", src)
		},
		func() *httptest.ResponseRecorder { // a letter as a PDF, unsupported
			return post(h, "/api/check", "application/pdf", append([]byte("%PDF-1.4\n"), src...))
		},
		func() *httptest.ResponseRecorder { // invalid UTF-8 inside the letter
			return post(h, "/api/check", "text/plain", append(append([]byte{}, src...), 0xff))
		},
		func() *httptest.ResponseRecorder { // a wrong media type
			return post(h, "/api/check", "application/x-www-form-urlencoded", src)
		},
		func() *httptest.ResponseRecorder { // a letter sent to a wrong path and method
			return post(h, "/api/checks", "text/plain", src)
		},
		func() *httptest.ResponseRecorder {
			req := apiRequest(http.MethodPut, "/api/check", bytes.NewReader(src))
			return do(h, req)
		},
	}
	var statuses []int
	for _, r := range requests {
		statuses = append(statuses, r().Code)
	}
	t.Logf("statuses %v", statuses)
	out := logs.String()
	if n := strings.Count(out, "\n"); n != len(requests) {
		t.Errorf("%d log lines for %d requests:\n%s", n, len(requests), out)
	}
	if leak := sharedSubstring(letter, out, 20); leak != "" {
		t.Errorf("the log holds letter text %q:\n%s", leak, out)
	}
}

// sharedSubstring returns a substring of n runes of letter found in log,
// skipping runs of only spaces and punctuation.
func sharedSubstring(letter, log string, n int) string {
	r := []rune(letter)
	for i := 0; i+n <= len(r); i++ {
		w := string(r[i : n+i])
		if strings.Trim(w, " \t\r\n\f-_=.*") == "" {
			continue
		}
		if strings.Contains(log, w) {
			return w
		}
	}
	return ""
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{"": "d", "a.txt": "a.txt", "../../etc/passwd": "passwd", `C:\x\y.txt`: "y.txt", "..": "d", "a\x00b\nc.txt": "abc.txt", "dir/": "d"} {
		if got := cleanName(in, "d"); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

// The leak detector finds what it is meant to.
func TestSharedSubstring(t *testing.T) {
	letter := "This 47 year old female assembly line worker developed pain"
	if sharedSubstring(letter, `msg=request path=/x note="year old female assembly"`, 20) == "" {
		t.Error("a 25-character piece of the letter went unnoticed")
	}
	if sharedSubstring(letter, "msg=request method=POST path=/api/check status=200", 20) != "" {
		t.Error("false alarm")
	}
}

// TestCrossOriginRefused: a POST from another web page (its Origin, or a
// sandboxed page's "null", or Sec-Fetch-Site cross-site) gets 403 and costs
// no reading of the body; the page's own requests and scripts' (no Origin)
// are served.
func TestCrossOriginRefused(t *testing.T) {
	h, _ := newHandler(t, 0)
	body := readFixture(t)
	for _, c := range []struct {
		name, origin, site string
		want               int
	}{
		{"another site", "https://evil.example", "cross-site", http.StatusForbidden},
		{"a sandboxed page", "null", "", http.StatusForbidden},
		{"another port", "http://127.0.0.1:9999", "same-site", http.StatusForbidden},
		{"cross-site without Origin", "", "cross-site", http.StatusForbidden},
		{"the review page", "http://example.com", "same-origin", http.StatusOK},
		{"a script", "", "", http.StatusOK},
	} {
		for _, path := range []string{"/api/check", "/api/view"} {
			read := &countingReader{r: bytes.NewReader(body)}
			req := apiRequest(http.MethodPost, path, read)
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
			if c.origin != "" {
				req.Header.Set("Origin", c.origin)
			}
			if c.site != "" {
				req.Header.Set("Sec-Fetch-Site", c.site)
			}
			w := do(h, req)
			if w.Code != c.want {
				t.Errorf("%s, %s: %d, want %d", c.name, path, w.Code, c.want)
			}
			if c.want == http.StatusForbidden && read.n > 0 {
				t.Errorf("%s, %s: %d bytes of the body read before refusing", c.name, path, read.n)
			}
		}
	}
}

type countingReader struct {
	r *bytes.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestPathNotLogged: a letter's words pasted into the address bar reach no
// log line: the log names the route, or "other" (it logged 80 characters
// of the path before).
func TestPathNotLogged(t *testing.T) {
	h, logs := newHandler(t, 0)
	const pasted = "The injured worker is a 52 year old male with low back pain"
	w := do(h, httptest.NewRequest(http.MethodGet, "/"+strings.ReplaceAll(pasted, " ", "%20"), nil))
	if w.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", w.Code)
	}
	do(h, httptest.NewRequest(http.MethodGet, "/assets/"+strings.ReplaceAll(pasted, " ", "-"), nil))
	got := logs.String()
	for _, piece := range []string{"injured", "52 year", "low back", "low-back"} {
		if strings.Contains(got, piece) {
			t.Errorf("the log holds %q: %s", piece, got)
		}
	}
	if strings.Count(got, "path=other") != 2 {
		t.Errorf("log %q: want two requests logged as path=other", got)
	}
}

// signalReader tells when its body is first read, then blocks until
// released.
type signalReader struct {
	once    sync.Once
	started chan struct{}
	release chan struct{}
}

func (s *signalReader) Read(p []byte) (int, error) {
	s.once.Do(func() { close(s.started) })
	<-s.release
	return 0, io.EOF
}

// TestBodiesBoundedBeforeRead: while eight request bodies are being read,
// a ninth request waits without reading a byte of its body: memory is
// bounded before a body is read, not after (forty 10 MB bodies were all
// buffered before).
func TestBodiesBoundedBeforeRead(t *testing.T) {
	h, _ := newHandler(t, 0)
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		sr := &signalReader{started: make(chan struct{}), release: release}
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := apiRequest(http.MethodPost, "/api/check", sr)
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
			do(h, req)
		}()
		<-sr.started
	}
	waiting := &countingReader{r: bytes.NewReader(readFixture(t))}
	done := make(chan int)
	go func() {
		req := apiRequest(http.MethodPost, "/api/check", waiting)
		req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		done <- do(h, req).Code
	}()
	select {
	case code := <-done:
		t.Fatalf("the ninth request was answered (%d) while eight bodies were being read", code)
	case <-time.After(100 * time.Millisecond):
	}
	if waiting.n != 0 {
		t.Errorf("the ninth request's body was read (%d bytes) before a slot was free", waiting.n)
	}
	close(release)
	wg.Wait()
	if code := <-done; code != http.StatusOK {
		t.Errorf("the ninth request, once a slot was free: %d, want 200", code)
	}
}

// TestClientHeaderRequired: a request that looks like the review page's
// own (same origin) but lacks X-Imrlint: 1 is refused with 403 before a
// byte of its body is read; a browser on another origin could only add
// the header after a preflight, which gets no CORS grant.
func TestClientHeaderRequired(t *testing.T) {
	h, _ := newHandler(t, 0)
	body := readFixture(t)
	for _, c := range []struct {
		name  string
		value []string // nil: no header
		want  int
	}{
		{"no header", nil, http.StatusForbidden},
		{"empty", []string{""}, http.StatusForbidden},
		{"another value", []string{"0"}, http.StatusForbidden},
		{"twice", []string{"1", "1"}, http.StatusForbidden},
		{"the page's", []string{"1"}, http.StatusOK},
	} {
		for _, path := range []string{"/api/check", "/api/view"} {
			read := &countingReader{r: bytes.NewReader(body)}
			req := httptest.NewRequest(http.MethodPost, path, read)
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
			req.Header.Set("Origin", "http://example.com") // httptest's Host
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			for _, v := range c.value {
				req.Header.Add(ClientHeader, v)
			}
			w := do(h, req)
			if w.Code != c.want {
				t.Errorf("%s, %s: %d, want %d", c.name, path, w.Code, c.want)
			}
			if c.want == http.StatusForbidden {
				if read.n > 0 {
					t.Errorf("%s, %s: %d bytes of the body read before refusing", c.name, path, read.n)
				}
				if msg := errorOf(t, w); !strings.Contains(msg, "X-Imrlint: 1") {
					t.Errorf("%s, %s: the error %q does not name the header to send", c.name, path, msg)
				}
			}
		}
	}
	// The preflight a cross-origin page would need to send the header
	// gets no grant.
	req := httptest.NewRequest(http.MethodOptions, "/api/check", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "x-imrlint")
	w := do(h, req)
	if w.Code/100 == 2 {
		t.Errorf("preflight answered %d", w.Code)
	}
	for k := range w.Header() {
		if strings.HasPrefix(k, "Access-Control-") {
			t.Errorf("preflight answered with %s: %s", k, w.Header().Get(k))
		}
	}
}

// TestViewKinds: /api/view says each file's kind, so that the page can
// show a PDF's places as page and line; /api/check's contract is
// unchanged (no kinds, lines of the text).
func TestViewKinds(t *testing.T) {
	h, _ := newHandler(t, 0)
	pdf, err := os.ReadFile("../../testdata/docs/fault-2014-quantity-mismatch.pdf")
	if err != nil {
		t.Skipf("the PDF fixture is absent: %v", err)
	}
	body, ctype := form(t, [3]string{"file", "a.pdf", string(pdf)}, [3]string{"text", "", string(readFixture(t))}, [3]string{"file", "b.pdf", "%PDF-1.4 broken"})
	w := post(h, "/api/view", ctype, body)
	var v struct {
		Kinds []string `json:"kinds"`
		Files []struct {
			Findings []struct {
				Span struct {
					Page int `json:"page"`
				} `json:"span"`
			} `json:"findings"`
		} `json:"files"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("%d %v %.200s", w.Code, err, w.Body)
	}
	if strings.Join(v.Kinds, ",") != "pdf,text," {
		t.Errorf("kinds %q, want pdf, text and none for the unreadable one", v.Kinds)
	}
	if len(v.Files) != 3 || len(v.Files[0].Findings) != 1 || v.Files[0].Findings[0].Span.Page != 0 {
		t.Errorf("the view's places changed: %.300s", w.Body)
	}
	w = post(h, "/api/check", ctype, body)
	if strings.Contains(w.Body.String(), `"kinds"`) || strings.Contains(w.Body.String(), `"page"`) {
		t.Errorf("the JSON contract gained kinds or pages: %.300s", w.Body)
	}
}
