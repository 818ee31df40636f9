//go:build unix

package cli

import (
	"os"
	"strings"
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
