//go:build unix

package fix

import (
	"errors"
	"os"
	"syscall"
)

// links is the number of hard links of a file, 1 when unknown.
func links(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// writable reports whether the user may write the file itself (not only
// its directory, which would let a rename replace it).
func writable(path string) bool {
	return syscall.Access(path, 2 /* W_OK */) == nil
}

// lock takes an exclusive advisory lock on f, waiting for a writer that
// holds one, and returns its release.
func lock(f *os.File) func() {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return func() {}
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
}

// tryLock takes an exclusive advisory lock on f if no one holds one: got
// says whether it did; supported is false where locks cannot tell.
func tryLock(f *os.File) (got, supported bool) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return true, true
	case errors.Is(err, syscall.EWOULDBLOCK):
		return false, true
	}
	return false, false
}

// unlockFile releases f's lock.
func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// keepOwner gives tmp the owner and group of the file like describes; an
// error when they cannot be kept (the file belongs to another user). tmp's
// own owner and group are compared, not this process's: in a setgid
// directory a new file takes the directory's group.
func keepOwner(tmp *os.File, like os.FileInfo) error {
	st, ok := like.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	var cur syscall.Stat_t
	if err := syscall.Fstat(int(tmp.Fd()), &cur); err == nil && cur.Uid == st.Uid && cur.Gid == st.Gid {
		return nil
	}
	if err := tmp.Chown(int(st.Uid), int(st.Gid)); err != nil {
		return errors.New("its owner and group could not be kept; not changed")
	}
	return nil
}
