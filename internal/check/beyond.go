package check

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
)

// The reasons a rationale gives for going beyond a guideline's numbers.
// They count only when said of the case: the guideline's own condition
// quoted in the rationale ("treatments may be extended if functional
// improvement is documented") is not a finding that the improvement was
// documented.
var reasonPatterns = []struct {
	reason string
	re     *regexp.Regexp
}{
	{rules.BeyondExceptionalFactors, regexp.MustCompile(`(?i)\b(?:exception|exceptional|extenuating|outside (?:of )?the guidelines?|despite the guidelines?|beyond the guidelines?|deviat\w*|special circumstances|unique circumstances)\b`)},
	{rules.BeyondFunctionalImprovement, regexp.MustCompile(`(?i)\b(?:(?:documented|demonstrated|objective|significant|clear|measurable) (?:functional improvement|improvement in function|functional gains?)|functional (?:improvement|gains?|benefit) (?:was|were|has been|have been|is|are) (?:documented|demonstrated|noted|shown|reported)|documents? (?:functional improvement|improvement in function|functional gains?)|improved (?:function|functional capacity)|return(?:ed)? to (?:modified |full |regular |light )?(?:duty|work))\b`)},
	{rules.BeyondFlareUp, regexp.MustCompile(`(?i)\b(?:flare-?ups?|exacerbations?|recurrences?)\b`)},
	{rules.BeyondPostsurgicalPeriod, regexp.MustCompile(`(?i)\b(?:post-?operative|post-?surgical)\b`)},
}

// guidelineCondition finds a sentence stating what the guideline requires
// rather than what the case shows: "may be extended if", "only if",
// "with evidence of", "provided that".
var guidelineCondition = regexp.MustCompile(`(?i)\b(?:if|only if|unless|provided (?:that )?|with evidence of|requires?|should|must)\b`)

// caseReasons returns the reasons the item's rationale gives, of the case,
// for going beyond a guideline's numbers.
func caseReasons(it *letter.Item) map[string]bool {
	out := map[string]bool{}
	for _, s := range it.Sentences {
		if guidelineWordAt(s.Toks) >= 0 {
			continue
		}
		for _, rp := range reasonPatterns {
			loc := rp.re.FindStringIndex(s.Text)
			if loc == nil {
				continue
			}
			// "further visits could be justified if functional
			// improvement were documented": a condition, not a fact.
			if c := guidelineCondition.FindStringIndex(s.Text[:loc[0]]); c != nil && rp.reason != rules.BeyondPostsurgicalPeriod {
				continue
			}
			out[rp.reason] = true
		}
	}
	return out
}

// allowedBeyond reports whether a reason the rationale gives is one the
// rule accepts.
func allowedBeyond(r *rules.Rule, reasons map[string]bool) bool {
	for reason := range reasons {
		if r.Allows(reason) {
			return true
		}
	}
	return false
}

// initialPostsurgical finds a letter that says postsurgical therapy has not
// begun: the request is then the initial course.
var initialPostsurgical = regexp.MustCompile(`(?i)\b(?:has|have|had) (?:not|never) (?:yet )?(?:had|begun|started|received|attended) (?:any )?(?:post-?operative |post-?surgical )?(?:physical |occupational )?(?:therapy|rehabilitation)\b|\b(?:has|have|had) (?:not|never) (?:yet )?(?:begun|started) (?:post-?operative |post-?surgical )?(?:physical |occupational )?(?:therapy|rehabilitation)\b|\binitial course of (?:post-?operative |post-?surgical )?(?:physical |occupational )?therapy (?:is|was) requested\b`)

// isInitialCourse: the summary or rationale says no postsurgical therapy
// has been given yet.
func isInitialCourse(l *letter.Letter, it *letter.Item) bool {
	if initialPostsurgical.MatchString(l.Summary.Text) {
		return true
	}
	for _, s := range it.Sentences {
		if initialPostsurgical.MatchString(s.Text) {
			return true
		}
	}
	return false
}

// medDose finds a daily morphine-equivalent dose: "a morphine equivalent
// dose of 180 mg per day", "180 mg morphine equivalents per day", "MED of
// 180", "180 MED", "180 MME".
var medDose = regexp.MustCompile(`(?i)\b(?:morphine[- ]equivalent (?:dose|dosage)s?|morphine milligram equivalents?|MED|MME)(?: (?:is|was|of|at|totals?|totaling|about|approximately|around|=|:))+ ?(\d{2,4})\b|\b(\d{2,4}) ?(?:mg|milligrams?)? ?(?:/day |per day |a day |daily )?(?:oral )?(?:morphine[- ]equivalents?|morphine milligram equivalents?|MED|MME)\b`)

// statedMED returns the highest morphine-equivalent dose the item's
// rationale or the case summary states, and 0 when none.
func statedMED(l *letter.Letter, it *letter.Item) float64 {
	best := 0.0
	scan := func(t string) {
		for _, m := range medDose.FindAllStringSubmatch(t, -1) {
			n := m[1]
			if n == "" {
				n = m[2]
			}
			if v, err := strconv.ParseFloat(n, 64); err == nil && v > best {
				best = v
			}
		}
	}
	if it.Rationale.Present() {
		scan(it.Rationale.Body.Text)
	}
	scan(l.Summary.Text)
	return best
}

// stepTaken: the rationale says the step a threshold asks for was taken or
// is in place: a consultation with or care by a pain specialist, closer
// monitoring.
var stepTaken = regexp.MustCompile(`(?i)\b(?:consultation|consulted|pain (?:management|medicine) (?:specialist|physician|provider|program|physician)|pain specialist|addiction (?:medicine|specialist)|co-?manag\w*|tapering|taper|weaning|wean)\b`)

// isDrugClass: the item is for a drug of that class.
func isDrugClass(p *Pass, it *letter.Item, class string) bool {
	for _, d := range it.Drugs {
		if dr, ok := p.Rules.DrugByID(d.ID); ok && dr.Class == class {
			return true
		}
	}
	return false
}

// citedEdition is the edition year the item cites guideline id with: the
// year written in the citation, or, for a citation without one (page
// style), the edition in force on the request's date; 0 when the item does
// not cite it or no date tells.
func citedEdition(l *letter.Letter, it *letter.Item, id string) int {
	for _, c := range it.Citations {
		if c.Guideline == nil || c.Guideline.ID != id {
			continue
		}
		if c.Year != 0 {
			return c.Year
		}
		if len(c.Guideline.Editions) < 2 {
			return 0
		}
		d, ok := requestDay(l)
		if !ok {
			return 0
		}
		for _, e := range c.Guideline.Editions {
			if e.InForce(d) {
				return e.Year
			}
		}
	}
	return 0
}

// requestDay is the best date the letter gives for the request: the
// Request for Authorization, else the Utilization Review, else the
// decision.
func requestDay(l *letter.Letter) (time.Time, bool) {
	ds := newEventDates(l)
	for _, set := range [][]letter.Date{ds.request, ds.ur} {
		if len(set) > 0 {
			return set[0].Time, true
		}
	}
	return ds.decision.Time, ds.hasDecision
}

// ofCitedEdition drops the rules read from another edition than the one
// the item cites: the 2009 and 2016 texts state different numbers.
func ofCitedEdition(l *letter.Letter, it *letter.Item, r *rules.Rule) bool {
	if len(r.Editions) == 0 {
		return true
	}
	y := citedEdition(l, it, r.Guideline)
	if y == 0 {
		return true
	}
	for _, e := range r.Editions {
		if e == y {
			return true
		}
	}
	return false
}

func joinReasons(r *rules.Rule) string {
	if len(r.Beyond) == 0 {
		return "exceptional factors"
	}
	return strings.ReplaceAll(strings.Join(r.Beyond, " or "), "-", " ")
}

// beyondAccepted reports whether the rationale gives, of the case, a
// reason the rule accepts for going beyond its numbers. A postsurgical
// course is its own schedule: said of a rule that is not postsurgical it
// is a reason too.
func beyondAccepted(r *rules.Rule, reasons map[string]bool) bool {
	if reasons[rules.BeyondPostsurgicalPeriod] && r.Kind != rules.KindPostsurgical {
		return true
	}
	return allowedBeyond(r, reasons)
}

// initialCourseRule returns the postsurgical rule of the surgery the
// letter names, when the letter says postsurgical therapy has not begun.
func initialCourseRule(p *Pass, it *letter.Item, rs []*rules.Rule) *rules.Rule {
	var cands []*rules.Rule
	for _, r := range rs {
		if r.Kind == rules.KindPostsurgical {
			cands = append(cands, r)
		}
	}
	if len(cands) == 0 || !isInitialCourse(p.Letter, it) {
		return nil
	}
	text := strings.ToLower(p.Letter.Summary.Text + " " + it.Rationale.Body.Text)
	for _, r := range cands {
		g, _ := p.Rules.Catalog.Guideline(r.Guideline)
		if g == nil {
			continue
		}
		sec, ok := g.Section(r.Section)
		if !ok {
			continue
		}
		for _, name := range append([]string{sec.Title}, sec.Aliases...) {
			if strings.Contains(text, strings.ToLower(name)) {
				return r
			}
		}
	}
	return nil
}

// weakest is the confidence of r, or of the rule with id other when that
// one is not confirmed: a finding resting on both is as sure as the less
// sure.
func weakest(r *rules.Rule, set *rules.Set, other string) string {
	o, ok := set.RuleByID(other)
	if !ok || !o.Confirmed() {
		return rules.Unconfirmed
	}
	return r.Confidence
}

// thresholdPassed returns the threshold rule of a guideline the item
// cites that the stated dose passes without the step it asks for, and the
// dose.
func thresholdPassed(p *Pass, it *letter.Item) (*rules.Rule, float64) {
	var med float64
	read := false
	for _, r := range rulesFor(p, rules.KindThreshold, it.Treatment.ID, nil) {
		if r.DrugClass != "" && !isDrugClass(p, it, r.DrugClass) || !ofCitedEdition(p.Letter, it, r) || !citesGuideline(it, r.Guideline) {
			continue
		}
		if !read {
			med, read = statedMED(p.Letter, it), true
		}
		if med > r.Threshold && !(it.Rationale.Present() && stepTaken.MatchString(it.Rationale.Body.Text)) {
			return r, med
		}
	}
	return nil, 0
}

func citesGuideline(it *letter.Item, id string) bool {
	for _, c := range it.Citations {
		if c.Guideline != nil && c.Guideline.ID == id {
			return true
		}
	}
	return false
}

// ofCitedEditions keeps the rules of the edition the item cites, or all
// when none is left.
func ofCitedEditions(l *letter.Letter, it *letter.Item, rs []*rules.Rule) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rs {
		if ofCitedEdition(l, it, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return rs
	}
	return out
}
