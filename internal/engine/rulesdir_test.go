package engine

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRuleDirectoryFilesBounded: a --rules directory's files are read
// through the bounded reader, as letters and configuration are. Before,
// a limits file linked to /dev/zero was read until memory ran out and a
// named pipe blocked the run.
func TestRuleDirectoryFilesBounded(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	for _, c := range []struct {
		name string
		make func(path string) error
		want string
	}{
		{"device", func(p string) error { return os.Symlink("/dev/zero", p) }, "is a device"},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "named pipe"},
		{"huge", func(p string) error {
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(64 << 20) // sparse: costs no disk
		}, "too large"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "limits"), 0o755)
			bad := filepath.Join(dir, "limits", "local.toml")
			if err := c.make(bad); err != nil {
				t.Skipf("cannot make a %s here: %v", c.name, err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := LoadRules([]string{dir}, false, nil, false)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Fatalf("a %s as a rule file was loaded", c.name)
				}
				if msg := err.Error(); !strings.Contains(msg, bad) || !strings.Contains(msg, c.want) {
					t.Errorf("error %q does not name %s and say %q", msg, bad, c.want)
				}
			case <-time.After(time.Minute): // stops a hang, times nothing
				t.Fatalf("loading a rule directory holding a %s did not return", c.name)
			}
		})
	}
}
