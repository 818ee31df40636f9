// Package rules loads imrlint's data: the vocabularies the parser reads
// letters with (treatments, body regions, decision and conclusion phrases,
// negation cues, pronouns). The data is TOML so that clinicians can correct
// it without touching code; loading is strict, so that a typo in a key is an
// error naming the file and line instead of a rule silently not applying.
package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	catalogdata "github.com/imrlint/imrlint/guidelines"
	"github.com/imrlint/imrlint/internal/phrase"
	shipped "github.com/imrlint/imrlint/rules"
)

// Treatment is one entry of vocab/treatments.toml.
type Treatment struct {
	ID       string   `toml:"id"`
	Name     string   `toml:"name"`
	Kind     string   `toml:"kind"`
	Group    string   `toml:"group"`
	Combines []string `toml:"combines"`
	Aliases  []string `toml:"aliases"`
}

// Region is one entry of vocab/body_parts.toml.
type Region struct {
	ID       string   `toml:"id"`
	Name     string   `toml:"name"`
	Group    string   `toml:"group"`
	Contains []string `toml:"contains"`
	// NerveRoots is the spine region whose nerve roots serve a limb, so
	// that an electrodiagnostic study of the limb fits that spine chapter.
	NerveRoots string   `toml:"nerve_roots"`
	Aliases    []string `toml:"aliases"`
}

type treatmentsFile struct {
	Treatment []Treatment `toml:"treatment"`
}

type bodyFile struct {
	Region []Region `toml:"region"`
	Sides  struct {
		Left      []string `toml:"left"`
		Right     []string `toml:"right"`
		Bilateral []string `toml:"bilateral"`
	} `toml:"sides"`
}

type languageFile struct {
	Decision struct {
		Upheld     []string `toml:"upheld"`
		Overturned []string `toml:"overturned"`
		Partial    []string `toml:"partial"`
	} `toml:"decision"`
	Conclusion struct {
		NotNecessary []string `toml:"not_necessary"`
		Necessary    []string `toml:"necessary"`
	} `toml:"conclusion"`
	Negation struct {
		Cues []string `toml:"cues"`
	} `toml:"negation"`
	Improvement struct {
		Phrases []string `toml:"phrases"`
	} `toml:"improvement"`
	Pronouns struct {
		Male        []string `toml:"male"`
		Female      []string `toml:"female"`
		MaleNouns   []string `toml:"male_nouns"`
		FemaleNouns []string `toml:"female_nouns"`
	} `toml:"pronouns"`
}

// Conclusion kinds, the entries of Set.Conclusions.
const (
	NotNecessary = 0
	Necessary    = 1
)

// Sides, the entries of Set.Sides.
const (
	Left      = 0
	Right     = 1
	Bilateral = 2
)

// SideNames are the names of the Side entries.
var SideNames = []string{"left", "right", "bilateral"}

// Sex entries of Set.Sex.
const (
	Male   = 0
	Female = 1
)

// Set is everything loaded, with matchers built.
type Set struct {
	Treatments  []Treatment
	Regions     []Region
	Treatment   *phrase.Matcher // entries index Treatments
	Region      *phrase.Matcher // entries index Regions
	Sides       *phrase.Matcher // Left, Right, Bilateral
	Conclusions *phrase.Matcher // NotNecessary, Necessary
	Negation    *phrase.Matcher
	Improvement *phrase.Matcher
	Pronouns    *phrase.Matcher // Male, Female
	SexNouns    *phrase.Matcher // Male, Female
	// Drugs is vocab/drugs.toml, the drugs letters name; Drug finds their
	// names and aliases, its entries indexing Drugs. Both are empty when a
	// rules directory replacing the built-in data has no drugs.toml.
	Drugs []Drug
	Drug  *phrase.Matcher
	// Words is vocab/words.toml, the word lists that are no vocabulary.
	Words Words
	// Catalog is the guideline catalog, Rules the guideline limits.
	Catalog *Catalog
	Rules   []*Rule
	// Boilerplate is the approved wording of fixed paragraphs
	// (boilerplate/*.toml).
	Boilerplate []Boilerplate
	// Files lists the files read, for messages.
	Files []string

	// derived holds what other packages make of the set once (indexes,
	// approved texts split into words), so that it lives and dies with
	// the set rather than in package-level caches that keep every set a
	// long-running process ever loaded. A set must not change once it has
	// been used to check letters.
	derived sync.Map
	// drugIndex maps a drug id to its index in Drugs.
	drugIndex map[string]int
}

// Derived returns the value stored under key, made by build the first
// time it is asked for. Several goroutines may ask at once; build may then
// run more than once, but all callers get the one value stored.
func (s *Set) Derived(key any, build func() any) any {
	if v, ok := s.derived.Load(key); ok {
		return v
	}
	v, _ := s.derived.LoadOrStore(key, build())
	return v
}

// RegionByID returns the region with that id.
func (s *Set) RegionByID(id string) (Region, bool) {
	for _, r := range s.Regions {
		if r.ID == id {
			return r, true
		}
	}
	return Region{}, false
}

// TreatmentByID returns the treatment with that id.
func (s *Set) TreatmentByID(id string) (Treatment, bool) {
	for _, t := range s.Treatments {
		if t.ID == id {
			return t, true
		}
	}
	return Treatment{}, false
}

// Default loads the embedded data.
func Default() (*Set, error) { return Load(shipped.FS, catalogdata.FS) }

// DefaultRulesFS and DefaultCatalogFS are the embedded data, for callers
// that replace only one of them.
var (
	DefaultRulesFS   fs.FS = shipped.FS
	DefaultCatalogFS fs.FS = catalogdata.FS
)

// Error is a problem in a rule file, with its place.
type Error struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads vocab/*.toml, limits/*.toml and boilerplate/*.toml from fsys
// and the catalog's *.toml from catalog. Every problem found is returned,
// joined, each naming its file and line.
func Load(fsys, catalog fs.FS) (*Set, error) {
	s := &Set{}
	// The catalog and limits decode while the vocabularies are read; they
	// are validated against them afterwards.
	catalogFiles := decodeGlob[catalogFile](catalog, "*.toml")
	limitFiles := decodeGlob[limitsFile](fsys, "limits/*.toml")
	drugs := startDrugs(fsys)
	var errs []error
	var tf treatmentsFile
	var bf bodyFile
	var lf languageFile
	for _, f := range []struct {
		name string
		v    any
	}{
		{"vocab/treatments.toml", &tf},
		{"vocab/body_parts.toml", &bf},
		{"vocab/language.toml", &lf},
	} {
		if err := decodeStrict(fsys, f.name, f.v); err != nil {
			errs = append(errs, err)
			continue
		}
		s.Files = append(s.Files, f.name)
	}
	if len(errs) > 0 {
		return nil, prefix(label(fsys, "rules")+"/", errors.Join(append(errs, drugs().faults()...)...))
	}
	s.Treatments = tf.Treatment
	s.Regions = bf.Region
	errs = append(errs, checkEntries("vocab/treatments.toml", fsys, len(tf.Treatment), func(i int) (string, string, []string) {
		return tf.Treatment[i].ID, tf.Treatment[i].Name, tf.Treatment[i].Aliases
	})...)
	errs = append(errs, checkEntries("vocab/body_parts.toml", fsys, len(bf.Region), func(i int) (string, string, []string) {
		return bf.Region[i].ID, bf.Region[i].Name, bf.Region[i].Aliases
	})...)
	for _, r := range bf.Region {
		if r.NerveRoots != "" {
			if _, ok := s.RegionByID(r.NerveRoots); !ok {
				errs = append(errs, &Error{File: "vocab/body_parts.toml", Line: findLine(fsys, "vocab/body_parts.toml", r.NerveRoots), Msg: fmt.Sprintf("region %q: nerve_roots names unknown region %q", r.ID, r.NerveRoots)})
			}
		}
		for _, c := range r.Contains {
			if _, ok := s.RegionByID(c); !ok {
				errs = append(errs, &Error{File: "vocab/body_parts.toml", Line: findLine(fsys, "vocab/body_parts.toml", c), Msg: fmt.Sprintf("region %q contains unknown region %q", r.ID, c)})
			}
		}
	}
	if len(errs) > 0 {
		return nil, prefix(label(fsys, "rules")+"/", errors.Join(append(errs, drugs().faults()...)...))
	}
	s.Treatment = &phrase.Matcher{}
	for i, t := range tf.Treatment {
		s.Treatment.Add(t.Name, i)
		for _, a := range t.Aliases {
			s.Treatment.Add(a, i)
		}
	}
	s.Region = &phrase.Matcher{}
	for i, r := range bf.Region {
		s.Region.Add(r.Name, i)
		for _, a := range r.Aliases {
			s.Region.Add(a, i)
		}
	}
	s.Sides = build(bf.Sides.Left, bf.Sides.Right, bf.Sides.Bilateral)
	s.Conclusions = build(lf.Conclusion.NotNecessary, lf.Conclusion.Necessary)
	s.Negation = build(lf.Negation.Cues)
	s.Improvement = build(lf.Improvement.Phrases)
	s.Pronouns = build(lf.Pronouns.Male, lf.Pronouns.Female)
	s.SexNouns = build(lf.Pronouns.MaleNouns, lf.Pronouns.FemaleNouns)

	errs = append(errs, s.loadWords(fsys)...)
	c, cerrs := loadCatalog(catalog, label(catalog, "guidelines"), s, catalogFiles)
	errs = append(errs, cerrs...)
	if c != nil {
		s.Catalog = c
		rs, rerrs := loadLimits(fsys, label(fsys, "rules"), s, c, limitFiles)
		errs = append(errs, rerrs...)
		s.Rules = rs
	}
	bp, berrs := loadBoilerplate(fsys, label(fsys, "rules"))
	errs = append(errs, berrs...)
	s.Boilerplate = bp
	// The drugs are waited for last: nothing else needs them.
	dv := drugs()
	if f := dv.faults(); len(f) > 0 {
		errs = append(errs, unjoin(prefix(label(fsys, "rules")+"/", errors.Join(f...)))...)
	}
	if dv.present {
		s.Files = append(s.Files, drugsName)
	}
	s.Drugs, s.Drug, s.drugIndex = dv.drugs, dv.matcher, dv.index
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

func build(lists ...[]string) *phrase.Matcher {
	m := &phrase.Matcher{}
	for i, l := range lists {
		for _, p := range l {
			m.Add(p, i)
		}
	}
	return m
}

func checkEntries(file string, fsys fs.FS, n int, get func(int) (id, name string, aliases []string)) []error {
	var errs []error
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		id, name, aliases := get(i)
		switch {
		case id == "":
			errs = append(errs, &Error{File: file, Line: nthTableLine(fsys, file, i), Msg: "entry without an id"})
		case seen[id]:
			errs = append(errs, &Error{File: file, Line: findLine(fsys, file, id), Msg: fmt.Sprintf("duplicate id %q", id)})
		}
		seen[id] = true
		if name == "" && len(aliases) == 0 {
			errs = append(errs, &Error{File: file, Line: nthTableLine(fsys, file, i), Msg: fmt.Sprintf("entry %q has neither name nor aliases", id)})
		}
	}
	return errs
}

var lineRE = regexp.MustCompile(`line (\d+)`)

// decodeStrict decodes one TOML file into v and rejects keys v has no
// field for.
func decodeStrict(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return &Error{File: name, Msg: "cannot read: " + unwrapPathErr(err)}
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{File: name, Line: pe.Position.Line, Msg: firstLine(pe.Message)}
		}
		line := 0
		if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
			fmt.Sscan(m[1], &line)
		}
		return &Error{File: name, Line: line, Msg: strings.TrimPrefix(lineRE.ReplaceAllString(err.Error(), ""), "toml: ")}
	}
	if und := md.Undecoded(); len(und) > 0 {
		var errs []error
		sort.Slice(und, func(i, j int) bool { return und[i].String() < und[j].String() })
		for _, k := range und {
			last := k[len(k)-1]
			errs = append(errs, &Error{File: name, Line: keyLine(data, last), Msg: fmt.Sprintf("unknown key %q", k.String())})
		}
		return errors.Join(errs...)
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func unwrapPathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// keyLine finds the first line defining key (as "key =" or "[...key]").
func keyLine(data []byte, key string) int {
	q := regexp.QuoteMeta(key)
	re := regexp.MustCompile(`^\s*(("?` + q + `"?\s*=)|\[\[?\s*([\w."-]+\.)?"?` + q + `"?\s*\]\]?)`)
	for i, l := range strings.Split(string(data), "\n") {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}

// findLine finds the first line mentioning the quoted value v.
func findLine(fsys fs.FS, name, v string) int {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0
	}
	needle := `"` + v + `"`
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, needle) {
			return i + 1
		}
	}
	return 0
}

// nthTableLine finds the line of the n-th (0-based) array-of-tables header.
func nthTableLine(fsys fs.FS, name string, n int) int {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0
	}
	k := 0
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "[[") {
			if k == n {
				return i + 1
			}
			k++
		}
	}
	return 0
}

// label names a data directory in messages: the directory it was opened
// on when the file system says (a --rules DIR), else the default name.
func label(fsys fs.FS, def string) string {
	if d, ok := fsys.(interface{ Dir() string }); ok {
		return strings.TrimSuffix(d.Dir(), "/")
	}
	return def
}

// Base returns the file name for messages.
func Base(p string) string { return path.Base(p) }
