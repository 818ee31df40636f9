package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMistypedCommand: a mistyped command is one line with the command
// meant, then where the help is; never the whole help.
func TestMistypedCommand(t *testing.T) {
	for _, c := range []struct{ args, want []string }{
		{[]string{"chekc", "x.txt"}, []string{`unknown command "chekc"`, "did you mean check"}},
		{[]string{"explian"}, []string{`unknown command "explian"`, "did you mean explain?"}},
		{[]string{"rules", "lsit"}, []string{`unknown rules command "lsit"`, "did you mean list?"}},
		{[]string{"help", "chekc"}, []string{`unknown command "chekc"`, "did you mean check"}},
		{[]string{"help", "rules", "valdiate"}, []string{`unknown rules command "valdiate"`, "did you mean validate?"}},
		{[]string{"check", "--formt", "json", "x.txt"}, []string{"unknown flag: --formt", "did you mean --format?"}},
		// One dash, as Go's flag package allowed: still told what was meant.
		{[]string{"check", "-formt", "json", "x.txt"}, []string{"unknown flag: --formt", "did you mean --format?"}},
		{[]string{"check", "--max-warning", "3", "x.txt"}, []string{"unknown flag: --max-warning", "did you mean --max-warnings?"}},
		{[]string{"serve", "--adr", ":1"}, []string{"unknown flag: --adr", "did you mean --addr?"}},
	} {
		out, errs, code := run(t, "", c.args...)
		if code != ExitTrouble || out != "" {
			t.Errorf("imrlint %v: exit %d, stdout %q", c.args, code, out)
		}
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[1], "Run 'imrlint") {
			t.Errorf("imrlint %v: stderr is not one error and one hint:\n%s", c.args, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(lines[0], w) {
				t.Errorf("imrlint %v: %q lacks %q", c.args, lines[0], w)
			}
		}
	}
}

// TestCommandHelp: every command has its own help, by --help or by
// 'help CMD', on standard output, exit 0.
func TestCommandHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"explain", "--help"}, []string{"imrlint explain CHECK|RULE", "imrlint explain quantity-mismatch"}, []string{"--format"}},
		{[]string{"rules", "--help"}, []string{"imrlint rules [command]", "validate", "list"}, nil},
		{[]string{"rules", "validate", "--help"}, []string{"imrlint rules validate [DIR...]", "file:line"}, nil},
		{[]string{"help", "rules", "validate"}, []string{"imrlint rules validate [DIR...]", "file:line"}, nil},
		{[]string{"help"}, []string{"imrlint [command]", "check"}, nil},
		{[]string{"help", "check"}, []string{"imrlint check [flags] PATH...", "--format format", "-o, --output FILE", "--fail-level", "Exit status:"}, []string{"--addr"}},
		{[]string{"check", "-h"}, []string{"imrlint check [flags] PATH...", "--max-file-size BYTES"}, nil},
		{[]string{"serve", "--help"}, []string{"--addr ADDRESS", "--config FILE", "--allow-remote"}, []string{"--diff", "--cpuprofile", "--memprofile", "--fix", "--format", "--baseline", "--jobs"}},
		{[]string{"config", "--help"}, []string{"--config FILE", "--enable CHECKS"}, []string{"--diff", "--cpuprofile", "--format"}},
		{[]string{"lsp", "--help"}, []string{"imrlint lsp [flags]", "--config FILE", "Exit status:"}, []string{"--format", "--diff"}},
		{[]string{"--help"}, []string{"check", "explain", "checks", "rules", "config", "init", "serve", "lsp", "completion", "-q, --quiet", "-v, --verbose", "--version"}, nil},
	} {
		out, errs, code := run(t, "", c.args...)
		if code != ExitOK || errs != "" {
			t.Errorf("imrlint %v: exit %d, stderr %q", c.args, code, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("imrlint %v: help lacks %q:\n%s", c.args, w, out)
			}
		}
		for _, w := range c.not {
			if strings.Contains(out, w) {
				t.Errorf("imrlint %v: help lists %q, not a flag of the command:\n%s", c.args, w, out)
			}
		}
		if strings.Contains(out, "[=true|false]") {
			t.Errorf("imrlint %v: a switch is listed with [=true|false]", c.args)
		}
	}
	// No command: the help, on standard error, exit 2, as before.
	out, errs, code := run(t, "")
	if code != ExitTrouble || out != "" || !strings.Contains(errs, "imrlint [command]") {
		t.Errorf("imrlint: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestVersionSpellings: every spelling of the version prints the same line.
func TestVersionSpellings(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		out, _, code := run(t, "", args...)
		if code != ExitOK || out != "imrlint "+Version+"\n" {
			t.Errorf("imrlint %v: exit %d, %q", args, code, out)
		}
	}
}

// TestFlagSpellingsKept: the spellings Go's flag package took before the
// move to cobra still work: one dash for a long flag, --o for -o, flags
// after the paths, and "--" before a path that looks like a flag.
func TestFlagSpellingsKept(t *testing.T) {
	letter := "testdata/letters/fault-2014-quantity-mismatch.txt"
	want, _, _ := run(t, "", "check", "--format", "json", "--fail-level", "warning", letter)
	for _, args := range [][]string{
		{"check", "-format", "json", "-fail-level=warning", letter},
		{"check", letter, "-format=json", "--fail-level", "warning"},
		{"check", "--format=json", letter, "-fail-level", "warning"},
	} {
		if got, _, code := run(t, "", args...); got != want || code != ExitFindings {
			t.Errorf("imrlint %v: exit %d, output differs from --format json --fail-level warning", args, code)
		}
	}
	dir := t.TempDir()
	for _, o := range []string{"-o", "--o", "--output", "-output"} {
		p := filepath.Join(dir, strings.TrimLeft(o, "-")+".json")
		if _, errs, code := run(t, "", "check", "--format", "json", o, p, "--fail-level", "warning", letter); code != ExitFindings {
			t.Errorf("%s: exit %d: %s", o, code, errs)
		}
		if b, err := os.ReadFile(p); err != nil || string(b) != want {
			t.Errorf("%s FILE: the file is not the report (%v)", o, err)
		}
	}
	// A value that looks like a flag is a value, not a flag.
	if _, errs, code := run(t, "", "check", "--exclude", "-format", letter); code != ExitFindings {
		t.Errorf("--exclude -format: exit %d: %s", code, errs)
	}
	_, errs, code := run(t, "", "check", "--no-config", "--", "-format")
	if code != ExitTrouble || !strings.Contains(errs, "-format") {
		t.Errorf("-- -format: exit %d, stderr %q; want the path -format reported unreadable", code, errs)
	}
}

// TestQuietVerbose: -q prints nothing on standard error for a clean
// run; -v names the configuration read and prints the run summary.
func TestQuietVerbose(t *testing.T) {
	letter := "testdata/letters/clean-2014-massage.txt"
	_, errs, _ := run(t, "", "check", "-q", letter)
	if errs != "" {
		t.Errorf("-q: stderr %q", errs)
	}
	_, errs, _ = run(t, "", "check", "-v", "--config", "testdata/templates/.imrlint.toml", letter)
	if !strings.Contains(errs, "configuration: testdata/templates/.imrlint.toml") || !strings.Contains(errs, "imrlint: 1 file, 1 letter:") {
		t.Errorf("-v: stderr %q; want the configuration named and the run summary", errs)
	}
	_, errs, _ = run(t, "", "check", "--verbose", "--no-config", letter)
	if !strings.Contains(errs, "configuration: none") {
		t.Errorf("--verbose --no-config: stderr %q", errs)
	}
}
