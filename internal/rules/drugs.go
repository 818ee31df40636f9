package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/imrlint/imrlint/internal/phrase"
)

// Drug is one entry of vocab/drugs.toml.
type Drug struct {
	ID    string `toml:"id"`
	Name  string `toml:"name"`
	Class string `toml:"class"`
	// Combines names the entries a product of several drugs is made of
	// (Norco: hydrocodone, acetaminophen).
	Combines []string `toml:"combines"`
	Aliases  []string `toml:"aliases"`
}

// DrugClasses are the values of Drug.Class.
var DrugClasses = []string{
	"opioid", "opioid-antagonist", "nsaid", "analgesic", "muscle-relaxant",
	"anticonvulsant", "antidepressant", "antipsychotic", "anxiolytic",
	"antihistamine", "sedative-hypnotic", "benzodiazepine", "barbiturate",
	"ppi", "h2-blocker", "gi-protectant", "antiemetic", "laxative", "triptan",
	"topical-analgesic", "corticosteroid", "stimulant", "pde5-inhibitor",
	"hormone", "anticoagulant", "antibiotic", "cardiovascular", "diabetes",
	"medical-food", "supplement", "other",
}

type drugsFile struct {
	Drug []Drug `toml:"drug"`
}

// drugsName is the drug vocabulary's file. It is optional: a rules
// directory that replaces the built-in data without one has no drugs.
const drugsName = "vocab/drugs.toml"

// DrugByID returns the drug with that id.
func (s *Set) DrugByID(id string) (Drug, bool) {
	if s.drugIndex != nil {
		if i, ok := s.drugIndex[id]; ok {
			return s.Drugs[i], true
		}
		return Drug{}, false
	}
	for _, d := range s.Drugs {
		if d.ID == id {
			return d, true
		}
	}
	return Drug{}, false
}

// drugVocab is vocab/drugs.toml loaded: decoded, checked and matched.
type drugVocab struct {
	present bool // the file is there
	drugs   []Drug
	matcher *phrase.Matcher
	index   map[string]int
	// decodeErr is the file's TOML or unknown-key error; errs the faults
	// of its entries.
	decodeErr error
	errs      []error
}

// startDrugs starts loading the drug vocabulary of fsys and returns a
// function that waits for it. The vocabulary needs nothing else loaded and
// nothing else needs it, so decoding it, the largest vocabulary, and
// building its matcher run beside the rest of Load. A missing file is no
// drugs.
func startDrugs(fsys fs.FS) func() drugVocab {
	done := make(chan drugVocab, 1)
	go func() {
		var v drugVocab
		if _, err := fs.Stat(fsys, drugsName); errors.Is(err, fs.ErrNotExist) {
			v.matcher = &phrase.Matcher{}
			done <- v
			return
		}
		v.present = true
		var df drugsFile
		if v.decodeErr = decodeStrict(fsys, drugsName, &df); v.decodeErr == nil {
			v.drugs = df.Drug
			v.matcher, v.index, v.errs = loadDrugs(fsys, df.Drug)
		}
		done <- v
	}()
	return sync.OnceValue(func() drugVocab { return <-done })
}

// faults returns the vocabulary's errors.
func (v drugVocab) faults() []error {
	if v.decodeErr != nil {
		return []error{v.decodeErr}
	}
	return v.errs
}

// loadDrugs validates the decoded drug vocabulary and builds its matcher
// and index.
func loadDrugs(fsys fs.FS, drugs []Drug) (*phrase.Matcher, map[string]int, []error) {
	errs := checkEntries(drugsName, fsys, len(drugs), func(i int) (string, string, []string) {
		return drugs[i].ID, drugs[i].Name, drugs[i].Aliases
	})
	// The file's lines, and the line index of each [[drug]] header, are
	// read for messages only, on the first fault.
	var lines []string
	var headers []int
	// at finds the line of the quoted value v in entry i, not in an
	// earlier entry that has it too.
	at := func(i int, v string) int {
		if lines == nil {
			data, _ := fs.ReadFile(fsys, drugsName)
			lines = strings.Split(string(data), "\n")
			for k, l := range lines {
				if strings.HasPrefix(strings.TrimSpace(l), "[[") {
					headers = append(headers, k)
				}
			}
		}
		from, to := 0, len(lines)
		if i < len(headers) {
			from = headers[i]
		}
		if i+1 < len(headers) {
			to = headers[i+1]
		}
		needle := `"` + v + `"`
		for k := from; k < to; k++ {
			if strings.Contains(lines[k], needle) {
				return k + 1
			}
		}
		return from + 1
	}
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &Error{File: drugsName, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	classes := make(map[string]bool, len(DrugClasses))
	for _, c := range DrugClasses {
		classes[c] = true
	}
	index := make(map[string]int, len(drugs))
	for i, d := range drugs {
		if _, dup := index[d.ID]; !dup && d.ID != "" {
			index[d.ID] = i
		}
	}
	// owner maps an alias, as the matcher sees it, to the entry that has it.
	type owned struct {
		entry  int
		as     string
		isName bool
	}
	owner := make(map[string]owned, 8*len(drugs))
	m := &phrase.Matcher{}
	for i, d := range drugs {
		switch {
		case d.Class == "":
			bad(at(i, d.ID), "drug %q has no class", d.ID)
		case !classes[d.Class]:
			bad(at(i, d.Class), "drug %q: class %q is not one of %s", d.ID, d.Class, strings.Join(DrugClasses, ", "))
		}
		for _, c := range d.Combines {
			if c == d.ID {
				bad(at(i, c), "drug %q combines itself", d.ID)
			} else if _, ok := index[c]; !ok {
				bad(at(i, c), "drug %q combines unknown drug %q", d.ID, c)
			}
		}
		// The name is matched too, and comes first (k = -1): it may also
		// be one of the aliases.
		for k := -1; k < len(d.Aliases); k++ {
			p, what := d.Name, "name"
			if k >= 0 {
				p, what = d.Aliases[k], "alias"
			} else if p == "" {
				continue
			}
			key := matchKey(p)
			if key == "" {
				bad(at(i, p), "drug %q: %s %q has no words", d.ID, what, p)
				continue
			}
			if o, seen := owner[key]; seen {
				switch {
				case o.entry != i:
					bad(at(i, p), "drug %q: %s %q is also drug %q's %q (line %d); an alias may be in one entry only", d.ID, what, p, drugs[o.entry].ID, o.as, at(o.entry, o.as))
				case !o.isName:
					bad(at(i, p), "drug %q: alias %q repeats %q", d.ID, p, o.as)
				}
				continue
			}
			owner[key] = owned{i, p, k < 0}
			m.Add(p, i)
		}
	}
	return m, index, errs
}

// matchKey is an alias as the matcher compares it: its words, lower-cased.
func matchKey(p string) string {
	toks := phrase.Tokenize(p)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
