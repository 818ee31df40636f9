//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFixKilledMidway: a --fix run of 3,000 letters killed (SIGKILL) at
// seven points of its work — while it reads the letters, at its first
// rewrite, while it writes a fix (a temporary file open), after hundreds
// of rewrites, near the end — leaves every letter either as it was or
// wholly fixed: none half written, none missing, and a letter whose inode
// changed holds the fixed bytes (the old file is never written in place).
// Each run goes on from where the last was killed; a last run that is not
// killed finishes the work, after which every letter is fixed and no
// temporary file of imrlint's remains.
//
// Kill points are events seen from outside (bytes read, from
// /proc/PID/io; letters replaced, by their inodes; a temporary file open,
// from /proc/PID/fd), not fractions of a time; the only times are limits
// against a hang.
func TestFixKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and rewrites 3,000 files several times over; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "imrlint")
	// KILLFIX_TAGS=imrlint_named_temps measures the way of systems without
	// unnamed files (O_TMPFILE) on Linux.
	build := exec.Command("go", "build", "-tags", os.Getenv("KILLFIX_TAGS"), "-o", bin, "./cmd/imrlint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	old, err := os.ReadFile(filepath.Join(root, "testdata/letters/fault-2014-quantity-mismatch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := os.ReadFile(filepath.Join(root, "testdata/letters/clean-2014-massage.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 3000
	dir := t.TempDir()
	names := make([]string, n)
	inodes := make([]uint64, n)
	mtimes := make([]syscall.Timespec, n)
	for i := range n {
		names[i] = filepath.Join(dir, fmt.Sprintf("l%05d.txt", i))
		if err := os.WriteFile(names[i], old, 0o644); err != nil {
			t.Fatal(err)
		}
		var st syscall.Stat_t
		if err := syscall.Stat(names[i], &st); err != nil {
			t.Fatal(err)
		}
		inodes[i], mtimes[i] = uint64(st.Ino), st.Mtim
	}
	// rewritten counts the letters replaced (a new inode) or written in
	// place (a new modification time) so far.
	rewritten := func() int {
		k := 0
		for i, p := range names {
			var st syscall.Stat_t
			if syscall.Stat(p, &st) == nil && (uint64(st.Ino) != inodes[i] || st.Mtim != mtimes[i]) {
				k++
			}
		}
		return k
	}

	type point struct {
		what string
		// reached says whether to kill now; base is the count rewritten
		// when the run started.
		reached func(pid, base int) bool
	}
	readAtLeast := func(bytes int64) func(pid, base int) bool {
		return func(pid, _ int) bool {
			r, ok := readBytes(pid)
			return !ok || r >= bytes // where /proc cannot tell, at once
		}
	}
	after := func(k int) func(pid, base int) bool {
		return func(_, base int) bool { return rewritten() >= base+k }
	}
	// writing: a temporary file of a fix is open once from letters are
	// rewritten; or, should that never be seen, once until are.
	writing := func(pid, from, until int) bool {
		r := rewritten()
		return r >= until || (r >= from && tempOpen(pid, dir))
	}
	points := []point{
		{"while reading the letters (a third of their bytes read)", readAtLeast(int64(n * len(old) / 3))},
		{"at its first rewrite", after(1)},
		{"while writing a fix, 100 rewrites on", func(pid, base int) bool { return writing(pid, base+100, base+500) }},
		{"after 700 rewrites", after(700)},
		{"while writing a fix, 300 rewrites on", func(pid, base int) bool { return writing(pid, base+300, base+700) }},
		{"after 700 rewrites", after(700)},
		{"while writing a fix, near the end", func(pid, _ int) bool { return writing(pid, n-60, n-20) }},
	}

	fixedBefore := 0
	for run, p := range points {
		base := rewritten()
		cmd := exec.Command(bin, "check", "--fix", "--quiet", "--jobs", "2", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		limit := time.Now().Add(2 * time.Minute) // against a hang only
		for !p.reached(cmd.Process.Pid, base) {
			select {
			case err := <-done:
				t.Fatalf("run %d ended (%v) before its kill point, %s", run+1, err, p.what)
			default:
			}
			if time.Now().After(limit) {
				cmd.Process.Kill()
				t.Fatalf("run %d: no kill point %s after 2 minutes", run+1, p.what)
			}
			time.Sleep(200 * time.Microsecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		nOld, nNew := 0, 0
		for i, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("kill %d (%s): %s is missing: %v", run+1, p.what, filepath.Base(name), err)
			}
			moved := inode(t, name) != inodes[i]
			switch {
			case bytes.Equal(b, old) && !moved:
				nOld++
			case bytes.Equal(b, fixed) && moved:
				nNew++
			case moved:
				t.Fatalf("kill %d (%s): %s was replaced by the old bytes", run+1, p.what, filepath.Base(name))
			case bytes.Equal(b, fixed):
				t.Fatalf("kill %d (%s): %s was fixed in place, not replaced", run+1, p.what, filepath.Base(name))
			default:
				t.Fatalf("kill %d (%s): %s is neither the old nor the fixed letter (%d bytes): half written", run+1, p.what, filepath.Base(name), len(b))
			}
		}
		if nNew < fixedBefore {
			t.Fatalf("kill %d (%s): %d letters fixed, fewer than the %d before", run+1, p.what, nNew, fixedBefore)
		}
		fixedBefore = nNew
		left := strangers(t, dir, n)
		t.Logf("kill %d %s: %d old, %d fixed (%d by this run), temporary files left: %v",
			run+1, p.what, nOld, nNew, nNew-base, left)
	}

	// A last run, not killed, finishes the work and sweeps what the kills left.
	last := exec.Command(bin, "check", "--fix", "--quiet", "--jobs", "2", dir)
	var stderr bytes.Buffer
	last.Stderr = &stderr
	if err := last.Run(); err != nil {
		t.Fatalf("the last run: %v\n%.2000s", err, stderr.String())
	}
	for _, name := range names {
		if b, _ := os.ReadFile(name); !bytes.Equal(b, fixed) {
			t.Fatalf("after the last run %s is not the fixed letter", filepath.Base(name))
		}
	}
	if left := strangers(t, dir, n); len(left) > 0 {
		t.Errorf("after the last run, temporary files remain: %v", left)
	}
}

// inode is the inode number of the file at p.
func inode(t *testing.T, p string) uint64 {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Stat(p, &st); err != nil {
		t.Fatal(err)
	}
	return uint64(st.Ino)
}

var letterName = regexp.MustCompile(`^l\d{5}\.txt$`)

// strangers lists the names in dir other than the n letters: temporary
// files of imrlint's; anything else fails the test.
func strangers(t *testing.T, dir string, n int) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var temps []string
	letters := 0
	for _, e := range es {
		switch {
		case letterName.MatchString(e.Name()):
			letters++
		case strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), ".imrlint-"):
			temps = append(temps, e.Name())
		default:
			t.Fatalf("%s in the directory: neither a letter nor a temporary file of imrlint's", e.Name())
		}
	}
	if letters != n {
		t.Fatalf("%d letters in the directory, want %d", letters, n)
	}
	return temps
}

// readBytes is how many bytes the process has read (rchar in
// /proc/PID/io); ok is false where that cannot be known.
func readBytes(pid int) (n int64, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
	if err != nil {
		return 0, false
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, found := strings.CutPrefix(l, "rchar: "); found {
			n, err := strconv.ParseInt(v, 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

// tempOpen reports whether the process has a temporary file open in dir:
// an unnamed one (O_TMPFILE, shown as "dir/#123 (deleted)") or one named
// .NAME.imrlint-tmp-*.
func tempOpen(pid int, dir string) bool {
	fds := fmt.Sprintf("/proc/%d/fd", pid)
	es, err := os.ReadDir(fds)
	if err != nil {
		return false
	}
	for _, e := range es {
		target, err := os.Readlink(filepath.Join(fds, e.Name()))
		if err != nil || !strings.HasPrefix(target, dir+"/") {
			continue
		}
		rest := strings.TrimPrefix(target, dir+"/")
		if strings.HasPrefix(rest, "#") || strings.Contains(rest, ".imrlint-tmp-") {
			return true
		}
	}
	return false
}
