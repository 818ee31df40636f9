package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/rules"
)

// otherPeople are words that bring someone besides the patient into a
// sentence, where a pronoun may rightly be of the other sex.
var otherPeople = newWordSet(strings.Fields("dr doctor physician physicians provider providers surgeon therapist nurse wife husband spouse daughter son mother father sister brother girlfriend boyfriend partner child children attorney examiner chiropractor practitioner reviewer employer supervisor coworker co-worker acupuncturist psychologist psychiatrist neurologist orthopedist podiatrist")...)

// otherTitles match only as written: "DO" is a degree, "do" a verb.
var otherTitles = newWordSet("MD", "DC", "DO", "NP", "PA", "PhD", "PsyD", "RN", "PT")

func mentionsOther(toks []phrase.Token) bool {
	for _, t := range toks {
		if otherPeople.has(t.Text) || otherTitles.has(t.Raw) {
			return true
		}
	}
	return false
}

// demographics collects ages, sex words and pronouns of the summary and
// rationales, and the dates the summary gives for the injury and the
// Utilization Review.
func (p *parser) demographics() {
	l := p.l
	type part struct {
		ss          []Sentence
		where, noun string
	}
	l.SummarySentences = Sentences(l.Summary)
	parts := make([]part, 1, 1+len(l.Items))
	parts[0] = part{l.SummarySentences, "summary", "summary-noun"}
	for _, it := range l.Items {
		if it.Rationale.Present() {
			parts = append(parts, part{it.Sentences, "rationale", "rationale-noun"})
		}
	}
	for _, pt := range parts {
		for _, s := range pt.ss {
			for _, m := range ageMatches(s.Text, p.v.Words.AgeNouns) {
				l.Ages = append(l.Ages, Mention{Field: blockField(s.Block, m[2], m[3]), Value: s.Text[m[2]:m[3]], Where: pt.where})
				// "a 61 year old male": the sex of the patient.
				for _, sm := range p.v.SexNouns.Find(s.Text[m[4]:m[5]]) {
					p.addSex(Mention{Field: blockField(s.Block, m[4]+sm.Start, m[4]+sm.End), Value: sexName(sm.Entry), Where: pt.noun})
				}
			}
			toks := s.Toks
			prons := p.v.Pronouns.FindTokens(toks)
			if len(prons) == 0 || mentionsOther(toks) {
				continue
			}
			for _, m := range prons {
				// "he/she", "his/her": template text, not the patient's.
				if m.Start > 0 && s.Text[m.Start-1] == '/' || m.End < len(s.Text) && s.Text[m.End] == '/' {
					continue
				}
				p.addSex(Mention{Field: blockField(s.Block, m.Start, m.End), Value: sexName(m.Entry), Where: pt.where})
			}
		}
	}
	for _, a := range l.Ages {
		if a.Where == "summary" {
			l.Patient.Age = a.Field
			break
		}
	}
	for _, sx := range l.Sexes {
		if sx.Where == "summary-noun" {
			l.Patient.Sex = Field{Text: sx.Value, Span: sx.Span}
			break
		}
	}

	last := ""
	// The dates of one sentence at a time are read into the same list.
	var dates []DateLoc
	for _, s := range l.SummarySentences {
		dates = appendDates(dates[:0], s.Text)
		isUR := len(dates) > 0 && mentionsUR(s.Toks) && urAction(s.Text)
		isRFA := len(dates) > 0 && mentionsRFA(s.Toks)
		for _, d := range dates {
			f := Date{Field: blockField(s.Block, d.Start, d.End), Time: d.Time}
			// Only the words just before the date matter; an anchored
			// pattern over the whole prefix would backtrack through it.
			before := s.Text[max(0, d.Start-60):d.Start]
			switch {
			case injuryDateBefore(before):
				l.InjuryDates = append(l.InjuryDates, f)
			case serviceDateAround(s.Text, d):
				l.ServiceDates = append(l.ServiceDates, f)
			case isUR && isRFA:
				// "The Request for Authorization dated 06/20/2016 ...,
				// and Utilization Review non-certified it on 07/05/2016":
				// each date is the event named last before it.
				if rfaBefore(s.Toks, d.Start) > urBefore(s.Toks, d.Start) {
					l.RequestDates = append(l.RequestDates, f)
				} else {
					l.URDates = append(l.URDates, f)
				}
			case isUR:
				l.URDates = append(l.URDates, f)
			case isRFA:
				l.RequestDates = append(l.RequestDates, f)
			}
		}
		p.facts(s, &last)
	}
}

// addSex adds a sex word or pronoun. A letter has a few of them: room for
// eight is made at the first, rather than growing the list one, two, four;
// a letter with none keeps a nil list.
func (p *parser) addSex(m Mention) {
	if p.l.Sexes == nil {
		p.l.Sexes = make([]Mention, 0, 8)
	}
	p.l.Sexes = append(p.l.Sexes, m)
}

// ageMatches finds the ages of a sentence ("a 61 year old male"), each as
// submatch indexes: the whole, the number and the noun.
//
//	(?i)\b(\d{1,3})[- ]?(?:year|yr)s?[- ]old,?\s+(?:[\w-]+,?\s+){0,3}?(NOUN|...)\b
//
// where the NOUNs are nouns, rules/vocab/words.toml's ages.nouns (male,
// female, man, woman, patient, worker, ...), tried in their order.
//
// Each part but the words between "old" and the noun can be read only one
// way (a shorter digit run or a skipped optional part leaves a character
// the next part cannot take), so an age is read straight through; the
// lazy {0,3}? tries the noun after no word, then one, two and three, the
// longest run of [\w-] standing for each word, as the pattern's must.
//
// Most sentences hold no age, and are passed over once agePretest finds no
// "year old" in them.
func ageMatches(s string, nouns []string) [][]int {
	if !agePretest(s) {
		return nil
	}
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !ascii.IsDigit(s[i]) || (i > 0 && isWord(s[i-1])) {
			continue
		}
		if m := ageAt(s, i, nouns); m != nil {
			out = append(out, m)
			i = m[1] - 1
		}
	}
	return out
}

// ageAt matches an age at s[i:], where a digit starts a word: the whole
// match, the number and the noun, as submatch indexes, or nil.
func ageAt(s string, i int, nouns []string) []int {
	j := i
	for j < len(s) && j-i < 3 && ascii.IsDigit(s[j]) {
		j++
	}
	numEnd := j
	if j < len(s) && (s[j] == '-' || s[j] == ' ') {
		j++
	}
	switch {
	case ascii.HasPrefixFold(s[j:], "year"):
		j += 4
	case ascii.HasPrefixFold(s[j:], "yr"):
		j += 2
	default:
		return nil
	}
	j = optS(s, j)
	if j >= len(s) || (s[j] != '-' && s[j] != ' ') {
		return nil
	}
	j++
	if !ascii.HasPrefixFold(s[j:], "old") {
		return nil
	}
	j += 3
	if j < len(s) && s[j] == ',' {
		j++
	}
	if k := spacesAfter(s, j); k > j {
		j = k
	} else {
		return nil
	}
	for words := 0; words <= 3; words++ {
		if ns, ne, ok := ageNounAt(s, j, nouns); ok {
			return []int{i, ne, i, numEnd, ns, ne}
		}
		// One more word: `[\w-]+,?\s+`.
		k := j
		for k < len(s) && (isWord(s[k]) || s[k] == '-') {
			k++
		}
		if k == j {
			return nil
		}
		if k < len(s) && s[k] == ',' {
			k++
		}
		e := spacesAfter(s, k)
		if e == k {
			return nil
		}
		j = e
	}
	return nil
}

// ageNounAt matches `(NOUN|...)\b` at s[j:], the first of nouns that does.
func ageNounAt(s string, j int, nouns []string) (start, end int, ok bool) {
	for _, n := range nouns {
		if ascii.HasPrefixFold(s[j:], n) {
			e := j + len(n)
			if e == len(s) || !isWord(s[e]) {
				return j, e, true
			}
		}
	}
	return 0, 0, false
}

// agePretest reports whether s holds `(?i)(?:year|yr)s?[- ]old`, as every
// age does ("old" is also in "told" and
// "hold"). The places of "old" in any case are found with indexFold, which
// skips to the rarest of its letters ("d" or "D") with IndexByte, so a
// sentence without pays a byte search or two.
func agePretest(s string) bool {
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], "old")
		if k < 0 {
			return false
		}
		o := from + k
		if yearOldAt(s, o) {
			return true
		}
		from = o + 1
	}
}

// yearOldAt reports whether `(?:year|yr)s?[- ]` ends at the "old" at s[o:].
func yearOldAt(s string, o int) bool {
	if o == 0 || (s[o-1] != ' ' && s[o-1] != '-') {
		return false
	}
	w := s[:o-1]
	if n := len(w); n > 0 && w[n-1]|0x20 == 's' {
		w = w[:n-1] // `s?`: one s, in either case
	}
	return hasSuffixFold(w, "year") || hasSuffixFold(w, "yr")
}

// injuryWords are the names of the injury injuryDateBefore accepts.
// A claim names its injury's date as letters write it ("a history of an
// occupational claim from 10/24/2016"), as does an accident or incident
// at work.
var injuryWords = [...]string{"date of injury", "date of industrial injury", "injury date", "injury", "injured", "doi",
	"claim", "accident", "incident", "injuries"}

// injuryLinkWords may follow the name of the injury, each after a space
// ("injury was reported on").
var injuryLinkWords = [...]string{"was", "is", "dated", "date", "of", "on", "reported", "from", "occurring", "occurred",
	"that", "which", "around", "about", "approximately", "sustained", "in"}

// injuryPlaces may follow the name directly ("injured at work").
var injuryPlaces = [...]string{"at work", "while working", "on the job"}

// injuryDateBefore reports whether the words before a date, s, name it
// the date of injury ("Date of injury: 1/2/2003", "injured at work on"):
//
//	(?i)\b(?:date of (?:industrial )?injury|injury date|injury|injured|DOI|claim|accident|incident|injuries)\b
//	(?: (?:at work|while working|on the job))?
//	(?: (?:was|is|dated|date|of|on|reported|from|occurring|occurred|that|which|around|about|approximately|sustained|in))*\s*:?\s*\(?$
//
// The pattern is anchored at the end, so s is read backwards: the closing
// "(", colon and spaces, then link words one by one, each time asking
// whether the name of the injury (with a place after it) ends there. No
// two link words end the same way, so each step can be taken one way only.
func injuryDateBefore(s string) bool {
	e := len(s)
	if e > 0 && s[e-1] == '(' {
		e--
	}
	e = spacesBefore(s, e)
	if e > 0 && s[e-1] == ':' {
		e = spacesBefore(s, e-1)
	}
	for {
		if injuryWordEnds(s, e) {
			return true
		}
		for _, w := range injuryPlaces {
			if k := e - len(w); k > 0 && s[k-1] == ' ' && ascii.HasPrefixFold(s[k:e], w) && injuryWordEnds(s, k-1) {
				return true
			}
		}
		n := 0
		for _, w := range injuryLinkWords {
			if k := e - len(w); k > 0 && s[k-1] == ' ' && ascii.HasPrefixFold(s[k:e], w) {
				n = len(w)
				break
			}
		}
		if n == 0 {
			return false
		}
		e -= n + 1
	}
}

// injuryWordEnds reports whether a name of the injury ends at s[:e] and
// starts a word (what follows e is never a letter here).
func injuryWordEnds(s string, e int) bool {
	for _, w := range injuryWords {
		if k := e - len(w); k >= 0 && ascii.HasPrefixFold(s[k:e], w) && (k == 0 || !isWord(s[k-1])) {
			return true
		}
	}
	return false
}

// urAction reports whether a sentence tells of a Utilization Review's
// action, `(?i)non-?certif|denied|modified|not certified|noncertif|non-certified`.
func urAction(s string) bool {
	return ascii.ContainsFold(s, "denied") || ascii.ContainsFold(s, "modified") || ascii.ContainsFold(s, "noncertif") ||
		ascii.ContainsFold(s, "non-certif") || ascii.ContainsFold(s, "not certified")
}

// mentionsRFA: the sentence names the Request for Authorization ("the
// Request for Authorization dated 11/17/2016", "RFA", "requested
// authorization for") that made the disputed request.
func mentionsRFA(toks []phrase.Token) bool {
	for i, t := range toks {
		if t.Raw == "RFA" || t.Text == "authorization" && i > 0 && (toks[i-1].Text == "for" && i > 1 && toks[i-2].Text == "request" || toks[i-1].Text == "requested") {
			return true
		}
	}
	return false
}

// rfaBefore and urBefore return the index of the last token before byte
// offset end that names the Request for Authorization or the Utilization
// Review, or -1; mentionsRFA and mentionsUR say what names them.
func rfaBefore(toks []phrase.Token, end int) int {
	at := -1
	for i, t := range toks {
		if t.Start >= end {
			break
		}
		if mentionsRFA(toks[max(0, i-2) : i+1]) {
			at = i
		}
	}
	return at
}

func urBefore(toks []phrase.Token, end int) int {
	at := -1
	for i, t := range toks {
		if t.Start >= end {
			break
		}
		if t.Raw == "UR" || t.Text == "review" && i > 0 && toks[i-1].Text == "utilization" {
			at = i
		}
	}
	return at
}

// serviceDateAround reports a date given as a date of service: "date of
// service 12/15/2016", "DOS: 12/15/2016", "a December 15, 2016 date of
// service".
func serviceDateAround(s string, d DateLoc) bool {
	before := s[max(0, d.Start-20):d.Start]
	after := s[d.End:min(len(s), d.End+20)]
	return ascii.ContainsFold(before, "date of service") || hasWordFold(before, "dos") ||
		ascii.HasPrefixFold(strings.TrimLeft(after, " "), "date of service")
}

// mentionsUR: the sentence names Utilization Review ("utilization
// review", "UR").
func mentionsUR(toks []phrase.Token) bool {
	for i, t := range toks {
		if t.Raw == "UR" || t.Text == "utilization" && i+1 < len(toks) && toks[i+1].Text == "review" {
			return true
		}
	}
	return false
}

func sexName(entry int) string {
	if entry == rules.Male {
		return "male"
	}
	return "female"
}

// completedWords introduce treatment already given ("she completed 6
// sessions").
var completedWords = newWordSet("completed", "had", "attended", "underwent", "received", "participated", "finished")

// completedAt finds the first such word, as a [start, end) pair.
func completedAt(toks []phrase.Token) []int {
	for _, t := range toks {
		if completedWords.has(t.Text) {
			return []int{t.Start, t.End}
		}
	}
	return nil
}

// facts reads a summary sentence's statements. A statement is about the
// treatment its sentence names, or, when it names none ("Functional
// improvement was documented after those sessions"), the one the sentences
// before it last named; last carries that from sentence to sentence.
func (p *parser) facts(s Sentence, last *string) {
	toks := s.Toks
	for _, m := range p.v.Treatment.FindTokens(toks) {
		if id := p.v.Treatments[m.Entry].ID; !genericRequest[id] {
			*last = id
			break
		}
	}
	treatment := *last
	var negations []phrase.Match // read once, for the first improvement
	for k, m := range p.v.Improvement.FindTokens(toks) {
		if k == 0 {
			negations = p.v.Negation.FindTokens(toks)
		}
		neg := false
		for _, n := range negations {
			if n.End <= m.Start && m.Start-n.End < 60 {
				neg = true
			}
			// "improvement was not documented"
			if n.Start >= m.End && n.Start-m.End < 25 {
				neg = true
			}
		}
		p.l.Facts = append(p.l.Facts, Fact{Kind: "functional-improvement", Negated: neg, Treatment: treatment, Field: blockField(s.Block, m.Start, m.End)})
	}
	if firstDigit(s.Text) < 0 && !strings.Contains(s.Text, "session") && !strings.Contains(s.Text, "visit") {
		return
	}
	if loc := completedAt(toks); loc != nil {
		for _, q := range p.quantities(s.Block, loc[1], len(s.Text)) {
			if q.Unit == quantity.Sessions && q.Kind == quantity.Amount {
				q := q
				p.l.Facts = append(p.l.Facts, Fact{Kind: "sessions-completed", Treatment: treatment, Field: Field{Text: q.Text, Span: q.Span}, Quantity: &q})
				break
			}
		}
	}
}
