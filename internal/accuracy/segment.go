// Package accuracy measures imrlint on real letters: it injects one fault
// at a time into a letter's text with plain text operations, checks the
// mutated letter, and counts the faults found (recall per kind) and the
// findings on the untouched letter (noise).
//
// The mutators find where to write with their own landmarks (a decision
// line ending in "Upheld", a "Decision rationale:" label, the case
// summary's heading) and their own word lists, never with imrlint's
// parser or vocabularies: a mutator that asked the parser where to write
// could only make faults the parser already sees.
package accuracy

import (
	"regexp"
	"strings"
)

// A letter as the mutators see it: the original bytes, its lines, and
// the blocks found by landmarks.
type doc struct {
	src   string
	lines []line
	// summary is the case summary's prose; items are the disputed items.
	summary block
	items   []item
	// doi is the case header's date of injury, if the mutators found it.
	doi *dateAt
}

type line struct {
	start, end int // byte offsets of the line in src, without its newline
}

// block is a run of lines [from, to) of the letter.
type block struct {
	from, to int
}

// item is a disputed item: its header lines and its rationale.
type item struct {
	header    block
	citation  block // the expert reviewer's guideline paragraph
	rationale block
	// headerText is the header's lines joined by spaces.
	headerText string
}

var (
	// decisionEndRE: an item header's last line closes with its decision.
	decisionEndRE = regexp.MustCompile(`(?i)(?:^|[:\s])(upheld|overturned)\s*$`)
	summaryRE     = regexp.MustCompile(`(?i)^\s*(clinical case summary|case summary:?)\s*$`)
	issuesRE      = regexp.MustCompile(`(?i)^\s*imr issues,? decisions,? and rationales?\s*$`)
	rationaleRE   = regexp.MustCompile(`(?i)^\s*(decision rationale|rationale used by the expert reviewer)\s*:`)
	citationRE    = regexp.MustCompile(`(?i)^\s*(maximus guideline|medical treatment guideline\(s\) relied upon)`)
	claimsRE      = regexp.MustCompile(`(?i)^\s*claims administrator guideline`)
	doiRE         = regexp.MustCompile(`(?i)date of injury:?\s*(\d{1,2}/\d{1,2}/\d{2,4})`)
)

func newDoc(src string) *doc {
	d := &doc{src: src}
	start := 0
	for i := 0; i <= len(src); i++ {
		if i == len(src) || src[i] == '\n' {
			end := i
			if end > start && src[end-1] == '\r' {
				end--
			}
			if i < len(src) || end > start {
				d.lines = append(d.lines, line{start, end})
			}
			start = i + 1
		}
	}
	d.find()
	return d
}

func (d *doc) text(i int) string { return d.src[d.lines[i].start:d.lines[i].end] }

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// find locates the summary, the items and the header's date of injury.
func (d *doc) find() {
	n := len(d.lines)
	sumFrom, issues := -1, -1
	for i := 0; i < n; i++ {
		t := d.text(i)
		if sumFrom < 0 && summaryRE.MatchString(t) {
			sumFrom = i + 1
		}
		if issues < 0 && issuesRE.MatchString(t) {
			issues = i
		}
		if d.doi == nil && i < 40 {
			if m := doiRE.FindStringSubmatchIndex(t); m != nil {
				d.doi = &dateAt{start: d.lines[i].start + m[2], end: d.lines[i].start + m[3]}
			} else if strings.Contains(strings.ToLower(t), "date of injury") {
				// Plain extraction puts the table's values below its
				// labels: the date of injury is then the value in the
				// same place of the values block.
				d.doi = d.rawTableDOI(i)
			}
		}
	}
	if sumFrom >= 0 && issues > sumFrom {
		d.summary = block{sumFrom, issues}
	}
	if issues < 0 {
		return
	}
	// Items: each decision line closes a header; the header's earlier
	// lines are those above it that do not end a sentence of prose.
	var heads []block
	for i := issues + 1; i < n; i++ {
		if !decisionEndRE.MatchString(d.text(i)) {
			continue
		}
		from := i
		for k := i - 1; k > issues && i-k <= 4; k-- {
			t := strings.TrimSpace(d.text(k))
			if t == "" {
				// A blank line inside a wrapped header (double-spaced
				// text) is skipped when the line above it continues it.
				continue
			}
			low := strings.ToLower(t)
			// A decision wrapped onto a line of its own ("...right
			// knee:" then "Upheld") continues the line above, colon and
			// all.
			alone := k == i-1 || blankBetween(d, k, i)
			wrapped := alone && decisionOnlyRE.MatchString(d.text(i))
			if strings.HasSuffix(low, "set forth below:") || strings.HasSuffix(t, ":") && !strings.HasSuffix(low, "request:") && !wrapped ||
				strings.HasSuffix(t, ".") && !strings.HasSuffix(low, "original request.") && !strings.HasSuffix(low, "claims administrator.") ||
				decisionEndRE.MatchString(t) || rationaleRE.MatchString(t) {
				break
			}
			from = k
		}
		heads = append(heads, block{from, i + 1})
	}
	for j, h := range heads {
		end := n
		if j+1 < len(heads) {
			end = heads[j+1].from
		}
		it := item{header: h}
		var parts []string
		for k := h.from; k < h.to; k++ {
			if t := strings.TrimSpace(d.text(k)); t != "" {
				parts = append(parts, t)
			}
		}
		it.headerText = strings.Join(parts, " ")
		cit, rat := -1, -1
		for k := h.to; k < end; k++ {
			t := d.text(k)
			if cit < 0 && citationRE.MatchString(t) {
				cit = k
			}
			if rat < 0 && rationaleRE.MatchString(t) {
				rat = k
			}
		}
		if rat < 0 {
			continue
		}
		if cit >= 0 && cit < rat {
			it.citation = block{cit, rat}
		}
		// The rationale ends before a trailing page footer or blank run.
		to := end
		for to > rat+1 && blank(d.text(to-1)) {
			to--
		}
		it.rationale = block{rat, to}
		d.items = append(d.items, it)
	}
}

// decisionOnlyRE: a line that is only a decision word.
var decisionOnlyRE = regexp.MustCompile(`(?i)^\s*(upheld|overturned)\s*$`)

// blankBetween reports whether only blank lines lie between lines k and i.
func blankBetween(d *doc, k, i int) bool {
	for j := k + 1; j < i; j++ {
		if !blank(d.text(j)) {
			return false
		}
	}
	return true
}

// rawTableDOI finds the date of injury of a header table whose labels
// and values came apart: the labels "Date of Injury:", "UR Denial
// Date:", ... stand in a column, their values in the next column below.
func (d *doc) rawTableDOI(label int) *dateAt {
	// The label's rank in its run of label lines.
	first := label
	for first > 0 && strings.HasSuffix(strings.TrimSpace(d.text(first-1)), ":") {
		first--
	}
	rank := label - first
	// The values block: the next run of lines that are dates.
	for k := label + 1; k < len(d.lines) && k < label+12; k++ {
		if !dateOnlyRE.MatchString(strings.TrimSpace(d.text(k))) {
			continue
		}
		v := k + rank
		if v < len(d.lines) {
			if m := dateOnlyRE.FindStringIndex(d.text(v)); m != nil {
				return &dateAt{start: d.lines[v].start + m[0], end: d.lines[v].start + m[1]}
			}
		}
		return nil
	}
	return nil
}

var dateOnlyRE = regexp.MustCompile(`\d{1,2}/\d{1,2}/\d{4}`)

// sentence is a sentence of a block: its words with their offsets in src.
type sentence struct {
	src   string // the letter's text
	text  string // the words joined by single spaces
	off   []int  // for each byte of text, its offset in src (a joining space: the line end)
	first int    // the line the sentence starts on
	buf   []byte // text as it is built
}

// sentences splits the lines [b.from, b.to) into sentences. Lines are
// joined with a space; a sentence ends at ". ", "? " or "! " before an
// upper-case letter or a digit, and at the block's end.
func (d *doc) sentences(b block) []sentence {
	var out []sentence
	cur := sentence{first: -1, src: d.src}
	flush := func() {
		cur.text, cur.buf = string(cur.buf), nil
		if strings.TrimSpace(cur.text) != "" {
			out = append(out, cur)
		}
		cur = sentence{first: -1, src: d.src}
	}
	for k := b.from; k < b.to; k++ {
		t := d.text(k)
		if blank(t) {
			continue
		}
		ln := d.lines[k]
		if cur.first < 0 {
			cur.first = k
		} else {
			cur.buf = append(cur.buf, ' ')
			cur.off = append(cur.off, ln.start-1)
		}
		prevSpace := false
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c == ' ' || c == '\t' {
				if prevSpace || len(cur.buf) == 0 || cur.buf[len(cur.buf)-1] == ' ' {
					continue
				}
				prevSpace = true
			} else {
				prevSpace = false
			}
			cur.buf = append(cur.buf, c)
			cur.off = append(cur.off, ln.start+i)
			if (c == '.' || c == '?' || c == '!') && sentenceEnds(t, i) {
				flush()
				cur.first = k
			}
		}
	}
	flush()
	for i := range out {
		// Trim the leading space a split left.
		for len(out[i].text) > 0 && out[i].text[0] == ' ' {
			out[i].text, out[i].off = out[i].text[1:], out[i].off[1:]
		}
		out[i].first = lineOf(d, out[i].off[0])
	}
	return out
}

// sentenceEnds: the stop at t[i] ends a sentence (a space and a capital
// or digit follow, or the line ends), not an abbreviation's period
// ("Dr.", "e.g.", "2.5").
func sentenceEnds(t string, i int) bool {
	if i+1 < len(t) && t[i+1] != ' ' {
		return false
	}
	w := i - 1
	for w >= 0 && t[w] != ' ' {
		w--
	}
	word := strings.ToLower(t[w+1 : i])
	switch word {
	case "dr", "mr", "mrs", "ms", "e.g", "i.e", "vs", "no", "st", "approx":
		return false
	}
	j := i + 1
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j == len(t) {
		return true
	}
	c := t[j]
	return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func lineOf(d *doc, off int) int {
	lo, hi := 0, len(d.lines)
	for lo+1 < hi {
		m := (lo + hi) / 2
		if d.lines[m].start <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}
