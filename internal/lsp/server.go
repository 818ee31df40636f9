package lsp

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/config"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/fix"
)

// server is one client's session.
type server struct {
	opt Options

	mu          sync.Mutex
	conn        *jsonrpc2.Conn
	initialized bool
	shutdown    bool             // the client asked for shutdown
	exited      bool             // the client sent exit
	closed      bool             // Run is returning: no check starts, nothing is published
	docChanges  bool             // the client applies versioned documentChanges
	folders     []string         // the workspace folders, the innermost first
	engines     map[string]built // by configuration file, "" for the defaults
	told        map[string]bool  // the notes shown
	docs        map[string]*document
	wg          sync.WaitGroup // checks running

	checkMu   sync.Mutex // one check at a time: the machine is the user's
	publishMu sync.Mutex // diagnostics published in the order of versions
	done      chan struct{}
}

// built is the engine of a configuration file as it was when built (its
// modification time and size), or the error of building it.
type built struct {
	stamp string
	eng   *engine.Engine
	err   error
}

// document is an open text document.
type document struct {
	uri     string
	name    string // the file's path, or a name for a document that is no file
	version int32
	text    []byte
	timer   *time.Timer
	res     *result // the last check, nil before the first
	// pubRes is the result whose diagnostics were published last.
	pubRes *result
}

// result is a document's text as checked, and what the check found.
type result struct {
	version  int32
	lines    *lines
	findings []finding.Finding
	err      error // the input could not be checked (the message is the engine's)
	errCode  string
}

func newServer(opt Options) *server {
	return &server{opt: opt, engines: map[string]built{}, told: map[string]bool{}, docs: map[string]*document{}, done: make(chan struct{})}
}

// errNotInitialized answers a request before initialize.
var errNotInitialized = &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "the server is not initialized"}

// handle answers one message. jsonrpc2 calls it for one message at a time,
// in the order they came, so didOpen, didChange and the requests after
// them are seen in order.
func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	s.mu.Lock()
	s.conn = conn
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch req.Method {
	case "initialize":
		if initialized {
			return nil, &jsonrpc2.Error{Code: codeInvalidRequest, Message: "initialize was already sent"}
		}
		return s.initialize(req.Params)
	case "exit":
		s.mu.Lock()
		if !s.exited {
			s.exited = true
			close(s.done)
		}
		s.mu.Unlock()
		return nil, nil
	}
	if !initialized {
		if req.Notif {
			return nil, nil // notifications before initialize are dropped
		}
		return nil, errNotInitialized
	}
	if shutdown && !req.Notif {
		return nil, &jsonrpc2.Error{Code: codeInvalidRequest, Message: "the server is shutting down"}
	}
	switch req.Method {
	case "initialized":
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		for _, d := range s.docs {
			if d.timer != nil {
				d.timer.Stop()
			}
		}
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenParams
		if err := unmarshal(req.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.open(p)
		return nil, nil
	case "textDocument/didChange":
		var p didChangeParams
		if err := unmarshal(req.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.change(p)
		return nil, nil
	case "textDocument/didClose":
		var p didCloseParams
		if err := unmarshal(req.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.close(p.TextDocument.URI)
		return nil, nil
	case "workspace/didChangeWorkspaceFolders":
		var p didChangeWorkspaceFoldersParams
		if err := unmarshal(req.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.changeFolders(p)
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := unmarshal(req.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.codeActions(p), nil
	case "textDocument/hover":
		var p textDocumentPositionParams
		if err := unmarshal(req.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.hover(p), nil
	}
	if req.Notif {
		return nil, nil // didSave, didChangeConfiguration, $/cancelRequest, ...: nothing to do
	}
	return nil, &jsonrpc2.Error{Code: codeMethodNotFound, Message: "method not supported: " + req.Method}
}

// invalidParams: the message names what could not be read (a JSON type
// or syntax error), never the text of a document.
func invalidParams(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	msg := "the params could not be read"
	switch {
	case errors.As(err, &te):
		msg = fmt.Sprintf("the params could not be read: %s is not a %s", te.Field, te.Type)
	case errors.As(err, &se):
		msg = fmt.Sprintf("the params could not be read: JSON syntax error at byte %d", se.Offset)
	}
	return &jsonrpc2.Error{Code: codeInvalidParams, Message: msg}
}

// initialize takes the workspace folders (rootUri when the client names
// none) and builds the engine of each: that of Options.ConfigPath, or of
// the .imrlint.toml found from the folder upwards, as the command line
// finds one from the working directory. A configuration that cannot be
// read fails initialize with its problems, as it fails a run.
func (s *server) initialize(raw *json.RawMessage) (any, error) {
	var p initializeParams
	if err := unmarshal(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	dirs := folderDirs(p.WorkspaceFolders)
	if len(dirs) == 0 && p.RootURI != nil {
		if d := filePath(*p.RootURI); d != "" {
			dirs = append(dirs, d)
		}
	}
	if len(dirs) == 0 && p.RootPath != nil && *p.RootPath != "" {
		dirs = append(dirs, filepath.Clean(*p.RootPath))
	}
	s.setFolders(dirs)
	check := dirs
	if len(check) == 0 {
		check = []string{""}
	}
	for _, d := range check {
		if _, err := s.engineIn(d); err != nil {
			return nil, &jsonrpc2.Error{Code: codeRequestFailed, Message: "imrlint: " + err.Error()}
		}
	}
	s.mu.Lock()
	s.initialized = true
	s.docChanges = p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges
	s.mu.Unlock()
	return initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding:   "utf-16",
			TextDocumentSync:   textDocumentSyncOptions{OpenClose: true, Change: syncFull},
			HoverProvider:      true,
			Workspace:          workspaceCapabilities{WorkspaceFolders: workspaceFoldersCapabilities{Supported: true, ChangeNotifications: true}},
			CodeActionProvider: codeActionOptions{CodeActionKinds: []string{kindQuickFix, kindFixAll}},
		},
		ServerInfo: serverInfo{Name: "imrlint", Version: s.opt.Version},
	}, nil
}

// folderDirs are the directories of the workspace folders that are files.
func folderDirs(fs []workspaceFolder) []string {
	var dirs []string
	for _, f := range fs {
		if d := filePath(f.URI); d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// setFolders takes the workspace folders, the longest first, so that a
// document is checked with the configuration of the innermost folder
// holding it.
func (s *server) setFolders(dirs []string) {
	dirs = slices.Clone(dirs)
	sort.SliceStable(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	s.mu.Lock()
	s.folders = dirs
	s.mu.Unlock()
}

// changeFolders takes the folders added to and removed from the
// workspace; the open documents are checked again with their folder's
// configuration.
func (s *server) changeFolders(p didChangeWorkspaceFoldersParams) {
	removed := folderDirs(p.Event.Removed)
	s.mu.Lock()
	var dirs []string
	for _, d := range s.folders {
		if !slices.Contains(removed, d) {
			dirs = append(dirs, d)
		}
	}
	s.mu.Unlock()
	for _, d := range folderDirs(p.Event.Added) {
		if !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	s.setFolders(dirs)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		d.res = nil
		s.schedule(d, 0)
	}
}

// engineFor is the engine a document is checked with: that of the
// innermost workspace folder holding it, else of the first folder, else,
// when the client named no folder, of the document's directory.
func (s *server) engineFor(name string) (*engine.Engine, error) {
	s.mu.Lock()
	folders := s.folders
	s.mu.Unlock()
	for _, d := range folders {
		if within(name, d) {
			return s.engineIn(d)
		}
	}
	if len(folders) > 0 {
		return s.engineIn(folders[0])
	}
	if filepath.IsAbs(name) {
		return s.engineIn(filepath.Dir(name))
	}
	return s.engineIn("")
}

// engineIn is the engine of the configuration of directory dir ("" for
// none): Options.ConfigPath when set, else the .imrlint.toml found from
// dir upwards (config.Search), looked for again at each check, so that a
// configuration written, edited or removed while the editor runs is the
// one the next check uses. A file discovery passed over (in a directory
// others may write to) is told once, as the command line tells it.
func (s *server) engineIn(dir string) (*engine.Engine, error) {
	path := s.opt.ConfigPath
	if s.opt.NoConfig {
		path = ""
	} else if path == "" && dir != "" {
		found := config.Search(dir)
		path = found.Path
		if found.Ignored != "" {
			note := fmt.Sprintf("imrlint: not reading %s: %s (name it with --config to read it)", found.Ignored, found.Why)
			s.mu.Lock()
			told := s.told[note]
			s.told[note] = true
			s.mu.Unlock()
			if !told {
				s.notify("window/showMessage", showMessageParams{Type: messageWarning, Message: note})
			}
		}
	}
	return s.engine(path)
}

// engine is the engine of the configuration file at path ("" for the
// built-in defaults), built again when the file changed since.
func (s *server) engine(path string) (*engine.Engine, error) {
	var stamp string
	if path != "" {
		fi, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, describe(err))
		}
		stamp = fmt.Sprintf("%d %d", fi.ModTime().UnixNano(), fi.Size())
	}
	s.mu.Lock()
	c, ok := s.engines[path]
	s.mu.Unlock()
	if ok && c.stamp == stamp {
		return c.eng, c.err
	}
	eng, err := s.build(path)
	s.mu.Lock()
	s.engines[path] = built{stamp: stamp, eng: eng, err: err}
	s.mu.Unlock()
	return eng, err
}

// build reads a configuration file ("" for none), lays the flags over it
// and builds its engine.
func (s *server) build(path string) (*engine.Engine, error) {
	cfg := &config.Config{}
	if path != "" {
		c, err := config.Load(path)
		if err != nil {
			return nil, err
		}
		cfg = c
	}
	if err := cfg.Apply(s.opt.Flags); err != nil {
		return nil, err
	}
	eng, err := engine.New(cfg)
	if err != nil {
		if path != "" && !strings.Contains(err.Error(), path) {
			err = fmt.Errorf("%s: %w", path, err)
		}
		return nil, err
	}
	eng.MaxSize = s.opt.MaxSize
	return eng, nil
}

// describe is an error of the file system without the path it repeats.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// filePath is the path of a file: URI, "" for any other.
func filePath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/") // file:///C:/letters
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// open starts checking a document at once.
func (s *server) open(p didOpenParams) {
	name := filePath(p.TextDocument.URI)
	if name == "" {
		name = "untitled.txt" // no file: checked as a text letter, matched by no template glob
	}
	d := &document{uri: p.TextDocument.URI, name: name, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.mu.Lock()
	if old := s.docs[d.uri]; old != nil && old.timer != nil {
		old.timer.Stop()
	}
	s.docs[d.uri] = d
	s.schedule(d, 0)
	s.mu.Unlock()
}

// change takes the new text and checks it once the user has paused
// typing.
func (s *server) change(p didChangeParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = []byte(c.Text)
			continue
		}
		// An edit of a range, though the server asked for the whole text.
		l := newLines(d.text)
		start, end := l.offset(c.Range.Start), l.offset(c.Range.End)
		end = max(start, end)
		var b bytes.Buffer
		b.Grow(len(d.text) - (end - start) + len(c.Text))
		b.Write(d.text[:start])
		b.WriteString(c.Text)
		b.Write(d.text[end:])
		d.text = b.Bytes()
	}
	d.version = p.TextDocument.Version
	s.schedule(d, s.debounce())
}

func (s *server) debounce() time.Duration {
	if s.opt.Debounce > 0 {
		return s.opt.Debounce
	}
	return DefaultDebounce
}

// close forgets a document and clears its diagnostics.
func (s *server) close(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	delete(s.docs, uri)
	s.mu.Unlock()
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []diagnostic{}})
}

// schedule checks d after delay, replacing a check scheduled before. s.mu
// is held.
func (s *server) schedule(d *document, delay time.Duration) {
	if d.timer != nil {
		d.timer.Stop()
	}
	if s.closed || s.shutdown {
		return
	}
	uri := d.uri
	d.timer = time.AfterFunc(delay, func() { s.refresh(uri) })
}

// refresh checks a document's current text, unless it was checked
// already, and publishes its diagnostics. It returns the document's
// result, nil when the document is closed or the server is.
func (s *server) refresh(uri string) *result {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil || s.closed {
		s.mu.Unlock()
		return nil
	}
	s.wg.Add(1)
	defer s.wg.Done()
	res := d.res
	if res == nil || res.version != d.version {
		version, text, name := d.version, d.text, d.name
		s.mu.Unlock()
		res = s.check(name, text, version)
		s.mu.Lock()
		if s.docs[uri] != d {
			s.mu.Unlock()
			return nil // closed, or opened anew, meanwhile
		}
		if d.res == nil || d.res.version < version {
			d.res = res
		}
		if d.version != version {
			// Changed while it was checked: the next check publishes.
			// The result is kept only for requests about that version.
			s.mu.Unlock()
			return res
		}
	}
	s.mu.Unlock()
	s.publish(d, res)
	return res
}

// check checks one text with its document's engine. A panic in a check is
// an error of this text, not the end of the session.
func (s *server) check(name string, text []byte, version int32) (res *result) {
	res = &result{version: version, lines: newLines(text)}
	if len(bytes.TrimSpace(text)) == 0 {
		return res // an empty buffer: nothing to say yet
	}
	eng, err := s.engineFor(name)
	if err != nil {
		res.err, res.errCode = err, "configuration"
		return res
	}
	s.checkMu.Lock()
	defer s.checkMu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			res.findings = nil
			res.err = errors.New("imrlint failed on this text (an internal error); please report it with the imrlint version")
		}
	}()
	r := eng.Check(name, text)
	if r.Err != nil {
		res.err = r.Err
		return res
	}
	if !bytes.Equal(r.Src, text) {
		// The engine checked other bytes than the editor holds (never for
		// a text letter): their offsets would point elsewhere.
		res.err = errors.New("imrlint checks plain-text letters in the editor; this file is read as " + r.Kind)
		return res
	}
	res.findings = r.Findings
	return res
}

// publish sends a document's diagnostics unless a later version's were
// sent.
func (s *server) publish(d *document, res *result) {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.mu.Lock()
	if s.closed || s.docs[d.uri] != d || d.pubRes == res || d.pubRes != nil && d.pubRes.version > res.version {
		s.mu.Unlock()
		return
	}
	d.pubRes = res
	diags := s.diagnostics(d.uri, res)
	s.mu.Unlock()
	v := res.version
	s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: diags})
}

// diagnostics are the findings of a result as LSP diagnostics. s.mu is
// held (lines is not safe for concurrent use).
func (s *server) diagnostics(uri string, res *result) []diagnostic {
	out := []diagnostic{}
	if res.err != nil {
		// Not a finding: the text could not be checked ("input") or the
		// configuration not read ("configuration").
		return append(out, diagnostic{Severity: 1, Code: cmp.Or(res.errCode, "input"), Source: "imrlint", Message: res.err.Error()})
	}
	for _, f := range res.findings {
		out = append(out, s.diagnostic(uri, res, f))
	}
	return out
}

func (s *server) diagnostic(uri string, res *result, f finding.Finding) diagnostic {
	dg := diagnostic{Severity: severity(f.Severity), Code: f.Check, Source: "imrlint", Message: f.Message}
	if !f.FileLevel {
		dg.Range = res.lines.lspRange(f.Span)
	}
	for _, r := range f.Related {
		dg.RelatedInformation = append(dg.RelatedInformation, diagnosticRelatedInformation{
			Location: location{URI: uri, Range: res.lines.lspRange(r.Span)},
			Message:  r.Message,
		})
	}
	return dg
}

// severity maps a finding's severity to LSP's (1 error, 2 warning, 3
// information).
func severity(s finding.Severity) int {
	switch s {
	case finding.Error:
		return 1
	case finding.Warning:
		return 2
	}
	return 3
}

// current is a document's result for its current version, checking it
// now if the check the user's typing scheduled has not run yet: fixes
// and hovers are computed on the text the editor holds.
func (s *server) current(uri string) (*document, *result) {
	s.mu.Lock()
	d := s.docs[uri]
	var res *result
	if d != nil && d.res != nil && d.res.version == d.version {
		res = d.res
	}
	s.mu.Unlock()
	if d == nil {
		return nil, nil
	}
	if res != nil {
		return d, res
	}
	res = s.refresh(uri)
	s.mu.Lock()
	defer s.mu.Unlock()
	if res == nil || s.docs[uri] != d || res.version != d.version {
		return nil, nil
	}
	return d, res
}

// codeActions are the certain fixes of the findings in the range asked,
// one quick fix each, and all of the document's certain fixes at once as
// a source action.
func (s *server) codeActions(p codeActionParams) []codeAction {
	out := []codeAction{}
	d, res := s.current(p.TextDocument.URI)
	if res == nil {
		return out
	}
	want := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, k := range p.Context.Only {
			if kind == k || strings.HasPrefix(kind, k+".") {
				return true
			}
		}
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	from, to := res.lines.offset(p.Range.Start), res.lines.offset(p.Range.End)
	if want(kindQuickFix) {
		for _, f := range res.findings {
			if f.Fix == nil || f.FileLevel || !overlaps(f.Span, from, to) {
				continue
			}
			out = append(out, codeAction{
				Title:       fixTitle(f),
				Kind:        kindQuickFix,
				Diagnostics: []diagnostic{s.diagnostic(d.uri, res, f)},
				IsPreferred: true,
				Edit:        s.edit(d.uri, res, []finding.Fix{*f.Fix}),
			})
		}
	}
	if fixes := fix.Collect(res.findings); len(fixes) > 0 && want(kindFixAll) && (len(p.Context.Only) > 0 || len(fixes) > 1) {
		out = append(out, codeAction{
			Title: fmt.Sprintf("imrlint: apply the %d certain fixes", len(fixes)),
			Kind:  kindFixAll,
			Edit:  s.edit(d.uri, res, fixes),
		})
		if len(fixes) == 1 {
			out[len(out)-1].Title = "imrlint: apply the certain fix"
		}
	}
	return out
}

// overlaps says whether a finding's span meets the range [from, to] the
// client asked about (a cursor is an empty range).
func overlaps(sp finding.Span, from, to int) bool {
	return sp.Start <= to && from <= sp.End
}

func fixTitle(f finding.Finding) string {
	r := f.Fix.Replacement
	if r == "" {
		return "imrlint: delete (" + f.Check + ")"
	}
	if len([]rune(r)) > 40 || strings.ContainsAny(r, "\r\n") {
		return "imrlint: apply the fix (" + f.Check + ")"
	}
	return fmt.Sprintf("imrlint: replace with %q (%s)", r, f.Check)
}

// edit is a workspace edit of the fixes, tied to the version they were
// computed on when the client can be told it.
func (s *server) edit(uri string, res *result, fixes []finding.Fix) workspaceEdit {
	edits := make([]textEdit, 0, len(fixes))
	for _, f := range fixes {
		edits = append(edits, textEdit{Range: res.lines.lspRange(f.Span), NewText: f.Replacement})
	}
	if s.docChanges {
		return workspaceEdit{DocumentChanges: []textDocumentEdit{{TextDocument: versionedTextDocumentIdentifier{URI: uri, Version: res.version}, Edits: edits}}}
	}
	return workspaceEdit{Changes: map[string][]textEdit{uri: edits}}
}

// hover is the explanation of the checks whose findings cover the
// position: the finding's message, then what `imrlint explain CHECK`
// prints.
func (s *server) hover(p textDocumentPositionParams) *hover {
	_, res := s.current(p.TextDocument.URI)
	if res == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	off := res.lines.offset(p.Position)
	var parts []string
	explained := map[string]bool{}
	var rng *lspRange
	for _, f := range res.findings {
		if f.FileLevel || off < f.Start || off > f.End || off == f.End && f.End > f.Start {
			continue
		}
		if rng == nil {
			r := res.lines.lspRange(f.Span)
			rng = &r
		}
		part := fmt.Sprintf("%s (%s): %s", f.Check, f.Severity, f.Message)
		if c := check.ByName(f.Check); c != nil && !explained[f.Check] {
			explained[f.Check] = true
			part += "\n\n" + strings.TrimRight(c.Explain(), "\n")
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return nil
	}
	return &hover{Contents: markupContent{Kind: "plaintext", Value: strings.Join(parts, "\n\n----\n\n")}, Range: rng}
}

// notify sends a notification; a client gone is not an error here.
func (s *server) notify(method string, params any) {
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn != nil {
		_ = conn.Notify(context.Background(), method, params)
	}
}

// stop ends the session: no check starts, none is pending, and none is
// still running when it returns, so nothing is written after Run returns.
func (s *server) stop() {
	s.mu.Lock()
	s.closed = true
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
	s.mu.Unlock()
	s.wg.Wait()
}
