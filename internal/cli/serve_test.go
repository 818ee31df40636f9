package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestServeSaysWhereToOpen: the first line of imrlint serve is the
// address to open (the one bound, for port 0), before any log record;
// -q keeps that line and drops the Info records.
func TestServeSaysWhereToOpen(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // serve returns once it has listened
		var out, errb bytes.Buffer
		a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, ctx: ctx}
		args := []string{"serve", "--no-config", "--addr", "127.0.0.1:0"}
		if quiet {
			args = append(args, "-q")
		}
		if code := a.run(args); code != ExitOK {
			t.Fatalf("serve: exit %d: %s", code, errb.String())
		}
		lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
		if !regexp.MustCompile(`^open http://127\.0\.0\.1:[1-9]\d*/$`).MatchString(lines[0]) {
			t.Errorf("quiet=%v: the first line is %q, want open http://127.0.0.1:PORT/", quiet, lines[0])
		}
		if quiet && len(lines) != 1 {
			t.Errorf("-q: log records printed: %q", lines[1:])
		}
		if !quiet && (len(lines) < 2 || !strings.Contains(lines[1], "msg=listening")) {
			t.Errorf("the listening record is gone: %q", lines)
		}
	}
}

// TestServeCheckTimeout: --check-timeout is the budget of each /api/
// request, passed to the server (a letter not checked within 1 ns is 503),
// and a budget of nothing is refused.
func TestServeCheckTimeout(t *testing.T) {
	if _, errs, code := run(t, "", "serve", "--no-config", "--check-timeout", "0s"); code != ExitTrouble || !strings.Contains(errs, "--check-timeout") {
		t.Errorf("--check-timeout 0s: exit %d, stderr %q", code, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: pw, ctx: ctx}
	done := make(chan int, 1)
	go func() {
		done <- a.run([]string{"serve", "--no-config", "-q", "--addr", "127.0.0.1:0", "--check-timeout", "1ns"})
		pw.Close()
	}()
	first, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, pr)
	url := strings.TrimPrefix(strings.TrimSpace(first), "open ")
	letter, err := os.ReadFile(filepath.Join(root, "testdata/letters/clean-2014-massage.txt"))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, url+"api/check", bytes.NewReader(letter))
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	req.Header.Set("X-Imrlint", "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a check with a budget of 1 ns: %d, want 503", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("serve: exit %d", code)
	}
}
