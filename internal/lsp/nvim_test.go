package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovim runs a real client: headless Neovim (0.7 or later) opens a
// letter whose faulty line holds curly quotes, an en dash and a character
// outside the Basic Multilingual Plane, starts `imrlint lsp` as its
// language server, and reads back the diagnostics, the hover and the
// quick fix (testdata/nvim_session.lua). Neovim converts the server's
// UTF-16 positions to byte columns itself, so the column it reports is a
// check of the conversion from outside this package. It skips when nvim
// is not installed (Debian: apt-get install neovim).
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (apt-get install neovim): the end-to-end test with a real client is skipped")
	}
	if testing.Short() {
		t.Skip("builds the imrlint binary")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // stops a hang only
	defer cancel()

	bin := filepath.Join(t.TempDir(), "imrlint")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/imrlint")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/imrlint: %v\n%s", err, out)
	}
	probe := exec.CommandContext(ctx, bin, "lsp")
	probe.Stdin = strings.NewReader("") // the client gone at once
	if out, _ := probe.CombinedOutput(); bytes.Contains(out, []byte("unknown command")) {
		t.Fatalf("the imrlint binary has no lsp command: %s", bytes.TrimSpace(out))
	}

	work := t.TempDir()
	ws := filepath.Join(work, "letters")
	home := filepath.Join(work, "home")
	for _, d := range []string{ws, home} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	text := unicodeLetter(t, fixture(t, "fault-2014-quantity-mismatch.txt"))
	letter := filepath.Join(ws, "letter.txt")
	if err := os.WriteFile(letter, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "nvim_session.lua"))
	if err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(work, "seen.json")
	// --clean: no user configuration or plugins; -n: no swap file of the
	// letter; -i NONE: no shada. XDG directories in the test's own.
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile "+script, letter)
	cmd.Dir = ws
	cmd.Env = append(os.Environ(),
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"),
		"IMRLINT_BIN="+bin,
		"IMRLINT_ROOT="+ws,
		"IMRLINT_NVIM_OUT="+outFile,
	)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatalf("the Neovim session wrote nothing: %v", err)
	}
	var seen struct {
		Steps       []string
		Error       string
		Diagnostics []struct {
			Lnum     int `json:"lnum"`
			Col      int `json:"col"`
			EndLnum  int `json:"end_lnum"`
			EndCol   int `json:"end_col"`
			Severity int
			Code     string
			Source   string
			Message  string
		}
		Hover          string
		FixedLine      string `json:"fixed_line"`
		OffsetEncoding string `json:"offset_encoding"`
	}
	if err := json.Unmarshal(raw, &seen); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	if seen.Error != "" {
		t.Fatalf("the Neovim session failed after %v: %s", seen.Steps, seen.Error)
	}
	if len(seen.Diagnostics) != 1 {
		t.Fatalf("Neovim has %d diagnostics, want 1: %+v", len(seen.Diagnostics), seen.Diagnostics)
	}
	d := seen.Diagnostics[0]
	lines := strings.Split(text, "\n")
	col := strings.Index(lines[55], "for 18 sessions") + len("for ") // Neovim's columns are bytes
	if d.Lnum != 55 || d.Col != col || d.EndLnum != 55 || d.EndCol != col+2 {
		t.Errorf("the diagnostic is at %d:%d-%d:%d, want 55:%d-55:%d (the 18 on line 56, after non-ASCII text)", d.Lnum, d.Col, d.EndLnum, d.EndCol, col, col+2)
	}
	if d.Code != "quantity-mismatch" || d.Source != "imrlint" || d.Severity != 1 {
		t.Errorf("diagnostic %+v", d)
	}
	if !strings.Contains(seen.Hover, "quantity-mismatch (default severity: error)") {
		t.Errorf("the hover does not explain the check:\n%s", seen.Hover)
	}
	if want := strings.Replace(lines[55], "for 18 sessions", "for 12 sessions", 1); seen.FixedLine != want {
		t.Errorf("after the quick fix line 56 is\n%q, want\n%q", seen.FixedLine, want)
	}
	// The server's standard error goes to Neovim's LSP log: nothing of
	// the letter may be there.
	logs, _ := filepath.Glob(filepath.Join(home, "*", "nvim", "*log*"))
	for _, l := range logs {
		b, _ := os.ReadFile(l)
		for _, piece := range []string{"request for", "massage", "guidelines"} {
			if bytes.Contains(b, []byte(piece)) {
				t.Errorf("%s quotes the letter (%q):\n%s", l, piece, b)
			}
		}
	}
}
