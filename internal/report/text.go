package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/worddiff"
)

type palette struct {
	err, warn, info, bold, dim, note, del, ins *color.Color
}

func newPalette(on bool) palette {
	p := palette{
		err:  color.New(color.FgRed, color.Bold),
		warn: color.New(color.FgYellow, color.Bold),
		info: color.New(color.FgCyan, color.Bold),
		bold: color.New(color.Bold),
		dim:  color.New(color.FgBlue),
		note: color.New(color.FgCyan),
		del:  color.New(color.FgRed),
		ins:  color.New(color.FgGreen),
	}
	for _, c := range []*color.Color{p.err, p.warn, p.info, p.bold, p.dim, p.note, p.del, p.ins} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

// textWriter prints findings as a compiler does:
//
//	letter.txt:85:10: error[quantity-mismatch] the rationale's conclusion ...
//	   85 | request for 18 additional sessions of massage ...
//	      |             ^^
//	   55 | Massage therapy: 12 sessions (right wrist/hand):  Upheld
//	      |                  -- the item header requests 12 sessions
//
// and the run's summary line. It skips files that could not be read, which
// the caller reports on standard error.
type textWriter struct {
	w io.Writer
	p palette
}

func newText(w io.Writer, o Options) Writer { return &textWriter{w: w, p: newPalette(o.Color)} }

func (t *textWriter) File(file File) error {
	if file.Err != nil {
		return nil
	}
	w, p := t.w, t.p
	fs, x := resolve(file, false)
	for _, f := range fs {
		sev := p.sev(f.Severity).Sprintf("%s[%s]", f.Severity, f.Check)
		where := fmt.Sprintf("%s:%d:%d", file.Path, f.At.Start.Line, f.At.Start.Column)
		if f.At.Page > 0 {
			where += fmt.Sprintf(" (page %d, line %d)", f.At.Page, f.At.PageLine)
		}
		fmt.Fprintf(w, "%s: %s %s\n", p.bold.Sprint(where), sev, f.Message)
		if f.FileLevel {
			continue
		}
		width := len(fmt.Sprint(maxLine(f)))
		// The carets take the finding's severity colour, as its label does.
		snippet(w, p, x, f.At, "^", "", width, p.sev(f.Severity))
		for i, rel := range f.Finding.Related {
			snippet(w, p, x, f.Related[i], "-", rel.Message, width, p.note)
		}
		if f.Finding.Fix != nil {
			fmt.Fprintf(w, "%s %s\n", strings.Repeat(" ", width+2)+p.dim.Sprint("="), p.note.Sprintf("fix: replace with %q", f.Finding.Fix.Replacement))
		}
		if d := f.Drift; d != nil {
			fmt.Fprintf(w, "%s %s %s\n", strings.Repeat(" ", width+2)+p.dim.Sprint("="), p.note.Sprintf("approved (%s) vs found:", d.Approved), wordDiffLine(p, d.Diff))
		}
		if f.Finding.Suggestion != nil {
			fmt.Fprintf(w, "%s %s\n", strings.Repeat(" ", width+2)+p.dim.Sprint("="), p.note.Sprintf("suggestion (check before applying; --fix does not): replace with %q", f.Finding.Suggestion.Replacement))
		}
	}
	return nil
}

func (t *textWriter) End(s Summary) error {
	if s.Errors+s.Warnings+s.Infos > 0 || s.Files > 1 || s.Baseline != nil {
		_, err := fmt.Fprintf(t.w, "%s\n", summaryLine(s))
		return err
	}
	return nil
}

func summaryLine(s Summary) string {
	line := fmt.Sprintf("%s, %s: %s, %s, %s", plural(s.Files, "file"), plural(s.Letters, "letter"), plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"))
	if b := s.Baseline; b != nil {
		line += fmt.Sprintf("; baseline: %d suppressed, %d stale", b.Suppressed, b.Stale)
		if b.Stale > 0 {
			line += " (fixed or changed since; rewrite it with --write-baseline)"
		}
	}
	return line
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}

func maxLine(f Finding) int {
	m := f.At.End.Line
	for _, r := range f.Related {
		if l := r.End.Line; l > m {
			m = l
		}
	}
	return m
}

func (p palette) sev(s finding.Severity) *color.Color {
	switch s {
	case finding.Error:
		return p.err
	case finding.Warning:
		return p.warn
	}
	return p.info
}

// snippet prints the first line of span with marks under it.
// clipBytes is the longest line the text format prints whole; a longer one
// (a damaged file of megabytes on one line) is shown around the span, so
// that many findings on it do not print it again and again.
const clipBytes = 1 << 10

func snippet(w io.Writer, p palette, x *position.LineIndex, at Place, mark, msg string, width int, c *color.Color) {
	a, b := at.Start, at.End
	if ls, le := x.LineRange(a.Line); le-ls > clipBytes {
		clippedSnippet(w, p, x, at, ls, le, mark, msg, width, c)
		return
	}
	line := x.LineText(a.Line)
	end := b.Column
	more := ""
	if b.Line > a.Line {
		end = utf8.RuneCountInString(line) + 1
		more = fmt.Sprintf(" (to line %d)", b.Line)
	}
	if end <= a.Column {
		end = a.Column + 1
	}
	var pad strings.Builder
	for i, r := range []rune(line) {
		if i >= a.Column-1 {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	shown := strings.ReplaceAll(line, "\f", " ")
	gutter := p.dim.Sprintf("%*d |", width+1, a.Line)
	fmt.Fprintf(w, "%s %s\n", gutter, shown)
	label := strings.TrimSpace(msg + more)
	if label != "" {
		label = " " + label
	}
	fmt.Fprintf(w, "%s %s%s\n", p.dim.Sprintf("%*s |", width+1, ""), pad.String(), c.Sprint(strings.Repeat(mark, end-a.Column)+label))
}

// clippedSnippet prints a long line's span with some 200 bytes either side,
// an ellipsis where the line goes on.
func clippedSnippet(w io.Writer, p palette, x *position.LineIndex, at Place, ls, le int, mark, msg string, width int, c *color.Color) {
	const around, most = 200, 800
	sb := max(ls, min(at.Span.Start, le))
	eb := max(sb, min(at.Span.End, le))
	more := ""
	if at.End.Line > at.Start.Line {
		eb = le
		more = fmt.Sprintf(" (to line %d)", at.End.Line)
	}
	lo := max(ls, sb-around)
	for lo < sb && !utf8.RuneStart(x.Text(lo, lo+1)[0]) {
		lo++
	}
	hi := min(le, eb+around, lo+most)
	for hi > sb && hi < le && !utf8.RuneStart(x.Text(hi, hi+1)[0]) {
		hi--
	}
	eb = min(eb, hi)
	prefix, suffix := "", ""
	if lo > ls {
		prefix = "…"
	}
	if hi < le {
		suffix = "…"
	}
	before := prefix + x.Text(lo, sb)
	var pad strings.Builder
	for _, r := range before {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	shown := strings.ReplaceAll(before+x.Text(sb, hi)+suffix, "\f", " ")
	fmt.Fprintf(w, "%s %s\n", p.dim.Sprintf("%*d |", width+1, at.Start.Line), shown)
	label := strings.TrimSpace(msg + more)
	if label != "" {
		label = " " + label
	}
	marks := max(1, utf8.RuneCountInString(x.Text(sb, eb)))
	fmt.Fprintf(w, "%s %s%s\n", p.dim.Sprintf("%*s |", width+1, ""), pad.String(), c.Sprint(strings.Repeat(mark, marks)+label))
}

// wordDiffLine renders a word diff as git's --word-diff does: [-removed-]
// {+added+}, colored when color is on, with long unchanged runs shortened.
func wordDiffLine(p palette, diffs []worddiff.Op) string {
	var b strings.Builder
	for i, d := range diffs {
		words := strings.Fields(d.Text)
		if len(words) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch d.Kind {
		case worddiff.Delete:
			b.WriteString(p.del.Sprint("[-" + strings.Join(words, " ") + "-]"))
		case worddiff.Insert:
			b.WriteString(p.ins.Sprint("{+" + strings.Join(words, " ") + "+}"))
		default:
			// Keep three words of context on each side of a change.
			const ctx = 3
			first, last := i == 0, i == len(diffs)-1
			switch {
			case len(words) <= 2*ctx:
			case first:
				words = append([]string{"..."}, words[len(words)-ctx:]...)
			case last:
				words = append(words[:ctx], "...")
			default:
				words = append(append(words[:ctx:ctx], "..."), words[len(words)-ctx:]...)
			}
			b.WriteString(strings.Join(words, " "))
		}
	}
	return b.String()
}
