package check

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
	"github.com/imrlint/imrlint/internal/worddiff"
)

// BoilerplateDrift reports a fixed paragraph whose wording has drifted from
// the approved boilerplate.
var BoilerplateDrift = &Check{
	Name:     "boilerplate-drift",
	Summary:  "a fixed paragraph differs from the approved boilerplate",
	Severity: finding.Warning,
	Scope:    Both,
	Doc: `
Some paragraphs of a determination are fixed text: how the final
determination was made, the notice of appeal rights. Their wording is
approved once, and a letter or template that edits it (a number changed, a
clause dropped while pasting) states something about the review or the
appeal that was never approved. The approved paragraphs are data, in
rules/boilerplate/*.toml: an id, the section heading the paragraph sits
under, the approved text and its source.

Every paragraph under that heading that opens like an approved paragraph
(its first six words, or the paragraph's "match" opening) is compared with
it word by word; so is a paragraph with another opening that keeps at least
80% of an approved paragraph's words (its opening was edited). White space
and line wrapping do not count; any other change does, capitals and
punctuation included. When several approved paragraphs share a section and
an opening, a paragraph equal to any of them is approved, and one that is
not is compared with the closest. A paragraph that neither opens like nor
mostly repeats an approved one is other wording and is not compared, so
letters that never used the approved text are not reported. Text that runs
on after the last approved word without a blank line (a layout without
paragraph breaks) is not counted as a difference.

The message counts the words that differ and lists the changes, "-" for
approved words missing and "+" for words found instead. The finding points
at the first change; its first related place is the whole paragraph
compared. Restore the approved wording, or, if the wording was changed on
purpose, have the new text approved in rules/boilerplate.

Triggers: "The reviewer has more than three years of active clinical
practice" where the approved how-made paragraph says "five years".
Does not trigger: the approved paragraph wrapped at other places, indented
or double-spaced; a paragraph under the same heading that opens with other
words.`,
	Run: runBoilerplateDrift,
}

// word is a white-space separated word of a block, with its byte range.
type word struct {
	text string
	s, e int
}

// appendWords appends the words of s to ws, their offsets moved by base.
func appendWords(ws []word, s string, base int) []word {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		space, size := asciiSpace[c], 1 // only ASCII is set
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if start >= 0 {
				ws = append(ws, word{s[start:i], base + start, base + i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		ws = append(ws, word{s[start:], base + start, base + len(s)})
	}
	return ws
}

// linesWords appends to ws the words of text.Join(lines), with their
// offsets in it, read without joining: Join puts a space between lines, and no word
// spans a space.
func linesWords(ws []word, lines []text.Line) []word {
	pos := 0
	for _, l := range lines {
		if l.Break || l.Text == "" {
			continue
		}
		if pos > 0 {
			pos++ // the space Join puts for the line end
		}
		ws = appendWords(ws, l.Text, pos)
		pos += len(l.Text)
	}
	return ws
}

// asciiSpace is unicode.IsSpace for ASCII bytes, as strings.Fields reads
// them.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func wordTexts(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.text
	}
	return out
}

// approvedText is what comparing with one approved paragraph needs, worked
// out once: its words, its opening, and its words encoded as runes for the
// word diff, with how often each distinct word occurs.
type approvedText struct {
	bp      *rules.Boilerplate
	words   []string
	opening []string
	// runes[i] stands for words[i]; index maps each distinct word to its
	// rune, numbered in order of first use, and count[n] is how often
	// the n-th distinct word occurs.
	runes []rune
	index map[string]rune
	count []int32
	// joined is the words with a space between each two, and asFound
	// the words as a paragraph's words: a paragraph whose text is joined
	// holds asFound.
	joined  string
	asFound []word
}

func newApprovedText(words []string) *approvedText {
	ap := &approvedText{words: words, runes: make([]rune, len(words)), index: make(map[string]rune, len(words))}
	for i, w := range words {
		r, ok := ap.index[w]
		if !ok {
			r = worddiff.Rune(len(ap.count))
			ap.index[w] = r
			ap.count = append(ap.count, 0)
		}
		ap.count[worddiff.Index(r)]++
		ap.runes[i] = r
	}
	return ap
}

// encode maps found words to runes: a word of the approved text to its
// rune, any other to a rune past them, one per distinct word. The diff
// compares runes only for equality, so this gives the same diff as
// numbering all words afresh (as worddiff.Words does).
func (ap *approvedText) encode(found []word) []rune {
	rs := make([]rune, len(found))
	var extra map[string]rune // words not in the approved text; few
	for i, w := range found {
		r, ok := ap.index[w.text]
		if !ok {
			if r, ok = extra[w.text]; !ok {
				if extra == nil {
					extra = map[string]rune{}
				}
				r = worddiff.Rune(len(ap.count) + len(extra))
				extra[w.text] = r
			}
		}
		rs[i] = r
	}
	return rs
}

// diff is the rune diff of the approved text against found runes.
func (ap *approvedText) diff(found []rune) []diffmatchpatch.Diff {
	return worddiff.Runes(ap.runes, found)
}

// hunk is one change of a word diff: approved words a[as:ae] replaced by
// found words b[bs:be] (either may be empty).
type hunk struct {
	as, ae, bs, be int
}

// runeHunks turns a diff of word runes (approvedText.diff) into changes:
// each rune is one word.
func runeHunks(ds []diffmatchpatch.Diff) []hunk {
	return hunksBy(ds, func(d diffmatchpatch.Diff) int { return utf8.RuneCountInString(d.Text) })
}

// hunksBy turns a diff into changes, reading each diff's length in words
// with words.
func hunksBy(ds []diffmatchpatch.Diff, words func(diffmatchpatch.Diff) int) []hunk {
	var hs []hunk
	ai, bi := 0, 0
	var cur *hunk
	for _, d := range ds {
		n := words(d)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			if cur != nil {
				hs = append(hs, *cur)
				cur = nil
			}
			ai += n
			bi += n
		case diffmatchpatch.DiffDelete:
			if cur == nil {
				cur = &hunk{ai, ai, bi, bi}
			}
			ai += n
			cur.ae = ai
		case diffmatchpatch.DiffInsert:
			if cur == nil {
				cur = &hunk{ai, ai, bi, bi}
			}
			bi += n
			cur.be = bi
		}
	}
	if cur != nil {
		hs = append(hs, *cur)
	}
	return hs
}

func changedWords(hs []hunk) int {
	n := 0
	for _, h := range hs {
		n += max(h.ae-h.as, h.be-h.bs)
	}
	return n
}

// comparison is a found paragraph held to one approved paragraph.
type comparison struct {
	bp    *rules.Boilerplate
	found []word // the found words compared, trailing run-on dropped
	hs    []hunk
	a     []string
}

// compare diffs the found words from the approved opening onwards with bp.
// Found text is cut a little past the approved length, and words that run
// on after the approved text ended are not a difference.
func compare(ap *approvedText, found []word) comparison {
	bp := ap.bp
	a := ap.words
	if startsWith(found, a) {
		// The approved text word for word (nearly every letter): the diff
		// would be that text, then the run-on words dropped below.
		return comparison{bp: bp, found: found[:len(a)], a: a}
	}
	limit := len(a) + max(5, len(a)/10)
	if len(found) > limit {
		found = found[:limit]
	}
	hs := runeHunks(ap.diff(ap.encode(found)))
	if n := len(hs); n > 0 {
		last := hs[n-1]
		if last.as == len(a) && last.ae == len(a) && last.be == len(found) {
			// Only insertions after the whole approved text matched: the
			// next paragraph, run on without a blank line.
			found = found[:last.bs]
			hs = hs[:n-1]
		}
	}
	return comparison{bp: bp, found: found, hs: hs, a: a}
}

// startsWith reports whether the words ws start with the words a.
func startsWith(ws []word, a []string) bool {
	if len(ws) < len(a) {
		return false
	}
	for i, w := range a {
		if ws[i].text != w {
			return false
		}
	}
	return true
}

// openingAt reports whether the words ws[i:] start with the opening.
func openingAt(ws []word, i int, opening []string) bool {
	if i+len(opening) > len(ws) {
		return false
	}
	for k, o := range opening {
		if ws[i+k].text != o {
			return false
		}
	}
	return true
}

func runBoilerplateDrift(p *Pass) {
	if p.Rules == nil || len(p.Rules.Boilerplate) == 0 {
		return
	}
	all := approvedTexts(p.Rules)
	approvedSection := func(name string) bool {
		for _, ap := range all {
			if strings.EqualFold(ap.bp.Section, name) {
				return true
			}
		}
		return false
	}
	for _, sp := range sectionRuns(p.Letter, approvedSection) {
		var approved []*approvedText
		for _, ap := range all {
			if strings.EqualFold(ap.bp.Section, sp.section) {
				approved = append(approved, ap)
			}
		}
		if len(approved) == 0 {
			continue
		}
		for _, lines := range sp.paragraphs {
			driftIn(p, lines, approved)
		}
	}
}

// driftIn compares the approved paragraphs with every place of the
// paragraph made of lines that opens like one of them.
func driftIn(p *Pass, lines []text.Line, approved []*approvedText) {
	if approvedVerbatim(text.Join(lines).Text, approved) {
		return
	}
	buf := wordBufs.Get().(*[]word)
	defer putWords(buf)
	ws := linesWords((*buf)[:0], lines)
	*buf = ws
	matched := false
	for i := 0; i < len(ws); i++ {
		best := bestAt(ws, i, approved)
		if best == nil {
			continue
		}
		matched = true
		if len(best.hs) > 0 {
			reportDrift(p, text.Join(lines), best)
		}
		i += max(len(best.found), 1) - 1
	}
	if matched || len(ws) == 0 {
		return
	}
	// A paragraph whose opening changed: held to an approved paragraph
	// when nearly all of it is that paragraph's wording.
	var best *comparison
	for _, ap := range approved {
		// A word diff is costly; most paragraphs share too few words with
		// the approved one to be compared at all, which a count tells.
		if !mayBeSimilar(ap, ws) {
			continue
		}
		c := compare(ap, ws)
		if len(c.a) < minSimilarWords || changedWords(c.hs)*100 > len(c.a)*(100-similarPercent) {
			continue
		}
		if best == nil || changedWords(c.hs) < changedWords(best.hs) {
			best = &c
		}
	}
	if best != nil && len(best.hs) > 0 {
		reportDrift(p, text.Join(lines), best)
	}
}

// approvedVerbatim reports whether a paragraph of text t has nothing for
// driftIn to report because it is an approved paragraph word for word, so
// that its words need not be read. It is when t is one's joined words and
// the first approved paragraph bestAt would take at the first word (one
// that opens there and whose words start the paragraph) is as long: then
// driftIn finds no change there and no words after it.
func approvedVerbatim(t string, approved []*approvedText) bool {
	for _, ap := range approved {
		if t != ap.joined {
			continue
		}
		ws := ap.asFound
		for _, first := range approved {
			if opensAt(first, ws, 0) && startsWith(ws, first.words) {
				return len(first.words) == len(ws)
			}
		}
		return false
	}
	return false
}

// wordBufs hold the word lists of paragraphs: a letter's paragraphs are
// split into words only to be compared, and those lists were a fifth of
// the bytes the checks allocated.
var wordBufs = sync.Pool{New: func() any { return new([]word) }}

// putWords returns buf to the pool unless a huge paragraph grew it: a
// 16 MiB one-paragraph file makes a list of millions of words, which the
// pool would otherwise keep.
func putWords(buf *[]word) {
	if cap(*buf) <= 1<<14 {
		wordBufs.Put(buf)
	}
}

// bestAt compares the words from ws[i] on with each approved paragraph
// whose opening they start with, and returns the comparison with the
// fewest changed words (the first of equals), nil when none opens there.
func bestAt(ws []word, i int, approved []*approvedText) *comparison {
	// Words equal to an approved paragraph have no changed words, which no
	// other can beat, and any comparison without changed words is such an
	// equality: so the first equal paragraph is the best, and finding it
	// needs no diff. Nearly every letter carries the approved text.
	for _, ap := range approved {
		if opensAt(ap, ws, i) && startsWith(ws[i:], ap.words) {
			c := compare(ap, ws[i:])
			return &c
		}
	}
	var best *comparison
	for _, ap := range approved {
		if !opensAt(ap, ws, i) {
			continue
		}
		c := compare(ap, ws[i:])
		if best == nil || changedWords(c.hs) < changedWords(best.hs) {
			best = &c
		}
	}
	return best
}

// opensAt reports whether the words ws[i:] open like the approved
// paragraph.
func opensAt(ap *approvedText, ws []word, i int) bool {
	return len(ap.opening) > 0 && openingAt(ws, i, ap.opening)
}

const (
	// similarPercent is how much of an approved paragraph's wording a
	// paragraph with another opening must keep to be compared with it.
	similarPercent = 80
	// minSimilarWords: shorter approved paragraphs are compared only with
	// paragraphs that open like them.
	minSimilarWords = 10
)

// mayBeSimilar reports whether the paragraph's words ws hold enough of the
// approved words for the paragraph to keep similarPercent of them: each
// approved word counts as often as both hold it.
func mayBeSimilar(ap *approvedText, ws []word) bool {
	n := len(ap.words)
	// Fewer words than that share too few, whatever they are.
	if n < minSimilarWords || len(ws)*100 < n*similarPercent {
		return false
	}
	left := slices.Clone(ap.count)
	have := 0
	for _, w := range ws {
		if r, ok := ap.index[w.text]; ok {
			if k := worddiff.Index(r); left[k] > 0 {
				left[k]--
				have++
			}
		}
	}
	return have*100 >= n*similarPercent
}

// approvedTexts are the set's approved paragraphs, each split into words
// once per rule set (kept with it by rules.Set.Derived): they are compared
// with every paragraph of every letter, and splitting them each time was a
// measurable part of a run.
func approvedTexts(set *rules.Set) []*approvedText {
	return set.Derived(approvedKey{}, func() any {
		all := make([]*approvedText, len(set.Boilerplate))
		for i := range set.Boilerplate {
			all[i] = newApproved(&set.Boilerplate[i])
		}
		return all
	}).([]*approvedText)
}

// approvedKey is approvedTexts' key in rules.Set.Derived.
type approvedKey struct{}

func newApproved(bp *rules.Boilerplate) *approvedText {
	ap := newApprovedText(strings.Fields(bp.Text))
	ap.bp = bp
	ap.opening = strings.Fields(bp.Opening())
	ap.joined = strings.Join(ap.words, " ")
	ap.asFound = make([]word, len(ap.words))
	for i, w := range ap.words {
		ap.asFound[i].text = w
	}
	return ap
}

func reportDrift(p *Pass, b text.Block, c *comparison) {
	found := c.found
	span := func(from, to int) finding.Span {
		return b.Span(found[from].s, found[to-1].e)
	}
	first := c.hs[0]
	var at finding.Span
	switch {
	case first.be > first.bs:
		at = span(first.bs, first.be)
	case first.bs < len(found):
		at = span(first.bs, first.bs+1) // approved words missing before this one
	default:
		at = span(len(found)-1, len(found)) // missing at the end
	}
	var parts []string
	for k, h := range c.hs {
		if k == 4 {
			parts = append(parts, fmt.Sprintf("and %d more", len(c.hs)-k))
			break
		}
		parts = append(parts, describeHunk(c.a, found, h))
	}
	n := changedWords(c.hs)
	verb := "words differ"
	if n == 1 {
		verb = "word differs"
	}
	f := p.Reportf(at, "%d %s from approved boilerplate %s: %s", n, verb, c.bp.ID, strings.Join(parts, ", "))
	where := c.bp.Source
	if c.bp.File != "" && c.bp.Line > 0 {
		where = fmt.Sprintf("%s:%d", c.bp.File, c.bp.Line)
	}
	f.Related = []finding.Related{{Span: span(0, len(found)), Message: fmt.Sprintf("the paragraph compared with approved boilerplate %s (%s)", c.bp.ID, where)}}
	// The word diff of the whole paragraph, for the text report to show.
	f.Drift = &finding.Drift{Approved: c.bp.ID, Diff: worddiff.Words(c.a, wordTexts(found))}
	for _, h := range c.hs[1:] {
		var s finding.Span
		switch {
		case h.be > h.bs:
			s = span(h.bs, h.be)
		case h.bs < len(found):
			s = span(h.bs, h.bs+1)
		default:
			s = span(len(found)-1, len(found))
		}
		f.Related = append(f.Related, finding.Related{Span: s, Message: describeHunk(c.a, found, h)})
	}
}

// describeHunk renders a change as "-'five' +'three'".
func describeHunk(a []string, found []word, h hunk) string {
	var parts []string
	if h.ae > h.as {
		parts = append(parts, "-'"+clip(strings.Join(a[h.as:h.ae], " "))+"'")
	}
	if h.be > h.bs {
		parts = append(parts, "+'"+clip(strings.Join(wordTexts(found[h.bs:h.be]), " "))+"'")
	}
	return strings.Join(parts, " ")
}

func clip(s string) string {
	if len(s) <= 48 {
		return s
	}
	cut := 45
	for cut > 20 && s[cut] != ' ' {
		cut--
	}
	return s[:cut] + "..."
}

// sectionRun is one section's paragraphs, each a run of the letter's
// lines.
type sectionRun struct {
	section    string
	paragraphs [][]text.Line
}

// sectionRuns splits the sections want accepts (nil: all) into paragraphs
// (runs of lines between blank lines, the heading excluded), left as runs
// of lines: joining every paragraph of a letter is costly, and only the sections
// with approved boilerplate are compared. Heading lines are found by their
// start offset, as a search: reading the offset of every line of a letter
// cost more than the rest.
func sectionRuns(l *letter.Letter, want func(string) bool) []sectionRun {
	lines := l.Doc.Lines
	hs := headingsByStart(l.Sections)
	var out []sectionRun
	for k, h := range hs {
		if want != nil && !want(h.name) {
			continue
		}
		n := lineStarting(lines, h.start)
		if n < 0 {
			continue // a heading that starts no line starts no section
		}
		// The section ends at the next heading that starts a line.
		end := len(lines)
		for _, next := range hs[k+1:] {
			if m := lineStarting(lines, next.start); m >= 0 {
				end = m
				break
			}
		}
		out = append(out, sectionRun{section: h.name, paragraphs: paragraphRuns(lines[n+1 : end])})
	}
	return out
}

// paragraphRuns splits lines at paragraph breaks.
func paragraphRuns(lines []text.Line) [][]text.Line {
	var out [][]text.Line
	from := 0
	for i := range lines {
		if lines[i].Break {
			if i > from {
				out = append(out, lines[from:i])
			}
			from = i + 1
		}
	}
	if len(lines) > from {
		out = append(out, lines[from:])
	}
	return out
}

// heading is a section heading's start offset and the section's name.
type heading struct {
	start int
	name  string
}

// headingsByStart orders the headings by start offset. Of several that
// start at one offset, the last section's stands, as in a map filled in
// order.
func headingsByStart(ss []letter.Section) []heading {
	hs := make([]heading, len(ss))
	for i := range ss {
		hs[i] = heading{ss[i].Heading.Start, ss[i].Name}
	}
	sort.SliceStable(hs, func(a, b int) bool { return hs[a].start < hs[b].start })
	out := hs[:0]
	for i, h := range hs {
		if i+1 < len(hs) && hs[i+1].start == h.start {
			continue
		}
		out = append(out, h)
	}
	return out
}

// lineStarting is the index of the text line whose first character is at
// offset start, -1 when none is. Text lines are in file order (text.New),
// so their start offsets rise; break lines have none and are stepped over.
func lineStarting(lines []text.Line, start int) int {
	// firstStart is the start of the first text line at or after i.
	firstStart := func(i int) (int, int) {
		for ; i < len(lines); i++ {
			if !lines[i].Break {
				return lines[i].Start(), i
			}
		}
		return math.MaxInt, len(lines)
	}
	i := sort.Search(len(lines), func(i int) bool {
		s, _ := firstStart(i)
		return s >= start
	})
	if s, n := firstStart(i); s == start {
		return n
	}
	return -1
}
