package quantity

import (
	"fmt"
	"go/ast"
	goparser "go/parser"
	gotoken "go/token"
	"strconv"
	"strings"
	"testing"
)

// want describes one expected quantity. span and num are the texts that
// s[Start:End] and s[NumStart:NumEnd] must equal, so every case also tests
// the byte offsets a fix would use.
type want struct {
	kind     Kind
	span     string
	num      string
	v, max   float64
	unit     Unit
	strength string
	supply   bool
	freq     *Rate
	dur      float64
	durMax   float64
	durUnit  Unit
}

func number(span string, v float64) want {
	return want{kind: Number, span: span, num: span, v: v, max: v}
}

func amount(span, num string, v float64, u Unit) want {
	return want{kind: Amount, span: span, num: num, v: v, max: v, unit: u}
}

func supply(span, num string, v float64) want {
	w := amount(span, num, v, Days)
	w.supply = true
	return w
}

func rng(span, num string, lo, hi float64, u Unit) want {
	return want{kind: Range, span: span, num: num, v: lo, max: hi, unit: u}
}

func strength(span, s string, v float64) want {
	return want{kind: Strength, span: span, num: span, v: v, max: v, strength: s}
}

func freq(span string, lo, hi float64, per Unit) want {
	return want{kind: Frequency, span: span, num: span, v: lo, max: hi, unit: Sessions, freq: &Rate{lo, hi, per}}
}

// freqDur: span is the whole match, num the expression without any
// restated "(8 sessions)".
func freqDur(span, num string, flo, fhi float64, per Unit, dlo, dhi float64, du Unit) want {
	f := per
	return want{kind: FreqDur, span: span, num: num, v: flo * dlo * factor(f, du), max: fhi * dhi * factor(f, du),
		unit: Sessions, freq: &Rate{flo, fhi, per}, dur: dlo, durMax: dhi, durUnit: du}
}

func ws(w ...want) []want { return w }

var findCases = []struct {
	name string
	in   string
	want []want
}{
	// --- item headers and rationales ---
	{"header", "Massage therapy: 12 sessions (right wrist/hand): Upheld",
		ws(amount("12 sessions", "12", 12, Sessions))},
	{"rationale additional", "The request for 18 additional sessions of massage is not medically necessary.",
		ws(amount("18 additional sessions", "18", 18, Sessions))},
	{"three words between", "12 physical therapy sessions were requested",
		ws(amount("12 physical therapy sessions", "12", 12, Sessions))},
	{"chiro visits", "6 additional chiropractic visits",
		ws(amount("6 additional chiropractic visits", "6", 6, Sessions))},
	{"four words is too many", "12 more physical therapy follow sessions", ws(number("12", 12))},
	{"stop word blocks", "4 of the visits", ws(number("4", 4))},
	{"stop word was", "12 was the number of sessions", ws(number("12", 12))},
	{"treatments", "8 chiropractic treatments", ws(amount("8 chiropractic treatments", "8", 8, Sessions))},
	{"appointments", "3 follow-up appointments", ws(amount("3 follow-up appointments", "3", 3, Sessions))},
	{"singular visit", "1 visit", ws(amount("1 visit", "1", 1, Sessions))},
	{"year never takes distant unit", "in 2016 chiropractic visits were done", ws(number("2016", 2016))},

	// --- digits and words ---
	{"digits then words", "12 (twelve) sessions", ws(amount("12 (twelve) sessions", "12 (twelve)", 12, Sessions))},
	{"words then digits", "twelve (12) visits", ws(amount("twelve (12) visits", "twelve (12)", 12, Sessions))},
	{"six (6) sessions", "six (6) sessions", ws(amount("six (6) sessions", "six (6)", 6, Sessions))},
	{"capitalised word", "Twelve sessions", ws(amount("Twelve sessions", "Twelve", 12, Sessions))},
	{"hyphenated word number", "twenty-four hours", ws(amount("twenty-four hours", "twenty-four", 24, Hours))},
	{"spaced word number", "twenty four visits", ws(amount("twenty four visits", "twenty four", 24, Sessions))},
	{"hundred", "one hundred twenty tablets", ws(amount("one hundred twenty tablets", "one hundred twenty", 120, Count))},
	{"word pair without unit", "One (1) x-ray", ws(number("One (1)", 1))},
	{"one of the", "one of the visits", nil},
	{"no one", "no one reported", nil},
	{"bare number word", "the patient had six.", nil},
	{"mismatched pair", "six (7) sessions", ws(number("7", 7))},

	// --- counts ---
	{"times 6", "Electrical stimulation times 6", ws(amount("times 6", "6", 6, Sessions))},
	{"x12", "Physical therapy x12", ws(amount("x12", "12", 12, Sessions))},
	{"x 12", "Physical therapy x 12", ws(amount("x 12", "12", 12, Sessions))},
	{"X12", "Acupuncture X12", ws(amount("X12", "12", 12, Sessions))},
	{"× 8", "Acupuncture × 8", ws(amount("× 8", "8", 8, Sessions))},
	{"x with unit", "TENS unit rental x 30 days", ws(amount("x 30 days", "30", 30, Days))},
	{"x with sessions", "PT x 12 visits", ws(amount("x 12 visits", "12", 12, Sessions))},
	{"hash", "Norco #12", ws(amount("#12", "12", 12, Count))},
	{"hash spaced", "Norco # 120", ws(amount("# 120", "120", 120, Count))},
	{"hash with noun", "#60 tablets", ws(amount("#60 tablets", "60", 60, Count))},
	{"QTY colon", "QTY: 2", ws(amount("QTY: 2", "2", 2, Count))},
	{"QTY", "QTY 2", ws(amount("QTY 2", "2", 2, Count))},
	{"Qty colon", "Qty: 2", ws(amount("Qty: 2", "2", 2, Count))},
	{"quantity of", "a quantity of 2", ws(amount("quantity of 2", "2", 2, Count))},
	{"quantity colon", "quantity: 2", ws(amount("quantity: 2", "2", 2, Count))},
	{"tablets", "90 tablets", ws(amount("90 tablets", "90", 90, Count))},
	{"one tablet", "one tablet", ws(amount("one tablet", "one", 1, Count))},
	{"injections", "2 trigger point injections", ws(amount("2 trigger point injections", "2", 2, Count))},
	{"levels are not counts", "2 levels", ws(number("2", 2))},
	{"refills noun", "with 3 refills", ws(amount("3 refills", "3", 3, Refills))},
	{"refills label", "Refills: 2", ws(amount("Refills: 2", "2", 2, Refills))},
	{"hash then supply", "#60 day supply: 30", ws(amount("#60", "60", 60, Count), supply("day supply: 30", "30", 30))},
	{"30-day supply", "a 30-day supply", ws(supply("30-day supply", "30", 30))},
	{"30 day supply", "a 30 day supply", ws(supply("30 day supply", "30", 30))},
	{"days' supply curly", "30 days’ supply", ws(supply("30 days’ supply", "30", 30))},
	{"day's supply", "30 day's supply", ws(supply("30 day's supply", "30", 30))},
	{"supply colon days", "supply: 30 days", ws(supply("supply: 30 days", "30", 30))},
	{"vague supply", "supply: 30", ws(number("30", 30))},
	{"30 day rental", "30 day rental", ws(amount("30 day rental", "30", 30, Days))},
	{"30-day rental", "30-day rental", ws(amount("30-day rental", "30", 30, Days))},
	{"one-month trial", "a one-month trial", ws(amount("one-month", "one", 1, Months))},
	{"6-visit trial", "a 6-visit trial", ws(amount("6-visit", "6", 6, Sessions))},
	{"claim number is not a count", "Claim #12345", nil},
	{"claim number colon", "Claim #: 12345", nil},

	// --- frequency x duration ---
	{"times a week for", "2 times a week for 6 weeks",
		ws(freqDur("2 times a week for 6 weeks", "2 times a week for 6 weeks", 2, 2, Weeks, 6, 6, Weeks))},
	{"times per week for", "PT 2 times per week for 4 weeks to the knee",
		ws(freqDur("2 times per week for 4 weeks", "2 times per week for 4 weeks", 2, 2, Weeks, 4, 4, Weeks))},
	{"words", "two times a week for three weeks",
		ws(freqDur("two times a week for three weeks", "two times a week for three weeks", 2, 2, Weeks, 3, 3, Weeks))},
	{"2x/week x 6 weeks", "2x/week x 6 weeks",
		ws(freqDur("2x/week x 6 weeks", "2x/week x 6 weeks", 2, 2, Weeks, 6, 6, Weeks))},
	{"2x per week", "2x per week for 6 weeks",
		ws(freqDur("2x per week for 6 weeks", "2x per week for 6 weeks", 2, 2, Weeks, 6, 6, Weeks))},
	{"2 x 6", "Chiropractic 2 x 6 lumbar",
		ws(freqDur("2 x 6", "2 x 6", 2, 2, Weeks, 6, 6, Weeks))},
	{"2x6", "Chiropractic 2x6", ws(freqDur("2x6", "2x6", 2, 2, Weeks, 6, 6, Weeks))},
	{"2x6 weeks", "2x6 weeks", ws(freqDur("2x6 weeks", "2x6 weeks", 2, 2, Weeks, 6, 6, Weeks))},
	{"visits per week", "3 visits per week for 2 weeks",
		ws(freqDur("3 visits per week for 2 weeks", "3 visits per week for 2 weeks", 3, 3, Weeks, 2, 2, Weeks))},
	{"1 times 6", "Acupuncture 1 times 6", ws(freqDur("1 times 6", "1 times 6", 1, 1, Weeks, 6, 6, Weeks))},
	{"twice weekly", "twice weekly for 4 weeks",
		ws(freqDur("twice weekly for 4 weeks", "twice weekly for 4 weeks", 2, 2, Weeks, 4, 4, Weeks))},
	{"three times a week for two", "three times a week for two weeks",
		ws(freqDur("three times a week for two weeks", "three times a week for two weeks", 3, 3, Weeks, 2, 2, Weeks))},
	{"parenthesised 2x4", "physical therapy (2x4)", ws(freqDur("2x4", "2x4", 2, 2, Weeks, 4, 4, Weeks))},
	{"frequency range", "2-3 times per week for 4 weeks",
		ws(freqDur("2-3 times per week for 4 weeks", "2-3 times per week for 4 weeks", 2, 3, Weeks, 4, 4, Weeks))},
	{"duration range", "2 times a week for 4-6 weeks",
		ws(freqDur("2 times a week for 4-6 weeks", "2 times a week for 4-6 weeks", 2, 2, Weeks, 4, 6, Weeks))},
	{"or range", "1 or 2 times a week for 6 weeks",
		ws(freqDur("1 or 2 times a week for 6 weeks", "1 or 2 times a week for 6 weeks", 1, 2, Weeks, 6, 6, Weeks))},
	{"equal paren total joins", "2 times a week for 4 weeks (8 sessions)",
		ws(freqDur("2 times a week for 4 weeks (8 sessions)", "2 times a week for 4 weeks", 2, 2, Weeks, 4, 4, Weeks))},
	{"bare paren total joins", "2x6 (12)", ws(freqDur("2x6 (12)", "2x6", 2, 2, Weeks, 6, 6, Weeks))},
	{"unequal paren total separate", "2 times a week for 4 weeks (10 sessions)",
		ws(freqDur("2 times a week for 4 weeks", "2 times a week for 4 weeks", 2, 2, Weeks, 4, 4, Weeks),
			amount("10 sessions", "10", 10, Sessions))},
	{"per day for weeks", "3 times a day for 2 weeks",
		ws(freqDur("3 times a day for 2 weeks", "3 times a day for 2 weeks", 3, 3, Days, 2, 2, Weeks))},
	{"for a month", "twice a week for a month",
		ws(freqDur("twice a week for a month", "twice a week for a month", 2, 2, Weeks, 1, 1, Months))},
	{"over the next", "3 times per week over the next 4 weeks",
		ws(freqDur("3 times per week over the next 4 weeks", "3 times per week over the next 4 weeks", 3, 3, Weeks, 4, 4, Weeks))},
	{"abbreviations", "2x/wk x 6wks", ws(freqDur("2x/wk x 6wks", "2x/wk x 6wks", 2, 2, Weeks, 6, 6, Weeks))},
	{"pairs in freq", "three (3) times per week for four (4) weeks",
		ws(freqDur("three (3) times per week for four (4) weeks", "three (3) times per week for four (4) weeks", 3, 3, Weeks, 4, 4, Weeks))},
	{"sessions weekly", "3 sessions weekly x 4 weeks",
		ws(freqDur("3 sessions weekly x 4 weeks", "3 sessions weekly x 4 weeks", 3, 3, Weeks, 4, 4, Weeks))},

	// --- frequency alone ---
	{"freq range", "2-3 times per week", ws(freq("2-3 times per week", 2, 3, Weeks))},
	{"3x/week", "3x/week", ws(freq("3x/week", 3, 3, Weeks))},
	{"twice a week", "twice a week", ws(freq("twice a week", 2, 2, Weeks))},
	{"once daily", "once daily", ws(freq("once daily", 1, 1, Days))},
	{"2/week", "2/week", ws(freq("2/week", 2, 2, Weeks))},
	{"more weeks", "2 times a week for 4 more weeks",
		ws(freqDur("2 times a week for 4 more weeks", "2 times a week for 4 more weeks", 2, 2, Weeks, 4, 4, Weeks))},
	{"at times idiom", "at times 2 or 3 flares", ws(number("2", 2), number("3", 3))},
	{"once alone", "once the patient improves", nil},
	{"twice alone", "was seen twice", nil},
	{"hours a week", "24 hours a week", ws(amount("24 hours", "24", 24, Hours))},

	// --- ranges ---
	{"hyphen range unit", "4-6 visits", ws(rng("4-6 visits", "4-6", 4, 6, Sessions))},
	{"spaced hyphen", "4 - 6", ws(rng("4 - 6", "4 - 6", 4, 6, None))},
	{"en dash", "4–6 visits", ws(rng("4–6 visits", "4–6", 4, 6, Sessions))},
	{"em dash", "4—6", ws(rng("4—6", "4—6", 4, 6, None))},
	{"spaced em dash is punctuation", "4 — 6", ws(number("4", 4), number("6", 6))},
	{"to", "4 to 6", ws(rng("4 to 6", "4 to 6", 4, 6, None))},
	{"through", "4 through 6 sessions", ws(rng("4 through 6 sessions", "4 through 6", 4, 6, Sessions))},
	{"between", "between 4 and 6 visits", ws(rng("between 4 and 6 visits", "4 and 6", 4, 6, Sessions))},
	{"between bare", "between 4 and 6", ws(rng("between 4 and 6", "4 and 6", 4, 6, None))},
	{"days range", "7-10 days", ws(rng("7-10 days", "7-10", 7, 10, Days))},
	{"range additional", "4-6 additional visits", ws(rng("4-6 additional visits", "4-6", 4, 6, Sessions))},
	{"word range", "four to six visits", ws(rng("four to six visits", "four to six", 4, 6, Sessions))},
	{"word range without unit", "six to eight", nil},
	{"reversed is not a range", "6-4", ws(number("6", 6), number("4", 4))},
	{"reversed to", "reduced from 8 to 4", ws(number("8", 8), number("4", 4))},
	{"year span", "from 2014 to 2016", ws(number("2014", 2014), number("2016", 2016))},
	{"dose range is not a range", "5-10 mg", ws(number("5", 5), strength("10 mg", "10mg", 10))},

	// --- medication ---
	{"norco", "Norco 10/325mg #120",
		ws(strength("10/325mg", "10/325mg", 10), amount("#120", "120", 120, Count))},
	{"norco without unit", "Norco 10/325 #120",
		ws(strength("10/325", "10/325", 10), amount("#120", "120", 120, Count))},
	{"venlafaxine", "Venlafaxine HCL ER 37.5mg #90",
		ws(strength("37.5mg", "37.5mg", 37.5), amount("#90", "90", 90, Count))},
	{"spaced mg", "Cyclobenzaprine 7.5 mg #90",
		ws(strength("7.5 mg", "7.5mg", 7.5), amount("#90", "90", 90, Count))},
	{"gabapentin percent", "Gabapentin 10%", ws(strength("10%", "10%", 10))},
	{"synapryn", "Synapryn (10mg/1ml oral suspension) 500ml",
		ws(strength("10mg/1ml", "10mg/1ml", 10), amount("500ml", "500", 500, Milliliters))},
	{"per ml", "20 mg/ml", ws(strength("20 mg/ml", "20mg/ml", 20))},
	{"per hour", "Fentanyl 25mcg/hr patch #10",
		ws(strength("25mcg/hr", "25mcg/hr", 25), amount("#10", "10", 10, Count))},
	{"ketoprofen", "Ketoprofen 20% in cream base 240g",
		ws(strength("20%", "20%", 20), amount("240g", "240", 240, Grams))},
	{"grams", "111.2 grams", ws(amount("111.2 grams", "111.2", 111.2, Grams))},
	{"lorzone", "Lorzone 750mg one by mouth three times a day #45",
		ws(strength("750mg", "750mg", 750), freq("three times a day", 3, 3, Days), amount("#45", "45", 45, Count))},
	{"compound", "Flurbiprofen 20%/Lidocaine 5% cream 180gm",
		ws(strength("20%", "20%", 20), strength("5%", "5%", 5), amount("180gm", "180", 180, Grams))},
	{"small percent exact", "Capsaicin 0.025% cream", ws(strength("0.025%", "0.025%", 0.025))},
	{"thousands mg", "1,000 mg", ws(strength("1,000 mg", "1000mg", 1000))},
	{"µg", "100 µg", ws(strength("100 µg", "100mcg", 100))},
	{"percent improvement", "50% improvement in function", ws(amount("50%", "50", 50, Percent))},
	{"percent after sentence word", "Approximately 50% of patients", ws(amount("50%", "50", 50, Percent))},
	{"percent lowercase context", "reported 70% relief", ws(amount("70%", "70", 70, Percent))},
	{"percent word", "50 percent", ws(amount("50 percent", "50", 50, Percent))},
	{"2 x 500mg is a dose", "2 x 500mg", ws(number("2", 2), strength("500mg", "500mg", 500))},
	{"percent after vehicle", "Lidoderm patches 5% #30", ws(strength("5%", "5%", 5), amount("#30", "30", 30, Count))},
	{"percent after gel", "Voltaren gel 1%", ws(strength("1%", "1%", 1))},
	{"percent at least", "at least 30%", ws(amount("30%", "30", 30, Percent))},
	{"percent after VAS", "VAS 50%", ws(amount("50%", "50", 50, Percent))},
	{"three-part strength", "Fioricet 50/325/40mg #30",
		ws(strength("50/325/40mg", "50/325/40mg", 50), amount("#30", "30", 30, Count))},
	{"three-part without unit", "Fioricet 50/325/40 #30", ws(amount("#30", "30", 30, Count))},
	{"decimal pair strength", "Norco 7.5/325", ws(strength("7.5/325", "7.5/325", 7.5))},
	{"tab count and freq", "Gabapentin 600mg 1 tablet three times a day #90",
		ws(strength("600mg", "600mg", 600), amount("1 tablet", "1", 1, Count), freq("three times a day", 3, 3, Days), amount("#90", "90", 90, Count))},
	{"hyphenated intervening", "12 post-op PT visits", ws(amount("12 post-op PT visits", "12", 12, Sessions))},
	{"word freq range", "one to two sessions per week", ws(freq("one to two sessions per week", 1, 2, Weeks))},

	// --- ages, hours, units ---
	{"age", "a 61 year old male", ws(amount("61 year old", "61", 61, Years))},
	{"age hyphenated", "a 61-year-old male", ws(amount("61-year-old", "61", 61, Years))},
	{"age y/o", "61 y/o", ws(amount("61 y/o", "61", 61, Years))},
	{"years", "for 5 years", ws(amount("5 years", "5", 5, Years))},
	{"hours", "24 hours", ws(amount("24 hours", "24", 24, Hours))},
	{"minutes", "60 minutes of massage", ws(amount("60 minutes", "60", 60, Minutes))},
	{"ml", "Menthoderm gel 120ml", ws(amount("120ml", "120", 120, Milliliters))},
	{"weeks", "in 4 weeks", ws(amount("4 weeks", "4", 4, Weeks))},
	{"six-month", "a six-month course", ws(amount("six-month", "six", 6, Months))},
	{"huge number", "99999999999999999999 visits", ws(amount("99999999999999999999 visits", "99999999999999999999", 1e20, Sessions))},

	// --- NOT quantities ---
	{"date slash", "on 10/14/2016 the", nil},
	{"date dash short", "10-14-16", nil},
	{"date dash long", "10-14-2016", nil},
	{"date two-digit year", "6/16/02", nil},
	{"date cut at line end", "dated 10/14/\nnext", nil},
	{"iso date", "2016-10-14", nil},
	{"month year slash", "6/2016", nil},
	{"month year dash", "10-2016", nil},
	{"month name date", "October 14, 2016", nil},
	{"day month year", "14 October 2016", nil},
	{"abbrev month", "Oct. 14", nil},
	{"year alone", "2016", ws(number("2016", 2016))},
	{"date then range", "between 4 and 6/14/2016", ws(number("4", 4))},
	{"spinal L4-5", "L4-5", nil},
	{"spinal L4-L5", "L4-L5", nil},
	{"spinal C5-6", "C5-6", nil},
	{"spinal C2-6", "C2-6", nil},
	{"spinal L5-S1", "L5-S1", nil},
	{"spinal T12-L1", "T12-L1", nil},
	{"spinal en dash", "T1–T12", nil},
	{"spinal slash", "C5/6", nil},
	{"spinal spaced", "L4 - 5", nil},
	{"spinal list", "L3-4, L4-5, and L5-S1", nil},
	{"ICD numeric", "729.1", ws(number("729.1", 729.1))},
	{"ICD letter", "M54.5", nil},
	{"ICD-10 label", "ICD-10 codes", nil},
	{"code then quantity", "M54.5 - 12 visits", ws(amount("12 visits", "12", 12, Sessions))},
	{"dotted section", "9792.24.2", nil},
	{"clock", "at 12:30", nil},
	{"clock am", "at 10:00 am", nil},
	{"pm", "3 pm", nil},
	{"glued pm", "3pm", nil},
	{"ordinal", "2nd visit", nil},
	{"case number", "CM16-0221706", nil},
	{"url", "http://www.dir.ca.gov/t8/ch4_5sb1a5_5_2.html", nil},
	{"www", "www.example.com/12/visits", nil},
	{"page", "Page(s): 60", ws(number("60", 60))},
	{"pain score", "VAS 7/10", nil},
	{"strength grade", "5/5 strength", nil},
	{"blood pressure", "BP 130/80", nil},
	{"phone", "(800) 555-1234", nil},
	{"money", "$1,200", nil},
	{"dimensions", "3 x 4 x 5 cm", nil},
	{"dimension pair", "2 x 3 cm", nil},
	{"gauze size", "4x4 gauze pads", nil},
	{"session number", "session #3", nil},
	{"date span", "DOS 10/14/2016-11/14/2016", nil},
	{"case header", "Case Number: CM16-0221706, Date Assigned: 11/15/2016, Date of Injury: 12/01/2001", nil},
	{"edition ordinal", "2nd Edition (2004)", ws(number("2004", 2004))},
	{"pain scores", "decreased from 8/10 to 4/10", nil},
	{"q6h", "1 PO q6h prn", ws(number("1", 1))},
	{"reference label", "Item #2: Norco", nil},
	{"empty", "", nil},
	{"spaces", " \u00a0\n", nil},
}

func TestFind(t *testing.T) {
	for _, tc := range findCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.in)
			checkInvariants(t, tc.in, got)
			if len(got) != len(tc.want) {
				t.Fatalf("Find(%q) = %d quantities, want %d:\n%s", tc.in, len(got), len(tc.want), dump(tc.in, got))
			}
			for i, w := range tc.want {
				checkOne(t, tc.in, got[i], w)
			}
		})
	}
}

func checkOne(t *testing.T, s string, q Quantity, w want) {
	t.Helper()
	max := w.max
	if max == 0 {
		max = w.v
	}
	span, num := s[q.Start:q.End], s[q.NumStart:q.NumEnd]
	if q.Kind != w.kind || span != w.span || num != w.num || !feq(q.Value, w.v) || !feq(q.Max, max) ||
		q.Unit != w.unit || q.Strength != w.strength || q.Supply != w.supply {
		t.Errorf("in %q got %v span=%q num=%q v=%v max=%v unit=%q strength=%q supply=%v\n"+
			"               want %v span=%q num=%q v=%v max=%v unit=%q strength=%q supply=%v",
			s, q.Kind, span, num, q.Value, q.Max, q.Unit, q.Strength, q.Supply,
			w.kind, w.span, w.num, w.v, max, w.unit, w.strength, w.supply)
	}
	if (q.Freq == nil) != (w.freq == nil) || (q.Freq != nil && *q.Freq != *w.freq) {
		t.Errorf("in %q freq = %+v, want %+v", s, q.Freq, w.freq)
	}
	if w.kind == FreqDur && (q.DurValue != w.dur || q.DurMax != w.durMax || q.DurUnit != w.durUnit) {
		t.Errorf("in %q dur = %v-%v %s, want %v-%v %s", s, q.DurValue, q.DurMax, q.DurUnit, w.dur, w.durMax, w.durUnit)
	}
}

// checkInvariants asserts what every caller relies on: spans inside the
// input, ordered, non-overlapping, with the number inside the match.
func checkInvariants(t testing.TB, s string, qs []Quantity) {
	t.Helper()
	prevEnd := 0
	for _, q := range qs {
		if q.Start < prevEnd || q.Start > q.NumStart || q.NumStart > q.NumEnd || q.NumEnd > q.End || q.End > len(s) || q.Start >= q.End {
			t.Fatalf("bad spans in %q: %+v (previous end %d)", s, q, prevEnd)
		}
		prevEnd = q.End
	}
}

func dump(s string, qs []Quantity) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "  %v span=%q num=%q v=%v max=%v unit=%q strength=%q %s\n",
			q.Kind, s[q.Start:q.End], s[q.NumStart:q.NumEnd], q.Value, q.Max, q.Unit, q.Strength, q.String())
	}
	return b.String()
}

// TestFindOffsets checks byte offsets where they differ from rune offsets
// and where whitespace is not ASCII.
func TestFindOffsets(t *testing.T) {
	s := "“Physical therapy”\u00a0— 18\u00a0additional\nsessions; 2\u2009x\u20096"
	got := Find(s)
	if len(got) != 2 {
		t.Fatalf("got %d quantities:\n%s", len(got), dump(s, got))
	}
	start := strings.Index(s, "18")
	if got[0].Start != start || got[0].NumEnd != start+2 || s[got[0].Start:got[0].End] != "18\u00a0additional\nsessions" {
		t.Errorf("first = %+v", got[0])
	}
	if got[1].Kind != FreqDur || got[1].Value != 12 || s[got[1].Start:got[1].End] != "2\u2009x\u20096" {
		t.Errorf("second = %+v", got[1])
	}
}

func TestFindParagraph(t *testing.T) {
	s := "Physical therapy 2 times per week for 6 weeks (12 sessions) for the lumbar spine at L4-5 was requested on 10/14/2016. " +
		"The patient, a 61-year-old, has completed 24 visits to date. The request for 18 additional sessions exceeds the 9-10 visits recommended."
	var got []string
	for _, q := range Find(s) {
		got = append(got, q.String())
	}
	want := []string{"2 times per week for 6 weeks (12 sessions)", "61 years", "24 sessions", "18 sessions", "9-10 sessions"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in string
		v  float64
		ok bool
	}{
		{"12", 12, true},
		{"1,200", 1200, true},
		{"12.5", 12.5, true},
		{"twelve", 12, true},
		{"Twelve", 12, true},
		{"TWELVE", 12, true},
		{"twenty-four", 24, true},
		{"twenty four", 24, true},
		{"twenty", 20, true},
		{"one hundred twenty", 120, true},
		{"one hundred and five", 105, true},
		{"12 (twelve)", 12, true},
		{"once", 1, true},
		{"twice", 2, true},
		{"thrice", 3, true},
		{" 6 ", 6, true},
		{"", 0, false},
		{"twelve sessions", 0, false},
		{"L4", 0, false},
		{"1.2.3", 0, false},
		{"10/14", 0, false},
		{"1e5", 0, false},
		{"a", 0, false},
		{"99999999999999999999", 1e20, true},
		{strings.Repeat("9", 400), 0, false},
	}
	for _, c := range cases {
		v, ok := ParseNumber(c.in)
		if ok != c.ok || v != c.v {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", c.in, v, ok, c.v, c.ok)
		}
	}
}

func TestString(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"12 sessions", "12 sessions"},
		{"1 visit", "1 session"},
		{"4-6 visits", "4-6 sessions"},
		{"4 to 6", "4-6"},
		{"2 times a week for 6 weeks", "2 times per week for 6 weeks (12 sessions)"},
		{"2-3 times per week for 4 weeks", "2-3 times per week for 4 weeks (8-12 sessions)"},
		{"1 times 6", "1 time per week for 6 weeks (6 sessions)"},
		{"3x/week", "3 times per week"},
		{"#120", "#120"},
		{"Norco 10/325mg", "10/325mg"},
		{"30-day supply", "30-day supply"},
		{"61-year-old", "61 years"},
		{"50% relief", "50%"},
		{"500ml", "500 ml"},
		{"240g", "240 grams"},
		{"Page 60", "60"},
		{"2 times per week for 10 days", "2 times per week for 10 days (2.86 sessions)"},
	}
	for _, c := range cases {
		qs := Find(c.in)
		if len(qs) != 1 {
			t.Errorf("Find(%q) = %d quantities", c.in, len(qs))
			continue
		}
		if got := qs[0].String(); got != c.want {
			t.Errorf("String of %q = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSame(t *testing.T) {
	one := func(s string) Quantity {
		qs := Find(s)
		if len(qs) != 1 {
			t.Fatalf("Find(%q) = %d quantities", s, len(qs))
		}
		return qs[0]
	}
	cases := []struct {
		a, b string
		same bool
	}{
		{"2x6", "12 visits", true},
		{"2 times a week for 6 weeks", "twelve (12) sessions", true},
		{"2x6", "18 visits", false},
		{"12 sessions", "12 days", false},
		{"12 sessions", "12", false},
		{"4-6 visits", "4 to 6 sessions", true},
		{"4-6 visits", "4-7 visits", false},
		{"2-3 times per week for 4 weeks", "8-12 sessions", true},
		{"#120", "120 tablets", true},
		{"10/325mg", "10/325 mg", true},
		{"10/325mg", "7.5/325mg", false},
		{"Norco 10/325", "10/325mg", true},
		{"Norco 10/325", "7.5/325mg", false},
		{"20 mg/ml", "20mg", false},
		{"Gabapentin 10%", "10mg", false},
		{"3x/week", "3 times a week", true},
		{"3x/week", "3 times a day", false},
		{"3x/week", "3 sessions", false},
		{"30-day supply", "30 days", true},
	}
	for _, c := range cases {
		if got := Same(one(c.a), one(c.b)); got != c.same {
			t.Errorf("Same(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
		if got := Same(one(c.b), one(c.a)); got != c.same {
			t.Errorf("Same(%q, %q) = %v, want %v", c.b, c.a, got, c.same)
		}
	}
	// A hand-built Amount without Max still compares by its value.
	if !Same(Quantity{Kind: Amount, Value: 12, Unit: Sessions}, one("12 visits")) {
		t.Error("hand-built Quantity with zero Max is not Same as 12 visits")
	}
}

func TestKindString(t *testing.T) {
	if FreqDur.String() != "FreqDur" || Kind(42).String() != "Kind(42)" {
		t.Errorf("Kind.String: %q %q", FreqDur.String(), Kind(42).String())
	}
}

// benchParagraph is a realistic rationale section of about 5 KB.
var benchParagraph = strings.Repeat("The patient is a 61-year-old male who sustained an industrial injury on 10/14/2016 "+
	"to the lumbar spine. MRI of 12/2/2016 showed a disc protrusion at L4-5 and L5-S1 with foraminal narrowing. "+
	"He has completed 24 visits of physical therapy to date and 6 additional chiropractic visits, with "+
	"approximately 30% improvement in function. The current request is for physical therapy 2 times per week "+
	"for 6 weeks (12 sessions). The MTUS Chronic Pain Medical Treatment Guidelines, page(s) 98-99, recommend "+
	"9-10 visits over 8 weeks for myalgia (ICD 729.1, M79.1) and 8-10 visits over 4 weeks for neuralgia. "+
	"The request for 18 additional sessions exceeds this. Norco 10/325mg #120 and Gabapentin 10% in cream base "+
	"240g were also requested, with a 30-day supply. ", 6)

func BenchmarkFind(b *testing.B) {
	b.SetBytes(int64(len(benchParagraph)))
	b.ReportAllocs()
	for b.Loop() {
		Find(benchParagraph)
	}
}

// TestLiteralWordsInVocab guards the allocation-free lower-casing: every
// lower-case word literal the rules compare against must be in vocab, or a
// capitalised "For" or "Twice" would silently stop matching.
func TestLiteralWordsInVocab(t *testing.T) {
	fset := gotoken.NewFileSet()
	for _, name := range []string{"match.go", "mask.go", "quantity.go"} {
		f, err := goparser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != gotoken.STRING {
					return true
				}
				w, err := strconv.Unquote(lit.Value)
				if err != nil || w == "" || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
					return true
				}
				if _, ok := vocab[w]; !ok && !strings.Contains(fset.Position(lit.Pos()).String(), "quantity.go") {
					t.Errorf("%s: %q is not in vocab; add it to literalWords", fset.Position(lit.Pos()), w)
				}
				return true
			})
		}
	}
	for _, in := range []string{"Twice Weekly For 4 Weeks", "BETWEEN 4 AND 6 VISITS", "QTY: 2", "THIRTY DAY SUPPLY"} {
		if len(Find(in)) != 1 {
			t.Errorf("Find(%q) = %v", in, Find(in))
		}
	}
}
