package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/imrlint/imrlint/internal/finding"
)

// gitHub prints findings as GitHub Actions workflow commands, which the
// runner turns into annotations on the pull request's files:
//
//	::error file=letter.txt,line=85,col=10,endLine=85,endColumn=12,title=quantity-mismatch::the rationale's ...
//
// Errors are ::error, warnings ::warning and infos ::notice. A file that
// could not be read is one ::error on the file, without a line. Like the
// other formats, the lines carry messages only, never the letter's text:
// workflow logs are kept and shown to anyone who can read the repository.
type gitHub struct{ w io.Writer }

func newGitHub(w io.Writer, o Options) Writer { return gitHub{w} }

func (g gitHub) File(r File) error {
	w := g.w
	file := filepath.ToSlash(r.Path)
	if r.Err != nil {
		_, err := fmt.Fprintf(w, "::error file=%s::%s\n", escapeProperty(file), escapeData(r.Err.Error()))
		return err
	}
	fs, _ := resolve(r, false)
	for _, f := range fs {
		a, b := f.At.Start, f.At.End
		props := fmt.Sprintf("file=%s,line=%d", escapeProperty(file), a.Line)
		// GitHub ignores, or rejects, columns on an annotation that
		// spans lines, so they are given only for a one-line span.
		if b.Line == a.Line {
			props += fmt.Sprintf(",col=%d,endLine=%d,endColumn=%d", a.Column, b.Line, b.Column)
		} else {
			props += fmt.Sprintf(",endLine=%d", b.Line)
		}
		props += ",title=" + escapeProperty(f.Check)
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubLevel(f.Severity), props, escapeData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

func (gitHub) End(Summary) error { return nil }

func githubLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}

// escapeData escapes a command's message as @actions/core does, so that a
// newline cannot end the command early and start another one.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value; ':' and ',' also delimit
// properties, so a path with a comma cannot inject a property of its own.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
