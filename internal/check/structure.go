package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
)

// NotALetter reports input that is not an IMR determination letter.
var NotALetter = &Check{
	Name:     "not-a-letter",
	Summary:  "the file is not an IMR determination letter",
	Severity: finding.Info,
	Scope:    Both,
	Doc: `
imrlint found none of the headings or item forms of an IMR final
determination letter ("IMR ISSUES, DECISIONS AND RATIONALES", an item header
ending in ": Upheld" or ": Overturned", or the 2013 layout's "Regarding the
request for ..."). No other check runs on such a file, so a file reported
here was not checked at all. If it is a letter, its layout is one imrlint does
not know yet: please report it.

Triggers: a recipe, meeting minutes, an empty template body.
Does not trigger: any letter in either layout, however badly extracted.`,
	Run: func(p *Pass) {
		// A scan has no text at all: no-text says so instead.
		if p.Letter.Layout == letter.LayoutUnknown && (p.Options == nil || !p.Options.Document.NoText) {
			p.Reportf(finding.Span{}, "this does not look like an IMR determination letter; nothing was checked")
		}
	},
}

// LetterStructure reports missing sections and items missing a part.
var LetterStructure = &Check{
	Name:     "letter-structure",
	Summary:  "a required section is missing, or an item lacks its decision, citation or rationale",
	Severity: finding.Error,
	Doc: `
A final determination must show, for every disputed item, the decision, the
guideline it relies on and the rationale; and the letter must carry its case
summary and the list of issues. A letter assembled from a template can lose
a paragraph when a block is deleted or pasted over. This check reports:

  - a missing "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES"
    (current layout) or numbered determination list (2013 layout);
  - a letter with an issues section but no item header ending in a decision;
  - an item without a "Decision rationale:" ("Rationale Used by the Expert
    Reviewer:") paragraph, or without a "MAXIMUS guideline:" ("Medical
    Treatment Guideline(s) relied upon by the Expert Reviewer:") paragraph;
  - a 2013 item with no entry in the determination list;
  - (a warning) a header or sentence so long (megabytes of numbers: a
    damaged or hostile file) that only its start was read, which keeps
    memory and time bounded by the input.

Triggers: an item header "MRI of the lumbar spine: Upheld" followed by the
guideline paragraphs and then directly by the next item.
Does not trigger: a letter with every section and every item complete.`,
	Run: func(p *Pass) {
		l := p.Letter
		for _, lim := range l.Limits {
			f := p.Reportf(lim.Span, "%s", lim.What)
			f.Severity = finding.Warning
		}
		first := finding.Span{}
		need := []string{letter.SecSummary}
		if l.Layout == letter.Layout2014 {
			need = append(need, letter.SecIssues)
		}
		for _, n := range need {
			if _, ok := l.Section(n); !ok {
				p.Reportf(first, "the letter has no %q section", n)
			}
		}
		if l.Layout == letter.Layout2013 && len(l.Determinations) == 0 {
			p.Reportf(first, "the letter has no numbered list of determinations (\"1) MAXIMUS Federal Services, Inc. has determined the request for ...\")")
		}
		if len(l.Items) == 0 {
			at := first
			if l.IssuesHeading.Valid() {
				at = l.IssuesHeading.Span
			}
			p.Reportf(at, "no disputed item with a decision was found")
			return
		}
		for _, it := range l.Items {
			at := it.Header.Span
			if it.DecisionAt.Valid() {
				at = it.DecisionAt.Span
			}
			if it.Decision == letter.NoDecision {
				p.Reportf(it.Header.Span, "item %d has no decision", it.Index)
			}
			if !it.Rationale.Present() {
				label := "Decision rationale:"
				if l.Layout == letter.Layout2013 {
					label = "Rationale Used by the Expert Reviewer:"
				}
				p.Reportf(at, "item %d (%s) has no %q paragraph", it.Index, short(it.Request.Text), label)
			} else if len(it.Rationale.Body.Text) == 0 {
				p.Reportf(it.Rationale.Label.Span, "item %d has an empty rationale", it.Index)
			}
			if !it.MaximusGuideline.Present() {
				label := "MAXIMUS guideline:"
				if l.Layout == letter.Layout2013 {
					label = "Medical Treatment Guideline(s) relied upon by the Expert Reviewer:"
				}
				p.Reportf(at, "item %d (%s) has no %q paragraph citing the guideline relied on", it.Index, short(it.Request.Text), label)
			}
			if l.Layout == letter.Layout2013 && it.Determination == nil && len(l.Determinations) > 0 {
				p.Reportf(it.Header.Span, "item %d has no entry in the numbered determination list", it.Index)
			}
		}
	},
}

// short cuts a request for a message.
func short(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 57
	for cut > 0 && s[cut] != ' ' {
		cut--
	}
	if cut == 0 {
		cut = 57
	}
	return s[:cut] + "..."
}
