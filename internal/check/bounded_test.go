package check

import (
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/finding"
)

// TestFindingsBounded: a file lists at most MaxFindings findings; the rest
// are told in one finding, at the first left out, as severe as the most
// severe of them, with their number by check.
func TestFindingsBounded(t *testing.T) {
	var fs []finding.Finding
	for i := 0; i < 10; i++ {
		sev := finding.Warning
		check := "placeholder"
		if i == 8 {
			sev, check = finding.Error, "quantity-mismatch"
		}
		fs = append(fs, finding.Finding{Check: check, Severity: sev, Span: finding.Span{Start: i, End: i + 1}, Message: "m"})
	}
	got := bounded(append([]finding.Finding{}, fs...), 4)
	if len(got) != 5 {
		t.Fatalf("%d findings, want 4 and a summary", len(got))
	}
	sum := got[4]
	if sum.Check != LetterStructure.Name || sum.Severity != finding.Error || sum.Start != 4 {
		t.Errorf("summary %+v: want letter-structure, error (a dropped error), at the first left out", sum)
	}
	if !strings.Contains(sum.Message, "6 more findings") || !strings.Contains(sum.Message, "5 placeholder, 1 quantity-mismatch") || !strings.Contains(sum.Message, "at most 4") {
		t.Errorf("summary message %q", sum.Message)
	}
	if n := len(bounded(append([]finding.Finding{}, fs...), 0)); n != 10 {
		t.Errorf("default bound: %d findings, want all 10", n)
	}
}
