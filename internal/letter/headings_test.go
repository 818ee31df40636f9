package letter

import (
	"fmt"
	"strings"
	"testing"
)

// TestHeading: a heading is a whole line, in any case, with its colon
// right after it or none.
func TestHeading(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"RATIONALE:", "RATIONALE"},
		{"Rationale::", ""},
		{"IMR ISSUES DECISIONS AND RATIONALE", "IMR ISSUES, DECISIONS AND RATIONALES"},
		{"IMR Issues, Decisions, and Rationales:", "IMR ISSUES, DECISIONS AND RATIONALES"},
		{"EXPERT REVIEWER'S DECISION AND RATIONALE", "RATIONALE"},
		{"Expert Reviewers Decision and Rationale:", "RATIONALE"},
		{"how the imr final determination was made", "HOW THE IMR FINAL DETERMINATION WAS MADE"},
		{"HOW THE FINAL DETERMINATION WAS MADE", "HOW THE IMR FINAL DETERMINATION WAS MADE"},
		{"Clinical Case Summary", "CLINICAL CASE SUMMARY"},
		{"CLINICAL CASE SUMMARY :", ""},
		{"Medical Records Reviewed:", "DOCUMENTS REVIEWED"},
		{"DOCUMENTS REVIEWED", "DOCUMENTS REVIEWED"},
		{"Notice of Independent Medical Review Determination", "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION"},
		{"STATEMENT OF THE DETERMINATION:", "RATIONALE"},
		{"Expert Reviewer Analysis and Rationale", "RATIONALE"},
		{"RATIONALE.", ""},
		{" RATIONALE", ""},
		{"RATIONALE®", ""},
		{"Rationales", ""},
		{"", ""},
		{":", ""},
		{"Decision rationale:", ""},
		{"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr", ""},
		{"CLINICAL CASE SUMMARY\u00a0", ""},
	} {
		if got := heading(c.in); got != c.want {
			t.Errorf("heading(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// labelNames name allLabels' labels, in its order.
var labelNames = []string{"claims", "maximus", "rationale", "guideline2013", "rationale2013", "intro"}

// labelsAt renders the labels s starts with, and where each ends.
func labelsAt(s string) string {
	var r []string
	for k, lb := range allLabels {
		if e := lb(s); e >= 0 {
			r = append(r, fmt.Sprintf("%s=%d", labelNames[k], e))
		}
	}
	return strings.Join(r, " ")
}

// TestLabels: the paragraph labels a line starts with, and their ends. A
// label ends in its colon, white space before it allowed; "ſ" is not an s
// (Go's (?i) would take it for one).
func TestLabels(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"Claims Administrator guideline:", "claims=31"},
		{"Claims Administrator guidelinesS:", ""},
		{"Claims Administrator guidelines \t :x", "claims=35"},
		{"claims administrator guidelines:", "claims=32"},
		{"Claims Administrator guidelines", ""},
		{"MAXIMUS guidelines :", "maximus=20"},
		{"MAXIMUS guideline:", "maximus=18"},
		{"Maximus guidelines\u00a0:", ""},
		{"Decision rationale:", "rationale=19"},
		{"Decision rationale", ""},
		{"DECISION RATIONALE :", "rationale=20"},
		{"The Final Determination was based on decisionsX", "intro=46"},
		{"The Final Determination was based on decisions for", "intro=46"},
		{"Medical Treatment Guideline(s) relied upon by the Expert Reviewer:", "guideline2013=66"},
		{"Medical Treatment Guidelines(s) relied upon by the Expert Reviewer :", "guideline2013=68"},
		{"Medical Treatment Guidelines relied upon by the Expert Reviewer", ""},
		{"Medical Treatment Guidelines relied upon by the Expert Reviewer:", "guideline2013=64"},
		{"Medical Treatment Guideline (s) relied upon by the Expert Reviewer:", ""},
		{"Rationale Used by the Expert Reviewer:", "rationale2013=38"},
		{"Rationale Used by the Expert Reviewer", ""},
		{"Rationale Uſed by the Expert Reviewer:", ""},
		{" Decision rationale:", ""},
		{"", ""},
	} {
		if got := labelsAt(c.in); got != c.want {
			t.Errorf("labelsAt(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
