package quantity

// The word tables below are all lower-case; tokens carry a lower-cased copy
// of each short word, so lookups are plain map reads.

// smallNumbers are the number words that stand alone (0-19).
var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}

// tensNumbers combine with a following 1-9: "twenty-four", "twenty four".
var tensNumbers = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// freqAdverbs are numbers that only make sense as a frequency ("twice a
// week"); outside one they are not quantities.
var freqAdverbs = map[string]float64{"once": 1, "twice": 2, "thrice": 3}

func isNumberWord(w string) bool {
	if _, ok := smallNumbers[w]; ok {
		return true
	}
	if _, ok := tensNumbers[w]; ok {
		return true
	}
	_, ok := freqAdverbs[w]
	return ok || w == "hundred"
}

// unitWords maps the nouns (and abbreviations) that may follow a number.
var unitWords = map[string]Unit{
	"session": Sessions, "sessions": Sessions, "visit": Sessions, "visits": Sessions,
	"treatment": Sessions, "treatments": Sessions, "appointment": Sessions, "appointments": Sessions,

	"day": Days, "days": Days,
	"week": Weeks, "weeks": Weeks, "wk": Weeks, "wks": Weeks,
	"month": Months, "months": Months, "mo": Months, "mos": Months, "mth": Months, "mths": Months,
	"hour": Hours, "hours": Hours, "hr": Hours, "hrs": Hours,
	"minute": Minutes, "minutes": Minutes, "min": Minutes, "mins": Minutes,
	"year": Years, "years": Years, "yr": Years, "yrs": Years, "yo": Years,

	"tablet": Count, "tablets": Count, "tab": Count, "tabs": Count,
	"capsule": Count, "capsules": Count, "cap": Count, "caps": Count,
	"patch": Count, "patches": Count, "pad": Count, "pads": Count,
	"unit": Count, "units": Count, "injection": Count, "injections": Count,
	"pill": Count, "pills": Count, "film": Count, "films": Count,
	"lozenge": Count, "lozenges": Count, "vial": Count, "vials": Count,
	"tube": Count, "tubes": Count, "bottle": Count, "bottles": Count,
	"packet": Count, "packets": Count, "suppository": Count, "suppositories": Count,
	"ampule": Count, "ampules": Count, "syringe": Count, "syringes": Count,

	"refill": Refills, "refills": Refills,

	"g": Grams, "gm": Grams, "gms": Grams, "gram": Grams, "grams": Grams,
	"ml": Milliliters, "mls": Milliliters, "cc": Milliliters,
	"milliliter": Milliliters, "milliliters": Milliliters,
	"millilitre": Milliliters, "millilitres": Milliliters,

	"percent": Percent,
}

// symbolUnits are abbreviations that only count after digits: "240 g" is
// grams, but "one g" is not worth guessing about.
var symbolUnits = map[string]bool{
	"g": true, "gm": true, "gms": true, "ml": true, "mls": true, "cc": true,
	"mo": true, "mos": true, "mth": true, "mths": true, "min": true, "mins": true,
	"hr": true, "hrs": true, "wk": true, "wks": true, "yr": true, "yrs": true, "yo": true,
}

// interveningUnits are the units whose noun may stand a few words after its
// number: "18 additional sessions", "6 more weeks", "2 trigger point
// injections". Ages, hours, weights and volumes must follow directly.
var interveningUnits = map[Unit]bool{
	Sessions: true, Count: true, Refills: true, Days: true, Weeks: true, Months: true,
}

// strengthUnits maps the dose units of a medication strength to their
// normalised spelling.
var strengthUnits = map[string]string{
	"mg": "mg", "mgs": "mg", "milligram": "mg", "milligrams": "mg",
	"mcg": "mcg", "µg": "mcg", "μg": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg",
	"meq": "meq",
}

// perUnits are the denominators of a strength: "20 mg/ml", "25 mcg/hr".
var perUnits = map[string]string{
	"ml": "ml", "cc": "ml", "l": "l", "g": "g", "gm": "g", "kg": "kg",
	"hr": "hr", "h": "hr", "hour": "hr", "day": "day", "d": "day", "dose": "dose",
	"actuation": "actuation", "spray": "spray", "tab": "tab", "tablet": "tab", "patch": "patch", "capsule": "cap", "cap": "cap",
}

// glueOK are the words that may be written glued to a number ("10mg",
// "2x6", "61yo"). Any other glued word ("2nd", "3pm", "12abc") means the
// number is part of an ordinal, a time or a code, not a quantity.
var glueOK = func() map[string]bool {
	m := map[string]bool{
		"x": true, "times": true, "y": true, "kg": true, "lb": true, "lbs": true,
		"cm": true, "mm": true, "mmhg": true,
	}
	for w := range unitWords {
		m[w] = true
	}
	for w := range strengthUnits {
		m[w] = true
	}
	return m
}()

// stopWords may not stand between a number and its unit noun: "4 of the
// visits" is not "4 visits", and "2016 in the treatments" is nothing.
var stopWords = map[string]bool{
	"of": true, "for": true, "and": true, "or": true, "to": true, "in": true, "on": true,
	"at": true, "the": true, "a": true, "an": true, "with": true, "per": true, "by": true,
	"from": true, "was": true, "were": true, "is": true, "are": true, "be": true,
	"been": true, "has": true, "had": true, "have": true, "not": true, "no": true,
	"that": true, "which": true, "than": true, "as": true, "this": true, "these": true,
	"those": true, "each": true, "every": true, "if": true, "but": true, "after": true,
	"before": true, "over": true, "under": true, "during": true, "within": true,
	"into": true, "up": true, "out": true, "then": true, "x": true, "times": true,
	"time": true, "level": true, "levels": true, "old": true, "it": true, "its": true,
	"he": true, "she": true, "they": true, "his": true, "her": true, "their": true,
	"when": true, "where": true, "while": true, "since": true, "until": true,
	"about": true, "also": true, "only": true, "all": true, "any": true,
}

// periodWords name the period of a frequency: "per week", "a day", "/wk".
var periodWords = map[string]Unit{
	"week": Weeks, "wk": Weeks, "day": Days, "month": Months, "mo": Months, "mth": Months,
}

// periodAdverbs are frequencies' periods written as one word.
var periodAdverbs = map[string]Unit{"weekly": Weeks, "daily": Days, "monthly": Months}

// vehicleWords follow a percentage that is a topical strength: "5% cream".
var vehicleWords = map[string]bool{
	"cream": true, "creams": true, "gel": true, "gels": true, "ointment": true,
	"lotion": true, "solution": true, "patch": true, "patches": true, "spray": true,
	"foam": true, "liquid": true, "suspension": true, "compound": true,
	"compounded": true, "topical": true, "base": true, "emulsion": true,
	"liniment": true, "transdermal": true, "powder": true,
}

// efficacyWords follow a percentage that measures an effect, not a drug:
// "50% improvement", "30% of patients".
var efficacyWords = map[string]bool{
	"improvement": true, "improved": true, "reduction": true, "reduced": true,
	"relief": true, "decrease": true, "decreased": true, "increase": true,
	"increased": true, "of": true, "pain": true, "functional": true, "function": true,
	"better": true, "less": true, "more": true, "or": true, "disability": true,
	"impairment": true, "whole": true, "wpi": true, "and": true, "to": true,
	"gain": true, "change": true, "response": true, "success": true, "effective": true,
	"chance": true, "likelihood": true, "probability": true, "apportionment": true,
	"improvements": true, "reductions": true, "range": true,
}

// capStop are capitalised words that begin sentences; a percentage after
// one of them is not a drug strength the way "Gabapentin 10%" is.
var capStop = map[string]bool{
	"approximately": true, "about": true, "around": true, "only": true, "at": true,
	"with": true, "over": true, "under": true, "nearly": true, "almost": true,
	"up": true, "greater": true, "less": true, "more": true, "than": true, "by": true,
	"of": true, "in": true, "to": true, "the": true, "a": true, "an": true,
	"and": true, "or": true, "reported": true, "reports": true, "patient": true,
	"this": true, "that": true, "roughly": true, "least": true, "some": true,
	"just": true, "minimum": true, "maximum": true, "improvement": true,
	"relief": true, "reduction": true, "vas": true, "pain": true,
	"wpi": true, "impairment": true, "function": true, "estimated": true,
}

// monthNames mark dates written with words: "October 14, 2016".
var monthNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true,
}

// labelWords before "#" make it a reference number, not a count: "Claim
// #12345", "Item #2".
var labelWords = map[string]bool{
	"claim": true, "case": true, "policy": true, "member": true, "id": true,
	"reference": true, "ref": true, "no": true, "number": true, "account": true,
	"file": true, "tracking": true, "authorization": true, "auth": true,
	"patient": true, "ur": true, "imr": true, "item": true, "issue": true,
	"request": true, "question": true, "page": true, "invoice": true, "dcn": true,
	"report": true, "document": true, "application": true, "decision": true,
	"letter": true, "treatment": true, "service": true, "code": true, "fax": true,
	"phone": true, "tel": true, "suite": true, "ste": true, "apt": true, "unit": true,
	"order": true, "rx": true, "prescription": true, "log": true, "adj": true,
	"session": true, "visit": true, "appointment": true, "step": true, "phase": true,
	"lot": true, "room": true, "exhibit": true, "attachment": true, "line": true,
	"box": true, "form": true, "batch": true, "bin": true,
}

// dimensionWords after "3 x 4" make it a size, not sessions.
var dimensionWords = map[string]bool{
	"cm": true, "mm": true, "in": true, "inch": true, "inches": true, "ft": true,
	"feet": true, "foot": true, "m": true, "meter": true, "meters": true,
	// "4x4 gauze": a dressing size.
	"gauze": true, "dressing": true, "dressings": true, "bandage": true, "bandages": true,
	"sponge": true, "sponges": true,
}

// startWords are the words a reading can start with: number words and the
// labels of the word-led rules in best.
var startWords = func() map[string]bool {
	m := map[string]bool{
		"hundred": true, "x": true, "times": true, "qty": true, "quantity": true, "qnty": true,
		"refill": true, "refills": true, "day": true, "days": true, "supply": true, "between": true,
	}
	for w := range smallNumbers {
		m[w] = true
	}
	for w := range tensNumbers {
		m[w] = true
	}
	for w := range freqAdverbs {
		m[w] = true
	}
	return m
}()

// startFilter holds, for each first byte, a bit per length of the start
// words with that first byte: most words of prose fail it without hashing.
var startFilter = func() (f [256]uint32) {
	for w := range startWords {
		if len(w) < 32 {
			f[w[0]] |= 1 << len(w)
		}
	}
	return f
}()

func isStartWord(w string) bool {
	if len(w) == 0 || len(w) >= 32 || startFilter[w[0]]&(1<<len(w)) == 0 {
		return false
	}
	return startWords[w]
}

// literalWords are the words the rules compare against directly.
// TestLiteralWordsInVocab keeps this list complete.
var literalWords = []string{
	"a", "c", "t", "l", "additional", "am", "an", "and", "another", "approximately", "between",
	"d", "day", "days", "during", "each", "every", "for", "further", "hundred",
	"in", "lasting", "m", "next", "o", "of", "old", "or", "over", "p", "per",
	"period", "pm", "qnty", "qty", "quantity", "refill", "refills", "rental", "s",
	"supply", "the", "through", "thru", "time", "times", "to", "x", "y",
	"some", "many", "several", "other", "multiple", "all", "few", "these", "those",
}

// vocab interns every word any rule looks up, so that tokenize can
// lower-case a capitalised word into a stack buffer and find its interned
// form without allocating. Words outside vocab keep their original text:
// no rule could match them anyway.
var vocab = func() map[string]string {
	m := map[string]string{}
	add := func(w string) { m[w] = w }
	for _, w := range literalWords {
		add(w)
	}
	for w := range smallNumbers {
		add(w)
	}
	for w := range tensNumbers {
		add(w)
	}
	for w := range freqAdverbs {
		add(w)
	}
	for w := range unitWords {
		add(w)
	}
	for w := range strengthUnits {
		add(w)
	}
	for w := range perUnits {
		add(w)
	}
	for _, set := range []map[string]bool{symbolUnits, glueOK, stopWords, vehicleWords, efficacyWords,
		capStop, monthNames, labelWords, dimensionWords, startWords} {
		for w := range set {
			add(w)
		}
	}
	for w := range periodWords {
		add(w)
	}
	for w := range periodAdverbs {
		add(w)
	}
	return m
}()

// notBetween are the words that may not stand between a number and its
// unit noun: stop words, numbers, months, units and frequency adverbs.
var notBetween = func() map[string]bool {
	m := map[string]bool{"hundred": true}
	for w := range stopWords {
		m[w] = true
	}
	for _, set := range []map[string]float64{smallNumbers, tensNumbers, freqAdverbs} {
		for w := range set {
			m[w] = true
		}
	}
	for w := range monthNames {
		m[w] = true
	}
	for w := range unitWords {
		m[w] = true
	}
	for w := range strengthUnits {
		m[w] = true
	}
	for w := range periodAdverbs {
		m[w] = true
	}
	return m
}()
