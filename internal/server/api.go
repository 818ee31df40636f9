package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/report"
)

// Media types of the documents the page may be given.
const (
	mediaPDF  = "application/pdf"
	mediaDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// maxParts bounds the letters of one multipart request.
const maxParts = 100

// input is one letter of a request.
type input struct {
	name string
	data []byte
}

// httpError is an answer other than 200, with a message safe to show and
// log: it never quotes the request.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

// readInputs reads the letters of a request: its body (text/plain, PDF or
// DOCX) or the "file" parts and "text" fields of a multipart form.
func (s *server) readInputs(w http.ResponseWriter, r *http.Request) ([]input, *httpError) {
	if r.ContentLength > s.cfg.MaxBody {
		return nil, s.tooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		return nil, &httpError{http.StatusUnsupportedMediaType, "send the letter as text/plain (UTF-8) or multipart/form-data with a \"file\" part or a \"text\" field"}
	}
	switch mt {
	case "text/plain":
		if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" {
			return nil, &httpError{http.StatusUnsupportedMediaType, "the letter's text must be UTF-8 (text/plain; charset=utf-8)"}
		}
		data, herr := s.readAll(r.Body)
		if herr != nil {
			return nil, herr
		}
		return []input{{name: queryName(r, "letter.txt"), data: data}}, nil
	case mediaPDF, mediaDOCX:
		data, herr := s.readAll(r.Body)
		if herr != nil {
			return nil, herr
		}
		name := "letter.pdf"
		if mt == mediaDOCX {
			name = "letter.docx"
		}
		return []input{{name: queryName(r, name), data: data}}, nil
	case "multipart/form-data":
		return s.readMultipart(r, params["boundary"])
	}
	return nil, &httpError{http.StatusUnsupportedMediaType, "unsupported media type " + mt + ": send text/plain (UTF-8) or multipart/form-data"}
}

func (s *server) readMultipart(r *http.Request, boundary string) ([]input, *httpError) {
	end := &closeWatcher{ReadCloser: r.Body, delim: []byte("--" + boundary + "--")}
	r.Body = end
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, &httpError{http.StatusBadRequest, "malformed multipart body"}
	}
	var ins []input
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			if !end.seen {
				// mime/multipart says io.EOF too when the body ends in
				// a part's header: a form cut off is not a whole one.
				return nil, &httpError{http.StatusBadRequest, "malformed multipart body: it ends before its closing boundary"}
			}
			break
		}
		if err != nil {
			return nil, s.bodyError(err, "malformed multipart body")
		}
		field := part.FormName()
		if field != "file" && field != "text" {
			// Other fields (a submit button's) are read past.
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, s.bodyError(err, "malformed multipart body")
			}
			continue
		}
		if len(ins) == maxParts {
			return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("too many letters in one request (the limit is %d)", maxParts)}
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, s.bodyError(err, "malformed multipart body")
		}
		in := input{name: "pasted.txt", data: data}
		if field == "file" {
			in.name = cleanName(part.FileName(), "letter.txt")
		}
		ins = append(ins, in)
	}
	if len(ins) == 0 {
		return nil, &httpError{http.StatusBadRequest, "no letter in the form: send a \"file\" part or a \"text\" field"}
	}
	return ins, nil
}

// closeWatcher notes whether the body held the form's close delimiter.
type closeWatcher struct {
	io.ReadCloser
	delim []byte
	tail  []byte // the last len(delim)-1 bytes read, to find it across reads
	seen  bool
}

func (c *closeWatcher) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	if !c.seen && n > 0 {
		b := append(c.tail, p[:n]...)
		c.seen = bytes.Contains(b, c.delim)
		c.tail = append(c.tail[:0], b[len(b)-min(len(b), len(c.delim)-1):]...)
	}
	return n, err
}

func (s *server) readAll(body io.Reader) ([]byte, *httpError) {
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, s.bodyError(err, "the request body could not be read")
	}
	return data, nil
}

// bodyError tells a body over the limit from one that broke off or is
// malformed.
func (s *server) bodyError(err error, msg string) *httpError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return s.tooLarge()
	}
	return &httpError{http.StatusBadRequest, msg}
}

func (s *server) tooLarge() *httpError {
	return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("the request is too large: this server accepts letters of up to %s", human(s.cfg.MaxBody))}
}

func human(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// queryName is the ?name= of a request whose body is the letter: the
// path the answer reports, which also decides whether the file is a
// template (Engine.IsTemplate).
func queryName(r *http.Request, def string) string {
	return cleanName(r.URL.Query().Get("name"), def)
}

// cleanName keeps the base name of an uploaded file, printable and short:
// it is shown in the answer, never used to open anything.
func cleanName(name, def string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	if name == "" || name == "." || name == ".." {
		return def
	}
	return name
}

// check runs the engine over the inputs (Engine.Check, as the command
// line does for each file), within the request's time budget
// (Config.CheckTimeout, counted from now: waiting for a slot and
// checking). An unreadable input becomes a result with Err, as on the
// command line. release frees the request's body slot: it is called when
// the work ends, which may be after the request was answered.
//
// Work past its budget is answered 503 at once; the engine gives up
// reading a PDF or DOCX at the same deadline (CheckContext), and the work
// holds its slot (and its body) until it has stopped, so that the work
// under way stays bounded. What keeps a slow check from holding back other
// letters before its deadline is the slow lane: a check still running after slowAfter gives its slot in the
// normal lane (s.sem) back as soon as it has one in the slow lane
// (s.slow), so a few hostile files at once leave the normal lane to
// normal letters.
func (s *server) check(r *http.Request, ins []input, release func()) ([]engine.Result, *httpError) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.CheckTimeout)
	defer cancel()
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		release()
		if r.Context().Err() != nil {
			return nil, &httpError{http.StatusServiceUnavailable, "the request was cancelled while waiting to be checked"}
		}
		return nil, s.busy()
	}
	w := &work{lane: s.sem, done: make(chan struct{})}
	// overrun says, once, that work answered 503 has ended: by the work's
	// goroutine when it ends after the answer, else by the handler when
	// the work had ended first. late and ended are under mu.
	var mu sync.Mutex
	var late, ended bool
	start := time.Now()
	overrun := func() {
		s.log.Warn("check over its time budget ended", "ran", time.Since(start).Round(time.Millisecond).String(), "budget", s.cfg.CheckTimeout.String())
	}
	results := make(chan checked, 1)
	slow := time.AfterFunc(s.slowAfter, func() { w.demote(s.slow) })
	go func() {
		defer func() {
			slow.Stop()
			mu.Lock()
			ended = true
			tell := late
			mu.Unlock()
			if tell {
				// The request was answered 503 before; say when its work
				// ended (never what it was), before its slots are given
				// back, so that a server seen idle has said it.
				overrun()
			}
			w.finish()
			release()
		}()
		results <- s.checkAll(ctx, ins)
	}()
	overBudget := func() *httpError {
		if r.Context().Err() != nil {
			return &httpError{http.StatusServiceUnavailable, "the request was cancelled while it was checked"}
		}
		return &httpError{http.StatusServiceUnavailable, fmt.Sprintf("checking took longer than this server allows (%s): the file may be damaged, or built to be slow to read; it was not checked", s.cfg.CheckTimeout)}
	}
	select {
	case c := <-results:
		if d, _ := ctx.Deadline(); ctx.Err() != nil || !time.Now().Before(d) {
			// The work ended because the budget did (the engine gives
			// up reading at the deadline, which its own timer may tell
			// a moment before ctx's): the server's limit, not the
			// file's fault, so 503 and not the file's 422. Its work
			// has ended: said here, as the work's goroutine says it of
			// work that ends after its 503.
			overrun()
			return nil, overBudget()
		}
		if c.panicked {
			// As recovered does for the handler: nothing of the value.
			s.log.Error("panic in check", "method", r.Method, "path", logPath(r))
			return nil, &httpError{http.StatusInternalServerError, "internal error"}
		}
		if c.tooMuchText {
			return nil, &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("the letters' text is too large: this server checks up to %s of text in one request (their extracted text together); send fewer letters at once", human(s.cfg.MaxText))}
		}
		return c.rs, nil
	case <-ctx.Done():
		mu.Lock()
		late = true
		tell := ended // the work ended while this answer was on its way
		mu.Unlock()
		if tell {
			overrun()
		}
		return nil, overBudget()
	}
}

// busy is the answer to a request that could not start within its time
// budget.
func (s *server) busy() *httpError {
	return &httpError{http.StatusServiceUnavailable, fmt.Sprintf("the server is busy checking other letters and could not start this one within its time budget (%s): try again", s.cfg.CheckTimeout)}
}

// checked is what a check's goroutine hands back.
type checked struct {
	rs          []engine.Result
	panicked    bool
	tooMuchText bool // the letters' text together is over Config.MaxText
}

// checkAll checks the inputs one after another, and stops between two of
// them once the request is over its budget (it was answered 503: one
// input's work at most runs on) or its letters' text together is over
// Config.MaxText (a hundred small files that each extract to megabytes).
// A panic is caught here, on the work's own goroutine, where the
// handler's recover cannot see it.
func (s *server) checkAll(ctx context.Context, ins []input) (c checked) {
	defer func() {
		if v := recover(); v != nil {
			c = checked{panicked: true}
		}
	}()
	rs := make([]engine.Result, 0, len(ins))
	var text int64
	for _, in := range ins {
		if ctx.Err() != nil {
			return checked{}
		}
		res := s.checkOne(ctx, in.name, in.data)
		if text += int64(len(res.Src)); text > s.cfg.MaxText {
			return checked{tooMuchText: true}
		}
		rs = append(rs, res)
	}
	return checked{rs: rs}
}

// work is one request's check under way, and the lane whose slot it
// holds.
type work struct {
	mu       sync.Mutex
	lane     chan struct{}
	finished bool
	done     chan struct{} // closed when the check has ended
}

// demote moves the work to the slow lane once a slot there is free (or
// not at all, if it ends first), giving its normal slot back.
func (w *work) demote(slow chan struct{}) {
	select {
	case slow <- struct{}{}:
	case <-w.done:
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.finished {
		<-slow
		return
	}
	<-w.lane
	w.lane = slow
}

// finish gives back the slot the work holds.
func (w *work) finish() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.finished = true
	<-w.lane
	close(w.done)
}

// status is 422 when an input could not be read (the command line exits
// 2); the body still reports every input.
func status(rs []engine.Result) int {
	for _, r := range rs {
		if r.Err != nil {
			return http.StatusUnprocessableEntity
		}
	}
	return http.StatusOK
}

// handleCheck answers the JSON contract, byte for byte what
// `imrlint check --format json` prints for the same letters.
func (s *server) handleCheck(w http.ResponseWriter, r *http.Request) {
	rs, herr := s.run(w, r)
	if herr != nil {
		apiError(w, herr.status, herr.msg)
		return
	}
	textPlaces(rs)
	var b bytes.Buffer
	if err := report.Write(&b, jsonFormat, engine.ReportFiles(rs, s.cfg.Rules, false), report.Options{Version: s.cfg.Version}, report.Extra{}); err != nil {
		apiError(w, http.StatusInternalServerError, "the report could not be written")
		return
	}
	writeBody(w, status(rs), b.Bytes())
}

// handleView answers what the page draws (report.ViewReport).
func (s *server) handleView(w http.ResponseWriter, r *http.Request) {
	rs, herr := s.run(w, r)
	if herr != nil {
		apiError(w, herr.status, herr.msg)
		return
	}
	kinds := textPlaces(rs)
	v := report.ToView(engine.ReportFiles(rs, s.cfg.Rules, false), report.Options{Version: s.cfg.Version, Checks: engine.Registry()})
	writeJSON(w, status(rs), viewAnswer{ViewReport: v, Kinds: kinds})
}

// viewAnswer is the view with each file's kind, so that the page can say
// where a place of a PDF or DOCX is as the command line does: page and
// line (position.PageLine, counted on the view's text).
type viewAnswer struct {
	report.ViewReport
	// Kinds are the files' kinds, in order: "text", "pdf" or "docx" ("" for
	// one that could not be read).
	Kinds []string `json:"kinds"`
}

// textPlaces makes every result's places lines of its (extracted) text, a
// PDF's too (report.File.Kind ""), and returns the kinds it had. The
// answers have always given places so: that is the contract, which the
// command line's PDF page-lines do not change.
func textPlaces(rs []engine.Result) []string {
	kinds := make([]string, len(rs))
	for i := range rs {
		kinds[i], rs[i].Kind = rs[i].Kind, ""
	}
	return kinds
}

// jsonFormat is the JSON contract's format.
var jsonFormat, _ = report.Lookup("json")

func (s *server) run(w http.ResponseWriter, r *http.Request) ([]engine.Result, *httpError) {
	// The bodies held at once are bounded before one is read: forty
	// uploads of 10 MB each were all buffered while four were checked.
	// Work that outlived its request holds its body's slot: waiting for
	// one is bounded by the time budget too.
	wait := time.NewTimer(s.cfg.CheckTimeout)
	defer wait.Stop()
	select {
	case s.bodies <- struct{}{}:
	case <-wait.C:
		return nil, s.busy()
	case <-r.Context().Done():
		return nil, &httpError{http.StatusServiceUnavailable, "the request was cancelled while waiting to be read"}
	}
	// The body's slot is held until its letters are checked, by the
	// work when it outlives the request (check's release): the bodies
	// in memory stay bounded.
	release := sync.OnceFunc(func() { <-s.bodies })
	ins, herr := s.readInputs(w, r)
	if herr != nil {
		release()
		return nil, herr
	}
	return s.check(r, ins, release)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"the answer could not be encoded"}`)
	}
	writeBody(w, status, append(b, '\n'))
}

// writeBody sends a JSON answer; answers about letters are never cached.
func writeBody(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// apiError answers {"error": msg}.
func apiError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
