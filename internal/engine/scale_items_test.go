package engine_test

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// itemsLetter is the fixture letter clean-2014-massage.txt with its one
// disputed item (header, citations, rationale) repeated n times, each copy
// with its own quantity (1 to 40 sessions). With faulty set, only the
// header's quantity changes, so that nearly every item's rationale rules on
// another quantity than its header's (a finding an item).
func itemsLetter(t testing.TB, n int, faulty bool) []byte {
	t.Helper()
	base, err := os.ReadFile("../../testdata/letters/clean-2014-massage.txt")
	if err != nil {
		t.Fatal(err)
	}
	src := string(base)
	const start = "Massage therapy: 12 sessions (right wrist/hand): Upheld"
	const end = "the right wrist/hand is not medically necessary.\n"
	i, j := strings.Index(src, start), strings.Index(src, end)
	if i < 0 || j < i {
		t.Fatalf("the fixture no longer has its item (%q … %q)", start, end)
	}
	j += len(end)
	item := src[i:j]
	var b strings.Builder
	b.WriteString(src[:i])
	for k := 0; k < n; k++ {
		if k > 0 {
			b.WriteString("\n")
		}
		q := strconv.Itoa(k%40 + 1)
		if faulty {
			b.WriteString(strings.Replace(item, "12 sessions", q+" sessions", 1))
		} else {
			b.WriteString(strings.ReplaceAll(item, "12 sessions", q+" sessions"))
		}
	}
	b.WriteString(src[j:])
	return []byte(b.String())
}

// checkAllocs is the memory and allocations checking src makes (counts of
// work that do not depend on how busy the machine is), and the number of
// items and findings the check saw.
func checkAllocs(t *testing.T, src []byte) (bytes, allocs uint64, items, findings int) {
	t.Helper()
	e := newEngine(t)
	e.Check("warm.txt", src[:len(src)/2])
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := e.Check("scale.txt", src)
	runtime.ReadMemStats(&after)
	if r.Err != nil || r.Letter == nil {
		t.Fatalf("no letter checked: %v", r.Err)
	}
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs, len(r.Letter.Items), len(r.Findings)
}

// TestManyItemsScaleLinearly: a letter of n disputed items, for n of 100,
// 200 and 400, clean or with a fault in nearly every item, costs memory and
// allocations in proportion to its size: at most 1.25 times linear growth
// (a check comparing every item with every other would cost 16 times at 4
// times the items).
func TestManyItemsScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("checks letters of hundreds of items")
	}
	for _, faulty := range []bool{false, true} {
		var sizes, bytes, allocs []float64
		for _, n := range []int{100, 200, 400} {
			src := itemsLetter(t, n, faulty)
			b, a, items, findings := checkAllocs(t, src)
			if items != n {
				t.Fatalf("a letter of %d items was read as %d", n, items)
			}
			if faulty && findings < n*9/10 {
				t.Fatalf("%d faulty items gave %d findings: the fault is no longer found", n, findings)
			}
			sizes = append(sizes, float64(len(src)))
			bytes = append(bytes, float64(b))
			allocs = append(allocs, float64(a))
			t.Logf("faulty %v, %d items, %d bytes: %d bytes allocated, %d allocations, %d findings", faulty, n, len(src), b, a, findings)
		}
		for i := 1; i < len(sizes); i++ {
			for _, c := range []struct {
				what  string
				costs []float64
			}{{"bytes allocated", bytes}, {"allocations", allocs}} {
				if ratio := c.costs[i] / c.costs[0]; ratio > 1.25*sizes[i]/sizes[0] {
					t.Errorf("faulty %v: %.1f× the items cost %.2f× the %s: not linear", faulty, sizes[i]/sizes[0], ratio, c.what)
				}
			}
		}
	}
}

// BenchmarkManyItems checks letters of 100, 200 and 400 disputed items.
func BenchmarkManyItems(b *testing.B) {
	for _, n := range []int{100, 200, 400} {
		src := itemsLetter(b, n, false)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			e := newEngine(b)
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				e.Check("items.txt", src)
			}
		})
	}
}
