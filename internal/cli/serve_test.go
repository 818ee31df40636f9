package cli

import (
	"bytes"
	"context"
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
