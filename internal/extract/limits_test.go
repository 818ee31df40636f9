package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLimitsLeaveHeadroom: every real letter and fixture reads within a
// tenth of each default bound, so the bounds refuse only what no letter
// comes near. The most each letter needed is logged.
func TestLimitsLeaveHeadroom(t *testing.T) {
	type file struct {
		name string
		data []byte
	}
	var files []file
	for _, fx := range goodFixtures {
		for _, kind := range []string{".pdf", ".docx"} {
			files = append(files, file{fx.name + kind, readDoc(t, fx.name+kind)})
		}
	}
	for _, n := range []string{"tracked-changes.docx", "merge-fields.docx", "permissions-only-aes128.pdf"} {
		files = append(files, file{n, readDoc(t, n)})
	}
	real := 0
	if dir := sharedPDFDir(t); dir != "" && testing.Short() {
		t.Log("-short: fixtures only (the real letters are read by the full run)")
	} else if dir != "" {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, file{filepath.Base(p), data})
			real++
		}
	} else {
		t.Log("the real letters (../shared/corpus/pdf) are absent: fixtures only")
	}
	lim := DefaultLimits()
	var most work
	for _, f := range files {
		_, err, w := readWork(t, f.name, f.data, lim)
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		for _, c := range []struct {
			what       string
			used, have int64
		}{
			{"glyphs on a page", int64(w.pageGlyphs), int64(lim.MaxGlyphsPerPage)},
			{"glyphs", int64(w.glyphs), int64(lim.MaxGlyphs)},
			{"operators", int64(w.ops), int64(lim.MaxOps)},
			{"streams run", int64(w.streams), int64(lim.MaxStreams)},
			{"bytes of font maps", w.fontMaps, lim.MaxFontMaps},
			{"bytes of the largest stream", w.largest, lim.MaxStream},
			{"bytes decoded", w.decoded, lim.MaxTotal},
			{"XML elements", int64(w.elements), int64(lim.MaxElements)},
			{"XML depth", int64(w.depth), int64(lim.MaxDepth)},
			{"bytes of text", w.text, lim.MaxText},
		} {
			if c.used*10 > c.have {
				t.Errorf("%s: %d %s, over a tenth of the limit of %d", f.name, c.used, c.what, c.have)
			}
		}
		most = work{
			glyphs: max(most.glyphs, w.glyphs), pageGlyphs: max(most.pageGlyphs, w.pageGlyphs), ops: max(most.ops, w.ops), streams: max(most.streams, w.streams), fontMaps: max(most.fontMaps, w.fontMaps), largest: max(most.largest, w.largest),
			elements: max(most.elements, w.elements), depth: max(most.depth, w.depth),
			decoded: max(most.decoded, w.decoded), text: max(most.text, w.text),
		}
	}
	t.Logf("%d files (%d real letters); the most any needed: %d glyphs on a page, %d glyphs, %d operators, %d streams run, %d bytes of font maps, %d bytes in the largest stream, %d bytes decoded, %d XML elements, depth %d, %d bytes of text",
		len(files), real, most.pageGlyphs, most.glyphs, most.ops, most.streams, most.fontMaps, most.largest, most.decoded, most.elements, most.depth, most.text)
}

// sharedPDFDir is ../shared/corpus/pdf beside the project, or "" where it
// is absent (the fixtures are then read alone).
func sharedPDFDir(t testing.TB) string {
	dir := filepath.Join(repoRoot(t), "..", "shared", "corpus", "pdf")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// TestTextLimit: the text a DOCX or PDF extracts to is bounded by MaxText.
func TestTextLimit(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxText = 1 << 20
	_, err := Read("x.docx", numbersBodyDOCX(300_000), lim)
	checkErr(t, "a DOCX paragraph of 1.2 MB", err, ErrLimit, "DOCX: its text is over 1 MiB, over the limit (passed in entry word/document.xml)")
	lim.MaxText = 8 << 10
	_, err = Read("x.pdf", sharedPDF(3, 5000), lim)
	checkErr(t, "a PDF of 15 KB of text", err, ErrLimit, "PDF: its text is over 8 KiB, over the limit (page 2 of 3)")
	if _, err := Read("x.pdf", sharedPDF(1, 5000), lim); err != nil {
		t.Errorf("a PDF of 5 KB of text under an 8 KiB limit: %v", err)
	}
}

// TestLimitsAreFields: each bound is the Limits field's, not a constant of
// the code: a limit lowered refuses a file the default reads, and 0 takes
// the default.
func TestLimitsAreFields(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		set  func(*Limits)
		want string
	}{
		{"x.docx", deepDOCX(20), func(l *Limits) { l.MaxDepth = 10 }, "nests XML elements more than 10 deep"},
		{"x.docx", manyDOCX(100), func(l *Limits) { l.MaxElements = 200 }, "more than 200 XML elements"},
		{"x.pdf", sharedPDF(1, 500), func(l *Limits) { l.MaxGlyphsPerPage = 100 }, "page 1 draws more than 100 characters"},
		{"x.pdf", sharedPDF(3, 500), func(l *Limits) { l.MaxGlyphs = 1200 }, "draw more than 1200 characters together"},
		{"x.pdf", opsPDF(1000), func(l *Limits) { l.MaxOps = 100 }, "more than 100 drawing operators"},
		{"x.pdf", tjPDF(1000), func(l *Limits) { l.MaxOps = 500 }, "more than 500 drawing operators"},
		{"x.pdf", tjPDF(1000), func(l *Limits) { l.MaxStream = 1000 }, "over the 1000 bytes limit"},
		{"x.docx", numbersDOCX(1000), func(l *Limits) { l.MaxHeader = 1000 }, "header or footer word/header1.xml is 3 KiB uncompressed, over the 1000 bytes limit"},
		{"x.pdf", formPDF(20, 1), func(l *Limits) { l.MaxStreams = 10 }, "more than 10 times together"},
		{"x.pdf", sharedPDF(3, 500), func(l *Limits) { l.MaxTotal = 1000 }, "decode to over 1000 bytes together"},
	} {
		if _, err := Read(c.name, c.data, Limits{}); err != nil {
			t.Errorf("%s: under the default limits: %v", c.want, err)
		}
		lim := DefaultLimits()
		c.set(&lim)
		_, err := Read(c.name, c.data, lim)
		checkErr(t, c.want, err, ErrLimit, c.want)
	}
}
