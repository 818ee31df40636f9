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

// abbrevs end with a period that does not end a sentence.
var abbrevs = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "vs": true, "no": true, "e.g": true, "i.e": true, "etc": true, "approx": true, "st": true, "jr": true, "sr": true, "inc": true, "fig": true, "u.s": true, "p": true, "pp": true, "vol": true, "al": true, "ca": true, "ed": true, "ref": true}

// Sentences splits a block into sentences. A period ends a sentence when a
// space and a capital, digit or quote follow, and it is not the period of
// an abbreviation or an initial.
//
// The block is tokenized once and its tokens shared out among the
// sentences: only spaces lie between two sentences, and no token crosses a
// space, so each sentence's tokens are exactly those Tokenize would give it
// (offsets made relative to the sentence). One tokenization and one token
// slice per block, instead of one per sentence, halves the allocations of
// reading the prose.
func Sentences(b text.Block) []Sentence {
	t := b.Text
	// bounds are the sentences' [start, end) ranges; most blocks have few
	// enough that the array stays on the stack.
	var buf [48][2]int
	bounds := buf[:0]
	start := 0
	ends := sentenceEnds{t: t, dot: -1, question: -1, bang: -1}
	for i := ends.next(0); i < len(t); i = ends.next(i + 1) {
		c := t[i]
		j := i + 1
		for j < len(t) && (t[j] == '"' || t[j] == '\'' || t[j] == ')') {
			j++
		}
		if j < len(t) {
			if t[j] != ' ' || j+1 >= len(t) {
				continue
			}
			n := t[j+1]
			if !(n >= 'A' && n <= 'Z' || n >= '0' && n <= '9' || n == '"' || n == '(') {
				continue
			}
		}
		if c == '.' {
			w := i
			for w > start && t[w-1] != ' ' && t[w-1] != '(' {
				w--
			}
			if isAbbrevOrInitial(t[w:i]) {
				continue
			}
		}
		bounds = append(bounds, [2]int{start, j})
		start = j
		for start < len(t) && t[start] == ' ' {
			start++
		}
		i = start - 1
	}
	if start < len(t) {
		bounds = append(bounds, [2]int{start, len(t)})
	}
	if len(bounds) == 0 {
		return nil
	}
	toks := phrase.Tokenize(t)
	out := make([]Sentence, len(bounds))
	k := 0
	for n, bd := range bounds {
		s, e := bd[0], bd[1]
		first := k
		for k < len(toks) && toks[k].Start < e {
			toks[k].Start -= s
			toks[k].End -= s
			k++
		}
		// The full slice expression caps each sentence's tokens, so an
		// append to one never writes over the next sentence's.
		out[n] = Sentence{Block: b.Sub(s, e), Toks: toks[first:k:k]}
	}
	return out
}

// sentenceEnds finds the periods, question marks and exclamation marks of
// t with strings.IndexByte, rather than testing every byte; the places of
// the next of each are kept until passed.
type sentenceEnds struct {
	t                   string
	dot, question, bang int
}

// next is the index of the first '.', '?' or '!' at or after i, or len(t).
func (e *sentenceEnds) next(i int) int {
	if e.dot < i {
		e.dot = ascii.IndexByteFrom(e.t, i, '.')
	}
	if e.question < i {
		e.question = ascii.IndexByteFrom(e.t, i, '?')
	}
	if e.bang < i {
		e.bang = ascii.IndexByteFrom(e.t, i, '!')
	}
	return min(e.dot, e.question, e.bang)
}

// isAbbrevOrInitial reports whether word, the word before a period, is an
// abbreviation ("Dr", "e.g") or a single-letter initial, compared
// lower-cased. ASCII words are lower-cased in a stack buffer: no
// abbreviation is longer than maxAbbrev, and strings.ToLower allocated for
// every capitalised word before a period.
func isAbbrevOrInitial(word string) bool {
	if !ascii.IsASCII(word) {
		// strings.ToLower may change the length ("K", the Kelvin sign,
		// lower-cases to "k"): keep its exact reading.
		word = strings.ToLower(word)
		return abbrevs[word] || (len(word) == 1 && word[0] >= 'a' && word[0] <= 'z')
	}
	if len(word) == 1 {
		c := word[0] | 0x20
		return c >= 'a' && c <= 'z'
	}
	if len(word) > maxAbbrev {
		return false
	}
	var lb [maxAbbrev]byte
	for i := 0; i < len(word); i++ {
		lb[i] = ascii.Lower(word[i])
	}
	return abbrevs[string(lb[:len(word)])]
}

// maxAbbrev is the length of the longest abbreviation ("approx").
const maxAbbrev = 6

type conc struct {
	Decision    Decision
	Phrase      Field
	phraseStart int
}

// conclusionIn finds the last decisive phrase of b.Text[from:]. It
// returns the conclusion by value: a pointer made one escape to the heap
// for every rationale.
func (p *parser) conclusionIn(b text.Block, from int) (conc, bool) {
	return p.conclusionToks(b, from, phrase.Tokenize(b.Text[from:]))
}

// conclusionToks is conclusionIn with b.Text[from:] already tokenized (a
// sentence's own tokens).
func (p *parser) conclusionToks(b text.Block, from int, toks []phrase.Token) (conc, bool) {
	ms := p.v.Conclusions.FindTokens(toks)
	if len(ms) == 0 {
		return conc{}, false
	}
	m := ms[len(ms)-1]
	d := Upheld
	if m.Entry == rules.Necessary {
		d = Overturned
		// "cannot be considered medically necessary", "is not deemed
		// medically necessary": a negation shortly before flips it.
		k := 0
		for i, t := range toks {
			if t.Start >= m.Start {
				k = i
				break
			}
		}
		for i := k - 1; i >= 0 && i >= k-4; i-- {
			switch toks[i].Text {
			case "not", "cannot", "non", "never", "neither", "nor", "no", "isn't", "aren't":
				d = Upheld
			}
		}
	}
	return conc{Decision: d, Phrase: blockField(b, from+m.Start, from+m.End), phraseStart: from + m.Start}, true
}

// subTokens returns the tokens of toks, a sentence's, that lie in
// [rs, re): what Tokenize would give for the sentence's text[rs:re] alone,
// offsets aside, when no token crosses rs or re (the tokenizer starts
// afresh between tokens, and a token's end depends on nothing past it but
// a letter after an apostrophe, which would have made it cross). It
// reports false when one crosses.
func subTokens(toks []phrase.Token, rs, re int) ([]phrase.Token, bool) {
	a := 0
	for a < len(toks) && toks[a].End <= rs {
		a++
	}
	if a < len(toks) && toks[a].Start < rs {
		return nil, false
	}
	b := a
	for b < len(toks) && toks[b].End <= re {
		b++
	}
	if b < len(toks) && toks[b].Start < re {
		return nil, false
	}
	return toks[a:b:b], true
}

var requestForRE = regexp.MustCompile(`(?i)\b(?:the )?(?:request(?:ed)?|prescription|requests) (?:for|of)\s+|\bthe requested\s+|\bthe (?:original|remaining) request,?\s*|\bregarding\s+`)

func (p *parser) finishItem(it *Item) {
	if it.Rationale.Present() {
		it.Sentences = Sentences(it.Rationale.Body)
		for k := len(it.Sentences) - 1; k >= 0; k-- {
			s := it.Sentences[k]
			c, ok := p.conclusionToks(s.Block, 0, s.Toks)
			if !ok {
				continue
			}
			con := &Conclusion{Sentence: s, Decision: c.Decision, Phrase: c.Phrase}
			rs, re := 0, c.phraseStart
			if e := p.requestForEnd(s.Text[:re]); e >= 0 {
				rs = e
			}
			for re > rs && (s.Text[re-1] == ' ' || s.Text[re-1] == ',') {
				re--
			}
			con.Request = blockField(s.Block, rs, re)
			con.Quantities = p.quantities(s.Block, rs, re)
			// The request's words are read once, for its treatments and its
			// body parts: the sentence's own, when they are the request's
			// (their offsets are then the sentence's: off is 0).
			reqToks, ok := subTokens(s.Toks, rs, re)
			off := 0
			if !ok {
				reqToks, off = phrase.Tokenize(s.Text[rs:re]), rs
			}
			for _, m := range p.v.Treatment.FindTokens(reqToks) {
				t := p.v.Treatments[m.Entry]
				con.Treatments = append(con.Treatments, Treatment{ID: t.ID, Name: t.Name, Field: blockField(s.Block, off+m.Start, off+m.End)})
			}
			if rs < re {
				con.BodyParts = p.bodyPartsToks(s.Block, off, re, reqToks)
			}
			it.Conclusion = con
			break
		}
	}
	if it.MaximusGuideline.Present() {
		it.Citations = p.citations(it.MaximusGuideline.Body, "maximus")
	}
	if it.Rationale.Present() {
		it.Mentions = p.rationaleMentions(it.Rationale.Body, it.Sentences)
	}
}

var (
	ageRE        = regexp.MustCompile(`(?i)\b(\d{1,3})[- ]?(?:year|yr)s?[- ]old,?\s+(?:[\w-]+,?\s+){0,3}?(male|female|man|woman|gentleman|lady|patient|worker|individual|claimant|employee|person)\b`)
	injuryBefore = regexp.MustCompile(`(?i)\b(?:date of (?:industrial )?injury|injury date|injury|injured|DOI)\b(?: (?:at work|while working|on the job))?(?: (?:was|is|dated|date|of|on|reported))*\s*:?\s*\(?$`)
	urActionRE   = regexp.MustCompile(`(?i)non-?certif|denied|modified|not certified|noncertif|non-certified`)
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
			for _, m := range p.ageMatches(s.Text) {
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
		isUR := len(dates) > 0 && mentionsUR(s.Toks) && p.urAction(s.Text)
		for _, d := range dates {
			f := Date{Field: blockField(s.Block, d.Start, d.End), Time: d.Time}
			// Only the words just before the date matter; an anchored
			// pattern over the whole prefix would backtrack through it.
			before := s.Text[max(0, d.Start-60):d.Start]
			if p.injuryDateBefore(before) {
				l.InjuryDates = append(l.InjuryDates, f)
			} else if isUR {
				l.URDates = append(l.URDates, f)
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

// ageMatches is ageRE's matches in a sentence that holds "old" in any case
// (the age pattern is costly; a sentence without has no age to find).
func (p *parser) ageMatches(s string) [][]int {
	if p.ascii {
		if !agePretest(s) {
			return nil
		}
		return ageMatchesFast(s)
	}
	// No non-ASCII letter folds to o, l or d: the pattern's "old" is
	// these three bytes in some ASCII case.
	if ascii.IndexFold(s, "old") < 0 {
		return nil
	}
	return ageRE.FindAllStringSubmatchIndex(s, -1)
}

// agePretest reports, for ASCII s, whether s holds `(?:year|yr)s?[- ]old`
// in any case, as every match of ageRE does ("old" is also in "told" and
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
