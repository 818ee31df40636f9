package letter

import (
	"strings"

	"github.com/imrlint/imrlint/internal/ascii"
)

// Section headings and paragraph labels: the lines that give a letter its
// structure, looked for in every line.

// Canonical section names.
const (
	SecHow       = "HOW THE IMR FINAL DETERMINATION WAS MADE"
	SecSummary   = "CLINICAL CASE SUMMARY"
	SecIssues    = "IMR ISSUES, DECISIONS AND RATIONALES"
	SecNotice    = "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION"
	SecDocs      = "DOCUMENTS REVIEWED"
	SecRationale = "RATIONALE"
	// SecQualifications is the 2013 layout's "Medical Qualifications of
	// the Expert Reviewer:", before its "Case Summary:".
	SecQualifications = "MEDICAL QUALIFICATIONS OF THE EXPERT REVIEWER"
)

// headingPhrases are the section headings, lower-cased and without their
// optional closing colon, with the canonical section name of each. A
// heading is a whole line, in any case, with or without a colon:
//
//	(?i)^HOW THE (IMR )?FINAL DETERMINATION WAS MADE:?$
//	(?i)^(CLINICAL )?CASE SUMMARY:?$
//	(?i)^MEDICAL QUALIFICATIONS OF THE EXPERT REVIEWER:?$
//	(?i)^IMR ISSUES,? DECISIONS,? AND RATIONALES?:?$
//	(?i)^Notice of Independent Medical Review Determination:?$
//	(?i)^(DOCUMENTS|MEDICAL RECORDS) REVIEWED:?$
//	(?i)^(RATIONALE|STATEMENT OF THE DETERMINATION|EXPERT REVIEWER'?S DECISION AND RATIONALE|
//	  EXPERT REVIEWER ANALYSIS AND RATIONALE|INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE):?$
//
// The forms are finite: spelled out, a heading is one map look-up.
var headingPhrases = map[string]string{}

// maxHeading is the length of the longest heading phrase.
var maxHeading int

func init() {
	add := func(name string, phrases ...string) {
		for _, ph := range phrases {
			headingPhrases[ph] = name
			maxHeading = max(maxHeading, len(ph))
		}
	}
	add(SecHow, "how the final determination was made", "how the imr final determination was made")
	// "Case Summary:" heads the summary of letters as 2013 issued them.
	add(SecSummary, "clinical case summary", "case summary")
	add(SecQualifications, "medical qualifications of the expert reviewer")
	for _, c1 := range []string{"", ","} {
		for _, c2 := range []string{"", ","} {
			for _, s := range []string{"", "s"} {
				add(SecIssues, "imr issues"+c1+" decisions"+c2+" and rationale"+s)
			}
		}
	}
	add(SecNotice, "notice of independent medical review determination")
	add(SecDocs, "documents reviewed", "medical records reviewed")
	add(SecRationale, "rationale", "statement of the determination", "expert reviewer's decision and rationale",
		"expert reviewers decision and rationale", "expert reviewer analysis and rationale",
		"independent medical review decision and rationale")
}

// heading is the canonical name of the section heading s is, or "".
func heading(s string) string {
	s = strings.TrimSuffix(s, ":")
	var buf [64]byte
	if len(s) == 0 || len(s) > maxHeading || len(s) > len(buf) {
		return ""
	}
	// Every heading starts with one of these letters; most lines do not.
	switch s[0] | 0x20 {
	case 'h', 'c', 'i', 'n', 'd', 'm', 'r', 's', 'e':
	default:
		return ""
	}
	lb := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		lb[i] = ascii.Lower(s[i])
	}
	return headingPhrases[string(lb)]
}

// isHeading reports whether s is a section heading.
func isHeading(s string) bool { return heading(s) != "" }

// label reads a paragraph label at the start of a line: the end of the
// label, or -1.
type label func(s string) int

var (
	labels2014 = []label{claimsLabel, maximusLabel, rationaleLabel}
	labels2013 = []label{guideline2013, rationale2013}
	allLabels  = []label{claimsLabel, maximusLabel, rationaleLabel, guideline2013, rationale2013, introLabel}
)

// mayBeLabel reports whether s starts with the first letter of a
// paragraph label; most lines start otherwise and need no label read.
func mayBeLabel(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case 'C', 'c', 'M', 'm', 'D', 'd', 'R', 'r', 'T', 't':
		return true
	}
	return false
}

// isLabel reports whether s starts with any paragraph label.
func isLabel(s string) bool {
	if !mayBeLabel(s) {
		return false
	}
	for _, lb := range allLabels {
		if lb(s) >= 0 {
			return true
		}
	}
	return false
}

// colonEnd reads `\s*:` at s[i:]: the end of the colon, or -1.
func colonEnd(s string, i int) int {
	i = spacesAfter(s, i)
	if i < len(s) && s[i] == ':' {
		return i + 1
	}
	return -1
}

// claimsLabel is `(?i)^Claims Administrator guidelines?\s*:`.
func claimsLabel(s string) int {
	const lit = "claims administrator guideline"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, optS(s, len(lit)))
}

// maximusLabel is `(?i)^MAXIMUS guidelines?\s*:`.
func maximusLabel(s string) int {
	const lit = "maximus guideline"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, optS(s, len(lit)))
}

// rationaleLabel is `(?i)^Decision rationale\s*:`.
func rationaleLabel(s string) int {
	const lit = "decision rationale"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, len(lit))
}

// introLabel is `(?i)^The Final Determination was based on decisions`.
func introLabel(s string) int {
	const lit = "the final determination was based on decisions"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return len(lit)
}

// guideline2013 is `(?i)^Medical Treatment Guidelines?(?:\(s\))? relied
// upon by the Expert Reviewer\s*:`.
func guideline2013(s string) int {
	const lit, rest = "medical treatment guideline", " relied upon by the expert reviewer"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	i := optS(s, len(lit))
	if ascii.HasPrefixFold(s[i:], "(s)") {
		i += 3
	}
	if !ascii.HasPrefixFold(s[i:], rest) {
		return -1
	}
	return colonEnd(s, i+len(rest))
}

// rationale2013 is `(?i)^Rationale Used by the Expert Reviewer\s*:`.
func rationale2013(s string) int {
	const lit = "rationale used by the expert reviewer"
	if !ascii.HasPrefixFold(s, lit) {
		return -1
	}
	return colonEnd(s, len(lit))
}
