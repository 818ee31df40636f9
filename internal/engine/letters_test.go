package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/imrlint/imrlint/internal/check"
	. "github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/rules"
)

// expectFile is the NAME.expect.toml beside each fixture letter.
type expectFile struct {
	Layout string `toml:"layout"`
	Item   []struct {
		Treatment  string   `toml:"treatment"`
		Medication string   `toml:"medication"`
		Strength   string   `toml:"strength"`
		Quantity   *float64 `toml:"quantity"`
		Unit       string   `toml:"unit"`
		BodyPart   string   `toml:"body_part"`
		Decision   string   `toml:"decision"`
		Original   *float64 `toml:"original"`
		Authorized *float64 `toml:"authorized"`
	} `toml:"item"`
	Finding []struct {
		Check       string `toml:"check"`
		Line        int    `toml:"line"`
		Text        string `toml:"text"`
		RelatedLine int    `toml:"related_line"`
		RelatedText string `toml:"related_text"`
		// Severity, when given, is the severity the finding must have:
		// guideline facts not confirmed give warnings, confirmed ones errors.
		Severity string `toml:"severity"`
	} `toml:"finding"`
}

func newEngine(t testing.TB) *Engine {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatalf("loading built-in rules: %v", err)
	}
	return &Engine{Rules: set, Checks: check.All}
}

// TestFixtureLetters checks every letter of testdata/letters against its
// expectation file: the layout, each item as parsed, and exactly the
// findings listed (check and line of the primary span, and the text there).
func TestFixtureLetters(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/letters/*.expect.toml")
	if len(files) < 15 {
		t.Fatalf("found %d fixture letters, want at least 15", len(files))
	}
	e := newEngine(t)
	for _, ef := range files {
		name := strings.TrimSuffix(filepath.Base(ef), ".expect.toml")
		t.Run(name, func(t *testing.T) {
			var want expectFile
			md, err := toml.DecodeFile(ef, &want)
			if err != nil {
				t.Fatal(err)
			}
			if und := md.Undecoded(); len(und) > 0 {
				t.Fatalf("%s: unknown keys %v", ef, und)
			}
			r := e.CheckFile(strings.TrimSuffix(ef, ".expect.toml") + ".txt")
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if got := string(r.Layout()); got != want.Layout {
				t.Errorf("layout = %s, want %s", got, want.Layout)
			}
			compareItems(t, r, want)
			compareFindings(t, r, want)
		})
	}
}

func compareItems(t *testing.T, r Result, want expectFile) {
	t.Helper()
	items := r.Letter.Items
	if len(items) != len(want.Item) {
		t.Errorf("found %d items, want %d", len(items), len(want.Item))
		for _, it := range items {
			t.Logf("  item %d line %d: %q", it.Index, it.Line, it.Header.Text)
		}
		return
	}
	set, _ := rules.Default()
	for i, w := range want.Item {
		it := items[i]
		where := fmt.Sprintf("item %d (line %d)", i+1, it.Line)
		if it.Treatment.Name != w.Treatment {
			t.Errorf("%s: treatment = %q, want %q", where, it.Treatment.Name, w.Treatment)
		}
		if string(it.Decision) != w.Decision {
			t.Errorf("%s: decision = %q, want %q", where, it.Decision, w.Decision)
		}
		if bp := BodyPartText(set, it.BodyParts); bp != w.BodyPart {
			t.Errorf("%s: body part = %q, want %q", where, bp, w.BodyPart)
		}
		if w.Medication != "" {
			if it.Medication == nil || it.Medication.Name.Text != w.Medication {
				t.Errorf("%s: medication = %+v, want %q", where, it.Medication, w.Medication)
			} else if it.Medication.Strength.Strength != w.Strength {
				t.Errorf("%s: strength = %q, want %q", where, it.Medication.Strength.Strength, w.Strength)
			}
		}
		checkQty(t, where+" quantity", it.Quantity, w.Quantity, w.Unit)
		checkQty(t, where+" original", it.Original, w.Original, "")
		checkQty(t, where+" authorized", it.Authorized, w.Authorized, "")
	}
}

func checkQty(t *testing.T, where string, got *letter.Quantity, want *float64, unit string) {
	t.Helper()
	switch {
	case want == nil && got == nil:
	case want == nil:
		t.Errorf("%s = %v, want none", where, got.Quantity.String())
	case got == nil:
		t.Errorf("%s = none, want %v %s", where, *want, unit)
	default:
		if got.Value != *want || (unit != "" && string(got.Unit) != unit) {
			t.Errorf("%s = %v %s, want %v %s", where, got.Value, got.Unit, *want, unit)
		}
	}
}

func compareFindings(t *testing.T, r Result, want expectFile) {
	t.Helper()
	x := position.NewLineIndex(r.Src)
	type key struct {
		check string
		line  int
	}
	var got, exp []key
	gotText := map[key]string{}
	gotSeverity := map[key]string{}
	for _, f := range r.Findings {
		k := key{f.Check, x.Position(f.Start).Line}
		got = append(got, k)
		gotText[k] = string(r.Src[f.Start:f.End])
		gotSeverity[k] = f.Severity.String()
	}
	for _, f := range want.Finding {
		exp = append(exp, key{f.Check, f.Line})
	}
	less := func(s []key) func(i, j int) bool {
		return func(i, j int) bool {
			if s[i].line != s[j].line {
				return s[i].line < s[j].line
			}
			return s[i].check < s[j].check
		}
	}
	sort.Slice(got, less(got))
	sort.Slice(exp, less(exp))
	if fmt.Sprint(got) != fmt.Sprint(exp) {
		t.Errorf("findings (check, line) = %v, want %v", got, exp)
		for _, f := range r.Findings {
			t.Logf("  %d: %s %s: %s", x.Position(f.Start).Line, f.Severity, f.Check, f.Message)
		}
		return
	}
	for _, f := range want.Finding {
		k := key{f.Check, f.Line}
		g, w := norm(gotText[k]), norm(f.Text)
		if f.Text != "" && (g == "" || !strings.Contains(g, w) && !strings.Contains(w, g)) {
			t.Errorf("%s at line %d marks %q, want %q", f.Check, f.Line, gotText[k], f.Text)
		}
		if f.Severity != "" && gotSeverity[k] != f.Severity {
			t.Errorf("%s at line %d is %s, want %s", f.Check, f.Line, gotSeverity[k], f.Severity)
		}
	}
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestSeedLetter is the case that started the project: exactly one error,
// the rationale's "18" against the header's "12".
func TestSeedLetter(t *testing.T) {
	const seed = "../../../shared/letters/000_1fa992746e5b65d8.txt"
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("the seed letter %s is not here (it comes with the project's shared/ folder): %v", seed, err)
	}
	r := newEngine(t).CheckFile(seed)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	var errs []string
	for _, f := range r.Findings {
		if f.Severity.String() == "error" {
			errs = append(errs, f.Check)
		}
	}
	if len(errs) != 1 || errs[0] != "quantity-mismatch" {
		t.Fatalf("errors = %v, want exactly one quantity-mismatch", errs)
	}
	for _, f := range r.Findings {
		if f.Check != "quantity-mismatch" {
			continue
		}
		if got := string(r.Src[f.Start:f.End]); got != "18" {
			t.Errorf("primary span = %q, want %q", got, "18")
		}
		if len(f.Related) != 1 || string(r.Src[f.Related[0].Start:f.Related[0].End]) != "12" {
			t.Errorf("related = %+v, want the header's 12", f.Related)
		}
		x := position.NewLineIndex(r.Src)
		if l := x.Position(f.Related[0].Start).Line; l != 55 {
			t.Errorf("related line = %d, want 55 (the item header)", l)
		}
		if f.Fix == nil || f.Fix.Replacement != "12" {
			t.Errorf("fix = %+v, want replacement 12", f.Fix)
		}
	}
}
