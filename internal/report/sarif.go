package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/finding"
)

// SARIF 2.1.0 output, shaped for GitHub code scanning
// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
//
// Letters hold protected health information, and a SARIF file is uploaded
// to a third party and kept there. So the log carries positions, messages,
// fix replacements and fingerprints, never the letter's text: no
// region.snippet, no contextRegion, no artifact contents. Messages may quote
// short values ("18 sessions"), as they do in every other format.

const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	// SARIFFingerprintKey names imrlint's entry in partialFingerprints;
	// the /v1 suffix lets the fingerprint's recipe change without
	// matching old alerts to new ones by accident.
	SARIFFingerprintKey = "imrlintFingerprint/v1"
	// srcRoot is the uriBaseId of relative paths: the directory imrlint ran
	// in, which in CI is the repository checkout that GitHub resolves
	// %SRCROOT% to.
	srcRoot = "%SRCROOT%"
	toolURI = "https://github.com/imrlint/imrlint"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// OriginalURIBaseIDs says what each uriBaseId of the log stands for
	// (SARIF 2.1.0 §3.14.14).
	OriginalURIBaseIDs map[string]sarifBaseLocation `json:"originalUriBaseIds"`
	Results            []sarifResult                `json:"results"`
	ColumnKind         string                       `json:"columnKind"`
}

// sarifBaseLocation is the artifactLocation a uriBaseId stands for. Its
// uri, when known, is an absolute URI ending in a slash (§3.14.14); when
// absent, consumers resolve the base id by other means, as GitHub code
// scanning resolves %SRCROOT% to the checkout.
type sarifBaseLocation struct {
	URI         string    `json:"uri,omitempty"`
	Description sarifText `json:"description"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion counts columns and characters in Unicode code points
// (run.columnKind), as the JSON report and editors do. CharOffset is a
// pointer because 0 is a real offset.
type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	CharOffset  *int `json:"charOffset,omitempty"`
	CharLength  *int `json:"charLength,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

// sarifWriter prints a SARIF 2.1.0 log of one run: every check of
// Options.Checks as a rule (so that code scanning can show a rule's help
// even before it fires), one result per finding, and a tool execution
// notification per file that could not be read.
type sarifWriter struct {
	w         io.Writer
	run       sarifRun
	inv       sarifInvocation
	ruleIndex map[string]int
}

func newSARIF(w io.Writer, o Options) Writer {
	s := &sarifWriter{w: w, ruleIndex: map[string]int{}, inv: sarifInvocation{ExecutionSuccessful: true}}
	s.run = sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "imrlint",
			Version:        o.Version,
			InformationURI: toolURI,
			Rules:          []sarifRule{},
		}},
		OriginalURIBaseIDs: map[string]sarifBaseLocation{srcRoot: srcRootLocation(o.SrcRoot)},
		Results:            []sarifResult{},
		ColumnKind:         "unicodeCodePoints",
	}
	for i, c := range o.Checks {
		s.ruleIndex[c.Name] = i
		s.run.Tool.Driver.Rules = append(s.run.Tool.Driver.Rules, sarifRuleOf(c))
	}
	return s
}

func (s *sarifWriter) File(r File) error {
	loc := artifactLocation(r.Path)
	if r.Err != nil {
		// A file that was not read is a failure of the run, not a
		// finding: it has no rule and no place in the file.
		s.inv.ExecutionSuccessful = false
		s.inv.Notifications = append(s.inv.Notifications, sarifNotification{
			Level:     "error",
			Message:   sarifText{Text: r.Err.Error()},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}},
		})
		return nil
	}
	fs, _ := resolve(r, true)
	for _, f := range fs {
		res := sarifResult{
			RuleID:  f.Check,
			Level:   sarifLevel(f.Severity),
			Message: sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc,
				Region:           regionOf(f.At),
			}}},
			// The fingerprint hashes the check, the spans' text and the
			// item, never line numbers, so an alert survives lines
			// added above it; GitHub matches alerts across runs by it.
			PartialFingerprints: map[string]string{SARIFFingerprintKey: f.Fingerprint},
		}
		if i, ok := s.ruleIndex[f.Check]; ok {
			res.RuleIndex = &i
		}
		for i, rel := range f.Finding.Related {
			id := i + 1
			l := sarifLocation{ID: &id, PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc,
				Region:           regionOf(f.Related[i]),
			}}
			if rel.Message != "" {
				l.Message = &sarifText{Text: rel.Message}
			}
			res.RelatedLocations = append(res.RelatedLocations, l)
		}
		if f.Fix != nil {
			res.Fixes = []sarifFix{{
				Description: sarifText{Text: fmt.Sprintf("replace with %q", f.Finding.Fix.Replacement)},
				ArtifactChanges: []sarifArtifactChange{{
					ArtifactLocation: loc,
					Replacements: []sarifReplacement{{
						DeletedRegion:   *regionOf(*f.Fix),
						InsertedContent: sarifText{Text: f.Finding.Fix.Replacement},
					}},
				}},
			}}
		}
		s.run.Results = append(s.run.Results, res)
	}
	return nil
}

func (s *sarifWriter) End(Summary) error {
	run := s.run
	run.Invocations = []sarifInvocation{s.inv}
	enc := json.NewEncoder(s.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(c Check) sarifRule {
	doc := strings.TrimSpace(c.Doc)
	full := firstParagraph(doc)
	if doc == "" {
		doc, full = c.Summary, c.Summary
	}
	return sarifRule{
		ID:                   c.Name,
		Name:                 camelCase(c.Name),
		ShortDescription:     sarifText{Text: c.Summary},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: doc, Markdown: markdownText(doc)},
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(c.Severity)},
		Properties:           sarifRuleProperty{Tags: []string{"imr"}},
	}
}

// sarifLevel maps severities to SARIF levels; SARIF's word for info is
// note.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

// regionOf converts a place to a region. The end column is exclusive, as
// SARIF defines it and as the JSON report computes it; the character
// offset and length are of the span moved inside the file.
func regionOf(p Place) *sarifRegion {
	off := p.Offsets.Start.Runes
	n := p.Offsets.End.Runes - off
	return &sarifRegion{StartLine: p.Start.Line, StartColumn: p.Start.Column, EndLine: p.End.Line, EndColumn: p.End.Column, CharOffset: &off, CharLength: &n}
}

// artifactLocation turns a path as given on the command line into a URI.
// Relative paths stay relative, against %SRCROOT%, so that a CI run from
// the repository root yields repository paths that code scanning can show;
// absolute paths become file URIs. Standard input ("-") stays "-".
func artifactLocation(path string) sarifArtifactLocation {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/...
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	// url.URL escapes spaces and the like, and writes "./" before a first
	// segment with a colon so that it does not read as a scheme.
	return sarifArtifactLocation{URI: (&url.URL{Path: p}).String(), URIBaseID: srcRoot}
}

// srcRootLocation is what %SRCROOT% stands for: the directory imrlint ran
// in, as a file URI ending in a slash when the caller gave it (dir, an
// absolute path), else a description only, which leaves the machine's
// directory out of a log that is uploaded to a third party.
func srcRootLocation(dir string) sarifBaseLocation {
	loc := sarifBaseLocation{Description: sarifText{Text: "The directory imrlint ran in (in CI, the repository checkout); relative paths of the results are against it."}}
	if dir == "" || !(filepath.IsAbs(dir) || strings.HasPrefix(filepath.ToSlash(dir), "/")) {
		return loc
	}
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path: file:///C:/...
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	loc.URI = (&url.URL{Scheme: "file", Path: p}).String()
	return loc
}

// firstParagraph is the text up to the first blank line, unwrapped, since
// viewers show fullDescription as one block.
func firstParagraph(doc string) string {
	p, _, _ := strings.Cut(strings.ReplaceAll(doc, "\r\n", "\n"), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}

// camelCase turns "quantity-mismatch" into "QuantityMismatch", the form
// SARIF suggests for reportingDescriptor.name.
func camelCase(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		r, size := utf8.DecodeRuneInString(part)
		b.WriteString(strings.ToUpper(string(r)))
		b.WriteString(part[size:])
	}
	return b.String()
}

// markdownText renders a check's plain-text documentation as Markdown that
// reads the same: the Docs are written as wrapped paragraphs and "  - "
// lists, which Markdown keeps, but quoted letter text such as "#120" or
// "*" would otherwise turn into headings, emphasis or HTML.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
