package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imrlint/imrlint/internal/placeholder"
)

func docsDir(t testing.TB) string { return filepath.Join(repoRoot(t), "testdata", "docs") }

func readDoc(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(docsDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// goodFixtures are the documents made from our own letters, with the page
// count of each format.
var goodFixtures = []struct {
	name           string
	pdfPages, docx int
}{
	{"fault-2014-quantity-mismatch", 1, 1},
	{"clean-2014-massage", 1, 1},
	{"clean-2013-massage-mri", 2, 1},
}

// TestFixtureText: the text of each good fixture, normalised, has the same
// logical lines (and so the same words) as the letter it was made from.
func TestFixtureText(t *testing.T) {
	for _, fx := range goodFixtures {
		src := readDoc(t, fx.name+".txt")
		for _, kind := range []string{"pdf", "docx"} {
			file := fx.name + "." + kind
			doc, err := Read(file, readDoc(t, file), DefaultLimits())
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			pages := fx.pdfPages
			if kind == "docx" {
				pages = fx.docx
			}
			if doc.Kind != kind || doc.Pages != pages || doc.NoText || doc.TrackedChanges || doc.MergeFields {
				t.Errorf("%s: Kind %q Pages %d NoText %v TrackedChanges %v MergeFields %v; want %q, %d pages, no flags",
					file, doc.Kind, doc.Pages, doc.NoText, doc.TrackedChanges, doc.MergeFields, kind, pages)
			}
			if n := bytes.Count(doc.Text, []byte("\f")) + 1; n != doc.Pages {
				t.Errorf("%s: %d pages in the text, Pages says %d", file, n, doc.Pages)
			}
			gw, ww := words(doc.Text), words(src)
			if strings.Join(gw, " ") != strings.Join(ww, " ") {
				t.Errorf("%s: words differ from the source letter %s", file, firstDiff(gw, ww))
				continue
			}
			gl, wl := logicalLines(doc.Text), logicalLines(src)
			if strings.Join(gl, "\n") != strings.Join(wl, "\n") {
				t.Errorf("%s: the words agree but the lines do not (%d lines, want %d)", file, len(gl), len(wl))
			}
		}
	}
	// Encrypted only to forbid copying (no password to open): read.
	doc, err := Read("p.pdf", readDoc(t, "permissions-only-aes128.pdf"), DefaultLimits())
	if err != nil {
		t.Fatalf("permissions-only-aes128.pdf: %v", err)
	}
	if got, want := words(doc.Text), words(readDoc(t, "fault-2014-quantity-mismatch.txt")); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("permissions-only-aes128.pdf: %s", firstDiff(got, want))
	}
}

// TestPdftotextAgreement compares the extraction of each fixture PDF with
// poppler's `pdftotext -layout`.
func TestPdftotextAgreement(t *testing.T) {
	prog := needTool(t, "pdftotext", "poppler-utils")
	for _, fx := range goodFixtures {
		file := filepath.Join(docsDir(t), fx.name+".pdf")
		out, err := exec.Command(prog, "-layout", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", file, err)
		}
		doc, err := Read(file, readDoc(t, fx.name+".pdf"), DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		gw, ww := words(doc.Text), words(out)
		if a := agreement(gw, ww); a < 0.995 {
			t.Errorf("%s: %.2f%% of words agree with pdftotext -layout: %s", fx.name, 100*a, firstDiff(gw, ww))
		}
		gl, wl := logicalLines(doc.Text), logicalLines(out)
		if strings.Join(gl, "\n") != strings.Join(wl, "\n") {
			t.Errorf("%s: lines differ from pdftotext -layout's", fx.name)
		}
		if got, want := bytes.Count(doc.Text, []byte("\f")), bytes.Count(bytes.TrimRight(out, "\f"), []byte("\f")); got != want {
			t.Errorf("%s: %d page breaks, pdftotext has %d", fx.name, got, want)
		}
	}
}

// letterWords are words of the fixture letters that no error may quote.
var letterWords = []string{"Massage", "massage", "CM15", "wrist", "09/03/2012", "sessions"}

// checkErr requires a one-line error of the kind, containing want, and
// quoting nothing of the letter.
func checkErr(t *testing.T, what string, err error, kind error, want string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %q", what, want)
		return
	}
	msg := err.Error()
	if !errors.Is(err, kind) {
		t.Errorf("%s: error %q is not %v", what, msg, kind)
	}
	if !strings.Contains(msg, want) {
		t.Errorf("%s: error %q, want it to contain %q", what, msg, want)
	}
	if strings.ContainsAny(msg, "\n\r") {
		t.Errorf("%s: error %q spans lines", what, msg)
	}
	for _, w := range letterWords {
		if strings.Contains(msg, w) {
			t.Errorf("%s: error %q quotes the letter (%q)", what, msg, w)
		}
	}
}

// TestBadPDFs: each bad fixture gives its clear error (or, for the scan,
// NoText), and no panic.
func TestBadPDFs(t *testing.T) {
	for _, c := range []struct {
		file string
		kind error
		want string
	}{
		{"bad-encrypted-aes256.pdf", ErrEncrypted, "encrypted PDF (password protected); imrlint cannot read it"},
		{"bad-encrypted-aes128.pdf", ErrEncrypted, "encrypted PDF (password protected); imrlint cannot read it"},
		{"bad-truncated.pdf", ErrCorrupt, "corrupt or truncated PDF: "},
		{"bad-cyclic.pdf", ErrCorrupt, "corrupt PDF: its page tree refers back to itself (a cycle)"},
	} {
		doc, err := Read(c.file, readDoc(t, c.file), DefaultLimits())
		if doc != nil {
			t.Errorf("%s: a document with an error", c.file)
		}
		checkErr(t, c.file, err, c.kind, c.want)
	}
	doc, err := Read("bad-scanned.pdf", readDoc(t, "bad-scanned.pdf"), DefaultLimits())
	if err != nil {
		t.Fatalf("bad-scanned.pdf: %v", err)
	}
	if !doc.NoText || len(doc.Text) != 0 || doc.Pages != 1 || doc.Kind != KindPDF {
		t.Errorf("bad-scanned.pdf: NoText %v, %d bytes of text, %d pages, kind %q; want NoText, no text, 1 page", doc.NoText, len(doc.Text), doc.Pages, doc.Kind)
	}
}

// TestAES256WithoutPassword: AES-256 encryption with an empty user
// password is told apart from a password, though neither can be read.
func TestAES256WithoutPassword(t *testing.T) {
	prog := needTool(t, "qpdf", "qpdf")
	dir := t.TempDir()
	out := filepath.Join(dir, "p.pdf")
	run(t, prog, "--encrypt", "", "owner", "256", "--", filepath.Join(docsDir(t), "fault-2014-quantity-mismatch.pdf"), out)
	data, _ := os.ReadFile(out)
	_, err := Read("p.pdf", data, DefaultLimits())
	checkErr(t, "AES-256 without a password", err, ErrEncrypted, "with no password to open it")
}

// TestTruncatedPrefixes: no prefix of a good PDF or DOCX makes Read panic
// or hang; each gives a one-line error (or, rarely, a document).
func TestTruncatedPrefixes(t *testing.T) {
	lim := DefaultLimits()
	lim.Timeout = 5 * time.Second
	for _, file := range []string{"fault-2014-quantity-mismatch.pdf", "clean-2013-massage-mri.pdf", "fault-2014-quantity-mismatch.docx", "permissions-only-aes128.pdf"} {
		data := readDoc(t, file)
		step := max(1, len(data)/300)
		errs := 0
		for cut := 0; cut < len(data); cut += step {
			doc, err := Read(file, data[:cut], lim)
			if err != nil {
				errs++
				if strings.ContainsAny(err.Error(), "\n\r") {
					t.Errorf("%s cut at %d: error spans lines: %q", file, cut, err)
				}
				continue
			}
			if doc == nil {
				t.Errorf("%s cut at %d: no document and no error", file, cut)
			}
		}
		if errs == 0 {
			t.Errorf("%s: no truncated prefix was refused", file)
		}
	}
}

// TestCorruptedBytes flips bytes throughout a good PDF: Read may fail, but
// with one line and no panic.
func TestCorruptedBytes(t *testing.T) {
	data := readDoc(t, "clean-2013-massage-mri.pdf")
	lim := DefaultLimits()
	lim.Timeout = 5 * time.Second
	for i := 0; i < len(data); i += max(1, len(data)/400) {
		bad := bytes.Clone(data)
		bad[i] ^= 0x5a
		if _, err := Read("x.pdf", bad, lim); err != nil && strings.ContainsAny(err.Error(), "\n\r") {
			t.Errorf("flip at %d: error spans lines: %q", i, err)
		}
	}
}

// FuzzRead: no input makes Read panic.
func FuzzRead(f *testing.F) {
	f.Add("a.pdf", []byte("%PDF-1.4\n"))
	f.Add("a.pdf", cyclicPDF())
	f.Add("a.pdf", textPDF("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"))
	f.Add("a.docx", trackedDOCX())
	f.Add("a.docx", mergeDOCX())
	f.Add("a.txt", []byte("plain text"))
	lim := DefaultLimits()
	lim.Timeout = 2 * time.Second
	lim.MaxUncompressed = 1 << 20
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, err := Read(name, data, lim)
		if err == nil && doc == nil {
			t.Fatal("no document and no error")
		}
	})
}

// textPDF is a one-page PDF with the given content stream and the standard
// font Helvetica as /F1 (no widths: the reader estimates them).
func textPDF(content string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	if len(extra) > 0 {
		objs = append(objs, extra...)
	} else {
		objs = append(objs, "null")
	}
	return handPDF(objs)
}

// TestHandMadePDFs covers what the fixtures do not: standard fonts, word
// spacing, kerning, form XObjects, a blank line between paragraphs.
func TestHandMadePDFs(t *testing.T) {
	form := "BT /F1 12 Tf 72 600 Td (Inside a form) Tj ET"
	for _, c := range []struct {
		name, content string
		extra         []string
		want          string
	}{
		{"one line", "BT /F1 12 Tf 72 700 Td (Hello world) Tj ET", nil, "Hello world\n"},
		{"two runs, one line", "BT /F1 12 Tf 72 700 Td (Hello) Tj 40 0 Td (world) Tj ET", nil, "Hello world\n"},
		{"kerning inside a word", "BT /F1 12 Tf 72 700 Td [(Hel) 20 (lo) -300 (world)] TJ ET", nil, "Hello world\n"},
		{"lines top down", "BT /F1 12 Tf 72 700 Td 14 TL (first) Tj T* (second) Tj ET BT /F1 12 Tf 72 714 Td (zeroth) Tj ET", nil, "zeroth\nfirst\nsecond\n"},
		{"paragraph gap", "BT /F1 12 Tf 14 TL 72 700 Td (one) Tj T* (two) Tj T* T* T* (three) Tj ET", nil, "one\ntwo\n\nthree\n"},
		{"columns", "BT /F1 12 Tf 72 700 Td (Label:) Tj 200 0 Td (Value) Tj ET", nil, "Label:" + strings.Repeat(" ", 27) + "Value\n"},
		{"form xobject", "q 1 0 0 1 0 0 cm /X1 Do Q", []string{fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(form)+1, form)}, "Inside a form\n"},
		{"unbalanced Q and bad operands", "Q Q BT /F1 Tf 1 2 Td (ok) Tj /Nope 12 Tf (still) Tj ET", nil, "okstill\n"},
	} {
		doc, err := Read("x.pdf", textPDF(c.content, c.extra...), DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := string(doc.Text); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestPDFLimits: pages, time and decompression are bounded, and the
// structures that would loop the library are refused up front.
func TestPDFLimits(t *testing.T) {
	two := readDoc(t, "clean-2013-massage-mri.pdf")
	lim := DefaultLimits()
	lim.MaxPages = 1
	_, err := Read("x.pdf", two, lim)
	checkErr(t, "two pages over a limit of one", err, ErrLimit, "more than 1 pages")

	lim = DefaultLimits()
	lim.Timeout = time.Nanosecond
	_, err = Read("x.pdf", two, lim)
	checkErr(t, "no time", err, ErrLimit, "took longer than")

	// A content stream that inflates to 2 MiB under a 1 MiB limit.
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(bytes.Repeat([]byte(" "), 2<<20))
	zw.Close()
	bomb := handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
	})
	lim = DefaultLimits()
	lim.MaxUncompressed = 1 << 20
	_, err = Read("x.pdf", bomb, lim)
	checkErr(t, "content stream bomb", err, ErrLimit, "over the 1 MiB limit (a decompression bomb?)")

	// An absurd cross-reference size.
	huge := bytes.Replace(cyclicPDF(), []byte("/Size 3"), []byte("/Size 999999999999"), 1)
	_, err = Read("x.pdf", huge, DefaultLimits())
	checkErr(t, "absurd /Size", err, ErrCorrupt, "implausible number of objects")

	// A cross-reference section whose /Prev is itself.
	good := textPDF("BT /F1 12 Tf 72 700 Td (Hi) Tj ET")
	x := bytes.LastIndex(good, []byte("startxref\n"))
	off := strings.Fields(string(good[x+len("startxref\n"):]))[0]
	loop := bytes.Replace(good, []byte("/Root 1 0 R >>"), []byte("/Root 1 0 R /Prev "+off+" >>"), 1)
	_, err = Read("x.pdf", loop, DefaultLimits())
	checkErr(t, "/Prev cycle", err, ErrCorrupt, "cycle")

	// Object streams that extend each other.
	ext := handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Type /ObjStm /N 1 /First 4 /Extends 4 0 R /Length 0 >>\nstream\n\nendstream",
		"<< /Type /ObjStm /N 1 /First 4 /Extends 3 0 R /Length 0 >>\nstream\n\nendstream",
	})
	_, err = Read("x.pdf", ext, DefaultLimits())
	checkErr(t, "/Extends cycle", err, ErrCorrupt, "cycle")

	// No pages at all.
	_, err = Read("x.pdf", handPDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}), DefaultLimits())
	checkErr(t, "no pages", err, ErrCorrupt, "no pages")
}

// TestDOCXFeatures: paragraphs, runs, tabs, breaks, headers and footers,
// tables, hidden text, alternate content, tracked changes, merge fields.
func TestDOCXFeatures(t *testing.T) {
	for _, c := range []struct {
		name, body, header, footer string
		want                       string
		tracked, merge             bool
		pages                      int
	}{
		{name: "runs split mid-word", body: `<w:p><w:r><w:t>Mas</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>sage</w:t></w:r><w:r><w:t xml:space="preserve"> therapy</w:t></w:r></w:p>`, want: "Massage therapy\n"},
		{name: "tab, break, carriage return", body: `<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r></w:p>`, want: "a\tb\nc\nd\n"},
		{name: "tab stops are not tabs", body: `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p>`, want: "x\n"},
		{name: "headers first, footers last", body: para("body"), header: para("Case Number: CM15-0900114"), footer: para("Page 1 of 1"), want: "Case Number: CM15-0900114\nbody\nPage 1 of 1\n"},
		{name: "page break", body: para("one") + `<w:p><w:r><w:t>two</w:t><w:br w:type="page"/><w:t>three</w:t></w:r></w:p>` + para("four"), want: "one\ntwo\n\fthree\nfour\n", pages: 2},
		{name: "rendered page break at a paragraph's start", body: para("one") + `<w:p><w:r><w:lastRenderedPageBreak/><w:t>two</w:t></w:r></w:p>`, want: "one\n\ftwo\n", pages: 2},
		{name: "page break before", body: para("one") + `<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>two</w:t></w:r></w:p>`, want: "one\n\ftwo\n", pages: 2},
		{name: "table row on one line", body: `<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>Case Number:</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>CM15-0900114</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, want: "Case Number:\tCM15-0900114\n"},
		{name: "hidden text", body: `<w:p><w:r><w:t xml:space="preserve">shown </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:t>too</w:t></w:r></w:p>`, want: "shown too\n"},
		{name: "alternate content once", body: `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>box</w:t></mc:Choice><mc:Fallback><w:t>box</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`, want: "box\n"},
		{name: "deleted and inserted", body: `<w:p><w:r><w:t xml:space="preserve">requests </w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>18</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>12</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> sessions</w:t></w:r></w:p>`, want: "requests 12 sessions\n", tracked: true},
		{name: "deleted paragraph mark joins", body: `<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">one </w:t></w:r></w:p>` + para("two"), want: "one two\n", tracked: true},
		{name: "moved text", body: `<w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>old</w:t></w:r></w:moveFrom><w:moveTo w:id="2" w:author="a"><w:r><w:t>new</w:t></w:r></w:moveTo></w:p>`, want: "new\n", tracked: true},
		{name: "merge fields", body: `<w:p><w:fldSimple w:instr="MERGEFIELD Quantity"><w:r><w:t>12</w:t></w:r></w:fldSimple></w:p>`, want: "«Quantity»\n", merge: true},
		{name: "other fields keep their result", body: `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \@ "M/d/yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>6/24/2015</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`, want: "6/24/2015\n"},
		{name: "merge field nested in IF", body: `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD Side </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>left</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> = "left" "L" "R" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>L</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`, want: "L\n", merge: true},
	} {
		doc, err := Read("x.docx", docxOf(c.body, c.header, c.footer), DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		pages := max(c.pages, 1)
		if string(doc.Text) != c.want || doc.TrackedChanges != c.tracked || doc.MergeFields != c.merge || doc.Pages != pages || doc.Kind != KindDOCX {
			t.Errorf("%s: got %q tracked %v merge %v pages %d; want %q tracked %v merge %v pages %d",
				c.name, doc.Text, doc.TrackedChanges, doc.MergeFields, doc.Pages, c.want, c.tracked, c.merge, pages)
		}
	}
}

// TestTrackedAndMergeFixtures: the committed DOCX files (and the builders
// they came from) are read with their flags; merge fields come out in the
// guillemet syntax the placeholder check finds.
func TestTrackedAndMergeFixtures(t *testing.T) {
	for _, data := range [][]byte{readDoc(t, "tracked-changes.docx"), trackedDOCX()} {
		doc, err := Read("tracked-changes.docx", data, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		want := "IMR ISSUES, DECISIONS AND RATIONALES\nMassage therapy: 12 sessions (right wrist/hand): Upheld\nThe request for 12 sessions of massage therapy is not medically necessary.\n"
		if string(doc.Text) != want || !doc.TrackedChanges || doc.MergeFields {
			t.Errorf("tracked-changes.docx: got %q (tracked %v, merge %v), want %q with tracked changes", doc.Text, doc.TrackedChanges, doc.MergeFields, want)
		}
	}
	for _, data := range [][]byte{readDoc(t, "merge-fields.docx"), mergeDOCX()} {
		doc, err := Read("merge-fields.docx", data, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		want := "IMR ISSUES, DECISIONS AND RATIONALES\nMassage therapy: «Quantity» sessions («Body_Part»): «Decision»\nPage 1\n"
		if string(doc.Text) != want || doc.TrackedChanges || !doc.MergeFields {
			t.Errorf("merge-fields.docx: got %q (tracked %v, merge %v), want %q with merge fields", doc.Text, doc.TrackedChanges, doc.MergeFields, want)
		}
		var fields []string
		for _, m := range placeholder.Find(string(doc.Text), placeholder.Builtin()) {
			if m.Syntax == placeholder.Guillemet {
				fields = append(fields, m.Field)
			}
		}
		if strings.Join(fields, ",") != "Quantity,Body_Part,Decision" {
			t.Errorf("placeholders found: %v, want Quantity, Body_Part, Decision", fields)
		}
	}
}

// TestDOCXLimits: zip bombs, too many entries, odd paths, damaged XML.
// How fast a bomb is refused is BenchmarkDOCXBomb's to measure: a wall-clock
// bound here failed on a busy machine.
func TestDOCXLimits(t *testing.T) {
	_, err := Read("bomb.docx", bombDOCX(t, false), DefaultLimits())
	checkErr(t, "zip bomb", err, ErrLimit, "DOCX: entry word/document.xml is 101 MiB uncompressed, over the 64 MiB limit (zip bomb?)")
	_, err = Read("bomb.docx", bombDOCX(t, true), DefaultLimits())
	checkErr(t, "zip bomb with a lying header", err, ErrLimit, "DOCX: entry word/document.xml is larger than its ZIP header says (4 KiB); refusing it (zip bomb?)")
	lim := DefaultLimits()
	lim.MaxEntries = 3
	_, err = Read("x.docx", docxOf(para("x"), para("h"), ""), lim)
	checkErr(t, "too many entries", err, ErrLimit, "DOCX has 5 ZIP entries, over the 3 limit")

	lim = DefaultLimits()
	lim.MaxUncompressed = 1 << 20
	lim.MaxTotal = 1500
	_, err = Read("x.docx", docxOf(para(strings.Repeat("x", 1000)), para(strings.Repeat("h", 1000)), ""), lim)
	checkErr(t, "total", err, ErrLimit, "together, over the limit")

	doc := wOpen + para("x") + wClose
	for _, c := range []struct {
		name string
		es   []entry
		kind error
		want string
	}{
		{"climbing path", []entry{{"word/document.xml", doc}, {"../../etc/evil.xml", "x"}}, ErrCorrupt, "climbs out of the archive"},
		{"absolute path", []entry{{"word/document.xml", doc}, {"/etc/evil.xml", "x"}}, ErrCorrupt, "an absolute path"},
		{"backslash", []entry{{"word/document.xml", doc}, {`word\evil.xml`, "x"}}, ErrCorrupt, "an odd name"},
		{"twice", []entry{{"word/document.xml", doc}, {"word/document.xml", doc}}, ErrCorrupt, "the same entry twice"},
		{"bad XML", []entry{{"word/document.xml", wOpen + "<w:p><w:r></w:p>"}}, ErrCorrupt, "entry word/document.xml is not well-formed XML (line 2)"},
	} {
		_, err := Read("x.docx", zipOf(c.es...), DefaultLimits())
		checkErr(t, c.name, err, c.kind, c.want)
	}
	_, err = Read("x.zip", zipOf(entry{"a.txt", "x"}), DefaultLimits())
	checkErr(t, "a ZIP", err, ErrUnsupported, "not a Word document")
	_, err = Read("x.doc", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), DefaultLimits())
	checkErr(t, "a .doc", err, ErrUnsupported, "legacy Word .doc")
	_, err = Read("x.docx", []byte("PK\x03\x04 cut short"), DefaultLimits())
	checkErr(t, "a truncated DOCX", err, ErrCorrupt, "corrupt or truncated DOCX")
}

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"a.txt", []byte("Case Number: CM15-0900114\n"), KindText},
		{"a.pdf", []byte("%PDF-1.7\n%\xe2\xe3\n"), KindPDF},
		{"noext", []byte("%PDF-1.4\n"), KindPDF},
		{"a.txt", []byte("\x00\x01junk%PDF-1.4\n"), KindPDF},
		{"a.docx", trackedDOCX(), KindDOCX},
		{"letter", mergeDOCX(), KindDOCX},
		{"a.zip", zipOf(entry{"a.txt", "x"}), KindZIP},
		{"a.docx", []byte("PK\x03\x04 truncated"), KindDOCX},
		{"a.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), KindDOC},
		{"a.pdf", []byte("\x00\x01\x02 not even a header"), KindPDF},
		{"a.pdf", []byte("plain text named .pdf\n"), KindText},
		{"a.docx", []byte("plain text named .docx\n"), KindText},
	} {
		if got := Sniff(c.name, c.data); got != c.want {
			t.Errorf("Sniff(%q, %.12q) = %q, want %q", c.name, c.data, got, c.want)
		}
	}
	doc, err := Read("a.txt", []byte("text\n"), Limits{})
	if err != nil || doc.Kind != KindText || string(doc.Text) != "text\n" || doc.Pages != 1 {
		t.Errorf("text: %+v, %v", doc, err)
	}
}

func TestPosition(t *testing.T) {
	text := []byte("a\nb\n\fc\nd\n\fe")
	for _, c := range []struct{ off, page, line int }{
		{0, 1, 1}, {2, 1, 2}, {5, 2, 1}, {7, 2, 2}, {10, 3, 1}, {100, 3, 1}, {-1, 1, 1},
	} {
		if p, l := Position(text, c.off); p != c.page || l != c.line {
			t.Errorf("Position(%d) = page %d line %d, want page %d line %d", c.off, p, l, c.page, c.line)
		}
	}
}

func benchmarkRead(b *testing.B, file string) {
	data := readDoc(b, file)
	lim := DefaultLimits()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(file, data, lim); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}

// BenchmarkReadPDF reads a two-page fixture letter.
func BenchmarkReadPDF(b *testing.B) { benchmarkRead(b, "clean-2013-massage-mri.pdf") }

// BenchmarkReadDOCX reads the same letter as DOCX.
func BenchmarkReadDOCX(b *testing.B) { benchmarkRead(b, "clean-2013-massage-mri.docx") }

// TestPDFHeaderVariants: junk before the header and PDF 2.0 still read.
func TestPDFHeaderVariants(t *testing.T) {
	good := textPDF("BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
	for name, data := range map[string][]byte{
		"junk before the header": append([]byte("\x00\x01\x02\x03"), good...),
		"PDF 2.0":                append([]byte("%PDF-2.0"), good[len("%PDF-1.4"):]...),
	} {
		doc, err := Read("x.pdf", data, DefaultLimits())
		if err != nil || string(doc.Text) != "Hello\n" {
			t.Errorf("%s: %v, %+v", name, err, doc)
		}
	}
}

// TestIncrementalUpdate: a PDF saved with an incremental update (a second
// cross-reference section whose /Prev points to the first) reads its
// latest content; an outline item's "/Prev 6 0 R" is not taken for an
// offset.
func TestIncrementalUpdate(t *testing.T) {
	base := textPDF("BT /F1 12 Tf 72 700 Td (Old) Tj ET")
	x := bytes.LastIndex(base, []byte("startxref\n"))
	prev := strings.Fields(string(base[x+len("startxref\n"):]))[0]
	var b bytes.Buffer
	b.Write(base)
	content := "BT /F1 12 Tf 72 700 Td (New text) Tj ET"
	o4 := b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(content)+1, content)
	o7 := b.Len()
	b.WriteString("7 0 obj\n<< /Title (x) /Parent 6 0 R /Prev 6 0 R >>\nendobj\n")
	xr := b.Len()
	fmt.Fprintf(&b, "xref\n4 1\n%010d 00000 n \n7 1\n%010d 00000 n \ntrailer\n<< /Size 8 /Root 1 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", o4, o7, prev, xr)
	doc, err := Read("x.pdf", b.Bytes(), DefaultLimits())
	if err != nil || string(doc.Text) != "New text\n" {
		t.Fatalf("got %v, %+v; want the updated text", err, doc)
	}
}

// BenchmarkDOCXBomb times refusing a zip bomb whose entry inflates past the
// limit (and one whose ZIP header lies about its size).
func BenchmarkDOCXBomb(b *testing.B) {
	for _, lying := range []bool{false, true} {
		data := bombDOCX(b, lying)
		name := "honest-header"
		if lying {
			name = "lying-header"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := Read("bomb.docx", data, DefaultLimits()); err == nil {
					b.Fatal("the bomb was read")
				}
			}
		})
	}
}
