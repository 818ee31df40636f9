package corpus

import (
	"strings"
	"time"
)

// Marks bracket the primary span of the injected fault in the text. The
// wrapper keeps a marked span on one line, and the mess leaves it alone, so
// that after both its line and text can be read back.
const (
	markStart = '\x02'
	markEnd   = '\x03'
)

func mark(s string) string { return string(markStart) + s + string(markEnd) }

// Pronouns and the words that vary with the patient's sex. Every one the
// generator writes is the patient's, so the demographic check sees one sex
// throughout a clean letter.
func (g *gen) sub(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	if g.female {
		return femaleWords.Replace(s)
	}
	return maleWords.Replace(s)
}

var (
	femaleWords = strings.NewReplacer("{P}", "She", "{p}", "she", "{Pos}", "Her", "{pos}", "her", "{obj}", "her")
	maleWords   = strings.NewReplacer("{P}", "He", "{p}", "he", "{Pos}", "His", "{pos}", "his", "{obj}", "him")
)

func (g *gen) sex() string {
	if g.female {
		return "female"
	}
	return "male"
}

// otherPronoun is the subject pronoun of the other sex.
func (g *gen) otherPronoun() string {
	if g.female {
		return "He"
	}
	return "She"
}

func fmtDate(t time.Time) string { return t.Format("01/02/2006") }

// summaryDate writes a date the way the summary's author does.
func (g *gen) summaryDate(t time.Time, form int) string {
	switch form {
	case 1:
		return t.Format("01-02-06")
	case 2:
		return t.Format("January 2, 2006")
	}
	return fmtDate(t)
}

// part is the body part as the request names it: "right wrist/hand",
// "lumbar spine", "bilateral lower extremities", "left upper extremity".
func part(side string, r *region) string {
	name := r.name
	if r.limb != "" && side != "bilateral" {
		name = strings.TrimSuffix(name, "ies") + "y"
	}
	if side == "" {
		return name
	}
	return side + " " + name
}

func (it *item) part() string { return part(it.side, it.reg) }

// partFor is the item's body part in its conclusion, where a body-part
// fault puts another side or region.
func (g *gen) partFor(k int, it *item) string {
	if g.fault != FaultBodyPart || g.target != k {
		return it.part()
	}
	if g.sideFault {
		other := "left"
		if it.side == "left" {
			other = "right"
		}
		return mark(other) + " " + part("", it.reg)
	}
	// The other region keeps the item's side where it can have one.
	side := ""
	if g.wrongRegion.sided {
		side = it.side
		if side == "" || side == "bilateral" && g.wrongRegion.limb == "" {
			side = "right"
		}
	}
	return mark(part(side, g.wrongRegion))
}

func (it *item) medText(n string) string {
	switch {
	case it.m.unit == "grams":
		return it.m.name + " " + it.strength + " cream " + n + " grams"
	case it.m.form != "":
		return it.m.name + " " + it.strength + " " + it.m.form + " #" + n
	}
	return it.m.name + " " + it.strength + " #" + n
}

// count writes a number of sessions as the letter does: "12", or
// "twelve (12)" in a letter that spells numbers out.
func (g *gen) count(n int) string {
	if g.numWords && n < len(numberWords) {
		return numberWords[n] + " (" + itoa(n) + ")"
	}
	return itoa(n)
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
	"twenty-one", "twenty-two", "twenty-three", "twenty-four"}

// sessions writes "12 sessions", "12 additional visits".
func (it *item) sessions(n, unit string) string {
	if it.additional {
		return n + " additional " + unit
	}
	return n + " " + unit
}

// freqText writes a frequency x duration as the item does.
func (it *item) freqText() string {
	if it.xStyle {
		return itoa(it.freq) + "x" + itoa(it.weeks)
	}
	return itoa(it.freq) + " times a week for " + itoa(it.weeks) + " weeks"
}

// request is the request as the 2013 determination list, the "Regarding the
// request for" heading and the summary restate it.
func (g *gen) request(it *item) string {
	switch {
	case it.k.therapy() && it.freq > 0:
		return it.treatConc + " " + it.freqText() + " for the " + it.part()
	case it.k.therapy():
		return it.sessions(g.count(it.qty), it.unit) + " of " + it.treatConc + " for the " + it.part()
	case it.k == kMRI || it.k == kXray || it.k == kEMG:
		return it.treatConc + " of the " + it.part()
	case it.k == kMed:
		return it.medText(itoa(it.qty))
	case it.k == kTENS && it.tens == 0:
		return "a 30 day trial of a TENS unit for the " + it.part()
	case it.k == kTENS:
		return "the purchase of a TENS unit for the " + it.part()
	case it.k == kESI:
		return "a " + it.reg.adj + " epidural steroid injection at " + it.level
	case it.k == kHome:
		return "home health care " + it.freqText()
	}
	return ""
}

// concRequest is the request as item k's conclusion restates it, with the
// fault's wrong value where the item carries one.
func (g *gen) concRequest(k int, it *item) string {
	mine := g.target == k
	treat := it.treatConc
	if mine && g.fault == FaultTreatment {
		treat = mark(g.wrongTreat)
	}
	p := ""
	if it.reg != nil {
		p = g.partFor(k, it)
	}
	qty := itoa(it.qty)
	sess := g.count(it.qty)
	wrongQty := mine && g.fault == FaultQuantity
	if wrongQty {
		qty = mark(itoa(g.wrongQty))
		sess = mark(g.count(g.wrongQty))
	}
	switch {
	case it.partial && it.k == kMed:
		if mine && g.fault == FaultPartial {
			// The conclusion judges what was originally requested.
			return it.m.name + " " + it.strength + " " + mark("#"+itoa(it.orig))
		}
		return "the remaining " + it.medText(qty)
	case it.partial:
		if mine && g.fault == FaultPartial {
			return mark(itoa(it.orig)) + " " + it.concUnit + " of " + treat + " for the " + p
		}
		return "the remaining " + qty + " " + it.concUnit + " of " + treat + " for the " + p
	case it.k.therapy() && it.freq > 0 && !it.concTotal && !wrongQty:
		return treat + " " + it.freqText() + " for the " + p
	case it.k.therapy():
		return it.sessions(sess, it.concUnit) + " of " + treat + " for the " + p
	case it.k == kMRI || it.k == kXray || it.k == kEMG:
		return treat + " of the " + p
	case it.k == kMed:
		if wrongQty {
			if it.m.unit == "grams" {
				return it.m.name + " " + it.strength + " cream " + qty + " grams"
			}
			return strings.TrimSuffix(it.medText(""), "#") + mark("#"+itoa(g.wrongQty))
		}
		return it.medText(qty)
	case it.k == kTENS && it.tens == 0:
		if treat == it.treatConc {
			treat = "TENS unit"
		}
		return "a " + qty + " day trial of a " + treat + " for the " + p
	case it.k == kTENS:
		return "the purchase of a " + treat + " for the " + p
	case it.k == kESI:
		adj := it.reg.adj
		if mine && g.fault == FaultBodyPart {
			adj = mark(g.wrongRegion.adj)
		}
		return "a " + adj + " " + treat + " at " + it.level
	case it.k == kHome:
		if wrongQty {
			return qty + " visits of " + treat
		}
		return treat + " " + it.freqText()
	}
	return ""
}

// conclusion is the last sentence of item k's rationale: the request
// restated with the header's quantity, treatment and body part, and the
// decision phrase matching the header's decision.
func (g *gen) conclusion(k int, it *item) string {
	over := it.overturned
	if g.fault == FaultDecision && g.target == k {
		over = !over
	}
	phrase := "is not medically necessary"
	if over {
		phrase = "is medically necessary"
	}
	if g.layout == Layout2013 {
		phrase += " and appropriate"
	}
	if g.fault == FaultDecision && g.target == k {
		phrase = mark(phrase)
	}
	if it.generic {
		return pick(g, []string{"The request ", "Therefore, the request ", "Accordingly, this request "}) + phrase + "."
	}
	req := g.concRequest(k, it)
	switch it.concStyle {
	case 0:
		if !it.partial && (it.k == kMed || it.k.imaging()) && g.intn(2) == 0 {
			return "Therefore, " + req + " " + phrase + "."
		}
	case 1:
		return "Therefore, the request for " + req + " " + phrase + "."
	case 2:
		return "As a result, the request for " + req + " " + phrase + "."
	case 3:
		if !it.partial && (it.k == kMed || it.k.imaging()) {
			return "The requested " + req + " " + phrase + "."
		}
	}
	return "The request for " + req + " " + phrase + "."
}

// ---------------------------------------------------------------------------
// The case summary.

// summary writes the clinical case summary: the patient, the injury, the
// history of each disputed item, the requests and the Utilization Review.
func (g *gen) summary() []string {
	var s []string
	doi := g.summaryDate(g.doi, g.doiForm)
	if g.fault == FaultDate {
		doi = mark(g.summaryDate(g.wrongDOI, g.doiForm))
	}
	mech := g.sub(g.mech)
	intro := []string{
		"This " + itoa(g.age) + " year old " + g.sex() + " " + g.occ + " sustained an industrial injury on " + doi + " " + mech + ".",
		"The injured worker is a " + itoa(g.age) + " year old " + g.sex() + " " + g.occ + " who was injured on " + doi + " " + mech + ".",
		"This " + itoa(g.age) + "-year-old " + g.sex() + " " + g.occ + " reported an injury on " + doi + " " + mech + ".",
		"The patient is a " + itoa(g.age) + " year old " + g.sex() + " " + g.occ + " with a date of injury of " + doi + ".",
	}
	v := g.intn(len(intro))
	s = append(s, intro[v])
	if v == 3 {
		s = append(s, g.sub("{P} was hurt "+mech+"."))
	}
	// Diagnoses of the regions in dispute.
	var diags []string
	seen := map[*region]bool{}
	for _, it := range g.items {
		r := it.reg
		if r == nil || r.limb != "" || seen[r] || len(r.diagnoses) == 0 {
			continue
		}
		seen[r] = true
		d := pick(g, r.diagnoses)
		if r.sided && it.side != "" && it.side != "bilateral" && !strings.Contains(d, " at ") {
			d += " on the " + it.side
		}
		diags = append(diags, d)
	}
	if len(diags) > 0 {
		s = append(s, g.sub(pick(g, []string{"{Pos} diagnoses include ", "{P} has been treated for ", "The diagnoses are "})+list(diags)+"."))
	}
	s = append(s, g.sub("Treatment to date has included "+list(pickN(g, []string{
		"anti-inflammatory medication", "activity modification", "cold packs",
		"a period of modified duty", "a soft brace", "rest", "topical creams", "a short course of oral steroids",
	}, 2+g.intn(2)))+"."))
	exam := g.days(g.ur, -g.between(8, 40))
	for _, it := range g.items {
		s = append(s, g.history(it, exam)...)
	}
	s = append(s, g.sub(pick(g, []string{
		"On " + g.summaryDate(exam, 0) + " {p} reported pain rated " + itoa(g.between(4, 8)) + "/10.",
		"At the visit of " + g.summaryDate(exam, 0) + " {p} rated the pain " + itoa(g.between(4, 8)) + "/10 and remained on modified duty.",
		"The most recent progress report, dated " + g.summaryDate(exam, 0) + ", records pain of " + itoa(g.between(4, 8)) + "/10.",
	})))
	var reqs []string
	for _, it := range g.items {
		if it.partial {
			reqs = append(reqs, g.origRequest(it))
		} else {
			reqs = append(reqs, g.request(it))
		}
	}
	s = append(s, pick(g, []string{"The treating physician, " + g.phys + ", requested ", g.phys + " requested ", "The treating physician requested "})+list(reqs)+".")
	s = append(s, g.urSentence())
	return s
}

// origRequest is what a partly authorized item originally asked for.
func (g *gen) origRequest(it *item) string {
	if it.k == kMed {
		return it.medText(itoa(it.orig))
	}
	return itoa(it.orig) + " sessions of " + it.treatConc + " for the " + it.part()
}

// urSentence dates the Utilization Review with the case table's UR denial
// date, and no other date, since every date of that sentence is read as the
// review's.
func (g *gen) urSentence() string {
	d := g.summaryDate(g.ur, pick(g, []int{0, 0, 0, 2}))
	var partial *item
	for _, it := range g.items {
		if it.partial {
			partial = it
			break
		}
	}
	if partial != nil {
		what := itoa(partial.auth) + " sessions"
		if partial.k == kMed {
			what = "#" + itoa(partial.auth)
		}
		rest := ""
		if len(g.items) > 1 {
			rest = " and non-certified the other requests"
		}
		name := partial.treatConc
		if partial.k == kMed {
			name = strings.ToLower(partial.m.name)
		}
		return "On " + d + " Utilization Review modified the " + name + " request to " + what + rest + "."
	}
	switch len(g.items) {
	case 1:
		return pick(g, []string{"Utilization Review non-certified the request on " + d + ".", "The request was denied by Utilization Review on " + d + "."})
	case 2:
		return "Utilization Review non-certified both requests on " + d + "."
	}
	return "Utilization Review non-certified all " + numberWord(len(g.items)) + " requests on " + d + "."
}

// history is what the summary says of an item before its request.
func (g *gen) history(it *item, exam time.Time) []string {
	var s []string
	switch {
	case it.k.therapy():
		if it.prior > 0 {
			end := g.days(g.ur, -g.between(20, 90))
			start := end.AddDate(0, -2, 0)
			from := monthNames[start.Month()-1]
			if start.Year() != end.Year() {
				from += " " + itoa(start.Year())
			}
			s = append(s, g.sub("Between "+from+" and "+monthNames[end.Month()-1]+" "+itoa(end.Year())+" {p} completed "+itoa(it.prior)+" sessions of "+it.treatConc+" for the "+it.part()+"."))
			switch it.fi {
			case 1:
				s = append(s, g.sub("Functional improvement was documented after those sessions: "+pick(g, []string{
					"{pos} Oswestry score fell from " + itoa(g.between(40, 55)) + "% to " + itoa(g.between(20, 32)) + "%",
					"{pos} sitting tolerance rose from 20 to 45 minutes",
					"{pos} lifting capacity rose from 15 to 30 pounds",
					"{p} went back to full duty",
					"{pos} walking tolerance doubled",
				})+"."))
			case -1:
				s = append(s, pick(g, []string{
					"The notes describe short-lived relief after each visit, but no functional improvement was documented.",
					"No functional improvement was documented after those sessions.",
					"The notes call the sessions \"relaxing\" and \"helpful\", but no functional improvement was documented.",
					g.sub("{Pos} work restrictions and medication use stayed the same, and no functional improvement was documented."),
				}))
			}
		} else {
			s = append(s, g.sub(pick(g, []string{"{P} has never had " + it.treatConc + ".", "There has been no prior " + it.treatConc + " for this injury."})))
		}
	case it.k == kMRI || it.k == kXray:
		if it.overturned {
			s = append(s, g.sub(pick(g, []string{
				"On " + fmtDate(exam) + " {p} had weakness graded 4-/5 in the " + it.part() + ", worse than at the visit before, with a new reflex change.",
				"The examination of " + fmtDate(exam) + " found a progressive deficit in the " + it.part() + " compared with earlier visits.",
			})))
		} else {
			s = append(s, g.sub(pick(g, []string{
				"Examination of the " + it.part() + " on " + fmtDate(exam) + " showed tenderness with a stable neurologic examination.",
				"The " + it.part() + " was tender on " + fmtDate(exam) + ", with full strength and normal reflexes.",
				"Plain films of the " + it.part() + " showed mild degenerative change, and the examination has been unchanged for months.",
			})))
		}
	case it.k == kEMG:
		s = append(s, g.sub(pick(g, []string{
			"{P} describes numbness and tingling in the " + it.part() + ".",
			"{P} reports intermittent paresthesias in the " + it.part() + ".",
		})))
	case it.k == kMed:
		months := itoa(g.between(3, 30))
		if it.m.form != "" {
			s = append(s, g.sub("{P} has used "+it.m.name+" "+it.strength+" "+it.m.form+" for "+months+" months."))
		} else {
			s = append(s, g.sub("{P} has taken "+it.m.name+" "+it.strength+" for "+months+" months."))
		}
		if it.overturned {
			s = append(s, g.sub("The notes record that "+it.m.name+" lowers {pos} pain from 8/10 to 4/10 and lets {obj} keep working."))
		} else {
			s = append(s, pick(g, []string{
				"The notes do not say how " + it.m.name + " has changed the pain or daily activity.",
				"The pain ratings are the same with and without " + it.m.name + ".",
			}))
		}
	case it.k == kTENS:
		s = append(s, g.sub(pick(g, []string{"{P} tried a TENS unit during supervised therapy.", "A TENS unit was used in the clinic with short relief."})))
	case it.k == kESI:
		if it.overturned {
			s = append(s, g.sub("{P} has pain radiating in a dermatomal pattern with a matching sensory loss, and imaging shows nerve root compression at "+it.level+"."))
		} else {
			s = append(s, g.sub("{P} has mostly axial "+it.reg.pain+" with a normal sensory and motor examination."))
		}
	case it.k == kHome:
		if it.overturned {
			s = append(s, g.sub("{P} is confined to the home after surgery and needs wound care and dressing changes."))
		} else {
			s = append(s, g.sub("{P} drives, shops and attends appointments, and the request is for help with cleaning and meals."))
		}
	}
	return s
}

// ---------------------------------------------------------------------------
// Rationales.

// rationale writes item k's rationale: the guideline, the facts of the
// case, the reason, and the conclusion. {PF} is the subject pronoun a
// demographic fault changes; the age sentence restates the patient's age.
func (g *gen) rationale(k int, it *item) string {
	var s []string
	switch it.k {
	case kMassage:
		s = g.ratMassage(k, it)
	case kPT:
		s = g.ratPT(it)
	case kChiro:
		s = g.ratChiro(it)
	case kAcu:
		s = g.ratAcu(k, it)
	case kMRI, kXray:
		s = g.ratImaging(it)
	case kEMG:
		s = g.ratEMG(it)
	case kMed:
		s = g.ratMed(it)
	case kTENS:
		s = g.ratTENS(it)
	case kESI:
		s = g.ratESI(it)
	case kHome:
		s = g.ratHome(it)
	}
	if it.ageSentence {
		age := itoa(g.age)
		if g.fault == FaultDemographic && !g.pronounFault && g.target == k {
			age = mark(itoa(g.wrongAge))
		}
		s = append([]string{"This " + age + " year old " + pick(g, []string{"worker", "patient", "claimant"}) + " has been followed for this problem since the date of injury."}, s...)
	}
	needPF := g.fault == FaultDemographic && g.pronounFault && g.target == k && !strings.Contains(strings.Join(s, " "), "{PF}")
	if needPF || g.chance(0.15) {
		s = append(s, pick(g, []string{"{PF} remains on modified duty.", "{PF} continues to work with restrictions.", "{PF} is still symptomatic."}))
	}
	s = append(s, g.conclusion(k, it))
	out := g.sub(strings.Join(s, " "))
	// The first {PF} is the patient's subject pronoun; a demographic fault
	// gives it the other sex.
	pf := "She"
	if !g.female {
		pf = "He"
	}
	if g.fault == FaultDemographic && g.pronounFault && g.target == k {
		out = strings.Replace(out, "{PF}", mark(g.otherPronoun()), 1)
	}
	return strings.ReplaceAll(out, "{PF}", pf)
}

// limit is a quoted visit limit, wrong where the misquoted-limit fault is.
func (g *gen) limit(k int, right string) string {
	if g.fault == FaultMisquoted && g.target == k {
		return mark(g.wrongLimit)
	}
	return right
}

func (g *gen) ratMassage(k int, it *item) []string {
	s := []string{pick(g, []string{
		"The chronic pain guidelines present massage as an adjunct to other recommended treatment, such as exercise, and not as care on its own.",
		"Massage is a passive treatment, and the chronic pain guidelines describe it only as an adjunct to an active exercise program.",
	})}
	s = append(s, pick(g, []string{
		"MTUS limits massage to " + g.limit(k, "4-6") + " visits in most cases, since its effect fades once treatment ends.",
		"The guidelines support " + g.limit(k, "4-6") + " visits of massage in most cases.",
		"MTUS allows " + g.limit(k, "4-6") + " massage visits as an adjunct to exercise.",
	}))
	switch {
	case it.partial:
		s = append(s, "Utilization Review has already authorized "+itoa(it.auth)+" visits, a full course by the guideline, and nothing in the records explains why more would be needed.")
	case it.overturned && it.prior > 0:
		s = append(s, "Functional improvement was documented after the earlier massage visits, and the request stays within the range the guidelines allow.",
			"{PF} also follows a daily home exercise program, which massage is meant to support.")
	case it.overturned:
		s = append(s, "{PF} has not had massage before and follows a daily home exercise program, which a short course of massage would support.")
	case it.prior > 0:
		s = append(s, pick(g, []string{
			"{PF} has already received " + itoa(it.prior) + " sessions without any measurable change in strength, motion or tolerance for work.",
			"{PF} completed " + itoa(it.prior) + " sessions, and the notes describe temporary relief but no functional improvement.",
		}), "Continued passive care is not supported in that situation.")
	default:
		s = append(s, "{PF} has not started an active exercise program that massage could support.")
		if it.qty > 6 {
			s = append(s, "This is more than the 4-6 visits the guidelines support.")
		}
	}
	return s
}

func (g *gen) ratPT(it *item) []string {
	s := []string{pick(g, []string{
		"For myalgia and myositis the MTUS allows 9-10 visits over 8 weeks, and for neuralgia, neuritis and radiculitis 8-10 visits over 4 weeks, with treatment frequency fading toward an active home program.",
		"The guidelines recommend 9-10 visits over 8 weeks for myalgia and myositis, with treatment fading to a self-directed home program.",
		"Physical medicine is supported with a fading of treatment frequency toward an active, self-directed home program, and MTUS allows 8-10 visits over 4 weeks for neuritis and radiculitis.",
	})}
	total := it.qty
	switch {
	case it.partial:
		s = append(s, "Utilization Review has already authorized "+itoa(it.auth)+" visits, and the response to them should be known before more are added.")
	case it.overturned:
		if it.prior > 0 {
			s = append(s, "Functional improvement was documented after the earlier sessions, and the visits requested are within the guideline range.")
		} else {
			s = append(s, "{PF} has not had supervised therapy for this problem, and a short course to establish a home program is reasonable.")
		}
		s = append(s, "{PF} is motivated and works on the exercises at home.")
	case it.prior > 0:
		s = append(s, pick(g, []string{
			"{PF} has completed " + itoa(it.prior) + " sessions of physical therapy, and the records show no functional improvement from them.",
			"After " + itoa(it.prior) + " supervised sessions, the records show no functional improvement, and a home exercise program should by now carry the treatment.",
		}))
	default:
		s = append(s, "{PF} has not yet tried the home exercise program the treating notes describe.")
		if total > 10 {
			s = append(s, "This is more than the 9-10 visits the guidelines allow.")
		}
	}
	return s
}

func (g *gen) ratChiro(it *item) []string {
	var s []string
	if it.reg == regLumbar {
		s = append(s, pick(g, []string{
			"MTUS supports manual therapy and manipulation for chronic low back pain, beginning with a trial of 6 visits over 2 weeks; with objective functional improvement, care may continue up to a total of 18 visits over 6-8 weeks.",
			"For low back pain of musculoskeletal origin the guidelines recommend a trial of 6 visits over 2 weeks; with evidence of objective functional improvement, up to 18 visits over 6-8 weeks.",
		}))
	} else {
		s = append(s, "Manipulation is recommended for neck pain of musculoskeletal origin when it produces objective functional improvement, with care reassessed after a short trial.")
	}
	switch {
	case it.partial:
		s = append(s, "Utilization Review has already authorized "+itoa(it.auth)+" visits, the full trial, and whether more visits are warranted depends on how {p} responds to it.",
			"That response has not been documented yet.")
	case it.overturned && it.prior > 0:
		s = append(s, "Functional improvement was documented after the first "+itoa(it.prior)+" visits, and the visits requested keep the course within the total the guidelines allow.")
	case it.overturned:
		s = append(s, "{PF} has never had manipulation, and the visits requested fit within the initial trial the guidelines describe.")
	case it.prior > 0:
		s = append(s, "{PF} has already completed "+itoa(it.prior)+" chiropractic visits, and the records show no functional improvement from them.",
			"Maintenance care is not medically necessary under the guidelines.")
	default:
		if it.qty > 6 && it.reg == regLumbar {
			s = append(s, "{PF} has never had manipulation.", "This is more than the 6-visit trial the guidelines allow before reassessment.")
		} else {
			s = append(s, "{PF} now has weakness that has progressed since the last visit, which calls for evaluation before any manipulation.")
		}
	}
	return s
}

func (g *gen) ratAcu(k int, it *item) []string {
	s := []string{pick(g, []string{
		"The acupuncture guidelines allow " + g.limit(k, "3-6") + " treatments to produce functional improvement, and treatment may be extended only when functional improvement is documented.",
		"MTUS allows " + g.limit(k, "3-6") + " acupuncture treatments for an initial course; an extension depends on documented functional improvement.",
	})}
	switch {
	case it.overturned && it.prior > 0:
		s = append(s, "Functional improvement was documented after the first course, which allows the treatment to be extended.")
	case it.overturned:
		s = append(s, "{PF} has never had acupuncture, and a first course of this size is within the guidelines.")
	case it.prior > 0:
		s = append(s, g.sub("{PF} completed "+itoa(it.prior)+" treatments without functional improvement: {pos} pain, sitting tolerance and medication use are unchanged."))
	default:
		s = append(s, "{PF} has never had acupuncture.", "This is more than the 3-6 treatments in which the guidelines expect a response.")
	}
	return s
}

func (g *gen) ratImaging(it *item) []string {
	var s []string
	r := it.reg
	switch r {
	case regLumbar:
		s = append(s, "The low back chapter reserves imaging for unequivocal objective findings of specific nerve compromise in a patient who would consider surgery, or for a red flag such as a progressive neurologic deficit.")
	case regCervical:
		s = append(s, "Imaging of the neck is supported when there is physiologic evidence of neurologic dysfunction or a red flag, or before an invasive procedure.")
	case regKnee:
		s = append(s, "Imaging of the knee is reserved for suspected internal derangement, such as a meniscal or ligament tear, when surgery is being considered.")
	case regShoulder:
		s = append(s, "Imaging of the shoulder is considered when a red flag is present or when surgery is planned for a specific anatomic defect.")
	default:
		s = append(s, "Special studies of the "+r.name+" are reserved for suspected fracture, instability or a red flag, or for planning surgery.")
	}
	if it.odg {
		s = append(s, "ODG likewise recommends imaging only when radiographs are nondiagnostic and conservative care has failed, or when the findings have changed.")
	}
	if it.overturned {
		s = append(s, "{PF} now has a deficit that has progressed over recent visits, which is an objective and progressive finding.",
			"Imaging is needed to find its cause and to plan further care, including a possible surgical referral.")
	} else {
		s = append(s, pick(g, []string{
			"{PF} has a stable examination without a focal neurologic deficit, and no surgery is planned.",
			"{PF} has tenderness but full strength and normal reflexes, and the findings have not changed for months.",
		}), "A study would not be expected to change the treatment plan.")
	}
	return s
}

func (g *gen) ratEMG(it *item) []string {
	s := []string{"Electrodiagnostic studies may help to identify subtle focal neurologic dysfunction when limb symptoms have lasted more than a few weeks, but they add little when the diagnosis is already clear on examination and imaging."}
	if it.overturned {
		s = append(s, "{PF} has new symptoms that do not follow the distribution of the known disc lesion, and no electrodiagnostic testing has been done.",
			"Testing will separate a peripheral nerve problem from a root lesion and guide further care.")
	} else {
		s = append(s, "{PF} has symptoms that match the level already shown on imaging, with a stable examination.",
			"Testing would not change the diagnosis or the treatment.")
	}
	return s
}

func (g *gen) ratMed(it *item) []string {
	var s []string
	n := it.m.name
	switch it.m.class {
	case "opioid":
		s = append(s, "Continued opioid therapy requires documentation of pain relief, daily activities, adverse effects and aberrant drug-related behavior at each visit, together with a treatment agreement and drug testing.")
		switch {
		case it.partial:
			s = append(s, "The amount already authorized by Utilization Review allows a supervised taper, and nothing in the file supports dispensing more than that.")
		case it.overturned:
			s = append(s, "{PF} reports a clear reduction in pain with "+n+", a drug screen was consistent, and a signed agreement is on file.")
		default:
			s = append(s, "The records show pain rated the same with and without "+n+" and describe no activity it allows {obj} to do.",
				"The medication should be tapered rather than continued.")
		}
	case "aed":
		s = append(s, "Anti-epilepsy drugs are a first-line treatment for neuropathic pain, and the guidelines define a good response as a 50% reduction in pain and a moderate response as a 30% reduction.")
		if it.overturned {
			s = append(s, "{PF} has burning neuropathic pain that fell by half after "+n+" was started, with no side effects.")
		} else {
			s = append(s, "{PF} has axial pain without neuropathic features, and no response to "+n+" has been recorded.")
		}
	case "relaxant":
		s = append(s, "Muscle relaxants are a second-line option for short-term treatment of acute flares of low back pain, and their benefit fades with continued use.")
		if it.overturned {
			s = append(s, "{PF} has an acute flare with spasm on examination, and a short course is reasonable.")
		} else {
			s = append(s, "{PF} has taken "+n+" daily for months, well beyond a short course.")
		}
	case "nsaid":
		s = append(s, "NSAIDs are recommended at the lowest effective dose for the shortest period for moderate to severe pain.")
		if it.overturned {
			s = append(s, "{PF} reports that "+n+" lowers the pain enough to keep working, and no gastrointestinal or renal side effects are recorded.")
		} else {
			s = append(s, "The records do not describe any benefit from "+n+", and the longest use is least supported.")
		}
	case "ppi":
		s = append(s, "A proton pump inhibitor is indicated with an NSAID when the risk of gastrointestinal events is intermediate or high.")
		if it.overturned {
			s = append(s, "{PF} had a bleeding ulcer in the past and still takes an NSAID.")
		} else {
			s = append(s, "{PF} is younger than 65, has no history of ulcer or bleeding and takes no anticoagulant.")
		}
	case "patch":
		s = append(s, "A lidocaine patch may be considered for localized peripheral neuropathic pain after a trial of first-line therapy has failed.")
		if it.overturned {
			s = append(s, "{PF} has localized neuropathic pain over a scar after failing two first-line agents.")
		} else {
			s = append(s, "{PF} uses the patch for axial pain, which is not a localized peripheral neuropathic condition.")
		}
	case "topical":
		s = append(s, "Topical analgesics are largely experimental, and a topical NSAID is supported only for short use on joints amenable to topical treatment.")
		if it.overturned {
			s = append(s, "{PF} cannot take oral NSAIDs and has pain in a superficial joint.")
		} else {
			s = append(s, "{PF} uses the cream on the spine, which is not a joint amenable to topical treatment.")
		}
	case "antidepressant":
		s = append(s, "Antidepressants are a first-line option for neuropathic pain and a possible option for non-neuropathic pain.")
		if it.overturned {
			s = append(s, "{PF} has neuropathic pain and reports better sleep and less pain since "+n+" was started.")
		} else {
			s = append(s, "No change in pain, sleep or activity has been recorded since "+n+" was started.")
		}
	}
	return s
}

func (g *gen) ratTENS(it *item) []string {
	s := []string{"A TENS unit is not a primary treatment; a one-month home trial may be considered as an adjunct to a program of evidence-based functional restoration."}
	if it.overturned {
		s = append(s, "{PF} had less pain with the unit in the clinic and is in an active exercise program that a home trial would support.")
	} else {
		s = append(s, "{PF} is not in any active exercise program that the unit would support, and no short- or long-term goals are stated.")
	}
	return s
}

func (g *gen) ratESI(it *item) []string {
	s := []string{"Epidural steroid injections are an option for radicular pain when radiculopathy is documented on examination and corroborated by imaging, and when conservative care has failed."}
	if it.overturned {
		s = append(s, "{PF} has dermatomal pain with a matching sensory loss, and the imaging shows nerve root compression at the level to be injected.")
	} else {
		s = append(s, "{PF} has mostly axial pain and a normal neurologic examination, so radiculopathy is not documented.")
	}
	return s
}

func (g *gen) ratHome(it *item) []string {
	s := []string{"Home health services are recommended only for otherwise recommended medical treatment for patients who are homebound, and homemaker services alone are not medical treatment."}
	if it.overturned {
		s = append(s, "{PF} is confined to the home after surgery and needs skilled wound care.")
	} else {
		s = append(s, "{PF} drives and attends appointments, and the services requested are cleaning and meals.")
	}
	return s
}

// ---------------------------------------------------------------------------
// Citations.

// cite is one guideline an item's citation paragraph names.
type cite struct {
	g     string // "cpmtg", "acoem", "acu", "opioid", "odg"
	sec   string
	pages string
	reg   *region
}

// cites are the guidelines item k is decided under; claims is the Claims
// Administrator's paragraph, which may name fewer.
func (g *gen) cites(it *item, claims bool) []cite {
	var c []cite
	cp := func(sec, pages string) { c = append(c, cite{g: "cpmtg", sec: sec, pages: pages}) }
	switch it.k {
	case kMassage:
		if it.reg.chapter != 0 && !claims && it.extraCite {
			c = append(c, cite{g: "acoem", sec: "Physical Methods", pages: it.reg.physPages, reg: it.reg})
		}
		cp("Massage therapy", "60")
	case kPT:
		cp("Physical medicine", "98-99")
	case kChiro:
		cp("Manual therapy & manipulation", "58-59")
	case kAcu:
		c = append(c, cite{g: "acu"})
	case kMRI, kXray:
		c = append(c, cite{g: "acoem", sec: "Special Studies", pages: it.reg.studyPages, reg: it.reg})
		if it.odg && !claims && it.k == kMRI {
			c = append(c, cite{g: "odg", sec: it.reg.odgMRI, reg: it.reg})
		}
	case kEMG:
		sp := regionByID[it.reg.spine]
		c = append(c, cite{g: "acoem", sec: "Special Studies", pages: sp.studyPages, reg: sp})
		if !claims && g.cpmtg == 2016 && g.style == styleSection && it.extraCite {
			cp("Electrodiagnostic testing (EMG/NCS)", "")
		}
	case kMed:
		cp(it.m.sec, it.m.pages)
		if it.m.sec2 != "" && !claims && it.extraCite {
			cp(it.m.sec2, it.m.pages2)
		}
		if it.m.opioid && g.cpmtg == 2016 && g.style == styleSection && !claims {
			c = append(c, cite{g: "opioid", sec: "3"})
		}
	case kTENS:
		cp("TENS, chronic pain (transcutaneous electrical nerve stimulation)", "114-116")
	case kESI:
		cp("Epidural steroid injections (ESIs)", "46")
	case kHome:
		cp("Home health services", "51")
	}
	return c
}

// citeParagraph writes the citations of a 2014-layout paragraph in the
// letter's style. fault marks the year or chapter a citation fault changes.
func (g *gen) citeParagraph(k int, it *item, claims bool) string {
	cs := g.cites(it, claims)
	mine := !claims && g.target == k
	var mtus, odg []string
	for i, c := range cs {
		year := itoa(g.cpmtg)
		if mine && g.fault == FaultCitationVer && c.g == "cpmtg" && (i == 0 || cs[i-1].g != "cpmtg") {
			year = mark("2016")
		}
		reg := c.reg
		title := ""
		if reg != nil {
			title = reg.title
		}
		if mine && g.fault == FaultCitationPart && c.g == "acoem" {
			reg = g.wrongChapter
			title = mark(reg.title)
			c.pages = reg.studyPages
		}
		switch g.style {
		case stylePage:
			switch c.g {
			case "cpmtg":
				mtus = append(mtus, "Chronic Pain Treatment Guidelines "+titleCase(c.sec)+" Page(s): "+c.pages)
			case "acoem":
				mtus = append(mtus, "ACOEM Chapter "+itoa(reg.chapter)+" "+title+" Page(s): "+c.pages)
			case "acu":
				mtus = append(mtus, "Acupuncture Medical Treatment Guidelines")
			case "odg":
				odg = append(odg, reg.odg+", "+c.sec)
			}
		default:
			switch c.g {
			case "cpmtg":
				// Sections of one guideline are listed together.
				if i > 0 && cs[i-1].g == "cpmtg" {
					mtus[len(mtus)-1] += ", " + c.sec
					continue
				}
				mtus = append(mtus, "Chronic Pain Medical Treatment "+year+", Section(s): "+c.sec)
			case "acoem":
				mtus = append(mtus, title+" 2004, Section(s): "+c.sec)
			case "acu":
				mtus = append(mtus, "Acupuncture Treatment 2007")
			case "opioid":
				mtus = append(mtus, "Opioid Treatment 2016, Section(s): "+c.sec)
			case "odg":
				odg = append(odg, reg.odg+", "+c.sec)
			}
		}
	}
	var b strings.Builder
	if len(mtus) > 0 {
		b.WriteString("Decision based on MTUS ")
		if g.style == styleSection && len(mtus) == 2 && cs[len(cs)-1].g == "opioid" {
			b.WriteString(mtus[0] + ", and " + mtus[1] + ".")
		} else if g.style == styleSection && len(mtus) > 1 && g.intn(2) == 0 {
			b.WriteString(mtus[0] + ".")
			for _, m := range mtus[1:] {
				b.WriteString(" Decision based on MTUS " + m + ".")
			}
		} else {
			b.WriteString(strings.Join(mtus, ", ") + ".")
		}
	}
	for _, o := range odg {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString("Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) " + o + ".")
	}
	return b.String()
}

// cite2013 writes the guidelines of a 2013-layout paragraph: "the MTUS
// Chronic Pain Medical Treatment Guidelines (2009), Massage therapy, page
// 60, and on the ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 11,
// Forearm, Wrist, and Hand Complaints, page 265".
func (g *gen) cite2013(k int, it *item, claims bool) string {
	cs := g.cites(it, claims)
	mine := !claims && g.target == k
	var parts []string
	marked := false
	for _, c := range cs {
		pages := "page " + c.pages
		if strings.Contains(c.pages, "-") {
			pages = "pages " + c.pages
		}
		switch c.g {
		case "cpmtg":
			year := "2009"
			if mine && g.fault == FaultCitationVer && !marked {
				year = mark("2016")
				marked = true
			}
			if c.pages == "" {
				parts = append(parts, "MTUS Chronic Pain Medical Treatment Guidelines ("+year+"), "+c.sec)
			} else {
				parts = append(parts, "MTUS Chronic Pain Medical Treatment Guidelines ("+year+"), "+c.sec+", "+pages)
			}
		case "acoem":
			reg, title := c.reg, c.reg.title
			if mine && g.fault == FaultCitationPart {
				reg = g.wrongChapter
				title = mark(reg.title)
				pages = "pages " + reg.studyPages
			}
			parts = append(parts, "ACOEM Practice Guidelines, 2nd Edition (2004), Chapter "+itoa(reg.chapter)+", "+title+", "+pages)
		case "acu":
			parts = append(parts, "MTUS Acupuncture Medical Treatment Guidelines (2007)")
		}
	}
	who := "The Expert Reviewer"
	if claims {
		who = "The Claims Administrator"
	}
	if len(parts) == 1 {
		return who + " relied on the " + parts[0] + ", which is part of the MTUS."
	}
	return who + " relied on the " + strings.Join(parts, ", and on the ") + ", both of which are part of the MTUS."
}

// ---------------------------------------------------------------------------
// Small helpers.

func list(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func pickN(g *gen, xs []string, n int) []string {
	idx := g.r.Perm(len(xs))[:n]
	out := make([]string, n)
	for i, k := range idx {
		out[i] = xs[k]
	}
	return out
}

func numberWord(n int) string {
	return []string{"zero", "one", "two", "three", "four", "five", "six"}[n]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func pad(n, w int) string {
	s := itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

func lower(s string) string { return strings.ToLower(s) }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-32) + s[1:]
	}
	return s
}

// titleCase capitalizes the words of a page-style section name ("Massage
// Therapy", "Manual Therapy & Manipulation"), as those letters print them;
// words in parentheses and short words stay as they are.
func titleCase(s string) string {
	ws := strings.Split(s, " ")
	paren := false
	for i, w := range ws {
		if strings.HasPrefix(w, "(") {
			paren = true
		}
		if i > 0 && len(w) > 3 && !paren {
			ws[i] = capitalize(w)
		}
		if strings.HasSuffix(w, ")") {
			paren = false
		}
	}
	return strings.Join(ws, " ")
}
