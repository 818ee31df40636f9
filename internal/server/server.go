// Package server is imrlint's review page: a small HTTP server that shows a
// QA reviewer a letter with its findings highlighted, and an API for the
// letter-production system.
//
// Routes:
//
//	GET  /               the page (its script and style are files under /assets/,
//	                     since the Content-Security-Policy forbids inline ones)
//	GET  /assets/NAME    the page's embedded assets; nothing is fetched from elsewhere
//	GET  /api/version    {"name":"imrlint","version":"..."}
//	POST /api/check      the JSON contract (report.ToJSON), exactly as `imrlint check --format json`
//	POST /api/view       what the page draws: the text, offsets, segments, items, explanations
//
// The POST routes take a letter as the request body (Content-Type
// text/plain, application/pdf or the DOCX type) or as multipart/form-data with "file"
// parts and/or "text" fields; each becomes one file of the answer. An
// input that cannot be read is reported in the answer, as the command line
// reports it, with status 422; a body over Config.MaxBody, or letters whose
// text together is over Config.MaxText, is 413. They serve only requests
// that carry ClientHeader ("X-Imrlint: 1") and come from no other web page
// (403 otherwise, before the body is read), and answer 503 past the
// request's time budget (Config.CheckTimeout).
//
// ListenAndServe serves on loopback only, unless remote access is allowed
// with a token that every request must then carry.
//
// Letters hold protected health information, so the server logs one line
// per request (method, path, status, sizes, duration) and never any of a
// letter's text, not on errors and not on panics; it keeps nothing, writes
// no files, and fetches nothing.
package server

import (
	"bytes"
	"context"
	"embed"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/rules"
)

// DefaultMaxBody bounds a request's body: letters are a few KB, PDFs a few
// hundred.
const DefaultMaxBody = 10 << 20

// Config is what the server checks letters with.
type Config struct {
	// Engine checks each letter (Engine.Check, with RequireText set by
	// New); its Rules should be Rules.
	Engine *engine.Engine
	// Rules render body parts in the answers.
	Rules *rules.Set
	// Logger receives one line per request; nil logs to slog.Default().
	Logger *slog.Logger
	// MaxBody bounds a request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Version is reported as the tool's version.
	Version string
	// CheckTimeout is the time budget of one request to /api/check or
	// /api/view: for waiting to be read, and again, once its body is
	// read, for waiting for a slot and checking its letters. A request
	// over it is answered 503; 0 means DefaultCheckTimeout.
	CheckTimeout time.Duration
	// MaxText bounds the text checked in one request: its letters'
	// extracted text together (each is bounded again by the engine's
	// MaxSize, --max-file-size). A request over it is answered 413; 0 means
	// DefaultMaxText.
	MaxText int64
}

// DefaultMaxText is the text one request may have checked: its letters
// together get what one file gets on the command line.
const DefaultMaxText = engine.DefaultMaxSize

// DefaultCheckTimeout is a request's time budget: a letter is checked in
// 1 to 10 ms, a PDF of a few pages read in about 7, the largest PDF
// extraction allows (500 pages) in about a second.
const DefaultCheckTimeout = 10 * time.Second

// Slots of the work: checks in their first slowAfter run in the normal
// lane; those still running after it move to the slow lane as soon as it
// has room, giving their normal slot back. At most normalSlots+slowSlots
// checks run at once, and a few hostile files cannot fill the normal lane
// for longer than slowAfter.
const (
	normalSlots = 4
	slowSlots   = 4
	slowAfter   = 100 * time.Millisecond
)

//go:embed assets
var assetFS embed.FS

// asset is an embedded file ready to serve.
type asset struct {
	body  []byte
	ctype string
}

// assets are read once; the set of names is fixed at build time, so a
// request can only ever name one of them (no file system path is built
// from a URL).
var assets = func() map[string]asset {
	m := map[string]asset{}
	types := map[string]string{
		".html": "text/html; charset=utf-8",
		".js":   "text/javascript; charset=utf-8",
		".css":  "text/css; charset=utf-8",
		".svg":  "image/svg+xml",
	}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		ct, ok := types[path.Ext(p)]
		if !ok {
			ct = "application/octet-stream"
		}
		m["/"+p] = asset{body: b, ctype: ct}
		return nil
	})
	if err != nil {
		panic("server: reading embedded assets: " + err.Error())
	}
	return m
}()

// CSP allows only this origin's scripts, styles and connections: a letter
// that slipped into the page as markup could run nothing and send nothing.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

type server struct {
	cfg  Config
	log  *slog.Logger
	sem  chan struct{} // the normal lane: bounds the letters checked at once, and so memory
	slow chan struct{} // the slow lane: checks that ran past slowAfter
	// slowAfter is when a check moves to the slow lane (a test sets it).
	slowAfter time.Duration
	// checkOne checks one input within the request's budget: the
	// engine's CheckContext, which gives up reading a PDF or DOCX at the
	// deadline (a test replaces it).
	checkOne func(ctx context.Context, name string, data []byte) engine.Result
	// bodies bounds the request bodies read and held at once (twice the
	// checks), so that memory is bounded before a byte is read.
	bodies chan struct{}
	page   []byte
}

// handler is what New returns: the routes in their middleware, and the
// logger, which ListenAndServe's guard logs refusals to.
type handler struct {
	http.Handler
	log *slog.Logger
	srv *server
}

// New returns the server's handler. A nil Engine checks with the built-in
// rules and every check.
func New(cfg Config) http.Handler {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Engine == nil {
		set := cfg.Rules
		if set == nil {
			var err error
			if set, err = rules.Default(); err != nil {
				panic("server: the built-in rules do not load: " + err.Error())
			}
		}
		cfg.Engine = &engine.Engine{Rules: set} // nil Checks: every check
	}
	eng := *cfg.Engine
	eng.RequireText = true
	cfg.Engine = &eng
	if cfg.Rules == nil && cfg.Engine != nil {
		cfg.Rules = cfg.Engine.Rules
	}
	if cfg.CheckTimeout <= 0 {
		cfg.CheckTimeout = DefaultCheckTimeout
	}
	if cfg.MaxText <= 0 {
		cfg.MaxText = DefaultMaxText
	}
	s := &server{
		cfg: cfg, log: cfg.Logger,
		sem: make(chan struct{}, normalSlots), slow: make(chan struct{}, slowSlots), slowAfter: slowAfter,
		checkOne: cfg.Engine.CheckContext,
		bodies:   make(chan struct{}, 8), page: assets["/assets/index.html"].body,
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	return &handler{Handler: s.logged(s.recovered(s.secured(http.HandlerFunc(s.route)))), log: s.log, srv: s}
}

// route dispatches on exact paths: anything else, including every
// spelling of "..", is 404.
func (s *server) route(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/" || p == "/index.html":
		if !allow(w, r, http.MethodGet, http.MethodHead) {
			return
		}
		serveBytes(w, r, "text/html; charset=utf-8", s.page)
	case strings.HasPrefix(p, "/assets/"):
		a, ok := assets[p]
		if !ok || p == "/assets/index.html" {
			notFound(w)
			return
		}
		if !allow(w, r, http.MethodGet, http.MethodHead) {
			return
		}
		serveBytes(w, r, a.ctype, a.body)
	case p == "/api/version":
		if !allow(w, r, http.MethodGet, http.MethodHead) {
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"name": "imrlint", "version": s.cfg.Version})
	case p == "/api/check":
		if allow(w, r, http.MethodPost) && sameOrigin(w, r) && fromClient(w, r) {
			s.handleCheck(w, r)
		}
	case p == "/api/view":
		if allow(w, r, http.MethodPost) && sameOrigin(w, r) && fromClient(w, r) {
			s.handleView(w, r)
		}
	default:
		notFound(w)
	}
}

// sameOrigin answers 403, before reading a byte of the body, unless the
// request comes from the review page itself or from no web page at all: a
// browser sends Origin (and Sec-Fetch-Site) with every cross-origin POST,
// so a page on another site, or a sandboxed one ("Origin: null"), cannot
// make the reviewer's browser post letters to this server. Scripts and
// curl send neither and are served.
func sameOrigin(w http.ResponseWriter, r *http.Request) bool {
	site := r.Header.Get("Sec-Fetch-Site")
	origin := r.Header.Get("Origin")
	ok := site == "" || site == "same-origin" || site == "none"
	if origin != "" && origin != "http://"+r.Host && origin != "https://"+r.Host {
		ok = false
	}
	if !ok {
		apiError(w, http.StatusForbidden, "requests from another web page are not served: open the review page itself")
	}
	return ok
}

// ClientHeader is the header every request to /api/check and /api/view
// must carry, with the value "1": the review page's script sends it with
// every /api/ call. A web page on another origin cannot send a custom
// header without a CORS preflight, which this server never grants (it
// answers OPTIONS with 405 and no Access-Control-Allow-* header), so the
// header refuses a cross-origin post even from a browser that sends no
// Origin or Sec-Fetch-Site. Scripts add it: curl -H 'X-Imrlint: 1'.
const ClientHeader = "X-Imrlint"

// fromClient answers 403, before reading a byte of the body, unless the
// request carries ClientHeader: 1.
func fromClient(w http.ResponseWriter, r *http.Request) bool {
	if v := r.Header.Values(ClientHeader); len(v) == 1 && v[0] == "1" {
		return true
	}
	apiError(w, http.StatusForbidden, "send the header "+ClientHeader+": 1 with the request (the review page does): without it a request may be a form posted by another web page")
	return false
}

// allow answers 405 with an Allow header unless r uses one of methods.
func allow(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	apiError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed here; use "+strings.Join(methods, " or "))
	return false
}

func notFound(w http.ResponseWriter) {
	apiError(w, http.StatusNotFound, "not found")
}

func serveBytes(w http.ResponseWriter, r *http.Request, ctype string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	// The page and its assets change with the binary; revalidating is
	// cheap on loopback and never shows a stale script after an upgrade.
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}

// secured sets the security headers of every answer.
func (s *server) secured(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// recovered turns a panic into a 500. It logs that a panic happened and
// where, never the panic's value or stack: either may hold letter text.
func (s *server) recovered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the server's own way to drop a connection
			}
			s.log.Error("panic in handler", "method", r.Method, "path", logPath(r))
			if rw, ok := w.(*recorder); !ok || rw.status == 0 {
				apiError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// recorder notes what was answered, for the log line.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// counter counts the request body's bytes as the handler reads them.
type counter struct {
	rc io.ReadCloser
	n  int64
}

func (c *counter) Read(b []byte) (int, error) {
	n, err := c.rc.Read(b)
	c.n += int64(n)
	return n, err
}

func (c *counter) Close() error { return c.rc.Close() }

// logged writes one line per request: method, path, status, the bytes
// read and written, and the duration. Nothing else of the request is
// logged: not its query (a token may be there), not its body.
func (s *server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		body := &counter{rc: r.Body}
		r.Body = body
		next.ServeHTTP(rec, r)
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		s.log.Info("request", "method", r.Method, "path", logPath(r), "status", status,
			"in", body.n, "out", rec.bytes, "duration", time.Since(start).Round(time.Microsecond).String())
	})
}

// logPath is the route the request reached, never more of its path: a
// path is typed or pasted by people, and a letter's text pasted into the
// address bar must not land in a log. Paths the server does not serve are
// logged as "other".
func logPath(r *http.Request) string {
	p := r.URL.Path
	switch {
	case p == "/", p == "/index.html", p == "/api/version", p == "/api/check", p == "/api/view":
		return p
	case strings.HasPrefix(p, "/assets/"):
		if _, ok := assets[p]; ok {
			return p
		}
	}
	return "other"
}
