package install

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// transcript is a command the README shows with what it prints: a line
// "$ COMMAND" in a plain ``` block, then the lines it prints up to the
// next "$ " or the block's end.
type transcript struct {
	line int // of the "$ " line in README.md
	cmd  string
	want string
}

// transcripts reads the README's shown runs. Only imrlint's own commands
// (imrlint ..., go run ./cmd/imrlint ...) are taken: they are what a
// newcomer copies and compares.
func transcripts(readme string) []transcript {
	var out []transcript
	var cur *transcript
	var want []string
	fenced, in := false, false // inside any block; inside a plain one
	flush := func() {
		if cur != nil {
			cur.want = strings.Join(want, "\n")
			out = append(out, *cur)
		}
		cur, want = nil, nil
	}
	for i, l := range strings.Split(readme, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			flush()
			fenced = !fenced
			in = fenced && strings.TrimSpace(l) == "```"
			continue
		}
		if !in {
			continue
		}
		if c, ok := strings.CutPrefix(l, "$ "); ok {
			flush()
			if strings.HasPrefix(c, "imrlint ") || strings.HasPrefix(c, "go run ./cmd/imrlint ") {
				cur = &transcript{line: i + 1, cmd: c}
			}
			continue
		}
		if cur != nil {
			want = append(want, l)
		}
	}
	flush()
	return out
}

// TestREADMETranscripts runs every command the README shows with its
// output ("$ imrlint chekc letters/" and the lines under it) and compares
// what it prints, standard output and error together, line for line: the
// README's examples of messages and reports are what imrlint says today.
// "go run" adds "exit status N" for a failing run, as the README shows.
func TestREADMETranscripts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds imrlint; skipped with -short")
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ts := transcripts(string(readme))
	if len(ts) < 3 {
		t.Fatalf("found %d shown runs in README.md; the sample output and the mistyped command and flag were expected", len(ts))
	}
	bin := imrlint(t)
	for _, tr := range ts {
		args := strings.Fields(tr.cmd)
		goRun := args[0] == "go"
		if goRun {
			args = args[3:] // go run ./cmd/imrlint
		} else {
			args = args[1:]
		}
		cmd := exec.Command(bin, args...)
		cmd.Dir = root
		cmd.Env = environ("NO_COLOR=1")
		got, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("README.md:%d: %s: %v", tr.line, tr.cmd, err)
		}
		g := strings.TrimRight(string(got), "\n")
		if goRun && code != 0 {
			g += fmt.Sprintf("\nexit status %d", code)
		}
		if g != strings.TrimRight(tr.want, "\n") {
			t.Errorf("README.md:%d: $ %s\nprints:\n%s\nbut the README shows:\n%s", tr.line, tr.cmd, g, tr.want)
		}
	}
}
