package accuracy

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
)

// Window is how many lines from the change a finding may stand and still
// count as finding it: a hard-wrapped sentence's finding may start on the
// line before the changed word.
const Window = 2

// Tally counts the cases of one kind and those found.
type Tally struct {
	Cases, Found int
}

// Recall is found/cases, or 1 with no case.
func (t Tally) Recall() float64 {
	if t.Cases == 0 {
		return 1
	}
	return float64(t.Found) / float64(t.Cases)
}

// Miss is a case not found, for the developer to look at.
type Miss struct {
	Case Case
	// Near lists the findings of the mutated letter near the change.
	Near []finding.Finding
}

// Report is the measurement over a set of letters.
type Report struct {
	Letters int
	// Errors and Warnings are the findings on the untouched letters.
	Errors, Warnings int
	Kinds            map[Kind]*Tally
	Misses           []Miss
}

// Measure checks every letter of files untouched and with each injected
// fault, with e.
func Measure(e *engine.Engine, files []string) (*Report, error) {
	rep := &Report{Kinds: map[Kind]*Tally{}}
	for _, k := range Kinds {
		rep.Kinds[k] = &Tally{}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		base := e.CheckBytes(f, src)
		rep.Letters++
		for _, x := range base.Findings {
			switch x.Severity {
			case finding.Error:
				rep.Errors++
			case finding.Warning:
				rep.Warnings++
			}
		}
		for _, c := range Mutate(f, src) {
			r := e.CheckBytes(f, c.Src)
			t := rep.Kinds[c.Kind]
			t.Cases++
			if near, ok := found(src, base.Findings, c, r.Findings); ok {
				t.Found++
			} else {
				rep.Misses = append(rep.Misses, Miss{Case: c, Near: near})
			}
		}
	}
	return rep, nil
}

// found reports whether a finding of an accepted check, not on the
// untouched letter, stands near the change; else the findings near it.
func found(orig []byte, base []finding.Finding, c Case, got []finding.Finding) ([]finding.Finding, bool) {
	accepted := map[string]bool{}
	for _, name := range Accepted[c.Kind] {
		accepted[name] = true
	}
	origEnd := c.EndLine - c.Delta // the change's last line in the untouched letter
	had := map[string]bool{}
	for _, f := range base {
		ln := lineAt(orig, f.Start)
		if ln > origEnd {
			ln += c.Delta
		}
		had[fmt.Sprintf("%s\x00%d\x00%s", f.Check, ln, f.Message)] = true
	}
	var near []finding.Finding
	for _, f := range got {
		ln := lineAt(c.Src, f.Start)
		if had[fmt.Sprintf("%s\x00%d\x00%s", f.Check, ln, f.Message)] {
			continue
		}
		lines := []int{ln}
		for _, r := range f.Related {
			lines = append(lines, lineAt(c.Src, r.Start))
		}
		close := false
		for _, l := range lines {
			if l >= c.Line-Window && l <= c.EndLine+Window {
				close = true
			}
		}
		if !close {
			continue
		}
		if accepted[f.Check] {
			return nil, true
		}
		near = append(near, f)
	}
	return near, false
}

// lineAt is the 1-based line of byte offset off.
func lineAt(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	return bytes.Count(src[:off], []byte{'\n'}) + 1
}

// WriteTable prints recall per kind and the noise on untouched letters as
// a Markdown table.
func (r *Report) WriteTable(w io.Writer, title string) {
	fmt.Fprintf(w, "| %s | cases | found | recall |\n|---|---:|---:|---:|\n", title)
	total := 0.0
	n := 0
	for _, k := range Kinds {
		t := r.Kinds[k]
		fmt.Fprintf(w, "| %s | %d | %d | %.2f |\n", k, t.Cases, t.Found, t.Recall())
		if t.Cases > 0 {
			total += t.Recall()
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(w, "| **mean over kinds** | | | **%.2f** |\n", total/float64(n))
	}
	fmt.Fprintf(w, "\nOn the %d untouched letters: %d errors (%.2f per letter), %d warnings (%.2f per letter).\n",
		r.Letters, r.Errors, float64(r.Errors)/float64(max(r.Letters, 1)), r.Warnings, float64(r.Warnings)/float64(max(r.Letters, 1)))
}

// WriteMisses prints the missed cases: file, line, kind and the change.
// It prints letter text (the words changed), so it is for the developer's
// terminal, never a log.
func (r *Report) WriteMisses(w io.Writer, kind Kind) {
	ms := append([]Miss(nil), r.Misses...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Case.Kind < ms[j].Case.Kind })
	for _, m := range ms {
		if kind != "" && m.Case.Kind != kind {
			continue
		}
		var near []string
		for _, f := range m.Near {
			near = append(near, f.Check)
		}
		fmt.Fprintf(w, "%s:%d: %s: %q -> %q (near: %s)\n\t%s\n", m.Case.File, m.Case.Line, m.Case.Kind,
			clip(m.Case.Old), clip(m.Case.New), strings.Join(near, ","), lineText(m.Case.Src, m.Case.Line))
	}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:30] + "…" + s[len(s)-25:]
	}
	return s
}

// lineText is the 1-based line n of src.
func lineText(src []byte, n int) string {
	for i := 1; i < n; i++ {
		k := bytes.IndexByte(src, '\n')
		if k < 0 {
			return ""
		}
		src = src[k+1:]
	}
	if k := bytes.IndexByte(src, '\n'); k >= 0 {
		src = src[:k]
	}
	return strings.TrimSpace(string(src))
}
