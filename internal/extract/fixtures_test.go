package extract

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The fixtures in testdata/docs are made from the project's own fictional
// letters by TestMakeFixtures (see testdata/docs/README.md):
//
//	IMRLINT_MAKE_FIXTURES=1 go test ./internal/extract -run TestMakeFixtures
//
// It needs LibreOffice (Debian: libreoffice-writer-nogui), qpdf, img2pdf and
// poppler-utils.

// fixtureLetters are the letters made into PDF and DOCX fixtures.
var fixtureLetters = []string{
	"fault-2014-quantity-mismatch", // our own 12-vs-18 letter
	"clean-2014-massage",
	"clean-2013-massage-mri", // two pages
}

// fodt renders a text letter as a flat OpenDocument text: one paragraph per
// line, 8 pt Liberation Mono on a US letter page with narrow margins, so
// that every line of a fixture (at most 101 characters) fits unwrapped and
// the layout holds. Runs of spaces are kept (text:s), tabs become text:tab
// and a form feed starts a new page.
func fodt(src []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Mono" svg:font-family="'Liberation Mono'" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0in" fo:margin-bottom="0in"/><style:text-properties style:font-name="Liberation Mono" fo:font-size="8pt" fo:language="en" fo:country="US"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-top="0in" fo:margin-bottom="0in"/><style:text-properties style:font-name="Liberation Mono" fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="8.5in" fo:page-height="11in" fo:margin-top="0.6in" fo:margin-bottom="0.6in" fo:margin-left="0.6in" fo:margin-right="0.5in"/></style:page-layout>
<style:style style:name="PB" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
`)
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	text = strings.TrimSuffix(text, "\n")
	for _, line := range strings.Split(text, "\n") {
		style := "Standard"
		if strings.HasPrefix(line, "\f") {
			style = "PB"
			line = strings.TrimLeft(line, "\f")
		}
		fmt.Fprintf(&b, `<text:p text:style-name="%s">`, style)
		for i := 0; i < len(line); {
			switch c := line[i]; c {
			case ' ':
				j := i
				for j < len(line) && line[j] == ' ' {
					j++
				}
				n := j - i
				if i == 0 || j == len(line) {
					fmt.Fprintf(&b, `<text:s text:c="%d"/>`, n)
				} else {
					b.WriteByte(' ')
					if n > 1 {
						fmt.Fprintf(&b, `<text:s text:c="%d"/>`, n-1)
					}
				}
				i = j
			case '\t':
				b.WriteString("<text:tab/>")
				i++
			case '&':
				b.WriteString("&amp;")
				i++
			case '<':
				b.WriteString("&lt;")
				i++
			case '>':
				b.WriteString("&gt;")
				i++
			case '\f':
				i++
			default:
				b.WriteByte(c)
				i++
			}
		}
		b.WriteString("</text:p>\n")
	}
	b.WriteString("</office:text></office:body></office:document>\n")
	return b.Bytes()
}

// needTool skips the test where a program is missing, naming the Debian
// package that brings it.
func needTool(t testing.TB, prog, pkg string) string {
	p, err := exec.LookPath(prog)
	if err != nil {
		t.Skipf("skipping: %s is not installed (Debian package %s)", prog, pkg)
	}
	return p
}

// convert runs LibreOffice to turn a .fodt into format ("pdf" or "docx")
// in outDir, with a private profile so that parallel runs do not collide.
func convert(t testing.TB, fodtPath, format, outDir string) string {
	soffice := needTool(t, "soffice", "libreoffice-writer-nogui")
	profile := t.TempDir()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--convert-to", format, "--outdir", outDir, fodtPath)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", format, err, out)
	}
	out := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(fodtPath), ".fodt")+"."+format)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("soffice made no %s: %v", out, err)
	}
	return out
}

func run(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// cyclicPDF is a minimal PDF whose page tree's /Kids holds the page tree
// node itself.
func cyclicPDF() []byte {
	return handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
	})
}

// handPDF writes objects 1..n with a correct cross-reference table.
func handPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// TestMakeFixtures rebuilds testdata/docs. It runs only when asked to.
func TestMakeFixtures(t *testing.T) {
	if os.Getenv("IMRLINT_MAKE_FIXTURES") == "" {
		t.Skip("skipping: set IMRLINT_MAKE_FIXTURES=1 to rebuild testdata/docs")
	}
	needTool(t, "qpdf", "qpdf")
	needTool(t, "img2pdf", "img2pdf")
	needTool(t, "pdftoppm", "poppler-utils")
	docs := filepath.Join(repoRoot(t), "testdata", "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, name := range fixtureLetters {
		src, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "letters", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		// The text the fixtures came from, next to them.
		if err := os.WriteFile(filepath.Join(docs, name+".txt"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(tmp, name+".fodt")
		if err := os.WriteFile(f, fodt(src), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"pdf", "docx"} {
			out := convert(t, f, format, tmp)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(docs, filepath.Base(out)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	good := filepath.Join(docs, "fault-2014-quantity-mismatch.pdf")
	// Encrypted with a user password (AES-256), and with AES-128; and
	// encrypted with permissions only (no password to open), which reads.
	run(t, "qpdf", "--encrypt", "user", "owner", "256", "--", good, filepath.Join(docs, "bad-encrypted-aes256.pdf"))
	run(t, "qpdf", "--encrypt", "user", "owner", "128", "--use-aes=y", "--", good, filepath.Join(docs, "bad-encrypted-aes128.pdf"))
	run(t, "qpdf", "--encrypt", "", "owner", "128", "--use-aes=y", "--extract=n", "--modify=none", "--", good, filepath.Join(docs, "permissions-only-aes128.pdf"))
	// Truncated: the first 60% of the bytes.
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "bad-truncated.pdf"), data[:len(data)*6/10], 0o644); err != nil {
		t.Fatal(err)
	}
	// A scan: the first page as a 60 dpi grey image, wrapped in a PDF.
	run(t, "pdftoppm", "-r", "60", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", good, filepath.Join(tmp, "scan"))
	run(t, "img2pdf", "--output", filepath.Join(docs, "bad-scanned.pdf"), filepath.Join(tmp, "scan.png"))
	// A page tree that contains itself.
	if err := os.WriteFile(filepath.Join(docs, "bad-cyclic.pdf"), cyclicPDF(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Word documents with tracked changes and merge fields, built by hand.
	if err := os.WriteFile(filepath.Join(docs, "tracked-changes.docx"), trackedDOCX(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "merge-fields.docx"), mergeDOCX(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// FODTForTest lets the external tests (package extract_test) render a
// letter as they convert the seed letter.
var FODTForTest = fodt
