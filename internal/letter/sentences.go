package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/text"
)

// abbrevs end with a period that does not end a sentence.
var abbrevs = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "vs": true, "no": true, "e.g": true, "i.e": true, "etc": true, "approx": true, "st": true, "jr": true, "sr": true, "inc": true, "fig": true, "u.s": true, "p": true, "pp": true, "vol": true, "al": true, "ca": true, "ed": true, "ref": true}

// Sentences splits a block into sentences. A period ends a sentence when a
// space and a capital, digit or quote follow, and it is not the period of
// an abbreviation or an initial.
//
// The block is tokenized once and its tokens shared out among the
// sentences: only spaces lie between two sentences, and no token crosses a
// space, so each sentence's tokens are exactly those Tokenize would give it
// (offsets made relative to the sentence). One tokenization and one token
// slice per block, instead of one per sentence, halves the allocations of
// reading the prose.
func Sentences(b text.Block) []Sentence {
	t := b.Text
	// bounds are the sentences' [start, end) ranges; most blocks have few
	// enough that the array stays on the stack.
	var buf [48][2]int
	bounds := buf[:0]
	start := 0
	ends := sentenceEnds{t: t, dot: -1, question: -1, bang: -1}
	for i := ends.next(0); i < len(t); i = ends.next(i + 1) {
		c := t[i]
		j := i + 1
		for j < len(t) && (t[j] == '"' || t[j] == '\'' || t[j] == ')') {
			j++
		}
		if j < len(t) {
			if t[j] != ' ' || j+1 >= len(t) {
				continue
			}
			n := t[j+1]
			if !(n >= 'A' && n <= 'Z' || n >= '0' && n <= '9' || n == '"' || n == '(') {
				continue
			}
		}
		if c == '.' {
			w := i
			for w > start && t[w-1] != ' ' && t[w-1] != '(' {
				w--
			}
			if isAbbrevOrInitial(t[w:i]) {
				continue
			}
		}
		bounds = append(bounds, [2]int{start, j})
		start = j
		for start < len(t) && t[start] == ' ' {
			start++
		}
		i = start - 1
	}
	if start < len(t) {
		bounds = append(bounds, [2]int{start, len(t)})
	}
	if len(bounds) == 0 {
		return nil
	}
	toks := phrase.Tokenize(t)
	out := make([]Sentence, len(bounds))
	k := 0
	for n, bd := range bounds {
		s, e := bd[0], bd[1]
		first := k
		for k < len(toks) && toks[k].Start < e {
			toks[k].Start -= s
			toks[k].End -= s
			k++
		}
		// The full slice expression caps each sentence's tokens, so an
		// append to one never writes over the next sentence's.
		out[n] = Sentence{Block: b.Sub(s, e), Toks: toks[first:k:k]}
	}
	return out
}

// sentenceEnds finds the periods, question marks and exclamation marks of
// t with strings.IndexByte, rather than testing every byte; the places of
// the next of each are kept until passed.
type sentenceEnds struct {
	t                   string
	dot, question, bang int
}

// next is the index of the first '.', '?' or '!' at or after i, or len(t).
func (e *sentenceEnds) next(i int) int {
	if e.dot < i {
		e.dot = ascii.IndexByteFrom(e.t, i, '.')
	}
	if e.question < i {
		e.question = ascii.IndexByteFrom(e.t, i, '?')
	}
	if e.bang < i {
		e.bang = ascii.IndexByteFrom(e.t, i, '!')
	}
	return min(e.dot, e.question, e.bang)
}

// isAbbrevOrInitial reports whether word, the word before a period, is an
// abbreviation ("Dr", "e.g") or a single-letter initial, compared
// lower-cased. ASCII words are lower-cased in a stack buffer: no
// abbreviation is longer than maxAbbrev, and strings.ToLower allocated for
// every capitalised word before a period.
func isAbbrevOrInitial(word string) bool {
	if !ascii.IsASCII(word) {
		// strings.ToLower may change the length ("K", the Kelvin sign,
		// lower-cases to "k"): keep its exact reading.
		word = strings.ToLower(word)
		return abbrevs[word] || (len(word) == 1 && word[0] >= 'a' && word[0] <= 'z')
	}
	if len(word) == 1 {
		c := word[0] | 0x20
		return c >= 'a' && c <= 'z'
	}
	if len(word) > maxAbbrev {
		return false
	}
	var lb [maxAbbrev]byte
	for i := 0; i < len(word); i++ {
		lb[i] = ascii.Lower(word[i])
	}
	return abbrevs[string(lb[:len(word)])]
}

// maxAbbrev is the length of the longest abbreviation ("approx").
const maxAbbrev = 6

// subTokens returns the tokens of toks, a sentence's, that lie in
// [rs, re): what Tokenize would give for the sentence's text[rs:re] alone,
// offsets aside, when no token crosses rs or re (the tokenizer starts
// afresh between tokens, and a token's end depends on nothing past it but
// a letter after an apostrophe, which would have made it cross). It
// reports false when one crosses.
func subTokens(toks []phrase.Token, rs, re int) ([]phrase.Token, bool) {
	a := 0
	for a < len(toks) && toks[a].End <= rs {
		a++
	}
	if a < len(toks) && toks[a].Start < rs {
		return nil, false
	}
	b := a
	for b < len(toks) && toks[b].End <= re {
		b++
	}
	if b < len(toks) && toks[b].Start < re {
		return nil, false
	}
	return toks[a:b:b], true
}
