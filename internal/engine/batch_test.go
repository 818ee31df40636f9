package engine

import (
	"fmt"
	"math/rand"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunBatchOrder: whatever the number of workers and however long each
// file takes, every result is emitted once, in input order, and no more
// than the window of files is in flight at a time.
func TestRunBatchOrder(t *testing.T) {
	paths := make([]string, 300)
	for i := range paths {
		paths[i] = fmt.Sprintf("testdata/no-such-file-%03d.txt", i) // read errors: quick results
	}
	for _, jobs := range []int{1, 2, 3, 8, 64} {
		t.Run(fmt.Sprint("jobs=", jobs), func(t *testing.T) {
			var inFlight, maxInFlight atomic.Int64
			prepare := func(r Result) Result {
				n := inFlight.Add(1)
				for m := maxInFlight.Load(); n > m && !maxInFlight.CompareAndSwap(m, n); m = maxInFlight.Load() {
				}
				time.Sleep(time.Duration(rand.Intn(200)) * time.Microsecond)
				return r
			}
			var got []string
			e := &Engine{}
			e.RunBatch(paths, jobs, prepare, func(i int, r Result) {
				inFlight.Add(-1)
				if r.Path != paths[i] {
					t.Errorf("emit(%d) has the result of %s", i, r.Path)
				}
				if r.Err == nil {
					t.Errorf("%s: no read error", r.Path)
				}
				got = append(got, r.Path)
			})
			if len(got) != len(paths) {
				t.Fatalf("%d results emitted, want %d", len(got), len(paths))
			}
			for i := range got {
				if got[i] != paths[i] {
					t.Fatalf("result %d is %s, want %s", i, got[i], paths[i])
				}
			}
			if window := int64(max(jobs, 1) * 8); maxInFlight.Load() > window {
				t.Errorf("%d files in flight at once, window is %d", maxInFlight.Load(), window)
			}
		})
	}
}
