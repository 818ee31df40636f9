package phrase_test

import (
	"testing"

	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/rules"
)

// BenchmarkTokenize tokenizes whole generated letters.
//
//	go test -run=NONE -bench=. -cpu=1 -benchmem ./internal/phrase
func BenchmarkTokenize(b *testing.B) {
	var srcs []string
	for i := 0; i < 200; i++ {
		srcs = append(srcs, string(corpus.Generate(1, i, corpus.DefaultOptions).Text))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		phrase.Tokenize(srcs[i%len(srcs)])
	}
}

// BenchmarkFindTokens matches the treatment vocabulary in tokenized
// generated letters.
func BenchmarkFindTokens(b *testing.B) {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	var toks [][]phrase.Token
	for i := 0; i < 200; i++ {
		toks = append(toks, phrase.Tokenize(string(corpus.Generate(1, i, corpus.DefaultOptions).Text)))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		set.Treatment.FindTokens(toks[i%len(toks)])
	}
}
