// Package report prints what a run found, in every output format: text for
// people (compiler-style lines with the source and carets), the JSON
// contract and JSON Lines for tools, SARIF, GitHub workflow commands, JUnit
// XML and a self-contained HTML page, and the view the review page draws.
//
// It knows no stage of the pipeline. Its input is a narrow record per file
// (File: the path, the kind of file, the findings, the disputed items
// already flattened to what the reports show) and the checks' metadata
// (Check), which the engine makes from its results and the check registry.
// Positions come from internal/position, findings from internal/finding;
// a format reads a finding's fields, never its message.
//
// Every format is a Writer; Formats is the table of them by name.
package report

import (
	"io"
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
)

// File is what the reports know of one input.
type File struct {
	// Path is the input as named on the command line or by the request.
	Path string
	// Kind is "text", "pdf" or "docx": Src of a PDF or DOCX is its
	// extracted text, pages separated by form feeds, and places in it are
	// also given as a page and a line on that page.
	Kind string
	// Layout is the letter's layout ("imr-2014", "imr-2013", "unknown").
	Layout string
	// Letter: the file was read and is an IMR letter (its layout is known).
	Letter bool
	// Err is set, and the rest empty, for an input that could not be read.
	Err error
	// Src is the text the findings' spans point into.
	Src []byte
	// Items are the letter's disputed items.
	Items    []Item
	Findings []finding.Finding
	// Fingerprints hold one fingerprint per finding, identifying it
	// across edits elsewhere in the file, when the format asks for them
	// (Format.Fingerprints).
	Fingerprints []string
}

func (f File) pageLines() bool { return f.Kind == "pdf" || f.Kind == "docx" }

// errText is the file's error without the path, which the formats print
// in a field of their own.
func (f File) errText() string {
	return strings.TrimPrefix(f.Err.Error(), f.Path+": ")
}

// Quantity is an amount: {"value":12,"unit":"sessions"}; max is set for
// ranges only.
type Quantity struct {
	Value float64  `json:"value"`
	Max   *float64 `json:"max,omitempty"`
	Unit  string   `json:"unit"`
}

// Item is one disputed item as the reports show it; its JSON form is the
// contract's.
type Item struct {
	Index      int       `json:"index"`
	Treatment  string    `json:"treatment"`
	Medication string    `json:"medication,omitempty"`
	Strength   string    `json:"strength,omitempty"`
	Quantity   *Quantity `json:"quantity,omitempty"`
	Original   *Quantity `json:"original,omitempty"`
	Authorized *Quantity `json:"authorized,omitempty"`
	BodyPart   string    `json:"body_part,omitempty"`
	Decision   string    `json:"decision"`
	Line       int       `json:"line"`
	// Citations are the item's citations as written (the view and the
	// HTML report show them; the JSON contract does not carry them).
	Citations []string `json:"-"`
}

// Check is what the reports say of a check: SARIF lists every check as a
// rule, and the view explains the checks that fired.
type Check struct {
	Name     string
	Summary  string
	Severity finding.Severity
	// Doc is the check's documentation as written.
	Doc string
	// Explain is the documentation as `imrlint explain` prints it.
	Explain string
}

// Options are what a format needs besides the files.
type Options struct {
	// Version is the tool's version.
	Version string
	// Checks are the check registry's metadata, in its order.
	Checks []Check
	// Color colors the text format.
	Color bool
	// FailLevel is the least severity that fails the run (--fail-level,
	// fail_level): the JUnit report fails a file for its findings at or
	// above it. Nil is finding.Error, the command line's default.
	FailLevel *finding.Severity
	// SrcRoot is the absolute directory relative paths are against (the
	// working directory), which SARIF's originalUriBaseIds then gives as
	// the URI of %SRCROOT%; empty, the log describes %SRCROOT% without
	// naming the directory.
	SrcRoot string
}

// failLevel is o.FailLevel, finding.Error when unset.
func (o Options) failLevel() finding.Severity {
	if o.FailLevel == nil {
		return finding.Error
	}
	return *o.FailLevel
}

func (o Options) check(name string) (Check, bool) {
	for _, c := range o.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return Check{}, false
}

// A Writer prints one format. It is given the files in input order, then
// the run's summary; a format that can writes each file as it comes,
// others keep what they need of it and write at End. Writers do not
// report unreadable files on standard error: the caller does.
type Writer interface {
	File(f File) error
	End(sum Summary) error
}

// Format is one output format.
type Format struct {
	// Name is the --format value.
	Name string
	// Fingerprints: the format prints findings' fingerprints, so its
	// files must carry them (File.Fingerprints).
	Fingerprints bool
	// New starts a report on w.
	New func(w io.Writer, o Options) Writer
}

// Formats are the output formats, in the order help lists them.
var Formats = []Format{
	{Name: "text", New: newText},
	{Name: "json", New: newJSON},
	{Name: "jsonl", New: newJSONLines},
	{Name: "sarif", Fingerprints: true, New: newSARIF},
	{Name: "github", New: newGitHub},
	{Name: "junit", New: newJUnit},
	{Name: "html", New: newHTML},
}

// Lookup returns the named format.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Names are the formats' names, in table order.
func Names() []string {
	var out []string
	for _, f := range Formats {
		out = append(out, f.Name)
	}
	return out
}

// Write prints files in format f, with their summary and extra.
func Write(w io.Writer, f Format, files []File, o Options, extra Extra) error {
	wr := f.New(w, o)
	for _, file := range files {
		if err := wr.File(file); err != nil {
			return err
		}
	}
	sum := Summarize(files)
	sum.Baseline = extra.Baseline
	return wr.End(sum)
}

// Summary counts a run.
type Summary struct {
	Files    int              `json:"files"`
	Letters  int              `json:"letters"`
	Errors   int              `json:"errors"`
	Warnings int              `json:"warnings"`
	Infos    int              `json:"infos"`
	Baseline *BaselineSummary `json:"baseline,omitempty"`
}

// BaselineSummary is present when a baseline was applied: how many findings
// it suppressed, and how many of its entries were not found again (stale).
type BaselineSummary struct {
	Suppressed int `json:"suppressed"`
	Stale      int `json:"stale"`
}

// Extra is what a run adds to the summary besides counts.
type Extra struct {
	Baseline *BaselineSummary
}

// Add counts one file.
func (s *Summary) Add(f File) {
	s.Files++
	if f.Err == nil && f.Letter {
		s.Letters++
	}
	for _, x := range f.Findings {
		switch x.Severity {
		case finding.Error:
			s.Errors++
		case finding.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
}

// Summarize counts files.
func Summarize(files []File) Summary {
	var s Summary
	for _, f := range files {
		s.Add(f)
	}
	return s
}
