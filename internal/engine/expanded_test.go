package engine_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// TestExtractedTextBounded: --max-file-size bounds the text a DOCX or PDF
// expands to, not only the file: a DOCX of a few KB whose text is 2 MB is
// refused with a 1 MiB limit, naming the file (a 94 KB DOCX once gave 60
// MB of text, checked at 1.3 GB).
func TestExtractedTextBounded(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			strings.Repeat(`<w:p><w:r><w:t>`+strings.Repeat("word ", 200)+`</w:t></w:r></w:p>`, 2000) + `</w:body></w:document>`},
	} {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 100<<10 {
		t.Fatalf("the DOCX is %d bytes: the test wants a small file", buf.Len())
	}
	e := newEngine(t)
	e.MaxSize = 1 << 20
	r := e.Check("big.docx", buf.Bytes())
	if r.Err == nil || !strings.Contains(r.Err.Error(), "big.docx: its extracted text is too large") || !strings.Contains(r.Err.Error(), "see --max-file-size") {
		t.Fatalf("err %v, want the extracted text refused", r.Err)
	}
	e.MaxSize = 16 << 20
	if r := e.Check("big.docx", buf.Bytes()); r.Err != nil {
		t.Errorf("with the limit raised: %v", r.Err)
	}
}
