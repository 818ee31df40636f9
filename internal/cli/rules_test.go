package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const miniCatalog = `[[guideline]]
id = "mtus-cpmtg"
title = "Chronic Pain Medical Treatment Guidelines"
series = "mtus"
names = ["Chronic Pain Medical Treatment"]
source = "test"
confidence = "confirmed"

  [[guideline.edition]]
  year = 2009
  effective = 2009-07-18
  superseded = 2016-07-29
  pages = [1, 127]
  source = "test"
  confidence = "confirmed"

  [[guideline.section]]
  id = "massage-therapy"
  title = "Massage therapy"
  pages = [60, 60]
  treatments = ["massage-therapy"]
  source = "test"
  confidence = "unconfirmed"
`

const goodRule = `[[rule]]
id = "massage-visits"
summary = "Massage: 4-6 visits"
treatment = "massage-therapy"
guideline = "mtus-cpmtg"
section = "massage-therapy"
kind = "visits"
min = 4
max = 6
editions = [2009]
document = "test guideline"
heading = "Massage"
quote = "4-6 visits"
quote_from = "test"
source = "test"
confidence = "confirmed"
`

// ruleDirs writes a rules directory (the shipped vocabularies and the given
// limits file) and a catalog directory.
func ruleDirs(t *testing.T, limits, catalog string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	rd, gd := filepath.Join(dir, "rules"), filepath.Join(dir, "guidelines")
	for _, d := range []string{filepath.Join(rd, "vocab"), filepath.Join(rd, "limits"), gd} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"treatments.toml", "body_parts.toml", "language.toml"} {
		b, err := os.ReadFile(filepath.Join(root, "rules/vocab", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(rd, "vocab", n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(rd, "limits", "test.toml"), []byte(limits), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(gd, "test.toml"), []byte(catalog), 0o644); err != nil {
		t.Fatal(err)
	}
	return rd, gd
}

// TestRulesValidate: the shipped data validates; each kind of fault is
// rejected with the file and line of the fault.
func TestRulesValidate(t *testing.T) {
	out, errs, code := run(t, "", "rules", "validate")
	if code != ExitOK || !strings.HasPrefix(out, "ok:") {
		t.Fatalf("shipped rules: exit %d\n%s%s", code, out, errs)
	}
	rd, gd := ruleDirs(t, goodRule, miniCatalog)
	if _, errs, code := run(t, "", "rules", "validate", rd, gd); code != ExitOK {
		t.Fatalf("good test rules rejected: %s", errs)
	}
	cases := []struct {
		name, limits, catalog, want string
	}{
		{"unknown key", goodRule + "maximum = 7\n", miniCatalog, `test.toml:17: unknown key "rule.maximum"`},
		{"inverted range", strings.Replace(goodRule, "min = 4", "min = 9", 1), miniCatalog, "test.toml:2: rule \"massage-visits\": range is inverted: min 9 > max 6"},
		{"duplicate id", goodRule + "\n" + goodRule, miniCatalog, "test.toml:2: rule \"massage-visits\": duplicate rule id"},
		{"section not in catalog", strings.Replace(goodRule, `section = "massage-therapy"`, `section = "unicorn-therapy"`, 1), miniCatalog, `section "unicorn-therapy" is not in the catalog's guideline "mtus-cpmtg"`},
		{"inverted pages", goodRule, strings.Replace(miniCatalog, "pages = [60, 60]", "pages = [61, 60]", 1), `test.toml:18: guideline "mtus-cpmtg" section "massage-therapy": pages range [61 60] is inverted`},
		{"broken toml", goodRule + "[[rule\n", miniCatalog, "test.toml:18:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rd, gd := ruleDirs(t, c.limits, c.catalog)
			_, errs, code := run(t, "", "rules", "validate", rd, gd)
			if code != ExitFindings {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(errs, c.want) {
				t.Errorf("stderr %q lacks %q", errs, c.want)
			}
		})
	}
}

func TestRulesListAndExplain(t *testing.T) {
	rd, gd := ruleDirs(t, goodRule, miniCatalog)
	out, errs, code := run(t, "", "rules", "list", "--rules", rd, "--guidelines", gd)
	if code != ExitOK || !strings.Contains(out, "massage-visits") || !strings.Contains(out, "quantity-mismatch") {
		t.Fatalf("rules list: exit %d\n%s%s", code, out, errs)
	}
}

func TestExplainRule(t *testing.T) {
	out, _, code := run(t, "", "explain", "cpmtg-massage-visits")
	if code != ExitOK || !strings.Contains(out, "4-6") || !strings.Contains(out, "source:") || !strings.Contains(out, "rules/limits/therapy.toml:") {
		t.Errorf("explain rule: exit %d\n%s", code, out)
	}
	out, _, _ = run(t, "", "rules", "list")
	if !strings.Contains(out, "cpmtg-massage-visits") || !strings.Contains(out, "confirmed") {
		t.Errorf("rules list lacks the massage rule:\n%.500s", out)
	}
}
