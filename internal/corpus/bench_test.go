package corpus

import "testing"

func BenchmarkGenerate(b *testing.B) {
	n := 0
	for i := 0; i < b.N; i++ {
		l := Generate(1, i, DefaultOptions)
		n += len(l.Text)
	}
	b.SetBytes(int64(n / b.N))
}
