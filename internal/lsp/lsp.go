// Package lsp serves imrlint's findings to editors over the Language Server
// Protocol on stdio (`imrlint lsp`): diagnostics as a letter or template is
// typed, the certain fixes as quick fixes, and the explanation of a check
// on hover. Like the review server, it is a front end: it checks only
// through the engine, built from the workspace's .imrlint.toml.
//
// # Why sourcegraph/jsonrpc2 and not glsp
//
// The wire is github.com/sourcegraph/jsonrpc2: JSON-RPC 2.0 with the LSP
// base protocol's Content-Length framing (VSCodeObjectCodec), a small,
// maintained module with no dependency this package builds (its go.mod
// names gorilla/websocket only for a subpackage not imported here). The
// dozen protocol messages used are declared in protocol.go.
//
// github.com/tliron/glsp v0.2.2 was weighed and left: its server runs on
// os.Stdin and os.Stdout only (RunStdio; the stream serving is unexported),
// so Run could not take in and out, and the in-process tests could not
// drive it over a pipe without reaching past it to jsonrpc2 anyway; its
// logging goes through commonlog, whose debug mode logs every message
// whole, letter text included, and it brings about fourteen modules
// (websocket, x/crypto, x/net, go-deadlock, termenv, kutil, ...) for what
// here is two hundred lines of struct declarations. golang.org/x/tools'
// protocol package is internal to gopls and cannot be imported.
//
// # Protected health information
//
// Letters hold PHI. The server writes no file and logs nothing of a
// letter: it writes only to out, only protocol messages, and the only
// window/showMessage it sends names a configuration file passed over. The
// jsonrpc2 connection's own log, which would print protocol errors to
// standard error (editors copy a server's standard error into their log
// files), is discarded; Run's error says what went wrong without quoting
// the stream.
package lsp

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/imrlint/imrlint/internal/config"
)

// Options configures the server.
type Options struct {
	// ConfigPath names the configuration file to use. When empty, each
	// workspace folder's .imrlint.toml is found from the folder upwards,
	// as the command line finds one from the working directory.
	ConfigPath string
	// NoConfig reads no configuration file: the built-in defaults.
	NoConfig bool
	// Flags are the command line's configuration flags, laid over each
	// configuration (config.Config.Apply) as over a run's.
	Flags config.Flags
	// MaxSize is the largest text checked (engine.DefaultMaxSize when 0);
	// a larger one is a diagnostic saying so.
	MaxSize int64
	// Debounce is how long the server waits after a change before it
	// checks the text (DefaultDebounce when 0).
	Debounce time.Duration
	// Version is the version told to the client in serverInfo.
	Version string
}

// DefaultDebounce is the pause in typing after which a changed text is
// checked.
const DefaultDebounce = 300 * time.Millisecond

// ErrExitWithoutShutdown is Run's answer when the client sent exit
// without asking for shutdown first (the protocol's exit code 1).
var ErrExitWithoutShutdown = errors.New("lsp: the client sent exit before shutdown")

// ErrClientGone is Run's answer when the client's stream ended before
// shutdown and exit.
var ErrClientGone = errors.New("lsp: the client closed the connection without shutdown and exit")

// Run serves the Language Server Protocol, reading the client's messages
// from in and writing to out, until the client sends exit, in ends or ctx
// is done. It returns nil after a shutdown and exit, ctx's error when ctx
// ended it, and an error otherwise. Nothing is written to out after Run
// returns. Run does not close in or out: a read of in still blocked when
// Run returns ends when in does.
func Run(ctx context.Context, in io.Reader, out io.Writer, opt Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := newServer(opt)
	log := &rpcLog{}
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(&stdio{in: in, out: out}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(log))
	select {
	case <-s.done:
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
	}
	s.stop()
	conn.Close()
	s.mu.Lock()
	exited, shutdown := s.exited, s.shutdown
	s.mu.Unlock()
	switch {
	case exited && shutdown:
		return nil
	case exited:
		return ErrExitWithoutShutdown
	case ctx.Err() != nil:
		return ctx.Err()
	case log.protocolError():
		return errors.New("lsp: a message from the client could not be read as the LSP base protocol (Content-Length header, JSON body)")
	}
	return ErrClientGone
}

// stdio is the stream jsonrpc2 reads and writes. Closing it closes
// neither in nor out: they are the caller's.
type stdio struct {
	in  io.Reader
	out io.Writer
}

func (s *stdio) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s *stdio) Write(p []byte) (int, error) { return s.out.Write(p) }
func (s *stdio) Close() error                { return nil }

// rpcLog takes jsonrpc2's log lines and keeps none: a protocol error's
// cause can quote the stream. It remembers only that one was reported.
type rpcLog struct {
	mu    sync.Mutex
	proto bool
}

func (l *rpcLog) Printf(format string, v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if strings.HasPrefix(format, "jsonrpc2: protocol error") {
		l.proto = true
	}
}

func (l *rpcLog) protocolError() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.proto
}
