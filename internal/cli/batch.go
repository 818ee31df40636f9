package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/fix"
	"github.com/imrlint/imrlint/internal/report"
)

// progressMin is the number of files from which a terminal gets a progress
// bar: a few files finish before a bar would be seen.
const progressMin = 50

// runStats counts a run as it goes, for the summary line and the exit code
// of runs that keep no results.
type runStats struct {
	start                                               time.Time
	files, letters, errors, warnings, infos, unreadable int
	failHit                                             bool
	// baseline is what a baseline suppressed, nil without one.
	baseline *report.BaselineSummary
}

func (s *runStats) add(r engine.Result, fail finding.Severity) {
	s.files++
	if r.Err != nil {
		s.unreadable++
		return
	}
	if r.IsLetter() {
		s.letters++
	}
	s.count(r.Findings, fail)
}

// recount counts the findings of rs again, once a baseline or fixes
// changed them, so that the summary line agrees with the report.
func (s *runStats) recount(rs []engine.Result, fail finding.Severity) {
	s.errors, s.warnings, s.infos, s.failHit = 0, 0, 0, false
	for _, r := range rs {
		if r.Err == nil {
			s.count(r.Findings, fail)
		}
	}
}

func (s *runStats) count(fs []finding.Finding, fail finding.Severity) {
	for _, f := range fs {
		switch f.Severity {
		case finding.Error:
			s.errors++
		case finding.Warning:
			s.warnings++
		default:
			s.infos++
		}
		if f.Severity >= fail {
			s.failHit = true
		}
	}
}

func (s *runStats) exit() int {
	switch {
	case s.unreadable > 0:
		return ExitTrouble
	case s.failHit:
		return ExitFindings
	}
	return ExitOK
}

// line is the run summary: files, letters, findings by severity,
// unreadable files, elapsed time and letters per second.
func (s *runStats) line() string {
	el := time.Since(s.start)
	rate := 0.0
	if el > 0 {
		rate = float64(s.files) / el.Seconds()
	}
	base := ""
	if b := s.baseline; b != nil {
		base = fmt.Sprintf(" (baseline: %d suppressed)", b.Suppressed)
	}
	return fmt.Sprintf("imrlint: %s, %s: %s, %s, %s%s; %d unreadable; %s, %.0f files/s",
		plural(s.files, "file"), plural(s.letters, "letter"), plural(s.errors, "error"), plural(s.warnings, "warning"), plural(s.infos, "info"),
		base, s.unreadable, el.Round(time.Millisecond), rate)
}

// plural is "1 file", "2 files", "0 files".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// progress is a progress bar on standard error, or nothing.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, n int, on bool) *progress {
	if !on {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("checking"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetPredictTime(true),
	)}
}

func (p *progress) Add(n int) {
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// outputSink streams a report to standard output, or to the -o file
// through a temporary file renamed over it at the end, so that readers of
// the file never see half a report.
type outputSink struct {
	w    io.Writer
	tmp  *os.File
	path string
	err  error
}

func newSink(path string, stdout io.Writer) (*outputSink, error) {
	if path == "" {
		return &outputSink{w: stdout}, nil
	}
	// The locked kind of temporary file: a --fix run's sweep of the
	// directory leaves it while this run holds it, however long it runs.
	tmp, err := fix.CreateTemp(path)
	if err != nil {
		return nil, fmt.Errorf("-o %s: %v", path, err)
	}
	return &outputSink{w: tmp, tmp: tmp, path: path}, nil
}

func (s *outputSink) Write(b []byte) (int, error) { return s.w.Write(b) }

func (s *outputSink) commit() error {
	if s.tmp == nil {
		return s.err
	}
	name := s.tmp.Name()
	defer os.Remove(name)
	if s.err != nil {
		s.tmp.Close()
		return s.err
	}
	if err := s.tmp.Chmod(fix.OutputMode(s.path)); err != nil {
		s.tmp.Close()
		return err
	}
	if err := s.tmp.Sync(); err != nil {
		s.tmp.Close()
		return err
	}
	// Renamed while still open, and so locked: closed first, a sweep
	// could take it for a dead run's in between.
	if err := os.Rename(name, s.path); err != nil {
		s.tmp.Close()
		return err
	}
	if err := s.tmp.Close(); err != nil {
		return err
	}
	// Sync the directory so the rename itself survives a crash.
	if d, err := os.Open(filepath.Dir(s.path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
