package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// TestWordDiffManyWords: more distinct words than the runes below the
// surrogate range still map back to themselves, through the check's own
// encoding (approvedText) as through worddiff's.
func TestWordDiffManyWords(t *testing.T) {
	var a, b []string
	for i := 0; i < 0xD800+500; i++ {
		w := fmt.Sprintf("w%d", i)
		a = append(a, w)
		if i != 0xD800+100 {
			b = append(b, w)
		}
	}
	b = append(b, "last")
	ap := newApprovedText(a)
	found := make([]word, len(b))
	for i, w := range b {
		found[i].text = w
	}
	hs := runeHunks(ap.diff(ap.encode(found)))
	if len(hs) != 2 || hs[0].as != 0xD800+100 || hs[0].ae != 0xD800+101 || hs[1].bs != len(b)-1 {
		t.Fatalf("hunks %+v", hs)
	}
}

// bpSet is the shipped rules with test paragraphs in place of the shipped
// boilerplate.
func bpSet(t *testing.T, ps ...rules.Boilerplate) *rules.Set {
	t.Helper()
	s := *phSet(t)
	s.Boilerplate = ps
	return &s
}

func bpRun(t *testing.T, set *rules.Set, src string) ([]string, []string) {
	t.Helper()
	l := letter.Parse(text.New([]byte(src)), set)
	fs := Run(l, set, []*Check{BoilerplateDrift}, nil)
	var marked, msgs []string
	for _, f := range fs {
		marked = append(marked, src[f.Start:f.End])
		msgs = append(msgs, f.Message)
		if f.Severity.String() != "warning" {
			t.Errorf("severity %s", f.Severity)
		}
	}
	return marked, msgs
}

const bpApproved = `The reviewer has more than five years of active clinical practice and still spends at least 24 hours each week treating patients. The reviewer understands the statutes.`

func bpLetter(how string) string {
	return "HOW THE IMR FINAL DETERMINATION WAS MADE\n" + how + `

The Expert Reviewer has the following credentials:
State(s) of Licensure: California

CLINICAL CASE SUMMARY
This 47 year old female worker has wrist pain.

IMR ISSUES, DECISIONS AND RATIONALES
Massage therapy: 12 sessions (right wrist/hand): Upheld
`
}

func TestBoilerplateDrift(t *testing.T) {
	how := rules.Boilerplate{ID: "how", Section: letter.SecHow, Text: bpApproved, Source: "test"}
	set := bpSet(t, how)
	for _, c := range []struct {
		name, how string
		marked    []string
		msg       string
	}{
		{"same", bpApproved, nil, ""},
		{"rewrapped", "The reviewer has more than five years of active clinical\n   practice and still spends at least 24 hours\neach week treating patients. The reviewer understands the statutes.", nil, ""},
		{"changed word", strings.Replace(bpApproved, "five", "three", 1), []string{"three"}, "1 word differs from approved boilerplate how: -'five' +'three'"},
		{"two changes", strings.Replace(strings.Replace(bpApproved, "five", "three", 1), " and still", "", 1), []string{"three"}, "3 words differ from approved boilerplate how: -'five' +'three', -'and still'"},
		{"word missing at end", strings.TrimSuffix(bpApproved, " statutes."), []string{"the"}, "-'statutes.'"},
		{"punctuation counts", strings.Replace(bpApproved, "patients.", "patients;", 1), []string{"patients;"}, "-'patients.' +'patients;'"},
		{"other opening", "A physician reviewer read the case file and has more than five years of practice.", nil, ""},
		{"runs on without a break", bpApproved + "\nThe Expert Reviewer has the following credentials:", nil, ""},
		{"runs on after a change", strings.Replace(bpApproved, "24", "20", 1) + "\nThe Expert Reviewer has the following credentials:", []string{"20"}, "-'24' +'20'"},
	} {
		t.Run(c.name, func(t *testing.T) {
			marked, msgs := bpRun(t, set, bpLetter(c.how))
			if fmt.Sprintf("%q", marked) != fmt.Sprintf("%q", c.marked) {
				t.Errorf("marked %q, want %q (%q)", marked, c.marked, msgs)
			}
			if c.msg != "" && (len(msgs) == 0 || !strings.Contains(msgs[0], c.msg)) {
				t.Errorf("messages %q, want %q", msgs, c.msg)
			}
		})
	}
}

// TestBoilerplateDriftOtherSection: approved text is looked for only under
// its heading.
func TestBoilerplateDriftOtherSection(t *testing.T) {
	set := bpSet(t, rules.Boilerplate{ID: "sum", Section: letter.SecSummary, Text: "This 47 year old female worker has knee pain.", Source: "test"})
	marked, _ := bpRun(t, set, bpLetter(strings.Replace(bpApproved, "five", "three", 1)))
	if fmt.Sprint(marked) != "[wrist]" {
		t.Errorf("marked %q, want [wrist] in the summary only", marked)
	}
}

// TestBoilerplateDriftClosest: of two approved wordings with one opening,
// either is clean and a changed paragraph is compared with the closer.
func TestBoilerplateDriftClosest(t *testing.T) {
	a := rules.Boilerplate{ID: "a", Section: letter.SecHow, Text: "This determination is final and binding. It may be appealed within 30 days.", Source: "t"}
	b := rules.Boilerplate{ID: "b", Section: letter.SecHow, Text: "This determination is final and binding. An appeal must be filed within thirty days of mailing.", Source: "t"}
	set := bpSet(t, a, b)
	for _, c := range []struct{ how, msg string }{
		{a.Text, ""},
		{b.Text, ""},
		{"This determination is final and binding. It may be appealed within 60 days.", "from approved boilerplate a: -'30' +'60'"},
		{"This determination is final and binding. An appeal must be filed within thirty days of receipt.", "from approved boilerplate b: -'mailing.' +'receipt.'"},
	} {
		_, msgs := bpRun(t, set, bpLetter(c.how))
		if c.msg == "" && len(msgs) != 0 || c.msg != "" && (len(msgs) != 1 || !strings.Contains(msgs[0], c.msg)) {
			t.Errorf("%q: messages %q, want %q", c.how, msgs, c.msg)
		}
	}
}

// TestBoilerplateDriftDiff: a drift finding carries the word diff of the
// paragraph for reporters, read as the check read it.
func TestBoilerplateDriftDiff(t *testing.T) {
	how := rules.Boilerplate{ID: "how", Section: letter.SecHow, Text: bpApproved, Source: "test"}
	set := bpSet(t, how)
	// Curly quotes and CRLF in the file are not differences.
	src := strings.ReplaceAll(bpLetter(strings.Replace(strings.Replace(bpApproved, "five", "three", 1), "statutes", "‘statutes’", 1)), "\n", "\r\n")
	l := letter.Parse(text.New([]byte(src)), set)
	fs := Run(l, set, []*Check{BoilerplateDrift}, nil)
	if len(fs) != 1 {
		t.Fatalf("findings %v", fs)
	}
	d := fs[0].Drift
	if d == nil || d.Approved != "how" {
		t.Fatalf("Drift %+v", d)
	}
	var parts []string
	for _, op := range d.Diff {
		parts = append(parts, [...]string{"=", "-", "+"}[op.Kind]+op.Text)
	}
	got := strings.Join(parts, "|")
	if !strings.Contains(got, "|-five|+three|") || !strings.Contains(got, "-statutes.|+'statutes'.") {
		t.Errorf("diff %s", got)
	}
}

// TestBoilerplateSectionsKnown: every section the rules accept is one the
// letter parser names.
func TestBoilerplateSectionsKnown(t *testing.T) {
	parser := map[string]bool{letter.SecHow: true, letter.SecSummary: true, letter.SecIssues: true, letter.SecNotice: true, letter.SecDocs: true, letter.SecRationale: true}
	for _, s := range rules.BoilerplateSections {
		if !parser[s] {
			t.Errorf("rules.BoilerplateSections has %q, which the parser never names", s)
		}
	}
	if len(rules.BoilerplateSections) != len(parser) {
		t.Errorf("rules.BoilerplateSections = %v, parser sections %v", rules.BoilerplateSections, parser)
	}
}

// hunks turns a diff of space-separated words into changes, with word
// indices.
func hunks(ds []diffmatchpatch.Diff) []hunk {
	return hunksBy(ds, func(d diffmatchpatch.Diff) int { return len(strings.Fields(d.Text)) })
}
