package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
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
// line does for each file). An unreadable input becomes a result with Err,
// as on the command line.
func (s *server) check(r *http.Request, ins []input) ([]engine.Result, *httpError) {
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-r.Context().Done():
		return nil, &httpError{http.StatusServiceUnavailable, "the request was cancelled while waiting to be checked"}
	}
	rs := make([]engine.Result, 0, len(ins))
	for _, in := range ins {
		res := s.cfg.Engine.Check(in.name, in.data)
		// The answers have always given every input's places as lines
		// of its (extracted) text, a PDF's too (report.File.Kind "text"):
		// that is the contract, which the command line's PDF page-lines
		// do not change.
		res.Kind = ""
		rs = append(rs, res)
	}
	return rs, nil
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
	writeJSON(w, status(rs), report.ToView(engine.ReportFiles(rs, s.cfg.Rules, false), report.Options{Version: s.cfg.Version, Checks: engine.Registry()}))
}

// jsonFormat is the JSON contract's format.
var jsonFormat, _ = report.Lookup("json")

func (s *server) run(w http.ResponseWriter, r *http.Request) ([]engine.Result, *httpError) {
	// The bodies held at once are bounded before one is read: forty
	// uploads of 10 MB each were all buffered while four were checked.
	select {
	case s.bodies <- struct{}{}:
		defer func() { <-s.bodies }()
	case <-r.Context().Done():
		return nil, &httpError{http.StatusServiceUnavailable, "the request was cancelled while waiting to be read"}
	}
	ins, herr := s.readInputs(w, r)
	if herr != nil {
		return nil, herr
	}
	return s.check(r, ins)
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
