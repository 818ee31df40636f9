package letter

import (
	"fmt"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// TestCitationStyles reads every citation style letters use against the
// shipped catalog.
func TestCitationStyles(t *testing.T) {
	v, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := &parser{v: v, l: &Letter{}}
	tests := []struct {
		in   string
		want string // one line per citation: guideline year chapter [sections] pages unknown
	}{
		{"Decision based on MTUS ACOEM Chapter 11 Forearm, Wrist, and\nHand Complaints Page(s): 265,Chronic Pain Treatment Guidelines Massage Therapy Page(s):\n60.",
			"acoem-forearm-wrist-hand 0 ch11 [] p265\nmtus-cpmtg 0 ch0 [massage-therapy] p60"},
		{"Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Manual therapy & manipulation.",
			"mtus-cpmtg 2016 ch0 [manual-therapy-manipulation] "},
		{"Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies, Summary.",
			"acoem-low-back 2004 ch0 [special-studies summary] "},
		{"Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Compound drugs, and Opioid Treatment 2016, Section(s): 3.3 Opioids for Chronic Pain and Chronic Opioid Treatment: Initiating and Monitoring Chronic Opioid Treatment.",
			"mtus-cpmtg 2016 ch0 [compound-drugs] \nmtus-opioids-2016 2016 ch0 [3-3] "},
		{"The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Knee & Leg (Acute & Chronic), MRI's (magnetic resonance imaging).",
			"odg-knee 0 ch0 [mri] odg"},
		{"Decision based on MTUS Chronic Pian Medical Treatment 2016, Section(s): Massage therapy.",
			"unknown:Chronic Pian Medical Treatment"},
		{"Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Unicorn therapy.",
			"mtus-cpmtg 2016 ch0 [?Unicorn therapy] "},
		{"MTUS Chronic Pain Medical Treatment Guidelines (2009), Massage therapy, page 60, which is part of the MTUS.",
			"mtus-cpmtg 2009 ch0 [massage-therapy] p60"},
	}
	for _, tc := range tests {
		b := text.Join(text.New([]byte(tc.in)).Lines)
		var got []string
		for _, c := range p.citations(b, "maximus") {
			if c.Unknown.Valid() && c.Guideline == nil {
				got = append(got, "unknown:"+c.Unknown.Text)
				continue
			}
			if c.Guideline == nil {
				continue
			}
			var secs []string
			for _, s := range c.Sections {
				if s.Section == nil {
					secs = append(secs, "?"+s.Text)
				} else {
					secs = append(secs, s.Section.ID)
				}
			}
			line := fmt.Sprintf("%s %d ch%d %v ", c.Guideline.ID, c.Year, c.Chapter, secs)
			for _, pg := range c.Pages {
				line += fmt.Sprintf("p%d", pg.First)
			}
			if c.ODG {
				line += "odg"
			}
			got = append(got, line)
		}
		// Section ids are the catalog's; compare loosely on them.
		if g := strings.Join(got, "\n"); g != tc.want {
			t.Errorf("citations(%q)\n got  %q\n want %q", tc.in, g, tc.want)
		}
	}
}

// TestBasedOn: "Decision based on" and the white space after it, which
// must be there.
func TestBasedOn(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"Decision based on", "[]"},
		{"Decision based on  Decision based onx decision based on\tx", "[[0 19] [38 56]]"},
		{"Decision based on MTUS", "[[0 18]]"},
		{"Decision based on\u00a0MTUS", "[]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(basedOn(nil, c.in)); got != c.want {
			t.Errorf("basedOn(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
func TestNoCite(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"The reviewer did not cite any Medical Evidence", true},
		{"did not cite medical evidence", false},
	} {
		if got := noCite(c.in); got != c.want {
			t.Errorf("noCite(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestNonMTUS: "Non", a hyphen, a space, "MTUS", each of the middle two
// optional; a non-ASCII character is no word byte.
func TestNonMTUS(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"non-mtus", true},
		{"Non- MTUS", true},
		{"Non -MTUS", false},
		{"NonMTUSx", false},
		{"xnon mtus", false},
		{"non non-MTUS", true},
		{"Non-MTUS Citation", true},
		{"Non  MTUS", false},
		{"Non-MTUS®", true},
		{"éNon-MTUS", true},
		{"non", false},
		{"", false},
	} {
		if got := nonMTUS(c.in); got != c.want {
			t.Errorf("nonMTUS(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
func TestNamesODG(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"Official Disability Guidelines", true},
		{"ODG", true},
		{"ODGs", false},
		{"xODG", false},
		{"(ODG)", true},
		{"odg", true},
		{"official disability guideline", false},
	} {
		if got := namesODG(c.in); got != c.want {
			t.Errorf("namesODG(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestChapterBefore: "Chapter N" at the end of the text before a
// guideline's name: the match and the number.
func TestChapterBefore(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"Chapter 12, ", "[0 12 8 10]"},
		{"MTUS ACOEM Chapter 11 ", "[11 22 19 21]"},
		{"Chapter 123 ", "[]"},
		{"xChapter 1 ", "[]"},
		{"Chapter1 ", "[]"},
		{"Chapter 1:", "[0 10 8 9]"},
		{"Chapter 1 : ", "[0 12 8 9]"},
		{"Chapter\t12\t,\t", "[0 13 8 10]"},
		{"chapter 2 x", "[]"},
		{"Chapter 1,,", "[]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(chapterBefore(c.in)); got != c.want {
			t.Errorf("chapterBefore(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestYearAfter: a year right after a guideline's name: the match and
// the year.
func TestYearAfter(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{", (2009)", "[0 8 3 7]"},
		{" 2016)", "[0 6 1 5]"},
		{"(1999", "[0 5 1 5]"},
		{" ,  (2023", "[0 9 5 9]"},
		{"2101", "[]"},
		{"2016", "[0 4 0 4]"},
		{" , , 2016", "[]"},
		{"x 2016", "[]"},
		{"(20161)", "[0 5 1 5]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(yearAfter(c.in)); got != c.want {
			t.Errorf("yearAfter(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
func TestYearBefore(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"2016 ", "[0 5 0 4]"},
		{"2016 MTUS ", "[0 10 0 4]"},
		{"Guidelines 2009 ACOEM ", "[11 22 11 15]"},
		{"2016", "[]"},
		{"x2016 ", "[1 6 1 5]"},
		{"1899 ", "[]"},
		{"2016 MTUS ACOEM ", "[]"},
	} {
		if got := fmt.Sprint(yearBefore(c.in)); got != c.want {
			t.Errorf("yearBefore(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
func TestSectionsEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"Section(s): Massage", 12},
		{"Sections: x", 10},
		{"section : x", 10},
		{"Section (s) :  x", 15},
		{"Sections x", -1},
		{"Sectionss: x", -1},
		{"x section y Section: z", 21},
		{"", -1},
	} {
		if got := sectionsEnd(c.in); got != c.want {
			t.Errorf("sectionsEnd(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestSectionEnd: a section list ends at a page word, "Decision based
// on" or "which is part of".
func TestSectionEnd(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"Massage therapy, page 60", 17},
		{"x Page(s): 3", 2},
		{"x pages", 2},
		{"x pagesx", -1},
		{"x pg. 3", 2},
		{"x pgs.", 2},
		{"x pg 3", -1},
		{"xpage", -1},
		{"x Decision based on y", 2},
		{"x, which is part of the MTUS", 1},
		{"x which are a part of", 1},
		{"x  which is apart of", -1},
		{"x, which is not part of", -1},
		{"", -1},
	} {
		if got := sectionEnd(c.in); got != c.want {
			t.Errorf("sectionEnd(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestPages: each page list as the whole match and the list.
func TestPages(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"pg. 12, p. 3, Page(s): 4-5", "[[0 6 4 6] [8 12 11 12] [14 26 23 26]]"},
		{"Page(s): 265,", "[[0 12 9 12]]"},
		{"pages 10 - 12, 14", "[[0 17 6 17]]"},
		{"page 60, which", "[[0 7 5 7]]"},
		{"p. 3", "[[0 4 3 4]]"},
		{"pp. 3", "[]"},
		{"page(s) x", "[]"},
		{"Page (s): 3", "[]"},
		{"xpage 3", "[]"},
		{"page: 1 , 2-3 ,x", "[[0 13 6 13]]"},
		{"page 12345", "[[0 9 5 9]]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(pages(nil, c.in)); got != c.want {
			t.Errorf("pages(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestPageNums: each page or range, the first page and the last; a
// number has at most four digits.
func TestPageNums(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"265", "[[0 3 0 3 -1 -1]]"},
		{"10 - 12, 14", "[[0 7 0 2 5 7] [9 11 9 11 -1 -1]]"},
		{"1-", "[[0 1 0 1 -1 -1]]"},
		{"12345", "[[0 4 0 4 -1 -1] [4 5 4 5 -1 -1]]"},
		{"3-4-5", "[[0 3 0 1 2 3] [4 5 4 5 -1 -1]]"},
		{"", "[]"},
	} {
		if got := fmt.Sprint(pageNums(c.in)); got != c.want {
			t.Errorf("pageNums(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestSplitKeep: section lists split at semicolons, at commas but for
// one before a word in small letters (a title's own comma part), and at a
// small "and" that is a word before a capital or a digit.
func TestSplitKeep(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"Compound drugs, and Opioids", "[[0 14] [16 16] [20 27]]"},
		{"A;B , C", "[[0 1] [2 3] [6 7]]"},
		{"a;b , c", "[[0 1] [2 7]]"},
		{"Sand and Andy", "[[0 4] [9 13]]"},
		{"sand and andy", "[[0 13]]"},
		{"hypertension and renal function", "[[0 31]]"},
		{"Ultrasound, therapeutic, TENS", "[[0 23] [25 29]]"},
		{"X, and y", "[[0 1] [3 8]]"},
		{"a and", "[[0 5]]"},
		{"and B", "[[0 0] [4 5]]"},
		{"A,,B", "[[0 1] [2 2] [3 4]]"},
		{"a,,b", "[[0 1] [2 4]]"},
		{"A AND B", "[[0 7]]"},
		{"", "[[0 0]]"},
	} {
		if got := fmt.Sprint(splitKeep(nil, c.in, 0, len(c.in))); got != c.want {
			t.Errorf("splitKeep(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
func TestRegulations(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"8 C.C.R. 9792.24.1", "[[0 18]]"},
		{"[8 CCR 9792.20 - 9792.26]", "[[0 25]]"},
		{"section 9792.2", "[[0 14]]"},
		{"Title 8 1234.5", "[[0 14]]"},
		{"CCR § 9792.20", "[[0 14]]"},
		{"Page 123", "[]"},
	} {
		if got := fmt.Sprint(regulations(c.in)); got != c.want {
			t.Errorf("regulations(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
func TestNotRelied(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"The MTUS and ODG do not address Viagra", true},
		{"ODG is silent", true},
		{"silently", false},
		{"ODG does not discuss", true},
		{"did not mention", true},
		{"don't address", false},
		{"do not  address", false},
		{"not addressed", true},
		{"not addressedx", false},
		{"xdo not address", false},
		{"ODG did not cover x", true},
		{"", false},
	} {
		if got := notRelied(c.in); got != c.want {
			t.Errorf("notRelied(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestStartsCitation: a guideline name starts a citation when a year,
// pages or sections follow it, or "Chapter N", "MTUS" or a comma comes
// before it; one in a section title does not.
func TestStartsCitation(t *testing.T) {
	for _, c := range []struct {
		seg, name string
		want      bool
	}{
		{"Chronic Pain Medical Treatment 2016, Section(s): Compound drugs", "Chronic Pain Medical Treatment", true},
		{"Section(s): 3.3 Opioids for Chronic Pain and Chronic Opioid Treatment: Initiating", "Chronic Opioid Treatment", false},
		{"MTUS Chronic Pain Medical Treatment Guidelines", "Chronic Pain Medical Treatment", true},
		{"x, Chronic Pain Medical Treatment Guidelines", "Chronic Pain Medical Treatment", true},
		{"ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints", "Forearm, Wrist, and Hand Complaints", true},
		{"Low Back Complaints Page(s): 3", "Low Back Complaints", true},
		{"and Low Back Complaints, which", "Low Back Complaints", false},
		{"x Low Back Complaints (2004)", "Low Back Complaints", true},
		{"x Low Back Complaints® 2004", "Low Back Complaints", false},
	} {
		i := strings.Index(c.seg, c.name)
		if i < 0 {
			t.Fatalf("%q not in %q", c.name, c.seg)
		}
		if got := startsCitation(c.seg, phrase.Match{Start: i, End: i + len(c.name)}); got != c.want {
			t.Errorf("startsCitation(%q, %q) = %v, want %v", c.seg, c.name, got, c.want)
		}
	}
}

// TestSectionLists: a section list is split on the catalog's titles, comma
// parts and all ("NSAIDs, hypertension and renal function" is one title,
// "Opioids" another), never at every comma; a title's comma part the
// catalog lacks makes the whole title unknown, not the title before the
// comma; misspellings letters write are aliases.
func TestSectionLists(t *testing.T) {
	v, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := &parser{v: v, l: &Letter{}}
	const cp = "Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): "
	for _, tc := range []struct{ in, want string }{
		{cp + "NSAIDs, hypertension and renal function, Opioids.", "nsaids-hypertension-renal-function opioids"},
		{cp + "NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs).", "nsaids-gi-cardiovascular-risk proton-pump-inhibitors"},
		{cp + "NSAIDs (non-steroidal anti-inflammatory drugs), NSAIDs, GI symptoms & cardiovascular risk, NSAIDs, specific drug list & adverse effects.", "nsaids nsaids-gi-cardiovascular-risk nsaids-specific-drug-list"},
		{cp + "Ultrasound, therapeutic, TENS, chronic pain (transcutaneous electrical nerve stimulation).", "ultrasound-therapeutic tens"},
		{cp + "Transcutaneous electrotherapy, TENS, chronic pain (transcutaneous electrical nerve stimulation).", "transcutaneous-electrotherapy tens"},
		{cp + "Capsaicin, topical; Topical analgesics.", "capsaicin topical-analgesics"},
		{cp + "Opioids, criteria for use, Opioids, dosing, Antiemetics (for opioid nausea).", "opioids-criteria-for-use opioids-dosing antiemetics"},
		{cp + "Insomnia treatment, and Opioid-induced constipation treatment.", "insomnia-treatment opioid-induced-constipation-treatment"},
		{cp + "Work conditioning, work hardening, Low-level laser therapy (LLLT).", "work-conditioning low-level-laser-therapy"},
		{cp + "Celebrex (celecoxib), Flector patch (diclofenac epolamine), Diabetic neuropathy, Facet blocks.", "celebrex flector-patch diabetic-neuropathy facet-blocks"},
		{cp + "CRPS, diagnostic tests, Antidepressants for chronic pain, Tricyclics.", "crps-diagnostic-tests antidepressants tricyclics"},
		{cp + "Opiods, criteria for use.", "opioids-criteria-for-use"},
		// Not in the catalog: the whole comma-bearing title is unknown.
		{cp + "NSAIDs, unicorn effects, Opioids.", "?NSAIDs, unicorn effects opioids"},
		// (The titles found come first, then what no title covers.)
		{cp + "Unicorn therapy, Massage therapy.", "massage-therapy ?Unicorn therapy"},
		{cp + "Unicorn, winged, Massage therapy.", "massage-therapy ?Unicorn, winged"},
		{"Decision based on MTUS Low Back Complaints 2004, Section(s): Diagnositc Criteria, Special Studies.", "diagnostic-criteria special-studies"},
	} {
		b := text.Join(text.New([]byte(tc.in)).Lines)
		cs := p.citations(b, "maximus")
		if len(cs) != 1 {
			t.Errorf("%q: %d citations", tc.in, len(cs))
			continue
		}
		var got []string
		for _, s := range cs[0].Sections {
			if s.Section == nil {
				got = append(got, "?"+s.Text)
			} else {
				got = append(got, s.Section.ID)
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%q\n got  %q\n want %q", tc.in, g, tc.want)
		}
	}
}

// TestCitationSameName: a name two guidelines carry is the one with an
// edition of the year cited: "Elbow Disorders 2007" is the revised ACOEM
// chapter 10 (8 CCR 9792.23.3), "Elbow Disorders 2013" the ACOEM-based
// guideline, as is the name without a year.
func TestCitationSameName(t *testing.T) {
	v, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := &parser{v: v, l: &Letter{}}
	for _, tc := range []struct{ in, want string }{
		{"Decision based on MTUS Elbow Disorders 2007, Section(s): Lateral Epicondylalgia.", "acoem-elbow [lateral-epicondylalgia]"},
		{"Decision based on MTUS Elbow Disorders 2013, Section(s): Diagnostic Recommendations.", "mtus2017-elbow [diagnostic-recommendations]"},
		{"Decision based on MTUS Elbow Disorders.", "mtus2017-elbow []"},
		{"Decision based on MTUS Elbow Complaints 2007.", "acoem-elbow []"},
	} {
		b := text.Join(text.New([]byte(tc.in)).Lines)
		cs := p.citations(b, "maximus")
		if len(cs) != 1 || cs[0].Guideline == nil {
			t.Errorf("%q: citations %v", tc.in, cs)
			continue
		}
		var secs []string
		for _, s := range cs[0].Sections {
			if s.Section != nil {
				secs = append(secs, s.Section.ID)
			}
		}
		if g := fmt.Sprintf("%s %v", cs[0].Guideline.ID, secs); g != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, g, tc.want)
		}
	}
}

// TestNonMTUSTitle: a Non-MTUS Citation of a guideline other than ODG is
// kept as written, so the items table can show what was cited (before, the
// cell was empty and nothing said why).
func TestNonMTUSTitle(t *testing.T) {
	v, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := &parser{v: v, l: &Letter{}}
	for _, c := range []struct{ in, want string }{
		{"Decision based on Non-MTUS Citation ACOEM: Low back disorders,\ndiagnostic and treatment recommendations, MRI.",
			"ACOEM: Low back disorders, diagnostic and treatment recommendations, MRI"},
		{"Decision based on Non-MTUS Citation ACOEM Occupational Medicine Practice Guidelines, 2nd Edition.",
			"ACOEM Occupational Medicine Practice Guidelines, 2nd Edition"},
		{"Decision based on Non-MTUS: Sildenafil: Drug information.", "Sildenafil: Drug information"},
		{"Decision based on Non-MTUS Citation.", ""},
	} {
		b := text.Join(text.New([]byte(c.in)).Lines)
		cs := p.citations(b, "maximus")
		if len(cs) != 1 || !cs[0].NonMTUS || cs[0].ODG || cs[0].Guideline != nil {
			t.Errorf("%q: citations %+v, want one Non-MTUS citation of no catalog guideline", c.in, cs)
			continue
		}
		if got := strings.Join(strings.Fields(cs[0].Name.Text), " "); got != c.want {
			t.Errorf("%q: name %q, want %q", c.in, got, c.want)
		}
		if c.want != "" && !cs[0].Name.Valid() {
			t.Errorf("%q: the name has no span", c.in)
		}
	}
}
