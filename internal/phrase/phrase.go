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
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/ascii"
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
	// Letters run about six bytes a token; a fifth, plus two for the many
	// short texts, is enough nearly always, and growing copies every token.
	toks := make([]Token, 0, len(s)/5+2)
	var low lowerer
	for i := 0; i < len(s); {
		c := s[i]
		// ASCII is nearly all of a letter; it avoids rune decoding.
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case lowerOrDigit, upper:
				j, first := asciiWordEnd(s, i)
				raw := s[i:j]
				switch {
				case first < 0:
					toks = add(toks, raw, raw, i, j)
				case first < len(raw):
					toks = add(toks, low.lower(raw, len(s)-i), raw, i, j)
				default:
					toks = add(toks, strings.ToLower(raw), raw, i, j)
				}
				i = j
			case symbol:
				toks = add(toks, s[i:i+1], s[i:i+1], i, i+1)
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
			toks = add(toks, lower(s[i:j]), s[i:j], i, j)
			i = j
			continue
		}
		i += size
	}
	return toks
}

// add appends a token, storing its fields in place: appending a Token
// value moved it under the garbage collector's bulk write barrier, several
// times dearer than the barriers of plain field stores.
func add(toks []Token, text, raw string, start, end int) []Token {
	if len(toks) == cap(toks) {
		toks = slices.Grow(toks, 1)
	}
	toks = toks[:len(toks)+1]
	t := &toks[len(toks)-1]
	t.Text, t.Raw, t.Start, t.End = text, raw, start, end
	return toks
}

// asciiWordEnd returns the end of the word that begins with the ASCII
// letter or digit at s[i], and how it must be lower-cased: first is -1
// when it need not be, the word's length when it holds non-ASCII
// (strings.ToLower), else the offset in the word of its first capital.
// Reading the case while finding the end saves a second pass over the word.
func asciiWordEnd(s string, i int) (end, first int) {
	first = -1
	nonASCII := false
	j := i
	for j < len(s) {
		d := s[j]
		switch asciiClass[d] {
		case lowerOrDigit:
			j++
			continue
		case upper:
			if first < 0 {
				first = j - i
			}
			j++
			continue
		case other:
			if d >= utf8.RuneSelf {
				r, sz := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				nonASCII = true
				j += sz
				continue
			}
			// "worker's" is one word.
			if d == '\'' && j+1 < len(s) && ascii.IsLetter(s[j+1]) {
				j++
				continue
			}
		}
		break
	}
	if nonASCII {
		first = j - i
	}
	return j, first
}

// lowerer lower-cases a text's capitalised ASCII words side by side into
// one buffer: a string each would be an allocation each. A strings.Builder
// never changes bytes once written, so each word's string can be taken as
// soon as it is written.
type lowerer struct {
	b strings.Builder
}

// lower returns the ASCII word w lower-cased. rest, the length of the
// text from w on, sizes the buffer: about an eighth of a letter is in
// capitalised words.
func (l *lowerer) lower(w string, rest int) string {
	if l.b.Cap() == 0 {
		l.b.Grow(rest/8 + 16)
	}
	from := l.b.Len()
	// A word is lower-cased on the stack and written once: a Builder
	// call per capital cost more than the rest of tokenizing the word.
	var buf [32]byte
	b := buf[:0]
	if len(w) > len(buf) {
		b = make([]byte, 0, len(w))
	}
	b = append(b, w...)
	for i, c := range b {
		if asciiClass[c] == upper {
			b[i] = c + ('a' - 'A')
		}
	}
	l.b.Write(b)
	return l.b.String()[from:]
}

// Byte classes for the tokenizer; every byte from utf8.RuneSelf up is
// other.
const (
	other = iota
	lowerOrDigit
	upper
	symbol // "/", "-" and "&", tokens of their own
)

var asciiClass = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = lowerOrDigit
		case c >= 'A' && c <= 'Z':
			t[c] = upper
		case c == '/' || c == '-' || c == '&':
			t[c] = symbol
		}
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

// A Matcher's phrases make a trie of words. Its edges (parent node and
// word, to child node) are kept in one open-addressed table under a cheap
// hash of a few of the word's bytes: a Go string map per node hashed every
// word in full and probed its groups, the dearest part of matching.
type node struct {
	entry int // index+1 of the phrase's entry; 0 when no phrase ends here
	// exact, for an abbreviation, are the tokens as written that alone
	// match it.
	exact []string
	// more: some phrase goes on past this node.
	more bool
}

// Matcher matches a fixed set of phrases, each tagged with an entry number.
type Matcher struct {
	nodes []node // nodes[0] is the root, once a phrase is added
	edges edgeTable
	n     int
	// starts has bit min(len, 63) of starts[b] set for every first word
	// of a phrase that begins with byte b, and firsts the bit
	// wordHash(w)%firstBits for every first word w: most words of a text
	// begin no phrase, and starts tells most of them for two loads, firsts
	// nearly all the others for a hash.
	starts [256]uint64
	firsts [firstBits / 64]uint64
}

// firstBits is the size of Matcher.firsts: some twenty times the first
// words of the largest vocabulary, so that few other words pass.
const firstBits = 8192

// edgeTable maps (parent node, word) to the child node, by linear probing.
// tags holds for each slot 0 when it is empty, else seven bits of the
// key's hash with the top bit set: a probe reads the small tags array and
// compares words only where a tag agrees.
type edgeTable struct {
	tags  []uint8
	edges []edge
	shift uint // 64 - log2(len(tags))
	n     int
}

type edge struct {
	word          string
	parent, child int32
}

// wordHash mixes a word's length and four of its bytes: words of a
// vocabulary rarely agree on all of them, and reading a few bytes is
// cheaper than hashing the whole word.
func wordHash(w string) uint64 {
	n := len(w)
	if n == 0 {
		return 0
	}
	x := uint64(n) | uint64(w[0])<<8 | uint64(w[n-1])<<16 | uint64(w[n/2])<<24 | uint64(w[(n-1)/3])<<32
	return (x ^ x>>29) * 0x9E3779B97F4A7C15
}

// slot returns the first slot and the tag of the edge from parent by a
// word of hash h.
func (t *edgeTable) slot(h uint64, parent int32) (int, uint8) {
	h = (h ^ uint64(parent)*0xC2B2AE3D27D4EB4F) * 0x165667B19E3779F9
	return int(h >> t.shift), uint8(h>>(t.shift-7)) | 0x80
}

// child returns the node reached from parent by word w of hash h, or 0
// for none (the root is no node's child).
func (t *edgeTable) child(parent int32, w string, h uint64) int32 {
	if t.n == 0 {
		return 0
	}
	i, tag := t.slot(h, parent)
	mask := len(t.tags) - 1
	for {
		switch t.tags[i] {
		case 0:
			return 0
		case tag:
			if e := &t.edges[i]; e.parent == parent && e.word == w {
				return e.child
			}
		}
		i = (i + 1) & mask
	}
}

// insert adds an edge not yet in the table. The table is kept at most a
// quarter full, so that most words not in it meet an empty slot at once.
func (t *edgeTable) insert(e edge) {
	if 4*(t.n+1) > len(t.tags) {
		t.resize(max(16, 2*len(t.tags)))
	}
	i, tag := t.slot(wordHash(e.word), e.parent)
	mask := len(t.tags) - 1
	for t.tags[i] != 0 {
		i = (i + 1) & mask
	}
	t.tags[i], t.edges[i] = tag, e
	t.n++
}

func (t *edgeTable) resize(size int) {
	old := t.edges
	oldTags := t.tags
	t.tags = make([]uint8, size)
	t.edges = make([]edge, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	t.n = 0
	for i, tag := range oldTags {
		if tag != 0 {
			t.insert(old[i])
		}
	}
}

// startBit is the bit of starts for a first word of w's length.
func startBit(w string) uint64 { return 1 << min(len(w), 63) }

// mayStartWith reports whether a phrase can begin with a word of w's
// first byte and length.
func (m *Matcher) mayStartWith(w string) bool {
	return w != "" && m.starts[w[0]]&startBit(w) != 0
}

// mayStart reports whether a phrase can begin with a word of hash h.
func (m *Matcher) mayStart(h uint64) bool {
	b := h % firstBits
	return m.firsts[b/64]&(1<<(b%64)) != 0
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
	if m.nodes == nil {
		m.nodes = []node{{}}
	}
	m.starts[toks[0].Text[0]] |= startBit(toks[0].Text)
	b := wordHash(toks[0].Text) % firstBits
	m.firsts[b/64] |= 1 << (b % 64)
	n := int32(0)
	for _, t := range toks {
		c := m.edges.child(n, t.Text, wordHash(t.Text))
		if c == 0 {
			c = int32(len(m.nodes))
			m.nodes = append(m.nodes, node{})
			m.nodes[n].more = true
			m.edges.insert(edge{word: t.Text, parent: n, child: c})
		}
		n = c
	}
	if nd := &m.nodes[n]; nd.entry == 0 {
		nd.entry = entry + 1
		if isAbbrev(p) {
			nd.exact = rawTexts(toks)
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
		if !m.mayStartWith(toks[i].Text) {
			i++
			continue
		}
		h := wordHash(toks[i].Text)
		if !m.mayStart(h) {
			i++
			continue
		}
		best, bestEnd := 0, -1
		n := int32(0)
		for j := i; j < len(toks) && m.nodes[n].more; j++ {
			if j > i {
				h = wordHash(toks[j].Text)
			}
			c := m.edges.child(n, toks[j].Text, h)
			if c == 0 {
				break
			}
			n = c
			if nd := &m.nodes[n]; nd.entry != 0 && (nd.exact == nil || sameRaw(nd.exact, toks[i:j+1])) {
				best, bestEnd = nd.entry, j
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
