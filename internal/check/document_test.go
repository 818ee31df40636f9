package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/text"
)

// runDirect runs one check's Run over a letter, as check.Run would, without
// Run's layout and scope filters.
func runDirect(c *Check, l *letter.Letter, opts *Options) []finding.Finding {
	var out []finding.Finding
	c.Run(&Pass{Check: c, Letter: l, Rules: nil, Options: opts, out: &out})
	return out
}

func TestDocumentChecksDocumented(t *testing.T) {
	for _, c := range []*Check{NoText, TrackedChanges} {
		if !strings.Contains(c.Doc, "Triggers:") || !strings.Contains(c.Doc, "Does not trigger:") {
			t.Errorf("%s: Doc lacks Triggers:/Does not trigger:", c.Name)
		}
		for _, o := range All {
			if o != c && o.Name == c.Name {
				t.Errorf("%s: another check has the name", c.Name)
			}
		}
		if c.Scope != Both || !FileLevel(c) {
			t.Errorf("%s: scope %v, file level %v; want Both, file level", c.Name, c.Scope, FileLevel(c))
		}
	}
	if NoText.Severity != finding.Error || TrackedChanges.Severity != finding.Warning {
		t.Error("severities changed")
	}
	if FileLevel(QuantityMismatch) || FileLevel(NotALetter) {
		t.Error("FileLevel is true for a letter check")
	}
}

// TestNoText: a scan (no text, so no letter) gets one error at offset 0;
// a PDF with text, none.
func TestNoText(t *testing.T) {
	empty := letter.Parse(text.New(nil), phSet(t))
	fs := runDirect(NoText, empty, &Options{Document: Document{Kind: "pdf", Pages: 1, NoText: true}})
	if len(fs) != 1 || fs[0].Check != "no-text" || fs[0].Severity != finding.Error || fs[0].Start != 0 || fs[0].End != 0 {
		t.Fatalf("findings %+v, want one no-text error at 0", fs)
	}
	if want := "this PDF has no text layer (a scan); imrlint needs text: run OCR first"; fs[0].Message != want {
		t.Errorf("message %q, want %q", fs[0].Message, want)
	}
	for _, o := range []*Options{nil, {}, {Document: Document{Kind: "pdf", Pages: 2}}, {Template: true}} {
		if fs := runDirect(NoText, empty, o); len(fs) != 0 {
			t.Errorf("options %+v: findings %+v, want none", o, fs)
		}
	}
}

// TestTrackedChanges: through check.Run on a real (fixture) letter, a DOCX
// with tracked changes gets one warning at offset 0, in letters and
// templates alike.
func TestTrackedChanges(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "letters", "clean-2014-massage.txt"))
	if err != nil {
		t.Fatal(err)
	}
	l := letter.Parse(text.New(src), phSet(t))
	for _, tmpl := range []bool{false, true} {
		opts := &Options{Template: tmpl, Document: Document{Kind: "docx", Pages: 1, TrackedChanges: true}}
		fs := Run(l, phSet(t), []*Check{TrackedChanges, NoText}, opts)
		if len(fs) != 1 || fs[0].Check != "tracked-changes" || fs[0].Severity != finding.Warning || fs[0].Start != 0 {
			t.Fatalf("template %v: findings %+v, want one tracked-changes warning at 0", tmpl, fs)
		}
		if !strings.Contains(fs[0].Message, "accept or reject them before issuing") {
			t.Errorf("message %q", fs[0].Message)
		}
	}
	if fs := Run(l, phSet(t), []*Check{TrackedChanges, NoText}, &Options{Document: Document{Kind: "docx", Pages: 1, MergeFields: true}}); len(fs) != 0 {
		t.Errorf("clean DOCX: findings %+v, want none", fs)
	}
}
