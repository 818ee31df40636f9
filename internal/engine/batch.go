package engine

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// RunBatch checks paths with jobs workers and calls emit with each result
// in the order of paths, as soon as every earlier one is done: the output
// is the same whatever jobs is, and a long run holds only a window of
// results in memory, never all of them. prepare, when set, runs in the
// worker on each result before it is emitted: work such as rendering a
// file's report belongs there, not in the single emitting goroutine.
func (e *Engine) RunBatch(paths []string, jobs int, prepare func(Result) Result, emit func(i int, r Result)) {
	check := func(p string) Result {
		r := e.CheckFile(p)
		if prepare != nil {
			r = prepare(r)
		}
		return r
	}
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	if jobs == 1 || len(paths) <= 1 {
		for i, p := range paths {
			emit(i, check(p))
		}
		return
	}
	// A bounded window keeps memory flat: workers may run at most window
	// files ahead of the one being emitted. Workers claim the next index
	// themselves (no feeding goroutine to wake for every file) once a slot
	// in the window is free.
	window := jobs * 8
	type done struct {
		i int
		r Result
	}
	var next atomic.Int64
	results := make(chan done, window)
	slots := make(chan struct{}, window)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				slots <- struct{}{}
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					<-slots
					return
				}
				results <- done{i, check(paths[i])}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	pending := map[int]Result{}
	want := 0
	for d := range results {
		pending[d.i] = d.r
		for {
			r, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			emit(want, r)
			<-slots
			want++
		}
	}
}
