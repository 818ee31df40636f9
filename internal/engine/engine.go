// Package engine runs the pipeline for one input: read, normalise the text,
// parse the letter, run the checks. Data flows one way; nothing here prints.
package engine

import (
	"cmp"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/config"
	"github.com/imrlint/imrlint/internal/extract"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/source"
	"github.com/imrlint/imrlint/internal/text"
)

// Engine holds what every file is checked with.
type Engine struct {
	Rules   *rules.Set
	Checks  []*check.Check
	MaxSize int64
	Stdin   io.Reader
	// Options are passed to the checks; IsTemplate, when set, says which
	// files are letter templates.
	Options    check.Options
	IsTemplate func(path string) bool
	// Severity replaces a check's default severity (the configuration's
	// checks.severity); a finding lowered because its fact is unconfirmed
	// is not raised above where it was.
	Severity map[string]finding.Severity
	// RequireText is the review server's reading: extracted text is
	// validated as a text letter is (the page's offsets need valid UTF-8,
	// and an empty extraction is better said than checked), and a PDF
	// without a text layer that the no-text check does not report is
	// unreadable, so that a scan never comes back clean.
	RequireText bool
	// Config is the configuration the engine was built from (New), nil
	// for one built by hand.
	Config *config.Config
}

// Result is what one input produced.
type Result struct {
	Path     string
	Src      []byte
	Letter   *letter.Letter // nil when Err is set
	Findings []finding.Finding
	Err      error
	// Template records that the file was checked as a template.
	Template bool
	// Kind is "text", "pdf" or "docx": Src of a PDF or DOCX is its
	// extracted text, pages separated by form feeds.
	Kind string
	// Prepared is what a batch's prepare step made of the result (a
	// file's report), for the emitter to write.
	Prepared any
}

// IsLetter says whether the input was read as a letter (its layout is
// known).
func (r *Result) IsLetter() bool { return r.Layout() != letter.LayoutUnknown }

// Layout is the letter's layout, or unknown.
func (r *Result) Layout() letter.Layout {
	if r.Letter == nil {
		return letter.LayoutUnknown
	}
	return r.Letter.Layout
}

// DefaultMaxSize is the size of the largest input read by default
// (MaxSize 0).
const DefaultMaxSize = source.DefaultMaxSize

// CheckFile reads and checks one file ("-" for standard input).
func (e *Engine) CheckFile(path string) Result {
	data, err := source.ReadRaw(path, e.Stdin, e.MaxSize)
	if err != nil {
		return Result{Path: path, Err: err}
	}
	return e.Check(path, data)
}

// Check checks the bytes of one input named name, as read from a file or
// received by the server: its kind is sniffed once, a text file validated,
// a PDF or DOCX extracted (source.Decode), and the text checked with what
// extraction learned of the file.
func (e *Engine) Check(name string, data []byte) Result {
	return e.CheckContext(context.Background(), name, data)
}

// CheckContext is Check within ctx's deadline: a PDF or DOCX still being
// read at the deadline is given up (an error result), so that work no one
// waits for any more (a request answered 503) ends there instead of
// running on. The checks themselves are bounded by the text's size.
func (e *Engine) CheckContext(ctx context.Context, name string, data []byte) Result {
	max := cmp.Or(e.MaxSize, DefaultMaxSize)
	b := source.Bounds{MaxText: max}
	if d, ok := ctx.Deadline(); ok {
		b.Deadline = d
	}
	doc, err := source.DecodeBounded(name, data, b)
	if err != nil {
		return Result{Path: name, Err: err}
	}
	// --max-file-size bounds the text checked, not only the file read: a
	// 94 KB DOCX expanded to 60 MB of text and was checked at 1.3 GB.
	// Extraction stops at it; a text file is held to it here.
	if int64(len(doc.Text)) > max {
		return Result{Path: name, Err: source.TooLarge(name, int64(len(doc.Text)), max)}
	}
	if e.RequireText && doc.Kind != extract.KindText && !doc.NoText {
		if err := source.Validate(doc.Text); err != nil {
			return Result{Path: name, Err: &source.Error{Path: name, Msg: err.Error()}}
		}
	}
	opts := e.Options
	opts.Document = doc.Info // one type from extraction to the checks
	r := e.check(name, doc.Text, opts)
	r.Kind = doc.Kind
	if e.RequireText && doc.NoText && !hasFinding(r, check.NoText.Name) {
		return Result{Path: name, Err: &source.Error{Path: name, Msg: errNoText}}
	}
	return r
}

// errNoText: a scanned PDF has no text to check.
const errNoText = "is a PDF without a text layer (a scan); there is no text to check, so run it through OCR first"

func hasFinding(r Result, name string) bool {
	for _, f := range r.Findings {
		if f.Check == name {
			return true
		}
	}
	return false
}

// CheckBytes checks text already read.
func (e *Engine) CheckBytes(path string, src []byte) Result {
	return e.check(path, src, e.Options)
}

func (e *Engine) check(path string, src []byte, opts check.Options) Result {
	doc := text.New(src)
	l := letter.Parse(doc, e.Rules)
	checks := e.Checks
	if checks == nil {
		checks = check.All
	}
	opts.Template = e.IsTemplate != nil && e.IsTemplate(path)
	r := Result{Path: path, Src: src, Letter: l, Findings: check.Run(l, e.Rules, checks, &opts), Template: opts.Template}
	e.severities(r.Findings)
	r.Findings = e.excluded(path, r.Findings)
	return r
}

// excluded drops the findings the configuration's [[exclude]] entries
// accept (config.Config.Excluded): a team's decision, so every front end
// (command line, review page, editor) leaves them out alike.
func (e *Engine) excluded(path string, fs []finding.Finding) []finding.Finding {
	if e.Config == nil || len(e.Config.Exclude) == 0 {
		return fs
	}
	kept := fs[:0]
	for _, f := range fs {
		if !e.Config.Excluded(path, f.Check) {
			kept = append(kept, f)
		}
	}
	return kept
}

// severities applies Severity to the findings of a file.
func (e *Engine) severities(fs []finding.Finding) {
	if len(e.Severity) == 0 {
		return
	}
	for i, f := range fs {
		want, ok := e.Severity[f.Check]
		if !ok {
			continue
		}
		c := check.ByName(f.Check)
		if f.Severity == c.Severity || want < f.Severity {
			fs[i].Severity = want
		}
	}
}

// Expand turns the command line's paths into files: a directory is walked
// for .txt, .pdf and .docx files, in lexical order, keeping those keep accepts (nil keeps
// all). Paths named on the command line are always kept, and those that do
// not exist too, so that reading them reports the error in its place.
func Expand(paths []string, keep func(string) bool) []string {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if p == "-" || err != nil || !fi.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, path) // reported when read
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if letterExt[strings.ToLower(filepath.Ext(path))] && d.Type().IsRegular() && (keep == nil || keep(path)) {
				found = append(found, path)
			}
			return nil
		})
		if walkErr != nil || len(found) == 0 {
			// Nothing to check under p (or p could not be walked): p
			// itself is kept, and reading it says so.
			found = append(found, p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out
}

// letterExt are the file kinds a directory walk picks up.
var letterExt = map[string]bool{".txt": true, ".pdf": true, ".docx": true}
