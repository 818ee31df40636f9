package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// A small LSP client for the tests: the base protocol's framing written
// by hand (not through the library the server uses), requests with
// numbered ids, and the server's notifications kept in the order they
// came.

// hang bounds every wait of a test: a server that never answers fails the
// test instead of hanging it. No test asserts how long anything took.
const hang = 30 * time.Second

type message struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id,omitempty"`
	Method  string           `json:"method,omitempty"`
	Params  json.RawMessage  `json:"params,omitempty"`
	Result  json.RawMessage  `json:"result,omitempty"`
	Error   *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

type client struct {
	t      *testing.T
	w      *io.PipeWriter // the server's in
	r      *io.PipeReader // the server's out
	mu     sync.Mutex
	nextID int
	msgs   chan message
	notes  []message  // notifications read while waiting for a response
	done   chan error // Run's answer
	raw    strings.Builder
}

// startServer runs Run over pipes and returns a client of it. The test's
// end closes the pipes and waits for Run.
func startServer(t *testing.T, opt Options) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, w: inW, r: outR, msgs: make(chan message, 100), done: make(chan error, 1)}
	go func() {
		c.done <- Run(context.Background(), inR, outW, opt)
		outW.Close()
	}()
	go c.read()
	t.Cleanup(func() {
		inW.Close()
		inR.Close()
		select {
		case <-c.done:
		case <-time.After(hang):
			t.Error("Run did not return after its input was closed")
		}
		outR.Close()
	})
	return c
}

func (c *client) read() {
	defer close(c.msgs)
	br := bufio.NewReader(c.r)
	tp := textproto.NewReader(br)
	for {
		h, err := tp.ReadMIMEHeader()
		if err != nil {
			return
		}
		n, err := strconv.Atoi(h.Get("Content-Length"))
		if err != nil {
			c.t.Errorf("bad Content-Length %q", h.Get("Content-Length"))
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(br, body); err != nil {
			return
		}
		c.mu.Lock()
		c.raw.Write(body)
		c.raw.WriteByte('\n')
		c.mu.Unlock()
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent a body that is not JSON: %v", err)
			return
		}
		c.msgs <- m
	}
}

// wire is every message the server sent so far, one JSON body a line.
func (c *client) wire() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.raw.String()
}

func (c *client) send(m map[string]any) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	b, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(b), b); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"method": method, "params": params})
}

// call sends a request and returns its response, keeping the
// notifications that came before it.
func (c *client) call(method string, params any) message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"id": id, "method": method, "params": params})
	timeout := time.After(hang)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("%s: the server closed its output", method)
			}
			if m.ID != nil && m.Method == "" {
				if string(*m.ID) != strconv.Itoa(id) {
					c.t.Fatalf("%s: response to id %s, want %d", method, *m.ID, id)
				}
				return m
			}
			if m.ID != nil {
				c.t.Fatalf("%s: the server sent a request %s, which this client does not answer", method, m.Method)
			}
			c.notes = append(c.notes, m)
		case <-timeout:
			c.t.Fatalf("%s: no response", method)
		}
	}
}

// result is call's result read into v; an error response fails the test.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, m.Error.Code, m.Error.Message)
	}
	if v != nil {
		if err := json.Unmarshal(m.Result, v); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
		}
	}
}

// next is the next notification of method, kept or read.
func (c *client) next(method string) message {
	c.t.Helper()
	for i, m := range c.notes {
		if m.Method == method {
			c.notes = append(c.notes[:i:i], c.notes[i+1:]...)
			return m
		}
	}
	timeout := time.After(hang)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("waiting for %s: the server closed its output", method)
			}
			if m.Method == method {
				return m
			}
			c.notes = append(c.notes, m)
		case <-timeout:
			c.t.Fatalf("no %s", method)
		}
	}
}

// diagnostics waits for the diagnostics of uri at version. Other
// letters' diagnostics read meanwhile are kept for their own wait (a test
// of many letters waits for each in turn, and the server publishes them in
// any order); this letter's older versions are passed over.
func (c *client) diagnostics(uri string, version int32) []diagnostic {
	c.t.Helper()
	// match says whether m is the publish waited for; it fails the test on
	// a version past it, and tells an older one of uri (drop it).
	match := func(m message) (found, drop bool, ds []diagnostic) {
		if m.Method != "textDocument/publishDiagnostics" {
			return false, false, nil
		}
		var p publishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI != uri {
			return false, false, nil
		}
		if p.Version == nil {
			c.t.Fatalf("diagnostics of %s without a version", uri)
		}
		if *p.Version > version {
			c.t.Fatalf("diagnostics of version %d, waiting for %d", *p.Version, version)
		}
		return *p.Version == version, *p.Version < version, p.Diagnostics
	}
	for i := 0; i < len(c.notes); i++ {
		found, drop, ds := match(c.notes[i])
		if found || drop {
			c.notes = append(c.notes[:i:i], c.notes[i+1:]...)
			i--
		}
		if found {
			return ds
		}
	}
	timeout := time.After(hang)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("waiting for the diagnostics of %s: the server closed its output", uri)
			}
			found, drop, ds := match(m)
			if found {
				return ds
			}
			if !drop {
				c.notes = append(c.notes, m)
			}
		case <-timeout:
			c.t.Fatalf("no textDocument/publishDiagnostics of %s at version %d", uri, version)
		}
	}
}

// initialize opens the session with a workspace root (a directory path,
// "" for none) and the capabilities given.
func (c *client) initialize(root string, caps map[string]any) initializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "capabilities": caps}
	if root != "" {
		params["rootUri"] = fileURI(root)
		params["workspaceFolders"] = []map[string]string{{"uri": fileURI(root), "name": "letters"}}
	} else {
		params["rootUri"] = nil
	}
	var r initializeResult
	c.result("initialize", params, &r)
	c.notify("initialized", map[string]any{})
	return r
}

// shutdown ends the session as a client does, and Run's answer.
func (c *client) shutdown() error {
	c.t.Helper()
	c.result("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		c.done <- err // for the cleanup
		return err
	case <-time.After(hang):
		c.t.Fatal("Run did not return after exit")
	}
	return nil
}
