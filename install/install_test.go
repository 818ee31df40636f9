package install

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// root is the repository's root, from this package's directory.
const root = ".."

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// imrlint is the path of imrlint built from this tree, once for all tests.
func imrlint(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "imrlint-install-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, "imrlint"), "./cmd/imrlint")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/imrlint: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return filepath.Join(binDir, "imrlint")
}

// run runs a command with a limit against a hang (not a timing
// assertion): its combined output and exit code (-1: it did not run or
// finish).
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s %s did not finish in 10 minutes:\n%s", name, strings.Join(args, " "), out)
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out), 0
}

// environ is the environment with the given variables set (replaced).
func environ(set ...string) []string {
	drop := map[string]bool{}
	for _, kv := range set {
		drop[kv[:strings.IndexByte(kv, '=')+1]] = true
	}
	var env []string
	for _, kv := range os.Environ() {
		if i := strings.IndexByte(kv, '='); i < 0 || !drop[kv[:i+1]] {
			env = append(env, kv)
		}
	}
	return append(env, set...)
}

// copyTree copies the repository's files (tracked, and new ones git does
// not ignore: what a commit of the working tree would hold) into a new
// directory, as a fresh clone would have them.
func copyTree(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the tree cannot be listed")
	}
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout (git ls-files: %v)", err)
	}
	dst := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the working tree, or a link
		}
		to := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		copyFile(t, src, to, fi.Mode().Perm())
	}
	return dst
}

func copyFile(t *testing.T, src, dst string, perm os.FileMode) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestInstallFromClone: the README's install command from a clone, `go
// install ./cmd/imrlint`, puts a working imrlint in GOBIN.
func TestInstallFromClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds imrlint; skipped with -short")
	}
	gobin := t.TempDir()
	out, code := run(t, root, environ("GOBIN="+gobin), "go", "install", "./cmd/imrlint")
	if code != 0 {
		t.Fatalf("go install ./cmd/imrlint: exit %d\n%s", code, out)
	}
	out, code = run(t, root, nil, filepath.Join(gobin, "imrlint"), "version")
	if code != 0 || !strings.HasPrefix(out, "imrlint ") {
		t.Fatalf("the installed imrlint version: exit %d: %q", code, out)
	}
}
