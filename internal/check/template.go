package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/placeholder"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// HardcodedValue reports a literal value in a template's conclusion where
// the item header uses a field for it.
var HardcodedValue = &Check{
	Name:     "hardcoded-value",
	Summary:  "a template's rationale conclusion hard-codes a value the item header takes from a field",
	Severity: finding.Error,
	Scope:    Templates,
	Doc: `
In a letter template the item header takes the request from fields
("{{treatment}}: {{quantity}} sessions ({{body_part}}): {{decision}}"), so
every letter states the request that was made. When the rationale's
concluding sentence writes one of those values as text ("The request for 18
additional sessions of massage ... is not medically necessary"), every
letter made from the template restates 18 sessions of massage whatever was
requested: the template-level cause of a letter whose header says 12
sessions and whose rationale rules on 18. This check reads each item of a
template, the header and the request restated in its rationale's
conclusion, and reports, where the header uses a field:

  - a literal quantity (sessions, visits, "#90", "2 times a week for 6
    weeks") where the header has a quantity field; the fix puts the
    header's field in place of the number;
  - a literal medication strength where the header has a strength field;
  - a literal treatment ("massage", "acupuncture") where it has a
    treatment field;
  - a literal body region or side ("wrist/hand", "right") where it has a
    body-part or side field;
  - a literal decision phrase ("not medically necessary") where the
    header's decision is a field, since a letter that overturns would then
    conclude the opposite of its header.

A field's role is read from its name ("quantity", "qty", "sessions";
"body_part", "region"; "treatment", "service"; "decision", "outcome"), or,
for a field named otherwise, from its place: before "sessions" or after "#"
a quantity, in parentheses a body part, closing the header the decision.
Other sentences of the rationale may quote numbers and treatments freely
(guideline limits, history); only the restated request counts.

The header is found even when its decision is a field ("...: {{decision}}"),
which the letter parser does not read as an item.

Triggers: header "{{treatment}}: {{quantity}} sessions ({{body_part}}):
{{decision}}", conclusion "The request for 18 additional sessions of
{{treatment}} for the {{body_part}} is {{conclusion}}."
Does not trigger: the conclusion "The request for {{quantity}} sessions of
{{treatment}} for the {{body_part}} is {{conclusion}}."; a header with
literal values, as in a template for one kind of request.`,
	Run: runHardcodedValue,
}

// PlaceholderConsistency reports a template field spelled two ways, or a
// field the configuration does not know.
var PlaceholderConsistency = &Check{
	Name:     "placeholder-consistency",
	Summary:  "a template spells one field two ways, or uses a field the configuration does not list",
	Severity: finding.Warning,
	Scope:    Templates,
	Doc: `
A merge fills a field only under the exact name it knows. A template that
writes {{body_part}} in the header and {{bodyPart}} or {{Body_Part}} in the
rationale leaves one of them blank, or unfilled, in every letter. This
check groups a template's fields under one key (lower-cased, without "_",
"-", "." and spaces) and reports each spelling that differs from the one
used most, at its first place, with the preferred spelling as the fix.

When the configuration lists the template fields ([placeholders] fields),
a field not in that list is reported too: one spelled differently from a
listed field ("bodyPart" for "body_part") with that field as the fix, and
one the list lacks altogether as unknown. Placeholders that name no field
(a run of underscores, "XX", "[Insert ...]" instructions) are not compared.

Triggers: "{{body_part}}" in the header and "{{bodyPart}}" in the
conclusion; "{{specialty}}" when the configured fields are
"reviewer_specialty" and others.
Does not trigger: "{{ body_part }}" and "{{body_part}}" (the same name with
other spacing); any field when no field list is configured and each field
is spelled one way.`,
	Run: runPlaceholderConsistency,
}

// Roles of a field in an item header.
const (
	roleNone      = ""
	roleTreatment = "treatment"
	roleQuantity  = "quantity"
	roleStrength  = "strength"
	roleBody      = "body part"
	roleSide      = "side"
	roleDecision  = "decision"
)

// roleByName reads a field's role from its name: the first role of roles
// (rules/vocab/words.toml's template_fields, most specific first) one of
// whose words the normalised name contains. The roles' names are those of
// the role constants.
func roleByName(field string, roles []rules.FieldRole) string {
	k := placeholder.Normalize(field)
	if k == "" {
		return roleNone
	}
	for _, rw := range roles {
		for _, w := range rw.Words {
			if strings.Contains(k, w) {
				return rw.Role
			}
		}
	}
	return roleNone
}

var (
	unitAfterFieldRE   = regexp.MustCompile(`(?i)^\s*(?:additional\s+|more\s+)?(?:sessions?|visits?|treatments?|times?|tablets?|capsules?|patches|units?|refills?)\b`)
	hashBeforeFieldRE  = regexp.MustCompile(`#\s*$`)
	bodyBeforeFieldRE  = regexp.MustCompile(`(?i)\b(?:of|for|to|in) the\s*$`)
	templateLabelRE    = regexp.MustCompile(`(?i)^(?:Claims Administrator guidelines?|MAXIMUS guidelines?|Decision rationale|Medical Treatment Guidelines?(?:\(s\))? relied upon by the Expert Reviewer|Rationale Used by the Expert Reviewer)\s*:`)
	templateRationale  = regexp.MustCompile(`(?i)^(?:Decision rationale|Rationale Used by the Expert Reviewer)\s*:\s*`)
	literalDecisionRE  = regexp.MustCompile(`(?i)(?:^|:)\s*(Upheld|Overturned|Partially Overturned)\s*\.?$`)
	regardingHeaderRE  = regexp.MustCompile(`(?i)^\d{1,2}\)\s*Regarding the request for\s+`)
	sentenceEndLineRE  = regexp.MustCompile(`[.!?:;]["')]?$`)
	templateRequestRE  = regexp.MustCompile(`(?i)\b(?:the )?(?:request(?:ed)?|prescription|requests) (?:for|of)\s+|\bthe requested\s+|\bthe (?:original|remaining) request,?\s*|\bregarding\s+`)
	templateRequestEnd = regexp.MustCompile(`(?i)\s+(?:is|are|was|were)\s`)
)

// roleByPlace reads the role of a field named otherwise from where it
// stands in the header's request h.
func roleByPlace(h string, m placeholder.Match, first bool) string {
	switch {
	case unitAfterFieldRE.MatchString(h[m.End:]) || hashBeforeFieldRE.MatchString(h[:m.Start]):
		return roleQuantity
	case strings.HasSuffix(strings.TrimSpace(h[:m.Start]), "(") || bodyBeforeFieldRE.MatchString(h[:m.Start]):
		return roleBody
	case first:
		return roleTreatment
	}
	return roleNone
}

// headerField is a field of an item header with its role.
type headerField struct {
	placed
	role string
}

// templateItem is one item of a template as this check reads it.
type templateItem struct {
	header     text.Block
	fields     []headerField
	conclusion *text.Block // the concluding sentence, nil when none
	reqStart   int         // the request restated in the conclusion
	reqEnd     int
}

// field returns the header's first field of a role.
func (it *templateItem) field(role string) *headerField {
	for i := range it.fields {
		if it.fields[i].role == role {
			return &it.fields[i]
		}
	}
	return nil
}

// templateItems finds the items of a template: a header closing with a
// decision word or a field after a colon ("...: {{decision}}"), or a 2013
// "1) Regarding the request for ...:" line; its rationale; and the
// rationale's concluding sentence.
func templateItems(p *Pass, ss []placeholder.Syntax) []templateItem {
	l := p.Letter
	ls := l.Doc.Lines
	headings := map[int]bool{}
	for _, s := range l.Sections {
		headings[s.Heading.Start] = true
	}
	isHeading := func(ln text.Line) bool { return !ln.Break && headings[ln.Start()] }
	start := 0
	for _, name := range []string{letter.SecIssues, letter.SecRationale, letter.SecSummary} {
		if s, ok := l.Section(name); ok {
			for i, ln := range ls {
				if !ln.Break && ln.Start() == s.Heading.Start {
					start = i + 1
				}
			}
			break
		}
	}
	type span struct{ first, last int }
	var hdrs []span
	for i := start; i < len(ls); i++ {
		ln := ls[i]
		if ln.Break || isHeading(ln) || templateLabelRE.MatchString(ln.Text) {
			continue
		}
		if regardingHeaderRE.MatchString(ln.Text) {
			j := i
			for j < len(ls)-1 && !strings.HasSuffix(ls[j].Text, ":") && j-i < 4 && !ls[j+1].Break && !templateLabelRE.MatchString(ls[j+1].Text) {
				j++
			}
			hdrs = append(hdrs, span{i, j})
			i = j
			continue
		}
		if !closesWithDecision(ln.Text, ss) {
			continue
		}
		first := i
		for k := i - 1; k >= start && i-k < 6; k-- {
			prev := ls[k]
			if prev.Break || isHeading(prev) || templateLabelRE.MatchString(prev.Text) || sentenceEndLineRE.MatchString(prev.Text) {
				break
			}
			if len(hdrs) > 0 && k <= hdrs[len(hdrs)-1].last {
				break
			}
			first = k
		}
		hdrs = append(hdrs, span{first, i})
	}
	var out []templateItem
	for n, h := range hdrs {
		end := len(ls)
		if n+1 < len(hdrs) {
			end = hdrs[n+1].first
		}
		it := templateItem{header: text.Join(ls[h.first : h.last+1])}
		it.fields = headerFields(it.header, ss, p.Rules.Words.FieldRoles)
		// The rationale: from its label to the next label or heading.
		var body []text.Line
		in := false
		for _, ln := range ls[h.last+1 : end] {
			if ln.Break {
				continue
			}
			if isHeading(ln) {
				break
			}
			if templateRationale.MatchString(ln.Text) {
				in = true
				body = append(body, ln)
				continue
			}
			if templateLabelRE.MatchString(ln.Text) {
				in = false
				continue
			}
			if in {
				body = append(body, ln)
			}
		}
		if len(body) > 0 {
			b := text.Join(body)
			if loc := templateRationale.FindStringIndex(b.Text); loc != nil {
				b = b.Sub(loc[1], len(b.Text))
			}
			findConclusion(p, &it, b, ss)
		}
		out = append(out, it)
	}
	return out
}

// closesWithDecision reports a header line: one ending in a decision word
// or in a field after a colon.
func closesWithDecision(s string, ss []placeholder.Syntax) bool {
	if literalDecisionRE.MatchString(s) {
		return true
	}
	ms := placeholder.Find(s, ss)
	if len(ms) == 0 {
		return false
	}
	last := ms[len(ms)-1]
	rest := strings.TrimSpace(s[last.End:])
	return (rest == "" || rest == ".") && strings.HasSuffix(strings.TrimSpace(s[:last.Start]), ":")
}

// headerFields reads the fields of an item header and their roles.
func headerFields(h text.Block, ss []placeholder.Syntax, roles []rules.FieldRole) []headerField {
	ps := blockPlaceholders(h, ss)
	var out []headerField
	for k, m := range ps {
		role := roleByName(m.Field, roles)
		if k == len(ps)-1 && closesWithDecision(h.Text, ss) && !literalDecisionRE.MatchString(h.Text) {
			role = roleDecision
		} else if role == roleNone {
			role = roleByPlace(h.Text, m.Match, k == 0)
		}
		out = append(out, headerField{m, role})
	}
	return out
}

// findConclusion picks the rationale's concluding sentence, the last one
// that restates the request or decides, and the request in it.
func findConclusion(p *Pass, it *templateItem, rationale text.Block, ss []placeholder.Syntax) {
	sents := letter.Sentences(rationale)
	for k := len(sents) - 1; k >= 0; k-- {
		s := sents[k].Block
		masked := maskPlaceholders(s.Text, ss)
		req := templateRequestRE.FindAllStringIndex(masked, -1)
		decides := len(p.Rules.Conclusions.Find(masked)) > 0
		if req == nil && !decides {
			continue
		}
		rs := 0
		if req != nil {
			rs = req[len(req)-1][1]
		}
		re := len(s.Text)
		if loc := templateRequestEnd.FindStringIndex(s.Text[rs:]); loc != nil {
			re = rs + loc[0]
		} else if cs := p.Rules.Conclusions.Find(masked[rs:]); len(cs) > 0 {
			re = rs + cs[0].Start
		}
		for re > rs && strings.ContainsRune(" .,;", rune(s.Text[re-1])) {
			re--
		}
		b := s
		it.conclusion, it.reqStart, it.reqEnd = &b, rs, re
		return
	}
}

// maskPlaceholders blanks the placeholders of s with spaces, keeping
// offsets, so that the words of a field name are not read as values.
func maskPlaceholders(s string, ss []placeholder.Syntax) string {
	ms := placeholder.Find(s, ss)
	if len(ms) == 0 {
		return s
	}
	b := []byte(s)
	for _, m := range ms {
		for i := m.Start; i < m.End; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

func runHardcodedValue(p *Pass) {
	ss := syntaxes(p.Options)
	for _, it := range templateItems(p, ss) {
		if it.conclusion == nil || len(it.fields) == 0 {
			continue
		}
		c := *it.conclusion
		masked := maskPlaceholders(c.Text, ss)
		req := masked[it.reqStart:it.reqEnd]
		off := it.reqStart
		report := func(s, e int, role string, hf *headerField) *finding.Finding {
			lit := c.Text[off+s : off+e]
			f := p.Reportf(c.Span(off+s, off+e), "the conclusion hard-codes the %s %q where the item header uses the field %s: every letter from this template will say %q", role, lit, hf.Text, lit)
			f.Related = []finding.Related{{Span: hf.Span, Message: fmt.Sprintf("the header's %s field", role)}}
			return f
		}
		if hf := it.field(roleQuantity); hf != nil {
			for _, q := range quantity.Find(req) {
				if q.Kind == quantity.Strength || q.Kind == quantity.Number || q.Kind == quantity.Frequency {
					continue
				}
				if q.Unit != quantity.Sessions && q.Unit != quantity.Count && q.Kind != quantity.FreqDur {
					continue
				}
				f := report(q.NumStart, q.NumEnd, roleQuantity, hf)
				if q.Kind == quantity.Amount && !strings.HasPrefix(req[q.NumStart:q.NumEnd], "#") && !strings.HasPrefix(hf.Text, "#") {
					f.Fix = &finding.Fix{Span: f.Span, Replacement: hf.Text}
				}
			}
		}
		if hf := it.field(roleStrength); hf != nil {
			for _, q := range quantity.Find(req) {
				if q.Kind == quantity.Strength {
					report(q.NumStart, q.NumEnd, roleStrength, hf)
				}
			}
		}
		if hf := it.field(roleTreatment); hf != nil {
			for _, m := range p.Rules.Treatment.Find(req) {
				report(m.Start, m.End, roleTreatment, hf)
			}
		}
		body, side := it.field(roleBody), it.field(roleSide)
		if body != nil {
			for _, m := range p.Rules.Region.Find(req) {
				report(m.Start, m.End, roleBody, body)
			}
		}
		if side == nil {
			side = body
		}
		if side != nil {
			for _, m := range p.Rules.Sides.Find(req) {
				report(m.Start, m.End, "side", side)
			}
		}
		if hf := it.field(roleDecision); hf != nil {
			rest := masked[it.reqEnd:]
			for _, m := range p.Rules.Conclusions.Find(rest) {
				s, e := it.reqEnd+m.Start, it.reqEnd+m.End
				// Mark the decision, not the verb: "is not medically
				// necessary" marks "not medically necessary"; and include a
				// negation just before the phrase.
				for _, v := range []string{"is ", "are ", "was ", "were "} {
					if strings.HasPrefix(strings.ToLower(masked[s:e]), v) && e-s > len(v) {
						s += len(v)
						break
					}
				}
				if k := strings.LastIndex(strings.TrimRight(masked[:s], " "), " "); k >= 0 {
					w := strings.ToLower(strings.TrimSpace(masked[k:s]))
					if w == "not" || w == "cannot" {
						s = k + 1
					}
				}
				f := p.Reportf(c.Span(s, e), "the conclusion hard-codes the decision %q where the item header's decision is the field %s: a letter with the other decision will contradict its header", c.Text[s:e], hf.Text)
				f.Related = []finding.Related{{Span: hf.Span, Message: "the header's decision field"}}
			}
		}
	}
}

// fieldUse is every place of one spelling of a field.
type fieldUse struct {
	field  string
	places []placed
}

func runPlaceholderConsistency(p *Pass) {
	ss := syntaxes(p.Options)
	var order []string
	groups := map[string][]*fieldUse{} // normalised key -> spellings in order of first use
	for _, m := range docPlaceholders(p.Letter.Doc, ss) {
		if m.Field == "" || m.Syntax == placeholder.Insert || m.Syntax == placeholder.Blank || m.Syntax == placeholder.XX {
			continue
		}
		k := placeholder.Normalize(m.Field)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		var u *fieldUse
		for _, x := range groups[k] {
			if x.field == m.Field {
				u = x
			}
		}
		if u == nil {
			u = &fieldUse{field: m.Field}
			groups[k] = append(groups[k], u)
		}
		u.places = append(u.places, m)
	}
	known := map[string]bool{}
	knownByKey := map[string]string{}
	for _, f := range p.Options.Fields {
		known[f] = true
		if _, ok := knownByKey[placeholder.Normalize(f)]; !ok {
			knownByKey[placeholder.Normalize(f)] = f
		}
	}
	checkKnown := len(p.Options.Fields) > 0
	for _, k := range order {
		uses := groups[k]
		canon := preferred(uses, known)
		for _, u := range uses {
			first := u.places[0]
			var related []finding.Related
			for _, pl := range u.places[1:] {
				related = append(related, finding.Related{Span: pl.Span, Message: "also here"})
			}
			switch {
			case checkKnown && known[u.field]:
				continue
			case checkKnown && knownByKey[k] != "":
				want := knownByKey[k]
				f := p.Reportf(first.Span, "field %q (%s) is not in the configured field list, which spells it %q", u.field, first.Text, want)
				f.Related = related
				f.Fix = respell(first, want)
			case checkKnown:
				f := p.Reportf(first.Span, "unknown field %q (%s): not among the %d configured template fields", u.field, first.Text, len(p.Options.Fields))
				f.Related = related
			case u != canon:
				f := p.Reportf(first.Span, "field %q (%s) is spelled %q elsewhere in this template; a merge fills only one spelling", u.field, first.Text, canon.field)
				f.Related = append([]finding.Related{{Span: canon.places[0].Span, Message: fmt.Sprintf("spelled %q here", canon.field)}}, related...)
				f.Fix = respell(first, canon.field)
			}
		}
	}
}

// preferred picks the spelling others are held to: one in the configured
// list, else the one used most, else the first.
func preferred(uses []*fieldUse, known map[string]bool) *fieldUse {
	for _, u := range uses {
		if known[u.field] {
			return u
		}
	}
	best := uses[0]
	for _, u := range uses[1:] {
		if len(u.places) > len(best.places) {
			best = u
		}
	}
	return best
}

// respell is the fix that writes a placeholder with another field name,
// keeping its syntax and spacing; nil when the name does not appear once.
func respell(pl placed, field string) *finding.Fix {
	if strings.Count(pl.Text, pl.Field) != 1 {
		return nil
	}
	return &finding.Fix{Span: pl.Span, Replacement: strings.Replace(pl.Text, pl.Field, field, 1)}
}
