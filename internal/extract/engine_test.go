package extract_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/extract"
	"github.com/imrlint/imrlint/internal/rules"
)

// These tests run the whole linter over extracted text, as the engine will
// once it reads PDF and DOCX: the parser must see the same letter as in the
// text export, and a finding's page and line must be right.

func root(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

func newEngine(t testing.TB) *engine.Engine {
	set, err := rules.Default()
	if err != nil {
		t.Fatalf("loading built-in rules: %v", err)
	}
	return &engine.Engine{Rules: set, Checks: check.All}
}

// checkDoc checks an extracted document as the engine will.
func checkDoc(t testing.TB, e *engine.Engine, name string, doc *extract.Document) engine.Result {
	eng := *e
	eng.Options.Document = doc.Info // one type from extraction to the checks
	return eng.CheckBytes(name, doc.Text)
}

// summary lists findings as "check: message" lines, sorted, for comparison.
func summary(r engine.Result) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("%s %s: %s", f.Severity, f.Check, f.Message))
	}
	sort.Strings(out)
	return out
}

// TestFixtureDocsFindings: each fixture letter as PDF and as DOCX gives the
// findings its text gives; the quantity mismatch of our own 12-vs-18 letter
// is found at the same line, on page 1.
func TestFixtureDocsFindings(t *testing.T) {
	e := newEngine(t)
	docs := filepath.Join(root(t), "testdata", "docs")
	for _, name := range []string{"fault-2014-quantity-mismatch", "clean-2014-massage", "clean-2013-massage-mri"} {
		src, err := os.ReadFile(filepath.Join(docs, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		want := e.CheckBytes(name+".txt", src)
		for _, kind := range []string{"pdf", "docx"} {
			data, err := os.ReadFile(filepath.Join(docs, name+"."+kind))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := extract.Read(name+"."+kind, data, extract.DefaultLimits())
			if err != nil {
				t.Fatalf("%s.%s: %v", name, kind, err)
			}
			got := checkDoc(t, e, name+"."+kind, doc)
			if got.Layout() != want.Layout() {
				t.Errorf("%s.%s: layout %v, the text's is %v", name, kind, got.Layout(), want.Layout())
			}
			if g, w := strings.Join(summary(got), "\n"), strings.Join(summary(want), "\n"); g != w {
				t.Errorf("%s.%s: findings differ from the text's\n got: %s\nwant: %s", name, kind, g, w)
			}
			if name != "fault-2014-quantity-mismatch" {
				continue
			}
			quantityAt(t, name+"."+kind, got, 1, 56, 42)
		}
	}
}

// quantityAt requires exactly one error, a quantity-mismatch on "18" at the
// given page and line, related to the header's "12" at relLine.
func quantityAt(t *testing.T, where string, r engine.Result, page, line, relLine int) {
	t.Helper()
	var qm []int
	for i, f := range r.Findings {
		if f.Severity.String() == "error" && f.Check != "quantity-mismatch" {
			t.Errorf("%s: unexpected error %s: %s", where, f.Check, f.Message)
		}
		if f.Check == "quantity-mismatch" {
			qm = append(qm, i)
		}
	}
	if len(qm) != 1 {
		t.Fatalf("%s: %d quantity-mismatch findings, want 1", where, len(qm))
	}
	f := r.Findings[qm[0]]
	if got := string(r.Src[f.Start:f.End]); got != "18" {
		t.Errorf("%s: primary span %q, want 18", where, got)
	}
	p, l := extract.Position(r.Src, f.Start)
	t.Logf("%s: quantity-mismatch on page %d, line %d", where, p, l)
	if page > 0 && (p != page || l != line) {
		t.Errorf("%s: finding at page %d line %d, want page %d line %d", where, p, l, page, line)
	}
	if len(f.Related) != 1 || string(r.Src[f.Related[0].Start:f.Related[0].End]) != "12" {
		t.Errorf("%s: related %+v, want the header's 12", where, f.Related)
		return
	}
	if _, rl := extract.Position(r.Src, f.Related[0].Start); relLine > 0 && rl != relLine {
		t.Errorf("%s: related at line %d, want %d", where, rl, relLine)
	}
}

// TestCorpusFindings: every real letter's PDF, extracted here, gives the
// findings of its `pdftotext -layout` export.
func TestCorpusFindings(t *testing.T) {
	dir := filepath.Join(root(t), "..", "shared", "corpus")
	pdfs, _ := filepath.Glob(filepath.Join(dir, "pdf", "*.pdf"))
	if len(pdfs) == 0 {
		t.Skipf("skipping: the real letters' PDFs (%s) are absent; they come with the project's shared folder", filepath.Join(dir, "pdf"))
	}
	e := newEngine(t)
	same := 0
	for _, p := range pdfs {
		name := strings.TrimSuffix(filepath.Base(p), ".pdf")
		data, _ := os.ReadFile(p)
		txt, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			continue
		}
		doc, err := extract.Read(name+".pdf", data, extract.DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, want := checkDoc(t, e, name+".pdf", doc), e.CheckBytes(name+".txt", txt)
		if got.Layout() != want.Layout() {
			t.Errorf("%s: layout %v, the export's is %v", name, got.Layout(), want.Layout())
		}
		if len(got.Letter.Items) != len(want.Letter.Items) {
			t.Errorf("%s: %d items, the export has %d", name, len(got.Letter.Items), len(want.Letter.Items))
		}
		// Messages may quote short values of the letter; only check names
		// and counts go to the log.
		g, w := summary(got), summary(want)
		if strings.Join(g, "\n") == strings.Join(w, "\n") {
			same++
			continue
		}
		t.Errorf("%s: findings differ from the export's: %s vs %s", name, checkNames(got), checkNames(want))
	}
	t.Logf("%d of %d letters: the same findings as their pdftotext -layout export", same, len(pdfs))
}

func checkNames(r engine.Result) string {
	var n []string
	for _, f := range r.Findings {
		n = append(n, f.Check)
	}
	sort.Strings(n)
	return "[" + strings.Join(n, " ") + "]"
}

// TestSeedLetterDocs is the acceptance: the seed letter as PDF and
// as DOCX gives the same quantity-mismatch as its text, with page and line.
// The seed is a real letter, so its PDF and DOCX are made here, in a
// temporary folder, with LibreOffice; nothing of it is kept.
func TestSeedLetterDocs(t *testing.T) {
	seed := filepath.Join(root(t), "..", "shared", "letters", "000_1fa992746e5b65d8.txt")
	src, err := os.ReadFile(seed)
	if err != nil {
		t.Skipf("skipping: the seed letter (%s) is absent; it comes with the project's shared folder", seed)
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("skipping: soffice is not installed (Debian package libreoffice-writer-nogui)")
	}
	e := newEngine(t)
	want := e.CheckBytes("seed.txt", src)
	tmp := t.TempDir()
	f := filepath.Join(tmp, "seed.fodt")
	if err := os.WriteFile(f, extract.FODTForTest(src), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"pdf", "docx"} {
		profile := t.TempDir()
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore", "--convert-to", kind, "--outdir", tmp, f)
		cmd.Env = append(os.Environ(), "HOME="+profile)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to %s: %v (%d bytes of output)", kind, err, len(out))
		}
		data, err := os.ReadFile(filepath.Join(tmp, "seed."+kind))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := extract.Read("seed."+kind, data, extract.DefaultLimits())
		if err != nil {
			t.Fatalf("seed.%s: %v", kind, err)
		}
		norm := strings.Join(strings.Fields(string(doc.Text)), " ")
		h := strings.Index(norm, "Massage therapy: 12 sessions (right wrist/hand): Upheld")
		s := strings.Index(norm, "18 additional sessions of massage")
		if h < 0 || s < 0 || s < h {
			t.Errorf("seed.%s: the item header (at %d) and the 18-sessions sentence (at %d) are not both there in order", kind, h, s)
		}
		got := checkDoc(t, e, "seed."+kind, doc)
		if g, w := strings.Join(summary(got), "\n"), strings.Join(summary(want), "\n"); g != w {
			t.Errorf("seed.%s: findings %s, the text gives %s", kind, checkNames(got), checkNames(want))
		}
		quantityAt(t, "seed."+kind, got, 0, 0, 0)
	}
}
