//go:build unix

package fix

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func writeTemp(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWriteRefusesHardLinks: a rename would cut the file from its other
// names, so a hard-linked file is left alone.
func TestWriteRefusesHardLinks(t *testing.T) {
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.txt", "old")
	if err := os.Link(p, filepath.Join(dir, "b.txt")); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	err := Write(p, []byte("old"), []byte("new"))
	if err == nil || !strings.Contains(err.Error(), "has 2 hard links; not changed") {
		t.Fatalf("Write = %v, want the hard links refused", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b.txt")); string(b) != "old" {
		t.Errorf("the other name reads %q", b)
	}
}

// TestWriteKeepsModeOwnerGroup: the fixed file has the old one's setgid
// bit, owner and group (as root, the file of another user).
func TestWriteKeepsModeOwnerGroup(t *testing.T) {
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.txt", "old")
	if err := os.Chmod(p, 0o2640|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, os.ModeSetgid|0o640); err != nil {
		t.Fatal(err)
	}
	owner := os.Getuid()
	if os.Getuid() == 0 {
		if err := os.Chown(p, 1234, 1235); err != nil {
			t.Fatal(err)
		}
		owner = 1234
	}
	if err := Write(p, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeSetgid == 0 || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want setgid and 0640 kept", fi.Mode())
	}
	if st := fi.Sys().(*syscall.Stat_t); int(st.Uid) != owner {
		t.Errorf("owner %d, want %d", st.Uid, owner)
	}
}

// TestWriteSweepsLeftovers: a temporary file a killed run left (it may
// hold a whole letter) is removed by the next write in its directory; one
// being written now is not.
func TestWriteSweepsLeftovers(t *testing.T) {
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.txt", "old")
	old := writeTemp(t, dir, ".a.txt.imrlint-tmp-123", "a whole fixed letter")
	older := writeTemp(t, dir, ".b.txt.imrlint-456", "from an earlier version")
	young := writeTemp(t, dir, ".c.txt.imrlint-tmp-789", "being written")
	past := time.Now().Add(-time.Hour)
	for _, f := range []string{old, older} {
		if err := os.Chtimes(f, past, past); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(p, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{old, older} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s left behind", filepath.Base(f))
		}
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("a temporary file of a minute ago was removed: %v", err)
	}
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.Contains(e.Name(), tempMark) && e.Name() != filepath.Base(young) {
			t.Errorf("this write left %s", e.Name())
		}
	}
}

// TestWriteLosesNoLockedAppend: a writer that appends under flock while
// fixes are written loses no line: its append is either seen (the fix is
// refused as changed, and tried again on the new content) or waits for
// the rename. The writer does what one must with a file that is replaced
// by renaming: once it holds the lock, it checks that the name is still
// the file it opened, and opens it again if not.
func TestWriteLosesNoLockedAppend(t *testing.T) {
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.txt", "line 0\n")
	const lines = 200
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; i <= lines; i++ {
			for {
				f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Error(err)
					return
				}
				syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
				held, _ := f.Stat()
				named, err := os.Stat(p)
				if err == nil && os.SameFile(held, named) {
					fmt.Fprintf(f, "line %d\n", i)
					syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
					f.Close()
					break
				}
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close() // replaced while waiting: append to the new file
			}
		}
	}()
	fixes := 0
	for round, done := 0, false; !done; round++ {
		if round > 100*lines {
			t.Fatalf("after %d rounds the file still lacks lines: some were lost", round)
		}
		cur, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		done = strings.Count(string(cur), "\n") > lines
		// A "fix": mark the file, keeping its lines.
		next := strings.ReplaceAll(string(cur), "line", "Line")
		if err := Write(p, cur, []byte(next)); err == nil {
			fixes++
		} else if err != ErrChanged {
			t.Fatal(err)
		}
	}
	wg.Wait()
	got, _ := os.ReadFile(p)
	sc := bufio.NewScanner(strings.NewReader(string(got)))
	seen := map[string]bool{}
	for sc.Scan() {
		seen[strings.ToLower(sc.Text())] = true
	}
	for i := 0; i <= lines; i++ {
		if !seen[fmt.Sprintf("line %d", i)] {
			t.Errorf("line %d lost (after %d fixes)", i, fixes)
		}
	}
	if fixes == 0 {
		t.Error("no fix was written: the test tested nothing")
	}
}

// TestWriteFilePrivate: a report written anew is 0600; one replacing a
// file keeps that file's mode.
func TestWriteFilePrivate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.html")
	if err := WriteFile(p, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("new report mode %v, want 0600", fi.Mode().Perm())
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("y"), 0); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("replaced report mode %v, want its 0640 kept", fi.Mode().Perm())
	}
}
