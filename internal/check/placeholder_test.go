package check

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/placeholder"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

var (
	phRulesOnce sync.Once
	phRules     *rules.Set
	phRulesErr  error
)

// phSet loads the shipped rules once for the tests of this file's checks.
func phSet(t testing.TB) *rules.Set {
	t.Helper()
	phRulesOnce.Do(func() { phRules, phRulesErr = rules.Default() })
	if phRulesErr != nil {
		t.Fatal(phRulesErr)
	}
	return phRules
}

// phRun runs one check over src and returns its findings with the text
// each marks.
func phRun(t testing.TB, c *Check, src string, opts *Options) ([]finding.Finding, []string) {
	t.Helper()
	set := phSet(t)
	l := letter.Parse(text.New([]byte(src)), set)
	if l.Layout == letter.LayoutUnknown {
		t.Fatalf("test letter not read as a letter:\n%s", src)
	}
	fs := Run(l, set, []*Check{c}, opts)
	var marked []string
	for _, f := range fs {
		marked = append(marked, src[f.Start:f.End])
	}
	return fs, marked
}

// phLetter wraps an issues section in the headings of a 2014 letter.
func phLetter(issues string) string {
	return `HOW THE IMR FINAL DETERMINATION WAS MADE
The reviewer was chosen for this case.

CLINICAL CASE SUMMARY
This 47 year old female worker has wrist pain.

IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:

` + issues
}

func TestPlaceholderCheck(t *testing.T) {
	src := phLetter(`Massage therapy: {{quantity}} sessions (right wrist/hand): Upheld
Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.

Decision rationale: The injury of XX/XX/XXXX is old, Chapter XX applies. The request for
12 sessions of massage therapy for the right [[BODY_
PART]] is not medically necessary. Signed ________ on [Insert date].
`)
	fs, marked := phRun(t, Placeholder, src, nil)
	want := []string{"{{quantity}}", "XX/XX/XXXX", "[[BODY_\nPART]]", "________", "[Insert date]"}
	if fmt.Sprintf("%q", marked) != fmt.Sprintf("%q", want) {
		t.Fatalf("marked %q, want %q", marked, want)
	}
	for _, f := range fs {
		if f.Severity != finding.Error || f.Fix != nil {
			t.Errorf("%s: severity %s, fix %v; want error without fix", f.Message, f.Severity, f.Fix)
		}
	}
	if m := fs[0].Message; !strings.Contains(m, `"quantity"`) || !strings.Contains(m, "mustache") {
		t.Errorf("message %q names neither the field nor the syntax", m)
	}
	if m := fs[2].Message; !strings.Contains(m, `"BODY_ PART"`) || !strings.Contains(m, "double-bracket") {
		t.Errorf("message %q", m)
	}

	// Only the configured syntaxes.
	ss, err := placeholder.Compile([]string{"mustache"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := &Options{}
	for i := range ss {
		opts.Placeholders = append(opts.Placeholders, &ss[i])
	}
	if _, marked := phRun(t, Placeholder, src, opts); fmt.Sprint(marked) != "[{{quantity}}]" {
		t.Errorf("with mustache only: marked %q", marked)
	}

	// Templates are not checked for leftovers.
	if fs, _ := phRun(t, Placeholder, src, &Options{Template: true}); len(fs) != 0 {
		t.Errorf("ran on a template: %v", fs)
	}
}

// TestTemplateChecksDocumented: the new checks explain themselves with
// examples, as `imrlint explain` requires.
func TestTemplateChecksDocumented(t *testing.T) {
	for _, c := range []*Check{Placeholder, HardcodedValue, PlaceholderConsistency, BoilerplateDrift} {
		if !strings.Contains(c.Doc, "Triggers:") || !strings.Contains(c.Doc, "Does not trigger:") {
			t.Errorf("%s: Doc lacks Triggers:/Does not trigger:", c.Name)
		}
		if ByName(c.Name) != c {
			t.Errorf("%s is not in All", c.Name)
		}
	}
	if Placeholder.Scope != Letters || HardcodedValue.Scope != Templates || PlaceholderConsistency.Scope != Templates || BoilerplateDrift.Scope != Both {
		t.Error("scopes changed")
	}
}
