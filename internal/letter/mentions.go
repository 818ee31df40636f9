package letter

import (
	"slices"
	"strings"

	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/text"
)

// Request mentions: the sentences besides the rationale's conclusion that
// speak of the disputed request. Reviewers restate the request in the
// first sentence ("No, the request for an MRI of the knee was not
// medically necessary"), in passing ("This is a request for Baclofen 20
// mg #120"), in what would justify it ("to warrant an MRI of the right
// shoulder"), and the case summary states it ("the Request for
// Authorization requested Chiropractic physiotherapy 12 visits"). A
// checker that compares only the last concluding sentence with the header
// misses every fault pasted into the others.

// anchor is where a sentence starts restating the request, and how sure
// it is that what follows is this request.
type anchor struct {
	end     int  // offset in the sentence where the restated request starts
	certain bool // "the request for", "the requested"; not "would warrant"
	// formal: the anchor names the request under review itself: a
	// Request for Authorization's content, "the current request", "the
	// request for" (not a provider who "requested" something).
	formal bool
}

// requestAnchors finds the places of s where a restatement of the request
// starts, by its tokens:
//
//	request(s|ed)? (for|of) | prescription (for|of) | the requested |
//	the (original|remaining|current) request,? | request (is|was) for |
//	requesting | requested (as a verb) | regarding |
//	warrant(s)? (a|an|the|further|additional)? | proceed(ing)? with
//
// A "Request for Authorization" (the form) is passed over to what it
// requested ("the Request for Authorization dated 11/17/2016 requested
// physical therapy").
func requestAnchors(s string, toks []phrase.Token, out []anchor) []anchor {
	for i := 0; i < len(toks); i++ {
		t := toks[i].Text
		next := func(k int) string {
			if i+k < len(toks) {
				return toks[i+k].Text
			}
			return ""
		}
		switch t {
		case "request", "requests", "prescription":
			switch {
			case next(1) == "for" || next(1) == "of":
				k := i + 2
				if k < len(toks) && toks[k].Text == "authorization" {
					// The form, not the treatment: what it requested
					// follows its verb, if the sentence says.
					e, ok := afterRFA(toks, k+1)
					if ok {
						out = append(out, anchor{end: e, certain: true, formal: true})
					}
					// Past the form's verb, which is no anchor of its own.
					for i = k; i+1 < len(toks) && toks[i+1].End <= e; i++ {
					}
					continue
				}
				if k < len(toks) {
					out = append(out, anchor{end: toks[k].Start, certain: true, formal: true})
				}
				i = k - 1
			case (next(1) == "is" || next(1) == "was") && next(2) == "for" && i+3 < len(toks):
				out = append(out, anchor{end: toks[i+3].Start, certain: true, formal: true})
				i += 2
			case (next(1) == "is" || next(1) == "was") && next(2) == "made" && (next(3) == "for" || next(3) == "of") && i+4 < len(toks):
				// "A request was made for Tramadol 100mg"
				out = append(out, anchor{end: toks[i+4].Start, certain: true, formal: true})
				i += 3
			case t == "request" && i > 0 && (toks[i-1].Text == "original" || toks[i-1].Text == "remaining" || toks[i-1].Text == "current") && i+1 < len(toks):
				// "the remaining request, 6 sessions of ...", "the
				// original request is Baclofen 100mg #30".
				e := toks[i].End
				for e < len(s) && (s[e] == ',' || s[e] == ' ') {
					e++
				}
				if (next(1) == "is" || next(1) == "was") && i+2 < len(toks) {
					e = toks[i+2].Start
				}
				out = append(out, anchor{end: e, certain: true, formal: true})
			}
		case "requested":
			if i+1 >= len(toks) {
				continue
			}
			switch {
			case i > 0 && toks[i-1].Text == "the":
				out = append(out, anchor{end: toks[i+1].Start, certain: true, formal: true})
			case i > 0 && (toks[i-1].Text == "is" || toks[i-1].Text == "was" || toks[i-1].Text == "are" || toks[i-1].Text == "were" || toks[i-1].Text == "being"):
				// "6 sessions are requested": the request came before.
			case next(1) == "for" || next(1) == "of":
				if i+2 < len(toks) {
					out = append(out, anchor{end: toks[i+2].Start, certain: true})
				}
			case next(1) == "authorization":
				// "the physician requested authorization for": as formal
				// as the form itself.
				if i+2 < len(toks) && (toks[i+2].Text == "for" || toks[i+2].Text == "of") && i+3 < len(toks) {
					out = append(out, anchor{end: toks[i+3].Start, certain: true, formal: true})
					i += 2
				}
			default:
				// "the physician requested 12 sessions of ..."
				out = append(out, anchor{end: toks[i+1].Start, certain: true})
			}
		case "requesting":
			if i+1 < len(toks) {
				out = append(out, anchor{end: toks[i+1].Start, certain: true})
			}
		case "regarding":
			if i+1 < len(toks) && i > 0 && (toks[i-1].Text == "rationale" || toks[i-1].Text == "determination") {
				out = append(out, anchor{end: toks[i+1].Start, certain: true})
			}
		case "warrant", "warrants":
			k := i + 1
			if k < len(toks) {
				switch toks[k].Text {
				case "a", "an", "the", "further", "additional", "any":
					k++
				}
			}
			if k < len(toks) {
				out = append(out, anchor{end: toks[k].Start})
			}
		case "proceed", "proceeding":
			if next(1) == "with" && i+2 < len(toks) {
				out = append(out, anchor{end: toks[i+2].Start})
			}
		}
	}
	return out
}

// afterRFA reads past a Request for Authorization's date to its verb:
// "(RFA)? (dated|of|on)? DATE? (requested|included|includes|was for|is
// for|for|documented)". It returns where the request starts.
func afterRFA(toks []phrase.Token, k int) (int, bool) {
	for n := 0; k < len(toks) && n < 12; n++ {
		switch toks[k].Text {
		case "requested", "included", "includes", "include", "including", "documented", "noted", "indicated":
			if k+1 < len(toks) {
				if toks[k+1].Text == "for" && k+2 < len(toks) {
					return toks[k+2].Start, true
				}
				return toks[k+1].Start, true
			}
			return 0, false
		case "for":
			if k+1 < len(toks) {
				return toks[k+1].Start, true
			}
			return 0, false
		}
		k++
	}
	return 0, false
}

// requestEnds are the words a restated request does not run past: a verb
// of the sentence or the start of its reasons.
var requestEnds = newWordSet(strings.Fields(`is was are were be been would will should could can cannot may might has have had
	does do did exceeds exceed exceeded because as since given due which but however without unless until
	if when while although though whereas nor so therefore thus at per from`)...)

// requestWith are what a request is "without": "MRI without contrast".
var requestWith = newWordSet("contrast", "dye", "sedation", "anesthesia", "gadolinium")

// requestPartEnd is where the request restated from start ends: before the
// ruling phrase at rule (or -1), a clause break (";", ":", "—", a comma
// followed by a reason), or one of requestEnds, and at most 60 words on.
func requestPartEnd(s string, toks []phrase.Token, start, rule int) int {
	n := 0
	for i, t := range toks {
		if t.Start < start {
			continue
		}
		if rule >= 0 && t.Start >= rule {
			return rule
		}
		n++
		if n > 60 {
			return t.Start
		}
		if t.Text == "without" && i+1 < len(toks) && requestWith.has(toks[i+1].Text) {
			continue // "MRI without contrast" is the request
		}
		if i > 0 && t.Start > start && requestEnds.has(t.Text) {
			// "2 times a week for 6 weeks": "for" is not an end; "per"
			// is, except inside a frequency ("3 times per week").
			if t.Text == "per" && i > 0 && (toks[i-1].Text == "times" || toks[i-1].Text == "sessions" || toks[i-1].Text == "visits") {
				continue
			}
			return t.Start
		}
		if k := strings.IndexAny(s[max(start, toks[max(i-1, 0)].End):t.Start], ";:"); k >= 0 && t.Start > start {
			return toks[max(i-1, 0)].End
		}
	}
	if rule >= 0 {
		return rule
	}
	e := len(s)
	for e > start && (s[e-1] == '.' || s[e-1] == ' ' || s[e-1] == ',') {
		e--
	}
	return e
}

// historyBefore are words that, among the three before an anchor, make
// the request another one: "a prior request for", "the associated request
// for", "a previous request for".
var historyBefore = newWordSet("prior", "previous", "previously", "earlier", "past", "last", "another", "separate",
	"concurrent", "associated", "future", "subsequent", "initial", "similar", "new")

// historyIn are words that make a restated request care already had or
// another decision: "the request for 12 sessions was authorized".
var historyIn = newWordSet("completed", "attended", "underwent", "undergone", "received", "had", "authorized",
	"certified", "approved", "modified", "denied", "non-certified", "noncertified", "previously", "prior")

// notARequestStart are words a restated request does not start with: "the
// physician requested and received", "requested on 11/17/2016".
var notARequestStart = newWordSet("and", "or", "on", "in", "by", "dated", "date", "that", "to", "from", "at", "as", "was", "is", "were", "are", "this", "these", "it", "which")

// conditional words near a ruling make it hypothetical: "would be
// medically necessary if", "may be medically necessary once".
var conditional = newWordSet("if", "unless", "until", "once", "would", "could", "may", "might", "should", "when", "whether")

// guidelineWords make a sentence without an anchor a guideline's
// statement, not a ruling on this request.
var guidelineWords = newWordSet("guideline", "guidelines", "mtus", "odg", "acoem", "recommends", "recommend", "according", "states", "criteria", "evidence")

// requestMentions reads the request mentions of every item: those of its
// rationale, and the case summary's statements of the current request.
func (p *parser) requestMentions() {
	l := p.l
	for i := range l.Items {
		it := &l.Items[i]
		for k, s := range it.Sentences {
			if it.Conclusion != nil && s.Text == it.Conclusion.Sentence.Text && s.Text != "" && s.Orig(0) == it.Conclusion.Sentence.Orig(0) {
				continue
			}
			ms := p.sentenceMentions(s, "rationale")
			if len(ms) == 0 {
				if m, ok := p.clinicalMention(s); ok {
					m.First = k == 0
					it.RequestMentions = append(it.RequestMentions, m)
				}
				continue
			}
			for n, m := range ms {
				m.First = k == 0
				if p.otherItems(m.RequestMention, i) || p.siblingNamesItem(ms, n, &l.Items[i]) {
					continue
				}
				it.RequestMentions = append(it.RequestMentions, m.RequestMention)
			}
		}
	}
	if len(l.Items) == 0 {
		return
	}
	// The 2013 determination list restates each request.
	for i := range l.Items {
		if d := l.Items[i].Determination; d != nil && d.Restated.Request.Valid() {
			l.Items[i].RequestMentions = append(l.Items[i].RequestMentions, RequestMention{Conclusion: d.Restated, Where: "determination", Certain: true})
		}
	}
	for _, s := range l.SummarySentences {
		ms := p.sentenceMentions(s, "summary")
		for n, m := range ms {
			// The summary recounts the Utilization Review's ruling, not
			// the expert reviewer's.
			m.Decision, m.Certain = NoDecision, false
			target := p.summaryItem(m)
			if target < 0 || p.siblingNamesItem(ms, n, &l.Items[target]) || n > 0 && ms[n-1].group == m.group && !p.namesItem(m.RequestMention, &l.Items[target]) {
				continue
			}
			l.Items[target].RequestMentions = append(l.Items[target].RequestMentions, m.RequestMention)
		}
	}
}

// siblingNamesItem reports whether, of a list of requests (ms[n] and the
// other segments of its anchor), another segment names the item and
// ms[n] does not: then ms[n] is another request of the list.
func (p *parser) siblingNamesItem(ms []mentionParts, n int, it *Item) bool {
	if p.namesItem(ms[n].RequestMention, it) {
		return false
	}
	// A compound's ingredients are listed as the header lists them: each
	// is compared ("contains gabapentin and omeprazole" under a header of
	// gabapentin and cyclobenzaprine).
	if len(it.Drugs) >= 2 && len(ms[n].Drugs) > 0 && len(ms[n].Treatments) == 0 {
		return false
	}
	for k := range ms {
		if k != n && ms[k].group == ms[n].group && p.namesItem(ms[k].RequestMention, it) {
			return true
		}
	}
	return false
}

// sentenceMentions reads what a sentence restates of a request: one
// mention per anchor, or one for a ruling of medical necessity with no
// anchor ("One platelet-rich plasma injection to the left knee is not
// medically necessary").
func (p *parser) sentenceMentions(s Sentence, where string) []mentionParts {
	var buf [4]anchor
	anchors := requestAnchors(s.Text, s.Toks, buf[:0])
	c, ruled := p.conclusionToks(s.Block, 0, s.Toks)
	rule := -1
	if ruled {
		rule = c.phraseStart
		if p.conditionalRuling(s.Toks, rule) {
			ruled, rule = false, -1
		}
	}
	var out []mentionParts
	ruling := func() []mentionParts {
		// A ruling no anchor restates: its subject, back to the clause's
		// start ("Pursuant to the ACOEM and Official Disability
		// Guidelines, MRI of the left shoulder is not medically
		// necessary"; "One platelet-rich plasma injection to the left
		// knee is not medically necessary"; "the request is medically
		// necessary").
		if !ruled || !strings.Contains(c.Phrase.Text, "medically") {
			return out
		}
		rs := strings.LastIndexAny(s.Text[:rule], ",;:") + 1
		subj := phrase.Tokenize(s.Text[rs:rule])
		if len(subj) == 0 || len(subj) > 15 || hasAny(subj, guidelineWords) && !hasAny(subj, requestWords) {
			return out
		}
		m := p.mention(s, where, rs, rule, true)
		m.Decision, m.Phrase, m.formal = c.Decision, c.Phrase, true
		return append(out, m)
	}
	if len(anchors) == 0 {
		return ruling()
	}
	for k, a := range anchors {
		if p.historyAnchor(s.Toks, a.end) {
			continue
		}
		r := -1
		if rule > a.end {
			r = rule
		}
		e := requestPartEnd(s.Text, s.Toks, a.end, r)
		if k+1 < len(anchors) && anchors[k+1].end < e {
			continue // the next anchor restates it more closely
		}
		if e <= a.end {
			continue
		}
		first := p.mention(s, where, a.end, e, a.certain)
		if len(first.reqToks) == 0 || notARequestStart.has(first.reqToks[0].Text) || hasAny(first.reqToks, historyIn) {
			continue
		}
		for _, seg := range p.segments(s, a.end, e) {
			m := first
			if seg != [2]int{a.end, e} {
				m = p.mention(s, where, seg[0], seg[1], a.certain)
			}
			m.formal, m.group = a.formal, k
			if ruled && rule >= e {
				m.Decision, m.Phrase = c.Decision, c.Phrase
			}
			out = append(out, m)
		}
	}
	if ruled {
		for _, m := range out {
			if m.Decision != NoDecision {
				return out
			}
		}
		return ruling()
	}
	return out
}

// requestWords name the request itself.
var requestWords = newWordSet("request", "requests", "requested")

// segments splits a restated request that lists several ("8 sessions of
// physical therapy for the lumbar spine and occupational therapy for the
// left hand") into one range per treatment or drug: a new one starts at
// each treatment or drug after the first that "and", "or", "as well as",
// "plus" or a comma brings in.
func (p *parser) segments(s Sentence, rs, re int) [][2]int {
	toks, ok := subTokens(s.Toks, rs, re)
	if !ok {
		return [][2]int{{rs, re}}
	}
	var starts []int
	for _, m := range p.v.Treatment.FindTokens(toks) {
		starts = append(starts, m.Start)
	}
	if p.v.Drug != nil {
		for _, m := range p.v.Drug.FindTokens(toks) {
			starts = append(starts, m.Start)
		}
	}
	if len(starts) < 2 {
		return [][2]int{{rs, re}}
	}
	slices.Sort(starts)
	out := [][2]int{{rs, re}}
	for _, st := range starts[1:] {
		cur := &out[len(out)-1]
		between := s.Text[cur[0]:st]
		k, n := lastJoin(between)
		if k <= 0 {
			continue
		}
		cut := cur[0] + k
		out = append(out, [2]int{cut + n, cur[1]})
		out[len(out)-2][1] = cut
	}
	return out
}

// lastJoin is the offset in s of the last list joint (", and ", " and ",
// " or ", ", ", " as well as ", " plus ") and its length, or -1.
func lastJoin(s string) (int, int) {
	best, n := -1, 0
	for _, j := range [...]string{", and ", " and ", " or ", ", ", " as well as ", " plus "} {
		if k := strings.LastIndex(s, j); k > best || k >= 0 && k == best && len(j) > n {
			best, n = k, len(j)
		}
	}
	return best, n
}

// mentionParts is a mention with the tokens of its request.
type mentionParts struct {
	RequestMention
	reqToks []phrase.Token
	formal  bool // the anchor was formal (see anchor)
	group   int  // the anchor's index: the segments of one list share it
}

// mention reads the request restated in s.Text[rs:re].
func (p *parser) mention(s Sentence, where string, rs, re int, certain bool) mentionParts {
	for re > rs && (s.Text[re-1] == ' ' || s.Text[re-1] == ',') {
		re--
	}
	m := mentionParts{RequestMention: RequestMention{Where: where, Certain: certain && where == "rationale"}}
	m.Sentence = s
	p.readRestated(&m.Conclusion, s, rs, re)
	m.reqToks, _ = subTokens(s.Toks, rs, re)
	return m
}

// readRestated reads the request restated in s.Text[rs:re] into c: its
// quantities, treatments, drugs and body parts.
func (p *parser) readRestated(c *Conclusion, s Sentence, rs, re int) {
	c.Request = blockField(s.Block, rs, re)
	c.Quantities = p.quantities(s.Block, rs, re)
	// The request's words are read once, for its treatments and its body
	// parts: the sentence's own, when they are the request's (their
	// offsets are then the sentence's: off is 0).
	reqToks, ok := subTokens(s.Toks, rs, re)
	off := 0
	if !ok {
		reqToks, off = phrase.Tokenize(s.Text[rs:re]), rs
	}
	for _, m := range p.v.Treatment.FindTokens(reqToks) {
		t := p.v.Treatments[m.Entry]
		c.Treatments = append(c.Treatments, Treatment{ID: t.ID, Name: t.Name, Field: blockField(s.Block, off+m.Start, off+m.End)})
	}
	if p.v.Drug != nil {
		for _, m := range p.v.Drug.FindTokens(reqToks) {
			d := p.v.Drugs[m.Entry]
			c.Drugs = append(c.Drugs, Treatment{ID: d.ID, Name: d.Name, Field: blockField(s.Block, off+m.Start, off+m.End)})
		}
	}
	if rs < re {
		c.BodyParts = p.bodyPartsToks(s.Block, off, re, reqToks)
	}
}

// historyAnchor reports an anchor whose three words before make the
// request another one ("a prior request for").
func (p *parser) historyAnchor(toks []phrase.Token, end int) bool {
	k := 0
	for k < len(toks) && toks[k].Start < end {
		k++
	}
	// toks[k-1] is the anchor's last word; look before the anchor's words.
	for i := max(0, k-5); i < k; i++ {
		if historyBefore.has(toks[i].Text) {
			return true
		}
	}
	return false
}

// conditionalRuling reports a ruling made hypothetical by a word just
// before or after it.
func (p *parser) conditionalRuling(toks []phrase.Token, rule int) bool {
	k := 0
	for k < len(toks) && toks[k].Start < rule {
		k++
	}
	for i := max(0, k-3); i < min(len(toks), k+7); i++ {
		if conditional.has(toks[i].Text) {
			return true
		}
	}
	return false
}

func hasAny(toks []phrase.Token, w *wordSet) bool {
	for _, t := range toks {
		if w.has(t.Text) {
			return true
		}
	}
	return false
}

// otherItems reports a mention of item i's rationale that names another
// item's treatment or drug and none of item i's: it speaks of that item
// ("as the surgery is not medically necessary, the associated physical
// therapy is not either").
func (p *parser) otherItems(m RequestMention, i int) bool {
	if len(m.Treatments) == 0 && len(m.Drugs) == 0 {
		return false
	}
	items := p.l.Items
	if p.namesItem(m, &items[i]) {
		return false
	}
	for j := range items {
		if j != i && p.namesItem(m, &items[j]) {
			return true
		}
	}
	return false
}

// namesItem reports whether a mention names the item's treatment or drug.
func (p *parser) namesItem(m RequestMention, it *Item) bool {
	for _, t := range m.Treatments {
		if t.ID == it.Treatment.ID && t.ID != "" && t.ID != "medication" {
			return true
		}
	}
	for _, d := range m.Drugs {
		for _, h := range it.Drugs {
			if d.ID == h.ID {
				return true
			}
		}
	}
	return false
}

// summaryItem is the item a summary mention states the request of: the
// one item whose treatment or drug it names, or, in a letter of one item,
// that item when the mention names the request formally ("the Request
// for Authorization requested", "the request for"); -1 when it names
// none or several. A summary recounts many requests ("the physician
// requested Ondansetron"), and only the disputed ones are compared.
func (p *parser) summaryItem(m mentionParts) int {
	items := p.l.Items
	found := -1
	for j := range items {
		if p.namesItem(m.RequestMention, &items[j]) {
			if found >= 0 {
				return -1
			}
			found = j
		}
	}
	if found < 0 && len(items) == 1 && m.formal {
		return 0
	}
	return found
}

// complaintVerbs, after the patient as subject, make a sentence a
// statement of the patient's complaint: "the patient presents with",
// "she complains of", "the injured worker reported".
var complaintVerbs = newWordSet("presents", "presented", "complains", "complained", "reports", "reported", "describes", "described", "endorses", "notes")

// patientSubjects name the patient as a sentence's subject.
var patientSubjects = newWordSet("patient", "worker", "applicant", "claimant", "employee", "individual", "he", "she")

// notThisSide are words that let a complaint name another side rightly:
// a comparison, both sides, or the history of the other.
var notThisSide = newWordSet("bilateral", "both", "contralateral", "opposite", "compared", "comparison", "history",
	"prior", "previous", "previously", "surgery", "status", "s/p", "also", "versus", "vs", "than")

// complains reports whether the sentence states the patient's complaint:
// a complaint verb right after a patient subject.
func complains(toks []phrase.Token) bool {
	for i := 1; i < len(toks); i++ {
		if complaintVerbs.has(toks[i].Text) && patientSubjects.has(toks[i-1].Text) {
			return true
		}
	}
	return false
}

// clinicalMention reads a rationale sentence that states the patient's
// complaint with a side ("the patient presents with right hip pain"); its
// body parts are compared with the header's, as a warning.
func (p *parser) clinicalMention(s Sentence) (RequestMention, bool) {
	if !hasAny(s.Toks, sideWords) || !complains(s.Toks) || hasAny(s.Toks, notThisSide) {
		return RequestMention{}, false
	}
	var c Conclusion
	c.Sentence = s
	c.Request = blockField(s.Block, 0, len(s.Text))
	c.BodyParts = p.bodyPartsToks(s.Block, 0, len(s.Text), s.Toks)
	n := 0
	for _, b := range c.BodyParts {
		if b.Side != "" && b.Region != "" {
			n++
		}
	}
	if n != 1 {
		return RequestMention{}, false
	}
	return RequestMention{Conclusion: c, Where: "rationale", Clinical: true}, true
}

var sideWords = newWordSet("left", "right")

// headerDrugs reads the drugs an item header names.
func (p *parser) headerDrugs(it *Item, b text.Block, s, e int, toks []phrase.Token) {
	if p.v.Drug == nil {
		return
	}
	for _, m := range p.v.Drug.FindTokens(toks) {
		d := p.v.Drugs[m.Entry]
		it.Drugs = append(it.Drugs, Treatment{ID: d.ID, Name: d.Name, Field: blockField(b, s+m.Start, s+m.End)})
	}
}
