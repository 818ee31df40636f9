package letter

import (
	"regexp"
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
)

// Hand-written forms of the line patterns that run on every line of a
// letter: section headings, paragraph labels and an item header's closing
// decision. Each says, in the comment above it, the pattern it stands for;
// the pattern itself is kept, and still runs for letters that are not all
// ASCII (see ascii.go). match_test.go compares each with its pattern over
// every line of thousands of generated letters and edge cases.

// headingPhrases are the lines headingREs accept, lower-cased and without
// their optional closing colon, with the canonical section name of each.
// The patterns are finite: spelled out, a heading is one map look-up.
var headingPhrases = map[string]string{}

// maxHeading is the length of the longest heading phrase.
var maxHeading int

func init() {
	add := func(name string, phrases ...string) {
		for _, ph := range phrases {
			headingPhrases[ph] = name
			maxHeading = max(maxHeading, len(ph))
		}
	}
	add(SecHow, "how the final determination was made", "how the imr final determination was made")
	add(SecSummary, "clinical case summary")
	for _, c1 := range []string{"", ","} {
		for _, c2 := range []string{"", ","} {
			for _, s := range []string{"", "s"} {
				add(SecIssues, "imr issues"+c1+" decisions"+c2+" and rationale"+s)
			}
		}
	}
	add(SecNotice, "notice of independent medical review determination")
	add(SecDocs, "documents reviewed", "medical records reviewed")
	add(SecRationale, "rationale", "statement of the determination", "expert reviewer's decision and rationale",
		"expert reviewers decision and rationale", "expert reviewer analysis and rationale")
}

// headingFast is headingREs for ASCII s: the canonical name of the heading
// s is, or "".
func headingFast(s string) string {
	s = strings.TrimSuffix(s, ":")
	if len(s) == 0 || len(s) > maxHeading {
		return ""
	}
	// Every heading starts with one of these letters; most lines do not.
	switch s[0] | 0x20 {
	case 'h', 'c', 'i', 'n', 'd', 'm', 'r', 's', 'e':
	default:
		return ""
	}
	var buf [64]byte
	lb := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		lb[i] = ascii.Lower(s[i])
	}
	return headingPhrases[string(lb)]
}

// heading is the canonical name of the section heading s is, or "".
func (p *parser) heading(s string) string {
	if p.ascii {
		return headingFast(s)
	}
	for _, h := range headingREs {
		if h.re.MatchString(s) {
			return h.name
		}
	}
	return ""
}

// isHeading reports whether s is a section heading.
func (p *parser) isHeading(s string) bool { return p.heading(s) != "" }

// label is a paragraph label: its pattern, and the same pattern written out
// for ASCII text. Both give the end of the label, or -1.
type label struct {
	re   *regexp.Regexp
	fast func(s string) int
}

func (p *parser) labelEnd(lb label, s string) int {
	if p.ascii {
		return lb.fast(s)
	}
	if m := lb.re.FindStringIndex(s); m != nil {
		return m[1]
	}
	return -1
}

var (
	claimsLabel    = label{claimsLabelRE, claimsLabelFast}
	maximusLabel   = label{maximusLabelRE, maximusLabelFast}
	rationaleLabel = label{rationaleLabelRE, rationaleLabelFast}
	introLabel     = label{introRE, introFast}
	guideline2013  = label{guideline2013RE, guideline2013Fast}
	rationale2013  = label{rationale2013RE, rationale2013Fast}

	labels2014 = []label{claimsLabel, maximusLabel, rationaleLabel}
	labels2013 = []label{guideline2013, rationale2013}
	allLabels  = []label{claimsLabel, maximusLabel, rationaleLabel, guideline2013, rationale2013, introLabel}
)

// colonEnd reads `\s*:` at s[i:]: the end of the colon, or -1.
func colonEnd(s string, i int) int {
	for i < len(s) && isSpaceRE(s[i]) {
		i++
	}
	if i < len(s) && s[i] == ':' {
		return i + 1
	}
	return -1
}

// optS skips an optional "s" or "S" at s[i:].
func optS(s string, i int) int {
	if i < len(s) && s[i]|0x20 == 's' {
		return i + 1
	}
	return i
}

// claimsLabelFast is `(?i)^Claims Administrator guidelines?\s*:`.
func claimsLabelFast(s string) int {
	const lit = "claims administrator guideline"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, optS(s, len(lit)))
}

// maximusLabelFast is `(?i)^MAXIMUS guidelines?\s*:`.
func maximusLabelFast(s string) int {
	const lit = "maximus guideline"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, optS(s, len(lit)))
}

// rationaleLabelFast is `(?i)^Decision rationale\s*:`.
func rationaleLabelFast(s string) int {
	const lit = "decision rationale"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, len(lit))
}

// introFast is `(?i)^The Final Determination was based on decisions`.
func introFast(s string) int {
	const lit = "the final determination was based on decisions"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return len(lit)
}

// guideline2013Fast is `(?i)^Medical Treatment Guidelines?(?:\(s\))?
// relied upon by the Expert Reviewer\s*:`.
func guideline2013Fast(s string) int {
	const lit, rest = "medical treatment guideline", " relied upon by the expert reviewer"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	i := optS(s, len(lit))
	if ascii.HasPrefixFold(s[i:], "(s)") {
		i += 3
	}
	if !ascii.HasPrefixFold(s[i:], rest) {
		return -1
	}
	return colonEnd(s, i+len(rest))
}

// rationale2013Fast is `(?i)^Rationale Used by the Expert Reviewer\s*:`.
func rationale2013Fast(s string) int {
	const lit = "rationale used by the expert reviewer"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, len(lit))
}

// decisionEndFast is decisionEndRE for ASCII s:
//
//	(?i)(?:^|:)\s*(Upheld|Overturned|Partially Overturned|\{\{[^{}]*\}\}|
//	\[\[[^\[\]]*\]\]|<<[^<>]*>>|«[^«»]*»|\[INSERT\b[^\]]*\])\s*\.?$
//
// It returns the start of the whole match and the decision's range. The
// match starts at the start of s or at a colon, the leftmost that works;
// "«" is not ASCII and so never found here.
func decisionEndFast(s string) (at, start, end int, ok bool) {
	for from := -1; ; {
		i := from + 1
		for i < len(s) && isSpaceRE(s[i]) {
			i++
		}
		if e := decisionWordEnd(s, i); e >= 0 && onlyDotAfter(s, e) {
			return max(from, 0), i, e, true
		}
		next := strings.IndexByte(s[from+1:], ':')
		if next < 0 {
			return 0, 0, 0, false
		}
		from += 1 + next
	}
}

// decisionWordEnd reads a decision word or a template field at s[i:]: its
// end, or -1.
func decisionWordEnd(s string, i int) int {
	if i >= len(s) {
		return -1
	}
	rest := s[i:]
	switch rest[0] | 0x20 {
	case 'u':
		if ascii.HasPrefixFold(rest, "upheld") {
			return i + 6
		}
	case 'o':
		if ascii.HasPrefixFold(rest, "overturned") {
			return i + 10
		}
	case 'p':
		if ascii.HasPrefixFold(rest, "partially overturned") {
			return i + 20
		}
	}
	switch {
	case strings.HasPrefix(rest, "{{"):
		return pairedEnd(s, i+2, '{', '}')
	case strings.HasPrefix(rest, "[["):
		return pairedEnd(s, i+2, '[', ']')
	case strings.HasPrefix(rest, "<<"):
		return pairedEnd(s, i+2, '<', '>')
	case ascii.HasPrefixFold(rest, "[insert"):
		// `\[INSERT\b[^\]]*\]`
		j := i + 7
		if j < len(s) && isWord(s[j]) {
			return -1
		}
		if k := strings.IndexByte(s[j:], ']'); k >= 0 {
			return j + k + 1
		}
	}
	return -1
}

// pairedEnd reads `[^oc]*cc` at s[i:] (the inside and close of "{{...}}"):
// its end, or -1.
func pairedEnd(s string, i int, o, c byte) int {
	for j := i; j < len(s); j++ {
		switch s[j] {
		case o:
			return -1
		case c:
			if j+1 < len(s) && s[j+1] == c {
				return j + 2
			}
			return -1
		}
	}
	return -1
}

// onlyDotAfter reports whether s[i:] is `\s*\.?`.
func onlyDotAfter(s string, i int) bool {
	for i < len(s) && isSpaceRE(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
	}
	return i == len(s)
}

// decisionEnd is decisionEndRE's match: its start and the decision word's
// range.
func (p *parser) decisionEnd(s string) (at, start, end int, ok bool) {
	if p.ascii {
		return decisionEndFast(s)
	}
	m := decisionEndRE.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, 0, 0, false
	}
	return m[0], m[2], m[3], true
}

// sentenceEnd is sentenceEndRE, `[.!?:;]["')]?$`: the line ends a
// sentence. It reads bytes, and no byte of a multi-byte character is ASCII,
// so it holds for any text.
func sentenceEnd(s string) bool {
	n := len(s)
	if n > 0 && (s[n-1] == '"' || s[n-1] == '\'' || s[n-1] == ')') {
		if n > 1 && isSentencePunct(s[n-2]) {
			return true
		}
	}
	return n > 0 && isSentencePunct(s[n-1])
}

func isSentencePunct(c byte) bool {
	return c == '.' || c == '!' || c == '?' || c == ':' || c == ';'
}

// partialTail is partialTailRE, `(?i)(original request|authorized by the
// Claims Administrator|IMR eligible|Claims Administrator)\.$`.
func (p *parser) partialTail(s string) bool {
	if !p.ascii {
		return partialTailRE.MatchString(s)
	}
	if !strings.HasSuffix(s, ".") {
		return false
	}
	s = s[:len(s)-1]
	// "authorized by the Claims Administrator" ends in the last one.
	return hasSuffixFold(s, "original request") || hasSuffixFold(s, "imr eligible") || hasSuffixFold(s, "claims administrator")
}

// hasSuffixFold reports whether s ends with lower, ignoring ASCII case.
func hasSuffixFold(s, lower string) bool {
	return len(s) >= len(lower) && ascii.HasPrefixFold(s[len(s)-len(lower):], lower)
}

// trailingIsFast is trailingIsRE for ASCII s, `(?i)[\s,]+is:?\s*$|:\s*$`:
// the start of the leftmost match, or -1. Both alternatives end the
// string, so the match is found from the end: a colon before trailing
// space, or "is" (a colon may follow) after a run of spaces and commas,
// from the start of that run.
func trailingIsFast(s string) int {
	e := len(s)
	for e > 0 && isSpaceRE(s[e-1]) {
		e--
	}
	at := -1
	if e > 0 && s[e-1] == ':' {
		at = e - 1
	}
	u := e
	if u > 0 && s[u-1] == ':' {
		u--
	}
	if u >= 3 && hasSuffixFold(s[:u], "is") {
		r := u - 2
		for r > 0 && (isSpaceRE(s[r-1]) || s[r-1] == ',') {
			r--
		}
		if r < u-2 {
			at = r // before any colon
		}
	}
	return at
}

// trailingIs is trailingIsRE's match start, or -1.
func (p *parser) trailingIs(s string) int {
	if p.ascii {
		return trailingIsFast(s)
	}
	if loc := trailingIsRE.FindStringIndex(s); loc != nil {
		return loc[0]
	}
	return -1
}

// requestForEnd is the end of requestForRE's last match in s, or -1:
//
//	(?i)\b(?:the )?(?:request(?:ed)?|prescription|requests) (?:for|of)\s+|
//	\bthe requested\s+|\bthe (?:original|remaining) request,?\s*|\bregarding\s+
//
// As FindAll does, it looks for a match at each word start from the end of
// the last, the alternatives in their order.
func (p *parser) requestForEnd(s string) int {
	if !p.ascii {
		if locs := requestForRE.FindAllStringIndex(s, -1); locs != nil {
			return locs[len(locs)-1][1]
		}
		return -1
	}
	last := -1
	for i := 0; i < len(s); i++ {
		if i > 0 && isWord(s[i-1]) {
			continue // \b: every alternative starts with a letter
		}
		switch s[i] | 0x20 {
		case 't', 'r', 'p':
		default:
			continue
		}
		if e := requestForAt(s, i); e >= 0 {
			last = e
			i = e - 1
		}
	}
	return last
}

// requestForAt matches requestForRE's alternatives at s[i:], where a word
// starts: the end of the first that matches, or -1.
func requestForAt(s string, i int) int {
	// \b(?:the )?(?:request(?:ed)?|prescription|requests) (?:for|of)\s+
	j := i
	if ascii.HasPrefixFold(s[j:], "the ") {
		j += 4
	}
	for _, w := range [...]string{"requested", "request", "prescription", "requests"} {
		if ascii.HasPrefixFold(s[j:], w) {
			if e := forOfEnd(s, j+len(w)); e >= 0 {
				return e
			}
		}
	}
	// \bthe requested\s+
	if ascii.HasPrefixFold(s[i:], "the requested") {
		if e := spacesAfter(s, i+len("the requested")); e > i+len("the requested") {
			return e
		}
	}
	// \bthe (?:original|remaining) request,?\s*
	for _, w := range [...]string{"the original request", "the remaining request"} {
		if ascii.HasPrefixFold(s[i:], w) {
			e := i + len(w)
			if e < len(s) && s[e] == ',' {
				e++
			}
			return spacesAfter(s, e)
		}
	}
	// \bregarding\s+
	if ascii.HasPrefixFold(s[i:], "regarding") {
		if e := spacesAfter(s, i+len("regarding")); e > i+len("regarding") {
			return e
		}
	}
	return -1
}

// forOfEnd reads ` (?:for|of)\s+` at s[j:]: its end, or -1.
func forOfEnd(s string, j int) int {
	if j >= len(s) || s[j] != ' ' {
		return -1
	}
	j++
	for _, w := range [...]string{"for", "of"} {
		if ascii.HasPrefixFold(s[j:], w) {
			if e := spacesAfter(s, j+len(w)); e > j+len(w) {
				return e
			}
		}
	}
	return -1
}

// spacesAfter skips `\s*` from s[i:] and returns where it ends.
func spacesAfter(s string, i int) int {
	for i < len(s) && isSpaceRE(s[i]) {
		i++
	}
	return i
}

// isRegarding is regardingRE, which a line can match only when it starts
// with a digit ("1) Regarding the request for").
func isRegarding(s string) bool {
	if s == "" || !ascii.IsDigit(s[0]) {
		return false
	}
	if ascii.IsASCII(s) {
		return regardingFast(s)
	}
	return regardingRE.MatchString(s)
}

// numberPrefix is numberedRE, `^(\d{1,2})\)\s*`: the number of a numbered
// line ("2) ..."). It reads bytes and holds for any text.
func numberPrefix(s string) (string, bool) {
	k := 0
	for k < len(s) && k < 2 && ascii.IsDigit(s[k]) {
		k++
	}
	if k == 0 || k >= len(s) || s[k] != ')' {
		return "", false
	}
	return s[:k], true
}

// isNumbered reports whether numberedRE matches s.
func isNumbered(s string) bool {
	_, ok := numberPrefix(s)
	return ok
}

// dosing is dosingRE, `(?i)\b(take|takes|taking)\s*$`: the text before a
// quantity ends in a dosing verb ("take 1 tab").
func (p *parser) dosing(s string) bool {
	if !p.ascii {
		return dosingRE.MatchString(s)
	}
	e := len(s)
	for e > 0 && isSpaceRE(s[e-1]) {
		e--
	}
	for _, w := range [...]string{"take", "takes", "taking"} {
		if b := e - len(w); b >= 0 && ascii.HasPrefixFold(s[b:e], w) && (b == 0 || !isWord(s[b-1])) {
			return true
		}
	}
	return false
}

// nonMTUS is nonMTUSRE, `(?i)\bNon-?\s?MTUS\b`.
func (p *parser) nonMTUS(s string) bool {
	if !p.ascii {
		return nonMTUSRE.MatchString(s)
	}
	for from := 0; ; {
		k := ascii.IndexFold(s[from:], "non")
		if k < 0 {
			return false
		}
		i := from + k
		from = i + 1
		if i > 0 && isWord(s[i-1]) {
			continue
		}
		j := i + 3
		if j < len(s) && s[j] == '-' {
			j++
		}
		if j < len(s) && isSpaceRE(s[j]) {
			j++
		}
		if ascii.HasPrefixFold(s[j:], "mtus") && (j+4 == len(s) || !isWord(s[j+4])) {
			return true
		}
	}
}

// remainingEnd is the end of remainingRE's last match in s, or -1:
//
//	(?i)(?:The )?remaining IMR eligible portion of the original request,?\s*|The original request,?\s*
func (p *parser) remainingEnd(s string) int {
	if !p.ascii {
		if r := remainingRE.FindAllStringIndex(s, -1); r != nil {
			return r[len(r)-1][1]
		}
		return -1
	}
	last := -1
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c != 't' && c != 'r' {
			continue
		}
		if e := remainingAt(s, i); e >= 0 {
			last = e
			i = e - 1
		}
	}
	return last
}

// remainingAt matches remainingRE at s[i:]: its end, or -1. A "The " that
// "remaining ..." does not follow cannot be skipped, as "remaining" would
// then have to start with "T".
func remainingAt(s string, i int) int {
	const remaining, original = "remaining imr eligible portion of the original request", "the original request"
	var e int
	switch {
	case ascii.HasPrefixFold(s[i:], "the "+remaining):
		e = i + len("the "+remaining)
	case ascii.HasPrefixFold(s[i:], remaining):
		e = i + len(remaining)
	case ascii.HasPrefixFold(s[i:], original):
		e = i + len(original)
	default:
		return -1
	}
	if e < len(s) && s[e] == ',' {
		e++
	}
	return spacesAfter(s, e)
}
