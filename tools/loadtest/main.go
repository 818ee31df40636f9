// Command loadtest puts imrlint's review server under concurrent load on
// loopback and reports what it took.
//
//	go run ./tools/loadtest -clients 200 -duration 30s
//	go run ./tools/loadtest -clients 50 -duration 10s -addr http://127.0.0.1:7777
//
// Without -addr it starts the server in this process through the real
// server.ListenAndServe path on 127.0.0.1:0 (the port is read from the
// server's "listening" log line). With -addr it loads a server already
// running on loopback; any other address is refused, and every connection
// is checked to go to a loopback IP when it is dialled, so the command can
// load nothing but this machine.
//
// Each client POSTs the fixture letters (testdata/letters/*.txt, round
// robin) to /api/check as text/plain, one request after another. The run
// stops by itself: when -duration has passed (requests in flight then
// finish, each bounded by -timeout) or when -max-requests have been sent,
// whichever comes first; a hard deadline cancels whatever is left.
//
// It reports the requests, the errors (any status but 200 and 422, and
// transport errors), the throughput, the latency percentiles, and the
// peak RSS of this process (VmHWM in /proc/self/status), which in-process
// is the server's together with the clients'; with -addr, that of the
// server's process when -server-pid names it.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/imrlint/imrlint/internal/server"
)

// Bounds on the flags: the command is a measurement, not a weapon.
const (
	maxClients     = 2000
	maxDuration    = time.Hour
	maxRequestsCap = 10_000_000
	maxTimeout     = 5 * time.Minute
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	clients     int
	duration    time.Duration
	maxRequests int64
	timeout     time.Duration
	addr        string
	letters     string
	verbose     bool
	serverPID   int
}

func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fl := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.IntVar(&o.clients, "clients", 200, "concurrent `N` clients, each sending one request after another")
	fl.DurationVar(&o.duration, "duration", 30*time.Second, "stop sending new requests after `D`")
	fl.Int64Var(&o.maxRequests, "max-requests", 1_000_000, "send at most `N` requests in all")
	fl.DurationVar(&o.timeout, "timeout", 30*time.Second, "per-request timeout `D`")
	fl.StringVar(&o.addr, "addr", "", "load a server already running at `URL` (loopback only, e.g. http://127.0.0.1:7777); default: start one in-process on 127.0.0.1:0")
	fl.StringVar(&o.letters, "letters", "testdata/letters", "`DIR` of fixture letters (*.txt)")
	fl.IntVar(&o.serverPID, "server-pid", 0, "with -addr, report the peak RSS of the server's process `PID` (VmHWM in /proc/PID/status)")
	fl.BoolVar(&o.verbose, "v", false, "write the in-process server's log lines to stderr")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./tools/loadtest [-clients 200] [-duration 30s] [-addr http://127.0.0.1:PORT]\n\nLoads imrlint's review server on loopback with concurrent POST /api/check requests.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "loadtest: unexpected arguments %q\n", fl.Args())
		return 2
	}
	if err := o.validate(); err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 2
	}
	letters, err := readLetters(o.letters)
	if err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 2
	}

	var (
		base    *url.URL
		srv     *inProcess
		rssBase memInfo
	)
	if o.addr != "" {
		if base, err = loopbackURL(o.addr); err != nil {
			fmt.Fprintf(stderr, "loadtest: %v\n", err)
			return 2
		}
	} else {
		if srv, err = startServer(o.verbose, stderr); err != nil {
			fmt.Fprintf(stderr, "loadtest: %v\n", err)
			return 1
		}
		base = srv.base
	}

	client := newClient(o.clients, o.timeout)
	defer client.CloseIdleConnections()
	if err := preflight(client, base); err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		if srv != nil {
			srv.stop()
		}
		return 1
	}
	if srv != nil {
		rssBase, _ = readMem("/proc/self/status")
	}

	began := time.Now()
	res := load(client, base, letters, o)

	var serverErr error
	var lines serverCounts
	if srv != nil {
		client.CloseIdleConnections()
		serverErr = srv.stop()
		lines = srv.log.counts()
	}
	status := "/proc/self/status"
	if o.serverPID != 0 {
		status = "/proc/" + strconv.Itoa(o.serverPID) + "/status"
	}
	rss, rssErr := readMem(status)

	// The report.
	fmt.Fprintf(stdout, "imrlint server load test, started %s\n", began.Format(time.RFC3339))
	fmt.Fprintf(stdout, "machine:     %d CPUs (%s), GOMAXPROCS %d, %s/%s, %s\n", runtime.NumCPU(), cpuModel(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	if srv != nil {
		fmt.Fprintf(stdout, "server:      in-process, server.ListenAndServe on %s\n", base.Host)
	} else {
		fmt.Fprintf(stdout, "server:      external, %s\n", base.Host)
	}
	fmt.Fprintf(stdout, "load:        %d clients, duration %s, max %d requests, timeout %s, %d letters (%s) round robin to POST /api/check as text/plain\n",
		o.clients, o.duration, o.maxRequests, o.timeout, len(letters), sizeRange(letters))
	fmt.Fprintf(stdout, "requests:    %d in %s (%s)\n", res.total, res.elapsed.Round(time.Millisecond), res.stopReason)
	fmt.Fprintf(stdout, "statuses:    %s\n", formatCounts(res.statuses))
	fmt.Fprintf(stdout, "errors:      %d", res.errors)
	if len(res.errKinds) > 0 {
		fmt.Fprintf(stdout, " (%s)", formatCounts(res.errKinds))
	}
	fmt.Fprintln(stdout)
	fmt.Fprintf(stdout, "throughput:  %.1f req/s\n", float64(res.total)/res.elapsed.Seconds())
	fmt.Fprintf(stdout, "latency:     p50 %s  p90 %s  p99 %s  max %s  (min %s, mean %s)\n",
		ms(res.pct(0.50)), ms(res.pct(0.90)), ms(res.pct(0.99)), ms(res.max()), ms(res.min()), ms(res.mean()))
	if srv != nil {
		if rssErr != nil {
			fmt.Fprintf(stdout, "peak RSS:    unknown (%v)\n", rssErr)
		} else {
			fmt.Fprintf(stdout, "peak RSS:    %s (VmHWM of this process: server and clients; %s after the server started, before the load; VmRSS now %s)\n",
				mib(rss.hwm), mib(rssBase.hwm), mib(rss.rss))
		}
		fmt.Fprintf(stdout, "server log:  %d request lines (%s), %d warnings or errors\n", lines.requests, formatCounts(lines.statuses), lines.warnings)
		if serverErr != nil {
			fmt.Fprintf(stdout, "shutdown:    %v\n", serverErr)
		} else {
			fmt.Fprintf(stdout, "shutdown:    graceful\n")
		}
	} else if o.serverPID != 0 {
		if rssErr != nil {
			fmt.Fprintf(stdout, "peak RSS:    unknown (%v)\n", rssErr)
		} else {
			fmt.Fprintf(stdout, "peak RSS:    %s (VmHWM of the server's process %d; VmRSS now %s)\n", mib(rss.hwm), o.serverPID, mib(rss.rss))
		}
	} else {
		fmt.Fprintf(stdout, "peak RSS:    not measured (external server: pass -server-pid PID)\n")
	}
	if res.errors > 0 || serverErr != nil || (srv != nil && lines.warnings > 0) {
		return 1
	}
	return 0
}

func (o *options) validate() error {
	switch {
	case o.clients < 1 || o.clients > maxClients:
		return fmt.Errorf("-clients %d: want 1 to %d", o.clients, maxClients)
	case o.duration <= 0 || o.duration > maxDuration:
		return fmt.Errorf("-duration %s: want more than 0 and at most %s", o.duration, maxDuration)
	case o.maxRequests < 1 || o.maxRequests > maxRequestsCap:
		return fmt.Errorf("-max-requests %d: want 1 to %d", o.maxRequests, maxRequestsCap)
	case o.timeout <= 0 || o.timeout > maxTimeout:
		return fmt.Errorf("-timeout %s: want more than 0 and at most %s", o.timeout, maxTimeout)
	case o.serverPID != 0 && (o.addr == "" || o.serverPID < 1):
		return errors.New("-server-pid goes with -addr (in-process, the server is this process)")
	}
	return nil
}

// readLetters reads DIR/*.txt, in name order.
func readLetters(dir string) ([][]byte, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var letters [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		letters = append(letters, b)
	}
	if len(letters) == 0 {
		return nil, fmt.Errorf("no letters in %s/*.txt (run from the module root, or pass -letters DIR)", dir)
	}
	return letters, nil
}

// loopbackURL parses -addr: http, a loopback IP or "localhost", a port.
// Other names are not looked up; the dialler checks the IP again.
func loopbackURL(addr string) (*url.URL, error) {
	s := addr
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("-addr %q: %v", addr, err)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("-addr %q: only http:// (the server speaks plain HTTP on loopback)", addr)
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("-addr %q: give only http://HOST:PORT", addr)
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		return nil, fmt.Errorf("-addr %q: no port", addr)
	}
	if !isLoopback(host) {
		return nil, fmt.Errorf("-addr %q is not a loopback address: this command loads only 127.0.0.0/8, ::1 or localhost", addr)
	}
	return &url.URL{Scheme: "http", Host: u.Host}, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newClient is an HTTP client that dials loopback IPs only, uses no proxy,
// follows no redirect, and keeps a connection per client alive.
func newClient(clients int, timeout time.Duration) *http.Client {
	d := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("refusing to dial %s: not a loopback IP", address)
			}
			return nil
		},
	}
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         d.DialContext,
		MaxIdleConns:        clients,
		MaxIdleConnsPerHost: clients,
		MaxConnsPerHost:     clients,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
	return &http.Client{
		Transport:     tr,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// preflight checks that the server answers as imrlint before loading it.
func preflight(c *http.Client, base *url.URL) error {
	resp, err := c.Get(base.String() + "/api/version")
	if err != nil {
		return fmt.Errorf("the server does not answer: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"name":"imrlint"`) {
		return fmt.Errorf("%s/api/version answered %d %.100q: not an imrlint server (or it wants a token)", base, resp.StatusCode, b)
	}
	return nil
}

// inProcess is a server started with server.ListenAndServe.
type inProcess struct {
	base   *url.URL
	cancel context.CancelFunc
	done   chan error
	log    *logCounter
}

func startServer(verbose bool, stderr io.Writer) (*inProcess, error) {
	lc := &logCounter{listening: make(chan string, 1), statuses: map[string]int64{}}
	if verbose {
		lc.echo = slog.NewTextHandler(stderr, nil)
	} else {
		lc.echo = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})
	}
	h := server.New(server.Config{Logger: slog.New(lc), Version: "loadtest"})
	ctx, cancel := context.WithCancel(context.Background())
	s := &inProcess{cancel: cancel, done: make(chan error, 1), log: lc}
	go func() { s.done <- server.ListenAndServe(ctx, "127.0.0.1:0", false, "", h) }()
	select {
	case raw := <-lc.listening:
		u, err := url.Parse(raw)
		if err != nil {
			cancel()
			return nil, fmt.Errorf("the server's address %q: %v", raw, err)
		}
		base, err := loopbackURL(u.Host)
		if err != nil {
			cancel()
			return nil, err
		}
		s.base = base
		return s, nil
	case err := <-s.done:
		cancel()
		return nil, fmt.Errorf("the server did not start: %v", err)
	case <-time.After(10 * time.Second):
		cancel()
		return nil, errors.New("the server did not log its address within 10s")
	}
}

// stop shuts the server down as ListenAndServe does on a signal.
func (s *inProcess) stop() error {
	s.cancel()
	select {
	case err := <-s.done:
		return err
	case <-time.After(20 * time.Second):
		return errors.New("the server did not shut down within 20s")
	}
}

// logCounter is the in-process server's slog handler: it takes the bound
// address from the "listening" line, counts the request lines by status,
// and passes warnings (and, with -v, everything) to stderr.
type logCounter struct {
	listening chan string
	echo      slog.Handler

	mu       sync.Mutex
	requests int64
	warnings int64
	statuses map[string]int64
}

type serverCounts struct {
	requests, warnings int64
	statuses           map[string]int64
}

func (l *logCounter) Enabled(context.Context, slog.Level) bool { return true }
func (l *logCounter) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logCounter) WithGroup(string) slog.Handler            { return l }

func (l *logCounter) Handle(ctx context.Context, r slog.Record) error {
	switch {
	case r.Message == "listening":
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "url" {
				select {
				case l.listening <- a.Value.String():
				default:
				}
				return false
			}
			return true
		})
	case r.Message == "request" && r.Level == slog.LevelInfo:
		status := "?"
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "status" {
				status = a.Value.String()
				return false
			}
			return true
		})
		l.mu.Lock()
		l.requests++
		l.statuses[status]++
		l.mu.Unlock()
	}
	if r.Level >= slog.LevelWarn {
		l.mu.Lock()
		l.warnings++
		l.mu.Unlock()
	}
	if l.echo.Enabled(ctx, r.Level) {
		return l.echo.Handle(ctx, r)
	}
	return nil
}

func (l *logCounter) counts() serverCounts {
	l.mu.Lock()
	defer l.mu.Unlock()
	return serverCounts{requests: l.requests, warnings: l.warnings, statuses: maps(l.statuses)}
}

func maps(m map[string]int64) map[string]int64 {
	c := make(map[string]int64, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// result is what the clients measured.
type result struct {
	total      int64
	errors     int64
	elapsed    time.Duration
	stopReason string
	statuses   map[string]int64
	errKinds   map[string]int64
	latencies  []time.Duration // sorted
}

func (r *result) pct(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(r.latencies)))) - 1 // nearest rank
	return r.latencies[max(i, 0)]
}

func (r *result) max() time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[len(r.latencies)-1]
}

func (r *result) min() time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[0]
}

func (r *result) mean() time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range r.latencies {
		sum += d
	}
	return sum / time.Duration(len(r.latencies))
}

// worker is one client's tally.
type worker struct {
	latencies []time.Duration
	statuses  map[string]int64
	errKinds  map[string]int64
	errors    int64
}

// load runs the clients until the duration has passed or the requests are
// all sent. A request in flight at the end finishes (within -timeout); a
// hard deadline of duration+timeout+10s cancels anything still left.
func load(c *http.Client, base *url.URL, letters [][]byte, o options) *result {
	target := base.String() + "/api/check"
	var issued atomic.Int64
	hard, cancel := context.WithTimeout(context.Background(), o.duration+o.timeout+10*time.Second)
	defer cancel()
	start := time.Now()
	stopAt := start.Add(o.duration)
	workers := make([]*worker, o.clients)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{statuses: map[string]int64{}, errKinds: map[string]int64{}}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stopAt) && hard.Err() == nil {
				n := issued.Add(1)
				if n > o.maxRequests {
					return
				}
				letter := letters[(n-1)%int64(len(letters))]
				w.do(hard, c, target, letter)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	r := &result{elapsed: elapsed, statuses: map[string]int64{}, errKinds: map[string]int64{}}
	switch {
	case hard.Err() != nil:
		r.stopReason = "stopped at the hard deadline"
	case issued.Load() > o.maxRequests:
		r.stopReason = fmt.Sprintf("stopped at -max-requests %d", o.maxRequests)
	default:
		r.stopReason = fmt.Sprintf("stopped after -duration %s; requests in flight then finished", o.duration)
	}
	for _, w := range workers {
		r.latencies = append(r.latencies, w.latencies...)
		r.errors += w.errors
		for k, v := range w.statuses {
			r.statuses[k] += v
		}
		for k, v := range w.errKinds {
			r.errKinds[k] += v
		}
	}
	r.total = int64(len(r.latencies))
	slices.Sort(r.latencies)
	return r
}

// do sends one letter and notes the latency (to the end of the answer's
// body) and the outcome. 200 and 422 (a letter that could not be read,
// reported in the contract) are answers; anything else is an error.
func (w *worker) do(ctx context.Context, c *http.Client, target string, letter []byte) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(letter))
	if err != nil {
		w.fail("request: " + err.Error())
		return
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	req.Header.Set(server.ClientHeader, "1") // the server refuses API posts without it (403)
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		w.latencies = append(w.latencies, time.Since(start))
		w.statuses["transport error"]++
		w.fail(errKind(err))
		return
	}
	n, rerr := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	w.latencies = append(w.latencies, time.Since(start))
	w.statuses[strconv.Itoa(resp.StatusCode)]++
	switch {
	case rerr != nil:
		w.fail("reading the answer: " + errKind(rerr))
	case resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusUnprocessableEntity:
		w.fail("status " + strconv.Itoa(resp.StatusCode))
	case n == 0 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"):
		w.fail("an answer that is not JSON")
	}
}

func (w *worker) fail(kind string) {
	w.errors++
	w.errKinds[kind]++
}

// errKind shortens a transport error to its kind, without the URL.
func errKind(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	s := err.Error()
	if len(s) > 80 {
		s = s[:80]
	}
	return s
}

type memInfo struct{ hwm, rss int64 } // bytes

// readMem reads VmHWM (peak RSS) and VmRSS from a /proc/PID/status file.
func readMem(path string) (memInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return memInfo{}, err
	}
	var m memInfo
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) != 2 || f[1] != "kB" {
			continue
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "VmHWM":
			m.hwm = n << 10
		case "VmRSS":
			m.rss = n << 10
		}
	}
	if m.hwm == 0 {
		return m, errors.New("no VmHWM in " + path)
	}
	return m, nil
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "model unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "model unknown"
}

func sizeRange(letters [][]byte) string {
	lo, hi := len(letters[0]), len(letters[0])
	for _, l := range letters {
		lo, hi = min(lo, len(l)), max(hi, len(l))
	}
	return fmt.Sprintf("%d to %d bytes", lo, hi)
}

func formatCounts(m map[string]int64) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func mib(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
