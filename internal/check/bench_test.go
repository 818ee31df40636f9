package check

import (
	"sync"
	"testing"

	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

var (
	benchOnce    sync.Once
	benchRules   *rules.Set
	benchLetters []*letter.Letter
)

// benchSetup parses 500 generated letters once, outside any timer.
func benchSetup(b *testing.B) {
	benchOnce.Do(func() {
		set, err := rules.Default()
		if err != nil {
			b.Fatal(err)
		}
		benchRules = set
		for i := 0; i < 500; i++ {
			src := []byte(corpus.Generate(1, i, corpus.DefaultOptions).Text)
			benchLetters = append(benchLetters, letter.Parse(text.New(src), set))
		}
	})
}

// BenchmarkRun is every check over a pre-parsed generated letter: the
// checks' share of a run, without normalising and parsing.
//
//	go test -run=NONE -bench=Run -cpu=1 -benchmem ./internal/check
func BenchmarkRun(b *testing.B) {
	benchSetup(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Run(benchLetters[i%len(benchLetters)], benchRules, All, &Options{})
	}
}

// BenchmarkRunTemplate is the same with every letter read as a template,
// which runs the template checks.
func BenchmarkRunTemplate(b *testing.B) {
	benchSetup(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Run(benchLetters[i%len(benchLetters)], benchRules, All, &Options{Template: true})
	}
}
