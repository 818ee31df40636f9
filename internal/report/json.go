// Package report prints results: the text format for people (compiler-style
// lines with the source and carets) and the JSON contract for tools.
package report

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/extract"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// The JSON types are a contract: field names and meanings do not change.

// JSONReport is the whole JSON output.
type JSONReport struct {
	Tool    JSONTool   `json:"tool"`
	Files   []JSONFile `json:"files"`
	Summary Summary    `json:"summary"`
}

// JSONTool names the tool.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONFile is one input.
type JSONFile struct {
	Path     string        `json:"path"`
	Layout   string        `json:"layout"`
	Error    string        `json:"error,omitempty"`
	Items    []JSONItem    `json:"items"`
	Findings []JSONFinding `json:"findings"`
}

// JSONQuantity is an amount: {"value":12,"unit":"sessions"}; max is set for
// ranges only.
type JSONQuantity struct {
	Value float64  `json:"value"`
	Max   *float64 `json:"max,omitempty"`
	Unit  string   `json:"unit"`
}

// JSONItem is one disputed item.
type JSONItem struct {
	Index      int           `json:"index"`
	Treatment  string        `json:"treatment"`
	Medication string        `json:"medication,omitempty"`
	Strength   string        `json:"strength,omitempty"`
	Quantity   *JSONQuantity `json:"quantity,omitempty"`
	Original   *JSONQuantity `json:"original,omitempty"`
	Authorized *JSONQuantity `json:"authorized,omitempty"`
	BodyPart   string        `json:"body_part,omitempty"`
	Decision   string        `json:"decision"`
	Line       int           `json:"line"`
}

// JSONRange is a place in the file; end_column is exclusive. For a PDF or
// DOCX file, lines and columns are those of its extracted text, and page
// and page_line say where the place is on the document's pages.
type JSONRange struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"end_line"`
	EndColumn int `json:"end_column"`
	Page      int `json:"page,omitempty"`
	PageLine  int `json:"page_line,omitempty"`
}

// JSONRelated is a related place.
type JSONRelated struct {
	JSONRange
	Message string `json:"message"`
}

// JSONFix is a certain edit.
type JSONFix struct {
	JSONRange
	Replacement string `json:"replacement"`
}

// JSONFinding is one finding.
type JSONFinding struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	JSONRange
	Related    []JSONRelated `json:"related,omitempty"`
	Fix        *JSONFix      `json:"fix,omitempty"`
	Suggestion *JSONFix      `json:"suggestion,omitempty"`
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

// Summarize counts results.
func Summarize(rs []engine.Result) Summary {
	var s Summary
	for _, r := range rs {
		s.Files++
		if r.Err == nil && r.Layout() != letter.LayoutUnknown {
			s.Letters++
		}
		for _, f := range r.Findings {
			switch f.Severity {
			case finding.Error:
				s.Errors++
			case finding.Warning:
				s.Warnings++
			default:
				s.Infos++
			}
		}
	}
	return s
}

func rangeOf(x *text.LineIndex, sp finding.Span) JSONRange {
	a, b := x.Position(sp.Start), x.Position(sp.End)
	return JSONRange{Line: a.Line, Column: a.Column, EndLine: b.Line, EndColumn: b.Column}
}

func jsonQuantity(q *letter.Quantity) *JSONQuantity {
	if q == nil {
		return nil
	}
	j := &JSONQuantity{Value: q.Value, Unit: string(q.Unit)}
	if q.Kind == quantity.Range && q.Max != q.Value {
		m := q.Max
		j.Max = &m
	}
	return j
}

// BodyPartText renders an item's body parts as "right wrist/hand".
func BodyPartText(v *rules.Set, bps []letter.BodyPart) string {
	var parts []string
	seen := map[string]bool{}
	for _, b := range bps {
		s := b.Side
		if b.Region != "" {
			r, _ := v.RegionByID(b.Region)
			s = strings.TrimSpace(s + " " + r.Name)
		}
		if s != "" && !seen[s] {
			seen[s] = true
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// ToJSON builds the JSON report.
func ToJSON(rs []engine.Result, v *rules.Set, version string, extra Extra) JSONReport {
	rep := JSONReport{Tool: JSONTool{Name: "imrlint", Version: version}, Files: []JSONFile{}, Summary: Summarize(rs)}
	rep.Summary.Baseline = extra.Baseline
	for _, r := range rs {
		rep.Files = append(rep.Files, FileJSON(r, v))
	}
	return rep
}

// FileJSON is one file's part of the JSON report. A long run converts each
// result as it comes and keeps only this, not the letter.
func FileJSON(r engine.Result, v *rules.Set) JSONFile {
	jf := JSONFile{Path: r.Path, Layout: string(r.Layout()), Items: []JSONItem{}, Findings: []JSONFinding{}}
	if r.Err != nil {
		jf.Error = errText(r)
		return jf
	}
	// The line index is built only for a file with findings: most letters
	// of an archive have none, and indexing every line of each was 4 % of
	// a batch's time.
	var x *text.LineIndex
	at := func(sp finding.Span) JSONRange {
		if x == nil {
			x = text.NewLineIndex(r.Src)
		}
		jr := rangeOf(x, sp)
		if r.Kind == "pdf" || r.Kind == "docx" {
			jr.Page, jr.PageLine = extract.Position(r.Src, sp.Start)
		}
		return jr
	}
	for _, it := range r.Letter.Items {
		ji := JSONItem{Index: it.Index, Treatment: it.Treatment.Name, Quantity: jsonQuantity(it.Quantity),
			Original: jsonQuantity(it.Original), Authorized: jsonQuantity(it.Authorized),
			BodyPart: BodyPartText(v, it.BodyParts), Decision: string(it.Decision), Line: it.Line}
		if ji.Treatment == "" {
			ji.Treatment = strings.ToLower(strings.TrimSpace(it.Request.Text))
		}
		if it.Medication != nil {
			ji.Medication = it.Medication.Name.Text
			ji.Strength = it.Medication.Strength.Strength
		}
		jf.Items = append(jf.Items, ji)
	}
	for _, f := range r.Findings {
		jfi := JSONFinding{Check: f.Check, Severity: f.Severity.String(), Message: f.Message, JSONRange: at(f.Span)}
		for _, rel := range f.Related {
			jfi.Related = append(jfi.Related, JSONRelated{JSONRange: at(rel.Span), Message: rel.Message})
		}
		if f.Fix != nil {
			jfi.Fix = &JSONFix{JSONRange: at(f.Fix.Span), Replacement: f.Fix.Replacement}
		}
		if f.Suggestion != nil {
			jfi.Suggestion = &JSONFix{JSONRange: at(f.Suggestion.Span), Replacement: f.Suggestion.Replacement}
		}
		jf.Findings = append(jf.Findings, jfi)
	}
	return jf
}

// WriteJSONReport prints a report built file by file.
func WriteJSONReport(w io.Writer, rep JSONReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}

// WriteJSONLine prints one value as one line of JSON Lines.
func WriteJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// errText is the file's error without the path, which the JSON carries in
// its own field.
func errText(r engine.Result) string {
	return strings.TrimPrefix(r.Err.Error(), r.Path+": ")
}

// WriteJSON prints the JSON report, indented, with a final newline.
func WriteJSON(w io.Writer, rs []engine.Result, v *rules.Set, version string, extra Extra) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ToJSON(rs, v, version, extra))
}
