package engine_test

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseCheck measures normalise + parse + all checks per letter,
// over the fixture letters (read once, outside the timer). Run with
//
//	go test -run=NONE -bench=ParseCheck -cpu=1 ./internal/engine
func BenchmarkParseCheck(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/letters/*.txt")
	var srcs [][]byte
	size := 0
	for _, f := range files {
		s, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, s)
		size += len(s)
	}
	e := newEngine(b)
	b.SetBytes(int64(size / len(srcs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := srcs[i%len(srcs)]
		if r := e.CheckBytes("bench.txt", src); r.Letter == nil {
			b.Fatal("no letter")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}

// BenchmarkCorpus is the same over the real letters, where present.
func BenchmarkCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("the real letters are not here")
	}
	var srcs [][]byte
	for _, f := range files {
		s, _ := os.ReadFile(f)
		srcs = append(srcs, s)
	}
	e := newEngine(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.CheckBytes("bench.txt", srcs[i%len(srcs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}
