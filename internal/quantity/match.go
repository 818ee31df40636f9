package quantity

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cand is one reading of the tokens from some index up to next (exclusive).
// emit is false for readings that consume text without reporting it, such
// as "3 x 4 cm", so that its numbers are not reported one by one.
type cand struct {
	q    Quantity
	next int
	emit bool
}

// num is a number read from one or more tokens.
type num struct {
	v           float64
	first, next int // token indices: first token and one past the last
	start, end  int // byte span
	word        bool
	paired      bool // "six (6)", "12 (twelve)"
	digits      bool // starts with a digit token
}

// tok returns token i, or nil when i is out of range or masked.
func (p *parser) tok(i int) *token {
	if i < 0 || i >= len(p.t) || p.t[i].masked {
		return nil
	}
	return &p.t[i]
}

// word returns the lower-cased word at i, or "" when i is not an unmasked word.
func (p *parser) word(i int) string {
	if t := p.tok(i); t != nil && t.kind == tWord {
		return t.lower
	}
	return ""
}

func (p *parser) isPunct(i int, r rune) bool {
	t := p.tok(i)
	return t != nil && t.kind == tPunct && t.r == r
}

// glued reports whether token i exists and has no whitespace before it.
func (p *parser) glued(i int) bool { return i >= 0 && i < len(p.t) && !p.t[i].sp }

func (p *parser) isNum(i int) bool {
	t := p.tok(i)
	return t != nil && t.kind == tNum
}

// best finds the longest reading that starts at token i and leaves it in
// p.found. It returns false quickly for the many tokens that start nothing,
// without touching p.found, which keeps Find linear with a small constant.
func (p *parser) best(i int) bool {
	t := p.tok(i)
	if t == nil {
		return false
	}
	switch t.kind {
	case tWord:
		if !isStartWord(t.lower) {
			return false
		}
	case tPunct:
		if t.r != '#' && t.r != '×' {
			return false
		}
	}
	found := false
	try := func(c cand, ok bool) {
		if ok && c.next > i && (!found || c.next > p.found.next) && validQ(&c.q) {
			p.found, found = c, true
		}
	}
	switch t.kind {
	case tNum, tWord:
		if n, ok := p.readNum(i, true); ok {
			try(p.freqAt(n))
			try(p.nxmAt(n))
			try(p.strengthAt(n))
			try(p.rangeAt(n))
			try(p.amountAt(n))
			if !n.word || n.paired {
				try(cand{q: Quantity{Kind: Number, Value: n.v, Max: n.v, Start: n.start, End: n.end, NumStart: n.start, NumEnd: n.end}, next: n.next, emit: true}, true)
			}
		}
		if t.kind == tWord {
			try(p.adverbFreqAt(i))
			try(p.xAt(i))
			try(p.qtyAt(i))
			try(p.refillsAt(i))
			try(p.supplyAt(i))
			try(p.betweenAt(i))
		}
	case tPunct:
		switch t.r {
		case '#':
			try(p.hashAt(i))
		case '×':
			try(p.xAt(i))
		}
	}
	return found
}

// validQ rejects readings whose arithmetic overflowed.
func validQ(q *Quantity) bool {
	for _, v := range [...]float64{q.Value, q.Max, q.DurValue, q.DurMax} {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
	}
	return q.Start <= q.NumStart && q.NumStart <= q.NumEnd && q.NumEnd <= q.End
}

// ---- numbers ----

// readNum reads a number at token i: digits, or (when words) number words.
// Either form may be followed by the other in parentheses: "six (6)",
// "12 (twelve)"; the pair is one number.
func (p *parser) readNum(i int, words bool) (num, bool) {
	t := p.tok(i)
	if t == nil {
		return num{}, false
	}
	var n num
	switch t.kind {
	case tNum:
		n = num{v: t.val, first: i, next: i + 1, start: t.start, end: t.end, digits: true}
		if p.isPunct(n.next, '(') {
			if w, ok := p.readWordNumber(n.next + 1); ok && w.v == n.v && p.isPunct(w.next, ')') {
				n.end = p.t[w.next].end
				n.next = w.next + 1
				n.paired = true
			}
		}
	case tWord:
		if !words {
			return num{}, false
		}
		w, ok := p.readWordNumber(i)
		if !ok {
			return num{}, false
		}
		n = w
		if p.isPunct(n.next, '(') {
			if d := p.tok(n.next + 1); d != nil && d.kind == tNum && d.val == n.v && p.isPunct(n.next+2, ')') {
				n.end = p.t[n.next+2].end
				n.next += 3
				n.paired = true
			}
		}
	default:
		return num{}, false
	}
	return n, true
}

// readWordNumber reads "twelve", "twenty-four", "twenty four", "one hundred
// (and) twenty".
func (p *parser) readWordNumber(i int) (num, bool) {
	v, next, ok := p.readSmallWords(i)
	if !ok {
		return num{}, false
	}
	if p.word(next) == "hundred" && v >= 1 && v <= 99 {
		v *= 100
		next++
		k := next
		if p.word(k) == "and" {
			k++
		}
		if w, nk, ok := p.readSmallWords(k); ok && w >= 1 {
			v += w
			next = nk
		}
	}
	return num{v: v, first: i, next: next, start: p.t[i].start, end: p.t[next-1].end, word: true}, true
}

// readSmallWords reads 0-99 in words.
func (p *parser) readSmallWords(i int) (float64, int, bool) {
	w := p.word(i)
	if w == "" {
		return 0, i, false
	}
	if v, ok := smallNumbers[w]; ok {
		return v, i + 1, true
	}
	tens, ok := tensNumbers[w]
	if !ok {
		return 0, i, false
	}
	// "twenty-four" (glued hyphen) or "twenty four".
	if t := p.tok(i + 1); t != nil && t.kind == tPunct && isHyphen(t.r) && !t.sp && p.glued(i+2) {
		if u, ok := smallNumbers[p.word(i+2)]; ok && u >= 1 && u <= 9 {
			return tens + u, i + 3, true
		}
	}
	if u, ok := smallNumbers[p.word(i+1)]; ok && u >= 1 && u <= 9 {
		return tens + u, i + 2, true
	}
	return tens, i + 1, true
}

// rangeTail reads the "-6", " to 6", " through 6" (and in a frequency " or
// 3") after lo. A range whose low end exceeds its high end is not a range.
func (p *parser) rangeTail(lo num, freq bool) (num, bool) {
	k := lo.next
	t := p.tok(k)
	if t == nil {
		return num{}, false
	}
	switch {
	case t.kind == tPunct && isDash(t.r):
		// A spaced em dash is sentence punctuation, not a range.
		if t.r == '\u2014' && (t.sp || !p.glued(k+1)) {
			return num{}, false
		}
	case t.kind == tWord && (t.lower == "to" || t.lower == "through" || t.lower == "thru"):
	case freq && t.kind == tWord && t.lower == "or":
	default:
		return num{}, false
	}
	hi, ok := p.readNum(k+1, true)
	if !ok || hi.v < lo.v {
		return num{}, false
	}
	// "4-6-8" and the like are lists or codes, not ranges.
	if lt := p.tok(hi.next); lt != nil && lt.kind == tPunct && isDash(lt.r) && !lt.sp && p.isNum(hi.next+1) {
		return num{}, false
	}
	return hi, true
}

// ---- units ----

type unitMatch struct {
	unit   Unit
	next   int
	end    int
	supply bool
}

// unitAt reads a unit phrase that starts at token k right after a number:
// "sessions", "-day supply", "-year-old", "year old", "y/o", "day rental".
// digits tells whether the number was in digits; abbreviations need them.
func (p *parser) unitAt(k int, digits bool) (unitMatch, bool) {
	j := k
	if t := p.tok(j); t != nil && t.kind == tPunct && isDash(t.r) && t.r != '\u2014' && !t.sp && p.glued(j+1) {
		j++
	}
	w := p.word(j)
	if w == "" {
		return unitMatch{}, false
	}
	m := unitMatch{next: j + 1}
	if w == "y" {
		// "61 y/o", "61 y.o."
		if (p.isPunct(j+1, '/') || p.isPunct(j+1, '.')) && p.word(j+2) == "o" && p.glued(j+1) && p.glued(j+2) {
			m.unit, m.next = Years, j+3
			if p.isPunct(m.next, '.') && p.glued(m.next) {
				m.next++
			}
			m.end = p.t[m.next-1].end
			return m, true
		}
		return unitMatch{}, false
	}
	u, ok := unitWords[w]
	if !ok || (symbolUnits[w] && !digits) {
		return unitMatch{}, false
	}
	m.unit = u
	switch u {
	case Years:
		// "61 year old", "61-year-old", "61 years old".
		jj := m.next
		if t := p.tok(jj); t != nil && t.kind == tPunct && isHyphen(t.r) && !t.sp && p.glued(jj+1) {
			jj++
		}
		if p.word(jj) == "old" {
			m.next = jj + 1
		}
	case Days:
		// "30 day supply", "30-day supply", "30 days' supply", "30 day's supply", "30 day rental".
		jj := m.next
		if t := p.tok(jj); t != nil && t.kind == tPunct && (t.r == '\'' || t.r == '’') && !t.sp {
			jj++
			if p.word(jj) == "s" && p.glued(jj) {
				jj++
			}
		}
		switch p.word(jj) {
		case "supply":
			m.next, m.supply = jj+1, true
		case "rental":
			m.next = jj + 1
		}
	}
	m.end = p.t[m.next-1].end
	return m, true
}

// eligible reports whether the word at i may stand between a number and its
// unit noun ("18 additional sessions", "12 physical therapy visits").
func (p *parser) eligible(i int) bool {
	w := p.word(i)
	return w != "" && !notBetween[w]
}

// unitAfter reads the unit of number n, directly or after up to three
// ordinary words (for the units in interveningUnits).
func (p *parser) unitAfter(n num) (unitMatch, bool) {
	// freqAt, rangeAt and amountAt all ask about the same number; remember
	// the last answer.
	key := unitKey{first: n.first, next: n.next, digits: n.digits, paired: n.paired}
	if p.unitMemo.ok && p.unitMemo.key == key {
		return p.unitMemo.m, p.unitMemo.found
	}
	m, found := p.unitAfterUncached(n)
	p.unitMemo.key, p.unitMemo.m, p.unitMemo.found, p.unitMemo.ok = key, m, found, true
	return m, found
}

type unitKey struct {
	first, next    int
	digits, paired bool
}

func (p *parser) unitAfterUncached(n num) (unitMatch, bool) {
	if m, ok := p.unitAt(n.next, n.digits); ok {
		return m, true
	}
	// A year ("in 2016 chiropractic visits ...") never takes a distant unit.
	if n.digits && !n.paired && yearLike(&p.t[n.first]) {
		return unitMatch{}, false
	}
	j := n.next
	for words := 0; words < 3; words++ {
		t := p.tok(j)
		if t == nil || !t.sp || !p.eligible(j) {
			return unitMatch{}, false
		}
		j++
		// Hyphenated compounds count as one word: "follow-up", "in-office".
		for {
			h := p.tok(j)
			if h == nil || h.kind != tPunct || !isHyphen(h.r) || h.sp || !p.glued(j+1) || p.word(j+1) == "" {
				break
			}
			if w := p.word(j + 1); isNumberWord(w) || unitWords[w] != "" {
				break
			}
			j += 2
		}
		if t := p.tok(j); t != nil && t.sp && t.kind == tWord {
			if m, ok := p.unitAt(j, n.digits); ok && interveningUnits[m.unit] {
				return m, true
			}
		}
	}
	return unitMatch{}, false
}

// ---- amounts and ranges ----

// amountAt reads "12 sessions", "18 additional sessions", "30-day supply",
// "61-year-old", "one-month".
func (p *parser) amountAt(n num) (cand, bool) {
	m, ok := p.unitAfter(n)
	if !ok {
		return cand{}, false
	}
	q := Quantity{Kind: Amount, Value: n.v, Max: n.v, Unit: m.unit, Supply: m.supply,
		Start: n.start, End: m.end, NumStart: n.start, NumEnd: n.end}
	return cand{q: q, next: m.next, emit: true}, true
}

// rangeAt reads "4-6", "4 to 6 visits", "7-10 days".
func (p *parser) rangeAt(lo num) (cand, bool) {
	hi, ok := p.rangeTail(lo, false)
	if !ok {
		return cand{}, false
	}
	return p.finishRange(lo, hi, lo.start)
}

func (p *parser) finishRange(lo, hi num, start int) (cand, bool) {
	q := Quantity{Kind: Range, Value: lo.v, Max: hi.v, Start: start, End: hi.end, NumStart: lo.start, NumEnd: hi.end}
	next := hi.next
	if m, ok := p.unitAfter(hi); ok {
		q.Unit, q.Supply, q.End, next = m.unit, m.supply, m.end, m.next
	} else {
		// Number words need a unit; "5-10 mg" and "10-20%" are doses, and
		// "2014 to 2016" is a span of years, none of them a range of anything
		// the checks count.
		if (lo.word && !lo.paired) || (hi.word && !hi.paired) || p.strengthUnitAt(hi.next) ||
			p.isPunct(hi.next, '%') || (yearLike(&p.t[lo.first]) && yearLike(&p.t[hi.first])) {
			return cand{}, false
		}
	}
	return cand{q: q, next: next, emit: true}, true
}

// betweenAt reads "between 4 and 6 (visits)".
func (p *parser) betweenAt(i int) (cand, bool) {
	if p.word(i) != "between" {
		return cand{}, false
	}
	lo, ok := p.readNum(i+1, true)
	if !ok || p.word(lo.next) != "and" {
		return cand{}, false
	}
	hi, ok := p.readNum(lo.next+1, true)
	if !ok || hi.v < lo.v {
		return cand{}, false
	}
	return p.finishRange(lo, hi, p.t[i].start)
}

// ---- frequency and duration ----

// perAt reads the period of a frequency at k: "a week", "per week", "each
// day", "/week", "/wk", "weekly". Without a noun before it ("2 per week",
// "2/week") only "per" and "/" will do.
func (p *parser) perAt(k int, noun bool) (Unit, int, bool) {
	w := p.word(k)
	switch {
	case w == "per" || (noun && (w == "a" || w == "an" || w == "each" || w == "every")):
		if u, ok := periodWords[p.word(k+1)]; ok {
			return u, k + 2, true
		}
	case p.isPunct(k, '/'):
		pw := p.word(k + 1)
		if pw == "d" {
			return Days, k + 2, true
		}
		if u, ok := periodWords[pw]; ok {
			return u, k + 2, true
		}
	case noun:
		if u, ok := periodAdverbs[w]; ok {
			return u, k + 1, true
		}
	}
	return None, k, false
}

// durAt reads the duration after a frequency: "for 6 weeks", ", x 6
// weeks", "over the next 4 weeks", "for a month", "x6wks".
func (p *parser) durAt(k int) (lo, hi float64, u Unit, next int, ok bool) {
	if p.isPunct(k, ',') {
		k++
	}
	switch w := p.word(k); {
	case w == "for" || w == "over" || w == "during" || w == "lasting" || w == "x" || w == "times":
		k++
	case p.isPunct(k, '×'):
		k++
	default:
		return 0, 0, None, k, false
	}
	article := false
	for f := 0; f < 4; f++ {
		switch p.word(k) {
		case "a", "an":
			article = true
			k++
			continue
		case "the", "next", "period", "of", "additional", "another", "approximately", "further":
			article = false
			k++
			continue
		}
		break
	}
	if article {
		// "twice a week for a month".
		if pu, ok := periodWords[p.word(k)]; ok {
			return 1, 1, pu, k + 1, true
		}
	}
	n, ok := p.readNum(k, true)
	if !ok {
		return 0, 0, None, k, false
	}
	h := n
	if r, ok := p.rangeTail(n, false); ok {
		h = r
	}
	// unitAfter, not unitAt: "for 4 more weeks", "for 6 additional weeks".
	m, ok := p.unitAfter(h)
	if !ok || (m.unit != Days && m.unit != Weeks && m.unit != Months) || m.supply {
		return 0, 0, None, k, false
	}
	return n.v, h.v, m.unit, m.next, true
}

var daysIn = map[Unit]float64{Days: 1, Weeks: 7, Months: 30}

// factor converts a duration in unit dur into periods of unit per, using
// the clinical conventions 7 days a week, 4 weeks and 30 days a month.
func factor(per, dur Unit) float64 {
	if per == dur {
		return 1
	}
	if (per == Weeks && dur == Months) || (per == Months && dur == Weeks) {
		if per == Weeks {
			return 4
		}
		return 0.25
	}
	if daysIn[per] == 0 || daysIn[dur] == 0 {
		return 1
	}
	return daysIn[dur] / daysIn[per]
}

// finishFreq builds a Frequency from the rate read so far and extends it to
// a FreqDur when a duration follows, and over "(8 sessions)" when that
// parenthesised count equals the total.
func (p *parser) finishFreq(start int, lo, hi float64, per Unit, k int) (cand, bool) {
	end := p.t[k-1].end
	q := Quantity{Kind: Frequency, Value: lo, Max: hi, Unit: Sessions, Freq: &Rate{Min: lo, Max: hi, Per: per},
		Start: start, End: end, NumStart: start, NumEnd: end}
	if dlo, dhi, du, nk, ok := p.durAt(k); ok {
		f := factor(per, du)
		q.Kind = FreqDur
		q.Value, q.Max = lo*dlo*f, hi*dhi*f
		q.DurValue, q.DurMax, q.DurUnit = dlo, dhi, du
		k = nk
		q.End = p.t[k-1].end
		q.NumEnd = q.End
		if pk, ok := p.parenTotal(k, q.Value, q.Max); ok {
			k = pk
			q.End = p.t[k-1].end
		}
	}
	return cand{q: q, next: k, emit: true}, true
}

// parenTotal reads "(8 sessions)", "(8)", "(8-12 visits)" at k and reports
// whether it restates the total lo-hi.
func (p *parser) parenTotal(k int, lo, hi float64) (int, bool) {
	if !p.isPunct(k, '(') {
		return k, false
	}
	n, ok := p.readNum(k+1, true)
	if !ok {
		return k, false
	}
	h := n
	if r, ok := p.rangeTail(n, false); ok {
		h = r
	}
	next := h.next
	if m, ok := p.unitAfter(h); ok {
		if m.unit != Sessions {
			return k, false
		}
		next = m.next
	} else if n.word && !n.paired {
		return k, false
	}
	if !p.isPunct(next, ')') || !feq(n.v, lo) || !feq(h.v, hi) {
		return k, false
	}
	return next + 1, true
}

// freqAt reads a frequency that starts with number n: "2 times a week",
// "2-3 times per week", "3x/week", "3 visits per week", "2/week", and
// whatever duration follows.
func (p *parser) freqAt(n num) (cand, bool) {
	hi := n
	if r, ok := p.rangeTail(n, true); ok {
		hi = r
	}
	k := hi.next
	noun := false
	switch w := p.word(k); {
	case w == "times" || w == "time" || w == "x":
		k++
		noun = true
	case p.isPunct(k, '×'):
		k++
		noun = true
	default:
		if m, ok := p.unitAfter(hi); ok && m.unit == Sessions {
			k = m.next
			noun = true
		}
	}
	per, k, ok := p.perAt(k, noun)
	if !ok {
		return cand{}, false
	}
	return p.finishFreq(n.start, n.v, hi.v, per, k)
}

// adverbFreqAt reads "once a week", "twice weekly for 4 weeks", "thrice daily".
func (p *parser) adverbFreqAt(i int) (cand, bool) {
	v, ok := freqAdverbs[p.word(i)]
	if !ok {
		return cand{}, false
	}
	per, k, ok := p.perAt(i+1, true)
	if !ok {
		return cand{}, false
	}
	return p.finishFreq(p.t[i].start, v, v, per, k)
}

// nxmAt reads "2x6", "2 x 6", "2 × 6 weeks", "1 times 6": frequency per week
// times number of weeks (or of the unit written after it). "3 x 4 cm" and
// "3 x 4 x 5" are sizes and are consumed silently; "2 x 500mg" is not this.
func (p *parser) nxmAt(n num) (cand, bool) {
	k := n.next
	w := p.word(k)
	times := w == "times"
	if !(w == "x" || times || p.isPunct(k, '×')) {
		return cand{}, false
	}
	if !n.digits && !times {
		return cand{}, false
	}
	m, ok := p.readNum(k+1, times)
	if !ok {
		return cand{}, false
	}
	after := m.next
	if nw := p.word(after); dimensionWords[nw] || nw == "x" || p.isPunct(after, '×') || p.isPunct(after, '"') || p.isPunct(after, '”') {
		// A size: swallow it so its numbers are not reported one by one.
		end := after
		for end < len(p.t) && (p.word(end) == "x" || p.isPunct(end, '×')) && p.isNum(end+1) {
			end += 2
		}
		if dimensionWords[p.word(end)] {
			end++
		}
		return cand{next: end, q: Quantity{Start: n.start, End: p.t[end-1].end, NumStart: n.start, NumEnd: n.start}}, true
	}
	if p.strengthUnitAt(after) || p.isPunct(after, '%') || (p.isPunct(after, '/') && p.glued(after)) || (p.isPunct(after, ':') && p.glued(after)) {
		return cand{}, false
	}
	if n.v <= 0 || m.v <= 0 || n.v != math.Trunc(n.v) || m.v != math.Trunc(m.v) {
		return cand{}, false
	}
	du := Weeks
	next := m.next
	if um, ok := p.unitAt(after, m.digits); ok && !um.supply && (um.unit == Days || um.unit == Weeks || um.unit == Months) {
		du, next = um.unit, um.next
	}
	end := p.t[next-1].end
	q := Quantity{Kind: FreqDur, Value: n.v * m.v, Max: n.v * m.v, Unit: Sessions,
		Freq: &Rate{Min: n.v, Max: n.v, Per: du}, DurValue: m.v, DurMax: m.v, DurUnit: du,
		Start: n.start, End: end, NumStart: n.start, NumEnd: end}
	if pk, ok := p.parenTotal(next, q.Value, q.Max); ok {
		next = pk
		q.End = p.t[next-1].end
	}
	return cand{q: q, next: next, emit: true}, true
}

// ---- counts ----

// xAt reads "x12", "x 12", "×12", "times 6" after a treatment: a number of
// sessions, or of the unit written after it ("x 2 months").
func (p *parser) xAt(i int) (cand, bool) {
	w := p.word(i)
	times := w == "times"
	if !(w == "x" || times || p.isPunct(i, '×')) {
		return cand{}, false
	}
	// After a number this is "2 x 6" or "2 x 500mg", which nxmAt decided.
	if i > 0 && p.t[i-1].kind == tNum {
		return cand{}, false
	}
	// "at times 2 or 3 ...", "many times 2 ...": the idiom, not a count.
	if times {
		switch p.word(i - 1) {
		case "at", "some", "many", "several", "other", "multiple", "all", "few", "the", "these", "those":
			return cand{}, false
		}
	}
	n, ok := p.readNum(i+1, times)
	if !ok {
		return cand{}, false
	}
	after := n.next
	if p.strengthUnitAt(after) || p.isPunct(after, '%') || p.isPunct(after, '/') || p.isPunct(after, ':') ||
		dimensionWords[p.word(after)] || p.word(after) == "x" || p.isPunct(after, '×') {
		return cand{}, false
	}
	q := Quantity{Kind: Amount, Value: n.v, Max: n.v, Unit: Sessions, Start: p.t[i].start, End: n.end, NumStart: n.start, NumEnd: n.end}
	next := n.next
	if um, ok := p.unitAt(after, n.digits); ok {
		switch um.unit {
		case Sessions, Days, Weeks, Months, Hours, Minutes, Count:
			q.Unit, q.Supply, q.End, next = um.unit, um.supply, um.end, um.next
		}
	}
	return cand{q: q, next: next, emit: true}, true
}

// countNoun extends a count over a directly following count noun:
// "#60 tablets", "QTY: 2 patches".
func (p *parser) countNoun(q *Quantity, n num) int {
	if m, ok := p.unitAt(n.next, n.digits); ok && m.unit == Count && p.t[n.next].sp {
		q.End = m.end
		return m.next
	}
	return n.next
}

// hashAt reads "#120", "# 120".
func (p *parser) hashAt(i int) (cand, bool) {
	n, ok := p.readNum(i+1, false)
	if !ok {
		return cand{}, false
	}
	q := Quantity{Kind: Amount, Value: n.v, Max: n.v, Unit: Count, Start: p.t[i].start, End: n.end, NumStart: n.start, NumEnd: n.end}
	next := p.countNoun(&q, n)
	return cand{q: q, next: next, emit: true}, true
}

// qtyAt reads "QTY: 2", "Qty 2", "quantity of 2", "quantity: #2".
func (p *parser) qtyAt(i int) (cand, bool) {
	switch p.word(i) {
	case "qty", "quantity", "qnty":
	default:
		return cand{}, false
	}
	k := i + 1
	if p.isPunct(k, ':') || p.isPunct(k, '=') || p.word(k) == "of" {
		k++
	}
	if p.isPunct(k, '#') {
		k++
	}
	n, ok := p.readNum(k, false)
	if !ok {
		return cand{}, false
	}
	q := Quantity{Kind: Amount, Value: n.v, Max: n.v, Unit: Count, Start: p.t[i].start, End: n.end, NumStart: n.start, NumEnd: n.end}
	next := p.countNoun(&q, n)
	return cand{q: q, next: next, emit: true}, true
}

// refillsAt reads "refills: 2", "Refills x 2", "refill #1".
func (p *parser) refillsAt(i int) (cand, bool) {
	if w := p.word(i); w != "refills" && w != "refill" {
		return cand{}, false
	}
	k := i + 1
	if p.isPunct(k, ':') || p.isPunct(k, '=') || p.isPunct(k, '#') || p.word(k) == "x" || p.isPunct(k, '×') {
		k++
	}
	n, ok := p.readNum(k, false)
	if !ok {
		return cand{}, false
	}
	q := Quantity{Kind: Amount, Value: n.v, Max: n.v, Unit: Refills, Start: p.t[i].start, End: n.end, NumStart: n.start, NumEnd: n.end}
	return cand{q: q, next: n.next, emit: true}, true
}

// supplyAt reads "day supply: 30", "days' supply 30", "supply: 30 days".
func (p *parser) supplyAt(i int) (cand, bool) {
	k := i
	switch p.word(k) {
	case "day", "days":
		k++
		if t := p.tok(k); t != nil && t.kind == tPunct && (t.r == '\'' || t.r == '’') && !t.sp {
			k++
			if p.word(k) == "s" && p.glued(k) {
				k++
			}
		}
		if p.word(k) != "supply" {
			return cand{}, false
		}
		k++
	case "supply":
		k++
		if !p.isPunct(k, ':') {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	if p.isPunct(k, ':') || p.isPunct(k, '=') {
		k++
	}
	n, ok := p.readNum(k, false)
	if !ok {
		return cand{}, false
	}
	q := Quantity{Kind: Amount, Value: n.v, Max: n.v, Unit: Days, Supply: true, Start: p.t[i].start, End: n.end, NumStart: n.start, NumEnd: n.end}
	next := n.next
	if m, ok := p.unitAt(n.next, true); ok && m.unit == Days {
		q.End, next = m.end, m.next
	} else if p.word(i) == "supply" {
		// "supply: 30" without "days" is too vague to call a days' supply.
		return cand{}, false
	}
	return cand{q: q, next: next, emit: true}, true
}

// ---- strengths ----

// strengthUnitAt reports whether a dose unit ("mg", "mcg") starts at k,
// written glued, spaced, or after a glued hyphen.
func (p *parser) strengthUnitAt(k int) bool {
	if t := p.tok(k); t != nil && t.kind == tPunct && isHyphen(t.r) && !t.sp && p.glued(k+1) {
		k++
	}
	_, ok := strengthUnits[p.word(k)]
	return ok
}

// strengthAt reads "50mg", "10/325mg", "37.5 mg", "20 mg/ml", "10mg/1ml",
// "Norco 10/325", and percentages: "5%" is a Strength after a drug name or
// before a vehicle ("20% in cream base"), and an Amount of Percent in
// "50% improvement".
func (p *parser) strengthAt(n num) (cand, bool) {
	if !n.digits || n.paired {
		return cand{}, false
	}
	i := n.first
	k := i + 1
	parts := 1
	for p.isPunct(k, '/') && p.glued(k) && p.isNum(k+1) && p.glued(k+1) {
		k += 2
		parts++
	}
	last := k - 1
	// The normalised text is built only once the reading is certain: most
	// numbers are not strengths, and building it allocates.
	var b strings.Builder
	numbers := func() {
		for j := i; j <= last; j += 2 {
			if j > i {
				b.WriteByte('/')
			}
			b.WriteString(strconv.FormatFloat(p.t[j].val, 'f', -1, 64))
		}
	}
	q := Quantity{Kind: Strength, Value: n.v, Max: n.v, Start: n.start, NumStart: n.start}

	// Percent.
	if p.isPunct(k, '%') && parts == 1 {
		q.End, q.NumEnd = p.t[k].end, p.t[k].end
		if !p.percentIsStrength(i, k+1) {
			q.Kind, q.Unit, q.NumEnd = Amount, Percent, n.end
			return cand{q: q, next: k + 1, emit: true}, true
		}
		numbers()
		q.Strength = b.String() + "%"
		return cand{q: q, next: k + 1, emit: true}, true
	}

	j := k
	if t := p.tok(j); t != nil && t.kind == tPunct && isHyphen(t.r) && !t.sp && p.glued(j+1) {
		j++
	}
	unit, ok := strengthUnits[p.word(j)]
	if !ok {
		// "Norco 10/325": the masking pass only left such a pair unmasked
		// when it reads as a hydrocodone/acetaminophen-style strength.
		if parts == 2 && p.t[i].val < p.t[last].val && p.t[last].val >= 100 {
			numbers()
			q.Strength = b.String()
			q.End, q.NumEnd = p.t[last].end, p.t[last].end
			return cand{q: q, next: last + 1, emit: true}, true
		}
		return cand{}, false
	}
	numbers()
	b.WriteString(unit)
	next := j + 1
	// "20 mg/ml", "10mg/1ml", "25 mcg/hr".
	if p.isPunct(next, '/') && p.glued(next) && p.glued(next+1) {
		m := next + 1
		perNum := ""
		if t := p.tok(m); t != nil && t.kind == tNum && p.glued(m+1) {
			perNum = strconv.FormatFloat(t.val, 'f', -1, 64)
			m++
		}
		if pu, ok := perUnits[p.word(m)]; ok {
			b.WriteByte('/')
			b.WriteString(perNum)
			b.WriteString(pu)
			next = m + 1
		}
	}
	q.Strength = b.String()
	q.End, q.NumEnd = p.t[next-1].end, p.t[next-1].end
	return cand{q: q, next: next, emit: true}, true
}

// percentIsStrength decides whether the percentage whose number is token i
// (and whose "%" ends before token after) is a drug strength. Effect words
// after it win; then a vehicle after it ("5% cream", "20% in cream base",
// "20%/5%"); then a drug-like capitalised word before it ("Gabapentin 10%").
func (p *parser) percentIsStrength(i, after int) bool {
	w := p.word(after)
	if efficacyWords[w] {
		return false
	}
	if vehicleWords[w] || p.isPunct(after, '/') {
		return true
	}
	if w == "in" {
		for j := after + 1; j <= after+3; j++ {
			if vehicleWords[p.word(j)] {
				return true
			}
		}
	}
	prev := p.tok(i - 1)
	if prev == nil || prev.kind != tWord || prev.end-prev.start < 3 || capStop[prev.lower] {
		return false
	}
	// "Lidoderm patches 5%", "Voltaren gel 1%".
	if vehicleWords[prev.lower] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p.s[prev.start:])
	return unicode.IsUpper(r)
}
