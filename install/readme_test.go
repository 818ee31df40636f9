package install

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// shCommands is every command of README's ```sh (or bash, shell, console)
// blocks, a line continued by a backslash joined to the next, a "$ "
// prompt taken off.
func shCommands(readme string) []string {
	var cmds []string
	in := false
	cont := ""
	for _, l := range strings.Split(readme, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") {
			lang := strings.TrimPrefix(t, "```")
			in = !in && (lang == "sh" || lang == "bash" || lang == "shell" || lang == "console")
			cont = ""
			continue
		}
		if !in {
			continue
		}
		if strings.HasSuffix(t, "\\") {
			cont += strings.TrimSpace(strings.TrimSuffix(t, "\\")) + " "
			continue
		}
		t = strings.TrimPrefix(cont+t, "$ ")
		cont = ""
		if t != "" && !strings.HasPrefix(t, "#") {
			cmds = append(cmds, t)
		}
	}
	return cmds
}

var (
	// placeholder: <path>, PATH..., FILE, an ellipsis (not Go's ./...): a
	// form, not a command to run.
	placeholder = regexp.MustCompile(`<[A-Za-z][^<>]*>|(^|[^./])\.\.\.|…|(^|\s)(PATH|FILE|DIR|CHECK|RULE|BYTES|GLOB|CHECKS|N|URL|TAG|REV|VERSION|CHECK\|RULE)(\s|$)`)
	// usageError is how imrlint (cobra or the flag package) says the
	// command line was wrong; "imrlint: --flag: ..." is a flag's bad value.
	usageError = regexp.MustCompile(`(?im)unknown (flag|command|shorthand)|flag provided but not defined|flag needs an argument|invalid argument|for usage|^usage:|accepts \d+ arg|requires at least \d+ arg|^imrlint: --?[a-z]`)
	gencorpusN = regexp.MustCompile(`(\s-n\s+)(\d+)`)
	envAssign  = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=\S*$`)
)

type readmeCmd struct {
	line    string // as run
	imrlint bool   // an imrlint command: judged by its exit code and errors; else a step that must succeed
	skip    string // why it is not run
}

// classify says how a README command is run here: /tmp/ is the test's
// scratch directory, a timing wrapper is taken off, a corpus is generated
// small; commands that are not imrlint's (or that need what is not here)
// are skipped, saying why.
func classify(cmd, scratch string) readmeCmd {
	if placeholder.MatchString(cmd) {
		return readmeCmd{line: cmd, skip: "a placeholder"}
	}
	if strings.Contains(cmd, "../shared") {
		return readmeCmd{line: cmd, skip: "needs the real letters in ../shared"}
	}
	line := strings.ReplaceAll(cmd, "/tmp/", scratch+"/")
	for _, wrap := range []string{"/usr/bin/time -v ", "time "} {
		line = strings.TrimPrefix(line, wrap)
	}
	words := strings.Fields(line)
	i := 0
	for i < len(words) && envAssign.MatchString(words[i]) {
		i++
	}
	if i == len(words) {
		return readmeCmd{line: line, skip: "no command"}
	}
	first, rest := words[i], strings.Join(words[i+1:], " ")
	switch {
	case first == "go" && strings.HasPrefix(rest, "run ./cmd/imrlint"):
		return readmeCmd{line: line, imrlint: true}
	case first == "go" && strings.HasPrefix(rest, "test"):
		return readmeCmd{line: line, skip: "the tests themselves"}
	case first == "go" && strings.HasPrefix(rest, "run ./tools/gencorpus"):
		// As many letters as a test needs to have something to check.
		line = gencorpusN.ReplaceAllString(line, "${1}40")
		return readmeCmd{line: line}
	case first == "go" && (strings.HasPrefix(rest, "build") || strings.HasPrefix(rest, "install ./")) && strings.Contains(rest, "./cmd/imrlint"):
		return readmeCmd{line: line}
	case first == "go" && strings.Contains(rest, "@"):
		return readmeCmd{line: line, skip: "needs the published module"}
	case first == "imrlint" || strings.HasSuffix(first, "/imrlint"):
		if len(words) > i+1 && (words[i+1] == "serve" || words[i+1] == "lsp") {
			return readmeCmd{line: line, skip: "runs until stopped"}
		}
		return readmeCmd{line: line, imrlint: true}
	}
	return readmeCmd{line: line, skip: "not an imrlint command"}
}

// TestREADMECommands runs every command of the README's sh blocks that can
// run here, in order, in a copy of the repository (so that a command that
// writes, like --fix or -o, changes only the copy), with imrlint built
// from this tree first on PATH and /tmp/ the test's own directory. An
// imrlint command may find faults (exit 1) or an input it cannot read
// (exit 2, logged), but not a wrong command line (exit 2 saying so: an
// unknown flag or command) nor crash; a build or corpus step must
// succeed. The commands run and skipped are logged: the README changes,
// and the test follows it.
func TestREADMECommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds imrlint and runs the README's commands; skipped with -short")
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := shCommands(string(readme))
	bin := imrlint(t)
	work := copyTree(t)
	scratch := t.TempDir()
	gobin := filepath.Join(scratch, "bin")
	os.MkdirAll(gobin, 0o755)
	copyFile(t, bin, filepath.Join(gobin, "imrlint"), 0o755)
	env := environ("PATH="+gobin+string(os.PathListSeparator)+os.Getenv("PATH"), "GOBIN="+gobin, "NO_COLOR=1")

	ran, skipped := 0, 0
	for _, c := range cmds {
		rc := classify(c, scratch)
		if rc.skip != "" {
			skipped++
			t.Logf("skipped (%s): %s", rc.skip, c)
			continue
		}
		ran++
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // against a hang only
		cmd := exec.CommandContext(ctx, "bash", "-o", "pipefail", "-c", rc.line)
		cmd.Dir = work
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		cmd.Stdout = nil // discarded: a report can be long
		err := cmd.Run()
		cancel()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Errorf("%s: %v", c, err)
			continue
		}
		if ctx.Err() == context.DeadlineExceeded {
			t.Errorf("%s: did not finish in 5 minutes", c)
			continue
		}
		as := ""
		if rc.line != c {
			as = " (run as: " + rc.line + ")"
		}
		if fail, note := judge(rc, code, stderr.String()); fail != "" {
			t.Errorf("%s%s: %s", c, as, fail)
		} else {
			t.Logf("ran, %s: %s%s", note, c, as)
		}
	}
	t.Logf("%d README commands run, %d skipped", ran, skipped)
	if ran == 0 {
		t.Error("no README command ran: the README's sh blocks hold none, or this test no longer finds them")
	}
}

// judge says whether a README command's run fails the test (fail), or
// what it came to (note).
func judge(rc readmeCmd, code int, stderr string) (fail, note string) {
	msg := strings.TrimSpace(stderr)
	if len(msg) > 2000 {
		msg = msg[:2000] + "…"
	}
	switch {
	case !rc.imrlint && code != 0:
		return fmt.Sprintf("exit %d, want 0\n%s", code, msg), ""
	case rc.imrlint && code == 2 && usageError.MatchString(msg):
		return "a usage error (exit 2): the README's command line is wrong\n" + msg, ""
	case rc.imrlint && code != 0 && code != 1 && code != 2:
		return fmt.Sprintf("exit %d\n%s", code, msg), ""
	case rc.imrlint && code == 2:
		return "", "exit 2 (an input could not be read; not a usage error: " + firstLine(msg) + ")"
	}
	return "", fmt.Sprintf("exit %d", code)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// TestJudge: a wrong command line fails the test, as imrlint says it (its
// real messages for an unknown flag, an unknown command and a bad value);
// findings and an unreadable input do not; a step must succeed.
func TestJudge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds imrlint; skipped with -short")
	}
	bin := imrlint(t)
	for _, args := range [][]string{{"check", "--no-such-flag", "x.txt"}, {"chek", "x.txt"}, {"check", "--fail-level", "nonsense", "x.txt"}, {"check", "--jobs"}} {
		cmd := exec.Command(bin, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := -1
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		if fail, _ := judge(readmeCmd{imrlint: true}, code, stderr.String()); fail == "" {
			t.Errorf("imrlint %s (exit %d, %q) is not taken for a usage error", strings.Join(args, " "), code, stderr.String())
		}
	}
	for _, c := range []struct {
		rc     readmeCmd
		code   int
		stderr string
		fails  bool
	}{
		{readmeCmd{imrlint: true}, 0, "", false},
		{readmeCmd{imrlint: true}, 1, "", false},
		{readmeCmd{imrlint: true}, 2, "imrlint: x.txt: no such file or directory", false},
		{readmeCmd{imrlint: true}, 139, "", true},
		{readmeCmd{imrlint: true}, 127, "bash: imrlint: command not found", true},
		{readmeCmd{}, 1, "go: build failed", true},
		{readmeCmd{}, 0, "", false},
	} {
		if fail, _ := judge(c.rc, c.code, c.stderr); (fail != "") != c.fails {
			t.Errorf("judge(%+v, %d, %q) = %q, want failing %v", c.rc, c.code, c.stderr, fail, c.fails)
		}
	}
}

// TestClassify: how README lines are taken, on lines of the kinds the
// README has or may have.
func TestClassify(t *testing.T) {
	for _, c := range []struct {
		in, line, skip string
		imrlint        bool
	}{
		{in: "go run ./cmd/imrlint check testdata/letters/x.txt", line: "go run ./cmd/imrlint check testdata/letters/x.txt", imrlint: true},
		{in: "imrlint check --format jsonl --jobs 2 /tmp/corpus > /tmp/findings.jsonl", line: "imrlint check --format jsonl --jobs 2 S/corpus > S/findings.jsonl", imrlint: true},
		{in: "/usr/bin/time -v /tmp/imrlint check --quiet /tmp/gen100k > /tmp/out.jsonl", line: "S/imrlint check --quiet S/gen100k > S/out.jsonl", imrlint: true},
		{in: "go run ./tools/gencorpus -n 100000 -out /tmp/corpus -seed 1", line: "go run ./tools/gencorpus -n 40 -out S/corpus -seed 1"},
		{in: "go build -o /tmp/imrlint ./cmd/imrlint", line: "go build -o S/imrlint ./cmd/imrlint"},
		{in: "go install ./cmd/imrlint", line: "go install ./cmd/imrlint"},
		{in: "go install github.com/imrlint/imrlint/cmd/imrlint@latest", skip: "needs the published module"},
		{in: "go test ./...", skip: "the tests themselves"},
		{in: "imrlint check [--format text|json] PATH...", skip: "a placeholder"},
		{in: "imrlint explain <check>", skip: "a placeholder"},
		{in: "imrlint serve", skip: "runs until stopped"},
		{in: "NO_COLOR=1 imrlint check letter.txt", line: "NO_COLOR=1 imrlint check letter.txt", imrlint: true},
		{in: "apt-get install -y pre-commit", skip: "not an imrlint command"},
	} {
		got := classify(c.in, "S")
		if got.skip != c.skip || (c.skip == "" && (got.line != c.line || got.imrlint != c.imrlint)) {
			t.Errorf("classify(%q) = %+v, want line %q imrlint %v skip %q", c.in, got, c.line, c.imrlint, c.skip)
		}
	}
	cmds := shCommands("x\n```sh\n$ imrlint check \\\n  a.txt\n# a comment\n\n```\n```yaml\nimrlint: no\n```\n```sh\ngo test ./...\n```\n")
	if strings.Join(cmds, "|") != "imrlint check a.txt|go test ./..." {
		t.Errorf("shCommands = %q", cmds)
	}
}
