package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

// Attacks on a real listener: the server as `imrlint serve` runs it
// (ListenAndServe on 127.0.0.1:0, with its timeouts and header limit),
// reached over loopback TCP only. Every connection has a deadline.

var listeningURL = regexp.MustCompile(`msg=listening url=http://(127\.0\.0\.1:\d+)/`)

// realServer serves a handler from New through ListenAndServe on
// 127.0.0.1:0 until the test ends, and returns the address it bound (read
// from its "listening" log line) and its log.
func realServer(t *testing.T, maxBody int64) (string, *syncBuffer) {
	t.Helper()
	addr, logs, _ := realServerOf(t, maxBody)
	return addr, logs
}

// realServerOf is realServer, with the server its handler runs on.
func realServerOf(t *testing.T, maxBody int64) (string, *syncBuffer, *server) {
	t.Helper()
	h, logs := newHandler(t, maxBody)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ListenAndServe(ctx, "127.0.0.1:0", false, "", h) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("ListenAndServe: %v", err)
			}
		case <-time.After(shutdownTimeout + 5*time.Second):
			t.Error("ListenAndServe did not stop when its context ended")
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listeningURL.FindStringSubmatch(logs.String()); m != nil {
			return m[1], logs, h.(*handler).srv
		}
		select {
		case err := <-done:
			t.Fatalf("ListenAndServe: %v", err)
		case <-time.After(5 * time.Millisecond):
		}
	}
	t.Fatalf("the server did not log its address:\n%s", logs)
	return "", nil, nil
}

// loopClient is a client for the test server: loopback, no proxy, no
// redirects, a short timeout.
func loopClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Transport:     &http.Transport{Proxy: nil, DisableKeepAlives: true},
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// checkLetter posts the fixture letter to /api/check and returns the
// status and how long the answer took.
func checkLetter(c *http.Client, addr string, letter []byte) (int, time.Duration, error) {
	start := time.Now()
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/api/check", bytes.NewReader(letter))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	req.Header.Set(ClientHeader, "1")
	resp, err := c.Do(req)
	if err != nil {
		return 0, time.Since(start), err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, time.Since(start), err
}

// rawResponse is what came back on a raw connection.
type rawResponse struct {
	status int
	header http.Header
	close  bool // the server said it would close the connection
	body   string
}

// exchange writes req on a fresh connection to addr and reads one
// response. The request is written from a goroutine, since the server may
// answer and hang up before it has read all of it (an oversized body, an
// oversized header); the whole exchange is bounded by timeout.
func exchange(t *testing.T, addr string, req io.Reader, timeout time.Duration) (rawResponse, error) {
	return exchangeMethod(t, addr, http.MethodPost, req, timeout)
}

// exchangeMethod is exchange for a request of method (a HEAD's answer has
// no body to read).
func exchangeMethod(t *testing.T, addr, method string, req io.Reader, timeout time.Duration) (rawResponse, error) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return rawResponse{}, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		io.Copy(conn, req) // a write error is expected when the server hangs up first
	}()
	defer func() {
		conn.Close() // stops the writer if it is still writing
		<-wrote
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return rawResponse{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return rawResponse{}, fmt.Errorf("reading the body of a %d: %w", resp.StatusCode, err)
	}
	return rawResponse{status: resp.StatusCode, header: resp.Header, close: resp.Close, body: string(b)}, nil
}

// pausingReader reads the first n bytes of r, says so (paused), and waits
// until gate is closed before it reads on.
type pausingReader struct {
	r      io.Reader
	n      int
	gate   <-chan struct{}
	paused func()
	once   sync.Once
}

func (p *pausingReader) Read(b []byte) (int, error) {
	if p.n > 0 {
		k, err := p.r.Read(b[:min(len(b), p.n)])
		p.n -= k
		return k, err
	}
	p.once.Do(p.paused)
	<-p.gate
	return p.r.Read(b)
}

// chunked encodes body in chunks of at most size bytes, with the final
// empty chunk.
func chunked(body []byte, size int) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(size, len(body))
		fmt.Fprintf(&b, "%x\r\n", n)
		b.Write(body[:n])
		b.WriteString("\r\n")
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// checkLog fails the test if the log holds any of the letter's text.
func checkLog(t *testing.T, logs *syncBuffer, letter []byte) {
	t.Helper()
	out := logs.String()
	if leak := sharedSubstring(string(letter), out, 20); leak != "" {
		t.Errorf("the log holds letter text %q:\n%.2000s", leak, out)
	}
	if strings.Contains(out, "status=500") || strings.Contains(out, "panic") {
		t.Errorf("the log shows a 500 or a panic:\n%.2000s", out)
	}
}

// (a) Slow loris: connections that dribble their header, or send nothing,
// are closed by the server (at ReadHeaderTimeout), and normal requests
// made while they are all still open are answered. The server has no
// shorter timeout to set for a test, so this waits out the real one
// (10 s); -short skips it. Nothing here is timed against a threshold: the
// times are logged.
func TestAttackSlowloris(t *testing.T) {
	if testing.Short() {
		t.Skipf("waits out the real ReadHeaderTimeout (%s)", readHeaderTimeout)
	}
	if readHeaderTimeout > 10*time.Second {
		t.Skipf("ReadHeaderTimeout is %s: too long to wait out in a test", readHeaderTimeout)
	}
	t.Parallel()
	letter := readFixture(t)
	addr, logs := realServer(t, 0)

	const conns = 60
	type outcome struct {
		i     int
		after time.Duration
		got   string // what the server wrote before it hung up
		err   error
	}
	start := time.Now()
	stop := make(chan struct{})
	var writers sync.WaitGroup
	var nClosed atomic.Int32 // slow connections seen closed so far
	closed := make(chan outcome, conns)
	for i := 0; i < conns; i++ {
		conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		// A guard against a hang, before ReadTimeout (60 s) and
		// IdleTimeout (120 s): a connection closed before it was
		// closed by ReadHeaderTimeout.
		conn.SetDeadline(start.Add(readHeaderTimeout + 30*time.Second))
		if i%3 != 0 {
			// Dribble a request's header, a byte every 400 ms: it would
			// take minutes to finish, and so never does.
			head := "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Imrlint: 1\r\nContent-Type: text/plain\r\nX-Slow: " + strings.Repeat("z", 200)
			if i%3 == 2 {
				head = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + strings.Repeat("a", 200)
			}
			writers.Add(1)
			go func() {
				defer writers.Done()
				tick := time.NewTicker(400 * time.Millisecond)
				defer tick.Stop()
				for j := 0; j < len(head); j++ {
					if _, err := conn.Write([]byte{head[j]}); err != nil {
						return
					}
					select {
					case <-stop:
						return
					case <-tick.C:
					}
				}
			}()
		} // else: connect and send nothing at all.
		go func(i int) {
			got, err := io.ReadAll(io.LimitReader(conn, 4096))
			if err == nil {
				err = io.EOF
			}
			nClosed.Add(1)
			closed <- outcome{i, time.Since(start), string(got), err}
		}(i)
	}

	// Meanwhile, normal requests are answered, the first while every
	// slow connection is still open.
	c := loopClient(30 * time.Second) // a guard against a hang
	for k := 0; k < 4; k++ {
		status, took, err := checkLetter(c, addr, letter)
		open := conns - int(nClosed.Load())
		if err != nil || status != http.StatusOK {
			t.Errorf("a normal request during the attack: %d %v", status, err)
		}
		if k == 0 && open != conns {
			t.Errorf("%d slow connections were closed before the first normal request was answered: closed by what?", conns-open)
		}
		t.Logf("normal request at %s: %d in %s, %d slow connections open", time.Since(start).Round(time.Millisecond), status, took.Round(time.Microsecond), open)
		time.Sleep(readHeaderTimeout / 5)
	}

	var last time.Duration
	for k := 0; k < conns; k++ {
		o := <-closed
		last = max(last, o.after)
		var ne net.Error
		switch {
		case errors.As(o.err, &ne) && ne.Timeout():
			t.Errorf("connection %d: still open at the test's guard, %s after it was made: the server did not close it (ReadHeaderTimeout %s)", o.i, o.after.Round(time.Millisecond), readHeaderTimeout)
		case !errors.Is(o.err, io.EOF) && !strings.Contains(o.err.Error(), "connection reset"):
			t.Errorf("connection %d: %v", o.i, o.err)
		case o.got != "" && !strings.HasPrefix(o.got, "HTTP/1.1 400 Bad Request\r\n") && !strings.HasPrefix(o.got, "HTTP/1.1 408 "):
			// A request line cut off by the timeout is parsed as it is,
			// and is malformed: net/http answers 400 and hangs up.
			t.Errorf("connection %d: the server wrote %q", o.i, o.got)
		}
	}
	close(stop)
	writers.Wait()
	t.Logf("%d slow connections all closed by the server, the last %s after they were made (ReadHeaderTimeout %s)", conns, last.Round(time.Millisecond), readHeaderTimeout)

	// And after the attack.
	if status, took, err := checkLetter(c, addr, letter); err != nil || status != http.StatusOK {
		t.Errorf("a normal request after the attack: %d in %s, %v", status, took, err)
	}
	// None of them made a request, so none was logged as one.
	if n := strings.Count(logs.String(), "msg=request "); n != 5 {
		t.Errorf("%d request lines for 5 normal requests:\n%s", n, logs)
	}
	checkLog(t, logs, letter)
}

// (b) Oversized bodies of unknown length (chunked), as text and as a form,
// and one that declares a length over the limit, get 413 and a closed
// connection, and normal requests made while four of them are still
// being sent are answered 200.
func TestAttackOversizedChunked(t *testing.T) {
	t.Parallel()
	letter := readFixture(t)
	const limit = 64 << 10
	addr, logs, srv := realServerOf(t, limit)
	big := bytes.Repeat(letter, (4<<20)/len(letter)+1) // 4 MiB of letters

	textReq := func() io.Reader {
		return io.MultiReader(strings.NewReader("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Imrlint: 1\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"), bytes.NewReader(chunked(big, 32<<10)))
	}
	formReq := func() io.Reader {
		body, ctype := form(t, [3]string{"file", "big.txt", string(big)})
		return io.MultiReader(strings.NewReader("POST /api/view HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Imrlint: 1\r\nContent-Type: "+ctype+"\r\nTransfer-Encoding: chunked\r\n\r\n"), bytes.NewReader(chunked(body, 16<<10)))
	}
	declaredReq := func() io.Reader {
		return io.MultiReader(strings.NewReader("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Imrlint: 1\r\nContent-Type: text/plain\r\nContent-Length: 1000000000\r\n\r\n"), bytes.NewReader(big))
	}
	// A body that never ends: chunks until the server hangs up (or the
	// exchange's deadline passes).
	endlessReq := func() io.Reader {
		chunk := chunked(letter, len(letter))
		chunk = chunk[:len(chunk)-len("0\r\n\r\n")]
		var rs []io.Reader
		rs = append(rs, strings.NewReader("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Imrlint: 1\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"))
		for i := 0; i < (64<<20)/len(chunk); i++ { // bounded all the same: 64 MiB
			rs = append(rs, bytes.NewReader(chunk))
		}
		return io.MultiReader(rs...)
	}

	// Half the attacks pause inside their body, under the limit, until
	// the normal requests are done: those are answered while the attack
	// is in flight, whatever the machine's speed.
	gate := make(chan struct{})
	var paused sync.WaitGroup
	attacks := []struct {
		name  string
		req   func() io.Reader
		pause bool
	}{
		{"chunked text", textReq, true}, {"chunked text", textReq, true}, {"chunked text", textReq, false},
		{"chunked form", formReq, true}, {"chunked form", formReq, false},
		{"declared length", declaredReq, false},
		{"endless chunked", endlessReq, true}, {"endless chunked", endlessReq, false},
	}
	var attackers sync.WaitGroup
	var answered atomic.Int32 // paused attacks answered
	for _, a := range attacks {
		attackers.Add(1)
		req := a.req()
		if a.pause {
			paused.Add(1)
			req = &pausingReader{r: req, n: 32 << 10, gate: gate, paused: paused.Done}
		}
		go func() {
			defer attackers.Done()
			r, err := exchange(t, addr, req, 60*time.Second) // a guard against a hang
			if a.pause {
				answered.Add(1)
			}
			if err != nil {
				t.Errorf("%s: %v", a.name, err)
				return
			}
			if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, "too large") || !strings.Contains(r.body, "64.0 KiB") {
				t.Errorf("%s: %d %.200q", a.name, r.status, r.body)
			}
			if !r.close {
				t.Errorf("%s: the connection is kept after a 413, with the rest of the body unread", a.name)
			}
		}()
	}
	paused.Wait()
	// The server is reading the paused bodies: it holds their slots.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		if _, _, b := inUse(srv); b >= 4 {
			break
		}
		if time.Now().After(deadline) {
			_, _, b := inUse(srv)
			t.Fatalf("the server reads %d bodies, not the 4 paused ones", b)
		}
	}
	c := loopClient(30 * time.Second) // a guard against a hang
	var normals sync.WaitGroup
	for i := 0; i < 4; i++ {
		normals.Add(1)
		go func() {
			defer normals.Done()
			for k := 0; k < 5; k++ {
				status, took, err := checkLetter(c, addr, letter)
				if err != nil || status != http.StatusOK {
					t.Errorf("a normal request among the oversized: %d %v", status, err)
				}
				if k == 0 {
					t.Logf("a normal request among the oversized: %d in %s", status, took.Round(time.Microsecond))
				}
			}
		}()
	}
	normals.Wait()
	if n := answered.Load(); n != 0 {
		t.Errorf("%d of the 4 paused attacks were answered before the normal requests were done", n)
	}
	close(gate)
	attackers.Wait()
	if n := strings.Count(logs.String(), "status=413"); n != len(attacks) {
		t.Errorf("%d requests logged 413, want %d:\n%s", n, len(attacks), logs)
	}
	checkLog(t, logs, letter)
}

// (c) A malformed form is a 400 with a message that says what is wrong,
// never a 500, and nothing of it is logged.
func TestAttackMalformedMultipart(t *testing.T) {
	t.Parallel()
	letter := readFixture(t)
	// A limit over the multipart reader's own 10 MiB bound on a part's
	// header, so that a huge header meets that bound, not this one.
	const limit = 32 << 20
	addr, logs := realServer(t, limit)
	oneLine := strings.ReplaceAll(string(letter), "\n", " ")
	part := "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
	whole := part + string(letter) + "\r\n--XYZ--\r\n"
	huge := strings.Repeat(oneLine, (11<<20)/len(oneLine)+1) // a header line over 10 MiB
	many := strings.Repeat("X-Letter: "+oneLine[:60]+"\r\n", 20000)
	cases := []struct {
		name, ctype, body, msg string
	}{
		{"control: a well-formed form", "multipart/form-data; boundary=XYZ", whole, ""},
		{"control: with a preamble and an epilogue", "multipart/form-data; boundary=XYZ", "preamble\r\n" + whole + "epilogue\r\n", ""},
		{"control: closing boundary without CRLF", "multipart/form-data; boundary=XYZ", strings.TrimSuffix(whole, "\r\n"), ""},
		{"bad boundary: the body uses another", "multipart/form-data; boundary=ABC", whole, "malformed multipart body"},
		{"bad boundary: none given", "multipart/form-data", whole, "malformed multipart body"},
		{"bad boundary: empty", `multipart/form-data; boundary=""`, whole, "malformed multipart body"},
		{"bad boundary: 300 characters", "multipart/form-data; boundary=" + strings.Repeat("B", 300), whole, "malformed multipart body"},
		{"bad boundary: unparsable media type", "multipart/form-data; boundary=XYZ; ;=", whole, "send the letter as text/plain"},
		{"truncated part", "multipart/form-data; boundary=XYZ", part + string(letter[:len(letter)/2]), "malformed multipart body"},
		{"truncated boundary", "multipart/form-data; boundary=XYZ", "--XY", "malformed multipart body"},
		{"truncated part header", "multipart/form-data; boundary=XYZ", part[:40], "malformed multipart body"},
		{"truncated second part header", "multipart/form-data; boundary=XYZ", part + string(letter) + "\r\n" + part[:60], "malformed multipart body"},
		{"truncated second part header, blank line missing", "multipart/form-data; boundary=XYZ", part + string(letter) + "\r\n" + part[:len(part)-2], "malformed multipart body"},
		{"missing closing boundary", "multipart/form-data; boundary=XYZ", part + string(letter) + "\r\n", "malformed multipart body"},
		{"missing closing boundary, a part opened", "multipart/form-data; boundary=XYZ", part + string(letter) + "\r\n--XYZ\r\n", "malformed multipart body"},
		{"part header without a colon", "multipart/form-data; boundary=XYZ", "--XYZ\r\n" + strings.ReplaceAll(oneLine[:300], ":", " ") + "\r\n\r\nx\r\n--XYZ--\r\n", "malformed multipart body"},
		{"part header with a bad key", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--XYZ--\r\n", "no letter in the form"},
		{"huge header in a part", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nX-Huge: " + huge + "\r\n\r\n" + string(letter) + "\r\n--XYZ--\r\n", "malformed multipart body"},
		{"20,000 headers in a part", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n" + many + "\r\n" + string(letter) + "\r\n--XYZ--\r\n", "malformed multipart body"},
		{"no letter: empty form", "multipart/form-data; boundary=XYZ", "--XYZ--\r\n", "no letter in the form"},
		{"no letter: no name", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data\r\n\r\n" + string(letter) + "\r\n--XYZ--\r\n", "no letter in the form"},
		{"too many letters", "multipart/form-data; boundary=XYZ", strings.Repeat("--XYZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nx\r\n", maxParts+1) + "--XYZ--\r\n", "too many letters"},
	}
	for _, c := range cases {
		head := fmt.Sprintf("POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Imrlint: 1\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", c.ctype, len(c.body))
		start := time.Now()
		r, err := exchange(t, addr, strings.NewReader(head+c.body), 20*time.Second)
		took := time.Since(start)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if c.msg == "" {
			if r.status != http.StatusOK {
				t.Errorf("%s: %d %.200q", c.name, r.status, r.body)
			}
			continue
		}
		want := http.StatusBadRequest
		if strings.HasPrefix(c.msg, "send the letter") {
			want = http.StatusUnsupportedMediaType
		}
		if r.status != want || !strings.Contains(r.body, `"error":`) || !strings.Contains(r.body, c.msg) {
			t.Errorf("%s: %d %.200q, want %d %q", c.name, r.status, r.body, want, c.msg)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", c.name, ct)
		}
		if sharedSubstring(string(letter), r.body, 20) != "" {
			t.Errorf("%s: the answer quotes the letter: %.200q", c.name, r.body)
		}
		t.Logf("%s: %d %.100s in %s", c.name, r.status, strings.TrimSpace(r.body), took.Round(time.Millisecond))
	}
	if n := strings.Count(logs.String(), "msg=request "); n != len(cases) {
		t.Errorf("%d request lines for %d requests", n, len(cases))
	}
	checkLog(t, logs, letter)
}

// (d) No spelling of a path leaves the embedded assets: each is 404 (or
// the HTTP parser's 400), and no file's contents come back.
func TestAttackPathTraversal(t *testing.T) {
	t.Parallel()
	addr, logs := realServer(t, 0)
	paths := []string{
		"/assets/../../go.mod",
		"/assets/%2e%2e/%2e%2e/go.mod",
		"//etc/passwd",
		"/assets/..%2fserver.go",
		"/assets/..%2f..%2f..%2fgo.mod",
		"/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fgo.mod",
		"/assets/%252e%252e/%252e%252e/go.mod",
		"/assets/..\\..\\..\\go.mod",
		"/assets/..%5c..%5c..%5cgo.mod",
		"/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/go.mod",
		"/assets/app.js%00.txt",
		"/assets/./app.js/../../../go.mod",
		"/assets//etc/passwd",
		"/../../../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/server.go",
		"/internal/server/server.go",
		"/assets/../server.go",
		"/assets/assets/app.js",
		"http://127.0.0.1/../go.mod",
		"../go.mod",
		"*",
	}
	for _, p := range paths {
		for _, method := range []string{"GET", "HEAD"} {
			req := method + " " + p + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
			r, err := exchangeMethod(t, addr, method, strings.NewReader(req), 10*time.Second)
			if err != nil {
				t.Errorf("%s %s: %v", method, p, err)
				continue
			}
			if r.status != http.StatusNotFound && r.status != http.StatusBadRequest {
				t.Errorf("%s %s = %d, want 404 or 400", method, p, r.status)
			}
			if method == "GET" {
				t.Logf("GET %s: %d", p, r.status)
			}
			for _, secret := range []string{"module github.com", "root:", "package server", "go 1."} {
				if strings.Contains(r.body, secret) {
					t.Errorf("%s %s served a file (%q): %.200q", method, p, secret, r.body)
				}
			}
		}
	}
	// The assets themselves are still there.
	r, err := exchangeMethod(t, addr, http.MethodGet, strings.NewReader("GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 10*time.Second)
	if err != nil || r.status != http.StatusOK || len(r.body) == 0 {
		t.Errorf("GET /assets/app.js: %d %v", r.status, err)
	}
	if strings.Contains(logs.String(), "status=500") {
		t.Errorf("a 500:\n%s", logs)
	}
}

// (e) A request header over MaxHeaderBytes is 431, before any handler
// runs; one under it is served, and normal requests go on.
func TestAttackHugeHeaders(t *testing.T) {
	t.Parallel()
	letter := readFixture(t)
	addr, logs := realServer(t, 0)
	oneLine := strings.ReplaceAll(string(letter), "\n", " ")
	over := 2 * maxHeaderBytes // net/http allows 4 KiB over MaxHeaderBytes
	fill := func(n int) string { return strings.Repeat(oneLine, n/len(oneLine)+1)[:n] }
	manyHeaders := func(total int) string {
		var b strings.Builder
		for i := 0; b.Len() < total; i++ {
			fmt.Fprintf(&b, "X-H%d: %s\r\n", i, oneLine[:100])
		}
		return b.String()
	}
	cases := []struct {
		name, headers string
		want          int
	}{
		{"one header line over the limit", "X-Big: " + fill(over) + "\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"a cookie over the limit", "Cookie: a=" + fill(over) + "\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"many headers over the limit", manyHeaders(over), http.StatusRequestHeaderFieldsTooLarge},
		{"a request line over the limit", "", http.StatusRequestHeaderFieldsTooLarge},
		{"control: headers under the limit", "X-Big: " + fill(maxHeaderBytes/2) + "\r\n", http.StatusOK},
	}
	var wg sync.WaitGroup
	for _, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			target := "/api/check"
			if c.headers == "" {
				target += "?name=" + strings.Repeat("a", over)
			}
			req := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Imrlint: 1\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n%s\r\n%s", target, len(letter), c.headers, letter)
			r, err := exchange(t, addr, strings.NewReader(req), 10*time.Second)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				return
			}
			if r.status != c.want {
				t.Errorf("%s: %d %.100q, want %d", c.name, r.status, r.body, c.want)
			}
		}()
	}
	cl := loopClient(10 * time.Second)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, took, err := checkLetter(cl, addr, letter); err != nil || status != http.StatusOK {
				t.Errorf("a normal request among the huge headers: %d in %s, %v", status, took, err)
			}
		}()
	}
	wg.Wait()
	// The 431s never reached the handler, so they are not logged; the
	// control and the normal requests are.
	if n := strings.Count(logs.String(), "msg=request "); n != 4 {
		t.Errorf("%d request lines, want 4:\n%.2000s", n, logs)
	}
	checkLog(t, logs, letter)
}

// The closing boundary is found however the body is cut into reads.
func TestMultipartClosingBoundaryAcrossReads(t *testing.T) {
	h, _ := newHandler(t, 0)
	letter := readFixture(t)
	body, ctype := form(t, [3]string{"file", "a.txt", string(letter)}, [3]string{"text", "", "x"})
	for _, cut := range []struct {
		name string
		r    func(io.Reader) io.Reader
	}{
		{"one byte a read", iotest.OneByteReader},
		{"half the buffer a read", iotest.HalfReader},
		{"data with EOF", iotest.DataErrReader},
	} {
		req := apiRequest(http.MethodPost, "/api/check", cut.r(bytes.NewReader(body)))
		req.Header.Set("Content-Type", ctype)
		if w := do(h, req); w.Code != http.StatusOK {
			t.Errorf("%s: %d %.200s", cut.name, w.Code, w.Body)
		}
		// Cut before its closing boundary, the form is malformed.
		trunc := body[:bytes.LastIndex(body, []byte("\r\n--"))+2]
		req = apiRequest(http.MethodPost, "/api/check", cut.r(bytes.NewReader(trunc)))
		req.Header.Set("Content-Type", ctype)
		if w := do(h, req); w.Code != http.StatusBadRequest || !strings.Contains(errorOf(t, w), "malformed multipart body") {
			t.Errorf("%s, cut off: %d %.200s", cut.name, w.Code, w.Body)
		}
	}
}
