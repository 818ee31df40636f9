package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUntrustedConfigSaidByEveryCommand: a .imrlint.toml in a directory
// others may write is passed over by config and serve as by check, and
// each says so on standard error. Before, config printed "no configuration
// file" and serve ran without it, saying nothing.
func TestUntrustedConfigSaidByEveryCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".imrlint.toml"), []byte("[checks]\ndisable = [\"quantity-mismatch\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	want := "not reading " + filepath.Join(dir, ".imrlint.toml")
	for _, args := range [][]string{
		{"config"},
		{"serve", "--addr", "127.0.0.1:0", "-q"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // serve returns once it has listened
		var out, errb bytes.Buffer
		a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, ctx: ctx}
		if code := a.run(args); code != ExitOK {
			t.Errorf("%s: exit %d: %s", args[0], code, errb.String())
		}
		if !strings.Contains(errb.String(), want) {
			t.Errorf("%s: stderr %q does not say %q", args[0], errb.String(), want)
		}
	}
}
