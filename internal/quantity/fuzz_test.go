package quantity

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind asserts that Find never panics and that its spans are always
// usable: inside the input, ordered, non-overlapping, with the number
// inside the match. Run with: go test -run=NONE -fuzz=FuzzFind ./internal/quantity/
func FuzzFind(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.in)
	}
	f.Add(benchParagraph[:600])
	f.Add("\xff\xfe 12 visits \xe2\x80")
	f.Add("99999999999999999999x99999999999999999999 weeks")
	f.Add("#" + string(utf8.RuneError) + "1,000,000.5.5")
	f.Fuzz(func(t *testing.T, s string) {
		qs := Find(s)
		checkInvariants(t, s, qs)
		for _, q := range qs {
			_ = q.String()
			if !Same(q, q) {
				t.Fatalf("quantity not Same as itself in %q: %+v", s, q)
			}
		}
		ParseNumber(s)
	})
}
