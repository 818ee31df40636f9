package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/phrase"
)

// Confidence values of catalog and rule facts. A finding that rests on an
// unconfirmed fact is at most a warning.
const (
	Confirmed   = "confirmed"
	Unconfirmed = "unconfirmed"
)

// Series of guidelines.
const (
	SeriesMTUS     = "mtus"
	SeriesACOEM    = "acoem-2004"
	SeriesMTUS2017 = "mtus-2017"
	SeriesODG      = "odg"
)

// Events whose date decides which edition applies. The MTUS changed on a
// day, but each change names what the day is compared with: the July 2016
// update applies to requests for treatment made on or after 29 July 2016,
// the ACOEM-based MTUS of December 2017 to services rendered on or after
// 1 December 2017. An edition date without an event is compared with the
// letter's decision date.
const (
	EventDecision = "decision"
	EventRequest  = "request"
	EventService  = "service"
)

var validEvents = map[string]bool{"": true, EventDecision: true, EventRequest: true, EventService: true}

// Edition is one edition of a guideline, with the dates it was in force.
type Edition struct {
	Year       int       `toml:"year"`
	Effective  time.Time `toml:"effective"`
	Superseded time.Time `toml:"superseded"`
	// EffectiveFor and SupersededFor name the event whose date is compared
	// with Effective and Superseded (EventRequest, EventService); empty is
	// EventDecision.
	EffectiveFor  string `toml:"effective_for"`
	SupersededFor string `toml:"superseded_for"`
	Pages         []int  `toml:"pages"`
	Source        string `toml:"source"`
	Confidence    string `toml:"confidence"`
}

// InForce reports whether the edition was in force on day d.
func (e Edition) InForce(d time.Time) bool {
	if !e.Effective.IsZero() && day(d).Before(day(e.Effective)) {
		return false
	}
	if !e.Superseded.IsZero() && !day(d).Before(day(e.Superseded)) {
		return false
	}
	return true
}

// EffectiveEvent and SupersededEvent are the events the edition's dates
// are compared with.
func (e Edition) EffectiveEvent() string { return eventOr(e.EffectiveFor) }

// SupersededEvent: see EffectiveEvent.
func (e Edition) SupersededEvent() string { return eventOr(e.SupersededFor) }

func eventOr(ev string) string {
	if ev == "" {
		return EventDecision
	}
	return ev
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// Section is a cited part of a guideline.
type Section struct {
	ID         string   `toml:"id"`
	Title      string   `toml:"title"`
	Aliases    []string `toml:"aliases"`
	Pages      []int    `toml:"pages"`
	Treatments []string `toml:"treatments"`
	Source     string   `toml:"source"`
	Confidence string   `toml:"confidence"`
}

// Guideline is one entry of the catalog.
type Guideline struct {
	ID         string    `toml:"id"`
	Title      string    `toml:"title"`
	Series     string    `toml:"series"`
	Names      []string  `toml:"names"`
	Chapter    int       `toml:"chapter"`
	Regions    []string  `toml:"regions"`
	Source     string    `toml:"source"`
	Confidence string    `toml:"confidence"`
	Editions   []Edition `toml:"edition"`
	Sections   []Section `toml:"section"`

	// File is the catalog file the entry came from.
	File string `toml:"-"`
	// SectionMatcher finds the guideline's section titles and aliases;
	// entries index Sections.
	SectionMatcher *phrase.Matcher `toml:"-"`
}

// Edition returns the edition of that year.
func (g *Guideline) Edition(year int) (Edition, bool) {
	for _, e := range g.Editions {
		if e.Year == year {
			return e, true
		}
	}
	return Edition{}, false
}

// Section returns the section with that id.
func (g *Guideline) Section(id string) (*Section, bool) {
	for i := range g.Sections {
		if g.Sections[i].ID == id {
			return &g.Sections[i], true
		}
	}
	return nil, false
}

// Catalog is every guideline letters cite.
type Catalog struct {
	Guidelines []*Guideline
	byID       map[string]*Guideline
	// MTUSNames and ODGNames find guideline names in text; entries index
	// Guidelines. They are separate because ODG chapter names ("Low Back",
	// "Pain") are also words of MTUS titles.
	MTUSNames *phrase.Matcher
	ODGNames  *phrase.Matcher
	// sameName holds, for a name more than one guideline carries (each
	// with editions of its own years: "Elbow Disorders" is the 2007
	// revision of ACOEM chapter 10 and the ACOEM-based guideline of 2013),
	// every guideline with that name, the one the matchers give first.
	sameName map[string][]int
}

// SameName returns the guidelines that carry the name n (as a matcher
// found it in a letter), when more than one does; the first is the one the
// name matchers give. A citation's year tells them apart.
func (c *Catalog) SameName(n string) []*Guideline {
	ks := c.sameName[NormName(n)]
	if len(ks) == 0 {
		return nil
	}
	out := make([]*Guideline, len(ks))
	for i, k := range ks {
		out[i] = c.Guidelines[k]
	}
	return out
}

// NormName is a name or title as the matchers compare it: its words,
// lower-cased, one space apart ("Manual therapy & manipulation" is
// "manual therapy & manipulation"; commas, parentheses and case do not
// count).
func NormName(s string) string {
	var b strings.Builder
	for i, t := range phrase.Tokenize(s) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// Guideline returns the guideline with that id.
func (c *Catalog) Guideline(id string) (*Guideline, bool) {
	g, ok := c.byID[id]
	return g, ok
}

// ByChapter returns the ACOEM chapter with that number.
func (c *Catalog) ByChapter(n int) (*Guideline, bool) {
	for _, g := range c.Guidelines {
		if g.Series == SeriesACOEM && g.Chapter == n {
			return g, true
		}
	}
	return nil, false
}

type catalogFile struct {
	Guideline []Guideline `toml:"guideline"`
}

var validSeries = map[string]bool{SeriesMTUS: true, SeriesACOEM: true, SeriesMTUS2017: true, SeriesODG: true}

// loadCatalog reads every *.toml of fsys.
func loadCatalog(fsys fs.FS, dir string, v *Set, pending func() ([]string, []decoded[catalogFile], error)) (*Catalog, []error) {
	c := &Catalog{byID: map[string]*Guideline{}, MTUSNames: &phrase.Matcher{}, ODGNames: &phrase.Matcher{}, sameName: map[string][]int{}}
	files, dec, err := pending()
	if err != nil {
		return nil, []error{err}
	}
	var errs []error
	var loaded []loadedAt
	for k, name := range files {
		cf := dec[k].v
		if err := dec[k].err; err != nil {
			errs = append(errs, prefix(dir+"/", err))
			continue
		}
		data, _ := fs.ReadFile(fsys, name)
		lines := newSourceLines(data)
		file := path.Join(dir, name)
		for i := range cf.Guideline {
			g := cf.Guideline[i]
			g.File = file
			at := lines.value
			bad := func(line int, format string, args ...any) {
				errs = append(errs, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
			}
			if g.ID == "" {
				bad(lines.table("guideline", i), "guideline without an id")
				continue
			}
			if _, dup := c.byID[g.ID]; dup {
				bad(at(g.ID), "duplicate guideline id %q", g.ID)
				continue
			}
			if !validSeries[g.Series] {
				bad(at(g.ID), "guideline %q: series %q is not one of mtus, acoem-2004, mtus-2017, odg", g.ID, g.Series)
			}
			if len(g.Names) == 0 {
				bad(at(g.ID), "guideline %q has no names", g.ID)
			}
			checkConfidence(g.Confidence, func(m string) { bad(at(g.ID), "guideline %q: %s", g.ID, m) })
			for _, r := range g.Regions {
				if _, ok := v.RegionByID(r); !ok {
					bad(at(r), "guideline %q: unknown region %q (see rules/vocab/body_parts.toml)", g.ID, r)
				}
			}
			for _, e := range g.Editions {
				if !e.Effective.IsZero() && !e.Superseded.IsZero() && !e.Superseded.After(e.Effective) {
					bad(at(g.ID), "guideline %q edition %d: superseded %s is not after effective %s", g.ID, e.Year, e.Superseded.Format("2006-01-02"), e.Effective.Format("2006-01-02"))
				}
				if err := checkRange(e.Pages); err != "" {
					bad(at(g.ID), "guideline %q edition %d: pages %s", g.ID, e.Year, err)
				}
				checkConfidence(e.Confidence, func(m string) { bad(at(g.ID), "guideline %q edition %d: %s", g.ID, e.Year, m) })
				for _, ev := range []string{e.EffectiveFor, e.SupersededFor} {
					if !validEvents[ev] {
						bad(at(g.ID), "guideline %q edition %d: event %q is not one of decision, request, service", g.ID, e.Year, ev)
					}
				}
			}
			seen := map[string]bool{}
			// aliasOf is the section each title and alias (as matched)
			// belongs to: two sections with one alias would make the
			// matcher read every citation of it as the first.
			aliasOf := map[string]string{}
			g.SectionMatcher = &phrase.Matcher{}
			for k, s := range g.Sections {
				if s.ID == "" {
					bad(at(s.Title), "guideline %q: section %q without an id", g.ID, s.Title)
					continue
				}
				if seen[s.ID] {
					bad(at(s.ID), "guideline %q: duplicate section id %q", g.ID, s.ID)
				}
				seen[s.ID] = true
				if err := checkRange(s.Pages); err != "" {
					bad(at(s.ID), "guideline %q section %q: pages %s", g.ID, s.ID, err)
				}
				for _, t := range s.Treatments {
					if _, ok := v.TreatmentByID(t); !ok {
						bad(at(t), "guideline %q section %q: unknown treatment %q (see rules/vocab/treatments.toml)", g.ID, s.ID, t)
					}
				}
				checkConfidence(s.Confidence, func(m string) { bad(at(s.ID), "guideline %q section %q: %s", g.ID, s.ID, m) })
				if s.Title == "" {
					bad(at(s.ID), "guideline %q: section %q without a title", g.ID, s.ID)
				}
				for _, a := range append([]string{s.Title}, s.Aliases...) {
					n := NormName(a)
					if n == "" {
						continue
					}
					if o, dup := aliasOf[n]; dup && o != s.ID {
						bad(at(a), "guideline %q: sections %q and %q share the title or alias %q", g.ID, o, s.ID, a)
						continue
					}
					aliasOf[n] = s.ID
				}
				g.SectionMatcher.Add(s.Title, k)
				for _, a := range s.Aliases {
					g.SectionMatcher.Add(a, k)
				}
			}
			gp := &g
			c.byID[g.ID] = gp
			c.Guidelines = append(c.Guidelines, gp)
			loaded = append(loaded, loadedAt{len(c.Guidelines) - 1, file, lines})
		}
	}
	errs = append(errs, c.addNames(loaded)...)
	return c, errs
}

// loadedAt is a loaded guideline with the file it came from, for the
// errors of its names.
type loadedAt struct {
	k     int
	file  string
	lines *sourceLines
}

// addNames adds every guideline's title and names to the name matchers:
// all titles first, then the other names, so that a name two guidelines
// share goes to the one whose title it is ("Elbow Disorders", the
// ACOEM-based guideline, before the 2007 revision of ACOEM chapter 10 that
// 8 CCR 9792.23.3 also calls so). A shared name is an error unless the
// guidelines' edition years tell every citation of it apart.
func (c *Catalog) addNames(loaded []loadedAt) []error {
	var errs []error
	owner := map[[2]string]int{} // (matcher, name) -> first guideline
	add := func(l loadedAt, n string) {
		g := c.Guidelines[l.k]
		m, which := c.MTUSNames, "mtus"
		if g.Series == SeriesODG {
			m, which = c.ODGNames, "odg"
		}
		key := [2]string{which, NormName(n)}
		if first, ok := owner[key]; ok {
			if first == l.k {
				return
			}
			f := c.Guidelines[first]
			if !yearsApart(f, g) {
				errs = append(errs, &Error{File: l.file, Line: l.lines.value(n), Msg: fmt.Sprintf("guideline %q: name %q is also guideline %q's, and no edition year tells them apart", g.ID, n, f.ID)})
				return
			}
			ks := c.sameName[key[1]]
			if len(ks) == 0 {
				ks = []int{first}
			}
			c.sameName[key[1]] = append(ks, l.k)
			return
		}
		owner[key] = l.k
		m.Add(n, l.k)
	}
	for _, l := range loaded {
		add(l, c.Guidelines[l.k].Title)
	}
	for _, l := range loaded {
		for _, n := range c.Guidelines[l.k].Names {
			add(l, n)
		}
	}
	return errs
}

// yearsApart reports whether two guidelines both have editions and share
// no edition year.
func yearsApart(a, b *Guideline) bool {
	if len(a.Editions) == 0 || len(b.Editions) == 0 {
		return false
	}
	for _, e := range a.Editions {
		if _, ok := b.Edition(e.Year); ok {
			return false
		}
	}
	return true
}

func checkConfidence(c string, bad func(string)) {
	if c != Confirmed && c != Unconfirmed {
		bad(fmt.Sprintf("confidence %q is not confirmed or unconfirmed", c))
	}
}

// checkRange validates a [first, last] pair.
func checkRange(r []int) string {
	switch {
	case len(r) == 0:
		return ""
	case len(r) != 2:
		return fmt.Sprintf("%v must be [first, last]", r)
	case r[0] > r[1]:
		return fmt.Sprintf("range %v is inverted", r)
	}
	return ""
}

func prefix(p string, err error) error {
	var e *Error
	var out []error
	for _, x := range unjoin(err) {
		if errors.As(x, &e) {
			e2 := *e
			if !strings.HasPrefix(e2.File, p) {
				e2.File = p + e2.File
			}
			out = append(out, &e2)
		} else {
			out = append(out, x)
		}
	}
	return errors.Join(out...)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
