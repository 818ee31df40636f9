package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/fix"
	"github.com/imrlint/imrlint/internal/report"
	"github.com/imrlint/imrlint/internal/rules"
)

func allFixtures(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, "testdata/letters/*.txt"))
	if len(files) < 15 {
		t.Fatalf("%d fixtures", len(files))
	}
	return files
}

// textAt cuts the text between two 1-based (line, code-point column)
// positions out of src, as an editor would select it.
func textAt(src []byte, l1, c1, l2, c2 int) string {
	lines := strings.SplitAfter(string(src), "\n")
	off := func(l, c int) int {
		o := 0
		for i := 0; i < l-1 && i < len(lines); i++ {
			o += len(lines[i])
		}
		line := ""
		if l-1 < len(lines) {
			line = lines[l-1]
		}
		k := 0
		for n := 1; n < c && k < len(line); n++ {
			_, size := utf8.DecodeRuneInString(line[k:])
			k += size
		}
		return o + k
	}
	a, b := off(l1, c1), off(l2, c2)
	if a > b || b > len(src) {
		return "<bad range>"
	}
	return string(src[a:b])
}

// TestPositionsNeverDrift: for every finding on every fixture letter, the
// text at the JSON report's line and columns is exactly the span the check
// meant (also after footers, CRLF, tabs, curly quotes and form feeds).
func TestPositionsNeverDrift(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := &engine.Engine{Rules: set, Checks: check.All}
	n := 0
	for _, p := range allFixtures(t) {
		r := e.CheckFile(p)
		jf := report.FileJSON(engine.ReportFile(r, set, false))
		for i, f := range r.Findings {
			j := jf.Findings[i]
			want := string(r.Src[f.Start:f.End])
			if got := textAt(r.Src, j.Line, j.Column, j.EndLine, j.EndColumn); got != want {
				t.Errorf("%s %s: %d:%d-%d:%d selects %q, the check meant %q", filepath.Base(p), f.Check, j.Line, j.Column, j.EndLine, j.EndColumn, got, want)
			}
			for k, rel := range f.Related {
				jr := j.Related[k]
				if got := textAt(r.Src, jr.Line, jr.Column, jr.EndLine, jr.EndColumn); got != string(r.Src[rel.Start:rel.End]) {
					t.Errorf("%s %s related: selects %q", filepath.Base(p), f.Check, got)
				}
			}
			n++
		}
	}
	if n < 40 {
		t.Errorf("only %d findings checked", n)
	}
}

// TestFixesConverge: applying every certain fix and checking again leaves
// none of the fixed findings; applying the fixes of the second run changes
// nothing more.
func TestFixesConverge(t *testing.T) {
	set, _ := rules.Default()
	e := &engine.Engine{Rules: set, Checks: check.All}
	fixed := 0
	for _, p := range allFixtures(t) {
		r := e.CheckFile(p)
		fixes := fix.Collect(r.Findings)
		if len(fixes) == 0 {
			continue
		}
		once := fix.Apply(r.Src, fixes)
		r2 := e.CheckBytes(p, once)
		for _, f := range r2.Findings {
			if f.Fix != nil {
				t.Errorf("%s: after fixing, %s still has a fix at %v", filepath.Base(p), f.Check, f.Span)
			}
		}
		twice := fix.Apply(once, fix.Collect(r2.Findings))
		if string(twice) != string(once) {
			t.Errorf("%s: fixing twice changed more", filepath.Base(p))
		}
		fixed++
	}
	if fixed < 3 {
		t.Errorf("only %d fixture letters had fixes", fixed)
	}
}

// TestOutputIdenticalAcrossJobs: the JSON is byte-identical across runs,
// whatever --jobs, and a letter's findings do not depend on the batch.
func TestOutputIdenticalAcrossJobs(t *testing.T) {
	var first string
	for _, jobs := range []string{"1", "2", "8", "1"} {
		out, _, _ := run(t, "", "check", "--format", "json", "--jobs", jobs, "testdata/letters")
		if first == "" {
			first = out
		} else if out != first {
			t.Fatalf("--jobs %s gave different JSON", jobs)
		}
	}
	var all struct {
		Files []json.RawMessage `json:"files"`
	}
	json.Unmarshal([]byte(first), &all)
	// One letter alone gives the same file object as in the batch.
	alone, _, _ := run(t, "", "check", "--format", "json", "testdata/letters/fault-2014-quantity-mismatch.txt")
	var one struct {
		Files []json.RawMessage `json:"files"`
	}
	json.Unmarshal([]byte(alone), &one)
	found := false
	for _, f := range all.Files {
		if string(f) == string(one.Files[0]) {
			found = true
		}
	}
	if !found {
		t.Error("the letter checked alone differs from the same letter in the batch")
	}
	// JSON Lines streams the same file objects.
	jl, _, _ := run(t, "", "check", "--format", "jsonl", "--jobs", "4", "testdata/letters")
	lines := strings.Split(strings.TrimSpace(jl), "\n")
	if len(lines) != len(all.Files)+1 || !strings.HasPrefix(lines[len(lines)-1], `{"summary":`) {
		t.Fatalf("jsonl: %d lines for %d files", len(lines), len(all.Files))
	}
	for i, f := range all.Files {
		var a, b any
		json.Unmarshal(f, &a)
		json.Unmarshal([]byte(lines[i]), &b)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("jsonl line %d differs from the JSON file object", i+1)
		}
	}
}
