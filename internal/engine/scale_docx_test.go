package engine_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// letterDOCX is the fixture letter clean-2014-massage.txt as a Word
// document, a paragraph a line, whose page header (word/header1.xml) holds
// one paragraph of n "#N" numbers: the shape of a 338 KB DOCX whose
// header of 12 million numbers once ran the check out of memory.
func letterDOCX(t testing.TB, n int) []byte {
	t.Helper()
	base, err := os.ReadFile("../../testdata/letters/clean-2014-massage.txt")
	if err != nil {
		t.Fatal(err)
	}
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	para := func(b *strings.Builder, s string) {
		b.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(b, []byte(s))
		b.WriteString(`</w:t></w:r></w:p>`)
	}
	var body strings.Builder
	for _, line := range strings.Split(strings.TrimRight(string(base), "\n"), "\n") {
		para(&body, line)
	}
	var nums strings.Builder
	nums.WriteString("Massage therapy:")
	for i := 0; i < n; i++ {
		nums.WriteString(" #")
		nums.WriteString(strconv.Itoa(i%90 + 1))
	}
	var header strings.Builder
	para(&header, nums.String())
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + w + `><w:body>` + body.String() + `</w:body></w:document>`},
		{"word/header1.xml", `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + w + `>` + header.String() + `</w:hdr>`},
	} {
		f, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(e.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDOCXHeaderNumbersScaleLinearly: a Word letter whose page header
// holds n numbers, for n of 50,000, 100,000 and 200,000 (0.2 to 0.8 MB of
// text, a page header's limit is 1 MiB), is extracted and checked at
// memory in proportion to its text and at most 25 bytes allocated a byte
// of text; the letter under the header is still read. A header of a
// million numbers is refused, naming the file, before it is read.
func TestDOCXHeaderNumbersScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("checks letters of megabytes")
	}
	e := newEngine(t)
	e.Check("warm.docx", letterDOCX(t, 1000))
	var sizes, costs []float64
	for _, n := range []int{50_000, 100_000, 200_000} {
		data := letterDOCX(t, n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := e.Check("numbers.docx", data)
		runtime.ReadMemStats(&after)
		if r.Err != nil || r.Kind != "docx" || r.Letter == nil || len(r.Letter.Items) != 1 {
			t.Fatalf("%d numbers: err %v, kind %q: want the DOCX letter read with its item", n, r.Err, r.Kind)
		}
		cost := float64(after.TotalAlloc - before.TotalAlloc)
		sizes = append(sizes, float64(len(r.Src)))
		costs = append(costs, cost)
		t.Logf("%d numbers: %d bytes of DOCX, %d of text: %.0f bytes allocated (%.1f a byte of text)", n, len(data), len(r.Src), cost, cost/float64(len(r.Src)))
		if per := cost / float64(len(r.Src)); per > 25 {
			t.Errorf("%d numbers: %.1f bytes allocated a byte of text, over the budget of 25", n, per)
		}
	}
	for i := 1; i < len(sizes); i++ {
		if growth := (costs[i] / costs[0]) / (sizes[i] / sizes[0]); growth > 1.25 {
			t.Errorf("%.1f× the text allocates %.2f× the memory: not linear", sizes[i]/sizes[0], costs[i]/costs[0])
		}
	}
	data := letterDOCX(t, 1_000_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := e.Check("numbers.docx", data)
	runtime.ReadMemStats(&after)
	const want = "numbers.docx: DOCX: header or footer word/header1.xml is 3 MiB uncompressed, over the 1 MiB limit"
	if r.Err == nil || !strings.HasPrefix(r.Err.Error(), want) {
		t.Fatalf("a header of a million numbers: err %v, want %q", r.Err, want)
	}
	if b := after.TotalAlloc - before.TotalAlloc; b > 8<<20 {
		t.Errorf("a header of a million numbers allocated %d bytes to be refused", b)
	}
}
