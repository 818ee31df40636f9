package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestCorpusPDFs reads the 64 real letters' PDFs and compares each with its
// `pdftotext -layout` export: the word sequences, after normalisation, must
// agree for at least 98% of the words of every letter. The worst letters are
// logged (names and figures only).
func TestCorpusPDFs(t *testing.T) {
	dir := sharedDir(t)
	pdfs, _ := filepath.Glob(filepath.Join(dir, "corpus", "pdf", "*.pdf"))
	if len(pdfs) == 0 {
		t.Skipf("skipping: no PDFs in %s", filepath.Join(dir, "corpus", "pdf"))
	}
	type score struct {
		name  string
		agree float64
	}
	var scores []score
	var total time.Duration
	var sum float64
	for _, p := range pdfs {
		name := strings.TrimSuffix(filepath.Base(p), ".pdf")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(dir, "corpus", "text", name+".txt"))
		if err != nil {
			t.Errorf("%s: no text export: %v", name, err)
			continue
		}
		t0 := time.Now()
		doc, err := Read(filepath.Base(p), data, DefaultLimits())
		total += time.Since(t0)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if doc.Kind != KindPDF || doc.NoText || doc.Pages < 1 {
			t.Errorf("%s: Kind %q, Pages %d, NoText %v", name, doc.Kind, doc.Pages, doc.NoText)
		}
		if got, want := strings.Count(string(doc.Text), "\f")+1, doc.Pages; got != want {
			t.Errorf("%s: %d pages in the text, Pages says %d", name, got, want)
		}
		a := agreement(words(doc.Text), words(want))
		sum += a
		scores = append(scores, score{name, a})
		if a < 0.98 {
			t.Errorf("%s: only %.2f%% of words agree with pdftotext -layout (want ≥ 98%%)", name, 100*a)
		}
	}
	if len(scores) == 0 {
		return
	}
	sort.Slice(scores, func(i, j int) bool { return scores[i].agree < scores[j].agree })
	for _, s := range scores[:min(5, len(scores))] {
		t.Logf("worst: %s %.2f%%", s.name, 100*s.agree)
	}
	t.Logf("%d letters: mean word agreement %.3f%%, %.1f letters/s", len(scores), 100*sum/float64(len(scores)), float64(len(scores))/total.Seconds())
}

// BenchmarkReadCorpusPDF reads the 64 real letters' PDFs in turn (where the
// shared folder is present).
func BenchmarkReadCorpusPDF(b *testing.B) {
	dir := sharedDir(b)
	pdfs, _ := filepath.Glob(filepath.Join(dir, "corpus", "pdf", "*.pdf"))
	if len(pdfs) == 0 {
		b.Skip("skipping: no PDFs in the shared corpus")
	}
	var data [][]byte
	for _, p := range pdfs {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
	}
	lim := DefaultLimits()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read("x.pdf", data[i%len(data)], lim); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}
