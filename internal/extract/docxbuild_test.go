package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"strings"
	"sync"
	"testing"
)

// Minimal Word documents, written with archive/zip, for the tests.

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`

const wOpen = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`

const wClose = `<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:footerReference w:type="default" r:id="rIdF1"/><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>`

// entry is one file of a ZIP archive.
type entry struct{ name, body string }

// zipOf writes the entries, deflated, in order.
func zipOf(entries ...entry) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			panic(err)
		}
		if _, err := io.WriteString(w, e.body); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// docxOf builds a DOCX from a body (the XML inside w:body) and, optionally,
// a header's and a footer's paragraphs.
func docxOf(body, header, footer string) []byte {
	es := []entry{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", docRels},
		{"word/document.xml", wOpen + body + wClose},
	}
	if header != "" {
		es = append(es, entry{"word/header1.xml", `<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + header + `</w:hdr>`})
	}
	if footer != "" {
		es = append(es, entry{"word/footer1.xml", `<?xml version="1.0" encoding="UTF-8"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + footer + `</w:ftr>`})
	}
	return zipOf(es...)
}

// para is a paragraph of one run.
func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// trackedDOCX is a letter item whose quantity was edited with track changes
// on: "18" deleted, "12" inserted, and a deleted sentence.
func trackedDOCX() []byte {
	body := para("IMR ISSUES, DECISIONS AND RATIONALES") +
		`<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Massage therapy: </w:t></w:r>` +
		`<w:del w:id="1" w:author="Reviewer" w:date="2015-06-20T10:00:00Z"><w:r><w:delText>18</w:delText></w:r></w:del>` +
		`<w:ins w:id="2" w:author="Reviewer" w:date="2015-06-20T10:00:00Z"><w:r><w:t>12</w:t></w:r></w:ins>` +
		`<w:r><w:t xml:space="preserve"> sessions (right wrist/hand): Upheld</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">The request for 12 sessions of massage therapy is not medically necessary.</w:t></w:r>` +
		`<w:del w:id="3" w:author="Reviewer"><w:r><w:delText xml:space="preserve"> Deleted words stay out.</w:delText></w:r></w:del></w:p>`
	return docxOf(body, "", "")
}

// mergeDOCX is a letter template item with a simple merge field, a complex
// one, a quoted one and a PAGE field whose result is kept.
func mergeDOCX() []byte {
	body := para("IMR ISSUES, DECISIONS AND RATIONALES") +
		`<w:p><w:r><w:t xml:space="preserve">Massage therapy: </w:t></w:r>` +
		`<w:fldSimple w:instr=" MERGEFIELD Quantity \* MERGEFORMAT "><w:r><w:t>«Quantity»</w:t></w:r></w:fldSimple>` +
		`<w:r><w:t xml:space="preserve"> sessions (</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD </w:instrText></w:r>` +
		`<w:r><w:instrText xml:space="preserve">Body_Part \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>right wrist</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve">): </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD "Decision" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
	return docxOf(body, "", "")
}

var (
	bombOnce sync.Once
	bombRaw  []byte // deflated spaces
	bombCRC  uint32
)

// bombSize is what the zip bomb's document decompresses to: over 100 MB.
const bombSize = 101 << 20

// bombData deflates a word/document.xml of bombSize bytes, mostly spaces.
func bombData() ([]byte, uint32) {
	bombOnce.Do(func() {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestCompression)
		h := crc32.NewIEEE()
		w := io.MultiWriter(fw, h)
		head := wOpen + `<w:p><w:r><w:t xml:space="preserve">`
		io.WriteString(w, head)
		chunk := []byte(strings.Repeat(" ", 1<<20))
		n := len(head)
		for n+len(chunk) < bombSize-200 {
			w.Write(chunk)
			n += len(chunk)
		}
		tail := `</w:t></w:r></w:p>` + wClose
		io.WriteString(w, strings.Repeat(" ", bombSize-n-len(tail)))
		io.WriteString(w, tail)
		fw.Close()
		bombRaw, bombCRC = buf.Bytes(), h.Sum32()
	})
	return bombRaw, bombCRC
}

// bombDOCX is a DOCX whose word/document.xml decompresses to over 100 MB.
// With lie set, the entry's header claims 4 KB.
func bombDOCX(t testing.TB, lie bool) []byte {
	raw, crc := bombData()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range []entry{{"[Content_Types].xml", contentTypes}, {"_rels/.rels", rootRels}} {
		w, _ := zw.Create(e.name)
		io.WriteString(w, e.body)
	}
	size := uint64(bombSize)
	if lie {
		size = 4096
	}
	fh := &zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: size}
	w, err := zw.CreateRaw(fh)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
