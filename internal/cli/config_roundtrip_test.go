package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/config"
)

// everyKeyConfig sets every key of .imrlint.toml to something other than
// its default. Its globs and directories are relative, so that reading
// them against another directory would show.
const everyKeyConfig = `base_dir = "team"
fail_level = "warning"

[rules]
dirs = ["extra-rules"]
replace = false

[guidelines]
dirs = ["extra-guidelines"]
replace = false

[checks]
enable = ["quantity-mismatch", "date-mismatch", "copied-rationale", "body-part-mismatch", "placeholder", "hardcoded-value", "placeholder-consistency", "boilerplate-drift", "decision-conflict", "citation-treatment"]
disable = ["decision-conflict"]

[checks.severity]
date-mismatch = "info"
copied-rationale = "error"

[files]
include = ["letters/**", "templates/**"]
exclude = ["**/drafts/**"]
templates = ["templates/**"]

[placeholders]
syntaxes = ["mustache", "double-bracket", "bracket"]
custom = ['\$\{(\w+)\}']
fields = ["treatment", "quantity", "body_part", "decision"]

[[boilerplate.paragraph]]
id = "team-how-made"
section = "HOW THE IMR FINAL DETERMINATION WAS MADE"
text = """MAXIMUS Federal Services forwarded every document in the case file to a physician reviewer who
has no connection with the employer, the employee, the treating providers or the claims
administrator."""
match = "MAXIMUS Federal Services forwarded"
source = "team wording, 2026"

[[exclude]]
path = "letters/accepted-*.txt"
check = "quantity-mismatch"
reason = "the 2013 batch is settled; its letters are not reissued"

[[exclude]]
check = "copied-rationale"
reason = "the team reviews copied rationales by hand"
`

// roundTripTree lays out letters, drafts and templates under a team
// directory, with the rule and catalog directories the configuration
// names, and returns the configuration's path.
func roundTripTree(t *testing.T) (cfg, team string) {
	t.Helper()
	dir := t.TempDir()
	team = filepath.Join(dir, "team")
	for _, d := range []string{"letters/drafts", "templates", "extra-rules", "extra-guidelines"} {
		if err := os.MkdirAll(filepath.Join(team, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	letters := filepath.Join(team, "letters")
	for _, n := range []string{"fault-2014-quantity-mismatch.txt", "fault-2014-copied-rationale.txt", "fault-2014-date-mismatch.txt", "clean-2014-massage.txt"} {
		copyFixture(t, letters, n)
	}
	b, _ := os.ReadFile(filepath.Join(letters, "fault-2014-quantity-mismatch.txt"))
	os.WriteFile(filepath.Join(letters, "accepted-quantity.txt"), b, 0o644)
	os.WriteFile(filepath.Join(letters, "drafts", "draft.txt"), b, 0o644)
	for _, n := range []string{"clean-template.txt", "faulty-template.txt"} {
		b, err := os.ReadFile(filepath.Join(root, "testdata/templates", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(team, "templates", n), b, 0o644)
	}
	cfg = filepath.Join(dir, "conf", "imrlint.toml")
	os.MkdirAll(filepath.Dir(cfg), 0o755)
	// base_dir is relative to the file: ../team.
	if err := os.WriteFile(cfg, []byte(strings.Replace(everyKeyConfig, `base_dir = "team"`, `base_dir = "../team"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg, team
}

// boilerplateWhere is where a drift finding says its approved paragraph
// is defined: the configuration's file and line, which differ, rightly,
// between the original and the printed configuration.
var boilerplateWhere = regexp.MustCompile(`approved boilerplate team-how-made \([^)]*\)`)

// TestConfigRoundTrip: imrlint config prints a .imrlint.toml that, saved
// anywhere and named with --config, checks exactly as the original with
// the same flags: the same report in every format and the same exit.
func TestConfigRoundTrip(t *testing.T) {
	cfg, team := roundTripTree(t)
	saved := filepath.Join(t.TempDir(), "effective.toml")
	for _, flags := range [][]string{
		nil,
		{"--fail-level", "error", "--disable", "copied-rationale", "--template", "**/faulty-*", "--enable", "quantity-mismatch,placeholder,date-mismatch,decision-conflict"},
		{"--rules", "rules", "--include", "**/*.txt", "--exclude", "**/clean-*"},
	} {
		printed, errs, code := run(t, "", append([]string{"config", "--config", cfg}, flags...)...)
		if code != ExitOK {
			t.Fatalf("config %v: exit %d: %s", flags, code, errs)
		}
		if err := os.WriteFile(saved, []byte(printed), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"json", "text", "sarif"} {
			want, wantErr, wantCode := run(t, "", append([]string{"check", "--config", cfg, "--format", format, "--color", "never", team}, flags...)...)
			got, gotErr, gotCode := run(t, "", "check", "--config", saved, "--format", format, "--color", "never", team)
			if gotCode != wantCode || gotErr != wantErr {
				t.Errorf("flags %v, %s: exit %d (stderr %q) from the printed configuration, %d (%q) from the original", flags, format, gotCode, gotErr, wantCode, wantErr)
			}
			want = boilerplateWhere.ReplaceAllString(want, "approved boilerplate team-how-made (…)")
			got = boilerplateWhere.ReplaceAllString(got, "approved boilerplate team-how-made (…)")
			if got != want {
				t.Errorf("flags %v, %s: the printed configuration checks otherwise than the original.\nprinted configuration:\n%s\n--- from it ---\n%s\n--- from the original ---\n%s", flags, format, printed, got, want)
			}
		}
		// It prints itself: the printed configuration is a fixed point.
		again, _, _ := run(t, "", "config", "--config", saved)
		if strip := func(s string) string { return s[strings.Index(s, "\n"):] }; strip(again) != strip(printed) {
			t.Errorf("flags %v: config --config of the printed configuration differs:\n%s\n---\n%s", flags, again, printed)
		}
	}
}

// TestConfigPrintsEveryKey: each key of the file format is in what
// imrlint config prints (set, or commented with what its absence means),
// so that a key added to config.Config without being printed fails here.
func TestConfigPrintsEveryKey(t *testing.T) {
	cfg, _ := roundTripTree(t)
	printed, _, _ := run(t, "", "config", "--config", cfg)
	unset, _, _ := run(t, "", "config", "--no-config")
	var keys func(reflect.Type, string)
	keys = func(typ reflect.Type, prefix string) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag := f.Tag.Get("toml")
			if tag == "" || tag == "-" {
				continue
			}
			ft := f.Type
			if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
				if !strings.Contains(printed, "[["+prefix+tag+"]]") {
					t.Errorf("config prints no [[%s%s]]", prefix, tag)
				}
				keys(ft.Elem(), prefix+tag+".")
				continue
			}
			if ft.Kind() == reflect.Struct {
				keys(ft, prefix+tag+".")
				continue
			}
			for _, out := range []string{printed, unset} {
				if strings.Contains(prefix, ".") && out == unset && (strings.HasPrefix(prefix, "boilerplate") || strings.HasPrefix(prefix, "exclude")) {
					continue // no such table without a file
				}
				if !regexp.MustCompile(`(?m)^(# )?`+regexp.QuoteMeta(tag)+`( =|:)`).MatchString(out) && !strings.Contains(out, "["+strings.TrimSuffix(prefix, ".")+"."+tag+"]") {
					t.Errorf("config prints no key %s%s:\n%s", prefix, tag, out)
				}
			}
		}
	}
	keys(reflect.TypeOf(config.Config{}), "")
	// Without a file it is valid too, and checks as no file does.
	saved := filepath.Join(t.TempDir(), "x.toml")
	os.WriteFile(saved, []byte(unset), 0o600)
	letter := "testdata/letters/fault-2014-quantity-mismatch.txt"
	want, _, wantCode := run(t, "", "check", "--no-config", "--format", "json", letter)
	got, errs, gotCode := run(t, "", "check", "--config", saved, "--format", "json", letter)
	if got != want || gotCode != wantCode {
		t.Errorf("the configuration printed without a file checks otherwise (exit %d, want %d): %s", gotCode, wantCode, errs)
	}
}
