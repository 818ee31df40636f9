package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Entry is one line of manifest.jsonl: a letter's file, layout, number of
// items and injected faults (an empty list for a clean letter).
type Entry struct {
	File   string  `json:"file"`
	Layout string  `json:"layout"`
	Items  int     `json:"items"`
	Faults []Fault `json:"faults"`
}

// Manifest summarizes a written corpus.
type Manifest struct {
	Dir     string
	Letters int
	Bytes   int64 // of the letters, not counting the manifest
	Faulty  int
	// ByCheck counts the injected faults of each check.
	ByCheck map[string]int
}

// Write generates letters 0..n-1 of the corpus with this seed into dir:
// dir/00000/000000.txt ... (1000 letters per subdirectory) and
// dir/manifest.jsonl, one Entry per letter in index order.
//
// Letters are generated and written by one worker per CPU; since each
// letter depends only on its index, the files do not depend on the number
// of workers or their timing, and the manifest is written in index order.
func Write(dir string, n int, seed int64, opts Options) (Manifest, error) {
	m := Manifest{Dir: dir, Letters: n, ByCheck: map[string]int{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return m, err
	}
	for d := 0; d*1000 < n; d++ {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%05d", d)), 0o755); err != nil {
			return m, err
		}
	}
	mf, err := os.Create(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		return m, err
	}
	defer mf.Close()
	out := bufio.NewWriterSize(mf, 1<<20)

	// Workers take blocks of indexes and hand back their entries; the
	// collector writes entries in index order as blocks complete.
	const block = 256
	type result struct {
		start   int
		entries []Entry
		bytes   int64
		err     error
	}
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := range jobs {
				r := result{start: start}
				for i := start; i < min(start+block, n) && r.err == nil; i++ {
					l := Generate(seed, i, opts)
					r.err = os.WriteFile(filepath.Join(dir, l.Name), l.Text, 0o644)
					r.bytes += int64(len(l.Text))
					r.entries = append(r.entries, Entry{File: l.Name, Layout: l.Layout, Items: l.Items, Faults: nonNil(l.Faults)})
				}
				results <- r
			}
		}()
	}
	go func() {
		for s := 0; s < n; s += block {
			jobs <- s
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	pending := map[int]result{}
	next := 0
	enc := json.NewEncoder(out)
	var firstErr error
	for r := range results {
		if r.err != nil && firstErr == nil {
			firstErr = r.err
		}
		pending[r.start] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			m.Bytes += p.bytes
			for _, e := range p.entries {
				if len(e.Faults) > 0 {
					m.Faulty++
				}
				for _, f := range e.Faults {
					m.ByCheck[f.Check]++
				}
				if err := enc.Encode(e); err != nil && firstErr == nil {
					firstErr = err
				}
			}
			next += block
		}
	}
	if firstErr != nil {
		return m, firstErr
	}
	if err := out.Flush(); err != nil {
		return m, err
	}
	return m, mf.Close()
}

// nonNil makes a clean letter's faults an empty JSON list rather than null.
func nonNil(f []Fault) []Fault {
	if f == nil {
		return []Fault{}
	}
	return f
}
