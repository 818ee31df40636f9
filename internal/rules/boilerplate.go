package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Boilerplate is one approved paragraph of rules/boilerplate/*.toml: the
// fixed wording a letter carries under a section heading, such as the
// paragraph under "HOW THE IMR FINAL DETERMINATION WAS MADE". The
// boilerplate-drift check compares letters and templates with it.
type Boilerplate struct {
	ID string `toml:"id"`
	// Section is the heading the paragraph sits under, one of
	// BoilerplateSections (case does not matter).
	Section string `toml:"section"`
	// Text is the approved wording. White space and line wrapping do not
	// count.
	Text string `toml:"text"`
	// Match is the opening a paragraph must start with to be held to this
	// one; empty means the first MatchWords words of Text. A paragraph of
	// the section with another opening is other wording, not drift.
	Match  string `toml:"match"`
	Source string `toml:"source"`

	File string `toml:"-"`
	Line int    `toml:"-"`
}

// MatchWords is the number of opening words of Text that select the
// paragraphs compared with it when Match is not set.
const MatchWords = 6

// BoilerplateSections are the headings an approved paragraph can sit under:
// the canonical section names of the letter parser (internal/letter).
var BoilerplateSections = []string{
	"HOW THE IMR FINAL DETERMINATION WAS MADE",
	"CLINICAL CASE SUMMARY",
	"IMR ISSUES, DECISIONS AND RATIONALES",
	"NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION",
	"DOCUMENTS REVIEWED",
	"RATIONALE",
}

// Opening returns the words a paragraph must start with to be compared
// with b: Match, or the first MatchWords words of Text, white space folded.
func (b *Boilerplate) Opening() string {
	if m := strings.Fields(b.Match); len(m) > 0 {
		return strings.Join(m, " ")
	}
	w := strings.Fields(b.Text)
	if len(w) > MatchWords {
		w = w[:MatchWords]
	}
	return strings.Join(w, " ")
}

type boilerplateFile struct {
	Paragraph []Boilerplate `toml:"paragraph"`
}

// loadBoilerplate reads boilerplate/*.toml of fsys. dir names fsys in
// messages.
func loadBoilerplate(fsys fs.FS, dir string) ([]Boilerplate, []error) {
	files, err := fs.Glob(fsys, "boilerplate/*.toml")
	if err != nil {
		return nil, []error{err}
	}
	sort.Strings(files)
	var out []Boilerplate
	var errs []error
	seen := map[string]string{} // id -> file
	for _, name := range files {
		var bf boilerplateFile
		if err := decodeStrict(fsys, name, &bf); err != nil {
			errs = append(errs, prefix(dir+"/", err))
			continue
		}
		data, _ := fs.ReadFile(fsys, name)
		lines := newSourceLines(data)
		file := path.Join(dir, name)
		for i := range bf.Paragraph {
			p := bf.Paragraph[i]
			p.File = file
			p.Line = paragraphLine(lines, i)
			if es := validateBoilerplate(&p, seen); len(es) > 0 {
				errs = append(errs, es...)
				continue
			}
			out = append(out, p)
		}
	}
	return out, errs
}

// paragraphLine is the line of the id of the i-th [[paragraph]] table, or
// of its header when it has no id.
func paragraphLine(lines *sourceLines, i int) int {
	at := lines.table("paragraph", i)
	if at == 0 {
		return 0
	}
	return lines.idAfter(at)
}

// validateBoilerplate checks one paragraph, records its id in seen (id ->
// file) and puts its section in canonical form. A paragraph with an error
// is not to be used.
func validateBoilerplate(p *Boilerplate, seen map[string]string) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, &Error{File: p.File, Line: p.Line, Msg: fmt.Sprintf("paragraph %q: ", p.ID) + fmt.Sprintf(format, args...)})
	}
	if p.ID == "" {
		bad("paragraph without an id")
		return errs
	}
	if f, ok := seen[p.ID]; ok {
		if f == p.File {
			bad("duplicate paragraph id")
		} else {
			bad("duplicate paragraph id (also in %s)", f)
		}
		return errs
	}
	seen[p.ID] = p.File
	if strings.TrimSpace(p.Text) == "" {
		bad("no text")
	}
	if canon, ok := boilerplateSection(p.Section); ok {
		p.Section = canon
	} else {
		bad("section %q is not one of %s", p.Section, strings.Join(BoilerplateSections, "; "))
	}
	if p.Match != "" && !hasWordPrefix(p.Text, p.Match) {
		bad("match %q is not the opening of the text", p.Match)
	}
	if p.Source == "" {
		bad("no source")
	}
	return errs
}

// AddBoilerplate adds approved paragraphs from elsewhere (a configuration
// file) after checking them as the loader does: File and Line of each
// name its place in messages. Ids must differ from those already loaded.
// Nothing is added when any paragraph is wrong.
func (s *Set) AddBoilerplate(ps []Boilerplate) error {
	seen := map[string]string{}
	for _, b := range s.Boilerplate {
		seen[b.ID] = b.File
	}
	var errs []error
	var add []Boilerplate
	for _, p := range ps {
		errs = append(errs, validateBoilerplate(&p, seen)...)
		add = append(add, p)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	s.Boilerplate = append(s.Boilerplate, add...)
	return nil
}

// boilerplateSection finds the canonical name of a section heading.
func boilerplateSection(s string) (string, bool) {
	s = strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimSpace(s), ":")), " ")
	for _, c := range BoilerplateSections {
		if strings.EqualFold(s, c) {
			return c, true
		}
	}
	return "", false
}

// hasWordPrefix reports whether the words of prefix open text.
func hasWordPrefix(text, prefix string) bool {
	t, p := strings.Fields(text), strings.Fields(prefix)
	if len(p) == 0 || len(p) > len(t) {
		return false
	}
	for i := range p {
		if t[i] != p[i] {
			return false
		}
	}
	return true
}
