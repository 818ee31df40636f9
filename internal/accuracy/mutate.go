package accuracy

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Kind is a kind of injected fault.
type Kind string

// The kinds of fault, each with the checks whose finding near the change
// counts as finding it.
const (
	KindDecision    Kind = "decision"       // a decision word flipped in a sentence about the request
	KindQuantity    Kind = "quantity"       // the request's count, # count, frequency or strength changed in the text
	KindCountAdded  Kind = "count-inserted" // a count inserted into the conclusion
	KindSide        Kind = "side"           // left and right swapped
	KindRegion      Kind = "body-region"    // a body region swapped for another
	KindTreatment   Kind = "treatment"      // a procedure or drug swapped for another
	KindInjuryDate  Kind = "injury-date"    // the summary's date of injury shifted
	KindPronoun     Kind = "pronoun"        // a pronoun of the other sex
	KindAge         Kind = "age"            // one statement of the age changed
	KindChapter     Kind = "chapter"        // the cited guideline chapter swapped for another region's
	KindMisquote    Kind = "misquote"       // a number of visits attributed to a guideline changed
	KindPartial     Kind = "partial"        // a partial approval's remaining portion no longer adds up
	KindPlaceholder Kind = "placeholder"    // a template field left in the letter
	KindCopied      Kind = "copied"         // an item's rationale replaced by another item's
)

// Kinds lists every kind in the order reports show them.
var Kinds = []Kind{KindDecision, KindQuantity, KindCountAdded, KindSide, KindRegion, KindTreatment,
	KindInjuryDate, KindPronoun, KindAge, KindChapter, KindMisquote, KindPartial, KindPlaceholder, KindCopied}

// Accepted are the checks a finding of which, near the change, counts as
// finding a fault of the kind.
var Accepted = map[Kind][]string{
	KindDecision:    {"decision-conflict"},
	KindQuantity:    {"quantity-mismatch", "partial-portion"},
	KindCountAdded:  {"quantity-mismatch", "partial-portion"},
	KindSide:        {"body-part-mismatch"},
	KindRegion:      {"body-part-mismatch"},
	KindTreatment:   {"treatment-mismatch"},
	KindInjuryDate:  {"date-mismatch"},
	KindPronoun:     {"demographic-inconsistency"},
	KindAge:         {"demographic-inconsistency"},
	KindChapter:     {"citation-body-part", "citation-chapter-title"},
	KindMisquote:    {"misquoted-limit"},
	KindPartial:     {"partial-portion", "quantity-mismatch"},
	KindPlaceholder: {"placeholder"},
	KindCopied:      {"copied-rationale"},
}

// Case is a letter with one injected fault.
type Case struct {
	File string // the untouched letter's path
	Kind Kind
	// Line and EndLine are the 1-based lines of the change in the
	// mutated letter; Old and New what was replaced by what.
	Line, EndLine int
	Old, New      string
	// Delta is how many lines the change added (negative: removed).
	Delta int
	// Offset is the byte offset of the change in the untouched letter.
	Offset int
	Src    []byte
}

// edit replaces src[start:end] with repl.
type edit struct {
	start, end int
	repl       string
}

// MaxPerKind is how many cases of one kind one letter gives at most: the
// first, middle and last of its sites, so that a letter with many numbers
// does not outweigh the rest.
const MaxPerKind = 3

// Mutate makes the cases of every kind for one letter.
func Mutate(file string, src []byte) []Case {
	d := newDoc(string(src))
	var out []Case
	for _, k := range Kinds {
		edits := pick(sites(d, k))
		for _, e := range edits {
			out = append(out, d.apply(file, k, e))
		}
	}
	return out
}

func (d *doc) apply(file string, k Kind, e edit) Case {
	mut := d.src[:e.start] + e.repl + d.src[e.end:]
	old := d.src[e.start:e.end]
	line := strings.Count(d.src[:e.start], "\n") + 1
	delta := strings.Count(e.repl, "\n") - strings.Count(old, "\n")
	end := line + strings.Count(e.repl, "\n")
	return Case{File: file, Kind: k, Line: line, EndLine: end, Old: old, New: e.repl, Delta: delta, Offset: e.start, Src: []byte(mut)}
}

// pick keeps the first, middle and last of the sites, in order.
func pick(es []edit) []edit {
	sort.SliceStable(es, func(i, j int) bool { return es[i].start < es[j].start })
	if len(es) <= MaxPerKind {
		return es
	}
	return []edit{es[0], es[len(es)/2], es[len(es)-1]}
}

func sites(d *doc, k Kind) []edit {
	switch k {
	case KindDecision:
		return decisionSites(d)
	case KindQuantity:
		return quantitySites(d)
	case KindCountAdded:
		return countSites(d)
	case KindSide:
		return sideSites(d)
	case KindRegion:
		return regionSites(d)
	case KindTreatment:
		return treatmentSites(d, false)
	case KindInjuryDate:
		return injuryDateSites(d)
	case KindPronoun:
		return pronounSites(d)
	case KindAge:
		return ageSites(d)
	case KindChapter:
		return chapterSites(d)
	case KindMisquote:
		return misquoteSites(d)
	case KindPartial:
		return partialSites(d)
	case KindPlaceholder:
		return treatmentSites(d, true)
	case KindCopied:
		return copiedSites(d)
	}
	return nil
}

// --- which sentences speak of the request ---

var (
	// requestRE: the sentence speaks of the request ("the request for",
	// "requested", "(not) medically necessary", "would warrant",
	// "proceeding with"). A bare "is recommended" is what a guideline
	// says, not a ruling on this request.
	requestRE = regexp.MustCompile(`(?i)\brequest(ed|s)?\b|medically (necessary|indicated|appropriate|reasonable)|\bwarrant(s|ed)?\b|\bproceeding with\b`)
	// historyRE: the sentence recounts care already had, or another
	// decision (the claims administrator's authorization), not this
	// request.
	historyRE = regexp.MustCompile(`(?i)\b(completed|attended|underwent|undergone|had (had )?|has had|prior|previous(ly)?|received|to date|authori[sz]ed|certified|modified|approved|non-?certified|denied|last|since|history)\b`)
	// quoteRE: the sentence reports what a guideline says.
	quoteRE = regexp.MustCompile(`(?i)\b(guidelines?|mtus|odg|acoem|recommends?|according to|evidence|criteria|states?|indicates?)\b`)
	// otherPersonRE: a pronoun in such a sentence may be another's.
	otherPersonRE = regexp.MustCompile(`(?i)\b(dr\.?|physician|doctor|provider|reviewer|therapist|surgeon|clinician|wife|husband|mother|father|daughter|son|spouse|examiner|attorney|he/she|his/her)\b`)
)

// target is a sentence the mutators may write in, with the item whose
// header it is to agree with.
type target struct {
	s    sentence
	item int // index into d.items
}

// requestSentences are the sentences of a rationale, and of the summary
// of a one-item letter, that speak of the request and recount no history.
func (d *doc) requestSentences() []target {
	var out []target
	if len(d.items) == 1 {
		for _, s := range d.sentences(d.summary) {
			if requestRE.MatchString(s.text) && !historyRE.MatchString(s.text) {
				out = append(out, target{s, 0})
			}
		}
	}
	for i, it := range d.items {
		for _, s := range d.sentences(it.rationale) {
			if requestRE.MatchString(s.text) && !historyRE.MatchString(s.text) {
				out = append(out, target{s, i})
			}
		}
	}
	return out
}

// span maps a byte range of a sentence's text to the original, or
// reports false when it crosses a line break.
func (s sentence) span(a, b int) (int, int, bool) {
	if a < 0 || b > len(s.text) || a >= b {
		return 0, 0, false
	}
	start, end := s.off[a], s.off[b-1]+1
	if end-start != b-a {
		return 0, 0, false
	}
	for _, i := range s.off[a:b] {
		if i < 0 {
			return 0, 0, false
		}
	}
	if strings.ContainsAny(s.src[start:end], "\n\r") {
		return 0, 0, false
	}
	return start, end, true
}

var (
	// requestWordRE ends where a restatement of the request starts.
	requestWordRE = regexp.MustCompile(`(?i)\b(request(ed|s)?( for| of)?|warrant(s|ed)?|proceeding with)\b`)
	// rulingRE starts where a ruling on the request follows its
	// restatement.
	rulingRE = regexp.MustCompile(`(?i)\b(is|are|was|were|be) (not )?(medically necessary|medically indicated|medically appropriate|indicated|supported|warranted|recommended|appropriate|certified)\b`)
)

// clauseBreakRE ends the clause a request is restated in: a semicolon or
// colon, or a comma before "therefore", "thus", "however" and the like.
var clauseBreakRE = regexp.MustCompile(`(?i)[;:]|, (therefore|thus|hence|however|as such|so|and therefore)\b`)

func clauseBreak(s string) bool { return clauseBreakRE.MatchString(s) }

var conditionalBeforeRE = regexp.MustCompile(`(?i)\b(may|would|could|might|should|can)\s+$`)

// RequestReach is how far from "the request for" (after it) or from
// "is not medically necessary" (before it) a word restates the request.
const RequestReach = 100

// inRequest reports whether s.text[a:b] lies where the sentence restates
// the request: shortly after a request word, or shortly before a ruling,
// with no clause break (";", ":") between.
func (s sentence) inRequest(a, b int) bool {
	for _, m := range requestWordRE.FindAllStringIndex(s.text, -1) {
		if a >= m[1] && b-m[1] <= RequestReach && !clauseBreak(s.text[m[1]:a]) {
			return true
		}
	}
	for _, m := range rulingRE.FindAllStringIndex(s.text, -1) {
		if conditionalBeforeRE.MatchString(s.text[:m[0]]) {
			continue // "may be appropriate": a guideline's condition, no ruling
		}
		if b <= m[0] && m[0]-a <= RequestReach && !clauseBreak(s.text[b:m[0]]) {
			return true
		}
	}
	return false
}

// --- decision ---

var decisionRE = regexp.MustCompile(`(?i)\b(is|are|was|were|would be|be) (not )?(medically necessary|medically indicated|indicated|supported|warranted|recommended)\b`)

// negatedBeforeRE: a negation just before the ruling ("to not be",
// "cannot be") already decides it; inserting another would make a double
// negative, not a flipped decision.
var negatedBeforeRE = regexp.MustCompile(`(?i)\b(not|cannot|never|n't)\s+(\w+\s+)?$`)

// decisionSites flip a ruling on the request: in a sentence that names
// the request, or in a rationale's first or last ruling sentence, and not
// of another item's request.
func decisionSites(d *doc) []edit {
	var out []edit
	for _, t := range d.requestSentences() {
		if !requestWordRE.MatchString(t.s.text) && !d.edgeRuling(t) || d.aboutOtherItem(t) {
			continue
		}
		for _, m := range decisionRE.FindAllStringSubmatchIndex(t.s.text, -1) {
			if negatedBeforeRE.MatchString(t.s.text[:m[0]]) {
				continue
			}
			if m[4] >= 0 {
				// Remove "not ".
				if a, b, ok := t.s.span(m[4], m[5]); ok {
					out = append(out, edit{a, b, ""})
				}
			} else if a, b, ok := t.s.span(m[2], m[3]); ok {
				out = append(out, edit{a, b, d.src[a:b] + " not"})
			}
		}
	}
	return out
}

// edgeRuling reports a rationale's first sentence, or its last that
// rules: where reviewers state the decision.
func (d *doc) edgeRuling(t target) bool {
	var rs []sentence
	for _, s := range d.sentences(d.items[t.item].rationale) {
		if decisionRE.MatchString(s.text) {
			rs = append(rs, s)
		}
	}
	if len(rs) == 0 || t.s.off[0] < d.lines[d.items[t.item].rationale.from].start {
		return false
	}
	first := d.sentences(d.items[t.item].rationale)[0]
	return t.s.off[0] == first.off[0] || t.s.off[0] == rs[len(rs)-1].off[0]
}

// aboutOtherItem reports a sentence that names a distinctive word of
// another item's header and none of its own item's: it speaks of that
// item ("as the requested surgery is not medically necessary" in the
// rationale of the surgery's post-operative therapy).
func (d *doc) aboutOtherItem(t target) bool {
	if len(d.items) < 2 {
		return false
	}
	low := strings.ToLower(t.s.text)
	names := func(h string) bool {
		for _, w := range strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
			if len(w) >= 5 && !commonHeaderWords[w] && hasWord(low, w) {
				return true
			}
		}
		return false
	}
	if names(d.items[t.item].headerText) {
		return false
	}
	for j, it := range d.items {
		if j != t.item && names(it.headerText) {
			return true
		}
	}
	return false
}

// commonHeaderWords say nothing of which item a header is.
var commonHeaderWords = map[string]bool{"upheld": true, "overturned": true, "sessions": true, "visits": true,
	"right": true, "bilateral": true, "lumbar": true, "cervical": true, "spine": true, "original": true,
	"request": true, "remaining": true, "portion": true, "eligible": true, "authorized": true, "claims": true,
	"administrator": true, "times": true, "weeks": true, "treatment": true, "therapy": true, "additional": true}

// --- quantities ---

var (
	countRE    = regexp.MustCompile(`(?i)\b(\d{1,3}) (additional |more |further |initial )?(sessions?|visits?|treatments?)\b`)
	hashRE     = regexp.MustCompile(`#\s?(\d{1,4})\b`)
	strengthRE = regexp.MustCompile(`(?i)\b(\d{1,4}(?:\.\d+)?) ?(mg|mcg|%)`)
	freqRE     = regexp.MustCompile(`(?i)\b(\d{1,2}) ?(?:x|times)(?: (?:a|per) week)?(?: for| x)? ?(\d{1,2})(?: weeks?)?\b`)
)

// guidelineFigureRE, just before a number, makes it a guideline's figure
// ("exceeds the recommended initial trial of 6"), not the request's.
var guidelineFigureRE = regexp.MustCompile(`(?i)(trial of|up to|maximum of|recommend\w*|guidelines?|allows?|exceed\w*)[^.]*$`)

// quantityPatterns are the shapes of a requested quantity; the first
// group is the number changed.
var quantityPatterns = []*regexp.Regexp{countRE, hashRE, strengthRE, freqRE}

func quantitySites(d *doc) []edit {
	var out []edit
	for _, t := range d.requestSentences() {
		h := d.items[t.item].headerText
		for _, re := range quantityPatterns {
			for _, m := range re.FindAllStringSubmatchIndex(t.s.text, -1) {
				// The same number in the same shape must be in the
				// header: then the sentence restates the request's.
				if !sameShapeIn(re, t.s.text[m[0]:m[1]], h) || !t.s.inRequest(m[0], m[1]) ||
					guidelineFigureRE.MatchString(t.s.text[max(0, m[0]-40):m[0]]) {
					continue
				}
				a, b, ok := t.s.span(m[2], m[3])
				if !ok {
					continue
				}
				out = append(out, edit{a, b, changedFrom(d.src[a:b], h)})
			}
		}
	}
	return out
}

// sameShapeIn: the header holds a match of re whose first number and
// unit equal those of mention.
func sameShapeIn(re *regexp.Regexp, mention, header string) bool {
	want := re.FindStringSubmatch(mention)
	for _, m := range re.FindAllStringSubmatch(header, -1) {
		if m[1] == want[1] && (len(m) < 3 || unitOf(m) == unitOf(want)) {
			return true
		}
	}
	return false
}

func unitOf(m []string) string {
	u := strings.ToLower(m[len(m)-1])
	return strings.TrimSuffix(u, "s")
}

// changedFrom is changed, but never a number the header holds (the
// original or authorized amount of a partial approval, which a restated
// request may rightly name).
func changedFrom(num, header string) string {
	c := changed(num)
	for k := 0; k < 5 && hasNumber(header, c); k++ {
		c = changed(c)
	}
	return c
}

var numberRE = regexp.MustCompile(`\d+(?:\.\d+)?`)

func hasNumber(s, n string) bool {
	for _, m := range numberRE.FindAllString(s, -1) {
		if m == n {
			return true
		}
	}
	return false
}

// changed is a number changed to one no reader would take for it.
func changed(num string) string {
	if f, err := strconv.ParseFloat(num, 64); err == nil && strings.Contains(num, ".") {
		return strconv.FormatFloat(f*2, 'f', -1, 64)
	}
	n, _ := strconv.Atoi(num)
	switch {
	case n <= 2:
		return strconv.Itoa(n + 2)
	default:
		return strconv.Itoa(n * 2)
	}
}

// --- a count inserted into the conclusion ---

var (
	requestForRE = regexp.MustCompile(`(?i)\b(?:the|this|current) request(?:ed)? for `)
	requestIsRE  = regexp.MustCompile(`(?i)\b(?:the|this) request (?:is|was) `)
	concludesRE  = regexp.MustCompile(`(?i)(necessary|indicated|warranted|supported|appropriate|certified)`)
)

func countSites(d *doc) []edit {
	var out []edit
	for _, it := range d.items {
		n := headerCount(it.headerText)
		if n == 0 {
			continue
		}
		ins := changedFrom(strconv.Itoa(n), it.headerText) + " sessions"
		// The conclusions: the last sentence that rules, and the first
		// when it rules too (reviewers often decide first).
		var rulings []sentence
		for _, s := range d.sentences(it.rationale) {
			if requestRE.MatchString(s.text) && concludesRE.MatchString(s.text) {
				rulings = append(rulings, s)
			}
		}
		if len(rulings) == 0 {
			continue
		}
		conclusions := []sentence{rulings[len(rulings)-1]}
		if first := d.sentences(it.rationale)[0]; len(rulings) > 1 && first.off[0] == rulings[0].off[0] {
			conclusions = append(conclusions, first)
		}
		for _, c := range conclusions {
			if e, ok := insertCount(c, ins); ok {
				out = append(out, e)
			}
		}
	}
	return out
}

// insertCount puts a count into a conclusion: "the request for X" becomes
// "the request for 24 sessions of X", "the request is" "the request for
// 24 sessions is".
func insertCount(c sentence, ins string) (edit, bool) {
	if m := requestForRE.FindStringIndex(c.text); m != nil {
		if notTreatmentStartRE.MatchString(c.text[m[1]:]) {
			return edit{}, false // "the request for the remaining portion": no place for a count
		}
		if a, _, ok := c.span(m[1]-1, m[1]); ok {
			return edit{a + 1, a + 1, ins + " of "}, true
		}
	} else if m := requestIsRE.FindStringIndex(c.text); m != nil {
		k := m[0] + strings.Index(strings.ToLower(c.text[m[0]:m[1]]), "request") + len("request")
		if a, _, ok := c.span(k-1, k); ok {
			return edit{a + 1, a + 1, " for " + ins}, true
		}
	}
	return edit{}, false
}

// notTreatmentStartRE: what follows "the request for" is not the
// treatment's name, so "N sessions of" cannot go before it.
var notTreatmentStartRE = regexp.MustCompile(`(?i)^(the|a|an|this|these|authorization|\d|#|one|two|three|four|five|six|eight|ten|twelve)\b`)

// headerCount is the number of sessions a header requests, from a count
// or a frequency times a duration, or 0.
func headerCount(h string) int {
	if strings.Contains(strings.ToLower(h), "unspecified") {
		return 0 // the count in such a header is the authorized one
	}
	if m := countRE.FindStringSubmatch(h); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	if m := freqRE.FindStringSubmatch(h); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		return a * b
	}
	return 0
}

// --- words swapped: sides, regions, treatments ---

// swapWord replaces whole words of the sentence found in from (lower
// case) by their partner, when the header names the word and not its
// partner.
func (d *doc) swapSites(pairs map[string]string, req bool) []edit {
	var out []edit
	var ts []target
	if req {
		ts = d.requestSentences()
	}
	for _, t := range ts {
		h := strings.ToLower(d.items[t.item].headerText)
		low := strings.ToLower(t.s.text)
		for w, repl := range pairs {
			if !hasWord(h, w) || hasWord(h, strings.ToLower(repl)) || spelledOut(low, w) {
				continue
			}
			for _, k := range wordIndexes(low, w) {
				if !t.s.inRequest(k, k+len(w)) {
					continue
				}
				a, b, ok := t.s.span(k, k+len(w))
				if !ok {
					continue
				}
				out = append(out, edit{a, b, matchCase(d.src[a:b], repl)})
			}
		}
	}
	return out
}

var sides = map[string]string{"left": "right", "right": "left"}

func sideSites(d *doc) []edit {
	// A header of both sides has no wrong side to write: swapSites
	// writes only a side the header names without its partner.
	return d.swapSites(sides, true)
}

// regions are body regions, each with the one it is swapped for.
var regions = map[string]string{
	"knee": "shoulder", "shoulder": "knee", "lumbar": "cervical", "cervical": "lumbar",
	"thoracic": "lumbar", "wrist": "ankle", "ankle": "wrist", "hip": "elbow", "elbow": "hip",
	"low back": "neck", "lower back": "neck", "neck": "low back", "hand": "foot", "foot": "hand",
}

func regionSites(d *doc) []edit { return d.swapSites(regions, true) }

// treatments are procedures and drugs, each with another it is swapped
// for (of the same sort, so the sentence still reads).
var treatments = map[string]string{
	"physical therapy": "acupuncture", "acupuncture": "physical therapy", "chiropractic": "acupuncture",
	"massage": "acupuncture", "aquatic therapy": "acupuncture", "occupational therapy": "chiropractic",
	"mri": "CT scan", "x-ray": "MRI", "x-rays": "MRIs", "radiographs": "MRIs", "emg": "MRI",
	"ncv": "MRI", "ncs": "MRI", "ct": "MRI", "tens unit": "H-wave unit", "h-wave": "TENS",
	"epidural steroid injection": "facet joint injection", "cortisone injection": "acupuncture",
	"norco": "Tramadol", "tramadol": "Norco", "ultram": "Norco", "oxycodone": "Tramadol",
	"hydrocodone": "Tramadol", "percocet": "Tramadol", "gabapentin": "Naproxen", "neurontin": "Naproxen",
	"naproxen": "Gabapentin", "ibuprofen": "Gabapentin", "lidoderm": "Flexeril", "flexeril": "Lidoderm",
	"cyclobenzaprine": "Omeprazole", "omeprazole": "Cyclobenzaprine", "prilosec": "Flexeril",
	"baclofen": "Celebrex", "celebrex": "Baclofen", "diclofenac": "Tramadol", "tizanidine": "Naproxen",
	"zanaflex": "Naproxen", "ambien": "Naproxen", "zolpidem": "Naproxen", "soma": "Norco",
	"carisoprodol": "Tramadol", "meloxicam": "Tramadol", "mobic": "Tramadol", "terocin": "Norco",
	"fioricet": "Tramadol", "valium": "Norco", "diazepam": "Tramadol", "protonix": "Flexeril",
	"pantoprazole": "Cyclobenzaprine", "duloxetine": "Tramadol", "cymbalta": "Norco",
	"celecoxib": "Tramadol", "voltaren": "Norco", "nucynta": "Naproxen", "viagra": "Norco",
	"butrans": "Naproxen", "lyrica": "Norco", "pregabalin": "Tramadol", "topamax": "Norco",
	"ketoprofen": "Tramadol", "flurbiprofen": "Tramadol", "menthoderm": "Norco", "lidocaine": "Capsaicin",
}

// spelledOut reports a sentence that also names the treatment w in other
// words ("CT scan (magnetic resonance imaging)" after MRI is swapped): the
// swap would leave it naming the right one, no clean fault.
func spelledOut(low, w string) bool {
	for _, o := range synonyms[w] {
		if strings.Contains(low, o) {
			return true
		}
	}
	return false
}

// synonyms are other words for treatments of the swap lists.
var synonyms = map[string][]string{
	"mri": {"magnetic resonance"}, "ct": {"computed tomography"}, "emg": {"electromyogra"},
	"ncs": {"nerve conduction"}, "ncv": {"nerve conduction"}, "x-ray": {"radiograph"}, "x-rays": {"radiograph"},
	"radiographs": {"x-ray"}, "physical therapy": {"physiotherapy"}, "norco": {"hydrocodone"},
	"hydrocodone": {"norco"}, "ultram": {"tramadol"}, "tramadol": {"ultram"}, "flexeril": {"cyclobenzaprine"},
	"cyclobenzaprine": {"flexeril"}, "neurontin": {"gabapentin"}, "gabapentin": {"neurontin"},
	"prilosec": {"omeprazole"}, "omeprazole": {"prilosec"}, "celebrex": {"celecoxib"}, "celecoxib": {"celebrex"},
	"zanaflex": {"tizanidine"}, "tizanidine": {"zanaflex"}, "ambien": {"zolpidem"}, "zolpidem": {"ambien"},
	"soma": {"carisoprodol"}, "carisoprodol": {"soma"}, "mobic": {"meloxicam"}, "meloxicam": {"mobic"},
	"valium": {"diazepam"}, "diazepam": {"valium"}, "protonix": {"pantoprazole"}, "pantoprazole": {"protonix"},
	"cymbalta": {"duloxetine"}, "duloxetine": {"cymbalta"}, "lidoderm": {"lidocaine"}, "lyrica": {"pregabalin"},
	"pregabalin": {"lyrica"}, "voltaren": {"diclofenac"}, "diclofenac": {"voltaren"}, "nucynta": {"tapentadol"},
}

// placeholders are the template fields left in letters, one per site in
// turn.
var placeholders = []string{"[TREATMENT]", "{{treatment}}", "«Treatment»", "<<TREATMENT>>", "[Insert treatment]", "[[treatment]]"}

func treatmentSites(d *doc, placeholder bool) []edit {
	es := d.swapSites(treatments, true)
	if !placeholder {
		return es
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].start < es[j].start })
	for i := range es {
		es[i].repl = placeholders[i%len(placeholders)]
	}
	return es
}

func hasWord(s, w string) bool { return len(wordIndexes(s, w)) > 0 }

// wordIndexes are the places of w in s as a whole word.
func wordIndexes(s, w string) []int {
	var out []int
	for from := 0; ; {
		k := strings.Index(s[from:], w)
		if k < 0 {
			return out
		}
		k += from
		if (k == 0 || !isWordByte(s[k-1])) && (k+len(w) == len(s) || !isWordByte(s[k+len(w)])) {
			out = append(out, k)
		}
		from = k + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '/'
}

// matchCase writes repl in the case of example: all capitals, a capital
// first, or as repl is.
func matchCase(example, repl string) string {
	switch {
	case len(example) > 1 && strings.ToUpper(example) == example:
		return strings.ToUpper(repl)
	case example != "" && example[0] >= 'A' && example[0] <= 'Z':
		return strings.ToUpper(repl[:1]) + repl[1:]
	case strings.ToLower(repl) != repl && example != "" && example[0] >= 'a' && example[0] <= 'z' && strings.ToUpper(repl) != repl:
		return strings.ToLower(repl)
	}
	return repl
}
