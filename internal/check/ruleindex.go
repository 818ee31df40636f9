package check

import (
	"slices"
	"strings"
	"sync"

	"github.com/imrlint/imrlint/internal/rules"
)

// rules.Set finds treatments and rules by linear searches (copying each
// Treatment and Region it passes), and the checks ask for them for every
// item of every letter. setIndex gives the same answers from indexes made
// once per rule set and kept with it (rules.Set.Derived).
type setIndex struct {
	set       *rules.Set
	treatment map[string]int // id -> first place in Treatments
	// rules holds RulesFor's answers by kind, treatment and regions.
	rules sync.Map // string -> []*rules.Rule
}

// setIndexKey is setIndex's key in rules.Set.Derived.
type setIndexKey struct{}

// indexOf returns the index of set.
func indexOf(set *rules.Set) *setIndex {
	return set.Derived(setIndexKey{}, func() any {
		ix := &setIndex{set: set, treatment: make(map[string]int, len(set.Treatments))}
		for i, t := range set.Treatments {
			if _, dup := ix.treatment[t.ID]; !dup {
				ix.treatment[t.ID] = i
			}
		}
		return ix
	}).(*setIndex)
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
// would copy). RulesFor asks only whether any of the regions fits a rule,
// so the answer is cached under the regions sorted and without repeats;
// questions with more than maxCachedRegions regions, which few letters
// ask, are not cached, so that odd letters cannot grow the cache without
// bound in a long run.
func rulesFor(p *Pass, kind, treatment string, regions []string) []*rules.Rule {
	if len(regions) > maxCachedRegions {
		return p.Rules.RulesFor(kind, treatment, regions)
	}
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

const maxCachedRegions = 3

// rulesKey names a RulesFor question: the kind, the treatment and the
// distinct regions in sorted order, each ending with a NUL, so that no two
// questions with different answers share a key.
func rulesKey(kind, treatment string, regions []string) string {
	var sorted [maxCachedRegions]string
	rs := append(sorted[:0], regions...)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	var b strings.Builder
	b.WriteString(kind)
	b.WriteByte(0)
	b.WriteString(treatment)
	b.WriteByte(0)
	for _, r := range rs {
		b.WriteString(r)
		b.WriteByte(0)
	}
	return b.String()
}
