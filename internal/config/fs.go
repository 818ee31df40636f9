package config

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"sort"
	"time"
)

// singleFile is a one-file fs.FS, so that the configuration goes through
// the same strict decoder as the rule files.
type singleFile struct {
	name string
	data []byte
}

func (s singleFile) Open(name string) (fs.File, error) {
	if name != s.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(s.data), name: name, size: int64(len(s.data))}, nil
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

var _ io.Reader = (*memFile)(nil)

// Overlay is a file system of layers: a file is read from the first layer
// that has it, and a directory lists the files of every layer. It lets a
// team's rule directory add files to the built-in rules and replace those
// of the same name.
type Overlay struct {
	Layers []fs.FS
	// Label names the overlay in messages (the user's directories).
	Label string
}

// Open opens name from the first layer that has it.
func (o Overlay) Open(name string) (fs.File, error) {
	var first error
	for _, l := range o.Layers {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			// A file a layer has but may not be read (a named pipe, a file
			// over the bound) is an error, not a reason to read the next
			// layer's file of that name instead.
			return nil, err
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// ReadDir merges the layers' entries, the first layer's winning.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	var firstErr error
	found := false
	for _, l := range o.Layers {
		es, err := fs.ReadDir(l, name)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, firstErr
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Dir names the overlay for messages.
func (o Overlay) Dir() string { return o.Label }
