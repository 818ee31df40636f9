package extract

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// readWork reads data and returns what it cost, in the units Limits count.
func readWork(t testing.TB, name string, data []byte, lim Limits) (*Document, error, work) {
	t.Helper()
	var w work
	calls := 0
	countWork = func(x work) { w = x; calls++ }
	defer func() { countWork = nil }()
	doc, err := Read(name, data, lim)
	if calls > 1 {
		t.Fatalf("%s: the work was told %d times", name, calls)
	}
	return doc, err, w
}

// Hostile shapes, built at test time.

// deepDOCX is a letter whose body then nests n paragraphs in each other.
func deepDOCX(n int) []byte {
	return docxOf(para("IMR ISSUES, DECISIONS AND RATIONALES")+strings.Repeat("<w:p>", n)+strings.Repeat("</w:p>", n), "", "")
}

// manyDOCX is a letter of n one-run paragraphs: 3n XML elements.
func manyDOCX(n int) []byte {
	return docxOf(para("IMR ISSUES, DECISIONS AND RATIONALES")+strings.Repeat(para("x"), n), "", "")
}

// numbersDOCX is a letter whose page header holds n "#N" numbers in one
// paragraph (200,000 fit under MaxHeader).
func numbersDOCX(n int) []byte {
	return docxOf(para("IMR ISSUES, DECISIONS AND RATIONALES")+para("Massage therapy: 12 sessions: Upheld"), para(numbers(n)), "")
}

// numbersBodyDOCX is a letter whose body holds n "#N" numbers in one
// paragraph.
func numbersBodyDOCX(n int) []byte {
	return docxOf(para("IMR ISSUES, DECISIONS AND RATIONALES")+para(numbers(n)), "", "")
}

func numbers(n int) string {
	var b strings.Builder
	b.WriteString("Massage therapy:")
	for i := 0; i < n; i++ {
		b.WriteString(" #")
		b.WriteString(strconv.Itoa(i%90 + 1))
	}
	b.WriteString(" sessions")
	return b.String()
}

// sharedPDF is a PDF of pages pages that all draw one content stream of
// glyphs characters (deflated, so the file stays small).
func sharedPDF(pages, glyphs int) []byte {
	content := "BT /F1 12 Tf 72 700 Td (" + strings.Repeat("x", glyphs) + ") Tj ET"
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte(content))
	zw.Close()
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = strconv.Itoa(6+i) + " 0 R"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		"<< /Font << /F1 5 0 R >> >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	for range pages {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 3 0 R /Contents 4 0 R >>")
	}
	return handPDF(objs)
}

// glyphsPDF is a one-page PDF drawing n characters in lines of 80.
func glyphsPDF(n int) []byte {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf 12 TL 36 756 Td ")
	line := strings.Repeat("word ", 16)
	for ; n > 0; n -= len(line) {
		b.WriteString("(" + line[:min(n, len(line))] + ") ' ")
	}
	b.WriteString("ET")
	return textPDF(b.String())
}

// allocated returns the bytes and allocations f allocates.
func allocated(f func()) (bytes, allocs uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}

func benchmarkShape(b *testing.B, name string, build func(n int) []byte, sizes ...int) {
	for _, n := range sizes {
		data := build(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				Read(name, data, DefaultLimits())
			}
		})
	}
}

// BenchmarkDeepDOCX: paragraphs nested n deep (a million pass MaxDepth).
func BenchmarkDeepDOCX(b *testing.B) {
	benchmarkShape(b, "x.docx", deepDOCX, 100, 200, 400, 1_000_000)
}

// BenchmarkManyDOCX: n paragraphs, 3n elements (200,000 and a million
// pass MaxElements).
func BenchmarkManyDOCX(b *testing.B) {
	benchmarkShape(b, "x.docx", manyDOCX, 50_000, 100_000, 200_000, 1_000_000)
}

// BenchmarkNumbersDOCX: a page header of n "#N" numbers (a million pass
// MaxHeader), and a body paragraph of a million.
func BenchmarkNumbersDOCX(b *testing.B) {
	benchmarkShape(b, "x.docx", numbersDOCX, 50_000, 100_000, 200_000, 1_000_000)
	benchmarkShape(b, "x.docx", numbersBodyDOCX, 1_000_000)
}

// BenchmarkSharedPDF: n pages sharing one content stream of 10,000
// characters (400 pages pass MaxGlyphs), and 100 pages sharing one of a
// million (past MaxGlyphsPerPage).
func BenchmarkSharedPDF(b *testing.B) {
	benchmarkShape(b, "x.pdf", func(n int) []byte { return sharedPDF(n, 10_000) }, 25, 50, 100, 400)
	benchmarkShape(b, "x.pdf", func(n int) []byte { return sharedPDF(100, n) }, 1_000_000)
}

// BenchmarkGlyphsPDF: one page drawing n characters (a million pass
// MaxGlyphsPerPage).
func BenchmarkGlyphsPDF(b *testing.B) {
	benchmarkShape(b, "x.pdf", glyphsPDF, 15_000, 30_000, 60_000, 1_000_000)
}

// opsPDF is a one-page PDF whose content stream runs n operators that draw
// nothing (deflated).
func opsPDF(n int) []byte { return sharedOpsPDF(1, n) }

// sharedOpsPDF is a PDF of pages pages sharing one content stream that
// runs n operators drawing nothing.
func sharedOpsPDF(pages, n int) []byte {
	content := strings.Repeat("q Q ", n/2)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte(content))
	zw.Close()
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = strconv.Itoa(4+i) + " 0 R"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
	}
	for range pages {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>")
	}
	return handPDF(objs)
}

// formPDF is a one-page PDF drawing one form XObject n times; the form
// draws glyphs characters.
func formPDF(n, glyphs int) []byte {
	form := "BT /F1 12 Tf 72 600 Td (" + strings.Repeat("x", glyphs) + ") Tj ET"
	content := strings.Repeat("/X1 Do ", n)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte(content))
	zw.Close()
	return handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(form)+1, form),
	})
}

// BenchmarkOpsPDF: a page running n operators that draw nothing, and 5
// pages sharing a stream of a million (past MaxOps).
func BenchmarkOpsPDF(b *testing.B) {
	benchmarkShape(b, "x.pdf", opsPDF, 250_000, 500_000, 1_000_000)
	benchmarkShape(b, "x.pdf", func(n int) []byte { return sharedOpsPDF(5, n) }, 1_000_000)
}

// BenchmarkFormPDF: a page drawing an empty form n times (100,000 pass
// MaxStreams).
func BenchmarkFormPDF(b *testing.B) {
	benchmarkShape(b, "x.pdf", func(n int) []byte { return formPDF(n, 0) }, 1000, 2000, 4000, 100_000)
}

// hostile reads data under the default limits and requires a limit's
// error containing want, with the work counted at most most (of what
// count picks) and at most maxBytes allocated.
func hostile(t *testing.T, what, name string, data []byte, want string, count func(work) int, most int, maxBytes uint64) {
	t.Helper()
	var err error
	var w work
	b, _ := allocated(func() { _, err, w = readWork(t, name, data, DefaultLimits()) })
	checkErr(t, what, err, ErrLimit, want)
	if n := count(w); n > most {
		t.Errorf("%s: %d units of work counted, want at most %d", what, n, most)
	}
	if b > maxBytes && !raceEnabled {
		t.Errorf("%s: %d bytes allocated, want at most %d", what, b, maxBytes)
	}
	t.Logf("%s (%d bytes of file): %d bytes allocated", what, len(data), b)
}

// TestDeepDOCXRefused: paragraphs nested 200,000 deep (a 67 KB DOCX of 4
// million took 6.4 s and 1.35 GB) are refused at the depth limit, having
// read no more elements than that.
func TestDeepDOCXRefused(t *testing.T) {
	hostile(t, "nested paragraphs", "deep.docx", deepDOCX(200_000),
		"DOCX: entry word/document.xml nests XML elements more than 256 deep, over the limit",
		func(w work) int { return w.elements }, DefaultMaxDepth+10, 4<<20)
}

// TestManyDOCXElementsRefused: a DOCX of 200,000 paragraphs (600,000
// elements) is refused at the element limit, having read no more.
func TestManyDOCXElementsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("reads half a million XML elements")
	}
	hostile(t, "many elements", "many.docx", manyDOCX(200_000),
		"DOCX: its parts hold more than 524288 XML elements (the limit was passed in entry word/document.xml)",
		func(w work) int { return w.elements }, DefaultMaxElements+1, 200<<20)
}

// TestSharedStreamPDFRefused: 100 pages sharing one content stream of a
// million characters (a 2.2 KB PDF that ran 20 s at 1.27 GB) are refused
// on the first page, at the page's glyph limit.
func TestSharedStreamPDFRefused(t *testing.T) {
	hostile(t, "a million glyphs shared by 100 pages", "shared.pdf", sharedPDF(100, 1_000_000),
		"PDF: page 1 draws more than 65536 characters, over the limit",
		func(w work) int { return w.glyphs }, DefaultMaxGlyphsPerPage, 64<<20)
}

// TestSharedStreamCountsOnEveryPage: 400 pages sharing a stream of 6,000
// characters (each page within its limit) draw 2.4 million together,
// over the document's limit: the shared stream counts on every page, and
// reading stops at the limit.
func TestSharedStreamCountsOnEveryPage(t *testing.T) {
	if testing.Short() {
		t.Skip("draws two million glyphs")
	}
	hostile(t, "a stream shared by 400 pages", "shared.pdf", sharedPDF(400, 6_000),
		"PDF: its pages draw more than 2097152 characters together, over the limit",
		func(w work) int { return w.glyphs }, DefaultMaxGlyphs+1, 600<<20)
}

// TestFormDrawnManyTimesRefused: a page drawing one form 100,000 times (a
// million read for the whole 20 s time limit; a million no longer fit in
// a content stream) is refused at the limit of streams run.
func TestFormDrawnManyTimesRefused(t *testing.T) {
	hostile(t, "a form drawn 100,000 times", "form.pdf", formPDF(100_000, 0),
		"PDF: its pages draw content streams and forms more than 4096 times together, over the limit",
		func(w work) int { return w.streams }, DefaultMaxStreams+1, 64<<20)
}

// TestContentsArrayRefused: a page whose /Contents lists one stream
// 100,000 times is refused before the streams are opened.
func TestContentsArrayRefused(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td (x) Tj ET"
	refs := strings.Repeat("4 0 R ", 100_000)
	data := handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents [" + refs + "] >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	})
	hostile(t, "one stream listed 100,000 times", "contents.pdf", data,
		"PDF: its pages draw content streams and forms more than 4096 times together, over the limit",
		func(w work) int { return w.glyphs }, 0, 128<<20)
}

// TestManyOperatorsRefused: five pages sharing a stream of a million
// operators that draw nothing are refused at the operator limit (a
// stream of five million is refused at MaxStream).
func TestManyOperatorsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four million operators")
	}
	hostile(t, "five pages of a million operators", "ops.pdf", sharedOpsPDF(5, 1_000_000),
		"PDF: its pages run more than 4194304 drawing operators together, over the limit",
		func(w work) int { return w.ops }, DefaultMaxOps+1, 200<<20)
}

// TestHeaderNumbersMemory: a DOCX header of 200,000 "#N" numbers is read
// at a bounded number of bytes allocated per byte of its text: 12.3 before
// its words were no longer split into a slice to compare headers
// (strings.Fields).
func TestHeaderNumbersMemory(t *testing.T) {
	data := numbersDOCX(200_000)
	var doc *Document
	var err error
	b, _ := allocated(func() { doc, err = Read("numbers.docx", data, DefaultLimits()) })
	if err != nil {
		t.Fatal(err)
	}
	perByte := float64(b) / float64(len(doc.Text))
	t.Logf("%d bytes of text: %d bytes allocated, %.1f a byte", len(doc.Text), b, perByte)
	if perByte > 10 && !raceEnabled {
		t.Errorf("%d bytes of text allocate %d bytes, %.1f a byte: over the budget of 10", len(doc.Text), b, perByte)
	}
}

// TestGlyphsMemory: a page of 50,000 characters is laid out at a bounded
// number of bytes per character: a line's glyphs were appended one by one
// (540 bytes a glyph before, most of it growing slices).
func TestGlyphsMemory(t *testing.T) {
	data := sharedPDF(2, 50_000)
	var doc *Document
	var err error
	b, _ := allocated(func() { doc, err = Read("glyphs.pdf", data, DefaultLimits()) })
	if err != nil {
		t.Fatal(err)
	}
	perGlyph := float64(b) / 100_000
	t.Logf("100,000 glyphs: %d bytes allocated, %.0f a glyph; %d bytes of text", b, perGlyph, len(doc.Text))
	if perGlyph > 250 && !raceEnabled {
		t.Errorf("100,000 glyphs allocate %d bytes, %.0f a glyph: over the budget of 250", b, perGlyph)
	}
}

// TestExtractionScalesLinearly: for each hostile shape, inputs of 1×, 2×
// and 4× the size cost bytes allocated, allocations and the work counted
// (XML elements, fields looked at, glyphs, operators, streams run) in
// proportion (at most 1.25 times linear growth: 5× the cost at 4× the
// size, where quadratic work would cost 16×). Below a limit the work grows with the
// input; past it, it stops at the limit and stays flat. The work is
// counted, never timed.
func TestExtractionScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("reads inputs of megabytes")
	}
	for _, c := range []struct {
		shape string
		name  string
		build func(n int) []byte
		n     int // the 1× size
		err   bool
	}{
		{"nested paragraphs", "x.docx", deepDOCX, 60, false},
		{"nested paragraphs past the depth limit", "x.docx", deepDOCX, 250_000, true},
		{"paragraphs", "x.docx", manyDOCX, 25_000, false},
		{"paragraphs past the element limit", "x.docx", manyDOCX, 200_000, true},
		{"#N numbers in a header", "x.docx", numbersDOCX, 50_000, false},
		{"#N numbers in a header past its limit", "x.docx", numbersDOCX, 300_000, true},
		{"#N numbers in the body", "x.docx", numbersBodyDOCX, 250_000, false},
		{"pages sharing a stream of 5,000 characters", "x.pdf", func(n int) []byte { return sharedPDF(n, 5000) }, 10, false},
		{"100 pages sharing a stream past the page's glyph limit", "x.pdf", func(n int) []byte { return sharedPDF(100, n) }, 250_000, true},
		{"characters on one page", "x.pdf", glyphsPDF, 10_000, false},
		{"a form drawn again and again", "x.pdf", func(n int) []byte { return formPDF(n, 10) }, 250, false},
		{"operators", "x.pdf", opsPDF, 250_000, false},
		{"pages sharing a font of a large map", "x.pdf", func(n int) []byte { return cmapPDF(n, 1, 10_000) }, 100, false},
		{"paragraphs joined by deleted paragraph marks", "x.docx", joinedDOCX, 5000, false},
		{"text inside open fields", "x.docx", fieldsDOCX, 10_000, false},
		{"object streams extending each other in a chain", "x.pdf", func(n int) []byte { return extendsPDF(n, false) }, 2000, true},
		{"numbers in one kerning array", "x.pdf", tjPDF, 250_000, false},
	} {
		var sizes, bytes, allocs, units []float64
		Read(c.name, c.build(c.n/4), DefaultLimits()) // warm up
		for _, k := range []int{1, 2, 4} {
			data := c.build(c.n * k)
			var err error
			var w work
			b, a := allocated(func() { _, err, w = readWork(t, c.name, data, DefaultLimits()) })
			if (err != nil) != c.err {
				t.Fatalf("%s, %d: error %v, want an error: %v", c.shape, c.n*k, err, c.err)
			}
			sizes = append(sizes, float64(k))
			bytes = append(bytes, float64(b))
			allocs = append(allocs, float64(a))
			u := w.elements + w.fieldSteps + w.glyphs + w.ops + w.streams
			units = append(units, float64(u))
			t.Logf("%s, %d: %d bytes allocated, %d allocations, %d units of work counted", c.shape, c.n*k, b, a, u)
		}
		for i := 1; i < len(sizes); i++ {
			for _, m := range []struct {
				what  string
				costs []float64
			}{{"bytes allocated", bytes}, {"allocations", allocs}, {"work counted", units}} {
				if m.costs[0] == 0 {
					continue // nothing of the kind counted
				}
				if ratio := m.costs[i] / m.costs[0]; ratio > 1.25*sizes[i] {
					t.Errorf("%s: %.0f× the input costs %.2f× the %s: not linear", c.shape, sizes[i], ratio, m.what)
				}
			}
		}
	}
}

// cmapPDF is a PDF of pages pages, each drawing four characters in each of
// fonts Type 0 fonts; every font has its own character map (ToUnicode) of
// entries codes, and all pages share the fonts.
func cmapPDF(pages, fonts, entries int) []byte {
	var cm strings.Builder
	cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	for i := 0; i < entries; i += 100 {
		cm.WriteString("100 beginbfchar\n")
		for j := i; j < i+100; j++ {
			fmt.Fprintf(&cm, "<%04X> <%04X>\n", j, 0x41+j%26)
		}
		cm.WriteString("endbfchar\n")
	}
	cm.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end")
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte(cm.String()))
	zw.Close()
	// Objects: 1 catalog, 2 pages, 3 resources, 4 content, then per font
	// its dictionary and map, then the pages.
	var content, res strings.Builder
	res.WriteString("<< /Font <<")
	for f := 0; f < fonts; f++ {
		fmt.Fprintf(&content, "BT /F%d 12 Tf 72 %d Td <0001000200030004> Tj ET ", f, 700-f%600)
		fmt.Fprintf(&res, " /F%d %d 0 R", f, 5+2*f)
	}
	res.WriteString(" >> >>")
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = strconv.Itoa(5+2*fonts+i) + " 0 R"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		res.String(),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len()+1, content.String()),
	}
	for f := 0; f < fonts; f++ {
		objs = append(objs,
			fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /X%d /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 500 >>] /ToUnicode %d 0 R >>", f, 6+2*f),
			fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()))
	}
	for range pages {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 3 0 R /Contents 4 0 R >>")
	}
	return handPDF(objs)
}

// TestSharedFontLoadedOnce: 400 pages sharing a font whose character map
// holds 10,000 codes read the map once (before, once a page: 2.5 s and
// 761 MB allocated), and read the same text.
func TestSharedFontLoadedOnce(t *testing.T) {
	data := cmapPDF(400, 1, 10_000)
	var doc *Document
	var err error
	b, _ := allocated(func() { doc, err = Read("fonts.pdf", data, DefaultLimits()) })
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("BCDE\n\f", 399) + "BCDE\n"; string(doc.Text) != want {
		t.Fatalf("the text is not 400 pages of BCDE: %.40q…", doc.Text)
	}
	t.Logf("400 pages sharing a font: %d bytes allocated", b)
	if b > 64<<20 && !raceEnabled {
		t.Errorf("400 pages sharing a font allocate %d bytes: the font's map is read again for each page", b)
	}
}

// TestFontMapsBounded: a page of 100 fonts, each with its own character
// map of 10,000 codes (14 MB of maps), is refused at the bound of the
// maps read together; a font whose encoding lists 100,000 differences is
// refused before the library looks codes up through it.
func TestFontMapsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 8 MiB of character maps")
	}
	hostile(t, "100 fonts of large maps", "fonts.pdf", cmapPDF(1, 100, 10_000),
		"PDF: its fonts' character maps are over 8 MiB together, over the limit",
		func(w work) int { return int(w.fontMaps >> 20) }, 9, 200<<20)
	diffs := "[0" + strings.Repeat(" /A", 100_000) + "]"
	content := "BT /F1 12 Tf 72 700 Td (Hello) Tj ET"
	data := handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences " + diffs + " >> >>",
	})
	hostile(t, "100,000 differences", "diffs.pdf", data,
		"PDF: a font's encoding lists 100001 differences, over the limit of 1024",
		func(w work) int { return w.glyphs }, 0, 200<<20)
}

// BenchmarkSharedFontPDF: n pages sharing a font whose map holds 10,000
// codes.
func BenchmarkSharedFontPDF(b *testing.B) {
	benchmarkShape(b, "x.pdf", func(n int) []byte { return cmapPDF(n, 1, 10_000) }, 100, 200, 400)
}

// joinedDOCX is n paragraphs whose paragraph marks were deleted with
// track changes on: one line of text, joined paragraph by paragraph.
func joinedDOCX(n int) []byte {
	p := `<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">one two </w:t></w:r></w:p>`
	return docxOf(strings.Repeat(p, n)+para("end"), "", "")
}

// fieldsDOCX is a paragraph that opens n fields showing their results
// (begin, separate, no end), then writes n runs of text inside them.
func fieldsDOCX(n int) []byte {
	open := `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`
	return docxOf(`<w:p>`+strings.Repeat(open, n)+strings.Repeat(`<w:r><w:t>x</w:t></w:r>`, n)+`</w:p>`, "", "")
}

// TestJoinedParagraphsLinear: 20,000 paragraphs joined by deleted
// paragraph marks are read as one line at memory in proportion (each
// paragraph copied the text joined so far: 1.6 GB allocated and a second
// before, the square of the chain).
func TestJoinedParagraphsLinear(t *testing.T) {
	data := joinedDOCX(20_000)
	var doc *Document
	var err error
	b, _ := allocated(func() { doc, err = Read("joined.docx", data, DefaultLimits()) })
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("one two ", 20_000) + "end\n"; string(doc.Text) != want || !doc.TrackedChanges {
		t.Fatalf("got %d bytes (tracked %v), want the paragraphs joined on one line", len(doc.Text), doc.TrackedChanges)
	}
	t.Logf("20,000 joined paragraphs: %d bytes allocated", b)
	if b > 64<<20 && !raceEnabled {
		t.Errorf("20,000 joined paragraphs allocate %d bytes: each copies the text before it", b)
	}
}

// TestOpenFieldsLinear: text written inside 60,000 open fields goes to
// its place looking at two fields at most (each write walked them all,
// the square of the input: 8.1 s before, 0.4 s now).
func TestOpenFieldsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 360,000 XML elements")
	}
	data := fieldsDOCX(60_000)
	var doc *Document
	var err error
	var w work
	_, allocs := allocated(func() { doc, err, w = readWork(t, "fields.docx", data, DefaultLimits()) })
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("x", 60_000) + "\n"; string(doc.Text) != want {
		t.Fatalf("got %d bytes, want the text of the fields' results", len(doc.Text))
	}
	t.Logf("60,000 open fields: %d elements, %d allocations, %d fields looked at to place text", w.elements, allocs, w.fieldSteps)
	if w.fieldSteps > 2*60_000+10 {
		t.Errorf("60,000 runs of text inside 60,000 open fields looked at %d fields to place the text: more than two a run", w.fieldSteps)
	}
}

// extendsPDF is a PDF of no pages holding n object streams, each extending
// the next; with cycle set the last extends the first.
func extendsPDF(n int, cycle bool) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}
	for i := 0; i < n; i++ {
		next := 3 + i + 1
		if cycle && i == n-1 {
			next = 3
		}
		objs = append(objs, fmt.Sprintf("<< /Type /ObjStm /N 1 /First 4 /Extends %d 0 R /Length 0 >>\nstream\n\nendstream", next))
	}
	return handPDF(objs)
}

// TestExtendsChains: a chain of 8,000 object streams extending each other
// is walked once (it was walked from every stream: 6.9 s, before the time
// limit applies), and a cycle through 8,000 is still found.
func TestExtendsChains(t *testing.T) {
	if testing.Short() {
		t.Skip("reads two chains of 8,000 object streams")
	}
	b, _ := allocated(func() {
		_, err := Read("x.pdf", extendsPDF(8000, false), DefaultLimits())
		checkErr(t, "a chain", err, ErrCorrupt, "no pages found")
	})
	t.Logf("a chain of 8,000 object streams: %d bytes allocated", b)
	if b > 64<<20 && !raceEnabled {
		t.Errorf("a chain of 8,000 object streams allocates %d bytes: walked from every stream", b)
	}
	_, err := Read("x.pdf", extendsPDF(8000, true), DefaultLimits())
	checkErr(t, "a cycle", err, ErrCorrupt, "its object streams extend each other in a cycle")
}

// longMapPDF is a one-page PDF drawing one code glyphs times, in a font
// whose character map gives that code a text of runes letters.
func longMapPDF(glyphs, runes int) []byte {
	cm := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n1 beginbfchar\n<0001> <" + strings.Repeat("0041", runes) + ">\nendbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
	var z, zc bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte(cm))
	zw.Close()
	content := "BT /F1 12 Tf 72 700 Td <" + strings.Repeat("0001", glyphs) + "> Tj ET"
	zw, _ = zlib.NewWriterLevel(&zc, zlib.BestCompression)
	zw.Write([]byte(content))
	zw.Close()
	return handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", zc.Len(), zc.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 500 >>] /ToUnicode 6 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
	})
}

// TestLongMappedTextRefused: a 1 KB PDF whose character map gives one code
// 16,000 letters, drawn 5,000 times (80 MB of text on one page), is
// refused as it draws past the text limit, before the page is laid out.
func TestLongMappedTextRefused(t *testing.T) {
	hostile(t, "a code of 16,000 letters drawn 5,000 times", "long.pdf", longMapPDF(5000, 16_000),
		"PDF: its text is over 64 MiB, over the limit (page 1 of 1)",
		func(w work) int { return w.glyphs }, 5000, 32<<20)
}

// tjPDF is a one-page PDF whose content stream shows one TJ array of n
// numbers (kerning that draws nothing), deflated.
func tjPDF(n int) []byte {
	content := "BT /F1 12 Tf 72 700 Td [" + strings.Repeat("1 ", n) + "(x)] TJ ET"
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte(content))
	zw.Close()
	return handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	})
}

// TestLargeOperandRefused: a content stream of 8 MB holding one array of
// 4 million numbers (the library parses it whole: 1.4 s and 322 MB) is
// refused at the stream limit before it is parsed.
func TestLargeOperandRefused(t *testing.T) {
	hostile(t, "an array of 4 million numbers", "tj.pdf", tjPDF(4<<20),
		"a PDF stream is over 4 MiB uncompressed, over the 4 MiB limit (a decompression bomb?)",
		func(w work) int { return w.ops }, 0, 16<<20)
}

// BenchmarkKerningPDF: one TJ array of n numbers (4 million pass
// MaxStream).
func BenchmarkKerningPDF(b *testing.B) {
	benchmarkShape(b, "x.pdf", tjPDF, 250_000, 500_000, 1_000_000, 4<<20)
}

// kidsPDF is a one-page PDF whose page tree lists n entries that are no
// pages (references to a number) before its page.
func kidsPDF(n int) []byte {
	content := "BT /F1 12 Tf 72 700 Td (Hi) Tj ET"
	return handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [" + strings.Repeat("3 0 R ", n) + "4 0 R] /Count 1 >>",
		"12345",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	})
}

// TestPageTreeEntriesBounded: a page tree listing 200,000 entries that
// are no pages (each read from the file again: 835 MB allocated before)
// is refused at the bound of the tree's nodes; 100 such entries read.
func TestPageTreeEntriesBounded(t *testing.T) {
	hostile(t, "200,000 entries in the page tree", "kids.pdf", kidsPDF(200_000),
		"PDF: its page tree lists more than 2064 entries, over the limit (a letter has a few pages)",
		func(w work) int { return w.glyphs }, 0, 64<<20)
	doc, err := Read("kids.pdf", kidsPDF(100), DefaultLimits())
	if err != nil || string(doc.Text) != "Hi\n" {
		t.Errorf("100 entries that are no pages: %v, %+v", err, doc)
	}
}

// TestHeaderNumbersRefused: a page header of a million "#N" numbers (3.9
// MB; 12 million, 44.6 MiB of text, took the whole check out of memory
// before the text was bounded, and 1.5 s and 390 MB to be refused after
// extraction) is refused by its size before it is read.
func TestHeaderNumbersRefused(t *testing.T) {
	hostile(t, "a header of a million numbers", "numbers.docx", numbersDOCX(1_000_000),
		"DOCX: header or footer word/header1.xml is 3 MiB uncompressed, over the 1 MiB limit (a page header is a few lines)",
		func(w work) int { return int(w.text) }, 0, 4<<20)
}

// blankFormPDF is a one-page PDF drawing n times a form whose content is
// size bytes of white space (deflated to a few KB).
func blankFormPDF(n, size int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(bytes.Repeat([]byte(" "), size))
	zw.Close()
	content := strings.Repeat("/X1 Do ", n)
	return handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()),
	})
}

// TestFormDecodedEachTimeCounted: a form of 3 MiB of white space drawn
// 1,000 times (3 GB to decode) is refused once the bytes decoded together
// pass MaxTotal: a form is size-checked once, but each drawing decodes it
// again and counts.
func TestFormDecodedEachTimeCounted(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 256 MiB")
	}
	hostile(t, "a blank form of 3 MiB drawn 1,000 times", "blank.pdf", blankFormPDF(1000, 3<<20),
		"PDF: its streams decode to over 256 MiB together, over the limit",
		func(w work) int { return int(w.decoded >> 20) }, 260, 64<<20)
}
