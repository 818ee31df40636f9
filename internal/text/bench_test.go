package text_test

import (
	"testing"

	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/text"
)

func generated(n int) [][]byte {
	var out [][]byte
	for i := 0; i < n; i++ {
		out = append(out, []byte(corpus.Generate(1, i, corpus.DefaultOptions).Text))
	}
	return out
}

// BenchmarkNew normalises generated letters.
//
//	go test -run=NONE -bench=. -cpu=1 -benchmem ./internal/text
func BenchmarkNew(b *testing.B) {
	srcs := generated(500)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text.New(srcs[i%len(srcs)])
	}
}

// BenchmarkJoin joins the lines of each paragraph of generated letters, as
// the parser and the checks do.
func BenchmarkJoin(b *testing.B) {
	var docs []*text.Doc
	for _, s := range generated(200) {
		docs = append(docs, text.New(s))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		start := 0
		for k, ln := range d.Lines {
			if ln.Break {
				text.Join(d.Lines[start:k])
				start = k + 1
			}
		}
		text.Join(d.Lines[start:])
	}
}
