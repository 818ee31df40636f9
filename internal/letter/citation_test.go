package letter

import (
	"fmt"
	"strings"
	"testing"

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
