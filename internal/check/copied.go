package check

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
)

// CopiedRationale reports line items sharing one rationale word for word.
var CopiedRationale = &Check{
	Name:     "copied-rationale",
	Summary:  "two or more line items share a word-for-word rationale",
	Severity: finding.Warning,
	Doc: `
Each disputed item must be decided on its own reasoning. When two line items
carry the same rationale word for word, at least one of them restates a
request it is not about. This holds when both items are one treatment to the
vocabulary ("Physical therapy 2x6" and "Therapeutic exercise 2x6") and when
they are the same service for another side or date: each is a request of
its own. Only a true duplicate line, an item whose request reads the same
as the other's apart from white space and case, is left alone. White space,
line wrapping and case are ignored in the rationales too; rationales under
80 characters are not compared.

Items sharing one rationale are one finding, on the second item's
rationale, naming every item of the group; the other copies are its
related places. Items are named by treatment (or drug and strength) and
side and body part, and by the request's own words, quantity or text where
those would not tell two of them apart. This is a warning: a reviewer may
rightly give one reasoning for closely related items, such as the services
of a denied surgery, but should say so.

Triggers: "Physical therapy 2x6 for the lumbar spine" and "Therapeutic
exercise 2x6 for the lumbar spine" items with the same rationale text;
"MRI of the left knee" and "MRI of the right knee" with the same rationale;
a surgery's clearance, labs and sling items all with one rationale (one
finding for the three).
Does not trigger: two items whose rationales differ in any word; one
request line listed twice with the same rationale.`,
	Run: func(p *Pass) {
		items := p.Letter.Items
		var seen []int      // the first item of each distinct rationale text
		var copies []copyOf // the items whose rationale is one seen, in order
		for i := range items {
			if !items[i].Rationale.Present() {
				continue
			}
			body := items[i].Rationale.Body.Text
			// A rationale equal to one seen is as long as it, so at least
			// 80 bytes; one that equals none is measured to be kept.
			j, ok := sameRationale(items, seen, body)
			if !ok {
				if rationaleAtLeast(body, 80) {
					seen = append(seen, i)
				}
				continue
			}
			if duplicateLine(items, j, copies, i) {
				continue
			}
			copies = append(copies, copyOf{first: j, item: i})
		}
		if len(copies) == 0 {
			return
		}
		// One finding per rationale, naming all its items. Letters have
		// some 30 items at most, and copies are rare, so the groups are
		// gathered by scanning the copies once per first item.
		var g []int
		for _, j := range seen {
			g = append(g[:0], j)
			for _, c := range copies {
				if c.first == j {
					g = append(g, c.item)
				}
			}
			if len(g) > 1 {
				reportCopies(p, items, g)
			}
		}
	},
}

// copyOf is an item whose rationale is word for word that of an earlier
// item, the first with that rationale.
type copyOf struct{ first, item int }

// reportCopies reports one group of items sharing a rationale: one finding
// on the second item's rationale, so that a surgery's five services are
// one warning and not four, with every other copy as a related place.
func reportCopies(p *Pass, items []letter.Item, g []int) {
	names := itemNames(p.Rules, items, g)
	first, second := &items[g[0]], &items[g[1]]
	var f *finding.Finding
	if len(g) == 2 {
		f = p.Reportf(firstSentence(second), "item %d (%s) has the same rationale, word for word, as item %d (%s)", second.Index, names[1], first.Index, names[0])
	} else {
		nums := make([]string, 0, len(g)-1)
		for _, j := range g[1:] {
			nums = append(nums, itoa(items[j].Index))
		}
		// The names are joined by semicolons: a name holds commas of its
		// own ("physical therapy, left knee").
		f = p.Reportf(firstSentence(second), "items %s (%s) have the same rationale, word for word, as item %d (%s)", andList(nums), strings.Join(names[1:], "; "), first.Index, names[0])
	}
	f.Related = make([]finding.Related, 0, len(g)-1)
	for k, j := range g {
		if k != 1 {
			f.Related = append(f.Related, finding.Related{Span: firstSentence(&items[j]), Message: "the rationale of item " + itoa(items[j].Index)})
		}
	}
}

func firstSentence(it *letter.Item) finding.Span {
	return it.Rationale.Body.Span(0, firstSentenceEnd(it.Rationale.Body.Text))
}

// duplicateLine reports whether item i, whose rationale is that of item
// first, repeats the request line of first or of one of its copies word
// for word: the same line listed twice, which a reader could not tell
// apart and which rightly shares its reasoning.
func duplicateLine(items []letter.Item, first int, copies []copyOf, i int) bool {
	req := requestText(&items[i])
	if sameText(requestText(&items[first]), req) {
		return true
	}
	for _, c := range copies {
		if c.first == first && sameText(requestText(&items[c.item]), req) {
			return true
		}
	}
	return false
}

// requestText is the request of an item's header, or the whole header
// when no request was read from it.
func requestText(it *letter.Item) string {
	if strings.TrimSpace(it.Request.Text) != "" {
		return it.Request.Text
	}
	return it.Header.Text
}

// sameText compares two texts as rationales are compared: by their words,
// ignoring white space and case.
func sameText(a, b string) bool {
	x, y := newRationaleReader(a), newRationaleReader(b)
	for {
		c, okc := x.next()
		d, okd := y.next()
		if c != d || okc != okd {
			return false
		}
		if !okc {
			return true
		}
	}
}

// The levels of detail an item is named with, each used only for items
// the level before would name alike.
const (
	nameLevel     = iota // vocabulary name, or drug and strength, or head words; side and body part
	wordsLevel           // the request's head words; side and body part
	quantityLevel        // the head words, the quantity; side and body part
	requestLevel         // the request as written, quoted
)

// itemNames names the items of group g so that a reader tells them apart:
// each at the least detail no other item of the group shares.
func itemNames(v *rules.Set, items []letter.Item, g []int) []string {
	level := make([]int, len(g))
	names := make([]string, len(g))
	for k, j := range g {
		names[k] = describeItem(v, &items[j], nameLevel)
	}
	// Each round raises the level of every item named like another; it
	// ends as no two are alike or the alike ones are quoted whole. A group
	// is a letter's items at most (some 30), so comparing all pairs is
	// cheap, and it is done only for a finding.
	bump := make([]bool, len(g))
	for {
		for a := range names {
			for b := a + 1; b < len(names); b++ {
				if names[a] == names[b] {
					bump[a], bump[b] = true, true
				}
			}
		}
		raised := false
		for k := range bump {
			if bump[k] && level[k] < requestLevel {
				level[k]++
				names[k] = describeItem(v, &items[g[k]], level[k])
				raised = true
			}
			bump[k] = false
		}
		if !raised {
			return names
		}
	}
}

// describeItem is a short name of an item at a level of detail: "physical
// therapy, left knee", "norco 10/325mg", "infrared therapy, lumbar spine".
// A treatment the vocabulary does not know is named by the head words of
// its request, never by the whole header line, until only the request as
// written tells two items apart.
func describeItem(v *rules.Set, it *letter.Item, level int) string {
	req := strings.Join(strings.Fields(requestText(it)), " ")
	if level >= requestLevel {
		// Quoted: the header's words, which may hold parentheses and
		// commas of their own.
		return `"` + short(req) + `"`
	}
	body := bodyText(v, it.BodyParts)
	var name string
	switch {
	case it.Medication != nil && it.Medication.Name.Text != "":
		// The drug's name is already the request's words.
		name = strings.ToLower(strings.Join(strings.Fields(it.Medication.Name.Text), " "))
		if s := strings.Join(strings.Fields(it.Medication.Strength.Text), " "); s != "" {
			name += " " + s
		}
	case level == nameLevel && it.Treatment.ID != "" && it.Treatment.Name != "":
		name = it.Treatment.Name
	default:
		name = requestWords(req, it.BodyParts, body)
	}
	if name == "" {
		return `"` + short(req) + `"`
	}
	parts := []string{name}
	if level >= quantityLevel && it.Quantity != nil {
		// A quantity read with the treatment's words ("Two physical
		// therapy sessions") names nothing new.
		if q := strings.ToLower(strings.Join(strings.Fields(it.Quantity.Text), " ")); q != "" && !strings.Contains(name, q) && !strings.Contains(q, name) {
			parts = append(parts, q)
		}
	}
	if body != "" && !strings.Contains(name, body) {
		parts = append(parts, body)
	}
	return strings.Join(parts, ", ")
}

// requestWords names a request by its head words. A head ended by a colon
// is often a heading of the service that follows it ("Associated surgical
// service: Crutches", "Labs to include: EKG"), so the head words after the
// colon are added, unless they are only the body part ("Infrared therapy:
// lumbar spine") or there are none ("Massage therapy: 12 sessions").
func requestWords(req string, bps []letter.BodyPart, body string) string {
	head, rest := headWords(req, bps)
	if h, _ := headWords(rest, bps); h != "" && head != "" && !strings.Contains(body, h) {
		return head + ": " + h
	}
	return head
}

// bodyText names the sides and regions of an item: "left knee", "lumbar
// spine and left hip".
func bodyText(v *rules.Set, bps []letter.BodyPart) string {
	var parts []string
	for _, b := range bps {
		s := b.Side
		if b.Region != "" {
			s = strings.TrimSpace(s + " " + regionName(v, b.Region))
		}
		if s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	return andList(parts)
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// Words of a request that end its head noun phrase: the start of a
// quantity ("x 6", "times 6", "3 per week"), of a body-part phrase ("for
// the lumbar spine") or of a qualifier ("with contrast", "at L4-5").
var headStops = map[string]bool{
	"for": true, "x": true, "times": true, "per": true, "with": true, "without": true,
	"at": true, "-": true, "\u2013": true, "\u2014": true, "/": true, "&": true,
}

// Number words, which start a quantity as digits do.
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true,
	"twenty": true, "thirty": true, "twice": true, "once": true,
}

// Words after "of", "to", "on" or "in" that make it a body-part phrase
// ("of the left knee", "to right shoulder"), as "range of motion" is not.
var bodyStarts = map[string]bool{"the": true, "left": true, "right": true, "bilateral": true, "both": true}

var sides = map[string]bool{"left": true, "right": true, "bilateral": true}

// Words a request opens its quantity with ("12 sessions of", "One (1)"),
// read past to find the treatment.
var leadWords = map[string]bool{
	"x": true, "times": true, "of": true, "sessions": true, "session": true, "visits": true,
	"visit": true, "treatments": true, "additional": true, "more": true, "units": true,
}

// Words a head phrase does not end with ("MRI scan of", cut at four words).
var trailWords = map[string]bool{"of": true, "to": true, "the": true, "and": true, "a": true, "an": true, "in": true, "on": true, "or": true}

// headWords is the head noun phrase of a request, lower-cased: its first
// words up to a quantity, a number, a body-part phrase ("for ...", "of the
// ...", "to the ...", a side), a colon, a comma or a parenthesis, at most
// four. A request that opens with its quantity ("2 sessions of
// acupuncture") is read after it. rest is the text after the colon that
// ended the phrase, "" when none did. The phrase also ends at a word that
// starts one of the body parts bps as written ("X-rays lumbar spine").
func headWords(s string, bps []letter.BodyPart) (head, rest string) {
	words := strings.Fields(s)
	i := 0
	for i < len(words) && leadingQuantity(words[i]) {
		i++
	}
	var out []string
	for ; i < len(words) && len(out) < 4; i++ {
		w := words[i]
		lw := strings.ToLower(w)
		if w[0] == '(' || w[0] == '#' || ascii.IsDigit(w[0]) || numberWords[lw] || headStops[lw] {
			break
		}
		if len(out) > 0 && (sides[lw] || startsBodyPart(bps, lw)) {
			break
		}
		if len(out) > 0 && (lw == "of" || lw == "to" || lw == "on" || lw == "in") && i+1 < len(words) && bodyStarts[strings.ToLower(words[i+1])] {
			break
		}
		if end := strings.IndexAny(lw, ":,;("); end >= 0 {
			if end > 0 {
				out = append(out, lw[:end])
			}
			if lw[end] == ':' {
				// The first colon of s: no word before this one held one.
				rest = strings.TrimSpace(s[strings.IndexByte(s, ':')+1:])
			}
			break
		}
		out = append(out, lw)
	}
	for len(out) > 0 && trailWords[out[len(out)-1]] {
		out = out[:len(out)-1]
	}
	return strings.Join(out, " "), rest
}

// startsBodyPart reports whether the lower-cased word w is the first word
// of a body part as written.
func startsBodyPart(bps []letter.BodyPart, w string) bool {
	for _, b := range bps {
		f := b.Text
		if i := strings.IndexFunc(f, unicode.IsSpace); i >= 0 {
			f = f[:i]
		}
		if f != "" && strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// leadingQuantity reports whether a word at the start of a request belongs
// to a quantity stated before the treatment: "12", "One", "(1)",
// "sessions", "of".
func leadingQuantity(w string) bool {
	lw := strings.ToLower(w)
	if strings.HasPrefix(lw, "(") && strings.HasSuffix(lw, ")") && len(lw) > 2 && ascii.IsDigit(lw[1]) {
		return true
	}
	return ascii.IsDigit(lw[0]) || lw[0] == '#' || numberWords[lw] || leadWords[lw]
}

func firstSentenceEnd(s string) int {
	if i := strings.Index(s, ". "); i > 0 {
		return i + 1
	}
	return len(s)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// sameRationale finds the item of seen whose rationale text equals that
// of s.
func sameRationale(items []letter.Item, seen []int, s string) (int, bool) {
	for _, j := range seen {
		if sameText(s, items[j].Rationale.Body.Text) {
			return j, true
		}
	}
	return 0, false
}

// rationaleAtLeast reports whether the rationale text of s has at least n
// bytes.
func rationaleAtLeast(s string, n int) bool {
	r := newRationaleReader(s)
	for k := 0; k < n; k++ {
		if _, ok := r.next(); !ok {
			return false
		}
	}
	return true
}

// rationaleReader reads, byte by byte, the text rationales are compared
// by: their words joined by single spaces and lower-cased (rationaleText
// in the tests builds it whole; the reader does not, since nearly all
// rationales differ in the first words). Words are split as
// strings.Fields splits them, runes lower-cased as strings.ToLower does
// (invalid UTF-8 as U+FFFD).
type rationaleReader struct {
	s     string
	i     int
	owed  bool              // a space is owed before the next word
	words bool              // a word was read
	buf   [utf8.UTFMax]byte // a lower-cased rune: buf[at:end] is still to read
	at    int
	end   int
}

func newRationaleReader(s string) rationaleReader { return rationaleReader{s: s} }

// next returns the next byte, false at the end.
func (r *rationaleReader) next() (byte, bool) {
	if r.at < r.end {
		r.at++
		return r.buf[r.at-1], true
	}
	for r.i < len(r.s) {
		c := r.s[r.i]
		size := 1
		var ru rune
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				r.i++
				r.owed = r.words
				continue
			}
		} else {
			ru, size = utf8.DecodeRuneInString(r.s[r.i:])
			if unicode.IsSpace(ru) {
				r.i += size
				r.owed = r.words
				continue
			}
		}
		if r.owed {
			r.owed = false
			return ' ', true // the word's bytes follow
		}
		r.i += size
		r.words = true
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			return c, true
		}
		r.at, r.end = 1, utf8.EncodeRune(r.buf[:], unicode.ToLower(ru))
		return r.buf[0], true
	}
	return 0, false
}
