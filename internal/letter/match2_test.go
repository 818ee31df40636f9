package letter

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/text"
)

// Comparisons of the second round's hand-written matchers with their
// patterns: on the inputs of matchInputs, and on strings made at random of
// the patterns' own words, where the corner cases lie.

// pieceInputs makes n strings of up to max pieces each, chosen at random
// from pieces and from separators, in random case.
func pieceInputs(seed int64, n, max int, pieces ...string) []string {
	r := rand.New(rand.NewSource(seed))
	seps := []string{" ", "  ", "\t", ",", ", ", ":", " :", "(", ")", ".", "-", " - ", "x", "1", "12", "123", "2016", "12345", ";", "a"}
	if testing.Short() {
		n /= 20
	}
	out := make([]string, 0, n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for k := r.Intn(max) + 1; k > 0; k-- {
			w := pieces[r.Intn(len(pieces))]
			if r.Intn(3) == 0 {
				w = seps[r.Intn(len(seps))]
			}
			switch r.Intn(6) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				if w != "" {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
			}
			b.WriteString(w)
		}
		out = append(out, b.String())
	}
	return out
}

// shortSample is every fifth of ins under -short: the race detector's run
// in CI makes each pattern comparison ten times slower.
func shortSample(ins []string) []string {
	if !testing.Short() {
		return ins
	}
	out := make([]string, 0, len(ins)/5+1)
	for i := 0; i < len(ins); i += 5 {
		out = append(out, ins[i])
	}
	return out
}

func TestDemographicPatternsFast(t *testing.T) {
	pieces := pieceInputs(11, 100000, 8,
		"date of injury", "date of industrial injury", "injury date", "injury", "injured", "doi", "date of",
		" at work", " while working", " on the job", " was", " is", " dated", " date", " of", " on", " reported",
		"was", "is", "on", " ", "(", ":", "injuryx", "xinjury", " non-certified", " noncertified", " denied", " modified", " not certified", "non", "certif")
	ins := append(shortSample(matchInputs(t)), pieces...)
	for n, s := range ins {
		// A date is read with up to 60 bytes before it: try the ends of
		// the made-up strings and where each date of a letter's text
		// starts.
		ends := []int{len(s)}
		if n >= len(ins)-len(pieces) {
			for e := range len(s) {
				ends = append(ends, e)
			}
		} else {
			for _, d := range FindDates(s) {
				ends = append(ends, d.Start)
			}
		}
		for _, e := range ends {
			b := s[max(0, e-60):e]
			if got, want := injuryBeforeFast(b), injuryBefore.MatchString(b); got != want {
				t.Fatalf("injuryBeforeFast(%q) = %v, want %v", b, got, want)
			}
		}
		p := &parser{ascii: true}
		if got, want := p.urAction(s), urActionRE.MatchString(s); got != want {
			t.Fatalf("urAction(%q) = %v, want %v", s, got, want)
		}
	}
}

// citationPieces are the words of the citation patterns, for pieceInputs.
var citationPieces = []string{
	"page", "pages", "page(s)", "Page(s):", "pg", "pgs", "pg.", "pgs.", "p.", "p", "pp.", "12", "1234", "12345", "-", " - ", ",", ", ",
	"section", "sections", "section(s)", "Section(s):", "(s)", ":", " : ", "decision based on", "Decision based on ",
	"which", "which is", " which is part of", "which are a part of", " is ", " are ", "a ", "part of", "part", "apart of",
	"and", " and ", "andy", "sand", ";", "silent", "silently", "not addressed", "do not", "does not", "did not", "dont", " not ",
	"address", "discuss", "cover", "mention", "the", "The ", "remaining IMR eligible portion of the original request",
	"the original request", "original request,", "request", "Standard", "expedited", "CM", "CM16-", "cm13-1234567",
	"10/", "1/", "-16", "/2016", "October", "Oct", " 14, 2016", "5, 20", "123456", "x", " ",
}

// TestCitationPatternsFast2 compares the second round's citation and
// header readers with their patterns.
func TestCitationPatternsFast2(t *testing.T) {
	fast, slow := &parser{ascii: true}, &parser{}
	for _, s := range append(shortSample(matchInputs(t)), pieceInputs(12, 200000, 10, citationPieces...)...) {
		if got, want := fast.headerValue(s), slow.headerValue(s); got != want {
			t.Fatalf("headerValue(%q) = %d, want %d", s, got, want)
		}
		if got, want := fast.sectionEnd(s), slow.sectionEnd(s); got != want {
			t.Fatalf("sectionEnd(%q) = %d, want %d", s, got, want)
		}
		if got, want := fast.sectionsEnd(s), slow.sectionsEnd(s); got != want {
			t.Fatalf("sectionsEnd(%q) = %d, want %d", s, got, want)
		}
		if got, want := fast.pages(nil, s), slow.pages(nil, s); !reflect.DeepEqual(got, want) {
			t.Fatalf("pages(%q) = %v, want %v", s, got, want)
		}
		var want [][6]int
		for _, m := range pageNumRE.FindAllStringSubmatchIndex(s, -1) {
			want = append(want, [6]int(m))
		}
		if got := pageNums(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("pageNums(%q) = %v, want %v", s, got, want)
		}
		if got, want := splitKeep(nil, s, 0, len(s)), splitKeepRE(s, 0, len(s)); !reflect.DeepEqual(got, want) {
			t.Fatalf("splitKeep(%q) = %v, want %v", s, got, want)
		}
		if len(s) > 4 {
			if got, want := splitKeep(nil, s, 2, len(s)-1), splitKeepRE(s, 2, len(s)-1); !reflect.DeepEqual(got, want) {
				t.Fatalf("splitKeep(%q, 2, %d) = %v, want %v", s, len(s)-1, got, want)
			}
		}
		if got, want := fast.notRelied(s), slow.notRelied(s); got != want {
			t.Fatalf("notRelied(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.remainingEnd(s), slow.remainingEnd(s); got != want {
			t.Fatalf("remainingEnd(%q) = %d, want %d", s, got, want)
		}
	}
}

// splitKeepRE is splitKeep as it was, with sectionSplitRE.
func splitKeepRE(seg string, i, j int) [][2]int {
	var out [][2]int
	last := i
	for _, m := range sectionSplitRE.FindAllStringIndex(seg[i:j], -1) {
		out = append(out, [2]int{last, i + m[0]})
		last = i + m[1]
	}
	return append(out, [2]int{last, j})
}

// TestSubTokens: a sentence's tokens in a range are those of the range's
// text tokenized alone, offsets aside, whenever subTokens takes them.
func TestSubTokens(t *testing.T) {
	ins := append(matchInputs(t), "worker's x", "worker'", "a caf\u00e9's b", "\u00e9t\u00e9's x", "x-ray/MRI & CT", "ab'c", "\u00c9A'b")
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

// TestIndexFold compares indexFold with a lower-cased strings.Index.
func TestIndexFold(t *testing.T) {
	lits := []string{"old", "decision based on", " not ", "section", "a", "mtus", "did not cite any medical evidence", "zz"}
	for _, s := range append(matchInputs(t), "", "o", "OLD", "xOlD", "\x00old", "oo old", "Ol", "aA") {
		for _, lit := range lits {
			if got, want := ascii.IndexFold(s, lit), strings.Index(strings.ToLower(s), lit); got != want {
				t.Fatalf("ascii.IndexFold(%q, %q) = %d, want %d", s, lit, got, want)
			}
		}
	}
}

// TestItemPatternsFast compares the item readers of itemfast.go with their
// patterns.
func TestItemPatternsFast(t *testing.T) {
	fast, slow := &parser{ascii: true}, &parser{}
	ins := append(shortSample(matchInputs(t)), pieceInputs(13, 100000, 8,
		"1)", "12)", "123)", "1 )", "Regarding the request for", "regarding the request for", " the request fors", "Regarding", " ",
		"has determined the request for", "has determined the request forx", "was the original request", "was the original requests",
		"xwas the original request", "Official Disability Guidelines", "ODG", "ODGs", "xODG", "(ODG)",
		"one", "1", "a", "an", "(12)", "(12", "()", "compound", "compounded", "compoundedx", "retrospective", "retrospectively",
		"prospective", "request for", "refill of", "refills of", "two refills of", "prescription of", "prescription for", "ibuprofen")...)
	for _, s := range ins {
		if got, want := isRegarding(s), regardingRE.MatchString(s); got != want {
			t.Fatalf("isRegarding(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.determined(s), slow.determined(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("determined(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.original(s), slow.original(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("original(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.namesODG(s), slow.namesODG(s); got != want {
			t.Fatalf("namesODG(%q) = %v, want %v", s, got, want)
		}
		if got, want := fast.medNameTrim(s), slow.medNameTrim(s); got != want {
			t.Fatalf("medNameTrim(%q) = %v, want %v", s, got, want)
		}
		if regardingForRE.MatchString(s) {
			if got, want := fast.regardingForEnd(s), slow.regardingForEnd(s); got != want {
				t.Fatalf("regardingForEnd(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

// TestPickRequestIn compares pickRequestIn with pickRequest over the
// candidate list it used to build, and lastOf with its lower-cased search.
func TestPickRequestIn(t *testing.T) {
	p := &parser{ascii: true}
	ins := append(matchInputs(t), pieceInputs(14, 20000, 8, "Norco 10/325mg", "#120", "#30", "take 1 tab", "takes", "x 2", "12 sessions",
		"2 times a week for 6 weeks", "30 day supply", "240g", "QTY: 2", " of ", " OF ", "Of", "of", "a")...)
	for n, s := range ins {
		if got, want := p.lastOf(s), strings.LastIndex(strings.ToLower(s), " of "); got != want {
			t.Fatalf("lastOf(%q) = %d, want %d", s, got, want)
		}
		if n%7 != 0 {
			continue // quantity.Find is the slow part; a seventh is plenty
		}
		b := text.Join([]text.Line{lineOf(s)})
		qs := p.quantities(b, 0, len(b.Text))
		var hash, rest []Quantity
		for _, q := range qs {
			if p.dosing(b.Text[:q.Start]) {
				continue
			}
			if strings.HasPrefix(q.Text, "#") {
				hash = append(hash, q)
			} else {
				rest = append(rest, q)
			}
		}
		if got, want := p.pickRequestIn(b.Text, qs), pickRequest(append(hash, rest...)); !reflect.DeepEqual(got, want) {
			t.Fatalf("pickRequestIn(%q) = %v, want %v", b.Text, got, want)
		}
	}
}

// TestDecisionWord compares decisionWord with the lower-cased, re-joined
// reading it used.
func TestDecisionWord(t *testing.T) {
	ref := func(s string) Decision {
		switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
		case "upheld":
			return Upheld
		case "overturned":
			return Overturned
		case "partially overturned":
			return Partial
		}
		return NoDecision
	}
	ins := append(matchInputs(t), pieceInputs(15, 20000, 4, "upheld", "overturned", "partially", " ", "\v", "\t", "\r\n", "x", "partially overturned")...)
	for _, s := range ins {
		if got, want := decisionWord(s), ref(s); got != want {
			t.Fatalf("decisionWord(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSentencesBounds compares where Sentences cuts a block with the byte
// by byte scan it used.
func TestSentencesBounds(t *testing.T) {
	ref := func(t string) []string {
		var out []string
		start := 0
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c != '.' && c != '?' && c != '!' {
				continue
			}
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
			out = append(out, t[start:j])
			start = j
			for start < len(t) && t[start] == ' ' {
				start++
			}
			i = start - 1
		}
		if start < len(t) {
			out = append(out, t[start:])
		}
		return out
	}
	ins := append(matchInputs(t), pieceInputs(16, 20000, 12, "Dr.", "e.g.", "A.", "x", "?", "!", ".", "\"", ")", "'", " ", "The", "1", "(")...)
	for _, s := range ins {
		var got []string
		for _, sn := range Sentences(text.Join([]text.Line{lineOf(s)})) {
			got = append(got, sn.Text)
		}
		b := text.Join([]text.Line{lineOf(s)})
		if want := ref(b.Text); !reflect.DeepEqual(got, want) {
			t.Fatalf("Sentences(%q) = %q, want %q", b.Text, got, want)
		}
	}
}

// TestChapterBeforeFast compares chapterBeforeFast with chapterRE.
func TestChapterBeforeFast(t *testing.T) {
	ins := append(shortSample(matchInputs(t)), pieceInputs(17, 100000, 6, "chapter", "Chapter", "xchapter", " ", "  ", "1", "12", "123", ":", ",", "\t", "MTUS", "ACOEM")...)
	for _, s := range ins {
		for _, b := range []string{s, s[max(0, len(s)-30):]} {
			if got, want := chapterBeforeFast(b), chapterRE.FindStringSubmatchIndex(b); !reflect.DeepEqual(got, want) {
				t.Fatalf("chapterBeforeFast(%q) = %v, want %v", b, got, want)
			}
		}
	}
}
