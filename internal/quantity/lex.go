package quantity

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/ascii"
)

// tkind is the shape of a token. The matcher works on tokens rather than on
// bytes so that every rule can say "a number, then a unit word" without
// caring how much whitespace, which dash or which line break stands between.
type tkind uint8

const (
	tWord  tkind = iota + 1 // a run of letters
	tNum                    // digits, optionally with 1,000 grouping and one decimal point
	tPunct                  // any other single rune (including invalid UTF-8 bytes)
	tCode                   // digits with two or more dots: "9792.24.1", "10.14.2016"; never a quantity
)

// token is one lexical unit of the input with its byte span.
type token struct {
	start, end int
	val        float64 // tNum: the value
	lower      string  // tWord: lower-cased text (original text for long words)
	r          rune    // tPunct: the rune
	intDigits  int     // tNum: digits before the decimal point (commas not counted)
	kind       tkind
	sp         bool // whitespace (or the start of input) comes right before
	frac       bool // tNum: has a decimal point
	masked     bool // part of a date, spinal level, code, time, URL...: never read as a quantity
}

// isSpaceRune treats every Unicode space (U+00A0 included) and the invisible
// joiners that word processors leave in letters as whitespace, so that a
// pasted letter matches like a typed one.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff'
}

// maxVocabLen bounds the words worth lower-casing: no vocabulary word is
// longer.
const maxVocabLen = 16

// tokenize splits s into tokens, appending to toks[:0].
func tokenize(s string, toks []token) []token {
	if want := len(s)/4 + 8; cap(toks) < want {
		// Letters average about one token per four bytes; guessing the
		// capacity saves most regrowth on a parser's first use.
		toks = make([]token, 0, want)
	}
	toks = toks[:0]
	sp := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				sp = true
				i++
			case ascii.IsDigit(c):
				tk := scanNumber(s, i)
				tk.sp = sp
				toks = append(toks, tk)
				sp = false
				i = tk.end
			case ascii.IsLetter(c):
				// Fast path for ASCII words, which are nearly all of them:
				// one pass finds the end and whether folding is needed.
				j, upper := i, false
				for j < len(s) {
					if c := s[j]; 'a' <= c && c <= 'z' {
						j++
					} else if 'A' <= c && c <= 'Z' {
						upper = true
						j++
					} else {
						break
					}
				}
				var lower string
				switch {
				case j < len(s) && s[j] >= utf8.RuneSelf:
					j = scanWord(s, j)
					lower = lowerWord(s[i:j])
				case upper:
					lower = lowerWord(s[i:j])
				default:
					lower = s[i:j]
				}
				toks = append(toks, token{kind: tWord, start: i, end: j, sp: sp, lower: lower})
				sp = false
				i = j
			default:
				toks = append(toks, token{kind: tPunct, start: i, end: i + 1, sp: sp, r: rune(c)})
				sp = false
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			toks = append(toks, token{kind: tPunct, start: i, end: i + 1, sp: sp, r: utf8.RuneError})
			sp = false
			i++
		case isSpaceRune(r):
			sp = true
			i += size
		case unicode.IsLetter(r):
			j := scanWord(s, i)
			toks = append(toks, token{kind: tWord, start: i, end: j, sp: sp, lower: lowerWord(s[i:j])})
			sp = false
			i = j
		default:
			toks = append(toks, token{kind: tPunct, start: i, end: i + size, sp: sp, r: r})
			sp = false
			i += size
		}
	}
	return toks
}

// scanWord returns the end of the run of letters (and combining marks) at i.
func scanWord(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !ascii.IsLetter(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			return i
		}
		i += size
	}
	return i
}

// lowerWord returns w lower-cased when it is a vocabulary word, and w
// itself otherwise. Lower-case words cost nothing; capitalised ASCII words
// are folded in a stack buffer and looked up in vocab, which does not
// allocate either.
func lowerWord(w string) string {
	if len(w) > maxVocabLen {
		return w
	}
	var buf [maxVocabLen]byte
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			l := strings.ToLower(w)
			if v, ok := vocab[l]; ok {
				return v
			}
			return w
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			upper = true
		}
		buf[i] = c
	}
	if !upper {
		return w
	}
	if v, ok := vocab[string(buf[:len(w)])]; ok {
		return v
	}
	return w
}

// scanNumber reads the number starting at digit s[i]: "12", "1,200", "37.5".
// A comma only groups when exactly three digits follow, so "1,2" stays two
// numbers. A second decimal point ("10.14.2016", "9792.24.1") turns the run
// into a tCode, which is never a quantity.
func scanNumber(s string, i int) token {
	j := i
	for j < len(s) && ascii.IsDigit(s[j]) {
		j++
	}
	tk := token{kind: tNum, start: i, intDigits: j - i}
	comma := false
	if j-i <= 3 {
		for j+3 < len(s) && s[j] == ',' && ascii.IsDigit(s[j+1]) && ascii.IsDigit(s[j+2]) && ascii.IsDigit(s[j+3]) &&
			(j+4 >= len(s) || !ascii.IsDigit(s[j+4])) {
			j += 4
			tk.intDigits += 3
			comma = true
		}
	}
	if j+1 < len(s) && s[j] == '.' && ascii.IsDigit(s[j+1]) {
		j++
		for j < len(s) && ascii.IsDigit(s[j]) {
			j++
		}
		tk.frac = true
		if j+1 < len(s) && s[j] == '.' && ascii.IsDigit(s[j+1]) {
			for j+1 < len(s) && s[j] == '.' && ascii.IsDigit(s[j+1]) {
				j++
				for j < len(s) && ascii.IsDigit(s[j]) {
					j++
				}
			}
			tk.kind = tCode
			tk.end = j
			return tk
		}
	}
	tk.end = j
	if !comma && !tk.frac && j-i <= 15 {
		// Plain integers (nearly all numbers in a letter) skip ParseFloat;
		// 15 digits stay exact in a float64.
		var v int64
		for k := i; k < j; k++ {
			v = v*10 + int64(s[k]-'0')
		}
		tk.val = float64(v)
		return tk
	}
	text := s[i:j]
	if comma {
		text = strings.ReplaceAll(text, ",", "")
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		// Too large to be a count of anything; keep it out of every rule.
		tk.kind = tCode
		return tk
	}
	tk.val = v
	return tk
}
