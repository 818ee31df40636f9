//go:build unix

package cli

import (
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestDevicesRefused: --config and --baseline naming a device are refused
// at once with one line naming it (they were read until memory ran out).
func TestDevicesRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	for _, flag := range []string{"--config", "--baseline"} {
		_, errOut, code := run(t, "", "check", flag, "/dev/zero", "testdata/letters/clean-2014-massage.txt")
		if code != 2 || !strings.Contains(errOut, "/dev/zero") || !strings.Contains(errOut, "is a device, not a file: not read") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s /dev/zero: exit %d, stderr %q; want 2 and one line naming the device", flag, code, errOut)
		}
	}
}

// TestOutputPrivate: -o writes a new report 0600 whatever the umask (an
// HTML report holds whole letters), streamed or not; a report replacing a
// file keeps that file's mode.
func TestOutputPrivate(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"html", "json", "text"} {
		out := dir + "/report." + format
		if _, _, code := run(t, "", "check", "--no-config", "--format", format, "-o", out, "testdata/letters/clean-2014-massage.txt"); code != 0 {
			t.Fatalf("%s: exit %d", format, code)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("-o %s: mode %v, want 0600", format, fi.Mode().Perm())
		}
		if err := os.Chmod(out, 0o640); err != nil {
			t.Fatal(err)
		}
		run(t, "", "check", "--no-config", "--format", format, "-o", out, "testdata/letters/clean-2014-massage.txt")
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o640 {
			t.Errorf("-o %s over a 0640 file: mode %v, want 0640 kept", format, fi.Mode().Perm())
		}
	}
}

// TestNoSilentPass: a directory with no letter in it, and a named pipe
// named as a letter, are errors (exit 2, one line naming the path): a CI
// gate pointed at the wrong path must not stay green, and a FIFO must not
// hang the run.
func TestNoSilentPass(t *testing.T) {
	dir := t.TempDir()
	empty := dir + "/letters"
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(empty+"/notes.md", []byte("not a letter file"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "", "check", "--no-config", empty)
	if code != 2 || !strings.Contains(errOut, empty+": no letters found under it") {
		t.Errorf("empty directory: exit %d, stderr %q; want 2 and no letters found", code, errOut)
	}
	fifo := dir + "/letter.txt"
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	_, errOut, code = run(t, "", "check", "--no-config", fifo)
	if code != 2 || !strings.Contains(errOut, fifo+": is a named pipe (FIFO), not a file: not read") {
		t.Errorf("FIFO: exit %d, stderr %q; want 2 and the pipe refused", code, errOut)
	}
}
