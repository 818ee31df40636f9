package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	. "github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/rules"
)

const templateDir = "../../testdata/templates"

// templateFields reads testdata/templates/fields.list.
func templateFields(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(templateDir, "fields.list"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func templateEngine(t *testing.T, fields []string) *Engine {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{
		Rules:   set,
		Checks:  check.All,
		Options: check.Options{Fields: fields},
		IsTemplate: func(path string) bool {
			return strings.Contains(filepath.ToSlash(path), "testdata/templates/")
		},
	}
}

type lineFinding struct {
	check string
	line  int
	text  string
}

func templateFindings(t *testing.T, e *Engine, name string) (Result, []lineFinding) {
	t.Helper()
	r := e.CheckFile(filepath.Join(templateDir, name))
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if !r.Template {
		t.Fatalf("%s was not checked as a template", name)
	}
	x := position.NewLineIndex(r.Src)
	var out []lineFinding
	for _, f := range r.Findings {
		out = append(out, lineFinding{f.Check, x.Position(f.Start).Line, string(r.Src[f.Start:f.End])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].line < out[j].line })
	return r, out
}

// TestTemplates: the clean template has no finding, the faulty one exactly
// its three seeded faults.
func TestTemplates(t *testing.T) {
	e := templateEngine(t, templateFields(t))
	_, got := templateFindings(t, e, "clean-template.txt")
	if len(got) != 0 {
		t.Errorf("clean-template.txt: findings %v, want none", got)
	}
	r, got := templateFindings(t, e, "faulty-template.txt")
	want := []lineFinding{
		{"boilerplate-drift", 10, "three"},
		{"placeholder-consistency", 19, "{{specialty}}"},
		{"hardcoded-value", 35, "18"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("faulty-template.txt: findings\n got %v\nwant %v", got, want)
		for _, f := range r.Findings {
			t.Logf("  %s: %s", f.Check, f.Message)
		}
	}
	for _, f := range r.Findings {
		switch f.Check {
		case "hardcoded-value":
			if f.Fix == nil || f.Fix.Replacement != "{{quantity}}" {
				t.Errorf("hardcoded-value fix = %+v, want {{quantity}}", f.Fix)
			}
			if len(f.Related) != 1 || string(r.Src[f.Related[0].Start:f.Related[0].End]) != "{{quantity}}" {
				t.Errorf("hardcoded-value related = %+v, want the header's {{quantity}}", f.Related)
			}
		case "boilerplate-drift":
			if !strings.Contains(f.Message, "1 word differs from approved boilerplate how-made: -'five' +'three'") {
				t.Errorf("boilerplate-drift message = %q", f.Message)
			}
		case "placeholder-consistency":
			if !strings.Contains(f.Message, `unknown field "specialty"`) {
				t.Errorf("placeholder-consistency message = %q", f.Message)
			}
		}
	}
}

// TestTemplatesWithoutFieldList: with no configured fields an unknown field
// is not a fault, the other two are.
func TestTemplatesWithoutFieldList(t *testing.T) {
	_, got := templateFindings(t, templateEngine(t, nil), "faulty-template.txt")
	var checks []string
	for _, f := range got {
		checks = append(checks, f.check)
	}
	if fmt.Sprint(checks) != "[boilerplate-drift hardcoded-value]" {
		t.Errorf("checks = %v, want boilerplate-drift and hardcoded-value", checks)
	}
}

// TestTemplateAsLetter: checked as a letter, a template is all leftover
// fields, and the template checks do not run.
func TestTemplateAsLetter(t *testing.T) {
	e := templateEngine(t, nil)
	e.IsTemplate = nil
	r := e.CheckFile(filepath.Join(templateDir, "clean-template.txt"))
	n := 0
	for _, f := range r.Findings {
		switch f.Check {
		case "placeholder":
			n++
		case "hardcoded-value", "placeholder-consistency":
			t.Errorf("template check %s ran on a letter", f.Check)
		}
	}
	if n < 20 {
		t.Errorf("%d placeholder findings, want one per field (at least 20)", n)
	}
}
