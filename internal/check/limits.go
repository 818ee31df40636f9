package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
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
	anyRegion    bool // the treatment's rules for any region, not the item's
	postsurgical bool
	// allEditions keeps the rules of every edition, for a quote that
	// marks the edition of each number ("24 (2009) or 26 (2016)"); the
	// others are those of the edition the item cites.
	allEditions bool
	done        [3]bool // by family: any, MTUS, ODG
	rs          [3][]*rules.Rule
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
		if b.Region != "" && !c.anyRegion {
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
		if !c.allEditions && !ofCitedEdition(p.Letter, it, r) {
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
	// of 6 visits", "the guidelines support up to 18 sessions", "the MTUS
	// guidelines for physical therapy include 9-10 visits", "treatment
	// for headaches consists of 6 visits".
	attributionRE = guarded(`(?i)\b(allow|allows|allowed|recommend|recommends|recommended|support|supports|supported|permit|permits|limit|limits|limited to|suggest|suggests|indicate|indicates|indicated|state|states|endorse|endorses|authorize|authorizes|call for|calls for|up to|maximum of|trial of|include|includes|consist of|consists of|specify|specifies)\b`,
		"allow", "recommend", "support", "permit", "limit", "suggest", "indicate", "state", "endorse", "authorize", "call", "up to", "maximum of", "trial of", "include", "consist", "specif")
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
that does not exist. The check reads what a rationale attributes to a
guideline:

  - a sentence that names a guideline (MTUS, ODG, ACOEM, "the guidelines")
    with a verb of permission (allows, recommends, supports, includes,
    consists of, up to, a trial of ...) or after "according to" or "per",
    and the numbers of visits in the same clause: "MTUS allows 8-10
    visits", "ODG notes that an initial set of 6 visits is recommended";
  - the sentences that follow it in the guideline's voice, as long as the
    quote goes on: "An initial trial of 6 visits over 2 weeks is
    recommended", "A total of up to 18 visits may be appropriate", "Allow
    for fading of treatment frequency (from up to 3 visits per week to 1 or
    less)", "Myalgia and myositis: 9-10 visits over 8 weeks". A sentence
    about the case (the patient, the injured worker, the request, the
    provider, the documentation or records) ends the quote; so does one
    about another treatment, whose limits are not this one's.

Each number is compared with the rules for the item's treatment and region
(rules/limits/*.toml; those of any region when none is for the item's), of
the guideline family named (MTUS or ODG) and, when the item cites one, of
the guideline cited. A number beside a condition a rule names (a list such
as "9-10 visits over 8 weeks for myalgia, 8-10 visits over 4 weeks for
neuralgia, 26 visits over 16 weeks for CRPS", or "if return to work is
achieved, 1-2 visits every 4-6 months") is compared with that condition's
rule, and one marked with an edition ("24 (2009) or 26 (2016) visits") with
that edition's; a number with no condition with every number the rules
for no condition in particular state (the range, the trial and the other
stated counts), and those of the conditions its sentence names. A number
of visits a week is compared with the frequency a rule states. Numbers
after "the patient has completed", "requested" and the like are the case's,
not the guideline's. A rule marked unconfirmed yields a warning.

Triggers: "MTUS allows 8-10 massage visits" (the rule says 4-6); "MTUS
recommends manipulation for chronic low back pain. An initial trial of 10
visits over 2 weeks is recommended." (a trial of 6).
Does not trigger: "MTUS supports 4-6 visits of massage"; the acupuncture
guideline's 3-6 treatments quoted in a massage item's rationale.`,
	Run: runMisquotedLimit,
}

// quote is what a rationale is quoting as its sentences go on: the
// guideline family the last sentence naming a guideline named, for as long
// as the sentences after it speak in the guideline's voice.
type quote struct {
	on     bool
	series string
	other  bool // the quote is of another treatment's limits
}

func runMisquotedLimit(p *Pass) {
	for i := range p.Letter.Items {
		it := &p.Letter.Items[i]
		var mq misquotes // the item's visit rules, worked out once
		var q quote
		for k := range it.Sentences {
			s := &it.Sentences[k]
			if gw := guidelineWordAt(s.Toks); gw >= 0 {
				caseTalk := aboutCase(s.Toks)
				// What follows is in the voice of the guideline named last.
				q = quote{on: !caseTalk, series: seriesBefore(s.Toks, len(s.Text))}
				if aboutOtherTreatment(p, it, s) {
					q.other = true
					continue
				}
				from, verb := attributionStart(s, gw, caseTalk)
				if from < 0 {
					continue
				}
				// The limit is that of the guideline named last before the
				// verb: "MTUS makes no recommendation ..., however ODG
				// recommends an initial trial of 6 visits" quotes ODG.
				if mq.compare(p, it, s, from, clauseEnd(p, *s, from), seriesBefore(s.Toks, verb)) {
					q.on = false // one finding is enough for a quote
				}
				continue
			}
			if !q.on || q.other {
				continue
			}
			if aboutCase(s.Toks) {
				q.on = false
				continue
			}
			voice := guidelineVoice(s.Toks)
			if aboutOtherTreatment(p, it, s) {
				// Another treatment's limit ("Massage is recommended as an
				// adjunct ...") ends the quote of this one's; a mention in
				// passing ("the patient's therapeutic exercise program")
				// does not.
				if voice || strings.ContainsAny(s.Text, "0123456789") {
					q.other = true
				}
				continue
			}
			if !voice && !mq.namesCondition(p, it, s, q.series) {
				continue // "Manual therapy is widely used ...": the quote goes on
			}
			// The sentence is the guideline's throughout: its clauses
			// ("...; if return to work is achieved, 1-2 visits ...") are
			// read up to a word that turns to the case's numbers.
			if mq.compare(p, it, s, 0, clauseEndTokens(p, *s, 0, len(s.Text)), q.series) {
				q.on = false
			}
		}
	}
}

// misquotes holds an item's visit rules for the misquoted-limit check:
// those for its regions and, when the guideline family has none for them,
// those for any region.
type misquotes struct {
	regional, wide itemRules
}

func (m *misquotes) rules(p *Pass, it *letter.Item, series string) []*rules.Rule {
	m.regional.allEditions, m.wide.allEditions = true, true
	if rs := m.regional.visits(p, it, series); len(rs) > 0 {
		return rs
	}
	m.wide.anyRegion = true
	return m.wide.visits(p, it, series)
}

// namesCondition: the sentence names a condition of the rules, as a
// quoted list does ("Neuralgia, neuritis, and radiculitis: 8-10 visits
// over 4 weeks"), and has a number.
func (m *misquotes) namesCondition(p *Pass, it *letter.Item, s *letter.Sentence, series string) bool {
	if !strings.ContainsAny(s.Text, "0123456789") {
		return false
	}
	return firstCondition(s.Text, m.rules(p, it, series)) >= 0
}

// attributionStart is where what a guideline sentence attributes to the
// guideline begins, -1 when it attributes nothing: after the verb of
// permission ("MTUS allows 8-10 visits"); after the guideline's name when
// the verb is a passive one that follows the number ("the guidelines note
// that an initial set of 6 visits is recommended") or when the sentence
// is framed by the guideline ("Per the ODG guidelines: ... 8 visits over 5
// weeks").
//
// verb is where the verb (or the name) is.
func attributionStart(s *letter.Sentence, gw int, caseTalk bool) (from, verb int) {
	g := s.Toks[gw].End
	if a := attributionRE.FindStringIndex(s.Text[g:]); a != nil {
		if passiveAt(s.Toks, g+a[0]) {
			return g, g + a[0]
		}
		return g + a[1], g + a[0]
	}
	if !caseTalk && framedBy(s.Toks, gw) {
		return g, g
	}
	return -1, -1
}

// passiveAt: the token at byte offset at is a participle after "is",
// "are" or "be" ("6 visits is recommended").
func passiveAt(toks []phrase.Token, at int) bool {
	for i := range toks {
		if toks[i].Start != at {
			continue
		}
		switch toks[i].Text {
		case "recommended", "supported", "allowed", "indicated", "suggested", "limited":
		default:
			return false
		}
		if i > 0 {
			switch toks[i-1].Text {
			case "is", "are", "be", "been":
				return true
			}
		}
		return false
	}
	return false
}

// framedBy: the guideline word at gw follows "according to", "per" or
// "under" within its name ("According to the Official Disability
// Guidelines, ...", "Per the ODG guidelines: ...").
func framedBy(toks []phrase.Token, gw int) bool {
	for i := gw - 1; i >= 0 && i >= gw-4; i-- {
		switch toks[i].Text {
		case "per", "under":
			return true
		case "to":
			return i > 0 && toks[i-1].Text == "according"
		}
	}
	return false
}

// aboutCase: the sentence speaks of this case (the patient, the injured
// worker, the request, the provider, the documentation or records, the
// care had so far), not in the guideline's voice. Guideline texts speak of
// "patients", "the patient's therapeutic exercise program", "on the part
// of the patient", "with documentation of objective functional
// improvement": those are not the case's.
func aboutCase(toks []phrase.Token) bool {
	prev := func(i int) string {
		if i > 0 {
			return toks[i-1].Text
		}
		return ""
	}
	next := func(i int) string {
		if i+1 < len(toks) {
			return toks[i+1].Text
		}
		return ""
	}
	for i := range toks {
		switch toks[i].Text {
		case "request", "requests", "requested", "requesting", "claimant", "claimant's", "applicant",
			"he", "she", "his", "her", "him", "completed", "attended", "underwent", "undergone", "received",
			"previously", "authorized", "certified", "approved", "denied", "submitted", "reviewed":
			return true
		case "patient", "patient's":
			switch prev(i) {
			case "this", "our":
				return true
			case "the":
				if i < 2 || toks[i-2].Text != "of" && toks[i-2].Text != "in" {
					if toks[i].Text == "patient" {
						return true
					}
				}
			}
		case "worker", "worker's", "employee":
			switch prev(i) {
			case "the", "this", "injured":
				return true
			}
		case "provider", "physician":
			switch prev(i) {
			case "treating", "requesting", "primary":
				return true
			case "the":
				if toks[i].Text == "provider" {
					return true
				}
			}
		case "documentation", "records", "record", "file", "notes":
			switch prev(i) {
			case "the", "this", "no", "submitted", "provided", "available", "clinical", "medical", "of", "progress":
				return true
			}
		case "case":
			switch prev(i) {
			case "this", "specific", "present":
				return true
			}
		case "date":
			if prev(i) == "to" {
				return true
			}
		case "ur", "utilization":
			if toks[i].Text == "ur" || next(i) == "review" {
				return true
			}
		}
	}
	return false
}

// guidelineVoice: a sentence that names no guideline states a limit in
// the guideline's words: a passive recommendation ("is recommended", "may
// be appropriate", "is supported"), "a trial of", "an initial set of",
// "allow for", "up to", "a total of", "consists of".
func guidelineVoice(toks []phrase.Token) bool {
	for i := range toks {
		w := toks[i].Text
		nx := ""
		if i+1 < len(toks) {
			nx = toks[i+1].Text
		}
		switch w {
		case "is", "are", "be":
			switch nx {
			case "recommended", "supported", "allowed", "appropriate", "indicated", "suggested", "warranted", "reasonable", "added", "considered":
				return true
			}
		case "trial", "set", "total", "maximum":
			if nx == "of" {
				return true
			}
		case "allow", "allows":
			return true
		case "up":
			if nx == "to" {
				return true
			}
		case "consists", "includes", "include":
			return true
		}
	}
	return false
}

// compare reads the numbers of visits in s.Text[from:end] and reports the
// first that disagrees with the rules; it tells whether it reported.
func (m *misquotes) compare(p *Pass, it *letter.Item, s *letter.Sentence, from, end int, series string) bool {
	if from >= end {
		return false
	}
	rs := m.rules(p, it, series)
	if len(rs) == 0 {
		return false
	}
	var buf [16]quoted
	qs := quotedNumbers(s.Text, from, end, buf[:0])
	if len(qs) == 0 {
		return false
	}
	after := false // a list's conditions follow their numbers
	if len(qs) > 1 {
		at := firstCondition(s.Text[:end], rs)
		after = at < 0 || at >= qs[0].Start
	}
	for i, x := range qs {
		// The words naming x's condition: the whole clause for a lone
		// number; in a list, those between x and its neighbour on the
		// side the list puts them. Editions' alternatives ("24 (2009) or
		// 26 (2016) visits ... for CRPS") share their words.
		lo, hi := 0, end
		if len(qs) > 1 {
			first, last := i, i
			for first > 0 && alternatives(s.Text, qs[first-1], qs[first]) {
				first--
			}
			for last+1 < len(qs) && alternatives(s.Text, qs[last], qs[last+1]) {
				last++
			}
			if after {
				lo = qs[last].End
				if last+1 < len(qs) {
					hi = qs[last+1].Start
				}
			} else {
				hi = qs[first].Start
				if first > 0 {
					lo = qs[first-1].End
				}
			}
		}
		cmp := forCondition(rs, s.Text[lo:hi], s.Text[:end])
		if x.edition > 0 {
			cmp = ofEdition(cmp, x.edition)
		} else {
			cmp = ofCitedEditions(p.Letter, it, cmp)
		}
		if x.Kind == quantity.Frequency {
			weekly := withPerWeek(cmp)
			if len(weekly) == 0 || perWeekAgrees(x.Quantity, weekly) {
				continue
			}
			report(p, s, x, weekly, statedPerWeek(weekly))
			return true
		}
		if quotedAgrees(x.Quantity, cmp) {
			continue
		}
		report(p, s, x, cmp, stated(cmp))
		return true
	}
	return false
}

func report(p *Pass, s *letter.Sentence, x quoted, rs []*rules.Rule, states string) {
	f := p.Reportf(s.Span(x.NumStart, x.NumEnd), "the rationale attributes %s to the guideline, but it states %s (%s)", x.String(), states, ruleRef(rs[0]))
	f.Severity = finding.Warning
	if allConfirmed(rs) {
		f.Severity = p.Check.Severity
	}
}

// quoted is a number of visits a rationale attributes to a guideline,
// with offsets in the sentence, and the edition written beside it.
type quoted struct {
	quantity.Quantity
	edition int
}

// quotedNumbers are the numbers of visits in t[from:end] (numbers, ranges,
// frequency x duration totals, visits a week), with their offsets in t. A
// bare number marked with an edition is one of visits when the words that
// follow its list are: "24 (2009) or 26 (2016) visits".
func quotedNumbers(t string, from, end int, out []quoted) []quoted {
	all := quantity.Find(t[from:end])
	for k, q := range all {
		q.Start, q.End, q.NumStart, q.NumEnd = q.Start+from, q.End+from, q.NumStart+from, q.NumEnd+from
		ed, edEnd := editionAfter(t[:end], q.End)
		if q.Kind == quantity.Number && ed > 0 && q.Value < 100 && editionListOfVisits(t[:end], all[k+1:], from, edEnd) {
			q.Kind, q.Unit = quantity.Amount, quantity.Sessions
		}
		if q.Unit != quantity.Sessions {
			continue
		}
		switch q.Kind {
		case quantity.Amount, quantity.Range, quantity.FreqDur:
		case quantity.Frequency:
			if q.Freq == nil || q.Freq.Per != quantity.Weeks {
				continue
			}
		default:
			continue
		}
		out = append(out, quoted{Quantity: q, edition: ed})
	}
	return out
}

// alternatives: a and b are one number in two editions, "24 (2009) or
// 26 (2016)".
func alternatives(t string, a, b quoted) bool {
	if a.edition == 0 || b.edition == 0 || a.edition == b.edition {
		return false
	}
	_, i := editionAfter(t[:b.Start], a.End)
	gap := strings.TrimSpace(t[i:b.Start])
	return gap == "or" || gap == "and" || gap == "," || gap == "/"
}

// editionAfter reads an edition in parentheses at t[i:] ("(2016)"), 0
// when there is none, and where it ends.
func editionAfter(t string, i int) (int, int) {
	for i < len(t) && t[i] == ' ' {
		i++
	}
	if i+6 > len(t) || t[i] != '(' || t[i+5] != ')' {
		return 0, i
	}
	y := 0
	for _, c := range []byte(t[i+1 : i+5]) {
		if !ascii.IsDigit(c) {
			return 0, i
		}
		y = y*10 + int(c-'0')
	}
	if y < 2000 || y > 2030 {
		return 0, i
	}
	return y, i + 6
}

// editionListOfVisits: after an edition ending at i, the list goes on
// ("or 26 (2016)") to a number of visits, or the word visits follows.
func editionListOfVisits(t string, rest []quantity.Quantity, from, i int) bool {
	for {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if ascii.HasPrefixFold(t[i:], "visit") || ascii.HasPrefixFold(t[i:], "session") || ascii.HasPrefixFold(t[i:], "treatment") {
			return true
		}
		switch {
		case ascii.HasPrefixFold(t[i:], "or "):
			i += 3
		case ascii.HasPrefixFold(t[i:], "and "):
			i += 4
		case strings.HasPrefix(t[i:], ", "):
			i += 2
		default:
			return false
		}
		// The next number of the list: its edition, then on.
		for len(rest) > 0 && rest[0].Start+from < i {
			rest = rest[1:]
		}
		if len(rest) == 0 || rest[0].Start+from != i {
			return false
		}
		if rest[0].Unit == quantity.Sessions {
			return true
		}
		if rest[0].Kind != quantity.Number {
			return false
		}
		_, i = editionAfter(t, rest[0].End+from)
		// The year itself is the next quantity.
		rest = rest[1:]
		if len(rest) > 0 && rest[0].Kind == quantity.Number && rest[0].End+from <= i {
			rest = rest[1:]
		}
	}
}

// firstCondition is the offset in t of the first condition the rules
// name, -1 when none is there.
func firstCondition(t string, rs []*rules.Rule) int {
	first := -1
	for _, r := range rs {
		for _, c := range r.Conditions {
			if at := indexWordFold(t, c); at >= 0 && (first < 0 || at < first) {
				first = at
			}
		}
	}
	return first
}

// forCondition: the rules whose condition the words name. When they name
// none, the rules for no condition in particular, and those of the
// conditions the rest of the sentence names: "for severe strain, an
// initial trial of 10 visits and up to 25 visits" speaks of severe strain
// throughout. All the rules when every one is for a condition.
func forCondition(rs []*rules.Rule, words, sentence string) []*rules.Rule {
	var named, general []*rules.Rule
	for _, r := range rs {
		switch {
		case len(r.Conditions) == 0:
			general = append(general, r)
		case namesAny(words, r.Conditions):
			named = append(named, r)
		}
	}
	if len(named) > 0 {
		return named
	}
	if len(general) == 0 {
		return rs
	}
	for _, r := range rs {
		if len(r.Conditions) > 0 && namesAny(sentence, r.Conditions) {
			general = append(general, r)
		}
	}
	return general
}

func namesAny(t string, conds []string) bool {
	for _, c := range conds {
		if indexWordFold(t, c) >= 0 {
			return true
		}
	}
	return false
}

// ofEdition: the rules that hold for the edition; all when none does.
func ofEdition(rs []*rules.Rule, year int) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rs {
		if len(r.Editions) == 0 || slices.Contains(r.Editions, year) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return rs
	}
	return out
}

// indexWordFold is the offset of the word or words w (lower-case) in t as
// whole words, in any case, -1 when absent.
func indexWordFold(t, w string) int {
	for off := 0; off < len(t); {
		i := ascii.IndexFold(t[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isWordByte(t[i-1])) && (j >= len(t) || !isWordByte(t[j])) {
			return i
		}
		off = i + 1
	}
	return -1
}

func isWordByte(c byte) bool { return ascii.IsLetter(c) || ascii.IsDigit(c) }

func withPerWeek(rs []*rules.Rule) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rs {
		if len(r.PerWeek) == 2 {
			out = append(out, r)
		}
	}
	return out
}

// perWeekAgrees: the visits a week quoted lie within a rule's.
func perWeekAgrees(q quantity.Quantity, rs []*rules.Rule) bool {
	for _, r := range rs {
		if q.Freq.Min >= r.PerWeek[0] && q.Freq.Max <= r.PerWeek[1] {
			return true
		}
	}
	return false
}

func statedPerWeek(rs []*rules.Rule) string {
	var parts []string
	for _, r := range rs {
		s := fmt.Sprintf("%g-%g visits a week", r.PerWeek[0], r.PerWeek[1])
		if !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
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

// seriesBefore is the family of the guideline a sentence names last
// before the byte offset at (rules.SeriesODG, rules.SeriesMTUS, or "" for
// any). "Guidelines" just after a guideline's name is the name's ("MTUS
// Chronic Pain Guidelines", "Official Disability Guidelines"); alone it
// names any guideline.
func seriesBefore(toks []phrase.Token, at int) string {
	series, named := "", -1
	for i := range toks {
		t := &toks[i]
		if t.Start >= at {
			break
		}
		if !isGuidelineWord(t.Text) || t.Text == "official" && (i+1 >= len(toks) || toks[i+1].Text != "disability") {
			continue
		}
		if strings.HasPrefix(t.Text, "guideline") {
			if named < 0 || i-named > 5 {
				series, named = "", -1
			}
			continue
		}
		series, named = seriesOf(t.Text), i
	}
	return series
}

// clauseEnd is where the clause starting at from ends: at a semicolon or
// at a word that ends the clause a guideline's limit is quoted in
// (rules/vocab/words.toml, clauses.ends: "however the patient has
// completed 12" is the case's, not the guideline's).
func clauseEnd(p *Pass, s letter.Sentence, from int) int {
	if i := strings.IndexByte(s.Text[from:], ';'); i >= 0 {
		end := from + i
		return min(end, clauseEndTokens(p, s, from, end))
	}
	return clauseEndTokens(p, s, from, len(s.Text))
}

func clauseEndTokens(p *Pass, s letter.Sentence, from, limit int) int {
	toks := s.Toks
	ends := p.Rules.Words.ClauseEnds
	for k, t := range toks {
		if t.Start < from || t.Start >= limit {
			continue
		}
		if ends[t.Text] {
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
states, and the reasons a guideline accepts depend on the shape of its rule
(rules/limits/*.toml, kind and beyond). This check reports:

  - an overturned (approved) request for more visits than any number the
    rules for the treatment and region state, of the edition the item
    cites, when the rationale gives of the case no reason the rule accepts
    to go beyond them: documented functional improvement where the rule
    allows extension with it (acupuncture, 8 CCR 9792.24.1; a trial then a
    total), a flare-up where it names one, exceptional or extenuating
    factors for any rule. The guideline's own condition quoted in the
    rationale ("may be extended if functional improvement is documented")
    is not a finding that the improvement was documented;
  - an overturned first postsurgical course larger than the initial course,
    one half of the general course for the surgery (8 CCR 9792.24.3), when
    the letter says postsurgical therapy has not begun;
  - an overturned opioid at a morphine-equivalent dose above a threshold of
    the cited guideline (120 mg MED in 2009, 80 in the 2016 Opioids
    guideline) when the rationale does not say the step the threshold asks
    for (a pain management consultation) was taken: a warning, since a
    threshold is a point of consultation, not a ceiling;
  - an overturned request for a treatment the guideline does not recommend
    for the item's region (manipulation of the knee, the wrist and hand, the
    ankle and foot), without a stated exception;
  - an upheld request whose rationale says it "exceeds" a limit it is within:
    "6 sessions ... exceeds the 6-visit trial".

A rule marked unconfirmed yields a warning.

Triggers: "Massage therapy: 12 sessions (lumbar spine): Overturned" with a
rationale giving no exception (massage: 4-6 visits).
Does not trigger: the same with "Upheld"; "Acupuncture: 10 additional
sessions: Overturned" after 6 treatments whose functional improvement the
rationale documents.`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			if !it.Rationale.Present() {
				continue
			}
			q := it.Quantity
			switch it.Decision {
			case letter.Overturned:
				// The reasons are read only for an item a rule could be
				// broken by: the patterns are costly.
				var reasons map[string]bool
				given := func() map[string]bool {
					if reasons == nil {
						reasons = caseReasons(&it)
					}
					return reasons
				}
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
					if top != nil && total > ceiling && !beyondAccepted(top, given()) {
						f := p.Reportf(it.DecisionAt.Span, "the item is overturned for %s, above the %g visits the guideline allows, and the rationale states no reason the guideline accepts to go beyond them (%s) (%s)", q.Quantity.String(), ceiling, joinReasons(top), ruleRef(top))
						f.Severity = bySource(p.Check.Severity, top.Confidence)
						f.Related = []finding.Related{{Span: q.NumSpan, Message: "requested " + q.Quantity.String()}}
						continue
					}
					if r := initialCourseRule(p, &it, rs); r != nil && total > r.InitialCourse() {
						f := p.Reportf(it.DecisionAt.Span, "the item is overturned for %s as the first postsurgical course, above the initial course of %g visits (one half of the general course of %g) the guideline allows (%s)", q.Quantity.String(), r.InitialCourse(), r.Max, ruleRef(r))
						f.Severity = bySource(p.Check.Severity, weakest(r, p.Rules, "postsurgical-initial-course-half"))
						f.Related = []finding.Related{{Span: q.NumSpan, Message: "requested " + q.Quantity.String()}}
						continue
					}
				}
				if r, med := thresholdPassed(p, &it); r != nil {
					f := p.Reportf(it.DecisionAt.Span, "the item is overturned for an opioid at %g %s, above the %g at which the guideline asks for %s, and the rationale does not say it was done (%s; a point of caution, not a ceiling)", med, r.DoseUnit, r.Threshold, r.Step, ruleRef(r))
					f.Severity = finding.Warning
					continue
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
					if len(r.Regions) == 0 || len(given()) > 0 {
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
