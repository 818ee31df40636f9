// Package check holds imrlint's checks. A check is a named, documented unit,
// in the manner of golang.org/x/tools/go/analysis: it reads one parsed
// letter and the loaded rules and reports findings with exact positions.
// Checks do not read files, print, or depend on each other; the engine runs
// them and the report package prints what they found.
package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/imrlint/imrlint/internal/document"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/placeholder"
	"github.com/imrlint/imrlint/internal/rules"
)

// Check is one named check.
type Check struct {
	// Name is the check's id, as users write it in configuration and as it
	// appears in output: lower-case words joined by hyphens.
	Name string
	// Summary is one line saying what the check reports.
	Summary string
	// Doc explains the fault, why it matters, and how to fix it; printed by
	// `imrlint explain`. It ends with examples that trigger the check and
	// that do not.
	Doc string
	// Severity is the default severity of its findings.
	Severity finding.Severity
	// Scope says whether the check reads issued letters, templates, or
	// both (see Options.Template).
	Scope Scope
	// Run inspects one letter. One Pass serves every check of a run in
	// turn, so Run must not keep p, or anything of it, once it returns,
	// nor hand it to goroutines.
	Run func(*Pass)
}

// Scope is the kind of file a check reads.
type Scope int

const (
	// Letters: rendered letters only (the default). In a template the
	// placeholders stand where the values are, so these checks do not run.
	Letters Scope = iota
	// Templates: letter templates only.
	Templates
	// Both letters and templates.
	Both
)

// Applies reports whether the check runs on a template (or a letter).
func (c *Check) Applies(template bool) bool {
	switch c.Scope {
	case Templates:
		return template
	case Both:
		return true
	}
	return !template
}

// Options are per-run settings from the configuration that checks read.
type Options struct {
	// Template marks the file as a letter template: placeholders are
	// expected in it.
	Template bool
	// Placeholders are the placeholder syntaxes in use; empty means every
	// built-in syntax (placeholder.Builtin).
	Placeholders []*Syntax
	// Fields are the template fields the configuration knows; empty means
	// any field is accepted.
	Fields []string
	// Document describes the file the text was extracted from.
	Document Document
	// MaxFindings bounds the findings of one file (0: DefaultMaxFindings);
	// the rest are told in one summary finding.
	MaxFindings int
}

// DefaultMaxFindings is the most findings one file lists: a damaged file
// can give one a word, and a reviewer reads none of a hundred thousand.
const DefaultMaxFindings = 1000

// Document is what text extraction learned of the input file: the one type
// extraction fills (extract.Document embeds it) and the checks read.
type Document = document.Info

// Syntax is one placeholder syntax: a pattern whose first group taking part
// in a match, when it has one, is the field name. See package placeholder
// for the built-in syntaxes (placeholder.Builtin, placeholder.Compile).
type Syntax = placeholder.Syntax

// Pass is one run of one check over one letter.
type Pass struct {
	Check   *Check
	Letter  *letter.Letter
	Rules   *rules.Set
	Options *Options
	out     *[]finding.Finding
	ix      *setIndex // of Rules, once asked for
}

// Report records a finding; an unset severity takes the check's default.
func (p *Pass) Report(f finding.Finding) {
	f.Check = p.Check.Name
	*p.out = append(*p.out, f)
}

// Reportf records a finding of the check's default severity.
func (p *Pass) Reportf(span finding.Span, format string, args ...any) *finding.Finding {
	*p.out = append(*p.out, finding.Finding{Check: p.Check.Name, Severity: p.Check.Severity, Message: fmt.Sprintf(format, args...), Span: span})
	return &(*p.out)[len(*p.out)-1]
}

// All lists every check, in the order their documentation is printed.
var All = []*Check{
	NotALetter,
	LetterStructure,
	QuantityMismatch,
	DecisionConflict,
	BodyPartMismatch,
	TreatmentMismatch,
	DemographicInconsistency,
	DateMismatch,
	CopiedRationale,
	CitationUnknown,
	CitationChapterTitle,
	CitationPage,
	CitationBodyPart,
	CitationVersion,
	CitationTreatment,
	MisquotedLimit,
	GuidelineConflict,
	FunctionalImprovement,
	PartialPortion,
	UncitedGuideline,
	Placeholder,
	HardcodedValue,
	PlaceholderConsistency,
	BoilerplateDrift,
	NoText,
	TrackedChanges,
}

// ByName returns the named check.
func ByName(name string) *Check {
	for _, c := range All {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Run runs checks over a letter and returns their findings, sorted by
// position, then check name. Checks whose Scope does not fit the file
// (letter or template) are skipped.
func Run(l *letter.Letter, r *rules.Set, checks []*Check, opts *Options) []finding.Finding {
	if opts == nil {
		opts = &Options{}
	}
	var out []finding.Finding
	// One Pass serves every check in turn: checks do not keep it past
	// their Run, and a Pass each was an allocation each.
	p := &Pass{Letter: l, Rules: r, Options: opts, out: &out}
	for _, c := range checks {
		// File-level checks (a scan with no text, tracked changes) say
		// something of any file, letter or not, template or not.
		always := c == NotALetter || FileLevel(c)
		if l.Layout == letter.LayoutUnknown && !always {
			continue
		}
		if !c.Applies(opts.Template) && !always {
			continue
		}
		p.Check = c
		n := len(out)
		c.Run(p)
		if c == NotALetter {
			// Not a letter: nothing in the file to point at.
			for i := n; i < len(out); i++ {
				out[i].FileLevel = out[i].Span == (finding.Span{})
			}
		}
	}
	Sort(out)
	return bounded(dedupe(out), opts.MaxFindings)
}

// bounded keeps the first max findings (by place) and tells the rest in
// one finding at the first left out, as severe as the most severe of
// them, so that the exit code still counts them.
func bounded(fs []finding.Finding, max int) []finding.Finding {
	if max <= 0 {
		max = DefaultMaxFindings
	}
	if len(fs) <= max {
		return fs
	}
	rest := fs[max:]
	sev := finding.Info
	by := map[string]int{}
	var names []string
	for _, f := range rest {
		if f.Severity > sev {
			sev = f.Severity
		}
		if by[f.Check] == 0 {
			names = append(names, f.Check)
		}
		by[f.Check]++
	}
	sort.Slice(names, func(i, j int) bool {
		return by[names[i]] > by[names[j]] || by[names[i]] == by[names[j]] && names[i] < names[j]
	})
	var parts []string
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%d %s", by[n], n))
	}
	sum := finding.Finding{
		Check:    LetterStructure.Name,
		Severity: sev,
		Span:     rest[0].Span,
		Message:  fmt.Sprintf("%d more findings from here on are not listed (%s): a file lists at most %d", len(rest), strings.Join(parts, ", "), max),
	}
	return append(fs[:max:max], sum)
}

// Sort orders findings by start, end, check and message.
func Sort(fs []finding.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Check != b.Check {
			return a.Check < b.Check
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Message < b.Message
	})
}

func dedupe(fs []finding.Finding) []finding.Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f.Check == fs[i-1].Check && f.Span == fs[i-1].Span && f.Message == fs[i-1].Message {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Explain renders a check's documentation for `imrlint explain`.
func (c *Check) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (default severity: %s)\n\n%s\n\n%s\n", c.Name, c.Severity, c.Summary, strings.TrimSpace(c.Doc))
	return b.String()
}
