package corpus

// placeFault chooses the item the fault goes in and the wrong value it
// carries. The fault is written when the letter is rendered: the renderer
// puts the wrong value where the right one would be and marks it, so that
// its line can be found after wrapping and mess.
func (g *gen) placeFault() {
	if g.fault == "" {
		return
	}
	choose := func(ok func(*item) bool) int {
		var ks []int
		for k, it := range g.items {
			if ok(it) {
				ks = append(ks, k)
			}
		}
		if len(ks) == 0 {
			panic("corpus: no item for fault " + g.fault)
		}
		return pick(g, ks)
	}
	switch g.fault {
	case FaultQuantity:
		g.target = choose(func(it *item) bool { return it.hasQty() && !it.partial })
		it := g.items[g.target]
		g.wrongQty = g.otherQty(it)
		it.generic = false
	case FaultDecision:
		g.target = choose(func(*item) bool { return true })
	case FaultBodyPart:
		g.target = choose(func(it *item) bool { return it.reg != nil && !it.partial })
		it := g.items[g.target]
		it.generic = false
		if (it.side == "left" || it.side == "right") && g.chance(0.6) {
			g.sideFault = true
		} else {
			g.wrongRegion = g.otherRegion(it)
		}
	case FaultTreatment:
		g.target = choose(func(it *item) bool { return it.k != kMed && !it.partial })
		g.wrongTreat = otherTreatment(g, g.items[g.target])
		g.items[g.target].generic = false
	case FaultDemographic:
		g.target = choose(func(*item) bool { return true })
		if g.chance(0.5) {
			g.pronounFault = true
		} else {
			g.items[g.target].ageSentence = true
			// Another age, close enough to be a slip.
			d := pick(g, []int{-7, -5, -3, -1, 1, 2, 4, 5, 10})
			g.wrongAge = g.age + d
		}
	case FaultDate:
		switch g.intn(3) {
		case 0:
			g.wrongDOI = g.doi.AddDate(-1, 0, 0)
		case 1:
			g.wrongDOI = g.doi.AddDate(1, 0, 0)
		default:
			g.wrongDOI = g.doi.AddDate(0, 0, pick(g, []int{-31, -10, -1, 1, 3, 30}))
		}
	case FaultCopied:
		src := choose(func(it *item) bool { return (it.k.imaging() || it.k == kMed) && !it.partial })
		if src == len(g.items)-1 {
			// The copy must come later than its source: the checker reports
			// the second of two equal rationales.
			g.items[0], g.items[src] = g.items[src], g.items[0]
			src = 0
		}
		g.source = src
		g.target = src + 1 + g.intn(len(g.items)-src-1)
		s, t := g.items[src], g.items[g.target]
		s.overturned = t.overturned
		s.generic = true
		s.odg = false
	case FaultStructure:
		g.target = choose(func(*item) bool { return true })
	case FaultCitationPart:
		g.target = choose(func(it *item) bool { return it.k.imaging() })
		it := g.items[g.target]
		// The wrong chapter must be the only region-specific citation, or
		// the right one would still fit.
		it.odg = false
		g.wrongChapter = g.otherChapter(it)
	case FaultCitationVer:
		g.target = choose(func(it *item) bool { return it.citesCPMTG() })
	case FaultMisquoted:
		g.target = choose(func(it *item) bool { return (it.k == kMassage || it.k == kAcu) && !it.partial })
		if g.items[g.target].k == kMassage {
			g.wrongLimit = pick(g, []string{"8-10", "10-12", "6-8", "8-12"})
		} else {
			g.wrongLimit = pick(g, []string{"8-12", "4-8", "6-10", "10-12"})
		}
	case FaultPartial:
		g.target = choose(func(it *item) bool { return it.partial })
		g.items[g.target].generic = false
	}
}

// otherQty is a quantity that is not the item's.
func (g *gen) otherQty(it *item) int {
	alt := func(v int, cands []int) int {
		var ok []int
		for _, c := range cands {
			if c != v {
				ok = append(ok, c)
			}
		}
		return pick(g, ok)
	}
	switch it.k {
	case kMed:
		return alt(it.qty, []int{30, 60, 90, 120, 180, 240})
	case kTENS:
		return alt(it.qty, []int{60, 90})
	case kHome:
		return alt(it.qty, []int{6, 8, 12, 18, 24})
	}
	return alt(it.qty, []int{6, 8, 10, 12, 18, 24})
}

// otherRegion is a region the item is not about, of the same kind of body
// part where the item has one (a limb for a limb, the other limb for an
// electrodiagnostic study).
func (g *gen) otherRegion(it *item) *region {
	var cands []*region
	switch {
	case it.reg.limb != "":
		cands = []*region{regUpper, regLower}
	case it.k == kESI:
		cands = []*region{regCervical, regLumbar}
	case it.reg.sided:
		cands = []*region{regShoulder, regWrist, regKnee, regAnkle, regElbow}
	default:
		cands = []*region{regCervical, regLumbar, regShoulder, regKnee}
	}
	for {
		r := pick(g, cands)
		if r != it.reg {
			return r
		}
	}
}

// otherChapter is an ACOEM chapter for another region than the item's (or,
// for an electrodiagnostic study, than the spine of its nerve roots).
func (g *gen) otherChapter(it *item) *region {
	switch it.reg.limb {
	case "upper":
		// The arm contains the shoulder and the wrist, and its roots are
		// cervical: only a chapter of the low back or the leg is wrong.
		return pick(g, []*region{regLumbar, regKnee, regAnkle})
	case "lower":
		return pick(g, []*region{regCervical, regShoulder, regWrist})
	}
	for {
		r := pick(g, []*region{regCervical, regLumbar, regShoulder, regWrist, regKnee, regAnkle})
		if r != it.reg {
			return r
		}
	}
}

// otherTreatment names a treatment of another kind and group than the
// item's (rules/vocab/treatments.toml): physical therapy and aquatic
// therapy agree, as do a TENS unit and an H-wave unit, so neither is
// offered for the other.
func otherTreatment(g *gen, it *item) string {
	switch it.k {
	case kMassage:
		return pick(g, []string{"acupuncture", "chiropractic treatment"})
	case kPT:
		return pick(g, []string{"massage therapy", "acupuncture"})
	case kChiro:
		return pick(g, []string{"acupuncture", "massage therapy"})
	case kAcu:
		return pick(g, []string{"chiropractic treatment", "massage therapy"})
	case kMRI:
		return pick(g, []string{"CT scan", "x-rays"})
	case kXray:
		return pick(g, []string{"MRI", "CT scan"})
	case kEMG:
		return "MRI"
	case kTENS:
		return "spinal cord stimulator"
	case kESI:
		return pick(g, []string{"facet injection", "trigger point injection"})
	case kHome:
		return "physical therapy"
	}
	return "acupuncture"
}
