package rules

import "testing"

// BenchmarkDefault measures loading the embedded rules and catalog, which
// every run of imrlint pays once.
func BenchmarkDefault(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
