package rules

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Rule kinds: one for each shape in which the guidelines state a limit.
const (
	// KindVisits is a recommended range of visits (min-max); Beyond names
	// what the guideline accepts as a reason to go past it.
	KindVisits = "visits"
	// KindTrial is a trial (Trial visits) followed, with the condition the
	// guideline names (objective functional improvement), by a total of up
	// to Max.
	KindTrial = "trial"
	// KindPostsurgical is a postsurgical general course of Min-Max visits
	// within a postsurgical physical medicine period of PeriodMonths; the
	// initial course is one half of the general course (8 CCR
	// 9792.24.3(c)), and therapy may continue to the end of the period
	// with documented functional improvement.
	KindPostsurgical = "postsurgical"
	// KindThreshold is a dose at which the guideline asks for a step
	// (Step: a consultation, closer monitoring), not a ceiling.
	KindThreshold      = "threshold"
	KindNotRecommended = "not-recommended"
	KindDuration       = "duration"
	KindDose           = "dose"
	KindRequirement    = "requirement"
	KindCap            = "cap"
)

var validKinds = map[string]bool{KindVisits: true, KindTrial: true, KindPostsurgical: true, KindThreshold: true, KindNotRecommended: true, KindDuration: true, KindDose: true, KindRequirement: true, KindCap: true}

// Reasons a guideline accepts for going beyond its numbers (Rule.Beyond).
const (
	BeyondFunctionalImprovement = "functional-improvement"
	BeyondFlareUp               = "flare-up"
	BeyondExceptionalFactors    = "exceptional-factors"
	BeyondPostsurgicalPeriod    = "postsurgical-period"
)

var validBeyond = map[string]bool{BeyondFunctionalImprovement: true, BeyondFlareUp: true, BeyondExceptionalFactors: true, BeyondPostsurgicalPeriod: true}

// CountsVisits reports whether a rule's numbers are counts of visits.
func (r *Rule) CountsVisits() bool {
	return r.Kind == KindVisits || r.Kind == KindTrial || r.Kind == KindPostsurgical
}

// InitialCourse is the first course a postsurgical rule allows: one half
// of the general course (of its upper bound for a range), 0 for other
// kinds.
func (r *Rule) InitialCourse() float64 {
	if r.Kind != KindPostsurgical {
		return 0
	}
	return r.Max / 2
}

// Allows reports whether reason is one the rule accepts to go beyond its
// numbers; exceptional factors stated in the letter are accepted by every
// rule, as the MTUS presumption may be rebutted (Labor Code 4604.5(a)).
func (r *Rule) Allows(reason string) bool {
	if reason == BeyondExceptionalFactors {
		return true
	}
	for _, b := range r.Beyond {
		if b == reason {
			return true
		}
	}
	return false
}

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
	// Beyond: the reasons the guideline accepts for going past the
	// numbers (Beyond* constants).
	Beyond []string `toml:"beyond"`
	// PeriodMonths is a postsurgical rule's postsurgical physical
	// medicine period.
	PeriodMonths float64 `toml:"period_months"`
	// Threshold and Step: a threshold rule's dose (in DoseUnit) and what
	// the guideline asks for above it.
	Threshold float64 `toml:"threshold"`
	Step      string  `toml:"step"`
	// DrugClass limits a medication rule to a class of drugs
	// (rules/vocab/drugs.toml: "opioid").
	DrugClass string `toml:"drug_class"`

	// Where the fact is written, for a reviewer to look it up. A
	// confirmed rule names the regulation section or the guideline
	// document, the page or heading, and a short quote of the guideline's
	// own words with where it was read.
	Regulation string `toml:"regulation"` // "8 CCR 9792.24.1(c)"
	Document   string `toml:"document"`   // "Acupuncture Medical Treatment Guidelines (2007)"
	Heading    string `toml:"heading"`    // "p. 60, Massage therapy"
	Quote      string `toml:"quote"`      // the guideline's words, kept short
	QuoteFrom  string `toml:"quote_from"` // where the words were read: a URL
	// HeadingConfidence is the confidence of Heading when it differs from
	// that of the numbers (a page inferred, the words confirmed).
	HeadingConfidence string `toml:"heading_confidence"`

	Source     string `toml:"source"`
	Confidence string `toml:"confidence"`

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
		lines := newSourceLines(data)
		file := path.Join(dir, name)
		for i := range lf.Rule {
			r := lf.Rule[i]
			r.File = file
			r.Line = lines.value(r.ID)
			if r.ID == "" {
				r.Line = lines.table("rule", i)
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
				bad("kind %q is not one of visits, trial, postsurgical, threshold, not-recommended, duration, dose, requirement, cap", r.Kind)
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
			if r.Min > r.Max && r.Max != 0 || (r.CountsVisits() || r.Kind == KindCap) && r.Min > r.Max {
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
			if (len(r.PerWeek) != 0 || len(r.Conditions) != 0) && !r.CountsVisits() {
				bad("per_week and conditions are for rules of visits (visits, trial, postsurgical)")
			}
			for _, c := range r.Conditions {
				if c == "" || strings.ToLower(c) != c || strings.TrimSpace(c) != c {
					bad("condition %q must be lower-case words", c)
				}
			}
			checkConfidence(r.Confidence, func(m string) { bad("%s", m) })
			if r.HeadingConfidence != "" {
				checkConfidence(r.HeadingConfidence, func(m string) { bad("heading_confidence: %s", m) })
			}
			if r.Confirmed() && (r.Regulation == "" && r.Document == "" || r.Heading == "" || r.Quote == "" || r.QuoteFrom == "") {
				bad("confirmed, but does not say where the guideline states it: a confirmed rule needs regulation or document, heading, quote and quote_from")
			}
			for _, b := range r.Beyond {
				if !validBeyond[b] {
					bad("beyond %q is not one of functional-improvement, flare-up, exceptional-factors, postsurgical-period", b)
				}
			}
			switch r.Kind {
			case KindTrial:
				if r.Trial <= 0 || r.Max < r.Trial {
					bad("kind = \"trial\" needs trial > 0 and max >= trial")
				}
			case KindPostsurgical:
				if r.Max <= 0 || r.PeriodMonths <= 0 {
					bad("kind = \"postsurgical\" needs max (the general course) and period_months")
				}
			case KindThreshold:
				if r.Threshold <= 0 || r.Step == "" || r.DoseUnit == "" {
					bad("kind = \"threshold\" needs threshold, dose_unit and step")
				}
			}
			if r.DrugClass != "" && !slices.Contains(DrugClasses, r.DrugClass) {
				bad("drug_class %q is not one of %s", r.DrugClass, strings.Join(DrugClasses, ", "))
			}
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
				// Editions state different numbers (CRPS: 24 visits in
				// 2009, 26 in 2016): a rule of a guideline with several
				// must say which it is read from.
				if len(g.Editions) > 1 && len(r.Editions) == 0 && r.CountsVisits() {
					bad("guideline %q has %d editions: say which this rule is read from (editions = [...])", r.Guideline, len(g.Editions))
				}
			}
			rp := r
			out = append(out, &rp)
		}
	}
	return out, errs
}

// RulesFor returns the rules of a kind for a treatment and region ("" for
// any region). KindVisits gives every rule of visits (visits, trial,
// postsurgical).
func (s *Set) RulesFor(kind, treatment string, regions []string) []*Rule {
	var out []*Rule
	for _, r := range s.Rules {
		if (r.Kind != kind && !(kind == KindVisits && r.CountsVisits())) || (r.Treatment != treatment && r.Treatment != "*") {
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
