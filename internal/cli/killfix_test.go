package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFixKilledMidway: a --fix run killed at any moment leaves every file
// either as it was or wholly fixed, never half written.
func TestFixKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and writes thousands of files; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "imrlint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/imrlint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	old, err := os.ReadFile(filepath.Join(root, "testdata/letters/fault-2014-quantity-mismatch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	fixed, _ := os.ReadFile(filepath.Join(root, "testdata/letters/clean-2014-massage.txt"))
	const n = 400
	populate := func() string {
		dir := t.TempDir()
		for i := 0; i < n; i++ {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("l%05d.txt", i)), old, 0o644)
		}
		return dir
	}
	// Time a whole run, then kill others at points through its writing.
	dir := populate()
	start := time.Now()
	exec.Command(bin, "check", "--fix", "--quiet", "--jobs", "2", dir).Run()
	whole := time.Since(start)
	for _, frac := range []float64{0.4, 0.7, 0.9} {
		delay := time.Duration(float64(whole) * frac)
		dir := populate()
		cmd := exec.Command(bin, "check", "--fix", "--quiet", "--jobs", "2", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		nOld, nNew := 0, 0
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			if strings.HasPrefix(e.Name(), ".") {
				continue // a temporary file the kill left behind: never a letter
			}
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			switch {
			case bytes.Equal(b, old):
				nOld++
			case bytes.Equal(b, fixed):
				nNew++
			default:
				t.Fatalf("killed after %v: %s is neither the old nor the fixed letter (%d bytes)", delay, e.Name(), len(b))
			}
		}
		if nOld+nNew != n {
			t.Fatalf("killed after %v: %d letters left of %d", delay, nOld+nNew, n)
		}
		t.Logf("killed after %v: %d old, %d fixed", delay, nOld, nNew)
	}
}
