package baseline

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/source"
)

// Version is the baseline file format's version.
const Version = 1

// Entry is one accepted finding. It holds no text of the letter: the
// fingerprint is a hash, so the baseline can be committed beside templates
// without copying protected health information.
type Entry struct {
	Path        string `json:"path"` // relative to the baseline file's directory, slash-separated
	Check       string `json:"check"`
	Fingerprint string `json:"fingerprint"`
}

// File is a baseline file.
type File struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// Input is what a baseline is built from or applied to: one checked file.
type Input struct {
	Path     string
	Src      []byte
	Letter   *letter.Letter
	Findings []finding.Finding
}

// relPath is path relative to the baseline's directory, so that the same
// baseline works from any working directory.
func relPath(baseDir, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	if r, err := filepath.Rel(baseDir, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

func baseDir(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "."
	}
	return filepath.Dir(abs)
}

// Build makes the baseline of a run, to be written at file.
func Build(file string, in []Input) *File {
	dir := baseDir(file)
	b := &File{Version: Version, Tool: "imrlint", Findings: []Entry{}}
	for _, x := range in {
		for _, f := range x.Findings {
			b.Findings = append(b.Findings, Entry{Path: relPath(dir, x.Path), Check: f.Check, Fingerprint: Fingerprint(x.Src, x.Letter, f)})
		}
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.Path != c.Path {
			return a.Path < c.Path
		}
		if a.Check != c.Check {
			return a.Check < c.Check
		}
		return a.Fingerprint < c.Fingerprint
	})
	return b
}

// Marshal renders the baseline as indented JSON.
func (b *File) Marshal() []byte {
	out, _ := json.MarshalIndent(b, "", "  ")
	return append(out, '\n')
}

// MaxSize bounds a baseline file: a baseline of a million findings is
// some 200 MB; --baseline /dev/zero must not be read until memory runs out.
const MaxSize = 256 << 20

// Load reads a baseline file.
func Load(path string) (*File, error) {
	data, err := source.ReadFile(path, MaxSize)
	if err != nil {
		return nil, err
	}
	var b File
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: not a baseline file: %v", path, err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, this imrlint reads version %d (rewrite it with --write-baseline)", path, b.Version, Version)
	}
	return &b, nil
}

// Result of applying a baseline.
type Result struct {
	Suppressed int     // findings the baseline accepts
	Stale      []Entry // baseline entries no longer found
}

// Apply removes from each input's findings those the baseline accepts
// (matching path, check and fingerprint, as many times as recorded) and
// returns the kept findings per input, in order.
func (b *File) Apply(file string, in []Input) ([][]finding.Finding, Result) {
	dir := baseDir(file)
	left := map[Entry]int{}
	for _, e := range b.Findings {
		left[e]++
	}
	var res Result
	out := make([][]finding.Finding, len(in))
	checked := map[string]bool{}
	for i, x := range in {
		p := relPath(dir, x.Path)
		checked[p] = true
		for _, f := range x.Findings {
			e := Entry{Path: p, Check: f.Check, Fingerprint: Fingerprint(x.Src, x.Letter, f)}
			if left[e] > 0 {
				left[e]--
				res.Suppressed++
				continue
			}
			out[i] = append(out[i], f)
		}
	}
	// Only entries of files checked in this run can be stale: a run over
	// part of the tree says nothing of the rest.
	for _, e := range b.Findings {
		if checked[e.Path] && left[e] > 0 {
			left[e]--
			res.Stale = append(res.Stale, e)
		}
	}
	return out, res
}
