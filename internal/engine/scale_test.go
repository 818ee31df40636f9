package engine_test

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// checkBytes is the memory checking src allocates: a count of work that
// does not depend on how busy the machine is.
func checkBytes(t *testing.T, src []byte) uint64 {
	t.Helper()
	e := newEngine(t)
	e.Check("warm.txt", src[:len(src)/2])
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e.Check("scale.txt", src)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestManyNumbersInOneHeaderScaleLinearly: a header holding n numbers
// ("#1 #2 ..."), for n of 50,000, 100,000 and 200,000, costs memory in
// proportion to its size. Before the quantity reader was bounded, 800,000
// numbers took 3 s and 976 MB, and 12 million ran out of memory.
func TestManyNumbersInOneHeaderScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("checks letters of megabytes")
	}
	base, err := os.ReadFile("../../testdata/letters/clean-2014-massage.txt")
	if err != nil {
		t.Fatal(err)
	}
	const header = "Massage therapy: 12 sessions (right wrist/hand): Upheld"
	if !strings.Contains(string(base), header) {
		t.Fatalf("the fixture no longer has the header %q", header)
	}
	letter := func(n int) []byte {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(" #")
			b.WriteString(strconv.Itoa(i%90 + 1))
		}
		return []byte(strings.Replace(string(base), header, "Massage therapy:"+b.String()+" sessions (right wrist/hand): Upheld", 1))
	}
	var sizes, costs []float64
	for _, n := range []int{50000, 100000, 200000} {
		src := letter(n)
		sizes = append(sizes, float64(len(src)))
		costs = append(costs, float64(checkBytes(t, src)))
	}
	// The budget: at most a fixed multiple of the input (the README's
	// figure for this shape); before, each number cost 1.2 KB, some 370
	// bytes a byte of input.
	const perByte = 100
	for i := range sizes {
		if costs[i]/sizes[i] > perByte {
			t.Errorf("%.0f bytes of input allocate %.0f bytes, %.0f a byte: over the budget of %d", sizes[i], costs[i], costs[i]/sizes[i], perByte)
		}
	}
	for i := 1; i < len(sizes); i++ {
		growth := (costs[i] / costs[0]) / (sizes[i] / sizes[0])
		t.Logf("%.0f bytes: %.0f bytes allocated (%.1f a byte); growth over linear %.2f", sizes[i], costs[i], costs[i]/sizes[i], growth)
		if growth > 1.5 {
			t.Errorf("%.0f× the input allocates %.1f× the memory: not linear", sizes[i]/sizes[0], costs[i]/costs[0])
		}
	}
}
