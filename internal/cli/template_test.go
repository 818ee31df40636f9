package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type jsonFindings struct {
	Files []struct {
		Path     string `json:"path"`
		Findings []struct {
			Check string `json:"check"`
			Line  int    `json:"line"`
		} `json:"findings"`
	} `json:"files"`
}

func findingsOf(t *testing.T, out string) []string {
	t.Helper()
	var r jsonFindings
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	for _, f := range r.Files {
		for _, x := range f.Findings {
			got = append(got, filepath.Base(f.Path)+":"+x.Check)
		}
	}
	return got
}

// TestTemplateDirectory: the template fixtures under their configuration
// yield exactly the three seeded faults; with a baseline written first,
// only a fault added afterwards is reported.
func TestTemplateDirectory(t *testing.T) {
	cfg := "testdata/templates/.imrlint.toml"
	out, _, code := run(t, "", "check", "--config", cfg, "--format", "json", "testdata/templates")
	got := strings.Join(findingsOf(t, out), " ")
	want := "faulty-template.txt:boilerplate-drift faulty-template.txt:placeholder-consistency faulty-template.txt:hardcoded-value"
	if code != ExitFindings || got != want {
		t.Fatalf("exit %d, findings %s, want %s", code, got, want)
	}

	// The same templates in a scratch directory, with the same settings.
	dir := t.TempDir()
	for _, n := range []string{".imrlint.toml", "clean-template.txt", "faulty-template.txt"} {
		b, err := os.ReadFile(filepath.Join(root, "testdata/templates", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, n), b, 0o644)
	}
	base := filepath.Join(dir, "baseline.json")
	dcfg := filepath.Join(dir, ".imrlint.toml")
	if _, errs, code := run(t, "", "check", "--config", dcfg, "--write-baseline", base, dir); code != ExitOK {
		t.Fatalf("--write-baseline: exit %d %s", code, errs)
	}
	if out, _, code := run(t, "", "check", "--config", dcfg, "--baseline", base, "--format", "json", dir); code != ExitOK || len(findingsOf(t, out)) != 0 {
		t.Fatalf("with the baseline: exit %d, %v", code, findingsOf(t, out))
	}
	// A new fault in the clean template: a hard-coded treatment.
	p := filepath.Join(dir, "clean-template.txt")
	b, _ := os.ReadFile(p)
	s := string(b)
	i := strings.Index(s, "The request for {{quantity}}")
	if i < 0 {
		t.Fatal("clean template changed: no conclusion to seed")
	}
	j := i + strings.Index(s[i:], "{{treatment}}")
	s = s[:j] + "massage" + s[j+len("{{treatment}}"):]
	os.WriteFile(p, []byte(s), 0o644)
	out, _, code = run(t, "", "check", "--config", dcfg, "--baseline", base, "--format", "json", dir)
	if got := findingsOf(t, out); code != ExitFindings || len(got) != 1 || got[0] != "clean-template.txt:hardcoded-value" {
		t.Errorf("after adding a fault: exit %d, %v", code, got)
	}
}

// TestFormatsExitCodes: every output format gives the same exit codes.
func TestFormatsExitCodes(t *testing.T) {
	for _, f := range formats {
		if _, _, code := run(t, "", "check", "--format", f, "testdata/letters/fault-2014-quantity-mismatch.txt"); code != ExitFindings {
			t.Errorf("--format %s on a faulty letter: exit %d, want 1", f, code)
		}
		if _, _, code := run(t, "", "check", "--format", f, "testdata/letters/clean-2014-massage.txt"); code != ExitOK {
			t.Errorf("--format %s on a clean letter: exit %d, want 0", f, code)
		}
		if _, _, code := run(t, "", "check", "--format", f, "testdata/letters/clean-2014-massage.txt", "testdata/nope.txt"); code != ExitTrouble {
			t.Errorf("--format %s with a missing file: exit %d, want 2", f, code)
		}
	}
}

// TestConfigDirsAndCustomPlaceholders: a rules directory named in the
// configuration is read over the built-in rules (a broken file there is
// reported by its path), and a custom placeholder syntax is used.
func TestConfigDirsAndCustomPlaceholders(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "team-rules", "limits"), 0o755)
	os.WriteFile(filepath.Join(dir, "team-rules", "limits", "team.toml"), []byte("[[rule]]\nid = \"team\"\nsumary = \"typo\"\n"), 0o644)
	cfg := filepath.Join(dir, ".imrlint.toml")
	os.WriteFile(cfg, []byte("[rules]\ndirs = [\"team-rules\"]\n"), 0o644)
	letter := copyFixture(t, dir, "clean-2014-massage.txt")
	_, errs, code := run(t, "", "check", "--config", cfg, letter)
	if code != ExitTrouble || !strings.Contains(errs, "team-rules") || !strings.Contains(errs, `unknown key "rule.sumary"`) {
		t.Errorf("rules dir from the config not read: exit %d, %q", code, errs)
	}
	os.Remove(filepath.Join(dir, "team-rules", "limits", "team.toml"))
	if _, errs, code := run(t, "", "check", "--config", cfg, letter); code != ExitOK {
		t.Errorf("with an empty team rules dir: exit %d, %q", code, errs)
	}

	b, _ := os.ReadFile(letter)
	os.WriteFile(letter, []byte(strings.Replace(string(b), "Massage therapy: 12 sessions", "Massage therapy: ${quantity} sessions", 1)), 0o644)
	os.WriteFile(cfg, []byte("[placeholders]\ncustom = ['\\$\\{(\\w+)\\}']\n"), 0o644)
	out, _, code := run(t, "", "check", "--config", cfg, "--format", "json", letter)
	if code != ExitFindings || !strings.Contains(out, `"check": "placeholder"`) || !strings.Contains(out, "quantity") {
		t.Errorf("custom placeholder syntax: exit %d\n%s", code, out)
	}
}

// TestPDFAndDOCXLikeText: our 12-vs-18 letter as PDF and as DOCX gives the
// same quantity-mismatch as its text, with page and line.
func TestPDFAndDOCXLikeText(t *testing.T) {
	for _, f := range []string{"testdata/docs/fault-2014-quantity-mismatch.pdf", "testdata/docs/fault-2014-quantity-mismatch.docx"} {
		out, errs, code := run(t, "", "check", "--format", "json", f)
		if code != ExitFindings {
			t.Fatalf("%s: exit %d %s", f, code, errs)
		}
		var rep struct {
			Files []struct {
				Findings []struct {
					Check    string `json:"check"`
					Line     int    `json:"line"`
					Column   int    `json:"column"`
					Page     int    `json:"page"`
					PageLine int    `json:"page_line"`
				} `json:"findings"`
			} `json:"files"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		fs := rep.Files[0].Findings
		if len(fs) != 1 || fs[0].Check != "quantity-mismatch" || fs[0].Page != 1 || fs[0].PageLine != 56 || fs[0].Column != 60 {
			t.Errorf("%s: findings %+v, want one quantity-mismatch on page 1, line 56, column 60", f, fs)
		}
	}
	_, errs, code := run(t, "", "check", "testdata/docs/bad-encrypted-aes256.pdf", "testdata/docs/bad-truncated.pdf", "testdata/docs/bad-cyclic.pdf", "testdata/letters/clean-2014-massage.txt")
	if code != ExitTrouble {
		t.Errorf("bad PDFs: exit %d", code)
	}
	for _, want := range []string{"bad-encrypted-aes256.pdf: encrypted PDF", "bad-truncated.pdf: corrupt or truncated PDF", "bad-cyclic.pdf:"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	out, _, _ := run(t, "", "check", "--format", "json", "testdata/docs/bad-scanned.pdf")
	if !strings.Contains(out, `"check": "no-text"`) {
		t.Errorf("scanned PDF: %s", out)
	}
}
