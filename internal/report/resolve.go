package report

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/position"
)

// Finding is a finding with its places resolved: the one model of a
// finding that every format prints from, whatever shape it gives it.
type Finding struct {
	finding.Finding
	// At is the finding's span; Related, Fix and Suggestion resolve the
	// finding's related places and edits, in the same order.
	At              Place
	Related         []Place
	Fix, Suggestion *Place
	// Fingerprint is set when the file carries fingerprints.
	Fingerprint string
}

// Place is a span of a file in every unit a format prints.
type Place struct {
	// Span is the span as the check reported it.
	Span position.Span
	// Start and End are its ends' lines and columns (the end exclusive).
	Start, End position.Position
	// Page and PageLine are where it starts on the pages of a PDF or DOCX,
	// zero for a text file.
	Page, PageLine int
	// Offsets are those of the span moved inside the file (Span.Clamp) in
	// code points and UTF-16 code units, when the format asked for them.
	Offsets struct{ Start, End position.Units }
}

// resolver turns a file's spans into places.
type resolver struct {
	f     File
	x     *position.LineIndex
	units map[int]position.Units // nil unless asked for
}

// resolve resolves a file's findings; with units, their places carry
// code-point and UTF-16 offsets too. It builds the file's line index only
// for a file with findings: most letters of an archive have none, and
// indexing every line of each was 4 % of a batch's time.
func resolve(f File, units bool) ([]Finding, *position.LineIndex) {
	if len(f.Findings) == 0 {
		return nil, nil
	}
	rv := resolver{f: f, x: position.NewLineIndex(f.Src)}
	if units {
		var want []int
		add := func(sp position.Span) {
			c := sp.Clamp(len(f.Src))
			want = append(want, c.Start, c.End)
		}
		for _, x := range f.Findings {
			add(x.Span)
			for _, r := range x.Related {
				add(r.Span)
			}
			for _, e := range []*finding.Fix{x.Fix, x.Suggestion} {
				if e != nil {
					add(e.Span)
				}
			}
		}
		rv.units = position.UnitsAt(f.Src, want)
	}
	out := make([]Finding, len(f.Findings))
	for i, x := range f.Findings {
		rf := Finding{Finding: x, At: rv.place(x.Span)}
		for _, r := range x.Related {
			rf.Related = append(rf.Related, rv.place(r.Span))
		}
		if x.Fix != nil {
			p := rv.place(x.Fix.Span)
			rf.Fix = &p
		}
		if x.Suggestion != nil {
			p := rv.place(x.Suggestion.Span)
			rf.Suggestion = &p
		}
		if i < len(f.Fingerprints) {
			rf.Fingerprint = f.Fingerprints[i]
		}
		out[i] = rf
	}
	return out, rv.x
}

func (rv *resolver) place(sp position.Span) Place {
	p := Place{Span: sp, Start: rv.x.Position(sp.Start), End: rv.x.Position(sp.End)}
	if rv.f.pageLines() {
		p.Page, p.PageLine = position.PageLine(rv.f.Src, sp.Start)
	}
	if rv.units != nil {
		c := sp.Clamp(len(rv.f.Src))
		p.Offsets.Start, p.Offsets.End = rv.units[c.Start], rv.units[c.End]
	}
	return p
}
