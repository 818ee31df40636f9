package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyFixture copies a fixture letter into dir.
func copyFixture(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "testdata/letters", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDiffPrintsUnifiedDiffAndTouchesNothing(t *testing.T) {
	dir := t.TempDir()
	p := copyFixture(t, dir, "fault-2014-quantity-mismatch.txt")
	before, _ := os.ReadFile(p)
	out, _, code := run(t, "", "check", "--diff", p)
	if code != ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"--- a/" + filepath.ToSlash(p), "+++ b/", "@@ -5", "-therefore not supported by the guidelines. The request for 18 sessions", "+therefore not supported by the guidelines. The request for 12 sessions"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	after, _ := os.ReadFile(p)
	if string(after) != string(before) {
		t.Error("--diff changed the file")
	}
}

func TestDiffOnSeedLetter(t *testing.T) {
	const seed = "../shared/letters/000_1fa992746e5b65d8.txt"
	if _, err := os.Stat(filepath.Join(root, seed)); err != nil {
		t.Skipf("the seed letter is not here (it comes with the project's shared/ folder): %v", err)
	}
	out, _, code := run(t, "", "check", "--diff", seed)
	if code != ExitFindings || !strings.Contains(out, "-request for 18 additional sessions") || !strings.Contains(out, "+request for 12 additional sessions") {
		t.Errorf("exit %d, diff:\n%s", code, out)
	}
}

func TestFixThenRecheckIsClean(t *testing.T) {
	dir := t.TempDir()
	p := copyFixture(t, dir, "fault-2014-quantity-mismatch.txt")
	os.Chmod(p, 0o640)
	out, errs, code := run(t, "", "check", "--fix", "--color", "never", p)
	if code != ExitOK {
		t.Errorf("--fix: exit %d, want 0 (nothing left)\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "applied 1 fix") {
		t.Errorf("stderr %q", errs)
	}
	fixed, _ := os.ReadFile(p)
	clean, _ := os.ReadFile(filepath.Join(root, "testdata/letters/clean-2014-massage.txt"))
	if string(fixed) != string(clean) {
		t.Error("the fixed letter differs from its clean twin")
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", fi.Mode().Perm())
	}
	out, _, code = run(t, "", "check", "--color", "never", p)
	if code != ExitOK || strings.Contains(out, "quantity-mismatch") {
		t.Errorf("re-run after --fix: exit %d\n%s", code, out)
	}
	// Nothing more to do the second time.
	_, errs, code = run(t, "", "check", "--fix", p)
	if code != ExitOK || strings.Contains(errs, "applied") {
		t.Errorf("second --fix: exit %d, %q", code, errs)
	}
}

func TestFixFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	ro := copyFixture(t, dir, "fault-2014-quantity-mismatch.txt")
	os.Chmod(ro, 0o444)
	before, _ := os.ReadFile(ro)
	_, errs, code := run(t, "", "check", "--fix", ro)
	if code != ExitTrouble || !strings.Contains(errs, "read-only; not changed") {
		t.Errorf("read-only: exit %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(ro); string(after) != string(before) {
		t.Error("the read-only file was changed")
	}
	_, errs, code = run(t, "", "check", "--fix", filepath.Join(dir, "vanished.txt"))
	if code != ExitTrouble || !strings.Contains(errs, "no such file") {
		t.Errorf("vanished: exit %d, %q", code, errs)
	}
}

// TestBaseline: a baseline written first suppresses today's findings; a
// fault added later is reported; a fixed one shows as stale.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	p := copyFixture(t, dir, "fault-2014-quantity-mismatch.txt")
	base := filepath.Join(dir, "imrlint-baseline.json")
	_, errs, code := run(t, "", "check", "--write-baseline", base, p)
	if code != ExitOK || !strings.Contains(errs, "wrote 1 findings") {
		t.Fatalf("--write-baseline: exit %d, %q", code, errs)
	}
	b, _ := os.ReadFile(base)
	if strings.Contains(string(b), "massage") || strings.Contains(string(b), "18") && strings.Contains(string(b), "sessions") {
		t.Errorf("the baseline holds letter text:\n%s", b)
	}
	out, _, code := run(t, "", "check", "--baseline", base, "--color", "never", p)
	if code != ExitOK || !strings.Contains(out, "baseline: 1 suppressed, 0 stale") {
		t.Errorf("with the baseline: exit %d\n%s", code, out)
	}

	// Edits elsewhere (a blank line and a changed summary sentence above)
	// keep the finding's identity.
	src, _ := os.ReadFile(p)
	edited := strings.Replace("\n"+string(src), "CLINICAL CASE SUMMARY", "CLINICAL CASE SUMMARY\n", 1)
	os.WriteFile(p, []byte(edited), 0o644)
	if out, _, code := run(t, "", "check", "--baseline", base, "--color", "never", p); code != ExitOK {
		t.Errorf("after unrelated edits: exit %d\n%s", code, out)
	}

	// A new fault: the header's side changes, so the conclusion disagrees.
	os.WriteFile(p, []byte(strings.Replace(edited, "(right wrist/hand): Upheld", "(left wrist/hand): Upheld", 1)), 0o644)
	out, _, code = run(t, "", "check", "--baseline", base, "--format", "json", p)
	var rep struct {
		Files []struct {
			Findings []struct{ Check string } `json:"findings"`
		} `json:"files"`
		Summary struct {
			Baseline struct{ Suppressed, Stale int } `json:"baseline"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if code != ExitFindings || len(rep.Files[0].Findings) != 1 || rep.Files[0].Findings[0].Check != "body-part-mismatch" {
		t.Errorf("new fault: exit %d, findings %+v", code, rep.Files[0].Findings)
	}
	if rep.Summary.Baseline.Suppressed != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}

	// Fix the original fault: its baseline entry is stale.
	fixed := strings.Replace(edited, "The request for 18 sessions", "The request for 12 sessions", 1)
	os.WriteFile(p, []byte(fixed), 0o644)
	out, _, _ = run(t, "", "check", "--baseline", base, "--color", "never", p)
	if !strings.Contains(out, "0 suppressed, 1 stale") {
		t.Errorf("stale entry not reported:\n%s", out)
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	letters := filepath.Join(dir, "letters")
	os.MkdirAll(filepath.Join(letters, "drafts"), 0o755)
	copyFixture(t, letters, "fault-2014-copied-rationale.txt")
	copyFixture(t, letters, "fault-2014-quantity-mismatch.txt")
	copyFixture(t, filepath.Join(letters, "drafts"), "fault-2014-date-mismatch.txt")
	cfg := filepath.Join(dir, ".imrlint.toml")
	os.WriteFile(cfg, []byte(`fail_level = "warning"

[checks]
disable = ["quantity-mismatch"]

[checks.severity]
copied-rationale = "error"

[files]
exclude = ["letters/drafts/**"]
`), 0o644)
	out, errs, code := run(t, "", "check", "--config", cfg, "--format", "json", letters)
	if code != ExitFindings {
		t.Errorf("exit %d, %s", code, errs)
	}
	if strings.Contains(out, `"check": "quantity-mismatch"`) || strings.Contains(out, "drafts") || !strings.Contains(out, `"severity": "error"`) {
		t.Errorf("config not applied:\n%s", out)
	}
	// Flags override the file.
	out, _, _ = run(t, "", "check", "--config", cfg, "--enable", "quantity-mismatch", "--format", "json", letters)
	if !strings.Contains(out, `"check": "quantity-mismatch"`) || strings.Contains(out, `"check": "copied-rationale"`) {
		t.Errorf("--enable did not override:\n%s", out)
	}
	// imrlint config prints the effective settings.
	out, _, code = run(t, "", "config", "--config", cfg, "--fail-level", "info")
	if code != ExitOK || !strings.Contains(out, `fail_level = "info"`) || !strings.Contains(out, `quantity-mismatch = "off"`) || !strings.Contains(out, `copied-rationale = "error"`) {
		t.Errorf("imrlint config:\n%s", out)
	}
	// Unknown keys and bad values: file and line.
	os.WriteFile(cfg, []byte("fail_level = \"loud\"\n\n[checks]\ndisabel = [\"x\"]\n"), 0o644)
	_, errs, code = run(t, "", "check", "--config", cfg, letters)
	if code != ExitTrouble || !strings.Contains(errs, cfg+`:4: unknown key "checks.disabel"`) {
		t.Errorf("unknown key: exit %d, %q", code, errs)
	}
	os.WriteFile(cfg, []byte("fail_level = \"loud\"\n"), 0o644)
	_, errs, code = run(t, "", "check", "--config", cfg, letters)
	if code != ExitTrouble || !strings.Contains(errs, cfg+":1: fail_level") {
		t.Errorf("bad value: exit %d, %q", code, errs)
	}
}

func TestOutputFileIsWrittenWhole(t *testing.T) {
	dir := t.TempDir()
	o := filepath.Join(dir, "report.json")
	out, _, code := run(t, "", "check", "--format", "json", "-o", o, "testdata/letters/fault-2014-quantity-mismatch.txt")
	if code != ExitFindings || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	b, err := os.ReadFile(o)
	if err != nil || !json.Valid(b) {
		t.Errorf("-o file: %v %q", err, b)
	}
	es, _ := os.ReadDir(dir)
	if len(es) != 1 {
		t.Errorf("temporary files left: %v", es)
	}
}
