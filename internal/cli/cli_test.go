package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const root = "../../"

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	// Run from the repository root so that paths in output are stable.
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(root, "testdata/golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update if the change is intended)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// TestGolden pins the text and JSON output on a set of fixture letters.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"quantity-mismatch.txt.golden", []string{"check", "--color", "never", "testdata/letters/fault-2014-quantity-mismatch.txt"}, 1},
		{"quantity-mismatch.json.golden", []string{"check", "--format", "json", "testdata/letters/fault-2014-quantity-mismatch.txt"}, 1},
		{"color.txt.golden", []string{"check", "--color", "always", "testdata/letters/fault-2014-body-part-mismatch.txt"}, 1},
		{"faults-2013.txt.golden", []string{"check", "--color", "never", "testdata/letters/fault-2013-quantity-mismatch.txt", "testdata/letters/fault-2013-decision-conflict.txt", "testdata/letters/fault-2013-date-mismatch.txt"}, 1},
		{"partial.json.golden", []string{"check", "--format", "json", "testdata/letters/clean-2014-partial-authorization.txt", "testdata/letters/fault-2014-partial-arithmetic.txt"}, 1},
		{"clean.txt.golden", []string{"check", "--color", "never", "testdata/letters/clean-2014-pdf-mess.txt"}, 0},
		{"not-a-letter.json.golden", []string{"check", "--format", "json", "testdata/letters/not-a-letter-recipe.txt"}, 0},
		{"templates.txt.golden", []string{"check", "--color", "always", "--config", "testdata/templates/.imrlint.toml", "testdata/templates"}, 1},
		{"templates.sarif.golden", []string{"check", "--format", "sarif", "--config", "testdata/templates/.imrlint.toml", "testdata/templates"}, 1},
		{"quantity-mismatch.github.golden", []string{"check", "--format", "github", "testdata/letters/fault-2014-quantity-mismatch.txt"}, 1},
		{"quantity-mismatch.junit.golden", []string{"check", "--format", "junit", "testdata/letters/fault-2014-quantity-mismatch.txt", "testdata/letters/clean-2014-massage.txt"}, 1},
		{"diff.golden", []string{"check", "--diff", "testdata/letters/fault-2014-quantity-mismatch.txt", "testdata/letters/fault-2014-body-part-mismatch.txt"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _, code := run(t, "", c.args...)
			if code != c.code {
				t.Errorf("exit code %d, want %d", code, c.code)
			}
			golden(t, c.name, out)
		})
	}
}

// TestJSONContract decodes the JSON output into the documented shape,
// rejecting unknown fields, and checks the seed-like letter's values.
func TestJSONContract(t *testing.T) {
	out, _, code := run(t, "", "check", "--format", "json", "testdata/letters/fault-2014-quantity-mismatch.txt")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	type rng struct {
		Line, Column, EndLine, EndColumn int
	}
	var rep struct {
		Tool  struct{ Name, Version string } `json:"tool"`
		Files []struct {
			Path   string `json:"path"`
			Layout string `json:"layout"`
			Items  []struct {
				Index     int    `json:"index"`
				Treatment string `json:"treatment"`
				Quantity  struct {
					Value float64 `json:"value"`
					Unit  string  `json:"unit"`
				} `json:"quantity"`
				BodyPart string `json:"body_part"`
				Decision string `json:"decision"`
				Line     int    `json:"line"`
			} `json:"items"`
			Findings []struct {
				Check     string `json:"check"`
				Severity  string `json:"severity"`
				Message   string `json:"message"`
				Line      int    `json:"line"`
				Column    int    `json:"column"`
				EndLine   int    `json:"end_line"`
				EndColumn int    `json:"end_column"`
				Related   []struct {
					Line      int    `json:"line"`
					Column    int    `json:"column"`
					EndLine   int    `json:"end_line"`
					EndColumn int    `json:"end_column"`
					Message   string `json:"message"`
				} `json:"related"`
				Fix *struct {
					Line        int    `json:"line"`
					Column      int    `json:"column"`
					EndLine     int    `json:"end_line"`
					EndColumn   int    `json:"end_column"`
					Replacement string `json:"replacement"`
				} `json:"fix"`
			} `json:"findings"`
		} `json:"files"`
		Summary struct {
			Files    int `json:"files"`
			Letters  int `json:"letters"`
			Errors   int `json:"errors"`
			Warnings int `json:"warnings"`
			Infos    int `json:"infos"`
		} `json:"summary"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("JSON does not match the contract: %v", err)
	}
	if rep.Tool.Name != "imrlint" || len(rep.Files) != 1 {
		t.Fatalf("tool/files = %+v", rep)
	}
	f := rep.Files[0]
	if f.Layout != "imr-2014" || len(f.Items) != 1 || f.Items[0].Treatment != "massage therapy" || f.Items[0].Quantity.Value != 12 || f.Items[0].Quantity.Unit != "sessions" || f.Items[0].BodyPart != "right wrist/hand" || f.Items[0].Decision != "upheld" {
		t.Errorf("items = %+v", f.Items)
	}
	if len(f.Findings) != 1 {
		t.Fatalf("findings = %+v", f.Findings)
	}
	fd := f.Findings[0]
	if fd.Check != "quantity-mismatch" || fd.Severity != "error" || fd.EndColumn-fd.Column != 2 || len(fd.Related) != 1 || fd.Fix == nil || fd.Fix.Replacement != "12" {
		t.Errorf("finding = %+v", fd)
	}
	if rep.Summary.Files != 1 || rep.Summary.Letters != 1 || rep.Summary.Errors != 1 {
		t.Errorf("summary = %+v", rep.Summary)
	}
}

// TestBadInputs: each unreadable input gets one line naming the file, exit
// 2, and the other inputs are still checked and reported.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := bytes.Repeat([]byte("Massage therapy: 12 sessions: Upheld\n"), 50<<20/37+1)
	cases := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.txt"), "no such file or directory"},
		{"empty", write("empty.txt", nil), "file is empty"},
		{"blank", write("blank.txt", []byte(" \n\n\t\n")), "file is empty"},
		{"binary", write("bin.txt", []byte("abc\x00\x01\x02def")), "binary file"},
		{"invalid-utf8", write("latin1.txt", []byte("caf\xe9 line\nsecond \xff")), "not valid UTF-8 (first bad byte at line 1, column 4)"},
		{"utf16", write("u16.txt", []byte{0xFF, 0xFE, 'a', 0}), "UTF-16"},
		{"50MB", write("big.txt", big), "file is too large"},
		{"pdf", write("x.pdf", []byte("%PDF-1.4\n")), "corrupt or truncated PDF"},
	}
	good := "testdata/letters/fault-2014-quantity-mismatch.txt"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := run(t, "", "check", "--color", "never", c.path, good)
			if code != ExitTrouble {
				t.Errorf("exit %d, want 2", code)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], c.path) || !strings.Contains(lines[0], c.want) {
				t.Errorf("stderr = %q, want one line naming %s with %q", errs, c.path, c.want)
			}
			if !strings.Contains(out, "quantity-mismatch") {
				t.Errorf("the good file was not checked; stdout = %q", out)
			}
		})
	}
	t.Run("directory-walk", func(t *testing.T) {
		out, _, code := run(t, "", "check", "--format", "json", "testdata/letters")
		if code != ExitFindings {
			t.Errorf("exit %d, want 1", code)
		}
		if n := strings.Count(out, `"path": "testdata/letters/`); n < 15 {
			t.Errorf("walked %d files, want all fixture letters", n)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		src, err := os.ReadFile(filepath.Join(root, good))
		if err != nil {
			t.Fatal(err)
		}
		out, _, code := run(t, string(src), "check", "--color", "never", "-")
		if code != ExitFindings || !strings.HasPrefix(out, "-:56:60: error[quantity-mismatch]") {
			t.Errorf("exit %d, output %q", code, out)
		}
	})
}

func TestExitCodesAndFlags(t *testing.T) {
	clean := "testdata/letters/clean-2014-massage.txt"
	copied := "testdata/letters/fault-2014-copied-rationale.txt" // a warning only
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"check", clean}, ExitOK},
		{[]string{"check", copied}, ExitOK},
		{[]string{"check", "--fail-level", "warning", copied}, ExitFindings},
		{[]string{"check", copied, "--fail-level=warning"}, ExitFindings},
		{[]string{"check", "--fail-level", "bogus", clean}, ExitTrouble},
		{[]string{"check", "--format", "xml", clean}, ExitTrouble},
		{[]string{"check", "--color", "sometimes", clean}, ExitTrouble},
		{[]string{"check"}, ExitTrouble},
		{[]string{"frobnicate"}, ExitTrouble},
		{[]string{"explain", "no-such-check"}, ExitTrouble},
		{[]string{"check", "--rules", "testdata/bad/no-such-dir", clean}, ExitTrouble},
		{[]string{"version"}, ExitOK},
	}
	for _, c := range cases {
		if _, _, code := run(t, "", c.args...); code != c.code {
			t.Errorf("imrlint %s: exit %d, want %d", strings.Join(c.args, " "), code, c.code)
		}
	}
}

// TestBrokenRules: a broken rule directory is reported with file and line.
func TestBrokenRules(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "vocab"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"treatments.toml", "body_parts.toml", "language.toml"} {
		b, err := os.ReadFile(filepath.Join(root, "rules/vocab", n))
		if err != nil {
			t.Fatal(err)
		}
		if n == "treatments.toml" {
			b = append(b, []byte("\n[[treatment]]\nid = \"x\"\nnmae = \"typo\"\n")...)
		}
		if n == "language.toml" {
			b = append(b, []byte("\n[broken\n")...)
		}
		if err := os.WriteFile(filepath.Join(dir, "vocab", n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs, code := run(t, "", "check", "--rules", dir, "testdata/letters/clean-2014-massage.txt")
	if code != ExitTrouble {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range []string{"vocab/treatments.toml:", `unknown key "treatment.nmae"`, "vocab/language.toml:"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	// The line of the unknown key is named.
	b, _ := os.ReadFile(filepath.Join(dir, "vocab/treatments.toml"))
	n := strings.Count(string(b), "\n") // nmae is on the last line
	if !strings.Contains(errs, "treatments.toml:"+strconv.Itoa(n)+":") {
		t.Errorf("stderr %q does not name line %d", errs, n)
	}
}

// TestExplainEveryCheck: every check has documentation with examples.
func TestExplainEveryCheck(t *testing.T) {
	for _, c := range check.All {
		out, _, code := run(t, "", "explain", c.Name)
		if code != ExitOK || !strings.Contains(out, c.Name) || !strings.Contains(out, "Triggers:") || !strings.Contains(out, "Does not trigger:") {
			t.Errorf("explain %s: exit %d, output %q", c.Name, code, out)
		}
	}
	out, _, _ := run(t, "", "checks")
	for _, n := range checkNames() {
		if !strings.Contains(out, n) {
			t.Errorf("checks output lacks %s", n)
		}
	}
}

// TestREADMEListsEveryCheck keeps the README's list of checks true.
func TestREADMEListsEveryCheck(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range checkNames() {
		if !strings.Contains(string(b), "`"+n+"`") {
			t.Errorf("README.md does not list check %s", n)
		}
	}
}
