package report

import (
	"encoding/json"
	"io"
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
	Items    []Item        `json:"items"`
	Findings []JSONFinding `json:"findings"`
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

func (p Place) json() JSONRange {
	return JSONRange{Line: p.Start.Line, Column: p.Start.Column, EndLine: p.End.Line, EndColumn: p.End.Column, Page: p.Page, PageLine: p.PageLine}
}

// ToJSON builds the JSON report.
func ToJSON(files []File, version string, extra Extra) JSONReport {
	rep := JSONReport{Tool: JSONTool{Name: "imrlint", Version: version}, Files: []JSONFile{}, Summary: Summarize(files)}
	rep.Summary.Baseline = extra.Baseline
	for _, f := range files {
		rep.Files = append(rep.Files, FileJSON(f))
	}
	return rep
}

// FileJSON is one file's part of the JSON report.
func FileJSON(f File) JSONFile {
	jf := JSONFile{Path: f.Path, Layout: f.Layout, Items: []Item{}, Findings: []JSONFinding{}}
	if f.Err != nil {
		jf.Error = f.errText()
		return jf
	}
	jf.Items = append(jf.Items, f.Items...)
	fs, _ := resolve(f, false)
	for _, x := range fs {
		jfi := JSONFinding{Check: x.Check, Severity: x.Severity.String(), Message: x.Message, JSONRange: x.At.json()}
		for i, rel := range x.Finding.Related {
			jfi.Related = append(jfi.Related, JSONRelated{JSONRange: x.Related[i].json(), Message: rel.Message})
		}
		if x.Fix != nil {
			jfi.Fix = &JSONFix{JSONRange: x.Fix.json(), Replacement: x.Finding.Fix.Replacement}
		}
		if x.Suggestion != nil {
			jfi.Suggestion = &JSONFix{JSONRange: x.Suggestion.json(), Replacement: x.Finding.Suggestion.Replacement}
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

// jsonWriter is the JSON format: one object, written file by file
// (JSONStream), so that a run over an archive keeps no file's report once
// it is written.
type jsonWriter struct{ s *JSONStream }

func newJSON(w io.Writer, o Options) Writer { return jsonWriter{NewJSONStream(w, o.Version)} }

func (j jsonWriter) File(f File) error {
	j.s.File(FileJSON(f))
	return j.s.err
}

func (j jsonWriter) End(sum Summary) error { return j.s.End(sum) }

// jsonLines is the JSON Lines format: each file's object of the JSON
// contract on a line as soon as it comes, then {"summary": ...}.
type jsonLines struct{ w io.Writer }

func newJSONLines(w io.Writer, o Options) Writer { return jsonLines{w} }

func (j jsonLines) File(f File) error { return WriteJSONLine(j.w, FileJSON(f)) }

func (j jsonLines) End(sum Summary) error {
	return WriteJSONLine(j.w, map[string]any{"summary": sum})
}
