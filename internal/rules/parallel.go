package rules

import (
	"io/fs"
	"sort"
	"sync"
)

// decoded is one TOML file decoded ahead of its validation.
type decoded[T any] struct {
	v   T
	err error
}

// decodeFiles decodes the named files of fsys concurrently. Decoding is
// most of what loading the rules costs, and every run of imrlint pays it
// once at start-up; the files are independent, so they decode in parallel
// and are then validated in order.
func decodeFiles[T any](fsys fs.FS, names []string) []decoded[T] {
	out := make([]decoded[T], len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i].err = decodeStrict(fsys, name, &out[i].v)
		}()
	}
	wg.Wait()
	return out
}

// decodeGlob starts decoding the files of fsys matching pattern, in
// lexical order, and returns a function that waits for them.
func decodeGlob[T any](fsys fs.FS, pattern string) func() ([]string, []decoded[T], error) {
	files, err := fs.Glob(fsys, pattern)
	if err != nil {
		return func() ([]string, []decoded[T], error) { return nil, nil, err }
	}
	sort.Strings(files)
	done := make(chan []decoded[T], 1)
	go func() { done <- decodeFiles[T](fsys, files) }()
	return func() ([]string, []decoded[T], error) { return files, <-done, nil }
}
