//go:build unix

package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadFileRefuses: what is not a regular file is refused without being
// opened (a FIFO would block, /dev/zero never ends), and a file over the
// limit by its size; a regular file within it is read.
func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "letter.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	ok := filepath.Join(dir, "ok.txt")
	if err := os.WriteFile(ok, []byte("a letter"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{fifo, "is a named pipe (FIFO), not a file: not read"},
		{"/dev/zero", "is a device, not a file: not read"},
		{dir, "is a directory"},
		{big, "file is too large (2.0 KiB; the limit is 1.0 KiB)"},
		{filepath.Join(dir, "missing.txt"), "no such file or directory"},
	} {
		if c.path == "/dev/zero" {
			if _, err := os.Stat(c.path); err != nil {
				continue
			}
		}
		_, err := ReadFile(c.path, 1024)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.path+": ") {
			t.Errorf("ReadFile(%s) = %v, want %q naming the file", c.path, err, c.want)
		}
	}
	if b, err := ReadFile(ok, 1024); err != nil || string(b) != "a letter" {
		t.Errorf("ReadFile(ok) = %q, %v", b, err)
	}
}
