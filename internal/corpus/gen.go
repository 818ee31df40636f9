package corpus

import (
	"math/rand/v2"
	"time"
)

// kind is the kind of treatment a disputed item requests.
type kind int

const (
	kMassage kind = iota
	kPT
	kChiro
	kAcu
	kMRI
	kXray
	kEMG
	kMed
	kTENS
	kESI
	kHome
)

// therapy kinds are counted in sessions and governed by visit limits.
func (k kind) therapy() bool { return k <= kAcu }

// imaging kinds are decided under the ACOEM chapter of their region.
func (k kind) imaging() bool { return k == kMRI || k == kXray || k == kEMG }

// Citation styles. The page style ("Chronic Pain Treatment Guidelines
// Massage Therapy Page(s): 60") is that of letters decided before the 2016
// update of the MTUS; the section style ("MTUS Chronic Pain Medical Treatment
// 2016, Section(s): Massage therapy") that of later letters and of a few
// earlier ones; the 2013 layout has its own ("MTUS Chronic Pain Medical
// Treatment Guidelines (2009), Massage therapy, page 60").
const (
	stylePage = iota
	styleSection
	style2013
)

// The days the MTUS changed (guidelines/mtus.toml): the 2016 Chronic Pain
// Medical Treatment Guidelines and the Opioid Treatment Guidelines took
// effect on 2016-07-29; the 2004 ACOEM chapters were superseded on
// 2017-12-01, which is why no letter is dated later than 2017-11-30 (the
// generator cites only the 2009-2017 MTUS).
var (
	update2016 = date(2016, 7, 29)
	lastDay    = date(2017, 11, 30)
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// item is one disputed item of a letter.
type item struct {
	k    kind
	reg  *region
	side string // "left", "right", "bilateral" or ""

	// Quantity: sessions of a therapy, the count of a medication, the days
	// of a TENS trial, the visits of home health care. freq > 0 writes it as
	// frequency x duration ("2 times a week for 6 weeks", "2x6").
	qty        int
	freq       int
	weeks      int
	xStyle     bool // "2x6" rather than "2 times a week for 6 weeks"
	additional bool // "12 additional sessions"
	concTotal  bool // the conclusion restates frequency x duration as a total
	// unit and concUnit are the words for sessions in the header and in
	// the conclusion: sessions, visits or treatments, all one unit.
	unit, concUnit string
	hashPartial    bool   // a partial header counts sessions as "#8"
	xCount         bool   // the header counts sessions as "x6"
	sig            string // a medication header's dosing instruction
	bareDecision   bool   // the decision stands alone on the header's last line

	// History of a therapy: sessions completed, and whether the summary
	// documents functional improvement after them (+1), documents none (-1)
	// or says nothing (0).
	prior int
	fi    int

	m        *med
	strength string

	emg   int    // 0 "EMG/NCS", 1 EMG, 2 NCS, 3 EMG and NCS spelled out
	level string // the spinal level of an injection
	tens  int    // 0 a 30 day trial, 1 a purchase

	overturned bool
	partial    bool
	orig, auth int

	treat     string // the treatment as the header writes it ("Chiropractic treatment")
	treatConc string // and as the conclusion does ("chiropractic treatment")
	hdrStyle  int
	wrap      int  // the header's wrap width; 0 to keep it on one line when it fits
	odg       bool // ODG is cited (and named in the rationale)
	// extraCite: the expert reviewer cites a second source (the ACOEM
	// chapter of a massage, a second CPMTG section of a drug, the CPMTG
	// section of an EMG).
	extraCite bool
	claimSame bool // 2013: "The Expert Reviewer relied on the same guideline."
	generic   bool // the conclusion is "The request is not medically necessary."
	concStyle int

	// rationale is the rendered rationale body, kept so that a copied
	// rationale can repeat it word for word.
	rationale string
	// ageSentence makes the rationale restate the patient's age, which an
	// age fault alters (a pronoun fault alters the first {PF} instead).
	ageSentence bool
}

// gen generates one letter.
type gen struct {
	r    *rand.Rand
	opts Options
	idx  int

	layout string
	style  int
	cpmtg  int // the edition of the Chronic Pain Medical Treatment Guidelines in force
	mess   *messOpts
	width  int // wrap width

	fault  string // the check of the injected fault, "" for a clean letter
	target int    // the item the fault is in
	source int    // copied-rationale: the item whose rationale is copied

	female bool
	age    int
	occ    string
	mech   string
	phys   string
	spec   string
	doi    time.Time
	ur     time.Time
	app    time.Time
	assign time.Time
	decide time.Time
	caseNo string
	header int // 0 case table in columns, 1 labels and values apart, 2 no table

	items []*item

	// Fault details.
	wrongAge     int
	wrongDOI     time.Time
	pronounFault bool
	wrongRegion  *region
	sideFault    bool
	wrongTreat   string
	wrongQty     int
	wrongLimit   string
	wrongChapter *region

	// Text choices kept across sentences.
	doiForm  int  // how the summary writes the date of injury
	numWords bool // counts of sessions written "twelve (12)"
}

func newGen(r *rand.Rand, opts Options, idx int) *gen {
	return &gen{r: r, opts: opts, idx: idx, target: -1, source: -1}
}

func (g *gen) intn(n int) int                    { return g.r.IntN(n) }
func (g *gen) chance(p float64) bool             { return g.r.Float64() < p }
func (g *gen) between(lo, hi int) int            { return lo + g.r.IntN(hi-lo+1) }
func pick[T any](g *gen, xs []T) T               { return xs[g.r.IntN(len(xs))] }
func (g *gen) days(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// build decides everything about the letter but its wording.
func (g *gen) build() {
	// The order of the draws is fixed, so a letter depends only on its
	// stream: layout, fault, mess, then the case.
	if g.chance(g.opts.Layout2013) {
		g.layout = Layout2013
	} else {
		g.layout = Layout2014
	}
	if g.chance(g.opts.FaultRate) {
		var applicable []string
		for _, c := range FaultChecks {
			// Partial authorizations are a feature of the current layout.
			if c == FaultPartial && g.layout == Layout2013 {
				continue
			}
			applicable = append(applicable, c)
		}
		g.fault = pick(g, applicable)
	}
	if g.chance(g.opts.Mess) {
		g.mess = g.newMess()
	}
	g.width = g.between(88, 96)

	g.dates()
	g.patient()
	g.makeItems()
	g.fitFunctionalImprovement()
	g.distinctRationales()
	g.placeFault()
}

// dates draws the decision date and the case dates before it, and the
// citation style the decision date calls for.
func (g *gen) dates() {
	switch {
	case g.layout == Layout2013:
		g.decide = g.days(date(2013, 8, 1), g.intn(300))
		g.style = style2013
	case g.fault == FaultCitationVer:
		// A 2016 edition cited before it took effect needs a section-style
		// letter (page citations print no year) decided before the update.
		g.decide = g.days(date(2014, 6, 1), g.intn(int(update2016.Sub(date(2014, 6, 1)).Hours()/24)))
		g.style = styleSection
	default:
		span := int(lastDay.Sub(date(2014, 2, 1)).Hours() / 24)
		g.decide = g.days(date(2014, 2, 1), g.intn(span+1))
		if g.decide.Before(update2016) && g.chance(0.85) {
			g.style = stylePage
		} else {
			g.style = styleSection
		}
	}
	g.assign = g.days(g.decide, -g.between(20, 40))
	g.app = g.days(g.assign, -g.between(3, 15))
	g.ur = g.days(g.app, -g.between(7, 30))
	// The 2016 update applies to requests made from 2016-07-29. The
	// letter gives no request date, so the UR's (after the request) is
	// the one a reader goes by: a request reviewed before the update was
	// made before it.
	g.cpmtg = 2009
	if !g.ur.Before(update2016) {
		g.cpmtg = 2016
	}
	g.doi = g.days(g.ur, -g.between(150, 2600))
	yy := g.decide.Year() % 100
	g.caseNo = "CM" + pad(yy, 2) + "-09" + pad(g.idx%100000, 5)
	switch {
	case g.layout == Layout2013:
		g.header = 0
	case g.fault == FaultDate || g.fault == FaultCitationVer:
		// Both faults are measured against the case table.
		g.header = g.intn(2)
	default:
		g.header = pick(g, []int{0, 0, 0, 0, 0, 0, 0, 1, 1, 2})
	}
	g.doiForm = pick(g, []int{0, 0, 0, 0, 1, 2})
	g.numWords = g.chance(0.1)
}

func (g *gen) patient() {
	g.female = g.chance(0.5)
	g.age = g.between(22, 68)
	g.occ = pick(g, occupations)
	g.mech = pick(g, mechanisms)
	g.phys = pick(g, physicians)
	g.spec = pick(g, specialties)
}

// itemKinds are drawn with these weights: therapies and medications are
// the most common disputed items, as in the letters.
var itemKinds = []kind{
	kMassage, kMassage, kPT, kPT, kPT, kChiro, kChiro, kAcu, kAcu,
	kMRI, kMRI, kMRI, kXray, kEMG, kEMG,
	kMed, kMed, kMed, kMed, kMed,
	kTENS, kESI, kHome,
}

// makeItems draws 1-5 items, then makes sure the letter has an item the
// chosen fault can be injected in.
func (g *gen) makeItems() {
	n := pick(g, []int{1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5})
	if g.fault == FaultCopied && n < 2 {
		n = 2
	}
	used := map[string]bool{}
	for len(g.items) < n {
		it := g.newItem(pick(g, itemKinds), used)
		if it != nil {
			g.items = append(g.items, it)
		}
	}
	// The fault's needs: an item of the right kind somewhere.
	need := func(ok func(*item) bool, kinds ...kind) {
		for _, it := range g.items {
			if ok(it) {
				return
			}
		}
		k := len(g.items) - 1 - g.intn(len(g.items))
		for {
			delete(used, g.items[k].key())
			if it := g.newItem(pick(g, kinds), used); it != nil {
				g.items[k] = it
				if ok(it) {
					return
				}
			}
		}
	}
	switch g.fault {
	case FaultQuantity:
		need(func(it *item) bool { return it.hasQty() && !it.partial }, kMassage, kPT, kMed, kChiro, kAcu, kTENS)
	case FaultBodyPart:
		need(func(it *item) bool { return it.reg != nil && !it.partial }, kMRI, kMassage, kPT, kEMG)
	case FaultTreatment:
		need(func(it *item) bool { return it.k != kMed && !it.partial }, kMRI, kMassage, kPT, kChiro, kAcu)
	case FaultCopied:
		// The rationale of an imaging or medication item is copied under a
		// later item: such rationales restate no visit limit and conclude
		// on "the request", so the copy contradicts nothing but itself.
		need(func(it *item) bool { return (it.k.imaging() || it.k == kMed) && !it.partial }, kMRI, kXray, kMed)
	case FaultCitationPart:
		need(func(it *item) bool { return it.k.imaging() }, kMRI, kXray, kEMG)
	case FaultCitationVer:
		need(func(it *item) bool { return it.citesCPMTG() }, kMassage, kPT, kMed, kChiro)
	case FaultMisquoted:
		need(func(it *item) bool { return (it.k == kMassage || it.k == kAcu) && !it.partial }, kMassage, kAcu)
	case FaultPartial:
		// A partly authorized item whose conclusion will judge the original.
		for _, it := range g.items {
			if it.k == kChiro || it.k == kMed || it.k == kPT || it.k == kMassage {
				g.makePartial(it)
				return
			}
		}
		k := len(g.items) - 1
		delete(used, g.items[k].key())
		for {
			if it := g.newItem(kChiro, used); it != nil {
				g.makePartial(it)
				g.items[k] = it
				return
			}
		}
	}
}

func (it *item) key() string {
	k := itoa(int(it.k))
	if it.reg != nil {
		k += it.reg.id
	}
	if it.m != nil {
		k += it.m.name
	}
	return k
}

func (it *item) hasQty() bool {
	switch it.k {
	case kMRI, kXray, kEMG, kESI:
		return false
	case kTENS:
		return it.tens == 0
	}
	return true
}

// citesCPMTG: the item is decided under the Chronic Pain Medical Treatment
// Guidelines, whose edition changed in 2016.
func (it *item) citesCPMTG() bool {
	switch it.k {
	case kMassage, kPT, kChiro, kMed, kTENS, kESI, kHome:
		return true
	}
	return false
}

// newItem draws an item of kind k; nil when the letter already has an item
// of that treatment and region (two such items would be one request).
func (g *gen) newItem(k kind, used map[string]bool) *item {
	it := &item{k: k}
	it.overturned = g.chance(1.0 / 9)
	switch k {
	case kMassage:
		it.reg = pick(g, therapyRegions)
		it.treat, it.treatConc = "Massage therapy", "massage therapy"
		g.therapyHistory(it, []int{6}, 0.5)
		if it.overturned {
			// Massage is limited to 4-6 visits (rule cpmtg-massage-visits,
			// confirmed): an approval never goes beyond.
			it.qty = pick(g, []int{4, 6})
		} else {
			it.qty = pick(g, []int{6, 8, 10, 12, 12})
		}
	case kPT:
		it.reg = pick(g, therapyRegions)
		it.treat, it.treatConc = pick(g, []string{"Physical therapy", "Physical therapy", "Physiotherapy"}), "physical therapy"
		g.therapyHistory(it, []int{6, 8, 12, 18, 24}, 0.6)
		if g.chance(0.4) {
			it.freq = pick(g, []int{2, 2, 3})
			it.weeks = pick(g, []int{3, 4, 6})
			it.xStyle = g.chance(0.4)
			it.qty = it.freq * it.weeks
			it.concTotal = g.chance(0.4)
		} else {
			it.qty = pick(g, []int{6, 8, 10, 12, 12, 18})
		}
		if it.overturned && it.qty > 10 {
			// Within the 9-10 visits of physical medicine.
			it.freq, it.weeks, it.qty = 0, 0, pick(g, []int{6, 8, 10})
		}
	case kChiro:
		it.reg = pick(g, chiroRegions)
		it.treat = pick(g, []string{"Chiropractic treatment", "Chiropractic manipulation", "Chiropractic care"})
		it.treatConc = lower(it.treat)
		g.therapyHistory(it, []int{6, 12}, 0.5)
		switch {
		case it.overturned && it.prior == 0:
			it.qty = pick(g, []int{4, 6}) // the 6-visit trial
		case it.overturned:
			it.qty = pick(g, []int{4, 6}) // within 18 in all
		default:
			it.qty = pick(g, []int{6, 8, 12, 18})
		}
	case kAcu:
		it.reg = pick(g, therapyRegions)
		it.treat, it.treatConc = "Acupuncture", "acupuncture"
		g.therapyHistory(it, []int{6}, 0.5)
		if it.overturned {
			it.qty = pick(g, []int{4, 6}) // 3-6 treatments (confirmed)
		} else if it.prior == 0 {
			it.qty = pick(g, []int{8, 12})
		} else {
			it.qty = pick(g, []int{6, 8, 12})
		}
	case kMRI:
		it.reg = pick(g, imagingRegions)
		it.treat = pick(g, []string{"MRI", "MRI", "Magnetic resonance imaging (MRI)"})
		it.treatConc = "MRI"
		it.odg = g.style != style2013 && g.chance(0.3)
	case kXray:
		it.reg = pick(g, imagingRegions)
		it.treat, it.treatConc = pick(g, []string{"X-rays", "X-ray", "Radiographs"}), "x-rays"
		if it.treat == "Radiographs" {
			it.treatConc = "radiographs"
		}
	case kEMG:
		it.reg = pick(g, []*region{regUpper, regLower})
		it.emg = pick(g, []int{0, 0, 1, 2, 3})
		it.treat = []string{"EMG/NCS", "EMG", "NCS", "Electromyography (EMG) and nerve conduction studies (NCS)"}[it.emg]
		it.treatConc = []string{"EMG/NCS", "EMG", "NCS", "EMG/NCS"}[it.emg]
	case kMed:
		it.m = pick(g, meds)
		it.strength = pick(g, it.m.strength)
		it.qty = pick(g, it.m.counts)
	case kTENS:
		it.reg = pick(g, []*region{regLumbar, regLumbar, regCervical, regShoulder, regKnee})
		it.tens = g.intn(2)
		if it.tens == 0 {
			it.qty = 30
		}
		it.treat, it.treatConc = "TENS unit", "TENS unit"
	case kESI:
		it.reg = pick(g, esiRegions)
		it.level = pick(g, esiLevels[it.reg.id])
		it.treat, it.treatConc = "epidural steroid injection", "epidural steroid injection"
	case kHome:
		it.treat, it.treatConc = "Home health care", "home health care"
		it.freq = pick(g, []int{2, 3})
		it.weeks = pick(g, []int{2, 4, 6})
		it.qty = it.freq * it.weeks
	}
	if it.reg != nil && it.reg.sided {
		switch {
		case it.reg.limb != "":
			it.side = pick(g, []string{"bilateral", "bilateral", "left", "right"})
		case k == kPT || k == kMassage:
			it.side = pick(g, []string{"left", "right", "right", "bilateral"})
		default:
			it.side = pick(g, []string{"left", "right", "right"})
		}
	}
	if used[it.key()] {
		return nil
	}
	used[it.key()] = true
	it.hdrStyle = g.intn(4)
	it.concStyle = g.intn(5)
	it.generic = g.chance(0.04)
	it.unit, it.concUnit = "sessions", "sessions"
	if k.therapy() {
		words := []string{"sessions", "sessions", "sessions", "visits"}
		if k == kAcu {
			words = append(words, "treatments")
		}
		it.unit, it.concUnit = pick(g, words), pick(g, words)
	}
	it.hashPartial = g.chance(0.5)
	it.xCount = k.therapy() && it.freq == 0 && !it.additional && g.chance(0.08)
	if k == kMed && it.m.unit == "" && it.m.form == "" && g.chance(0.15) {
		it.sig = pick(g, []string{"1 tablet twice a day", "1 tablet at bedtime", "take 1 every 6 hours as needed", "1 capsule three times a day"})
	}
	it.ageSentence = g.chance(0.3)
	it.claimSame = g.chance(0.3)
	it.extraCite = g.chance(0.5)
	switch {
	case g.chance(0.2):
		it.wrap = g.between(38, 60)
	case g.chance(0.05):
		it.bareDecision = true
	}
	if g.layout == Layout2014 && (k == kChiro || k == kMed && it.m.opioid) && g.fault != FaultPartial && g.chance(0.12) {
		g.makePartial(it)
	}
	return it
}

// therapyHistory draws the sessions a therapy item had before and what the
// summary says they achieved. An approval of more care follows documented
// functional improvement; a denial after earlier sessions follows its
// absence, as 8 CCR 9792.20 has it.
func (g *gen) therapyHistory(it *item, priors []int, p float64) {
	if g.chance(p) {
		it.prior = pick(g, priors)
		if it.overturned {
			it.prior = priors[0]
			it.fi = 1
		} else {
			it.fi = -1
		}
		it.additional = g.chance(0.6)
	}
}

// makePartial turns an item into a partly authorized one: the Claims
// Administrator authorized part, and the remaining portion is denied.
func (g *gen) makePartial(it *item) {
	switch it.k {
	case kChiro:
		it.orig, it.auth = pick(g, []int{8, 10, 12}), 6
		it.prior, it.fi, it.additional = 0, 0, false
	case kPT:
		it.orig, it.auth = pick(g, []int{12, 18}), 6
		it.freq, it.weeks = 0, 0
		it.prior, it.fi, it.additional = 0, 0, false
	case kMassage:
		it.orig, it.auth = pick(g, []int{8, 10, 12}), 4
		it.prior, it.fi, it.additional = 0, 0, false
	case kMed:
		it.orig = pick(g, []int{90, 120, 180})
		it.auth = it.orig * pick(g, []int{50, 70}) / 100
	default:
		return
	}
	it.partial = true
	it.overturned = false
	it.qty = it.orig - it.auth
	it.generic = false
}

// distinctRationales keeps two items of one kind from sharing a rationale
// word for word: their rationales differ in the request their conclusions
// restate, so neither may conclude on "the request" alone. (Two such items
// are what the copied-rationale fault injects.)
func (g *gen) distinctRationales() {
	for _, it := range g.items {
		for _, o := range g.items {
			if o != it && o.k == it.k && (it.m == nil || o.m.class == it.m.class) {
				it.generic = false
			}
		}
	}
}

// fitFunctionalImprovement keeps the letter consistent about functional
// improvement the way the functional-improvement check reads it. The check
// pools the whole summary: sessions completed of any therapy make every
// therapy request "continued", and one "no functional improvement" sentence
// speaks for all of them. So when a denial rests on the absence of
// improvement after earlier sessions, an approved therapy in the same letter
// follows documented improvement too; otherwise a first trial of another
// therapy would be read as continued care approved without improvement.
func (g *gen) fitFunctionalImprovement() {
	neg := false
	for _, it := range g.items {
		if it.fi < 0 {
			neg = true
		}
	}
	if !neg {
		return
	}
	for _, it := range g.items {
		if it.k.therapy() && it.overturned && it.fi == 0 {
			it.prior = 6
			it.fi = 1
			it.additional = true
			if it.k == kChiro && it.qty > 6 {
				it.qty = 6
			}
		}
	}
}
