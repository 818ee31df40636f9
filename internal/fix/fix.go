// Package fix applies the certain fixes of findings to a file: as a unified
// diff to review, or written in place atomically. Only text files are ever
// rewritten, and a file that changed since it was read is left alone.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/imrlint/imrlint/internal/finding"
)

// Collect returns the fixes of findings, sorted, without overlaps: when two
// fixes overlap, the first (by position) is kept and the other waits for
// the next run.
func Collect(fs []finding.Finding) []finding.Fix {
	var out []finding.Fix
	for _, f := range fs {
		if f.Fix != nil {
			out = append(out, *f.Fix)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	kept := out[:0]
	end := -1
	for _, f := range out {
		if f.Start < end {
			continue
		}
		if len(kept) > 0 && f == kept[len(kept)-1] {
			continue
		}
		kept = append(kept, f)
		end = f.End
	}
	return kept
}

// Apply returns src with the fixes (sorted, non-overlapping) applied.
func Apply(src []byte, fixes []finding.Fix) []byte {
	var b bytes.Buffer
	last := 0
	for _, f := range fixes {
		if f.Start < last || f.End > len(src) || f.Start > f.End {
			continue
		}
		b.Write(src[last:f.Start])
		b.WriteString(f.Replacement)
		last = f.End
	}
	b.Write(src[last:])
	return b.Bytes()
}

// Diff renders the change from old to new as a unified diff with three
// lines of context, as `diff -u` and `git diff` print it. The line diff is
// computed with go-diff (diffmatchpatch in line mode).
func Diff(path string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(string(old), string(new))
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)

	type line struct {
		op   diffmatchpatch.Operation
		text string
	}
	var ls []line
	for _, d := range diffs {
		for _, t := range splitKeepNL(d.Text) {
			ls = append(ls, line{d.Type, t})
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", filepath.ToSlash(path), filepath.ToSlash(path))
	const ctx = 3
	oldNo, newNo := 1, 1
	for i := 0; i < len(ls); {
		if ls[i].op == diffmatchpatch.DiffEqual {
			oldNo++
			newNo++
			i++
			continue
		}
		// A hunk: back up ctx lines, run to ctx lines past the last change
		// that is within 2*ctx of the next.
		start := i
		for start > 0 && i-start < ctx && ls[start-1].op == diffmatchpatch.DiffEqual {
			start--
		}
		end := i
		for {
			for end < len(ls) && ls[end].op != diffmatchpatch.DiffEqual {
				end++
			}
			eq := end
			for eq < len(ls) && ls[eq].op == diffmatchpatch.DiffEqual && eq-end < 2*ctx {
				eq++
			}
			if eq < len(ls) && ls[eq].op != diffmatchpatch.DiffEqual {
				end = eq
				continue
			}
			end = min(len(ls), end+ctx)
			break
		}
		oStart, nStart := oldNo-(i-start), newNo-(i-start)
		oCount, nCount := 0, 0
		var body strings.Builder
		for _, l := range ls[start:end] {
			t := l.text
			nl := strings.HasSuffix(t, "\n")
			switch l.op {
			case diffmatchpatch.DiffEqual:
				body.WriteString(" " + t)
				oCount++
				nCount++
			case diffmatchpatch.DiffDelete:
				body.WriteString("-" + t)
				oCount++
			case diffmatchpatch.DiffInsert:
				body.WriteString("+" + t)
				nCount++
			}
			if !nl {
				body.WriteString("\n\\ No newline at end of file\n")
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n%s", hunkRange(oStart, oCount), hunkRange(nStart, nCount), body.String())
		for _, l := range ls[i:end] {
			if l.op != diffmatchpatch.DiffInsert {
				oldNo++
			}
			if l.op != diffmatchpatch.DiffDelete {
				newNo++
			}
		}
		i = end
	}
	return out.String()
}

func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if count == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

func splitKeepNL(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// ErrChanged means the file is not what was checked any more.
var ErrChanged = errors.New("changed since it was read; left alone")

// Write replaces the file at path, whose content was old when it was read,
// with new. The new content goes to a temporary file in the same directory,
// with the old file's mode (setuid, setgid and sticky bits too), owner and
// group, is synced, and is renamed over the old one, so that a crash leaves
// either the old file or the new, never half of one. The file is locked
// (flock) while it is compared again and replaced, so that a writer that
// locks it too is either seen or waits. A file that is gone, not a regular
// file (a symlink is not followed), read-only, not writable by the user,
// hard-linked (a rename would cut it from its other names), owned by
// someone whose ownership cannot be kept, or changed since it was read is
// left alone with an error saying so. Temporary files an earlier run left
// (killed midway) in the directory are removed first (SweepTemps, once a
// minute per directory).
//
// On Linux the new content is written to an unnamed file (O_TMPFILE) that
// gets its temporary name only once it is whole, synced and locked, just
// before the rename: a run killed while writing leaves nothing behind, and
// one killed between those two calls leaves a temporary file that the next
// write in the directory removes, as no live writer holds its lock.
func Write(path string, old, new []byte) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no longer exists; not changed")
	case err != nil:
		return err
	case fi.Mode()&os.ModeSymlink != 0:
		return errors.New("is a symbolic link; not changed")
	case !fi.Mode().IsRegular():
		return errors.New("is not a regular file; not changed")
	case fi.Mode().Perm()&0o222 == 0:
		return errors.New("is read-only; not changed")
	}
	if n := links(fi); n > 1 {
		return fmt.Errorf("has %d hard links; not changed (replacing it would cut it from its other names)", n)
	}
	if !writable(path) {
		return errors.New("is not writable by you; not changed")
	}
	sweepOnce(filepath.Dir(path))
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	unlock := lock(f)
	defer unlock()
	cur, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, old) {
		return ErrChanged
	}
	return writeFile(path, new, fi, func() error {
		// The last look, just before the rename: a writer that does not
		// lock may still have appended since the first.
		again, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Equal(again, old) {
			return ErrChanged
		}
		return nil
	})
}

// tempMark is in the names of imrlint's temporary files (".a.txt.imrlint-
// tmp-123"): hidden, and ending in no letter's extension, so that a walk
// for letters never picks one up. Earlier versions wrote ".a.txt.imrlint-
// 123"; SweepTemps removes both.
const tempMark = ".imrlint-tmp-"

// legacyTempMark is the mark of earlier versions' temporary files.
const legacyTempMark = ".imrlint-"

// lockedMark ends the names of the temporary files Write and WriteFile
// make (".a.txt.imrlint-tmp-123.locked"): their writer holds an exclusive
// flock on such a file as long as it has that name (from before the name
// where it can, else from just after, then checking that the name is still
// its file), so one that no one holds a lock on is a dead run's.
const lockedMark = ".locked"

// TempPattern is the os.CreateTemp pattern of imrlint's temporary file
// for path.
func TempPattern(path string) string { return "." + filepath.Base(path) + tempMark + "*" }

// lockedPattern is the os.CreateTemp pattern of Write's temporary files.
func lockedPattern(path string) string { return TempPattern(path) + lockedMark }

// OutputMode is the mode a report written to path gets: that of the file
// it replaces, or 0600 (reports hold whole letters).
func OutputMode(path string) os.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	return 0o600
}

// isTempName says whether name is exactly of imrlint's temporary files'
// making, "." + a file's name + ".imrlint-tmp-" + os.CreateTemp's digits,
// then ".locked" for the locked kind (or an earlier version's
// "." + name + ".imrlint-" + digits). A team's own file that merely holds
// ".imrlint-" (".imrlint-baseline.json") is never one.
func isTempName(name string) bool {
	rest, ok := strings.CutPrefix(name, ".")
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, lockedMark)
	mark := tempMark
	i := strings.LastIndex(rest, mark)
	if i < 0 {
		// Earlier versions named them "." + name + ".imrlint-" + digits.
		mark = legacyTempMark
		i = strings.LastIndex(rest, mark)
	}
	if i <= 0 {
		return false // no mark, or no file's name before it
	}
	digits := rest[i+len(mark):]
	if digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// SweepTemps removes the temporary files imrlint left in dir (a run killed
// while writing): they may hold a whole letter. One of Write's (named
// *.locked) is removed as soon as no one holds its lock: its writer is
// dead. Any other (a report's, an earlier
// version's, or one of Write's where locks do not work) is removed once it
// is more than a minute old: a younger one may be another run's, still
// being written.
func SweepTemps(dir string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		name := e.Name()
		if !isTempName(name) || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, lockedMark) && strings.Contains(name, tempMark) {
			if orphan, known := unlockedOrphan(p); known {
				if orphan {
					os.Remove(p)
				}
				continue
			}
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Minute {
			os.Remove(p)
		}
	}
}

// unlockedOrphan reports whether the locked-kind temporary file p is a dead
// writer's: no one holds its lock. known is false where locks cannot tell
// (not supported, or the file cannot be opened). The file is removed
// while its lock is held, so a writer that created it and has not locked
// it yet finds, once it has, that its name is gone, and makes another
// (createLocked).
func unlockedOrphan(p string) (orphan, known bool) {
	f, err := os.Open(p)
	if err != nil {
		return false, false
	}
	defer f.Close()
	got, supported := tryLock(f)
	if !supported {
		return false, false
	}
	if !got {
		return false, true // a live writer's
	}
	defer unlockFile(f)
	fi, err := f.Stat()
	if err != nil {
		return false, true
	}
	// The name may have been renamed away (the writer finished) and taken
	// again since it was opened: remove it only if it is still this file.
	named, err := os.Lstat(p)
	return err == nil && os.SameFile(fi, named), true
}

// swept is when each directory was last swept by this process.
var swept sync.Map // string -> time.Time

// Sweep is SweepTemps of dir at most once a minute in this process, as
// Write sweeps before its first write there: a --fix run with nothing left
// to write still removes what a killed run left.
func Sweep(dir string) { sweepOnce(dir) }

// sweepOnce sweeps dir of leftover temporary files once a minute at most:
// a leftover is a run's killed before this one, and reading a directory of
// 3,000 letters for each of its 3,000 fixes would cost seconds.
func sweepOnce(dir string) {
	now := time.Now()
	if t, ok := swept.Load(dir); ok && now.Sub(t.(time.Time)) < time.Minute {
		return
	}
	swept.Store(dir, now)
	SweepTemps(dir)
}

// WriteFile writes data to path atomically: a temporary file in the same
// directory, synced, then renamed over path. A new file gets perm; a file
// that already exists keeps its mode, owner and group. perm 0 is private:
// 0600 (reports hold whole letters).
func WriteFile(path string, data []byte, perm os.FileMode) error {
	if perm == 0 {
		perm = 0o600
	}
	fi, err := os.Stat(path)
	if err != nil {
		fi = nil
	}
	return writeFile(path, data, fileMode{fi, perm}, nil)
}

// fileMode is the mode a new file gets: that of the file it replaces, or
// perm.
type fileMode struct {
	fi   os.FileInfo
	perm os.FileMode
}

func (m fileMode) Name() string       { return "" }
func (m fileMode) Size() int64        { return 0 }
func (m fileMode) ModTime() time.Time { return time.Time{} }
func (m fileMode) IsDir() bool        { return false }
func (m fileMode) Mode() os.FileMode {
	if m.fi != nil {
		return m.fi.Mode()
	}
	return m.perm
}
func (m fileMode) Sys() any {
	if m.fi != nil {
		return m.fi.Sys()
	}
	return nil
}

// writeFile writes data to a temporary file beside path with like's mode,
// owner and group, syncs it, runs last (when given) and renames it over
// path, then syncs the directory. The temporary file is locked as long as
// it has its name (see SweepTemps). Where the system can, it is an unnamed
// file (O_TMPFILE) that is given its name only after last, just before the
// rename; elsewhere it is named from the start.
func writeFile(path string, data []byte, like os.FileInfo, last func() error) error {
	if tmp := openUnnamedIf(unnamed, filepath.Dir(path)); tmp != nil {
		err := fillTemp(path, tmp, false, data, like, last)
		if err != errCannotLink {
			return err
		}
	}
	tmp, err := createLocked(path)
	if err != nil {
		return err
	}
	return fillTemp(path, tmp, true, data, like, last)
}

// CreateTemp creates the temporary file of a report or other output to be
// renamed to path: named as Write's are and locked while open, so that a
// sweep (SweepTemps) never removes it while its writer lives, however long
// that is. Rename it before closing it.
func CreateTemp(path string) (*os.File, error) { return createLocked(path) }

// createLocked creates a named temporary file beside path and locks it.
// Should a sweep have taken it for a dead run's and removed it before the
// lock was taken, another is made: once the lock is held, the name is
// checked to be still this file.
func createLocked(path string) (*os.File, error) {
	for range 100 {
		tmp, err := os.CreateTemp(filepath.Dir(path), lockedPattern(path))
		if err != nil {
			return nil, err
		}
		lock(tmp)
		held, err := tmp.Stat()
		named, err2 := os.Lstat(tmp.Name())
		if err == nil && err2 == nil && os.SameFile(held, named) {
			return tmp, nil
		}
		tmp.Close()
	}
	return nil, errors.New("its temporary files kept vanishing; not changed")
}

// unnamed says whether writeFile tries an unnamed file first; tests turn
// it off to test the named way on Linux too.
var unnamed = true

func openUnnamedIf(try bool, dir string) *os.File {
	if !try {
		return nil
	}
	return openUnnamed(dir)
}

// errCannotLink: the unnamed file could not be given a name; the write
// starts again with a named temporary file.
var errCannotLink = errors.New("cannot link an unnamed file")

// fillTemp fills tmp (named: it has a name already and is locked, else it
// is unnamed), renames it over path and closes it.
func fillTemp(path string, tmp *os.File, named bool, data []byte, like os.FileInfo, last func() error) error {
	defer tmp.Close() // and so unlocks it, after the rename
	name := ""
	if named {
		name = tmp.Name()
		defer os.Remove(name) // after a successful rename this fails harmlessly
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := keepOwner(tmp, like); err != nil {
		return err
	}
	mode := like.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if !named {
		lock(tmp) // before it has a name
	}
	if last != nil {
		if err := last(); err != nil {
			return err
		}
	}
	if !named {
		var err error
		if name, err = linkUnnamed(tmp, path); err != nil {
			return err
		}
		defer os.Remove(name)
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	// Sync the directory so the rename itself survives a crash.
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
