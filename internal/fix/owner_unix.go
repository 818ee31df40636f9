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

// keepOwner gives tmp the owner and group of the file like describes; an
// error when they cannot be kept (the file belongs to another user).
func keepOwner(tmp *os.File, like os.FileInfo) error {
	st, ok := like.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if int(st.Uid) == os.Getuid() && int(st.Gid) == os.Getgid() {
		return nil
	}
	if err := tmp.Chown(int(st.Uid), int(st.Gid)); err != nil {
		return errors.New("its owner and group could not be kept; not changed")
	}
	return nil
}
