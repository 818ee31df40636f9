package rules

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestShippedBoilerplate(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]Boilerplate{}
	for _, b := range s.Boilerplate {
		ids[b.ID] = b
	}
	how, ok := ids["how-made"]
	if !ok || how.Section != "HOW THE IMR FINAL DETERMINATION WAS MADE" {
		t.Fatalf("how-made = %+v", how)
	}
	if how.Opening() != "MAXIMUS Federal Services forwarded every document" {
		t.Errorf("opening %q", how.Opening())
	}
	if how.File != "rules/boilerplate/imr.toml" || how.Line == 0 {
		t.Errorf("place %s:%d", how.File, how.Line)
	}
	for _, id := range []string{"notice-final-binding", "notice-final-binding-narrow"} {
		if ids[id].Section != "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION" {
			t.Errorf("%s = %+v", id, ids[id])
		}
	}
}

// bpErrStrings lists the *Error values of err as "file:line: msg".
func bpErrStrings(err error) []string {
	var out []string
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		for _, e := range j.Unwrap() {
			out = append(out, bpErrStrings(e)...)
		}
		return out
	}
	if err != nil {
		out = append(out, err.Error())
	}
	return out
}

func TestLoadBoilerplateStrict(t *testing.T) {
	fsys := fstest.MapFS{
		"boilerplate/a.toml": {Data: []byte(`[[paragraph]]
id = "one"
section = "how the imr final determination was made:"
text = "The reviewer has more than five years of practice."
source = "test"

[[paragraph]]
id = "one"
section = "HOW THE IMR FINAL DETERMINATION WAS MADE"
text = "Other text."
source = "test"

[[paragraph]]
id = "two"
section = "SIGNATURE"
text = "Sincerely,"
match = "Yours"
`)},
		"boilerplate/b.toml": {Data: []byte(`[[paragraph]]
id = "three"
section = "RATIONALE"
text = "x"
source = "s"
wording = "typo key"
`)},
		"boilerplate/c.toml": {Data: []byte(`[[paragraph]]
id = "one"
section = "RATIONALE"
text = "y"
source = "s"
`)},
	}
	ps, es := loadBoilerplate(fsys, "rules")
	var got []string
	for _, e := range es {
		got = append(got, bpErrStrings(e)...)
	}
	want := []string{
		`rules/boilerplate/a.toml:8: paragraph "one": duplicate paragraph id`,
		`rules/boilerplate/a.toml:14: paragraph "two": section "SIGNATURE" is not one of`,
		`rules/boilerplate/a.toml:14: paragraph "two": match "Yours" is not the opening of the text`,
		`rules/boilerplate/a.toml:14: paragraph "two": no source`,
		`rules/boilerplate/b.toml:6: unknown key "paragraph.wording"`,
		`rules/boilerplate/c.toml:2: paragraph "one": duplicate paragraph id (also in rules/boilerplate/a.toml)`,
	}
	if len(got) != len(want) {
		t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %q, want %q...", i, got[i], want[i])
		}
	}
	if len(ps) != 1 || ps[0].ID != "one" || ps[0].Section != "HOW THE IMR FINAL DETERMINATION WAS MADE" || ps[0].Line != 2 {
		t.Errorf("loaded %+v, want the first paragraph with its section made canonical", ps)
	}
}

func TestLoadBoilerplateNone(t *testing.T) {
	ps, es := loadBoilerplate(fstest.MapFS{}, "rules")
	if len(ps) != 0 || len(es) != 0 {
		t.Errorf("no directory: %v, %v", ps, es)
	}
}

func TestOpeningAndMatch(t *testing.T) {
	b := Boilerplate{Text: "  one two\nthree  four five six seven", Match: ""}
	if b.Opening() != "one two three four five six" {
		t.Errorf("opening %q", b.Opening())
	}
	b.Match = "one  two"
	if b.Opening() != "one two" {
		t.Errorf("opening with match %q", b.Opening())
	}
	if !hasWordPrefix(b.Text, "one two three") || hasWordPrefix(b.Text, "one tw") || hasWordPrefix(b.Text, "") {
		t.Error("hasWordPrefix")
	}
}

func TestAddBoilerplate(t *testing.T) {
	s := &Set{Boilerplate: []Boilerplate{{ID: "how-made", File: "rules/boilerplate/imr.toml"}}}
	err := s.AddBoilerplate([]Boilerplate{
		{ID: "how-made", Section: "RATIONALE", Text: "x", Source: "cfg", File: ".imrlint.toml", Line: 3},
	})
	if got := fmt.Sprint(err); !strings.Contains(got, `.imrlint.toml:3: paragraph "how-made": duplicate paragraph id (also in rules/boilerplate/imr.toml)`) {
		t.Errorf("error %q", got)
	}
	if len(s.Boilerplate) != 1 {
		t.Errorf("added despite the error: %v", s.Boilerplate)
	}
	if err := s.AddBoilerplate([]Boilerplate{{ID: "local", Section: "Rationale:", Text: "x", Source: "cfg"}}); err != nil {
		t.Fatal(err)
	}
	if b := s.Boilerplate[1]; b.ID != "local" || b.Section != "RATIONALE" {
		t.Errorf("added %+v", b)
	}
}
