package engine_test

import (
	"github.com/imrlint/imrlint/internal/corpus"
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

// BenchmarkGenerated is parse + all checks over 2,000 letters from the
// corpus generator (both layouts, injected faults), generated outside the
// timer. It is the per-core figure behind the README's archive table:
//
//	go test -run=NONE -bench=Generated -cpu=1,2 ./internal/engine
func BenchmarkGenerated(b *testing.B) {
	var srcs [][]byte
	size := 0
	for i := 0; i < 2000; i++ {
		l := corpus.Generate(1, i, corpus.DefaultOptions)
		srcs = append(srcs, []byte(l.Text))
		size += len(l.Text)
	}
	e := newEngine(b)
	b.SetBytes(int64(size / len(srcs)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if r := e.CheckBytes("bench.txt", srcs[i%len(srcs)]); r.Letter == nil {
				b.Error("no letter")
			}
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}
