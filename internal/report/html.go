package report

import (
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/position"
)

// The view is what a page needs to show a checked letter: its text, every
// finding with offsets a browser can use, the text cut into segments at
// every span boundary, the parsed items and the explanations of the checks
// that fired. The HTML report renders it with html/template; the review
// page (internal/server) sends it as JSON and renders it with text nodes.
// Unlike the JSON report it is not a contract: it follows the page.

// ViewReport is the view of a run.
type ViewReport struct {
	Tool    JSONTool   `json:"tool"`
	Summary Summary    `json:"summary"`
	Files   []ViewFile `json:"files"`
	// Checks explains each check that has a finding, by name.
	Checks map[string]ViewCheck `json:"checks"`
}

// ViewCheck is a check's documentation: Explain as `imrlint explain`
// prints it, and Doc the same reflowed for a narrow column.
type ViewCheck struct {
	Name     string         `json:"name"`
	Severity string         `json:"severity"`
	Summary  string         `json:"summary"`
	Explain  string         `json:"explain"`
	Doc      []ViewDocBlock `json:"doc"`
}

// ViewDocBlock is a paragraph of a check's documentation: its sentences
// or list items, each rejoined from the lines the terminal text wraps.
type ViewDocBlock struct {
	Lines []ViewDocLine `json:"lines"`
}

// ViewDocLine is a line of prose or, when List is set, a list item.
type ViewDocLine struct {
	Text string `json:"text"`
	List bool   `json:"list,omitempty"`
}

// reflow rejoins the documentation's hard-wrapped lines, which wrap twice
// and raggedly in a column narrower than a terminal. A line continues the
// one before when it is indented further than the item it belongs to or
// starts with a lower-case letter, a digit or punctuation; any other line
// (a capital at the margin, a "- " item) starts a new one, so "Triggers:"
// and "Does not trigger:" stay apart.
func reflow(doc string) []ViewDocBlock {
	var out []ViewDocBlock
	for _, para := range strings.Split(strings.TrimSpace(strings.ReplaceAll(doc, "\r\n", "\n")), "\n\n") {
		var b ViewDocBlock
		indent := 0
		for _, line := range strings.Split(para, "\n") {
			trimmed := strings.TrimSpace(line)
			if trimmed == "" {
				continue
			}
			in := len(line) - len(strings.TrimLeft(line, " \t"))
			list := strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* ")
			r, _ := utf8.DecodeRuneInString(trimmed)
			cont := len(b.Lines) > 0 && !list && (in > indent || !unicode.IsUpper(r))
			if cont {
				last := &b.Lines[len(b.Lines)-1]
				last.Text += " " + trimmed
				continue
			}
			if list {
				trimmed = strings.TrimSpace(trimmed[2:])
			}
			indent = in
			b.Lines = append(b.Lines, ViewDocLine{Text: trimmed, List: list})
		}
		if len(b.Lines) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// ViewFile is one input.
type ViewFile struct {
	Path   string `json:"path"`
	Layout string `json:"layout"`
	// Error is set, and the rest empty, for an input that could not be read.
	Error string `json:"error,omitempty"`
	// Text is the letter (invalid UTF-8, which the readers refuse anyway,
	// would show as U+FFFD, one per byte, as encoding/json writes it).
	Text     string        `json:"text"`
	Counts   Summary       `json:"counts"`
	Items    []ViewItem    `json:"items"`
	Findings []ViewFinding `json:"findings"`
	// Segments cut Text, in order and without gaps, at every boundary of
	// a finding's span or related span.
	Segments []ViewSegment `json:"segments"`
}

// ViewItem is a disputed item, with what the items table shows.
type ViewItem struct {
	Item
	QuantityText string   `json:"quantity_text"`
	Citations    []string `json:"citations"`
}

// ViewOffsets locate a span three ways: byte offsets into the file (Go),
// code-point offsets, and UTF-16 code-unit offsets (JavaScript strings).
// All are half-open, [start, end).
type ViewOffsets struct {
	Start     int `json:"start"`
	End       int `json:"end"`
	RuneStart int `json:"rune_start"`
	RuneEnd   int `json:"rune_end"`
	U16Start  int `json:"u16_start"`
	U16End    int `json:"u16_end"`
}

// ViewSpan is a span with its line and column, as in the JSON report.
type ViewSpan struct {
	JSONRange
	Offsets ViewOffsets `json:"offsets"`
}

// ViewRelated is a related span.
type ViewRelated struct {
	Span    ViewSpan `json:"span"`
	Message string   `json:"message"`
}

// ViewEdit is a fix or suggestion, with the text it replaces and a little
// of the line around it for a before/after diff.
type ViewEdit struct {
	Span          ViewSpan `json:"span"`
	Replacement   string   `json:"replacement"`
	Before        string   `json:"before"`
	ContextBefore string   `json:"context_before"`
	ContextAfter  string   `json:"context_after"`
}

// ViewFinding is one finding; ID is its index in the file's Findings.
type ViewFinding struct {
	ID         int           `json:"id"`
	Check      string        `json:"check"`
	Severity   string        `json:"severity"`
	Message    string        `json:"message"`
	Span       ViewSpan      `json:"span"`
	Related    []ViewRelated `json:"related,omitempty"`
	Fix        *ViewEdit     `json:"fix,omitempty"`
	Suggestion *ViewEdit     `json:"suggestion,omitempty"`
}

// ViewSegment is a run of the text [Start, End) in UTF-16 code units,
// covered by the primary spans of the findings Primary and the related
// spans of the findings Related. Severity is the highest severity among
// Primary; StartSeverity is set when a primary span starts here (the page
// puts its icon there). A segment with Start == End marks an empty span.
type ViewSegment struct {
	Start         int    `json:"start"`
	End           int    `json:"end"`
	Primary       []int  `json:"primary,omitempty"`
	Related       []int  `json:"related,omitempty"`
	Severity      string `json:"severity,omitempty"`
	StartSeverity string `json:"start_severity,omitempty"`

	// For the HTML report: the text, and the ids of the anchors that
	// start here ("f0" for finding 0's span, "f0-r1" for its second
	// related span).
	Text    string   `json:"-"`
	Anchors []string `json:"-"`
}

// Marked reports whether any span covers the segment.
func (s ViewSegment) Marked() bool { return len(s.Primary)+len(s.Related) > 0 }

// ToView builds the view of files; o.Checks explain the checks that fired.
func ToView(files []File, o Options) ViewReport {
	v := ViewReport{Tool: JSONTool{Name: "imrlint", Version: o.Version}, Summary: Summarize(files), Files: []ViewFile{}, Checks: map[string]ViewCheck{}}
	for _, f := range files {
		vf := viewFile(f)
		for _, x := range vf.Findings {
			if _, ok := v.Checks[x.Check]; ok {
				continue
			}
			if c, ok := o.check(x.Check); ok {
				v.Checks[x.Check] = ViewCheck{Name: c.Name, Severity: c.Severity.String(), Summary: c.Summary, Explain: c.Explain, Doc: reflow(c.Explain)}
			}
		}
		v.Files = append(v.Files, vf)
	}
	return v
}

func viewFile(f File) ViewFile {
	vf := ViewFile{Path: f.Path, Layout: f.Layout, Items: []ViewItem{}, Findings: []ViewFinding{}, Segments: []ViewSegment{}}
	vf.Counts.Add(f)
	vf.Counts.Files = 0 // per file, only the finding counts mean anything
	vf.Counts.Letters = 0
	if f.Err != nil {
		vf.Error = f.errText()
		return vf
	}
	src := f.Src
	vf.Text = string(src)
	fs, _ := resolve(f, true)
	span := func(p Place) ViewSpan {
		// The view's lines and columns are those of the span moved inside
		// the file, without pages.
		c := p.Span.Clamp(len(src))
		r := JSONRange{Line: p.Start.Line, Column: p.Start.Column, EndLine: p.End.Line, EndColumn: p.End.Column}
		if min(max(p.Span.End, 0), len(src)) < c.Start {
			r.EndLine, r.EndColumn = r.Line, r.Column
		}
		return ViewSpan{JSONRange: r, Offsets: ViewOffsets{Start: c.Start, End: c.End, RuneStart: p.Offsets.Start.Runes, RuneEnd: p.Offsets.End.Runes, U16Start: p.Offsets.Start.U16, U16End: p.Offsets.End.U16}}
	}
	edit := func(p *Place, e *finding.Fix) *ViewEdit {
		if e == nil {
			return nil
		}
		sp := e.Span.Clamp(len(src))
		before, after := lineContext(src, sp, 40)
		return &ViewEdit{Span: span(*p), Replacement: e.Replacement, Before: string(src[sp.Start:sp.End]), ContextBefore: before, ContextAfter: after}
	}

	for _, it := range f.Items {
		vf.Items = append(vf.Items, ViewItem{Item: it, QuantityText: quantityText(it), Citations: it.Citations})
	}
	for i, x := range fs {
		vfi := ViewFinding{ID: i, Check: x.Check, Severity: x.Severity.String(), Message: x.Message, Span: span(x.At), Fix: edit(x.Fix, x.Finding.Fix), Suggestion: edit(x.Suggestion, x.Finding.Suggestion)}
		for j, rel := range x.Finding.Related {
			vfi.Related = append(vfi.Related, ViewRelated{Span: span(x.Related[j]), Message: rel.Message})
		}
		vf.Findings = append(vf.Findings, vfi)
	}
	segs := segments(src, f.Findings)
	var want []int
	for _, s := range segs {
		want = append(want, s.start, s.end)
	}
	conv := position.UnitsAt(src, want)
	for _, s := range segs {
		vs := ViewSegment{Start: conv[s.start].U16, End: conv[s.end].U16, Primary: s.primary, Related: s.related, Text: string(src[s.start:s.end]), Anchors: s.anchors}
		var sev, start finding.Severity = -1, -1
		for _, id := range s.primary {
			x := f.Findings[id]
			sev = max(sev, x.Severity)
			if x.Span.Clamp(len(src)).Start == s.start {
				start = max(start, x.Severity)
			}
		}
		if sev >= 0 {
			vs.Severity = sev.String()
		}
		if start >= 0 {
			vs.StartSeverity = start.String()
		}
		vf.Segments = append(vf.Segments, vs)
	}
	return vf
}

// seg is a segment in byte offsets.
type seg struct {
	start, end       int
	primary, related []int
	anchors          []string
}

// segments cuts src at every boundary of the findings' spans. An empty
// primary span (a missing section is reported where it should be) gets an
// empty segment of its own, so that the page can still mark the place.
func segments(src []byte, fs []finding.Finding) []seg {
	type mark struct {
		sp      position.Span
		id, rel int // rel is -1 for the primary span
	}
	var marks []mark
	cuts := []int{0, len(src)}
	for i, f := range fs {
		sp := f.Span.Clamp(len(src))
		marks = append(marks, mark{sp, i, -1})
		cuts = append(cuts, sp.Start, sp.End)
		for j, r := range f.Related {
			sp := r.Span.Clamp(len(src))
			if sp.Start == sp.End {
				continue
			}
			marks = append(marks, mark{sp, i, j})
			cuts = append(cuts, sp.Start, sp.End)
		}
	}
	sort.Ints(cuts)
	var out []seg
	for i, a := range cuts {
		if i > 0 && a == cuts[i-1] {
			continue
		}
		// Empty primary spans at a.
		var empty seg
		for _, m := range marks {
			if m.rel < 0 && m.sp.Start == a && m.sp.End == a {
				empty.primary = append(empty.primary, m.id)
				empty.anchors = append(empty.anchors, "f"+strconv.Itoa(m.id))
			}
		}
		if len(empty.primary) > 0 {
			empty.start, empty.end = a, a
			out = append(out, empty)
		}
		if i+1 >= len(cuts) {
			break
		}
		b := cuts[i+1]
		for j := i + 1; j < len(cuts) && b == a; j++ {
			b = cuts[j]
		}
		if b <= a {
			continue
		}
		s := seg{start: a, end: b}
		for _, m := range marks {
			if m.sp.Start > a || m.sp.End < b || m.sp.Start == m.sp.End {
				continue
			}
			if m.rel < 0 {
				s.primary = appendOnce(s.primary, m.id)
			} else {
				s.related = appendOnce(s.related, m.id)
			}
			if m.sp.Start == a {
				id := "f" + strconv.Itoa(m.id)
				if m.rel >= 0 {
					id += "-r" + strconv.Itoa(m.rel)
				}
				s.anchors = append(s.anchors, id)
			}
		}
		out = append(out, s)
	}
	return out
}

func appendOnce(l []int, v int) []int {
	for _, x := range l {
		if x == v {
			return l
		}
	}
	return append(l, v)
}

// lineContext returns up to n code points of the span's line before and
// after it, for a diff that shows where the edit is. Where the line goes on
// past n code points it is clipped and marked "…"; where the clip falls
// inside a word (a word rune on both sides of the cut), the partial word is
// dropped, so the context starts and ends at a word boundary ("… by the
// guidelines", not "…rted by the guidelines").
func lineContext(src []byte, sp position.Span, n int) (string, string) {
	// A line that goes on is read 4(n+1) bytes each way, from a code
	// point's start: at least n+1 whole code points, so the one across the
	// cut is seen.
	ls := sp.Start
	for ls > 0 && src[ls-1] != '\n' && sp.Start-ls < 4*(n+1) {
		ls--
	}
	if ls > 0 && src[ls-1] != '\n' {
		for ls < sp.Start && !utf8.RuneStart(src[ls]) {
			ls++
		}
	}
	le := sp.End
	for le < len(src) && src[le] != '\n' && src[le] != '\r' && le-sp.End < 4*(n+1) {
		le++
	}
	before, after := []rune(string(src[ls:sp.Start])), []rune(string(src[sp.End:le]))
	if len(before) > n {
		cut := len(before) - n
		kept := before[cut:]
		if n > 0 && isWordRune(before[cut-1]) && isWordRune(kept[0]) {
			i := 0
			for i < len(kept) && isWordRune(kept[i]) {
				i++
			}
			kept = kept[i:]
		}
		before = append([]rune("…"), kept...)
	}
	if len(after) > n {
		kept := after[:n]
		if n > 0 && isWordRune(kept[n-1]) && isWordRune(after[n]) {
			i := n
			for i > 0 && isWordRune(kept[i-1]) {
				i--
			}
			kept = kept[:i]
		}
		after = append(kept, '…')
	}
	return string(before), string(after)
}

// isWordRune reports whether r belongs to a word: a letter, digit or mark,
// an underscore, or an apostrophe or hyphen inside one (the review page's
// WORD, internal/server/assets/app.js).
func isWordRune(r rune) bool {
	switch r {
	case '_', '\'', '’', '-':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func jsonQuantityText(q *Quantity) string {
	if q == nil {
		return ""
	}
	n := number(q.Value)
	if q.Max != nil {
		n += "–" + number(*q.Max)
	}
	if q.Unit == "count" {
		return "#" + n
	}
	return strings.TrimSpace(n + " " + q.Unit)
}

// quantityText is the item's quantity as the table shows it; a partly
// authorized request shows the original and the authorized part too.
func quantityText(it Item) string {
	s := jsonQuantityText(it.Quantity)
	if it.Original != nil || it.Authorized != nil {
		var parts []string
		if it.Original != nil {
			parts = append(parts, "requested "+jsonQuantityText(it.Original))
		}
		if it.Authorized != nil {
			parts = append(parts, "authorized "+jsonQuantityText(it.Authorized))
		}
		s = strings.TrimSpace(s + " (" + strings.Join(parts, ", ") + ")")
	}
	return s
}

// htmlWriter writes the report of a run as one self-contained HTML file:
// for an archive, an overview (html_overview.go); a summary per file, the
// parsed items, the letter with every finding's span highlighted, and the
// findings with their fixes and explanations. The file opens offline from disk: its style and script are inline and it
// names no other resource. Everything from a letter is escaped by
// html/template. It keeps the files until End.
type htmlWriter struct {
	w     io.Writer
	o     Options
	files []File
}

func newHTML(w io.Writer, o Options) Writer { return &htmlWriter{w: w, o: o} }

func (h *htmlWriter) File(f File) error {
	h.files = append(h.files, f)
	return nil
}

func (h *htmlWriter) End(Summary) error {
	v := ToView(h.files, h.o)
	return htmlTemplate.Execute(h.w, htmlPage{ViewReport: v, Overview: overview(v)})
}

// htmlPage is what the HTML template renders: the view, and the overview
// of an archive (nil for one file).
type htmlPage struct {
	ViewReport
	Overview *htmlOverview
}

var severityIcon = map[string]string{"error": "✖", "warning": "▲", "info": "ℹ"}

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"icon": func(sev string) string { return severityIcon[sev] },
	"title": func(s string) string {
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	},
	"plural": func(n int, w string) string {
		if n == 1 {
			return "1 " + w
		}
		return fmt.Sprintf("%d %ss", n, w)
	},
	"ids": func(l []int) string {
		var b strings.Builder
		for i, v := range l {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(v))
		}
		return b.String()
	},
	"add": func(a, b int) int { return a + b },
	"segTitle": func(f ViewFile, s ViewSegment) string {
		var l []string
		for _, id := range s.Primary {
			l = append(l, f.Findings[id].Severity+"["+f.Findings[id].Check+"]: "+f.Findings[id].Message)
		}
		for _, id := range s.Related {
			l = append(l, "related to "+f.Findings[id].Check+": "+f.Findings[id].Message)
		}
		return strings.Join(l, "\n")
	},
}).Parse(htmlSource))

// The page's markup. The letter's <pre> is written on one line, since
// every character inside it shows.
const htmlSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>imrlint report</title>
<style>` + htmlCSS + `</style>
</head>
<body>
<header class="top">
<h1>imrlint report</h1>
<p>imrlint {{.Tool.Version}} · {{plural .Summary.Files "file"}}, {{plural .Summary.Letters "letter"}}: {{plural .Summary.Errors "error"}}, {{plural .Summary.Warnings "warning"}}, {{plural .Summary.Infos "info"}}</p>
</header>
<main>
{{- with $o := .Overview}}
<section class="overview" id="overview" aria-labelledby="overview-h">
<h2 id="overview-h">Overview</h2>
<p>{{plural $o.Files "file"}}, {{plural $o.Letters "letter"}}{{if $o.Unreadable}}, <a href="#summary-h">{{$o.Unreadable}} not read</a>{{end}}.</p>
<div class="charts">
<figure class="chart" id="chart-severity">
<figcaption id="chart-severity-c">Findings by severity</figcaption>
<svg class="bars" role="img" aria-label="Findings by severity: {{range $j, $b := $o.Severities}}{{if $j}}, {{end}}{{plural $b.Count $b.Severity}}{{end}}" width="{{$o.Width}}" height="{{$o.SeveritiesHeight}}" viewBox="0 0 {{$o.Width}} {{$o.SeveritiesHeight}}">
{{- range $o.Severities}}
<g class="row" data-severity="{{.Severity}}"><text class="label" x="{{$o.LabelX}}" y="{{.TextY}}">{{icon .Severity}} {{title .Severity}}s</text><rect class="bar sev-{{.Severity}}" data-severity="{{.Severity}}" data-count="{{.Count}}" x="{{$o.BarX}}" y="{{.Y}}" width="{{.W}}" height="16" rx="2"><title>{{plural .Count .Severity}}</title></rect><text class="count" x="{{.CountX}}" y="{{.TextY}}">{{.Count}}</text></g>
{{- end}}
</svg>
</figure>
<figure class="chart" id="chart-checks">
<figcaption id="chart-checks-c">Findings by check <span class="legend">(<span class="key sev-error"></span> ✖ error <span class="key sev-warning"></span> ▲ warning <span class="key sev-info"></span> ℹ info)</span></figcaption>
{{- if $o.Checks}}
<svg class="bars" role="group" aria-labelledby="chart-checks-c" width="{{$o.Width}}" height="{{$o.ChecksHeight}}" viewBox="0 0 {{$o.Width}} {{$o.ChecksHeight}}">
{{- range $o.Checks}}
<g class="row" data-check="{{.Name}}"><a href="#check-{{.Name}}"><text class="label" x="{{$o.LabelX}}" y="{{.TextY}}">{{.Name}}</text></a>
{{- $name := .Name}}{{$y := .Y}}{{range .Segs}}<rect class="bar sev-{{.Severity}}" data-check="{{$name}}" data-severity="{{.Severity}}" data-count="{{.Count}}" x="{{.X}}" y="{{$y}}" width="{{.W}}" height="16"><title>{{$name}}: {{plural .Count .Severity}}</title></rect>{{end -}}
<a href="#check-{{.Name}}" class="count-link"><text class="count" x="{{.CountX}}" y="{{.TextY}}">{{.Total}}{{if .Breakdown}}: {{.Breakdown}}{{end}}</text></a></g>
{{- end}}
</svg>
{{- else}}
<p>No findings.</p>
{{- end}}
</figure>
</div>
<h3 id="top-h">Letters with the most errors</h3>
{{- if $o.Top}}
<ol class="top-letters">
{{- range $o.Top}}
<li><a href="#{{.File}}">{{.Path}}</a>: {{plural .Errors "error"}}{{if .Warnings}}, {{plural .Warnings "warning"}}{{end}}{{if .Infos}}, {{plural .Infos "info"}}{{end}}</li>
{{- end}}
</ol>
{{- else}}
<p>No letter has an error.</p>
{{- end}}
{{- if $o.Checks}}
<h3 id="by-check-h">Letters by check</h3>
{{- range $o.Checks}}
<section class="by-check" id="check-{{.Name}}" aria-labelledby="check-{{.Name}}-h">
<h4 id="check-{{.Name}}-h"><code>{{.Name}}</code>: {{plural .Total "finding"}} in {{plural (len .Letters) "file"}}</h4>
<ul class="check-letters">
{{- range .Letters}}
<li><a href="#{{.File}}">{{.Path}}</a> · <a href="#{{.First}}">{{plural .Count "finding"}}</a></li>
{{- end}}
</ul>
</section>
{{- end}}
{{- end}}
</section>
{{- end}}
<section aria-labelledby="summary-h">
<h2 id="summary-h">Files</h2>
<table class="summary">
<thead><tr><th scope="col">File</th><th scope="col">Layout</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Infos</th></tr></thead>
<tbody>
{{- range $i, $f := .Files}}
<tr><td><a href="#file-{{add $i 1}}">{{$f.Path}}</a></td><td>{{if $f.Error}}<span class="unreadable">not read</span>{{else}}{{$f.Layout}}{{end}}</td><td>{{$f.Counts.Errors}}</td><td>{{$f.Counts.Warnings}}</td><td>{{$f.Counts.Infos}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- $checks := .Checks}}
{{- range $i, $f := .Files}}
<section class="file" id="file-{{add $i 1}}" aria-labelledby="file-{{add $i 1}}-h">
<h2 id="file-{{add $i 1}}-h">{{$f.Path}}</h2>
{{- if $f.Error}}
<p class="error-text">This file could not be read: {{$f.Error}}</p>
{{- else}}
<p>Layout {{$f.Layout}} · {{plural $f.Counts.Errors "error"}}, {{plural $f.Counts.Warnings "warning"}}, {{plural $f.Counts.Infos "info"}}</p>
{{- if $f.Items}}
<table class="items">
<caption>Disputed items</caption>
<thead><tr><th scope="col">#</th><th scope="col">Treatment</th><th scope="col">Quantity</th><th scope="col">Body part</th><th scope="col">Decision</th><th scope="col">Cited guidelines</th></tr></thead>
<tbody>
{{- range $f.Items}}
<tr><td>{{.Index}}</td><td>{{.Treatment}}{{if .Medication}} ({{.Medication}}{{if .Strength}} {{.Strength}}{{end}}){{end}}</td><td>{{.QuantityText}}</td><td>{{.BodyPart}}</td><td>{{.Decision}}</td><td>{{range $j, $c := .Citations}}{{if $j}}<br>{{end}}{{$c}}{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
<div class="cols">
<div class="letter-wrap"><h3>Letter</h3><pre class="letter">{{range $f.Segments}}{{range .Anchors}}<span class="anchor" id="file-{{add $i 1}}-{{.}}"></span>{{end}}{{if .Marked}}<mark class="hl{{if .Primary}} primary sev-{{.Severity}}{{end}}{{if .Related}} related{{end}}{{if .StartSeverity}} start start-{{.StartSeverity}}{{end}}" data-p="{{ids .Primary}}" data-r="{{ids .Related}}" title="{{segTitle $f .}}">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</pre></div>
<div class="findings-wrap"><h3>Findings</h3>
{{- if not $f.Findings}}
<p>No findings.</p>
{{- else}}
<ol class="findings">
{{- range $f.Findings}}
<li class="finding sev-{{.Severity}}" data-id="{{.ID}}">
<p><span class="badge badge-{{.Severity}}"><span aria-hidden="true">{{icon .Severity}}</span> {{title .Severity}}</span> <code>{{.Check}}</code> <a href="#file-{{add $i 1}}-f{{.ID}}">line {{.Span.Line}}, column {{.Span.Column}}</a></p>
<p class="message">{{.Message}}</p>
{{- if .Related}}
<ul class="related-list">
{{- $id := .ID}}
{{- range $j, $r := .Related}}
<li><a href="#file-{{add $i 1}}-f{{$id}}-r{{$j}}">line {{$r.Span.Line}}, column {{$r.Span.Column}}</a>: {{$r.Message}}</li>
{{- end}}
</ul>
{{- end}}
{{- with .Fix}}
<div class="edit"><p class="edit-label">Fix: replace “{{.Before}}” with “{{.Replacement}}”</p>
<p class="diff"><span class="ctx">{{.ContextBefore}}</span><del>{{.Before}}</del><ins>{{.Replacement}}</ins><span class="ctx">{{.ContextAfter}}</span></p></div>
{{- end}}
{{- with .Suggestion}}
<div class="edit suggestion"><p class="edit-label">Suggestion (check before applying): replace “{{.Before}}” with “{{.Replacement}}”</p>
<p class="diff"><span class="ctx">{{.ContextBefore}}</span><del>{{.Before}}</del><ins>{{.Replacement}}</ins><span class="ctx">{{.ContextAfter}}</span></p></div>
{{- end}}
{{- with index $checks .Check}}
<details><summary>Explain {{.Name}}</summary><div class="doc">
{{- range .Doc}}<div class="doc-p">{{range .Lines}}<p class="doc-line{{if .List}} doc-li{{end}}">{{.Text}}</p>{{end}}</div>{{end -}}
</div></details>
{{- end}}
</li>
{{- end}}
</ol>
{{- end}}
</div>
</div>
{{- end}}
</section>
{{- end}}
</main>
<script>` + htmlJS + `</script>
</body>
</html>
`

// htmlCSS keeps the colors of the review page; every pair of text and
// background colors meets WCAG AA (4.5:1), and severity shows as an icon,
// a word and an underline style besides color.
const htmlCSS = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#4a5360;--bg:#fff;--line:#c9d1d9;
--err:#b42318;--err-bg:#fde2e1;--warn:#8a5a00;--warn-bg:#fff1c2;--info:#1d4ed8;--info-bg:#dbeafe;--rel:#5b21b6;--rel-bg:#ede9fe}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;color:var(--fg);background:var(--bg)}
header.top{padding:.75rem 1.25rem;border-bottom:1px solid var(--line);background:#f6f8fa}
h1{font-size:1.3rem;margin:0}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
h3{font-size:1rem;margin:.5rem 0}
main{padding:0 1.25rem 2rem}
a{color:#0b57d0}
a:focus-visible,summary:focus-visible{outline:3px solid #111;outline-offset:2px}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.file{border-top:2px solid var(--line);margin-top:1.5rem}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1.25rem;align-items:start}
@media (max-width:60rem){.cols{grid-template-columns:1fr}}
pre.letter{white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.55 ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace;border:1px solid var(--line);padding:.75rem;margin:0;background:#fff}
mark.hl{color:inherit;background:none;border-radius:2px}
mark.sev-error{background:var(--err-bg);text-decoration:underline 2px solid var(--err);text-underline-offset:3px}
mark.sev-warning{background:var(--warn-bg);text-decoration:underline 2px dashed var(--warn);text-underline-offset:3px}
mark.sev-info{background:var(--info-bg);text-decoration:underline 2px dotted var(--info);text-underline-offset:3px}
mark.related{background:var(--rel-bg);outline:1px dashed var(--rel)}
mark.related.primary{outline:1px dashed var(--rel)}
mark.start::before{font-size:.75em;font-weight:700;padding-right:.15em;vertical-align:super;text-decoration:none;display:inline-block}
mark.start-error::before{content:"✖";color:var(--err)}
mark.start-warning::before{content:"▲";color:var(--warn)}
mark.start-info::before{content:"ℹ";color:var(--info)}
mark.linked{outline:2px solid var(--fg)}
mark.active{outline:3px solid var(--fg);box-shadow:0 0 0 5px #ffd54f}
.findings{list-style:none;padding:0;margin:0}
.finding{border:1px solid var(--line);border-left:6px solid var(--info);padding:.5rem .75rem;margin-bottom:.75rem}
.finding.sev-error{border-left-color:var(--err)}
.finding.sev-warning{border-left-color:var(--warn)}
.finding.linked{background:#f6f8fa}
.finding p{margin:.25rem 0}
.badge{display:inline-block;font-weight:700;font-size:.8rem;padding:0 .4rem;border-radius:3px;color:#fff}
.badge-error{background:var(--err)}.badge-warning{background:var(--warn)}.badge-info{background:var(--info)}
.related-list{margin:.25rem 0;padding-left:1.25rem;color:var(--muted)}
.edit{border:1px solid var(--line);padding:.25rem .5rem;margin:.5rem 0;background:#fafbfc}
.edit.suggestion{border-style:dashed}
.edit-label{font-size:.85rem;color:var(--muted)}
.diff{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.85rem;white-space:pre-wrap}
del,ins{padding:0 .1em;border-radius:2px}
del+ins{margin-left:.15em}
del{background:#ffd7d5;color:#82071e;text-decoration:line-through}
ins{background:#ccf2d6;color:#055d20;text-decoration:underline}
.ctx{color:var(--muted)}
.doc{font-size:.85rem;background:#f6f8fa;padding:.25rem .6rem;border:1px solid var(--line);margin-top:.25rem}
.doc-p{margin:.4rem 0}
.doc-line{margin:0 0 .15rem}
.doc-li{padding-left:1.1rem;text-indent:-.8rem}
.doc-li::before{content:"• "}
.error-text,.unreadable{color:var(--err);font-weight:600}
.anchor{scroll-margin-top:4rem}
.overview .charts{display:flex;flex-wrap:wrap;gap:1.25rem;align-items:flex-start}
figure.chart{margin:0;border:1px solid var(--line);padding:.5rem .75rem;max-width:100%}
figcaption{font-weight:600;margin-bottom:.25rem}
.legend{font-weight:400;color:var(--muted);font-size:.85rem}
.key{display:inline-block;width:.8em;height:.8em;vertical-align:middle;border-radius:2px}
.key.sev-error{background:var(--err)}.key.sev-warning{background:var(--warn)}.key.sev-info{background:var(--info)}
svg.bars{display:block;max-width:100%;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif}
svg.bars text{fill:var(--fg)}
svg.bars .label{text-anchor:end}
svg.bars a text{fill:#0b57d0;text-decoration:underline}
svg.bars a:focus-visible text{outline:3px solid #111}
svg.bars .bar.sev-error{fill:var(--err)}
svg.bars .bar.sev-warning{fill:var(--warn)}
svg.bars .bar.sev-info{fill:var(--info)}
.top-letters li,.check-letters li{margin:.1rem 0;overflow-wrap:anywhere;break-inside:avoid}
.check-letters{columns:22rem;column-gap:2rem;margin:.25rem 0 .75rem}
.by-check h4{font-size:.95rem;margin:.75rem 0 .25rem}
.by-check{scroll-margin-top:1rem}
`

// htmlJS links a finding and its spans: hovering or focusing a finding
// outlines its spans, hovering a span outlines its findings' spans, and
// following a finding's link emphasises them. The report reads fine
// without it.
const htmlJS = `
(function(){
  "use strict";
  function marks(sec, id){ return sec.querySelectorAll('mark[data-p~="'+id+'"],mark[data-r~="'+id+'"]'); }
  function set(sec, ids, cls, on){
    ids.forEach(function(id){
      marks(sec, id).forEach(function(m){ m.classList.toggle(cls, on); });
      var li = sec.querySelector('li.finding[data-id="'+id+'"]');
      if (li) li.classList.toggle(cls, on);
    });
  }
  function idsOf(m){ return ((m.dataset.p||"")+" "+(m.dataset.r||"")).split(" ").filter(Boolean); }
  document.querySelectorAll("section.file").forEach(function(sec){
    sec.querySelectorAll("mark.hl").forEach(function(m){
      m.addEventListener("mouseenter", function(){ set(sec, idsOf(m), "linked", true); });
      m.addEventListener("mouseleave", function(){ set(sec, idsOf(m), "linked", false); });
    });
    sec.querySelectorAll("li.finding").forEach(function(li){
      var id = li.dataset.id;
      li.addEventListener("mouseenter", function(){ set(sec, [id], "linked", true); });
      li.addEventListener("mouseleave", function(){ set(sec, [id], "linked", false); });
      li.addEventListener("focusin", function(){ set(sec, [id], "linked", true); });
      li.addEventListener("focusout", function(){ set(sec, [id], "linked", false); });
      li.querySelectorAll("a[href^='#']").forEach(function(a){
        a.addEventListener("click", function(){
          document.querySelectorAll("mark.active").forEach(function(m){ m.classList.remove("active"); });
          marks(sec, id).forEach(function(m){ m.classList.add("active"); });
        });
      });
    });
  });
})();
`
