package engine

import (
	"archive/zip"
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/config"
)

// bigDOCX is a Word document whose body holds n paragraphs of text.
func bigDOCX(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`))
	w, err = zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`))
	para := []byte(`<w:p><w:r><w:t>` + strings.Repeat("The request for 12 sessions of massage therapy is not medically necessary. ", 4) + `</w:t></w:r></w:p>`)
	for i := 0; i < n; i++ {
		w.Write(para)
	}
	w.Write([]byte(`</w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExtractionStopsAtMaxFileSize: --max-file-size bounds the text a
// DOCX is extracted to while it is extracted, not once all of it is made:
// a small file whose body holds many times the limit is refused naming
// the flag, having made little more text than the limit. Before, the whole
// text was extracted (here about 25 MB) and then refused.
func TestExtractionStopsAtMaxFileSize(t *testing.T) {
	e, err := New(&config.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e.MaxSize = 1 << 20
	docx := bigDOCX(t, 80000) // about 24 MiB of text
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := e.Check("big.docx", docx)
	runtime.ReadMemStats(&after)
	if r.Err == nil {
		t.Fatal("a DOCX of 24 MiB of text was checked under a 1 MiB --max-file-size")
	}
	if msg := r.Err.Error(); !strings.Contains(msg, "big.docx") || !strings.Contains(msg, "--max-file-size") {
		t.Errorf("the refusal %q does not name the file and --max-file-size", msg)
	}
	// What reading allocates past the limit's own text: the file's XML is
	// streamed, so stopping at 1 MiB keeps it to a few MiB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("refusing it allocated %d MB: the text was extracted past the limit", alloc>>20)
	}
}
