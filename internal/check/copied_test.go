package check

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// TestRationaleReader holds rationaleReader to the text it reads:
// rationaleText, for texts with any white space, case, and invalid UTF-8.
func TestRationaleReader(t *testing.T) {
	parts := []string{"a", "B", "word", "MTUS", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u0085", "\xff", "\xe2\x80", "\ufffd", "É", "ß", "İ", "\u212a", "ſ", "Σ", ".", "'", "x1"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		s := ""
		for n := r.Intn(12); n > 0; n-- {
			s += parts[r.Intn(len(parts))]
		}
		want := rationaleText(s)
		var got []byte
		rr := newRationaleReader(s)
		for {
			c, ok := rr.next()
			if !ok {
				break
			}
			got = append(got, c)
		}
		if string(got) != want {
			t.Fatalf("rationaleReader(%q) read %q, want %q", s, got, want)
		}
		for _, n := range []int{0, 1, len(want) - 1, len(want), len(want) + 1} {
			if rationaleAtLeast(s, n) != (len(want) >= n) {
				t.Fatalf("rationaleAtLeast(%q, %d) = %v; the text is %d bytes", s, n, !(len(want) >= n), len(want))
			}
		}
	}
}

// rationaleText is what rationaleReader reads, built whole: the reference
// the reader is compared with.
func rationaleText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

var copiedRules = sync.OnceValues(rules.Default)

func copiedSet(t *testing.T) *rules.Set {
	t.Helper()
	set, err := copiedRules()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestHeadWords holds the head noun phrase of requests to what a reader
// would call the treatment.
func TestHeadWords(t *testing.T) {
	for _, c := range []struct{ req, head, rest string }{
		{"Infrared therapy 2x6 for the lumbar spine", "infrared therapy", ""},
		{"Infrared therapy for the lumbar spine", "infrared therapy", ""},
		{"Infrared therapy: 12 sessions (lumbar spine)", "infrared therapy", "12 sessions (lumbar spine)"},
		{"Kinesio taping of the right shoulder", "kinesio taping", ""},
		{"Paraffin bath to the left hand", "paraffin bath", ""},
		{"Range of motion testing", "range of motion testing", ""},
		{"Hot wax treatment (paraffin) times 6", "hot wax treatment", ""},
		{"Home cervical traction unit with pump and collar", "home cervical traction unit", ""},
		{"Custom molded orthopedic shoe inserts for both feet", "custom molded orthopedic shoe", ""},
		{"Gym membership, 6 months", "gym membership", ""},
		{"Associated surgical service: Crutches", "associated surgical service", "Crutches"},
		{"12 sessions of aqua therapy", "aqua therapy", ""},
		{"One (1) functional capacity evaluation", "functional capacity evaluation", ""},
		{"Interferential unit x 30 days", "interferential unit", ""},
		{"Vascutherm left knee", "vascutherm", ""},
		{"MARS MRI scan of lumbar spine", "mars mri scan", ""},
		{"Lumbar support brace", "lumbar support brace", ""},
		{"12 visits", "", ""},
		{"", "", ""},
	} {
		head, rest := headWords(c.req, nil)
		if head != c.head || rest != c.rest {
			t.Errorf("headWords(%q) = %q, %q; want %q, %q", c.req, head, rest, c.head, c.rest)
		}
	}
	// Any text: at most four words, lower-cased, and rest a part of s.
	parts := []string{"Physical", "therapy", " ", ":", "(", ")", "for", "the", "left", "12", "#6", "One", "of", ",", "\xff", "İ", "x", "Cold", "unit"}
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 5000; i++ {
		s := ""
		for n := r.Intn(14); n > 0; n-- {
			s += parts[r.Intn(len(parts))]
			if r.Intn(2) == 0 {
				s += " "
			}
		}
		head, rest := headWords(s, nil)
		if len(strings.Fields(head)) > 4 || head != strings.ToLower(head) || !strings.Contains(s, rest) {
			t.Fatalf("headWords(%q) = %q, %q", s, head, rest)
		}
	}
	// A word that starts a body part of the item ends the phrase.
	bps := []letter.BodyPart{{Region: "lumbar-spine", Field: letter.Field{Text: "lumbar spine"}}}
	if head, _ := headWords("X-rays lumbar spine", bps); head != "x-rays" {
		t.Errorf("headWords(X-rays lumbar spine) = %q, want x-rays", head)
	}
	if head, _ := headWords("Lumbar MRI scan", bps); head != "lumbar mri scan" {
		t.Errorf("headWords(Lumbar MRI scan) = %q, want lumbar mri scan (a body part first is part of the name)", head)
	}
}

func item(req, id, name string, bps ...letter.BodyPart) letter.Item {
	return letter.Item{Request: letter.Field{Text: req}, Treatment: letter.Treatment{ID: id, Name: name}, BodyParts: bps}
}

func part(side, region, as string) letter.BodyPart {
	return letter.BodyPart{Side: side, Region: region, Field: letter.Field{Text: as}}
}

// TestDescribeItem: an item is named by its vocabulary treatment (or drug
// and strength) and body part; a treatment the vocabulary does not know by
// its head words, never by the whole header line.
func TestDescribeItem(t *testing.T) {
	set := copiedSet(t)
	med := item("Norco 10/325mg #120", "medication", "medication")
	med.Medication = &letter.Medication{Name: letter.Field{Text: "norco"}, Strength: letter.Quantity{Text: "10/325mg"}}
	med.Quantity = &letter.Quantity{Text: "#120"}
	pt := item("Physical therapy 2x6 for the lumbar spine", "physical-therapy", "physical therapy", part("", "lumbar-spine", "lumbar spine"))
	pt.Quantity = &letter.Quantity{Text: "2x6"}
	for _, c := range []struct {
		it    letter.Item
		level int
		want  string
	}{
		{pt, nameLevel, "physical therapy, lumbar spine"},
		{pt, wordsLevel, "physical therapy, lumbar spine"},
		{pt, quantityLevel, "physical therapy, 2x6, lumbar spine"},
		{pt, requestLevel, `"Physical therapy 2x6 for the lumbar spine"`},
		{item("Therapeutic exercise 2x6 for the lumbar spine", "physical-therapy", "physical therapy", part("", "lumbar-spine", "lumbar spine")), wordsLevel, "therapeutic exercise, lumbar spine"},
		{item("Physical therapy 2x4 for the left knee", "physical-therapy", "physical therapy", part("left", "knee", "left knee")), nameLevel, "physical therapy, left knee"},
		{item("EMG of the bilateral lower extremities", "emg", "emg", part("bilateral", "lower-extremity", "bilateral lower extremities")), nameLevel, "emg, bilateral lower extremity"},
		{item("Chiropractic for the left hip and left knee, 12 visits", "chiropractic", "chiropractic", part("left", "hip", "left hip"), part("left", "knee", "left knee")), nameLevel, "chiropractic, left hip and left knee"},
		{med, nameLevel, "norco 10/325mg"},
		{med, wordsLevel, "norco 10/325mg"},
		{med, quantityLevel, "norco 10/325mg, #120"},
		// Unknown treatments: the head words, never the header line.
		{item("Infrared therapy 2 times a week for 6 weeks for the lumbar spine", "", "", part("", "lumbar-spine", "lumbar spine")), nameLevel, "infrared therapy, lumbar spine"},
		{item("Infrared therapy: lumbar spine", "", "", part("", "lumbar-spine", "lumbar spine")), nameLevel, "infrared therapy, lumbar spine"},
		{item("Associated surgical service: Crutches", "", ""), nameLevel, "associated surgical service: crutches"},
		{item("Labs to include: EKG", "", ""), nameLevel, "labs to include: ekg"},
		{item("Massage chair: 12 sessions (right wrist/hand)", "", "", part("right", "wrist-hand", "right wrist/hand")), nameLevel, "massage chair, right wrist/hand"},
		{item("Right shoulder infrared lamp", "", "", part("right", "shoulder", "Right shoulder")), nameLevel, "right shoulder infrared lamp"},
		{item("12 visits", "", ""), nameLevel, `"12 visits"`},
	} {
		if got := describeItem(set, &c.it, c.level); got != c.want {
			t.Errorf("describeItem(%q, level %d) = %q, want %q", c.it.Request.Text, c.level, got, c.want)
		}
	}
}

// TestItemNames: the items of a group are named at the least detail that
// tells them apart, each on its own.
func TestItemNames(t *testing.T) {
	set := copiedSet(t)
	lumbar := part("", "lumbar-spine", "lumbar spine")
	qty := func(it letter.Item, q string) letter.Item { it.Quantity = &letter.Quantity{Text: q}; return it }
	for _, c := range []struct {
		items []letter.Item
		want  []string
	}{
		{
			[]letter.Item{
				qty(item("Physical therapy 2x6 for the lumbar spine", "physical-therapy", "physical therapy", lumbar), "2x6"),
				qty(item("Therapeutic exercise 2x6 for the lumbar spine", "physical-therapy", "physical therapy", lumbar), "2x6"),
				item("MRI of the lumbar spine", "mri", "mri", lumbar),
			},
			[]string{"physical therapy, lumbar spine", "therapeutic exercise, lumbar spine", "mri, lumbar spine"},
		},
		{
			[]letter.Item{
				item("Physical therapy for the left knee", "physical-therapy", "physical therapy", part("left", "knee", "left knee")),
				item("Physical therapy for the right knee", "physical-therapy", "physical therapy", part("right", "knee", "right knee")),
			},
			[]string{"physical therapy, left knee", "physical therapy, right knee"},
		},
		{
			[]letter.Item{
				qty(item("Physical therapy 2x4 for the left knee", "physical-therapy", "physical therapy", part("left", "knee", "left knee")), "2x4"),
				qty(item("Physical therapy 2x3 for the left knee", "physical-therapy", "physical therapy", part("left", "knee", "left knee")), "2x3"),
			},
			[]string{"physical therapy, 2x4, left knee", "physical therapy, 2x3, left knee"},
		},
		{
			// Only the dates tell them apart: the requests are quoted.
			[]letter.Item{
				item("Retrospective urine drug screen DOS 01/05/2017", "urine-drug-screen", "urine drug screen"),
				item("Retrospective urine drug screen DOS 02/09/2017", "urine-drug-screen", "urine drug screen"),
				item("Chiropractic 6 sessions", "chiropractic", "chiropractic"),
			},
			[]string{`"Retrospective urine drug screen DOS 01/05/2017"`, `"Retrospective urine drug screen DOS 02/09/2017"`, "chiropractic"},
		},
		{
			// The shoulder wrap and the sling are one treatment of one
			// body part; their words after the colon tell them apart.
			[]letter.Item{
				item("Associated surgical service: Shoulder wrap for purchase", "durable-medical-equipment", "durable medical equipment", part("", "shoulder", "Shoulder")),
				item("Associated surgical service: Shoulder sling with abduction pillow", "durable-medical-equipment", "durable medical equipment", part("", "shoulder", "Shoulder")),
				item("Associated surgical service: Medical clearance", "office-visit", "office visit"),
			},
			[]string{"associated surgical service: shoulder wrap", "associated surgical service: shoulder sling", "office visit"},
		},
	} {
		g := make([]int, len(c.items))
		for i := range g {
			g[i] = i
		}
		if got := itemNames(set, c.items, g); !slices.Equal(got, c.want) {
			t.Errorf("itemNames = %q\n want %q", got, c.want)
		}
	}
}

func TestAndList(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"2"}, "2"}, {[]string{"2", "3"}, "2 and 3"}, {[]string{"2", "3", "4", "5"}, "2, 3, 4 and 5"}} {
		if got := andList(c.in); got != c.want {
			t.Errorf("andList(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// copiedOn runs the check on a letter's text.
func copiedOn(t *testing.T, src string) []finding.Finding {
	t.Helper()
	set := copiedSet(t)
	return Run(letter.Parse(text.New([]byte(src)), set), set, []*Check{CopiedRationale}, nil)
}

func readLetter(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "letters", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCopiedRationaleMessages pins the messages of the copied-rationale
// fixtures, and what a reader must learn from them: which items, told
// apart, share which rationale.
func TestCopiedRationaleMessages(t *testing.T) {
	for _, c := range []struct {
		file    string
		edit    func(string) string // applied to the letter's text first
		want    string              // "" for no finding
		related int
	}{
		{"clean-2014-copied-therapy.txt", nil, "", 0},
		{"clean-2014-copied-surgery.txt", nil, "", 0},
		{"fault-2014-copied-therapy-exercise.txt", nil, "item 2 (therapeutic exercise, lumbar spine) has the same rationale, word for word, as item 1 (physical therapy, lumbar spine)", 1},
		{"fault-2014-copied-therapy-knees.txt", nil, "item 4 (physical therapy, right knee) has the same rationale, word for word, as item 3 (physical therapy, left knee)", 1},
		{"fault-2014-copied-surgery.txt", nil, "items 3, 4 and 5 (physical therapy, left knee; heat/cold therapy; associated surgical service: crutches) have the same rationale, word for word, as item 2 (office visit)", 3},
		{"fault-2014-copied-rationale.txt", nil, "item 2 (ncs, left upper extremity) has the same rationale, word for word, as item 1 (emg, left upper extremity)", 1},
		{"fault-2013-copied-rationale.txt", nil, "item 3 (mri, right knee) has the same rationale, word for word, as item 2 (x-ray, right knee)", 1},
		{
			// A true duplicate line, differing only in white space and
			// case, is left alone.
			"fault-2014-copied-therapy-exercise.txt",
			func(s string) string {
				return strings.Replace(s, "Therapeutic exercise 2x6 for the lumbar spine: Upheld", "PHYSICAL  therapy 2x6 for the Lumbar Spine: Upheld", 1)
			},
			"", 0,
		},
		{
			// The duplicate of item 3 drops out of the group; the others
			// are still reported, once.
			"fault-2014-copied-surgery.txt",
			func(s string) string {
				return strings.Replace(s, "Associated surgical service: Cold therapy unit 7 day rental: Upheld", "Associated surgical service: Post-operative physical therapy 2x6 for the left knee: Upheld", 1)
			},
			"items 3 and 5 (physical therapy, left knee; associated surgical service: crutches) have the same rationale, word for word, as item 2 (office visit)", 2,
		},
		{
			// The same service on the same knee, told apart by the
			// quantity.
			"fault-2014-copied-therapy-knees.txt",
			func(s string) string {
				return strings.Replace(s, "Physical therapy 2x4 for the right knee: Upheld", "Physical therapy 2x3 for the left knee: Upheld", 1)
			},
			"item 4 (physical therapy, 2x3, left knee) has the same rationale, word for word, as item 3 (physical therapy, 2x4, left knee)", 1,
		},
	} {
		src := readLetter(t, c.file)
		if c.edit != nil {
			edited := c.edit(src)
			if edited == src {
				t.Fatalf("%s: the edit changed nothing", c.file)
			}
			src = edited
		}
		fs := copiedOn(t, src)
		if c.want == "" {
			for _, f := range fs {
				t.Errorf("%s: unexpected finding %q", c.file, f.Message)
			}
			continue
		}
		if len(fs) != 1 {
			t.Errorf("%s: %d findings, want 1", c.file, len(fs))
			for _, f := range fs {
				t.Logf("  %s", f.Message)
			}
			continue
		}
		if fs[0].Message != c.want {
			t.Errorf("%s:\n got  %q\n want %q", c.file, fs[0].Message, c.want)
		}
		if len(fs[0].Related) != c.related {
			t.Errorf("%s: %d related spans, want %d", c.file, len(fs[0].Related), c.related)
		}
		// Each related span is another copy's first sentence: the same
		// words as the primary's, elsewhere.
		primary := strings.Fields(src[fs[0].Start:fs[0].End])
		seen := map[int]bool{fs[0].Start: true}
		for _, r := range fs[0].Related {
			if !slices.Equal(strings.Fields(src[r.Start:r.End]), primary) || seen[r.Start] {
				t.Errorf("%s: related span %q (at %d) is not another copy of %q", c.file, src[r.Start:r.End], r.Start, primary)
			}
			seen[r.Start] = true
		}
	}
}
