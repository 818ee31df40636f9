package install

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// remoteConfig is the README's pre-commit recipe, with a clone of this
// repository for its address and that clone's commit for rev.
const remoteConfig = `repos:
  - repo: %s
    rev: %s
    hooks:
      - id: imrlint
`

// localConfig is the README's repo: local recipe, for an imrlint already
// installed (go install ./cmd/imrlint from a clone).
const localConfig = `repos:
  - repo: local
    hooks:
      - id: imrlint
        name: imrlint
        entry: imrlint check --color never
        language: system
        files: (?i)\.(txt|pdf|docx)$
`

// project makes a git repository of letters: a faulty letter as text, PDF
// and DOCX, a clean one with an upper-case extension, a text file that is
// no letter, and a README that the hook must not be given.
func project(t *testing.T, config string, env []string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"letters/fault.txt":      "testdata/letters/fault-2014-quantity-mismatch.txt",
		"letters/fault.pdf":      "testdata/docs/fault-2014-quantity-mismatch.pdf",
		"letters/fault.docx":     "testdata/docs/fault-2014-quantity-mismatch.docx",
		"letters/CLEAN.TXT":      "testdata/letters/clean-2014-massage.txt",
		"notes/requirements.txt": "",
		"README.md":              "",
	}
	for name, src := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if src == "" {
			os.WriteFile(filepath.Join(dir, name), []byte("flask==3.0\nrequests\n"), 0o644)
			continue
		}
		copyFile(t, filepath.Join(root, src), filepath.Join(dir, name), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".pre-commit-config.yaml"), []byte(config), 0o644)
	git(t, dir, env, "init", "-q")
	git(t, dir, env, "add", ".")
	return dir
}

func git(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	args = append([]string{"-c", "user.name=imrlint test", "-c", "user.email=test@imrlint.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)
	out, code := run(t, dir, env, "git", args...)
	if code != 0 {
		t.Fatalf("git %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

func needPreCommit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (Debian: apt-get install pre-commit): the hook is not run")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

var summary = regexp.MustCompile(`(\d+) files?, (\d+) letters?:`)

// checkHookRun: the hook failed, named each faulty file with its finding
// and the text file that is no letter, and was given the five letter-like
// files (not README.md), in however many runs pre-commit split them.
func checkHookRun(t *testing.T, out string, code int) {
	t.Helper()
	if code != 1 {
		t.Fatalf("pre-commit exited %d, want 1 (the hook failed)\n%s", code, out)
	}
	if !strings.Contains(out, "imrlint") || !strings.Contains(out, "Failed") {
		t.Errorf("no failed imrlint hook in the output:\n%s", out)
	}
	for _, f := range []string{"letters/fault.txt", "letters/fault.pdf", "letters/fault.docx"} {
		if !regexp.MustCompile(regexp.QuoteMeta(f) + `:\d+:\d+( \([^)]*\))?: error\[quantity-mismatch\]`).MatchString(out) {
			t.Errorf("the output does not give %s's quantity-mismatch error:\n%s", f, out)
		}
	}
	if !strings.Contains(out, "notes/requirements.txt:1:1: info[not-a-letter]") {
		t.Errorf("the output does not name notes/requirements.txt as no letter:\n%s", out)
	}
	if strings.Contains(out, "README.md") {
		t.Errorf("README.md was given to imrlint:\n%s", out)
	}
	files, letters := 0, 0
	for _, m := range summary.FindAllStringSubmatch(out, -1) {
		f, _ := strconv.Atoi(m[1])
		l, _ := strconv.Atoi(m[2])
		files += f
		letters += l
	}
	if files != 5 || letters != 4 {
		t.Errorf("imrlint was given %d files (%d letters), want 5 (4 letters: fault.txt, .pdf, .docx, CLEAN.TXT):\n%s", files, letters, out)
	}
}

// TestPreCommitHook: the hook of .pre-commit-hooks.yaml, as the README's
// recipe uses it (repo: a clone of this repository, rev: its commit), is
// built by pre-commit (language golang: go install ./... in pre-commit's
// clone) and checks the .txt, .pdf and .docx files of a repository of
// letters, failing on the faulty ones; run on clean files alone it passes,
// and on none it is skipped.
//
// The repository given to pre-commit is a fresh git repository of this
// working tree's files, so that the hook tested is the one here, committed
// or not. The module cache of this machine is used (GOMODCACHE), so the
// build needs no network where the dependencies are downloaded (go mod
// download).
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("pre-commit builds all of imrlint; skipped with -short")
	}
	needPreCommit(t)
	modcache, code := run(t, root, nil, "go", "env", "GOMODCACHE")
	if code != 0 {
		t.Fatalf("go env GOMODCACHE: %s", modcache)
	}
	home := t.TempDir()
	env := environ("PRE_COMMIT_HOME="+home, "GOMODCACHE="+strings.TrimSpace(modcache),
		"GOFLAGS=-mod=readonly", "GOTOOLCHAIN=local", "PRE_COMMIT_COLOR=never")

	hooks := copyTree(t)
	git(t, hooks, env, "init", "-q")
	git(t, hooks, env, "add", ".")
	git(t, hooks, env, "commit", "-q", "-m", "the working tree")
	rev := strings.TrimSpace(git(t, hooks, env, "rev-parse", "HEAD"))

	proj := project(t, fmt.Sprintf(remoteConfig, hooks, rev), env)
	out, code := run(t, proj, env, "pre-commit", "run", "--all-files", "--color", "never")
	t.Logf("pre-commit run --all-files:\n%s", out)
	checkHookRun(t, out, code)
	built, _ := filepath.Glob(filepath.Join(home, "*", "golangenv-*", "bin", "imrlint"))
	if len(built) == 0 {
		t.Errorf("pre-commit built no imrlint under %s (the hook ran another?)", home)
	}

	out, code = run(t, proj, env, "pre-commit", "run", "imrlint", "--color", "never", "--files", "letters/CLEAN.TXT", "notes/requirements.txt")
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Errorf("on a clean letter and a text file that is no letter: exit %d, want 0 and Passed\n%s", code, out)
	}
	out, code = run(t, proj, env, "pre-commit", "run", "imrlint", "--color", "never", "--files", "README.md")
	if code != 0 || !strings.Contains(out, "Skipped") {
		t.Errorf("on README.md alone: exit %d, want 0 and Skipped (no files to check)\n%s", code, out)
	}
}

// TestPreCommitLocal: the README's repo: local recipe runs the imrlint on
// PATH on the same files, with the same outcome.
func TestPreCommitLocal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds imrlint; skipped with -short")
	}
	needPreCommit(t)
	bin := imrlint(t)
	env := environ("PRE_COMMIT_HOME="+t.TempDir(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"), "PRE_COMMIT_COLOR=never")
	proj := project(t, localConfig, env)
	out, code := run(t, proj, env, "pre-commit", "run", "--all-files", "--color", "never")
	t.Logf("pre-commit run --all-files:\n%s", out)
	checkHookRun(t, out, code)
}
