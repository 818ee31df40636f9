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

// bothWays runs test with Write's unnamed temporary file (O_TMPFILE,
// where the system has it) and with a named one, the way of other systems.
func bothWays(t *testing.T, test func(t *testing.T)) {
	for _, way := range []struct {
		name    string
		unnamed bool
	}{{"unnamed", true}, {"named", false}} {
		t.Run(way.name, func(t *testing.T) {
			defer func(was bool) { unnamed = was }(unnamed)
			unnamed = way.unnamed
			test(t)
		})
	}
}

// TestWriteLosesNoLockedAppend: writers that append under flock while
// fixes are written lose no line: an append is either seen (the fix is
// refused as changed, and tried again on the new content) or waits for
// the rename. A writer does what one must with a file that is replaced by
// renaming: once it holds the lock, it checks that the name is still the
// file it opened, and opens it again if not. The appends go on until both
// races have been run many times (an append seen by the last look, an
// append that waited for a rename and went to the new file), so that the
// test cannot pass without exercising them.
func TestWriteLosesNoLockedAppend(t *testing.T) {
	bothWays(t, testLosesNoLockedAppend)
}

func testLosesNoLockedAppend(t *testing.T) {
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.txt", "line 0-0\n")
	const (
		writers   = 3
		enough    = 300    // of each race
		maxRounds = 20_000 // of fixing: the races are far more frequent
	)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		reopened int          // appends that found the file replaced while waiting
		written  [writers]int // lines each writer appended
		stop     = make(chan struct{})
		// Each round of fixing lets the writers append a few lines, so
		// that they race the fix all along and the file stays short.
		turns = make(chan struct{}, 4*writers)
	)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; ; i++ {
				select {
				case <-stop:
					return
				case <-turns:
				}
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
						fmt.Fprintf(f, "line %d-%d\n", w, i)
						syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
						f.Close()
						written[w] = i
						break
					}
					syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
					f.Close() // replaced while waiting: append to the new file
					mu.Lock()
					reopened++
					mu.Unlock()
				}
			}
		}()
	}
	fixes, refused, rounds := 0, 0, 0
	for ; rounds < maxRounds; rounds++ {
		mu.Lock()
		r := reopened
		mu.Unlock()
		if fixes >= enough && refused >= enough && r >= enough {
			break
		}
		for range 2 * writers {
			select {
			case turns <- struct{}{}:
			default:
			}
		}
		cur, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// A "fix": mark the file, keeping its lines.
		next := strings.ReplaceAll(string(cur), "line", "Line")
		switch err := Write(p, cur, []byte(next)); err {
		case nil:
			fixes++
		case ErrChanged:
			refused++
		default:
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	got, _ := os.ReadFile(p)
	seen := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(string(got)))
	for sc.Scan() {
		seen[strings.ToLower(sc.Text())]++
	}
	want := map[string]int{"line 0-0": 1}
	for w := range writers {
		for i := 1; i <= written[w]; i++ {
			want[fmt.Sprintf("line %d-%d", w, i)] = 1
		}
	}
	lost := 0
	for l := range want {
		if seen[l] != 1 {
			lost++
			if lost <= 5 {
				t.Errorf("%q is there %d times, want once", l, seen[l])
			}
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d distinct lines, want %d", len(seen), len(want))
	}
	t.Logf("%d rounds: %d lines appended by %d writers, %d fixes written, %d refused as changed, %d appends found the file replaced and went to the new one; %d lost",
		rounds, len(want)-1, writers, fixes, refused, reopened, lost)
	if fixes < enough || refused < enough || reopened < enough {
		t.Errorf("the races were not run enough in %d rounds (%d fixes, %d refused, %d reopened; want %d of each): the test tested too little",
			rounds, fixes, refused, reopened, enough)
	}
}

// TestNoNamedTempWhileWriting: on Linux the fix is written to an unnamed
// file, which has a name only between the last look and the rename: a run
// killed while writing leaves nothing. A named temporary file (the way of
// other systems) is locked while it is written, so that SweepTemps never
// takes a live one for a leftover.
func TestNoNamedTempWhileWriting(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		dir := t.TempDir()
		p := writeTemp(t, dir, "a.txt", "old")
		fi, _ := os.Stat(p)
		var temps []string
		err := writeFile(p, []byte("new"), fi, func() error {
			es, _ := os.ReadDir(dir)
			for _, e := range es {
				if strings.Contains(e.Name(), tempMark) {
					temps = append(temps, e.Name())
					f, err := os.Open(filepath.Join(dir, e.Name()))
					if err != nil {
						return err
					}
					got, _ := tryLock(f)
					f.Close()
					if got {
						t.Errorf("%s is not locked while it is written", e.Name())
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != "new" {
			t.Fatalf("file reads %q", b)
		}
		linux := openUnnamed(dir) != nil
		switch {
		case unnamed && linux && len(temps) != 0:
			t.Errorf("temporary files named while writing: %v", temps)
		case (!unnamed || !linux) && len(temps) != 1:
			t.Errorf("temporary files while writing: %v, want one", temps)
		}
		es, _ := os.ReadDir(dir)
		if len(es) != 1 {
			t.Errorf("left in the directory: %v", es)
		}
	})
}

// TestSweepsDeadWritersTemps: a temporary file of Write's that no one
// holds the lock of is a dead run's, removed by the next write however
// young, empty or not; one whose lock is held is left.
func TestSweepsDeadWritersTemps(t *testing.T) {
	dir := t.TempDir()
	p := writeTemp(t, dir, "a.txt", "old")
	dead := writeTemp(t, dir, ".a.txt.imrlint-tmp-1"+lockedMark, "a whole fixed letter")
	live := writeTemp(t, dir, ".b.txt.imrlint-tmp-2"+lockedMark, "being written")
	empty := writeTemp(t, dir, ".c.txt.imrlint-tmp-3"+lockedMark, "")
	f, err := os.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Skipf("no flock here: %v", err)
	}
	if err := Write(p, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{dead, empty} {
		if _, err := os.Stat(k); err == nil {
			t.Errorf("a dead writer's %s was left", filepath.Base(k))
		}
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a live writer's temporary file was removed: %v", err)
	}
}

// TestWriteKeepsGroupInSetgidDir: in a setgid directory a new file takes
// the directory's group; the fixed file keeps its own.
func TestWriteKeepsGroupInSetgidDir(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give the directory another group")
	}
	bothWays(t, func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Chown(dir, 0, 1235); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, os.ModeDir|os.ModeSetgid|0o775); err != nil {
			t.Fatal(err)
		}
		p := writeTemp(t, dir, "a.txt", "old")
		if err := os.Chown(p, 1234, 1236); err != nil {
			t.Fatal(err)
		}
		if err := Write(p, []byte("old"), []byte("new")); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(p)
		if st := fi.Sys().(*syscall.Stat_t); st.Uid != 1234 || st.Gid != 1236 {
			t.Errorf("owner %d:%d, want 1234:1236", st.Uid, st.Gid)
		}
		q := writeTemp(t, dir, "b.txt", "old")
		if err := os.Chown(q, 0, 0); err != nil {
			t.Fatal(err)
		}
		if err := Write(q, []byte("old"), []byte("new")); err != nil {
			t.Fatal(err)
		}
		fi, _ = os.Stat(q)
		if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 || st.Gid != 0 {
			t.Errorf("owner %d:%d, want 0:0 (not the directory's group)", st.Uid, st.Gid)
		}
	})
}

// BenchmarkWrite: a fix written with an unnamed temporary file and with a
// named one.
func BenchmarkWrite(b *testing.B) {
	for _, way := range []struct {
		name    string
		unnamed bool
	}{{"unnamed", true}, {"named", false}} {
		b.Run(way.name, func(b *testing.B) {
			defer func(was bool) { unnamed = was }(unnamed)
			unnamed = way.unnamed
			dir := b.TempDir()
			p := filepath.Join(dir, "a.txt")
			old := []byte(strings.Repeat("a letter line of some length\n", 200))
			os.WriteFile(p, old, 0o644)
			for b.Loop() {
				if err := Write(p, old, old); err != nil {
					b.Fatal(err)
				}
			}
		})
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
