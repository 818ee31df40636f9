package engine

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/imrlint/imrlint/internal/fix"
)

// ErrNotText is Fix's answer for a PDF or Word file: fixes are written
// only to plain-text letters.
var ErrNotText = errors.New("not a text file; fixes are never written to it")

// Fix writes the certain fixes of a checked file to it in place and checks
// the new text: n is the number of fixes applied, 0 when there was nothing
// to do (standard input, an unreadable file, no certain fix), and r is
// then returned as it was. A file that is not plain text is never written
// (ErrNotText); a write that fails leaves the file as it was and returns
// the error.
func (e *Engine) Fix(r Result) (fixed Result, n int, err error) {
	if r.Err != nil || r.Path == "-" {
		return r, 0, nil
	}
	fixes := fix.Collect(r.Findings)
	if len(fixes) == 0 {
		return r, 0, nil
	}
	if !isText(r.Path) {
		return r, 0, ErrNotText
	}
	next := fix.Apply(r.Src, fixes)
	if err := fix.Write(r.Path, r.Src, next); err != nil {
		return r, 0, err
	}
	return e.CheckBytes(r.Path, next), len(fixes), nil
}

// FixAll is Fix of each result, replacing it by the file's new result;
// tell, when set, hears of each file fixed (n > 0) or not (err).
func (e *Engine) FixAll(rs []Result, tell func(path string, n int, err error)) {
	for i, r := range rs {
		if r.Err == nil && r.Path != "-" && isText(r.Path) {
			// What a killed run left beside the letters goes, whether or
			// not this run has anything to write there.
			fix.Sweep(filepath.Dir(r.Path))
		}
		next, n, err := e.Fix(r)
		if n > 0 {
			rs[i] = next
		}
		if tell != nil && (n > 0 || err != nil) {
			tell(r.Path, n, err)
		}
	}
}

// Diffs is every certain fix of the results as a unified diff, file by
// file; nothing is written.
func Diffs(rs []Result) []byte {
	var out bytes.Buffer
	for _, r := range rs {
		if r.Err != nil || r.Path == "-" {
			continue
		}
		fixes := fix.Collect(r.Findings)
		out.WriteString(fix.Diff(r.Path, r.Src, fix.Apply(r.Src, fixes)))
	}
	return out.Bytes()
}

// isText: fixes are written only to plain-text letters, never to PDF or
// Word files.
func isText(path string) bool {
	l := strings.ToLower(path)
	return !strings.HasSuffix(l, ".pdf") && !strings.HasSuffix(l, ".docx") && !strings.HasSuffix(l, ".doc")
}
