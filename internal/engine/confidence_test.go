package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	. "github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/rules"
)

// TestUnconfirmedFactsWarnOnly: the same misquoted massage limit is an
// error while the rule is confirmed and a warning once it is marked
// unconfirmed; nothing else changes.
func TestUnconfirmedFactsWarnOnly(t *testing.T) {
	const letter = "../../testdata/letters/g-fault-2014-page-misquoted-limit.txt"
	sev := func(e *Engine) finding.Severity {
		r := e.CheckFile(letter)
		for _, f := range r.Findings {
			if f.Check == "misquoted-limit" {
				return f.Severity
			}
		}
		t.Fatalf("no misquoted-limit finding on %s", letter)
		return 0
	}
	if s := sev(newEngine(t)); s != finding.Error {
		t.Fatalf("with the confirmed massage rule: %s, want error", s)
	}

	dir := t.TempDir()
	for _, sub := range []string{"vocab", "limits"} {
		files, _ := filepath.Glob(filepath.Join("../../rules", sub, "*.toml"))
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			if i := strings.Index(s, `id = "cpmtg-massage-visits"`); i >= 0 {
				j := i + strings.Index(s[i:], `confidence = "confirmed"`)
				s = s[:j] + `confidence = "unconfirmed"` + s[j+len(`confidence = "confirmed"`):]
			}
			if err := os.WriteFile(filepath.Join(dir, sub, filepath.Base(f)), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	set, err := rules.Load(os.DirFS(dir), rules.DefaultCatalogFS)
	if err != nil {
		t.Fatal(err)
	}
	if s := sev(&Engine{Rules: set, Checks: check.All}); s != finding.Warning {
		t.Errorf("with the massage rule unconfirmed: %s, want warning", s)
	}
}
