package engine_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/config"
	. "github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
)

// New builds what the configuration asks for: the checks enabled, the
// severities, and the errors the command line has always printed.
func TestNewFromConfig(t *testing.T) {
	cfg := &config.Config{}
	cfg.Checks.Disable = []string{"quantity-mismatch"}
	cfg.Checks.Severity = map[string]string{"body-part-mismatch": "info"}
	if err := cfg.Apply(config.Flags{Enable: []string{"quantity-mismatch", "body-part-mismatch"}, Given: map[string]bool{"enable": true}}); err != nil {
		t.Fatal(err)
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range e.Checks {
		names = append(names, c.Name)
	}
	// --enable wins over the file's disable; the order is check.All's.
	if got := strings.Join(names, ","); got != "quantity-mismatch,body-part-mismatch" && got != "body-part-mismatch,quantity-mismatch" {
		t.Errorf("checks = %s", got)
	}
	if e.SeverityOf(check.ByName("body-part-mismatch")) != finding.Info || e.SeverityOf(check.ByName("quantity-mismatch")) != check.ByName("quantity-mismatch").Severity {
		t.Error("severities")
	}
	if cfg.Fail() != finding.Error {
		t.Errorf("fail level %v", cfg.Fail())
	}

	bad := &config.Config{}
	bad.Checks.Enable = []string{"no-such-check"}
	if _, err := New(bad); err == nil || !strings.Contains(err.Error(), `unknown check "no-such-check"`) {
		t.Errorf("unknown check: %v", err)
	}
	if err := (&config.Config{}).Apply(config.Flags{FailLevel: "loud", Given: map[string]bool{"fail-level": true}}); err == nil || !strings.HasPrefix(err.Error(), "--fail-level: ") {
		t.Errorf("fail level: %v", err)
	}
}

// Check reads bytes as CheckFile reads a file: the kind sniffed from the
// content, a PDF's text extracted; RequireText refuses what the server
// has always refused.
func TestCheckBytesOfAnyKind(t *testing.T) {
	e := newEngine(t)
	pdf, err := os.ReadFile("../../testdata/docs/clean-2013-massage-mri.pdf")
	if err != nil {
		t.Fatal(err)
	}
	r := e.Check("upload.bin", pdf)
	if r.Err != nil || r.Kind != "pdf" || !r.IsLetter() {
		t.Fatalf("pdf: kind %q, err %v", r.Kind, r.Err)
	}
	if f := e.CheckFile("../../testdata/docs/clean-2013-massage-mri.pdf"); f.Kind != "pdf" || len(f.Findings) != len(r.Findings) {
		t.Errorf("CheckFile and Check differ: %d and %d findings", len(f.Findings), len(r.Findings))
	}
	if r := e.Check("x.txt", []byte("\xff\xfe")); r.Err == nil {
		t.Error("UTF-16 text was checked")
	}
	scan, err := os.ReadFile("../../testdata/docs/bad-scanned.pdf")
	if err != nil {
		t.Fatal(err)
	}
	strict := *e
	strict.RequireText = true
	strict.Checks = []*check.Check{check.ByName("quantity-mismatch")} // no no-text check
	if r := strict.Check("scan.pdf", scan); r.Err == nil || !strings.Contains(r.Err.Error(), "without a text layer") {
		t.Errorf("a scan without the no-text check: %v", r.Err)
	}
	if r := e.Check("scan.pdf", scan); r.Err != nil {
		t.Errorf("the command line checks a scan: %v", r.Err)
	}
}

// Fix writes certain fixes to text files only and checks the new text.
func TestFix(t *testing.T) {
	e := newEngine(t)
	if _, n, err := e.Fix(Result{Path: "a.pdf", Findings: []finding.Finding{{Fix: &finding.Fix{Replacement: "x"}}}}); n != 0 || !errors.Is(err, ErrNotText) {
		t.Errorf("pdf: %d %v", n, err)
	}
	if _, n, err := e.Fix(Result{Path: "-"}); n != 0 || err != nil {
		t.Errorf("stdin: %d %v", n, err)
	}
	dir := t.TempDir()
	src, err := os.ReadFile("../../testdata/letters/clean-2013-case-summary.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "l.txt")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	rs := []Result{e.CheckFile(p)}
	e.FixAll(rs, func(string, int, error) { t.Error("a clean letter was fixed") })
	if got, _ := os.ReadFile(p); string(got) != string(src) {
		t.Error("the clean letter changed")
	}
}
