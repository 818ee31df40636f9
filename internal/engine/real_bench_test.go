package engine_test

import (
	"os"
	"path/filepath"
	"testing"
)

// realLetterDirs are the folders of real letters the project's shared/
// folder holds beside the repository: both extractions of the 64 letters
// (pdftotext -layout and plain) and the loose letters.
var realLetterDirs = []string{
	filepath.Join(corpusDir, "text"),
	filepath.Join(corpusDir, "raw"),
	filepath.Join(corpusDir, "..", "letters"),
}

// BenchmarkRealLetters is read-once, then parse + all checks over every
// real letter (text and raw extractions of the corpus, and the loose
// letters), repeated, on as many goroutines as -cpu allows. Real letters
// hold curly quotes, en dashes and non-breaking spaces that generated ones
// do not, so this is the figure to compare with Vale on the same files
// (tools/valecompare):
//
//	go test -run=NONE -bench=RealLetters -cpu=1,2 ./internal/engine
func BenchmarkRealLetters(b *testing.B) {
	var srcs [][]byte
	size := 0
	for _, d := range realLetterDirs {
		files, _ := filepath.Glob(filepath.Join(d, "*.txt"))
		for _, f := range files {
			s, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			srcs = append(srcs, s)
			size += len(s)
		}
	}
	if len(srcs) == 0 {
		b.Skipf("the real letters are not here (%s/{text,raw}/*.txt and %s/../letters/*.txt come with the project's shared/ folder); skipping", corpusDir, corpusDir)
	}
	e := newEngine(b)
	b.SetBytes(int64(size / len(srcs)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			e.CheckBytes("bench.txt", srcs[i%len(srcs)])
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}
