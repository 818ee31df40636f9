package engine

import (
	"strconv"
	"strings"
	"sync"

	"github.com/imrlint/imrlint/internal/baseline"
	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/report"
	"github.com/imrlint/imrlint/internal/rules"
)

// The reporter knows no stage of the pipeline: this file is where a result
// becomes its record (report.File) and the check registry its metadata
// (report.Check).

// ReportFile is the reporter's record of a result: the letter's items
// flattened to what the reports show (body parts named by set) and, with
// fingerprints, each finding's fingerprint (baseline.Fingerprint), for the
// formats that print them (report.Format.Fingerprints).
func ReportFile(r Result, set *rules.Set, fingerprints bool) report.File {
	kind := r.Kind
	if kind == "" {
		kind = "text"
	}
	f := report.File{Path: r.Path, Kind: kind, Layout: string(r.Layout()), Err: r.Err}
	if r.Err != nil {
		return f
	}
	f.Letter = r.IsLetter()
	f.Src = r.Src
	f.Findings = r.Findings
	if r.Letter != nil {
		for _, it := range r.Letter.Items {
			f.Items = append(f.Items, reportItem(set, it))
		}
	}
	if fingerprints {
		for _, x := range r.Findings {
			f.Fingerprints = append(f.Fingerprints, baseline.Fingerprint(r.Src, r.Letter, x))
		}
	}
	return f
}

// ReportFiles is ReportFile of each result.
func ReportFiles(rs []Result, set *rules.Set, fingerprints bool) []report.File {
	out := make([]report.File, len(rs))
	for i, r := range rs {
		out[i] = ReportFile(r, set, fingerprints)
	}
	return out
}

func reportItem(set *rules.Set, it letter.Item) report.Item {
	ri := report.Item{Index: it.Index, Treatment: it.Treatment.Name, Quantity: reportQuantity(it.Quantity),
		Original: reportQuantity(it.Original), Authorized: reportQuantity(it.Authorized),
		BodyPart: BodyPartText(set, it.BodyParts), Decision: string(it.Decision), Line: it.Line,
		Citations: citationTexts(it.Citations)}
	if ri.Treatment == "" {
		ri.Treatment = strings.ToLower(strings.TrimSpace(it.Request.Text))
	}
	if it.Medication != nil {
		ri.Medication = it.Medication.Name.Text
		ri.Strength = it.Medication.Strength.Strength
	}
	return ri
}

func reportQuantity(q *letter.Quantity) *report.Quantity {
	if q == nil {
		return nil
	}
	j := &report.Quantity{Value: q.Value, Unit: string(q.Unit)}
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

// citationTexts renders an item's citations as written: the chapter, the
// guideline's name and edition year, the sections and the pages.
func citationTexts(cs []letter.Citation) []string {
	out := []string{}
	for _, c := range cs {
		name := strings.TrimSpace(c.Name.Text)
		if name == "" {
			name = strings.TrimSpace(c.Unknown.Text)
		}
		if name == "" && c.Guideline != nil {
			name = c.Guideline.Title
		}
		var extra []string
		for _, s := range c.Sections {
			if t := strings.TrimSpace(s.Text); t != "" {
				extra = append(extra, t)
			}
		}
		for _, p := range c.Pages {
			if t := strings.TrimSpace(p.Text); t != "" {
				extra = append(extra, "p. "+t)
			}
		}
		s := strings.Join(strings.Fields(name), " ")
		if c.Chapter > 0 {
			s = "Chapter " + strconv.Itoa(c.Chapter) + " " + s
		}
		if c.Year > 0 {
			s += " (" + strconv.Itoa(c.Year) + ")"
		}
		if len(extra) > 0 {
			s = strings.TrimSpace(s + ": " + strings.Join(extra, ", "))
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ReportChecks is the metadata of checks as the reports show it.
func ReportChecks(cs []*check.Check) []report.Check {
	out := make([]report.Check, len(cs))
	for i, c := range cs {
		out[i] = report.Check{Name: c.Name, Summary: c.Summary, Severity: c.Severity, Doc: c.Doc, Explain: c.Explain()}
	}
	return out
}

var (
	registryOnce sync.Once
	registry     []report.Check
)

// Registry is ReportChecks of every check (check.All), made once.
func Registry() []report.Check {
	registryOnce.Do(func() { registry = ReportChecks(check.All) })
	return registry
}
