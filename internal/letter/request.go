package letter

import (
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// quantities finds the quantities of b.Text[s:e].
func (p *parser) quantities(b text.Block, s, e int) []Quantity {
	if s >= e {
		return nil
	}
	qs := quantity.Find(b.Text[s:e])
	out := make([]Quantity, 0, len(qs))
	for _, q := range qs {
		out = append(out, Quantity{
			Quantity: q,
			Span:     b.Span(s+q.Start, s+q.End),
			NumSpan:  b.Span(s+q.NumStart, s+q.NumEnd),
			Text:     b.Text[s+q.Start : s+q.End],
			NumText:  b.Text[s+q.NumStart : s+q.NumEnd],
		})
	}
	return out
}

// IsRequestUnit reports whether a quantity can be the amount of a request.
func IsRequestUnit(q quantity.Quantity) bool {
	switch q.Kind {
	case quantity.Amount, quantity.Range, quantity.FreqDur:
	default:
		return false
	}
	switch q.Unit {
	case quantity.Sessions, quantity.Count:
		return true
	}
	return false
}

// pickRequest chooses the quantity that is the amount requested.
func pickRequest(qs []Quantity) *Quantity {
	for _, pass := range []func(quantity.Quantity) bool{
		func(q quantity.Quantity) bool { return q.Kind == quantity.FreqDur },
		func(q quantity.Quantity) bool { return IsRequestUnit(q) },
		func(q quantity.Quantity) bool {
			return (q.Kind == quantity.Amount || q.Kind == quantity.Range) &&
				(q.Unit == quantity.Days || q.Unit == quantity.Weeks || q.Unit == quantity.Months || q.Unit == quantity.Grams || q.Unit == quantity.Milliliters)
		},
	} {
		for i := range qs {
			if pass(qs[i].Quantity) {
				q := qs[i]
				return &q
			}
		}
	}
	return nil
}

func (p *parser) requestQuantity(b text.Block, s, e int) *Quantity {
	return pickRequest(p.quantities(b, s, e))
}

var medNameTrimRE = regexp.MustCompile(`(?i)^(one|1|a|an|\(\d+\)|compound(ed)?|retrospective(ly)?|prospective|request for|refill of|refills of|two refills of|prescription of|prescription for)\s+`)

// readRequest reads treatment, quantity, body parts and medication from the
// request text b.Text[s:e].
func (p *parser) readRequest(it *Item, b text.Block, s, e int) {
	req := b.Text[s:e]
	if ms := p.v.Treatment.Find(req); len(ms) > 0 {
		m := ms[0]
		t := p.v.Treatments[m.Entry]
		it.Treatment = Treatment{ID: t.ID, Name: t.Name, Field: blockField(b, s+m.Start, s+m.End)}
		if c, ok := p.combined(ms); ok {
			it.Treatment.ID, it.Treatment.Name = c.ID, c.Name
		}
	}
	it.Quantities = p.quantities(b, s, e)
	it.Quantity = pickRequest(it.Quantities)
	it.BodyParts = p.bodyParts(b, s, e)

	// A medication: a name followed by a strength or a "#" count, not a
	// treatment of the vocabulary.
	if it.Treatment.ID != "" && it.Treatment.ID != "medication" {
		return
	}
	cut := -1
	var strength *Quantity
	for i := range it.Quantities {
		q := it.Quantities[i]
		if q.Kind == quantity.Strength {
			strength = &it.Quantities[i]
			cut = q.Start
			break
		}
		if q.Unit == quantity.Count && cut < 0 {
			cut = q.Start
			break
		}
	}
	if cut <= 0 {
		return
	}
	name := req[:cut]
	if i := strings.IndexAny(name, "(,"); i >= 0 {
		name = name[:i]
	}
	lead := len(name) - len(strings.TrimLeft(name, " "))
	for {
		loc := medNameTrimRE.FindStringIndex(name[lead:])
		if loc == nil {
			break
		}
		lead += loc[1]
	}
	nameEnd := len(strings.TrimRight(name, " "))
	if nameEnd <= lead {
		return
	}
	med := &Medication{Name: blockField(b, s+lead, s+nameEnd)}
	med.Name.Text = strings.ToLower(med.Name.Text)
	if strength != nil {
		med.Strength = *strength
	}
	it.Medication = med
	if it.Treatment.ID == "" {
		it.Treatment = Treatment{ID: "medication", Name: "medication", Field: med.Name}
	}
}

// combined finds the entry that stands for several treatments named
// together ("EMG and NCS" is an EMG/NCS study).
func (p *parser) combined(ms []phrase.Match) (rules.Treatment, bool) {
	named := map[string]bool{}
	for _, m := range ms {
		named[p.v.Treatments[m.Entry].ID] = true
	}
	for _, t := range p.v.Treatments {
		if len(t.Combines) == 0 {
			continue
		}
		all := true
		for _, c := range t.Combines {
			all = all && named[c]
		}
		if all {
			return t, true
		}
	}
	return rules.Treatment{}, false
}

var extremityAbbrev = map[string][2]string{
	"RUE": {"right", "upper-extremity"}, "LUE": {"left", "upper-extremity"}, "BUE": {"bilateral", "upper-extremity"},
	"RLE": {"right", "lower-extremity"}, "LLE": {"left", "lower-extremity"}, "BLE": {"bilateral", "lower-extremity"},
}

// bodyParts finds body regions, each with the side named just before it.
func (p *parser) bodyParts(b text.Block, s, e int) []BodyPart {
	if s >= e {
		return nil
	}
	seg := b.Text[s:e]
	toks := phrase.Tokenize(seg)
	regions := p.v.Region.FindTokens(toks)
	sides := p.v.Sides.FindTokens(toks)
	var out []BodyPart
	tokIndex := func(off int) int {
		for i, t := range toks {
			if t.Start >= off {
				return i
			}
		}
		return len(toks)
	}
	for _, r := range regions {
		bp := BodyPart{Region: p.v.Regions[r.Entry].ID}
		start := r.Start
		raw := seg[r.Start:r.End]
		if ab, ok := extremityAbbrev[raw]; ok {
			bp.Side = ab[0]
		}
		ri := tokIndex(r.Start)
		for _, sd := range sides {
			si := tokIndex(sd.Start)
			if sd.End <= r.Start && ri-si <= 3 && ri-si >= 1 {
				// "right wrist", "left and right knees", "bilateral
				// lower extremities", "right hand and wrist"
				bp.Side = rules.SideNames[sd.Entry]
				start = sd.Start
			}
		}
		bp.Field = blockField(b, s+start, s+r.End)
		out = append(out, bp)
	}
	// A side with no region after it ("the right", "left-sided") still
	// counts when it is the only body word: "Right shoulder MRI" has both,
	// "MRI, left" has a side only.
	if len(out) == 0 {
		for _, sd := range sides {
			out = append(out, BodyPart{Side: rules.SideNames[sd.Entry], Field: blockField(b, s+sd.Start, s+sd.End)})
		}
	}
	return out
}
