package server

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
)

// hostilePDF builds a small PDF whose pages all draw one shared content
// stream: draws text operators of about streamBytes bytes (uncompressed),
// each page runs it again. It is a few hundred KB, and reading it costs
// pages times the stream's work, whatever the limits let through.
func hostilePDF(t testing.TB, pages, streamBytes int) []byte {
	t.Helper()
	var content bytes.Buffer
	line := "BT /F1 9 Tf 72 700 Td (imrlint hostile page text imrlint hostile page text) Tj ET\n"
	for content.Len() < streamBytes {
		content.WriteString(line)
	}
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(content.Bytes())
	zw.Close()

	p := newPDF()
	// 1 catalog, 2 pages, 3 font, 4 content, 5.. the pages.
	p.obj("<< /Type /Catalog /Pages 2 0 R >>")
	var kids bytes.Buffer
	for i := 0; i < pages; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", 5+i)
	}
	p.obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), pages))
	p.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	p.stream(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>", z.Len()), z.Bytes())
	for i := 0; i < pages; i++ {
		p.obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	return p.end()
}

// pdfObjects writes a PDF's numbered objects, then its cross-reference
// table and trailer (end): the frame the tests' PDFs share.
type pdfObjects struct {
	b       bytes.Buffer
	offsets []int
}

func newPDF() *pdfObjects {
	p := &pdfObjects{}
	p.b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	return p
}

// obj writes the next object.
func (p *pdfObjects) obj(body string) {
	p.offsets = append(p.offsets, p.b.Len())
	fmt.Fprintf(&p.b, "%d 0 obj\n%s\nendobj\n", len(p.offsets), body)
}

// stream writes the next object, a stream of dict and data.
func (p *pdfObjects) stream(dict string, data []byte) {
	p.offsets = append(p.offsets, p.b.Len())
	fmt.Fprintf(&p.b, "%d 0 obj\n%s\nstream\n", len(p.offsets), dict)
	p.b.Write(data)
	p.b.WriteString("\nendstream\nendobj\n")
}

// end writes the cross-reference table and trailer (object 1 the root).
func (p *pdfObjects) end() []byte {
	xref := p.b.Len()
	fmt.Fprintf(&p.b, "xref\n0 %d\n0000000000 65535 f \n", len(p.offsets)+1)
	for _, o := range p.offsets {
		fmt.Fprintf(&p.b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&p.b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(p.offsets)+1, xref)
	return p.b.Bytes()
}

// budgetServer is a handler from New with the given time budget, and its
// server, whose lanes and checks a test may reach into.
func budgetServer(t testing.TB, budget time.Duration) (http.Handler, *server, *syncBuffer) {
	t.Helper()
	set := testRules(t)
	logs := &syncBuffer{}
	h := New(Config{
		Engine:       &engine.Engine{Rules: set, Checks: check.All},
		Rules:        set,
		Logger:       slog.New(slog.NewTextHandler(logs, nil)),
		Version:      "test",
		CheckTimeout: budget,
	})
	return h, h.(*handler).srv, logs
}

// blockNamed makes the server's checks of files named name wait, once
// they have begun (told on started), until release is closed; others are
// checked as usual.
func blockNamed(s *server, name string, started chan<- struct{}, release <-chan struct{}) {
	check := s.checkOne
	s.checkOne = func(ctx context.Context, n string, data []byte) engine.Result {
		if n == name {
			started <- struct{}{}
			<-release
		}
		return check(ctx, n, data)
	}
}

// inUse is how many slots of the lanes and bodies are taken.
func inUse(s *server) (normal, slow, bodies int) { return len(s.sem), len(s.slow), len(s.bodies) }

// waitIdle waits (a guard of a minute, against a hang) until no work
// holds a slot, so that no test's work outlives it.
func waitIdle(t testing.TB, s *server) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if n, sl, b := inUse(s); n+sl+b == 0 {
			return
		}
	}
	n, sl, b := inUse(s)
	t.Fatalf("work still holds slots after a minute: normal %d, slow %d, bodies %d", n, sl, b)
}

// answer is one request's outcome, and how many of the others had been
// answered when it came.
type answer struct {
	code int
	err  string
}

func postAsync(h http.Handler, name string, body []byte, ctype string) <-chan answer {
	ch := make(chan answer, 1)
	go func() {
		w := post(h, "/api/check?name="+name, ctype, body)
		var e struct{ Error string }
		json.Unmarshal(w.Body.Bytes(), &e)
		ch <- answer{w.Code, e.Error}
	}()
	return ch
}

// TestSlowWorkLeavesNormalLane: four checks that do not end (held by the
// test) fill the normal lane, and a normal letter sent after them is
// answered 200 while all four are still being checked: they moved to the
// slow lane. Before, it waited for one of them to end.
func TestSlowWorkLeavesNormalLane(t *testing.T) {
	h, s, _ := budgetServer(t, time.Hour) // no budget runs out here
	s.slowAfter = time.Millisecond
	started, release := make(chan struct{}, 4), make(chan struct{})
	blockNamed(s, "hostile.txt", started, release)
	defer waitIdle(t, s)
	defer close(release)
	letter := readFixture(t)
	var hostile []<-chan answer
	for i := 0; i < normalSlots; i++ {
		hostile = append(hostile, postAsync(h, "hostile.txt", letter, "text/plain"))
	}
	for i := 0; i < normalSlots; i++ {
		<-started
	}
	normal := postAsync(h, "normal.txt", letter, "text/plain")
	select {
	case a := <-normal:
		if a.code != http.StatusOK {
			t.Errorf("the normal letter: %d %s", a.code, a.err)
		}
	case <-time.After(30 * time.Second): // a guard: the hostile checks never end on their own
		t.Fatal("the normal letter was not answered while four slow checks filled the normal lane")
	}
	for i, ch := range hostile {
		select {
		case a := <-ch:
			t.Errorf("slow check %d was answered (%d) before it was let go", i, a.code)
		default:
		}
	}
	// All four end up in the slow lane (each moves on its own timer).
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		n, sl, _ := inUse(s)
		if n == 0 && sl == normalSlots {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("with four slow checks running: %d normal slots and %d slow ones taken, want 0 and %d", n, sl, normalSlots)
		}
	}
}

// TestOverBudget503: a check past the request's time budget is answered
// 503 with a JSON error that says so, while it is still running; its work
// keeps its slot and its body's until it ends, so the work under way
// stays bounded. A request that cannot get a slot within its budget is a
// 503 too, and a letter after them is served.
func TestOverBudget503(t *testing.T) {
	h, s, logs := budgetServer(t, 50*time.Millisecond)
	s.slowAfter = time.Millisecond
	started, release := make(chan struct{}, normalSlots+slowSlots+1), make(chan struct{})
	blockNamed(s, "hostile.txt", started, release)
	letter := readFixture(t)

	first := postAsync(h, "hostile.txt", letter, "text/plain")
	<-started
	var a answer
	select {
	case a = <-first: // the check is still held: only the budget can answer it
	case <-time.After(30 * time.Second): // a guard: the check never ends on its own
		close(release)
		t.Fatal("a check held past its budget was not answered")
	}
	if a.code != http.StatusServiceUnavailable || !strings.Contains(a.err, "took longer than this server allows (50ms)") {
		t.Errorf("a check over its budget: %d %q, want 503 saying so", a.code, a.err)
	}
	if n, sl, b := inUse(s); n+sl != 1 || b != 1 {
		t.Errorf("after the 503, the work still running holds %d check slots and %d body slots, want 1 and 1", n+sl, b)
	}

	// Fill every slot with work that does not end; one more request
	// cannot start within its budget.
	var answers []<-chan answer
	for i := 1; i < normalSlots+slowSlots; i++ {
		answers = append(answers, postAsync(h, "hostile.txt", letter, "text/plain"))
		<-started
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		if n, sl, _ := inUse(s); n == normalSlots && sl == slowSlots {
			break
		}
		if time.Now().After(deadline) {
			n, sl, _ := inUse(s)
			t.Fatalf("the lanes did not fill: %d normal, %d slow", n, sl)
		}
	}
	if a := <-postAsync(h, "normal.txt", letter, "text/plain"); a.code != http.StatusServiceUnavailable || !strings.Contains(a.err, "busy") {
		t.Errorf("with every slot taken: %d %q, want 503 busy", a.code, a.err)
	}
	close(release)
	for _, a := range answers { // each handler has said all it will
		<-a
	}
	waitIdle(t, s)
	if a := <-postAsync(h, "normal.txt", letter, "text/plain"); a.code != http.StatusOK {
		t.Errorf("once the work ended: %d %q", a.code, a.err)
	}
	out := logs.String()
	if n := strings.Count(out, "check over its time budget ended"); n != normalSlots+slowSlots {
		t.Errorf("%d log lines for the %d checks that ended over their budget:\n%s", n, normalSlots+slowSlots, out)
	}
	checkLog(t, logs, letter)
}

// TestCheckPanic500: a panic while checking, on the work's goroutine, is
// a 500 that quotes nothing, and frees the slots.
func TestCheckPanic500(t *testing.T) {
	h, s, logs := budgetServer(t, 0)
	secret := "Patient Jane Q. Example, date of birth 01/02/1960"
	s.checkOne = func(context.Context, string, []byte) engine.Result { panic(secret) }
	w := post(h, "/api/check", "text/plain", []byte(secret))
	if w.Code != http.StatusInternalServerError || errorOf(t, w) != "internal error" {
		t.Errorf("a panic in the check: %d %s", w.Code, w.Body)
	}
	waitIdle(t, s)
	if strings.Contains(logs.String(), "Jane") || !strings.Contains(logs.String(), "panic in check") {
		t.Errorf("log: %s", logs)
	}
}

// textPDF builds a PDF whose pages show lines of text, one Tj a line, in
// Courier, so that extraction gives the lines back.
func textPDF(t testing.TB, pages [][]string) []byte {
	t.Helper()
	p := newPDF()
	// 1 catalog, 2 pages, 3 font, then a content stream and a page for
	// each page.
	p.obj("<< /Type /Catalog /Pages 2 0 R >>")
	var kids bytes.Buffer
	for i := range pages {
		fmt.Fprintf(&kids, "%d 0 R ", 5+2*i)
	}
	p.obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), len(pages)))
	p.obj("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	for i, lines := range pages {
		var c bytes.Buffer
		for j, l := range lines {
			fmt.Fprintf(&c, "BT /F1 9 Tf 36 %d Td (%s) Tj ET\n", 770-12*j, esc.Replace(l))
		}
		p.stream(fmt.Sprintf("<< /Length %d >>", c.Len()), c.Bytes())
		p.obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 4+2*i))
	}
	return p.end()
}

// hostilePages is the pages of the hostile PDF the test sends; each
// draws as much as extraction lets one page draw (heaviestPage).
const hostilePages = 8

// heaviestPage is the largest shared content stream (in bytes of
// operators) whose one page extraction reads without refusing it, and how
// long that page took: found at test time, since extraction's bounds are
// its own and may change.
func heaviestPage(t testing.TB) (int, time.Duration) {
	t.Helper()
	e := &engine.Engine{Rules: testRules(t), Checks: check.All, RequireText: true}
	var took time.Duration
	ok := func(n int) bool {
		start := time.Now()
		pass := e.Check("probe.pdf", hostilePDF(t, 1, n)).Err == nil
		if pass {
			took = time.Since(start)
		}
		return pass
	}
	lo, hi := 1000, 4<<20
	if !ok(lo) {
		t.Fatalf("a one-page PDF of %d bytes of text operators is refused", lo)
	}
	if ok(hi) {
		return hi, took
	}
	for hi-lo > 1000 {
		if mid := (lo + hi) / 2; ok(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	ok(lo)
	return lo, took
}

// TestHostilePDFsDoNotDelayNormal: four hostile PDFs sent at once, each
// the heaviest that extraction's bounds let through (seconds of work on
// the 2-core machine), and a normal letter sent once all four are being
// checked. The normal letter is answered 200, and its check began before
// any of theirs had ended: it did not wait for their work, as it did
// before (seconds). Each hostile PDF is answered 503 past the test's budget
// (or 200, 413, 422 if its work ends first). The delay is logged, not
// asserted.
func TestHostilePDFsDoNotDelayNormal(t *testing.T) {
	if testing.Short() {
		t.Skip("reads four PDFs built to be slow (seconds of work each)")
	}
	t.Parallel()
	const budget = 2 * time.Second // the test's budget: hostile work is cut off at it
	h, s, logs := budgetServer(t, budget)
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer waitIdle(t, s)
	letter := readFixture(t)
	stream, pageTook := heaviestPage(t)
	if est := pageTook * hostilePages; est < 5*s.slowAfter {
		t.Skipf("extraction's bounds make the heaviest PDF cheap (a page in %s, %d pages in about %s): it holds nothing back", pageTook, hostilePages, est)
	}
	pdf := hostilePDF(t, hostilePages, stream)

	// The server's own order of events: when each check began and ended.
	var mu sync.Mutex
	var events []string
	hostileEnded := 0
	normalSawEnded := -1
	checkOne := s.checkOne
	s.checkOne = func(ctx context.Context, name string, data []byte) engine.Result {
		mu.Lock()
		if name == "normal-among.txt" {
			normalSawEnded = hostileEnded
		}
		events = append(events, "begin "+name)
		mu.Unlock()
		r := checkOne(ctx, name, data)
		mu.Lock()
		if strings.HasPrefix(name, "hostile") {
			hostileEnded++
		}
		events = append(events, "end "+name)
		mu.Unlock()
		return r
	}

	c := &http.Client{Timeout: time.Minute} // a guard against a hang
	send := func(name, ctype string, body []byte) (answer, time.Duration) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/check?name="+name, bytes.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set(ClientHeader, "1")
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			return answer{err: err.Error()}, time.Since(start)
		}
		defer resp.Body.Close()
		var e struct{ Error string }
		b, _ := io.ReadAll(resp.Body)
		json.Unmarshal(b, &e)
		return answer{code: resp.StatusCode, err: e.Error}, time.Since(start)
	}
	alone, aloneTook := send("normal.txt", "text/plain", letter)
	if alone.code != http.StatusOK {
		t.Fatalf("the normal letter alone: %d %s", alone.code, alone.err)
	}

	var wg sync.WaitGroup
	hostile := make([]answer, 4)
	took := make([]time.Duration, 4)
	for i := range hostile {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hostile[i], took[i] = send(fmt.Sprintf("hostile-%d.pdf", i), "application/pdf", pdf)
		}()
	}
	// Once all four are being checked, the normal letter.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		mu.Lock()
		begun := strings.Count(strings.Join(events, "\n"), "begin hostile")
		mu.Unlock()
		if begun == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the four hostile PDFs were not all being checked within a minute (%d were)", begun)
		}
	}
	normal, normalTook := send("normal-among.txt", "text/plain", letter)
	wg.Wait()

	if normal.code != http.StatusOK {
		t.Errorf("the normal letter among four hostile PDFs: %d %s", normal.code, normal.err)
	}
	if normalSawEnded != 0 {
		t.Errorf("the normal letter's check began only after %d of the hostile PDFs' checks had ended: it waited for their work", normalSawEnded)
	}
	for i, a := range hostile {
		switch a.code {
		case http.StatusOK, http.StatusServiceUnavailable, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		default:
			t.Errorf("hostile PDF %d: %d %q", i, a.code, a.err)
		}
		if a.code == http.StatusServiceUnavailable && !strings.Contains(a.err, "took longer than this server allows") {
			t.Errorf("hostile PDF %d: 503 %q", i, a.err)
		}
	}
	t.Logf("normal letter: %s alone, %s with four hostile PDFs in flight (%d bytes each: %d pages sharing a stream of %d bytes, one page read in %s); budget %s, slow lane after %s",
		aloneTook.Round(time.Microsecond), normalTook.Round(time.Microsecond), len(pdf), hostilePages, stream, pageTook.Round(time.Millisecond), budget, s.slowAfter)
	for i, a := range hostile {
		t.Logf("hostile PDF %d: %d after %s", i, a.code, took[i].Round(time.Millisecond))
	}
	mu.Lock()
	t.Logf("checks, in order: %s", strings.Join(events, ", "))
	mu.Unlock()
	checkLog(t, logs, letter)
}

// BenchmarkNormalLetter and BenchmarkNormalLetterBesideHostilePDFs time
// a normal letter's /api/check alone and while four hostile PDFs (as in
// TestHostilePDFsDoNotDelayNormal, twice the pages, no budget) are being
// checked: the figures in docs/reliability-server.md.
func BenchmarkNormalLetter(b *testing.B) { benchNormal(b, 0) }

func BenchmarkNormalLetterBesideHostilePDFs(b *testing.B) { benchNormal(b, 4) }

func benchNormal(b *testing.B, hostile int) {
	h, s, _ := budgetServer(b, time.Hour)
	letter := readFixture(b)
	if hostile > 0 {
		stream, _ := heaviestPage(b)
		pdf := hostilePDF(b, 2*hostilePages, stream)
		for i := 0; i < hostile; i++ {
			go post(h, fmt.Sprintf("/api/check?name=hostile-%d.pdf", i), "application/pdf", pdf)
		}
		b.Cleanup(func() { waitIdle(b, s) })
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
			if _, sl, _ := inUse(s); sl == hostile {
				break // all in the slow lane
			}
			if time.Now().After(deadline) {
				b.Fatal("the hostile PDFs did not reach the slow lane")
			}
		}
	}
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if w := post(h, "/api/check", "text/plain", letter); w.Code != http.StatusOK {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
		lat = append(lat, time.Since(start))
	}
	if _, sl, _ := inUse(s); sl != hostile {
		b.Logf("only %d of the %d hostile PDFs were still being checked at the end", sl, hostile)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}

// countChecks counts the server's checks of one input each.
func countChecks(s *server) *atomic.Int32 {
	var n atomic.Int32
	check := s.checkOne
	s.checkOne = func(ctx context.Context, name string, data []byte) engine.Result {
		n.Add(1)
		return check(ctx, name, data)
	}
	return &n
}

// TestRequestTextBounded: the letters of one request are checked until
// their text together passes Config.MaxText, and the request is then
// 413: a hundred small files that each extract to megabytes are not all
// read and held. Before, all five of these were checked (200).
func TestRequestTextBounded(t *testing.T) {
	set := testRules(t)
	letter := readFixture(t)
	h := New(Config{Engine: &engine.Engine{Rules: set, Checks: check.All}, Rules: set, Logger: slog.New(slog.DiscardHandler), MaxText: int64(2*len(letter) + len(letter)/2)})
	s := h.(*handler).srv
	n := countChecks(s)
	var parts [][3]string
	for i := 0; i < 5; i++ {
		parts = append(parts, [3]string{"text", "", string(letter)})
	}
	body, ctype := form(t, parts...)
	w := post(h, "/api/check", ctype, body)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(errorOf(t, w), "text in one request") {
		t.Errorf("five letters over the text bound of two and a half: %d %s", w.Code, w.Body)
	}
	if got := n.Load(); got != 3 {
		t.Errorf("%d letters checked, want 3: the third passes the bound", got)
	}
	// Two fit.
	body, ctype = form(t, parts[:2]...)
	if w := post(h, "/api/check", ctype, body); w.Code != http.StatusOK {
		t.Errorf("two letters under the text bound: %d %.200s", w.Code, w.Body)
	}
	waitIdle(t, s)
}

// TestOverBudgetStopsBetweenLetters: once a request of several letters
// is past its budget (answered 503), the letters after the one being
// checked are not checked at all: its work outlives the answer by one
// letter at most. Before, all five were checked in the background.
func TestOverBudgetStopsBetweenLetters(t *testing.T) {
	h, s, _ := budgetServer(t, 50*time.Millisecond)
	started, release := make(chan struct{}, 5), make(chan struct{})
	blockNamed(s, "pasted.txt", started, release) // every "text" field
	n := countChecks(s)
	letter := readFixture(t)
	var parts [][3]string
	for i := 0; i < 5; i++ {
		parts = append(parts, [3]string{"text", "", string(letter)})
	}
	body, ctype := form(t, parts...)
	done := make(chan int, 1)
	go func() { done <- post(h, "/api/check", ctype, body).Code }()
	<-started
	if code := <-done; code != http.StatusServiceUnavailable {
		t.Errorf("a request held past its budget: %d, want 503", code)
	}
	close(release)
	waitIdle(t, s)
	if got := n.Load(); got != 1 {
		t.Errorf("%d letters checked after the 503, want only the one under way", got)
	}
}
