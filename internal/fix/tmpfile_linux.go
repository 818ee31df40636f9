//go:build linux && !imrlint_named_temps

package fix

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// openUnnamed opens an unnamed file in dir (O_TMPFILE), private to this
// process until linkUnnamed gives it a name; nil where the file system or
// kernel cannot.
func openUnnamed(dir string) *os.File {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)"))
}

// linkUnnamed gives the unnamed file tmp a temporary name beside path,
// through /proc/self/fd (or AT_EMPTY_PATH where /proc is not mounted), and
// returns it; errCannotLink when neither works.
func linkUnnamed(tmp *os.File, path string) (string, error) {
	fd := int(tmp.Fd())
	proc := "/proc/self/fd/" + strconv.Itoa(fd)
	prefix := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+tempMark)
	for range 100 {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 10) + lockedMark
		err := unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
		if errors.Is(err, unix.ENOENT) {
			err = unix.Linkat(fd, "", unix.AT_FDCWD, name, unix.AT_EMPTY_PATH)
		}
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, unix.EEXIST) {
			return "", errCannotLink
		}
	}
	return "", errCannotLink
}
