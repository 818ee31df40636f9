// Package quantity finds and normalises the quantities written in the
// English text of Independent Medical Review determination letters: numbers
// of sessions, frequency × duration ("2 times a week for 6 weeks"), ranges,
// medication strengths and counts, supplies, ages.
//
// It exists because the most common factual slip in a letter is a quantity
// that drifts between the item header ("Massage therapy: 12 sessions") and
// the rationale ("The request for 18 additional sessions ..."). Checks that
// compare the two need every quantity with its unit and its exact byte span,
// and must not mistake dates, spinal levels ("L4-5"), clock times, ICD codes
// or case numbers for amounts: a false "mismatch" costs a reviewer more than
// a missed one. The package therefore prefers to report nothing over
// guessing, and every reading it does report can be highlighted and
// replaced in place.
//
// Matching runs on a hand-written tokenizer (no regular expressions), so
// Find is linear in its input and cheap enough to call on every paragraph.
package quantity

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/imrlint/imrlint/internal/ascii"
)

// Unit is what a quantity counts.
type Unit string

const (
	None        Unit = ""         // a bare number with no unit
	Sessions    Unit = "sessions" // sessions, visits, treatments, appointments, "x6", "times 6"
	Days        Unit = "days"
	Weeks       Unit = "weeks"
	Months      Unit = "months"
	Hours       Unit = "hours"
	Minutes     Unit = "minutes" // "60 minutes of massage"
	Years       Unit = "years"   // "61 year old", "5 years"
	Count       Unit = "count"   // "#120", "QTY: 2", tablets, capsules, patches, pads, units, injections
	Refills     Unit = "refills"
	Grams       Unit = "grams" // g, gm, gram, grams
	Milliliters Unit = "ml"
	Percent     Unit = "percent"
)

// Kind is the shape of a quantity.
type Kind int

const (
	Number    Kind = iota // bare number: Unit None
	Amount                // number with a unit: "12 sessions", "#120", "240g", "30 day rental", "61 year old"
	Range                 // "4-6 visits", "between 4 and 6 visits": Value=low, Max=high
	FreqDur               // "2 times a week for 6 weeks", "2x6": Value = total sessions, Freq and Dur filled
	Frequency             // "2-3 times per week" with no duration: Value = Freq.Min, Max = Freq.Max
	Strength              // medication strength: "10/325mg", "37.5mg", "5%", "20mg/ml"
)

var kindNames = [...]string{"Number", "Amount", "Range", "FreqDur", "Frequency", "Strength"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Rate is how often: 2-3 times per week is {2, 3, Weeks}.
type Rate struct {
	Min, Max float64
	Per      Unit // Days, Weeks or Months
}

// Quantity is one quantity found in a text.
type Quantity struct {
	Kind  Kind
	Value float64 // the total, or the low end of a range; for Strength the first number
	Max   float64 // high end of a range; equals Value when not a range
	Unit  Unit
	Freq  *Rate // FreqDur and Frequency only

	// FreqDur: the duration, 6 Weeks in "for 6 weeks" and in "2x6".
	// DurMax differs from DurValue only for "for 4-6 weeks".
	DurValue float64
	DurMax   float64
	DurUnit  Unit

	// Strength only: number+unit without spaces, lower-case unit, numbers
	// without grouping commas or trailing zeros: "10/325mg", "37.5mg", "5%",
	// "20mg/ml". "µg" and "ug" become "mcg".
	Strength string

	// Supply is true for a days' supply: "30-day supply", "day supply: 30".
	Supply bool

	// Start and End are byte offsets of the whole matched text in the input
	// (half-open). NumStart and NumEnd cover just the number: the digits of
	// "12 sessions", "4-6" of a range, the whole expression of a FreqDur,
	// and both spellings of "six (6)". They are what a fix replaces.
	Start, End       int
	NumStart, NumEnd int
}

// parser holds one Find call's tokens; pooled because the token slice is
// the only sizeable allocation Find makes.
type parser struct {
	s     string
	t     []token
	found cand       // the reading best chose
	out   []Quantity // scratch for Find's result

	unitMemo struct { // unitAfter's last answer
		key   unitKey
		m     unitMatch
		found bool
		ok    bool
	}
}

var parserPool = sync.Pool{New: func() any { return new(parser) }}

// MaxText is the most of one text Find reads: a header or sentence of a
// letter is a few hundred bytes, and a text of megabytes of numbers (a
// damaged or hostile file) would otherwise cost gigabytes of tokens.
// Find reads the first MaxText bytes, cut at a space; Truncates tells a
// caller that wants to say so.
const MaxText = 16 << 10

// Truncates reports whether Find reads only the start of s.
func Truncates(s string) bool { return len(s) > MaxText }

// bounded is s cut to MaxText bytes, at the last space before the limit.
func bounded(s string) string {
	if len(s) <= MaxText {
		return s
	}
	cut := strings.LastIndexByte(s[:MaxText], ' ')
	if cut <= 0 {
		cut = MaxText
	}
	return s[:cut]
}

// Find returns every quantity in s, in order of position, non-overlapping,
// preferring the longest reading at each position ("2 times a week for 6
// weeks" is one FreqDur, not two Amounts).
func Find(s string) []Quantity {
	if s == "" {
		return nil
	}
	p := parserPool.Get().(*parser)
	// Quantities collect in the pooled scratch slice and leave in one
	// exactly-sized allocation.
	out := p.find(s, p.out[:0])
	var res []Quantity
	if len(out) > 0 {
		res = make([]Quantity, len(out))
		copy(res, out)
	}
	p.out = out[:0]
	p.release()
	return res
}

// AppendFind appends the quantities of s, as Find finds them, to dst and
// returns the extended slice: a caller that reads many texts and keeps
// none of the lists can use one for all, where Find makes one each.
func AppendFind(dst []Quantity, s string) []Quantity {
	if s == "" {
		return dst
	}
	p := parserPool.Get().(*parser)
	dst = p.find(s, dst)
	p.release()
	return dst
}

// find appends the quantities of s (of its first MaxText bytes) to out.
func (p *parser) find(s string, out []Quantity) []Quantity {
	s = bounded(s)
	p.s = s
	p.unitMemo.ok = false
	p.t = tokenize(s, p.t)
	p.mask()
	for i := 0; i < len(p.t); {
		if !p.best(i) || p.found.next <= i {
			i++
			continue
		}
		if p.found.emit {
			out = append(out, p.found.q)
		}
		i = p.found.next
	}
	return out
}

// release returns p to the pool, unless its slices grew too large to keep.
func (p *parser) release() {
	p.s = ""
	if cap(p.t) <= 1<<16 && cap(p.out) <= 1<<12 {
		parserPool.Put(p)
	}
}

// ParseNumber reads a number written in digits or words: "12", "1,200",
// "12.5", "twelve", "Twelve", "twenty-four", "twenty four", "one hundred
// twenty", "12 (twelve)", and the frequency adverbs "once", "twice",
// "thrice" (which Find only reads inside a frequency).
func ParseNumber(word string) (float64, bool) {
	word = strings.TrimSpace(word)
	if word == "" {
		return 0, false
	}
	p := &parser{s: word, t: tokenize(word, nil)}
	if len(p.t) == 1 && p.t[0].kind == tWord {
		if v, ok := freqAdverbs[p.t[0].lower]; ok {
			return v, true
		}
	}
	p.mask()
	n, ok := p.readNum(0, true)
	if !ok || n.next != len(p.t) {
		return 0, false
	}
	return n.v, true
}

// String renders a quantity for messages: "12 sessions", "4-6 sessions",
// "2 times per week for 6 weeks (12 sessions)", "#120", "10/325mg".
func (q Quantity) String() string {
	switch q.Kind {
	case Strength:
		return q.Strength
	case Frequency:
		return rateString(q.Freq)
	case FreqDur:
		if q.Freq == nil {
			return amountString(q.Value, hiOf(q), Sessions)
		}
		dmax := q.DurMax
		if dmax < q.DurValue {
			dmax = q.DurValue
		}
		return rateString(q.Freq) + " for " + amountString(q.DurValue, dmax, q.DurUnit) +
			" (" + amountString(q.Value, hiOf(q), Sessions) + ")"
	}
	if q.Supply {
		return rangeString(q.Value, hiOf(q)) + "-day supply"
	}
	return amountString(q.Value, hiOf(q), q.Unit)
}

// Same reports whether two quantities denote the same amount: same unit and
// same value and maximum. A FreqDur equals an Amount or Range of the same
// total sessions ("2x6" == "12 visits"); strengths compare by their
// normalised text and frequencies by their rate.
func Same(a, b Quantity) bool {
	if a.Kind == Strength || b.Kind == Strength {
		if a.Kind != b.Kind {
			return false
		}
		if a.Strength == b.Strength {
			return true
		}
		// "Norco 10/325" names the same tablet as "Norco 10/325mg": a
		// strength written without its unit matches on the numbers alone.
		an, au := splitStrength(a.Strength)
		bn, bu := splitStrength(b.Strength)
		return an == bn && (au == "" || bu == "")
	}
	if a.Kind == Frequency || b.Kind == Frequency {
		if a.Kind != b.Kind || a.Freq == nil || b.Freq == nil {
			return false
		}
		return a.Freq.Per == b.Freq.Per && feq(a.Freq.Min, b.Freq.Min) && feq(a.Freq.Max, b.Freq.Max)
	}
	return a.Unit == b.Unit && feq(a.Value, b.Value) && feq(hiOf(a), hiOf(b))
}

// splitStrength splits a normalised strength into its leading numbers
// ("10/325") and the rest ("mg", "mg/ml", "%").
func splitStrength(s string) (nums, unit string) {
	i := 0
	for i < len(s) && (ascii.IsDigit(s[i]) || s[i] == '.' || s[i] == '/') {
		i++
	}
	nums = strings.TrimSuffix(s[:i], "/")
	return nums, s[len(nums):]
}

// hiOf is the high end of q, tolerating a hand-built Quantity whose Max was
// left zero.
func hiOf(q Quantity) float64 {
	if q.Max < q.Value {
		return q.Value
	}
	return q.Max
}

func feq(a, b float64) bool {
	d := math.Abs(a - b)
	return d <= 1e-9 || d <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// fmtNum prints integers plainly and other values to two decimals at most:
// a FreqDur over days with a weekly rate can have a fractional total.
func fmtNum(v float64) string {
	if v == math.Trunc(v) || math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	r := math.Round(v*100) / 100
	if math.IsInf(r, 0) {
		r = v
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

func rangeString(lo, hi float64) string {
	if feq(lo, hi) {
		return fmtNum(lo)
	}
	return fmtNum(lo) + "-" + fmtNum(hi)
}

// unitNames are the singular and plural words String uses for each unit.
var unitNames = map[Unit][2]string{
	Sessions: {"session", "sessions"},
	Days:     {"day", "days"},
	Weeks:    {"week", "weeks"},
	Months:   {"month", "months"},
	Hours:    {"hour", "hours"},
	Minutes:  {"minute", "minutes"},
	Years:    {"year", "years"},
	Refills:  {"refill", "refills"},
	Grams:    {"gram", "grams"},
}

func amountString(lo, hi float64, u Unit) string {
	n := rangeString(lo, hi)
	switch u {
	case None:
		return n
	case Count:
		return "#" + n
	case Percent:
		return n + "%"
	case Milliliters:
		return n + " ml"
	}
	names, ok := unitNames[u]
	if !ok {
		return n + " " + string(u)
	}
	if feq(hi, 1) {
		return n + " " + names[0]
	}
	return n + " " + names[1]
}

func rateString(r *Rate) string {
	if r == nil {
		return ""
	}
	times := "times"
	if feq(r.Max, 1) {
		times = "time"
	}
	per := string(r.Per)
	if names, ok := unitNames[r.Per]; ok {
		per = names[0]
	}
	return rangeString(r.Min, r.Max) + " " + times + " per " + per
}
