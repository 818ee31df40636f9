package rules

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Rule kinds.
const (
	KindVisits         = "visits"
	KindNotRecommended = "not-recommended"
	KindDuration       = "duration"
	KindDose           = "dose"
	KindRequirement    = "requirement"
	KindCap            = "cap"
)

var validKinds = map[string]bool{KindVisits: true, KindNotRecommended: true, KindDuration: true, KindDose: true, KindRequirement: true, KindCap: true}

// Rule is one limit or requirement of a guideline for a treatment.
type Rule struct {
	ID                  string    `toml:"id"`
	Summary             string    `toml:"summary"`
	Treatment           string    `toml:"treatment"`
	Regions             []string  `toml:"regions"`
	Guideline           string    `toml:"guideline"`
	Editions            []int     `toml:"editions"`
	Section             string    `toml:"section"`
	Kind                string    `toml:"kind"`
	Min                 float64   `toml:"min"`
	Max                 float64   `toml:"max"`
	Trial               float64   `toml:"trial"`
	Also                []float64 `toml:"also"`
	OverWeeks           []float64 `toml:"over_weeks"`
	PerWeek             []float64 `toml:"per_week"`   // visits a week, [min, max]: "from up to 3 visits a week to 1 or less" is [1, 3]
	Conditions          []string  `toml:"conditions"` // lower-case words naming what the numbers are for ("myalgia", "return to work"); none for the general limit
	RequiresImprovement bool      `toml:"requires_improvement"`
	MaxDays             float64   `toml:"max_days"`
	MaxDose             float64   `toml:"max_dose"`
	DoseUnit            string    `toml:"dose_unit"`
	Source              string    `toml:"source"`
	Confidence          string    `toml:"confidence"`

	File string `toml:"-"`
	Line int    `toml:"-"`
}

// Confirmed reports whether the rule's facts were read in its source.
func (r *Rule) Confirmed() bool { return r.Confidence == Confirmed }

// Numbers are the visit counts the rule states: min, max, trial and also.
func (r *Rule) Numbers() []float64 {
	var out []float64
	for _, n := range append([]float64{r.Min, r.Max, r.Trial}, r.Also...) {
		if n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// Ceiling is the largest number of visits the rule allows.
func (r *Rule) Ceiling() float64 {
	m := 0.0
	for _, n := range r.Numbers() {
		if n > m {
			m = n
		}
	}
	return m
}

type limitsFile struct {
	Rule []Rule `toml:"rule"`
}

func loadLimits(fsys fs.FS, dir string, v *Set, c *Catalog, pending func() ([]string, []decoded[limitsFile], error)) ([]*Rule, []error) {
	files, dec, err := pending()
	if err != nil {
		return nil, []error{err}
	}
	var out []*Rule
	var errs []error
	seen := map[string]bool{}
	for k, name := range files {
		lf := dec[k].v
		if err := dec[k].err; err != nil {
			errs = append(errs, prefix(dir+"/", err))
			continue
		}
		data, _ := fs.ReadFile(fsys, name)
		file := path.Join(dir, name)
		for i := range lf.Rule {
			r := lf.Rule[i]
			r.File = file
			r.Line = valueLine(data, r.ID)
			if r.ID == "" {
				r.Line = tableLine(data, "rule", i)
			}
			bad := func(format string, args ...any) {
				errs = append(errs, &Error{File: file, Line: r.Line, Msg: fmt.Sprintf("rule %q: ", r.ID) + fmt.Sprintf(format, args...)})
			}
			switch {
			case r.ID == "":
				bad("rule without an id")
				continue
			case seen[r.ID]:
				bad("duplicate rule id")
				continue
			}
			seen[r.ID] = true
			if !validKinds[r.Kind] {
				bad("kind %q is not one of visits, not-recommended, duration, dose, requirement, cap", r.Kind)
			}
			if r.Treatment != "*" {
				if _, ok := v.TreatmentByID(r.Treatment); !ok {
					bad("unknown treatment %q (see rules/vocab/treatments.toml)", r.Treatment)
				}
			}
			for _, reg := range r.Regions {
				if _, ok := v.RegionByID(reg); !ok {
					bad("unknown region %q (see rules/vocab/body_parts.toml)", reg)
				}
			}
			if r.Min > r.Max && r.Max != 0 || (r.Kind == KindVisits || r.Kind == KindCap) && r.Min > r.Max {
				bad("range is inverted: min %g > max %g", r.Min, r.Max)
			}
			if len(r.OverWeeks) == 2 && r.OverWeeks[0] > r.OverWeeks[1] {
				bad("over_weeks %v is inverted", r.OverWeeks)
			} else if len(r.OverWeeks) != 0 && len(r.OverWeeks) != 2 {
				bad("over_weeks %v must be [min, max]", r.OverWeeks)
			}
			if len(r.PerWeek) == 2 && r.PerWeek[0] > r.PerWeek[1] {
				bad("per_week %v is inverted", r.PerWeek)
			} else if len(r.PerWeek) != 0 && len(r.PerWeek) != 2 {
				bad("per_week %v must be [min, max]", r.PerWeek)
			}
			if (len(r.PerWeek) != 0 || len(r.Conditions) != 0) && r.Kind != KindVisits {
				bad("per_week and conditions are for kind = \"visits\"")
			}
			for _, c := range r.Conditions {
				if c == "" || strings.ToLower(c) != c || strings.TrimSpace(c) != c {
					bad("condition %q must be lower-case words", c)
				}
			}
			checkConfidence(r.Confidence, func(m string) { bad("%s", m) })
			if r.Summary == "" {
				bad("no summary")
			}
			g, ok := c.Guideline(r.Guideline)
			if !ok {
				bad("guideline %q is not in the catalog", r.Guideline)
			} else {
				if _, ok := g.Section(r.Section); !ok {
					bad("section %q is not in the catalog's guideline %q", r.Section, r.Guideline)
				}
				for _, y := range r.Editions {
					if _, ok := g.Edition(y); !ok {
						bad("guideline %q has no edition %d", r.Guideline, y)
					}
				}
			}
			rp := r
			out = append(out, &rp)
		}
	}
	return out, errs
}

// RulesFor returns the rules of a kind for a treatment and region ("" for
// any region).
func (s *Set) RulesFor(kind, treatment string, regions []string) []*Rule {
	var out []*Rule
	for _, r := range s.Rules {
		if r.Kind != kind || (r.Treatment != treatment && r.Treatment != "*") {
			continue
		}
		if len(r.Regions) > 0 && len(regions) > 0 && !s.anyRegionWithin(regions, r.Regions) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// RuleByID returns the rule with that id.
func (s *Set) RuleByID(id string) (*Rule, bool) {
	for _, r := range s.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// anyRegionWithin: some item region is one of the rule's regions or lies
// inside one. A rule for the shoulder does not apply to a study of the
// whole upper extremity, though the extremity contains the shoulder.
func (s *Set) anyRegionWithin(items, rule []string) bool {
	for _, y := range items {
		for _, x := range rule {
			if x == y {
				return true
			}
			rx, _ := s.RegionByID(x)
			for _, c := range rx.Contains {
				if c == y {
					return true
				}
			}
		}
	}
	return false
}

// RegionsOverlap: the same region, or one contains the other.
func (s *Set) RegionsOverlap(a, b string) bool {
	if a == b {
		return true
	}
	ra, _ := s.RegionByID(a)
	rb, _ := s.RegionByID(b)
	for _, c := range ra.Contains {
		if c == b {
			return true
		}
	}
	for _, c := range rb.Contains {
		if c == a {
			return true
		}
	}
	return false
}
