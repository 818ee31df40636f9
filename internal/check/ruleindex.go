package check

import (
	"strings"
	"sync"

	"github.com/imrlint/imrlint/internal/rules"
)

// rules.Set finds treatments and rules by linear searches (copying each
// Treatment and Region it passes), and the checks ask for them for every
// item of every letter. setIndex gives the same answers from indexes made
// once per rule set. A set is not changed once loaded; the index is made
// again should its lists grow.
type setIndex struct {
	set                *rules.Set
	nRules, nTreatment int            // the lengths the index was made for
	treatment          map[string]int // id -> first place in Treatments
	// rules holds RulesFor's answers by kind, treatment and regions.
	rules sync.Map // string -> []*rules.Rule
}

var setIndexes sync.Map // *rules.Set -> *setIndex

// indexOf returns the index of set.
func indexOf(set *rules.Set) *setIndex {
	if x, ok := setIndexes.Load(set); ok {
		ix := x.(*setIndex)
		if ix.nRules == len(set.Rules) && ix.nTreatment == len(set.Treatments) {
			return ix
		}
	}
	ix := &setIndex{set: set, nRules: len(set.Rules), nTreatment: len(set.Treatments), treatment: make(map[string]int, len(set.Treatments))}
	for i, t := range set.Treatments {
		if _, dup := ix.treatment[t.ID]; !dup {
			ix.treatment[t.ID] = i
		}
	}
	setIndexes.Store(set, ix)
	return ix
}

// index is the index of p.Rules, found once per pass.
func (p *Pass) index() *setIndex {
	if p.ix == nil || p.ix.set != p.Rules {
		p.ix = indexOf(p.Rules)
	}
	return p.ix
}

// treatmentByID is p.Rules.TreatmentByID(id).
func treatmentByID(p *Pass, id string) (rules.Treatment, bool) {
	if i, ok := p.index().treatment[id]; ok {
		return p.Rules.Treatments[i], true
	}
	return rules.Treatment{}, false
}

// rulesFor is p.Rules.RulesFor(kind, treatment, regions). The answer is
// shared: callers only read it (its capacity is its length, so an append
// would copy).
func rulesFor(p *Pass, kind, treatment string, regions []string) []*rules.Rule {
	ix := p.index()
	key := rulesKey(kind, treatment, regions)
	if rs, ok := ix.rules.Load(key); ok {
		return rs.([]*rules.Rule)
	}
	rs := p.Rules.RulesFor(kind, treatment, regions)
	rs = rs[:len(rs):len(rs)]
	ix.rules.Store(key, rs)
	return rs
}

// rulesKey names a RulesFor question: each part ends with a NUL, so that
// no two lists of regions give one key.
func rulesKey(kind, treatment string, regions []string) string {
	var b strings.Builder
	b.WriteString(kind)
	b.WriteByte(0)
	b.WriteString(treatment)
	b.WriteByte(0)
	for _, r := range regions {
		b.WriteString(r)
		b.WriteByte(0)
	}
	return b.String()
}
