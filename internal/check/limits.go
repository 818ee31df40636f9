package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/rules"
)

// ruleRef names a rule and its source for a message.
func ruleRef(r *rules.Rule) string {
	return fmt.Sprintf("rule %s, %s", r.ID, r.Source)
}

// visitRules are the visit-count rules for an item's treatment and
// regions. When the item cites guidelines that have such rules, only theirs
// apply; otherwise every guideline's, except the postsurgical courses for
// an item that is not postsurgical.
func visitRules(p *Pass, it *letter.Item, series string) []*rules.Rule {
	var c itemRules
	return c.visits(p, it, series)
}

// itemRules holds an item's visit rules, worked out once for each
// guideline family a rationale names: it names them in many sentences.
type itemRules struct {
	// cands are the visit rules for the item's treatment and regions,
	// with their guidelines; read once.
	cands        []visitCand
	read         bool
	postsurgical bool
	done         [3]bool // by family: any, MTUS, ODG
	rs           [3][]*rules.Rule
}

type visitCand struct {
	r     *rules.Rule
	g     *rules.Guideline
	cited bool // the item cites the rule's guideline
}

// visits is visitRules for series.
func (c *itemRules) visits(p *Pass, it *letter.Item, series string) []*rules.Rule {
	k := 0
	switch series {
	case "":
	case rules.SeriesODG:
		k = 2
	default:
		k = 1
	}
	if c.done[k] {
		return c.rs[k]
	}
	if !c.read {
		c.readCands(p, it)
	}
	var all, fromCited []*rules.Rule
	for _, vc := range c.cands {
		if series != "" && !sameFamily(vc.g.Series, series) {
			continue
		}
		if vc.cited {
			fromCited = append(fromCited, vc.r)
		}
		if isPostsurgical(vc.g) != c.postsurgical {
			continue
		}
		all = append(all, vc.r)
	}
	if len(fromCited) > 0 {
		all = fromCited
	}
	c.rs[k], c.done[k] = all, true
	return all
}

func (c *itemRules) readCands(p *Pass, it *letter.Item) {
	c.read = true
	var regions []string
	for _, b := range it.BodyParts {
		if b.Region != "" {
			regions = append(regions, b.Region)
		}
	}
	cited := func(id string) bool {
		for _, ct := range it.Citations {
			if ct.Guideline != nil && ct.Guideline.ID == id {
				return true
			}
		}
		return false
	}
	for _, r := range rulesFor(p, rules.KindVisits, it.Treatment.ID, regions) {
		g, _ := p.Rules.Catalog.Guideline(r.Guideline)
		if g == nil {
			continue
		}
		c.cands = append(c.cands, visitCand{r: r, g: g, cited: cited(g.ID)})
	}
	c.postsurgical = postsurgicalRE.MatchString(it.Request.Text)
}

var postsurgicalRE = guarded(`(?i)\bpost-?\s?(?:op|operative|surgical)\b|\bafter (?:the )?surgery\b`, "post", "after ")

func isPostsurgical(g *rules.Guideline) bool {
	return strings.Contains(g.ID, "postsurgical")
}

// sameFamily: MTUS, its ACOEM chapters and the 2017 MTUS are one family for
// a rationale that says "MTUS"; ODG is another.
func sameFamily(a, b string) bool {
	return (a == rules.SeriesODG) == (b == rules.SeriesODG)
}

var (
	// attributionRE finds a rationale's statement of what a guideline
	// allows: "MTUS allows 8-10 visits", "ODG recommends an initial trial
	// of 6 visits", "the guidelines support up to 18 sessions".
	attributionRE = guarded(`(?i)\b(allow|allows|allowed|recommend|recommends|recommended|support|supports|supported|permit|permits|limit|limits|limited to|suggest|suggests|indicate|indicates|state|states|endorse|endorses|authorize|authorizes|call for|calls for|up to|maximum of|trial of)\b`,
		"allow", "recommend", "support", "permit", "limit", "suggest", "indicate", "state", "endorse", "authorize", "call", "up to", "maximum of", "trial of")
)

// MisquotedLimit reports a limit a rationale attributes to a guideline that
// the guideline does not state.
var MisquotedLimit = &Check{
	Name:     "misquoted-limit",
	Summary:  "a number of visits the rationale attributes to a guideline differs from the guideline",
	Severity: finding.Error,
	Doc: `
A rationale often quotes the guideline's limit before applying it: "MTUS
supports 4-6 visits of massage". When the number quoted is not the
guideline's ("MTUS allows 8-10 massage visits"), the decision rests on a rule
that does not exist. The check reads sentences that name a guideline (MTUS,
ODG, ACOEM, "the guidelines") with a verb of permission (allows,
recommends, supports, up to, a trial of ...) followed, in the same clause, by
a number of visits, and compares it with every number the rules for the
item's treatment and region state (rules/limits/*.toml: the range, the
trial, and the other stated counts). Numbers after "the patient has
completed", "requested" and the like are the case's, not the guideline's.
A rule marked unconfirmed yields a warning.

Triggers: "MTUS allows 8-10 massage visits" (the rule says 4-6).
Does not trigger: "MTUS supports 4-6 visits of massage".`,
	Run: runMisquotedLimit,
}

func runMisquotedLimit(p *Pass) {
	for i := range p.Letter.Items {
		it := &p.Letter.Items[i]
		var ir itemRules // the item's visit rules, worked out once
		for k := range it.Sentences {
			s := &it.Sentences[k]
			gw := guidelineWordAt(s.Toks)
			if gw < 0 {
				continue
			}
			g := [2]int{s.Toks[gw].Start, s.Toks[gw].End}
			series := seriesOf(s.Toks[gw].Text)
			if aboutOtherTreatment(p, it, s) {
				continue
			}
			rs := ir.visits(p, it, series)
			if len(rs) == 0 {
				continue
			}
			a := attributionRE.FindStringIndex(s.Text[g[1]:])
			if a == nil {
				continue
			}
			from := g[1] + a[1]
			end := clauseEnd(*s, from)
			// The quantities' places are worked out only for the one
			// reported: most agree with the rules.
			for _, q := range quantity.Find(s.Text[from:end]) {
				if q.Unit != quantity.Sessions || (q.Kind != quantity.Amount && q.Kind != quantity.Range && q.Kind != quantity.FreqDur) {
					continue
				}
				if quotedAgrees(q, rs) {
					continue
				}
				r := rs[0]
				f := p.Reportf(s.Span(from+q.NumStart, from+q.NumEnd), "the rationale attributes %s to the guideline, but it states %s (%s)", q.String(), stated(rs), ruleRef(r))
				f.Severity = finding.Warning
				if allConfirmed(rs) {
					f.Severity = p.Check.Severity
				}
				break
			}
		}
	}
}

// seriesOf is the guideline family a guideline word (lower-cased) names.
func seriesOf(w string) string {
	switch {
	case w == "odg" || strings.HasPrefix(w, "official"):
		return rules.SeriesODG
	case strings.HasPrefix(w, "guideline"):
		return ""
	}
	return rules.SeriesMTUS
}

// clauseWords end the clause a guideline's limit is quoted in: what
// follows is the case's ("however the patient has completed 12"), not the
// guideline's.
var clauseWords = map[string]bool{"however": true, "but": true, "whereas": true, "while": true, "completed": true, "had": true, "request": true, "requested": true, "additional": true, "excess": true, "exceed": true, "exceeds": true, "exceeded": true, "exceeding": true}

// clauseEnd is where the clause starting at from ends.
func clauseEnd(s letter.Sentence, from int) int {
	if i := strings.IndexByte(s.Text[from:], ';'); i >= 0 {
		end := from + i
		return min(end, clauseEndTokens(s, from, end))
	}
	return clauseEndTokens(s, from, len(s.Text))
}

func clauseEndTokens(s letter.Sentence, from, limit int) int {
	toks := s.Toks
	for k, t := range toks {
		if t.Start < from || t.Start >= limit {
			continue
		}
		if clauseWords[t.Text] {
			return t.Start
		}
		if t.Text == "the" && k+1 < len(toks) {
			switch toks[k+1].Text {
			case "patient", "injured", "claimant":
				return t.Start
			}
		}
	}
	return limit
}

// isGuidelineWord: the word (lower-cased) names a guideline in a
// rationale's prose.
func isGuidelineWord(w string) bool {
	// Most words are not: their length or first letter tells.
	if len(w) < 3 || len(w) > 10 {
		return false
	}
	switch w[0] {
	case 'm', 'o', 'a', 'g', 'c':
	default:
		return false
	}
	switch w {
	case "mtus", "odg", "acoem", "guideline", "guidelines", "cpmtg", "official":
		return true
	}
	return false
}

// guidelineWordAt finds the first guideline word of a sentence, as an
// index of toks, -1 when none ("Official" only before "Disability
// Guidelines").
func guidelineWordAt(toks []phrase.Token) int {
	for i := range toks {
		t := &toks[i]
		if !isGuidelineWord(t.Text) {
			continue
		}
		if t.Text == "official" && (i+1 >= len(toks) || toks[i+1].Text != "disability") {
			continue
		}
		return i
	}
	return -1
}

// aboutOtherTreatment: the sentence names treatments, none of them the
// item's ("massage, for which MTUS allows 4-6 visits" in a physical
// therapy item).
func aboutOtherTreatment(p *Pass, it *letter.Item, s *letter.Sentence) bool {
	// s.Toks are the sentence's tokens: matching them is Find(s.Text)
	// without tokenizing again.
	ms := p.Rules.Treatment.FindTokens(s.Toks)
	if len(ms) == 0 {
		return false
	}
	head, _ := treatmentByID(p, it.Treatment.ID)
	for _, m := range ms {
		t := p.Rules.Treatments[m.Entry]
		if t.ID == head.ID || (head.Group != "" && t.Group == head.Group) {
			return false
		}
	}
	return true
}

func allConfirmed(rs []*rules.Rule) bool {
	for _, r := range rs {
		if !r.Confirmed() {
			return false
		}
	}
	return true
}

// quotedAgrees: a quoted range must be a stated range or made of stated
// numbers; a single number must be stated.
func quotedAgrees(q quantity.Quantity, rs []*rules.Rule) bool {
	nums := map[float64]bool{}
	for _, r := range rs {
		for _, n := range r.Numbers() {
			nums[n] = true
		}
		if q.Kind == quantity.Range && q.Value == r.Min && q.Max == r.Max {
			return true
		}
	}
	if q.Kind == quantity.Range {
		return nums[q.Value] && nums[q.Max]
	}
	return nums[q.Value]
}

func stated(rs []*rules.Rule) string {
	var parts []string
	seen := map[string]bool{}
	for _, r := range rs {
		s := fmt.Sprintf("%g-%g visits", r.Min, r.Max)
		if r.Min == r.Max {
			s = fmt.Sprintf("%g visits", r.Max)
		}
		if r.Trial > 0 {
			s += fmt.Sprintf(" (a trial of %g)", r.Trial)
		}
		for _, a := range r.Also {
			s += fmt.Sprintf(", %g", a)
		}
		if !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

var (
	exceptionRE = regexp.MustCompile(`(?i)\b(exception|exceptional|extenuating|outside (?:of )?the guidelines?|despite the guidelines?|beyond the guidelines?|deviat|special circumstances|unique circumstances|(?:documented|demonstrated|objective|significant) functional improvement|functional improvement (?:was|has been|is) (?:documented|demonstrated|noted)|post-?operative|postsurgical|post-?surgical)\b`)
	// exceedsRE finds a rationale saying the request is over a limit: the
	// request (or "this", "it") must be what exceeds, so that a guideline's
	// own "should not exceed 18 visits" is not read as a judgment.
	exceedsRE = guarded(`(?i)\b(?:request|requested [a-z]+|this|it|which|quantity)\b(?:\s+[a-z]+){0,4}?\s+(exceeds|exceeded|is in excess of|is more than|is above|is beyond|goes beyond)\b`,
		"exceed", "excess", "more", "above", "beyond")
)

// quotedLimit is the limit a "the request exceeds" statement names: the
// first number of visits (or bare number) after the verb, 0 when none.
func quotedLimit(s letter.Sentence, from int) float64 {
	for _, x := range quantity.Find(s.Text[from:]) {
		if x.Unit == quantity.Sessions || x.Unit == quantity.None {
			return x.Max
		}
	}
	return 0
}

// exceedsWord finds the verb of a "the request exceeds" statement. The
// pattern runs only where one of its verbs' words is, in any case: an
// all-capitals "THE REQUEST EXCEEDS 6 VISITS" counts as much as the
// lower-case one.
func exceedsWord(s string) []int {
	m := exceedsRE.FindStringSubmatchIndex(s)
	if m == nil {
		return nil
	}
	return m[2:4]
}

// GuidelineConflict reports decisions that contradict the limit they cite.
var GuidelineConflict = &Check{
	Name:     "guideline-conflict",
	Summary:  "the decision contradicts the guideline limit without a stated exception",
	Severity: finding.Error,
	Doc: `
An IMR decision applies the MTUS; it may depart from it only for a reason it
states. This check reports:

  - an overturned (approved) request for more visits than any number the
    rules for the treatment and region state (rules/limits/*.toml), when the
    rationale states no exception (documented functional improvement,
    extenuating or exceptional circumstances, a postsurgical course ...);
  - an overturned request for a treatment the guideline does not recommend
    for the item's region (manipulation of the knee, the wrist and hand, the
    ankle and foot), without a stated exception;
  - an upheld request whose rationale says it "exceeds" a limit it is within:
    "6 sessions ... exceeds the 6-visit trial".

A rule marked unconfirmed yields a warning.

Triggers: "Massage therapy: 12 sessions (lumbar spine): Overturned" with a
rationale giving no exception (massage: 4-6 visits).
Does not trigger: the same with "Upheld", or with "documented functional
improvement" and extenuating circumstances stated.`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			if !it.Rationale.Present() {
				continue
			}
			body := it.Rationale.Body.Text
			q := it.Quantity
			switch it.Decision {
			case letter.Overturned:
				// The exception pattern is costly: it is read only for an
				// item a rule could be broken by.
				excepted := func() bool { return exceptionRE.MatchString(body) }
				if q != nil && q.Unit == quantity.Sessions {
					rs := visitRules(p, &it, "")
					ceiling, top := 0.0, (*rules.Rule)(nil)
					for _, r := range rs {
						if c := r.Ceiling(); c > ceiling {
							ceiling, top = c, r
						}
					}
					total := q.Value
					if q.Kind == quantity.Range {
						total = q.Max
					}
					if top != nil && total > ceiling && !excepted() {
						f := p.Reportf(it.DecisionAt.Span, "the item is overturned for %s, above the %g visits the guideline allows, and the rationale states no exception (%s)", q.Quantity.String(), ceiling, ruleRef(top))
						f.Severity = bySource(p.Check.Severity, top.Confidence)
						f.Related = []finding.Related{{Span: q.NumSpan, Message: "requested " + q.Quantity.String()}}
						continue
					}
				}
				var regions []string
				for _, b := range it.BodyParts {
					if b.Region != "" {
						regions = append(regions, b.Region)
					}
				}
				if len(regions) == 0 {
					continue
				}
				for _, r := range rulesFor(p, rules.KindNotRecommended, it.Treatment.ID, regions) {
					if len(r.Regions) == 0 || excepted() {
						continue
					}
					f := p.Reportf(it.DecisionAt.Span, "the item is overturned for %s of the %s, which the guideline does not recommend, and the rationale states no exception (%s)", it.Treatment.Name, regionNames(p.Rules, regions), ruleRef(r))
					f.Severity = bySource(p.Check.Severity, r.Confidence)
					break
				}
			case letter.Upheld:
				if q == nil || q.Unit != quantity.Sessions {
					continue
				}
				for _, s := range it.Sentences {
					m := exceedsWord(s.Text)
					if m == nil {
						continue
					}
					limit := quotedLimit(s, m[1])
					// Without a number the sentence may speak of the
					// course so far, not of the request alone.
					if limit == 0 || q.Value > limit || q.Kind == quantity.Range {
						continue
					}
					if it.Original != nil && it.Original.Value > limit {
						continue // the original exceeds it: partial-portion reports that
					}
					f := p.Reportf(s.Span(m[0], m[1]), "the rationale says the request exceeds %g visits, but it is for %s", limit, q.Quantity.String())
					f.Related = []finding.Related{{Span: q.NumSpan, Message: "requested " + q.Quantity.String()}}
					break
				}
			}
		}
	},
}
