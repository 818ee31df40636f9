// Package phrase finds vocabulary phrases in prose: the longest, leftmost,
// whole-word match of any of many phrases, in one pass over the text.
//
// Letters write one thing many ways ("EMG/NCV", "x-rays", "Physical
// Therapy"), so matching is on word tokens, case-insensitive, with "/", "-"
// and "&" kept as tokens of their own. Short all-capital abbreviations in the
// vocabulary ("PT", "OT", "L") match only in capitals, so that "pt" in a
// sentence or "l" in a spinal level is not read as a treatment or a side.
package phrase

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word of the text with its byte range.
type Token struct {
	Text       string // lower-cased
	Raw        string // as written
	Start, End int
}

// Tokenize splits s into word tokens: runs of letters and digits (with
// inner apostrophes), and the single characters / - &.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5)
	// ASCII words with capitals are lower-cased side by side into low,
	// made one string at the end: a word each would be an allocation each.
	// Their Text is left empty until then.
	var low []byte
	for i := 0; i < len(s); {
		c := s[i]
		// ASCII is nearly all of a letter; it avoids rune decoding.
		if c < utf8.RuneSelf {
			switch {
			case isASCIIWord(c):
				j := i + 1
				for j < len(s) {
					d := s[j]
					if d < utf8.RuneSelf {
						if isASCIIWord(d) {
							j++
							continue
						}
						// "worker's" is one word.
						if d == '\'' && j+1 < len(s) && isASCIILetter(s[j+1]) {
							j++
							continue
						}
						break
					}
					r, sz := utf8.DecodeRuneInString(s[j:])
					if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
						break
					}
					j += sz
				}
				t := Token{Raw: s[i:j], Start: i, End: j}
				if k := upperASCII(t.Raw); k < 0 {
					t.Text = t.Raw
				} else if k < len(t.Raw) {
					low = appendLowerASCII(low, t.Raw)
				} else {
					t.Text = strings.ToLower(t.Raw)
				}
				toks = append(toks, t)
				i = j
			case c == '/' || c == '-' || c == '&':
				toks = append(toks, Token{Text: s[i : i+1], Raw: s[i : i+1], Start: i, End: i + 1})
				i++
			default:
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				j += s2
			}
			toks = append(toks, Token{Text: lower(s[i:j]), Raw: s[i:j], Start: i, End: j})
			i = j
			continue
		}
		i += size
	}
	if len(low) > 0 {
		setLowered(toks, string(low))
	}
	return toks
}

// upperASCII reports how w must be lower-cased: -1 when it need not be,
// len(w) when it holds non-ASCII (strings.ToLower), else the index of its
// first ASCII capital (appendLowerASCII).
func upperASCII(w string) int {
	k := -1
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return len(w)
		}
		if k < 0 && c >= 'A' && c <= 'Z' {
			k = i
		}
	}
	return k
}

// appendLowerASCII appends the ASCII word w lower-cased.
func appendLowerASCII(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// setLowered gives the tokens left without Text theirs: the next
// len(Raw) bytes of low, in order.
func setLowered(toks []Token, low string) {
	for i := range toks {
		if toks[i].Text == "" {
			n := len(toks[i].Raw)
			toks[i].Text, low = low[:n], low[n:]
		}
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isASCIIWord(c byte) bool   { return asciiWord[c] }

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = isASCIILetter(byte(c)) || c >= '0' && c <= '9'
	}
	return t
}()

// lower lower-cases w, without allocating when it already is.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		if c >= 'A' && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

type node struct {
	next  map[string]*node
	entry int // index+1 of the phrase's entry; 0 when no phrase ends here
	// exact, for an abbreviation, are the tokens as written that alone
	// match it.
	exact []string
}

// Matcher matches a fixed set of phrases, each tagged with an entry number.
type Matcher struct {
	root node
	n    int
	// starts has bit min(len, 63) of starts[b] set for every first token
	// of a phrase, lower-cased, that begins with byte b: most words of a
	// text begin no phrase, and this tells without a map lookup.
	starts [256]uint64
}

// startBit is the bit of starts for a first token of w's length.
func startBit(w string) uint64 { return 1 << min(len(w), 63) }

// mayStart reports whether a phrase can begin with the token w.
func (m *Matcher) mayStart(w string) bool {
	return w != "" && m.starts[w[0]]&startBit(w) != 0
}

// Match is one phrase found in a text.
type Match struct {
	Entry      int // the entry the phrase was added with
	Start, End int // byte range in the text
}

// isAbbrev reports a phrase that must match in capitals only.
func isAbbrev(p string) bool {
	if len(p) > 4 {
		return false
	}
	letters := 0
	for _, r := range p {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// Add adds phrase p for entry. Adding the same phrase twice keeps the first
// entry.
func (m *Matcher) Add(p string, entry int) {
	toks := Tokenize(p)
	if len(toks) == 0 {
		return
	}
	m.starts[toks[0].Text[0]] |= startBit(toks[0].Text)
	n := &m.root
	for _, t := range toks {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[t.Text]
		if c == nil {
			c = &node{}
			n.next[t.Text] = c
		}
		n = c
	}
	if n.entry == 0 {
		n.entry = entry + 1
		if isAbbrev(p) {
			n.exact = rawTexts(toks)
		}
	}
	m.n++
}

func rawTexts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Raw
	}
	return out
}

// sameRaw reports whether the tokens are written as raw.
func sameRaw(raw []string, toks []Token) bool {
	if len(raw) != len(toks) {
		return false
	}
	for i, t := range toks {
		if t.Raw != raw[i] {
			return false
		}
	}
	return true
}

// Len is the number of phrases added.
func (m *Matcher) Len() int { return m.n }

// FindTokens returns the longest phrase starting at each position, leftmost
// first, without overlaps.
func (m *Matcher) FindTokens(toks []Token) []Match {
	var out []Match
	for i := 0; i < len(toks); {
		if !m.mayStart(toks[i].Text) {
			i++
			continue
		}
		best, bestEnd := 0, -1
		n := &m.root
		for j := i; j < len(toks) && n.next != nil; j++ {
			c := n.next[toks[j].Text]
			if c == nil {
				break
			}
			n = c
			if n.entry != 0 && (n.exact == nil || sameRaw(n.exact, toks[i:j+1])) {
				best, bestEnd = n.entry, j
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		out = append(out, Match{Entry: best - 1, Start: toks[i].Start, End: toks[bestEnd].End})
		i = bestEnd + 1
	}
	return out
}

// Find tokenizes s and returns its matches.
func (m *Matcher) Find(s string) []Match { return m.FindTokens(Tokenize(s)) }
