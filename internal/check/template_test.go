package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/rules"
)

// tmplItem is one item of a test template.
func tmplItem(header, conclusion string) string {
	return header + `
Claims Administrator guideline: {{claims_guideline}}

MAXIMUS guideline: {{maximus_guideline}}

Decision rationale: {{rationale}} The MTUS allows 4-6 visits of massage. ` + conclusion + `

`
}

func TestHardcodedValue(t *testing.T) {
	const header = "{{treatment}}: {{quantity}} sessions ({{body_part}}): {{decision}}"
	for _, c := range []struct {
		name, header, conclusion string
		want                     []string // marked texts, in order
	}{
		{"clean", header, "The request for {{quantity}} sessions of {{treatment}} for the {{body_part}} is {{conclusion}}.", nil},
		{"quantity", header, "The request for 18 additional sessions of {{treatment}} for the {{body_part}} is {{conclusion}}.", []string{"18"}},
		{"treatment", header, "The request for {{quantity}} sessions of massage for the {{body_part}} is {{conclusion}}.", []string{"massage"}},
		{"body part and side", header, "The request for {{quantity}} sessions of {{treatment}} for the right wrist is {{conclusion}}.", []string{"right", "wrist"}},
		{"decision", header, "The request for {{quantity}} sessions of {{treatment}} for the {{body_part}} is not medically necessary.", []string{"not medically necessary"}},
		{"all of it", header, "The request for 18 additional sessions of massage therapy for the right wrist/hand is not medically necessary.", []string{"18", "massage therapy", "right", "wrist/hand", "not medically necessary"}},
		// A literal header has no field to take the value from.
		{"literal header", "Massage therapy: 12 sessions (right wrist/hand): Upheld", "The request for 12 sessions of massage therapy for the right wrist/hand is not medically necessary.", nil},
		// A literal decision with fields for the rest: the decision is not a field.
		{"literal decision", "{{treatment}}: {{quantity}} sessions ({{body_part}}): Upheld", "The request for 18 sessions of {{treatment}} for the {{body_part}} is not medically necessary.", []string{"18"}},
		// Roles from the place of fields named otherwise.
		{"by place", "[[A]]: [[B]] sessions ([[C]]): [[D]]", "The request for 18 sessions of acupuncture for the lumbar spine is medically necessary.", []string{"18", "acupuncture", "lumbar spine", "medically necessary"}},
		{"medication count", "{{medication}} {{strength}} #{{quantity}}: {{decision}}", "The request for Norco 10/325mg #120 is {{conclusion}}.", []string{"10/325mg", "120"}},
		{"other sentences are free", header, "Prior massage for the right wrist helped. The request for {{quantity}} sessions of {{treatment}} for the {{body_part}} is {{conclusion}}.", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := phLetter(tmplItem(c.header, c.conclusion))
			fs, marked := phRun(t, HardcodedValue, src, &Options{Template: true})
			if fmt.Sprintf("%q", marked) != fmt.Sprintf("%q", c.want) {
				t.Errorf("marked %q, want %q", marked, c.want)
				for _, f := range fs {
					t.Logf("  %s", f.Message)
				}
			}
			for _, f := range fs {
				if len(f.Related) != 1 {
					t.Errorf("%s: related %v, want the header field", f.Message, f.Related)
				}
			}
		})
	}
}

func TestHardcodedValueFix(t *testing.T) {
	src := phLetter(tmplItem("{{treatment}}: {{ quantity }} sessions ({{body_part}}): {{decision}}",
		"The request for 18 additional sessions of {{treatment}} for the {{body_part}} is {{conclusion}}."))
	fs, _ := phRun(t, HardcodedValue, src, &Options{Template: true})
	if len(fs) != 1 {
		t.Fatalf("findings %v", fs)
	}
	f := fs[0]
	if f.Fix == nil || f.Fix.Replacement != "{{ quantity }}" || src[f.Fix.Start:f.Fix.End] != "18" {
		t.Errorf("fix %+v, want 18 -> {{ quantity }}", f.Fix)
	}
	if got := src[f.Related[0].Start:f.Related[0].End]; got != "{{ quantity }}" {
		t.Errorf("related marks %q", got)
	}
	if !strings.Contains(f.Message, `quantity "18"`) || !strings.Contains(f.Message, "{{ quantity }}") {
		t.Errorf("message %q", f.Message)
	}
	// Letters are not templates.
	if fs, _ := phRun(t, HardcodedValue, src, nil); len(fs) != 0 {
		t.Errorf("ran on a letter: %v", fs)
	}
}

func TestHardcodedValue2013(t *testing.T) {
	src := `Notice of Independent Medical Review Determination

1) MAXIMUS Federal Services, Inc. has determined the request for {{quantity}} sessions of {{treatment}} is {{conclusion}}.

CLINICAL CASE SUMMARY
{{case_summary}}

1) Regarding the request for {{quantity}} sessions of {{treatment}} for the {{body_part}}:
Medical Treatment Guideline(s) relied upon by the Expert Reviewer: {{guideline}}
Rationale Used by the Expert Reviewer: {{rationale}} The request for 18 sessions of {{treatment}} for the {{body_part}} is {{conclusion}}.
`
	_, marked := phRun(t, HardcodedValue, src, &Options{Template: true})
	if fmt.Sprint(marked) != "[18]" {
		t.Errorf("marked %q, want [18]", marked)
	}
}

func TestRoleByName(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{
		"quantity": roleQuantity, "Requested_Qty": roleQuantity, "num_visits": roleQuantity,
		"body_part": roleBody, "BodyRegion": roleBody, "side": roleSide,
		"treatment": roleTreatment, "service_requested": roleTreatment, "medication": roleTreatment,
		"decision": roleDecision, "item2_decision": roleDecision, "Outcome": roleDecision,
		"strength": roleStrength, "patient_name": roleNone, "": roleNone,
	} {
		if got := roleByName(field, set.Words.FieldRoles); got != want {
			t.Errorf("roleByName(%q) = %q, want %q", field, got, want)
		}
	}
}

func TestPlaceholderConsistency(t *testing.T) {
	src := phLetter(tmplItem("{{treatment}}: {{quantity}} sessions ({{body_part}}): {{decision}}",
		"The request for {{ quantity }} sessions of {{treatment}} for the {{bodyPart}} is {{conclusion}}. [Insert date] ____ {{Body_Part}} {{body_part}}"))
	fs, marked := phRun(t, PlaceholderConsistency, src, &Options{Template: true})
	if fmt.Sprint(marked) != "[{{bodyPart}} {{Body_Part}}]" {
		t.Fatalf("marked %q, want the two minority spellings", marked)
	}
	for _, f := range fs {
		if f.Fix == nil || f.Fix.Replacement != "{{body_part}}" {
			t.Errorf("%s: fix %+v", f.Message, f.Fix)
		}
		if len(f.Related) == 0 || src[f.Related[0].Start:f.Related[0].End] != "{{body_part}}" {
			t.Errorf("%s: related %+v, want the first {{body_part}}", f.Message, f.Related)
		}
		if !strings.Contains(f.Message, `spelled "body_part" elsewhere`) {
			t.Errorf("message %q", f.Message)
		}
	}

	// With a field list: respellings of listed fields and unknown fields.
	fields := []string{"treatment", "quantity", "bodyPart", "decision", "claims_guideline", "maximus_guideline", "rationale"}
	fs, marked = phRun(t, PlaceholderConsistency, src, &Options{Template: true, Fields: fields})
	want := []string{"{{body_part}}", "{{conclusion}}", "{{Body_Part}}"}
	if fmt.Sprintf("%q", marked) != fmt.Sprintf("%q", want) {
		t.Fatalf("with fields: marked %q, want %q", marked, want)
	}
	if !strings.Contains(fs[0].Message, `which spells it "bodyPart"`) || fs[0].Fix == nil || fs[0].Fix.Replacement != "{{bodyPart}}" {
		t.Errorf("respelling: %q fix %+v", fs[0].Message, fs[0].Fix)
	}
	if len(fs[0].Related) != 1 {
		t.Errorf("the second {{body_part}} should be related: %+v", fs[0].Related)
	}
	if !strings.Contains(fs[1].Message, `unknown field "conclusion"`) || fs[1].Fix != nil {
		t.Errorf("unknown: %q fix %+v", fs[1].Message, fs[1].Fix)
	}

	// Consistent spellings, other spacing: nothing.
	clean := phLetter(tmplItem("{{treatment}}: {{quantity}} sessions ({{body_part}}): {{decision}}",
		"The request for {{ quantity }} sessions of {{treatment}} for the {{ body_part }} is {{conclusion}}."))
	if fs, _ := phRun(t, PlaceholderConsistency, clean, &Options{Template: true}); len(fs) != 0 {
		t.Errorf("clean template: %v", fs)
	}
}
