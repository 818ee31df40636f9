package letter

import (
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/text"
)

// TestSentences: where a block is cut into sentences. A period, question
// or exclamation mark ends one when a space and a capital, digit, quote or
// parenthesis follow, and the period is not an abbreviation's or an
// initial's.
func TestSentences(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Dr. Smith saw him. He left.", "Dr. Smith saw him.|He left."},
		{"He was seen, e.g. The x.", "He was seen, e.g. The x."},
		{"A. Smith said so. Then he left.", "A. Smith said so.|Then he left."},
		{"Is it? Yes! No.", "Is it?|Yes!|No."},
		{"He said \"no.\" Then he left.", "He said \"no.\"|Then he left."},
		{"(See above.) Next one.", "(See above.)|Next one."},
		{"x.y is a. b", "x.y is a. b"},
		{"It ended. 3 more.", "It ended.|3 more."},
		{"Vol. 2 says. So", "Vol. 2 says.|So"},
		{"i.e. None", "i.e. None"},
		{"End.", "End."},
		{"", ""},
		{"It ended.  Two spaces.", "It ended.|Two spaces."},
		{"It hurt (a lot.) Then", "It hurt (a lot.)|Then"},
		{"Café. The end.", "Café.|The end."},
		{"É. Then", "É.|Then"},
	} {
		var got []string
		for _, sn := range Sentences(text.Join([]text.Line{lineOf(c.in)})) {
			got = append(got, sn.Text)
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("Sentences(%q) = %q, want %q", c.in, g, c.want)
		}
	}
}

// propertyInputs are strings to check the sentence splitter's properties
// on: every line and paragraph of some generated letters, each also with a
// non-ASCII character put in, and a few written out.
func propertyInputs() []string {
	propertyOnce.Do(func() {
		r := rand.New(rand.NewSource(1))
		add := func(s string) {
			propertyCache = append(propertyCache, s)
			if s != "" {
				u := [...]string{"\u00e9", "\u00ae", "\u00b0", "\u00ab", "\u00d7", "\u00c9"}[r.Intn(6)]
				i := r.Intn(len(s) + 1)
				propertyCache = append(propertyCache, s[:i]+u+s[i:])
			}
		}
		for i := 0; i < 20; i++ {
			opts := corpus.DefaultOptions
			if i%2 == 1 {
				opts = corpus.Options{FaultRate: 0.6, Mess: 0.9, Layout2013: 0.5}
			}
			d := text.New([]byte(corpus.Generate(int64(3+i%5), i, opts).Text))
			var para []text.Line
			for _, ln := range d.Lines {
				add(ln.Text)
				if ln.Break {
					if len(para) > 0 {
						add(text.Join(para).Text)
					}
					para = para[:0]
					continue
				}
				para = append(para, ln)
			}
		}
		for _, s := range []string{"", "Dr. A. B. Smith, M.D. saw him. He", "e.g. i.e. etc. The", "x. \"Y\" z? (A) w! 1"} {
			add(s)
		}
	})
	return propertyCache
}

var (
	propertyOnce  sync.Once
	propertyCache []string
)

// TestSentencesTokens: the tokens Sentences shares out of its block are
// those of each sentence tokenized alone.
func TestSentencesTokens(t *testing.T) {
	n := 0
	for _, s := range propertyInputs() {
		b := text.Join([]text.Line{lineOf(s)})
		for _, sn := range Sentences(b) {
			n++
			if want := phrase.Tokenize(sn.Text); !reflect.DeepEqual(sn.Toks, want) {
				t.Fatalf("sentence %q of %q: tokens %v, want %v", sn.Text, s, sn.Toks, want)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d sentences read", n)
	}
}

// TestSubTokens: a sentence's tokens in a range are those of the range's
// text tokenized alone, offsets aside, whenever subTokens takes them.
func TestSubTokens(t *testing.T) {
	ins := append(propertyInputs(), "worker's x", "worker'", "a caf\u00e9's b", "\u00e9t\u00e9's x", "x-ray/MRI & CT", "ab'c", "\u00c9A'b")
	r := rand.New(rand.NewSource(5))
	took := 0
	for _, s := range ins {
		toks := phrase.Tokenize(s)
		for k := 0; k < 6 && len(s) > 0; k++ {
			rs := r.Intn(len(s) + 1)
			re := rs + r.Intn(len(s)-rs+1)
			if k%2 == 0 && len(toks) > 0 {
				// Ranges from a token's start or end to a later end, as
				// a request's are.
				a := toks[r.Intn(len(toks))]
				rs = a.Start
				if k%4 == 0 {
					rs = a.End
				}
				re = max(rs, toks[r.Intn(len(toks))].End)
			}
			got, ok := subTokens(toks, rs, re)
			if !ok {
				continue
			}
			took++
			want := phrase.Tokenize(s[rs:re])
			if len(got) != len(want) {
				t.Fatalf("subTokens(%q, %d, %d) = %v, want %v", s, rs, re, got, want)
			}
			for i := range got {
				g := got[i]
				g.Start -= rs
				g.End -= rs
				if g != want[i] {
					t.Fatalf("subTokens(%q, %d, %d) = %v, want %v", s, rs, re, got, want)
				}
			}
		}
	}
	if took == 0 {
		t.Fatal("no range taken")
	}
}

// lineOf makes s a line of its own document.
func lineOf(s string) text.Line {
	d := text.New([]byte(s))
	if len(d.Lines) == 0 {
		return text.Line{}
	}
	return d.Lines[0]
}
