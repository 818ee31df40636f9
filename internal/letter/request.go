package letter

import (
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
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
	// The bare quantities are read into a list the parser keeps, and only
	// the letter's own, with their places, are made anew.
	qs := quantity.AppendFind(p.qbuf[:0], b.Text[s:e])
	p.qbuf = qs[:0]
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
	for _, pass := range requestPasses {
		for i := range qs {
			if pass(qs[i].Quantity) {
				q := qs[i]
				return &q
			}
		}
	}
	return nil
}

// requestPasses are pickRequest's tests, from the most telling: the first
// quantity that passes one is the request's.
var requestPasses = [...]func(quantity.Quantity) bool{
	func(q quantity.Quantity) bool { return q.Kind == quantity.FreqDur },
	func(q quantity.Quantity) bool { return IsRequestUnit(q) },
	func(q quantity.Quantity) bool {
		return (q.Kind == quantity.Amount || q.Kind == quantity.Range) &&
			(q.Unit == quantity.Days || q.Unit == quantity.Weeks || q.Unit == quantity.Months || q.Unit == quantity.Grams || q.Unit == quantity.Milliliters)
	},
}

// The counts a header gives without a unit ("One (1) x-ray", "NCV of the
// lower extremities, 2"): these run once on each request, and have no
// hand-written form.
var (
	leadingCountRE  = regexp.MustCompile(`(?i)^(?:one|two|three|four|five|six)\s*\((\d+)\)`)
	trailingCountRE = regexp.MustCompile(`,\s*(\d{1,3})$`)
)

// dosing reports whether the text before a quantity ends in a dosing verb
// ("take 1 tab"), `(?i)\b(take|takes|taking)\s*$`.
func dosing(s string) bool {
	e := spacesBefore(s, len(s))
	for _, w := range [...]string{"take", "takes", "taking"} {
		if b := e - len(w); b >= 0 && ascii.HasPrefixFold(s[b:e], w) && (b == 0 || !isWord(s[b-1])) {
			return true
		}
	}
	return false
}

// pickRequestIn is pickRequest over a header's quantities without the
// amounts of a dosing instruction ("take 1 tab orally") and with "#" counts
// first: "Tramadol 50mg take 1 tab ... #30" requests 30. The candidates are
// visited in that order in place, rather than copied into a new list.
func (p *parser) pickRequestIn(req string, qs []Quantity) *Quantity {
	for _, pass := range requestPasses {
		for _, hash := range [...]bool{true, false} {
			for i := range qs {
				q := &qs[i]
				if strings.HasPrefix(q.Text, "#") != hash || dosing(req[:q.Start]) || !pass(q.Quantity) {
					continue
				}
				c := *q
				return &c
			}
		}
	}
	return nil
}

// bareRequestCount reads the counts a header gives without a unit: "One (1)
// x-ray of the thoracic spine", "NCV of the bilateral lower extremities, 2".
func (p *parser) bareRequestCount(b text.Block, s, e int, qs []Quantity) *Quantity {
	req := b.Text[s:e]
	ns, ne := -1, -1
	if m := leadingCountRE.FindStringSubmatchIndex(req); m != nil {
		ns, ne = m[2], m[3]
	} else if m := trailingCountRE.FindStringSubmatchIndex(req); m != nil {
		ns, ne = m[2], m[3]
	}
	if ns < 0 {
		return nil
	}
	v, ok := quantity.ParseNumber(req[ns:ne])
	if !ok {
		return nil
	}
	return &Quantity{
		Quantity: quantity.Quantity{Kind: quantity.Amount, Value: v, Max: v, Unit: quantity.Count, Start: ns, End: ne, NumStart: ns, NumEnd: ne},
		Span:     b.Span(s+ns, s+ne), NumSpan: b.Span(s+ns, s+ne), Text: req[ns:ne], NumText: req[ns:ne],
	}
}

// headerParts tidies a header's body parts: a region named again without
// its side ("right shoulder ... rotator cuff") is one part, a side carries
// across a list ("left shoulder wrist and hip"), and a side with no region
// ("Bilateral hearing aids") names no body part.
func headerParts(bps []BodyPart) []BodyPart {
	var out []BodyPart
	side := ""
	for i, b := range bps {
		if b.Region == "" {
			continue
		}
		if b.Side != "" {
			side = b.Side
		} else if side != "" && i > 0 {
			b.Side = side
		}
		dup := false
		for k := range out {
			if out[k].Region == b.Region && (out[k].Side == b.Side || b.Side == "") {
				dup = true
			}
		}
		if !dup {
			out = append(out, b)
		}
	}
	// "the fingers of the right hand": the sided mention stands for both.
	kept := out[:0]
	for _, b := range out {
		drop := false
		for _, o := range out {
			if b.Side == "" && o.Side != "" && o.Region == b.Region {
				drop = true
			}
		}
		if !drop {
			kept = append(kept, b)
		}
	}
	return kept
}

func (p *parser) requestQuantity(b text.Block, s, e int) *Quantity {
	return pickRequest(p.quantities(b, s, e))
}

// genericRequest treatments give way to a more specific one in a header.
var genericRequest = map[string]bool{"office-visit": true, "lab-test": true, "medication": true}

// readRequest reads treatment, quantity, body parts and medication from the
// request text b.Text[s:e].
func (p *parser) readRequest(it *Item, b text.Block, s, e int) {
	req := b.Text[s:e]
	// The request's words are read once, for its treatments and its body
	// parts.
	toks := phrase.Tokenize(req)
	if ms := p.v.Treatment.FindTokens(toks); len(ms) > 0 {
		// The first specific treatment names the item: "Referral to
		// chiropractor" is chiropractic, "Labs to include: Chest X-ray" an
		// x-ray.
		m := ms[0]
		for _, c := range ms {
			if !genericRequest[p.v.Treatments[c.Entry].ID] {
				m = c
				break
			}
		}
		t := p.v.Treatments[m.Entry]
		it.Treatment = Treatment{ID: t.ID, Name: t.Name, Field: blockField(b, s+m.Start, s+m.End)}
		if c, ok := p.combined(ms); ok {
			it.Treatment.ID, it.Treatment.Name = c.ID, c.Name
		}
	}
	it.Quantities = p.quantities(b, s, e)
	it.Quantity = p.pickRequestIn(req, it.Quantities)
	if it.Quantity == nil {
		it.Quantity = p.bareRequestCount(b, s, e, it.Quantities)
	}
	if t, ok := p.v.TreatmentByID(it.Treatment.ID); ok && t.Kind == "therapy" {
		// "Acupuncture sessions #6": a count of a therapy is sessions; so
		// are the original and authorized counts of a partial approval.
		for _, q := range []*Quantity{it.Quantity, it.Original, it.Authorized} {
			if q != nil && q.Unit == quantity.Count {
				q.Unit = quantity.Sessions
			}
		}
	}
	it.BodyParts = headerParts(p.bodyPartsToks(b, s, e, toks))
	p.headerDrugs(it, b, s, e, toks)

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
		if (q.Unit == quantity.Count || q.Unit == quantity.Percent) && cut < 0 {
			cut = q.Start
			break
		}
	}
	if cut <= 0 && it.Treatment.ID == "" {
		// "Deprizine (unknown quantity)": a lone capitalised name that is
		// no treatment of the vocabulary is a drug.
		name := req
		if i := strings.Index(name, "("); i > 0 {
			name = name[:i]
		}
		if w := strings.Fields(name); len(w) >= 1 && len(w) <= 2 && w[0][0] >= 'A' && w[0][0] <= 'Z' && len(it.BodyParts) == 0 {
			cut = len(strings.TrimRight(name, " "))
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
	// "Three months coverage of Viagra": the drug follows "of".
	if i := lastOf(name); i >= 0 {
		lead = i + 4
	}
	for {
		e := medNameTrim(name[lead:])
		if e < 0 {
			break
		}
		lead += e
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

// medNameLeads are the words medNameTrim drops, in the order they are
// tried, the optional endings spelled out, longer first.
var medNameLeads = [...]string{"one", "1", "a", "an", "compounded", "compound", "retrospectively", "retrospective",
	"prospective", "request for", "refill of", "refills of", "two refills of", "prescription of", "prescription for"}

// medNameTrim is the end of a word before a drug's name at the start of
// s, or -1:
//
//	(?i)^(one|1|a|an|\(\d+\)|compound(ed)?|retrospective(ly)?|prospective|request for|
//	refill of|refills of|two refills of|prescription of|prescription for)\s+
//
// The alternative taken is the first that white space follows.
func medNameTrim(s string) int {
	for k, w := range medNameLeads {
		if k == 4 {
			// `\(\d+\)` is tried after "an".
			if s != "" && s[0] == '(' {
				if n := digitRun(s, 1); n > 0 && 1+n < len(s) && s[1+n] == ')' {
					if e := spacesAfter(s, n+2); e > n+2 {
						return e
					}
				}
			}
		}
		if ascii.HasPrefixFold(s, w) {
			if e := spacesAfter(s, len(w)); e > len(w) {
				return e
			}
		}
	}
	return -1
}

// lastOf is the index of the last " of " in name, in any case, or -1.
func lastOf(name string) int {
	for i := len(name) - 4; i >= 0; i-- {
		if name[i] == ' ' && name[i+3] == ' ' && ascii.HasPrefixFold(name[i+1:], "of") {
			return i
		}
	}
	return -1
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

// bodyPartsToks finds the body regions of b.Text[s:e], whose tokens are
// toks, each with the side named just before it.
func (p *parser) bodyPartsToks(b text.Block, s, e int, toks []phrase.Token) []BodyPart {
	if s >= e {
		return nil
	}
	seg := b.Text[s:e]
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
