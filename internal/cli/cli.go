// Package cli is imrlint's command line: it parses arguments, runs the
// engine over the inputs and prints a report. main only calls Main.
package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "0.1.0-dev"

// Exit codes.
const (
	ExitOK       = 0 // nothing at or above the fail level
	ExitFindings = 1 // findings at or above the fail level
	ExitTrouble  = 2 // an input or rule file could not be read, or bad usage
)

// gcPercent is the garbage collector's target. A letter allocates about
// 250 KB and keeps almost nothing, so with Go's default of 100 the
// collector ran every few letters and took half of a batch's time;
// at 400 a 100,000-letter run is about twice as fast and peaks near 45 MB.
// GOGC in the environment still wins.
const gcPercent = 400

// Main runs imrlint and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	return a.run(args)
}

func exitCode(rs []engine.Result, fail finding.Severity) int {
	code := ExitOK
	for _, r := range rs {
		if r.Err != nil {
			return ExitTrouble
		}
		for _, f := range r.Findings {
			if f.Severity >= fail {
				code = ExitFindings
			}
		}
	}
	return code
}

// colorWanted decides on color: "auto" colors a terminal unless NO_COLOR
// is set (https://no-color.org), as fatih/color does for os.Stdout.
func colorWanted(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if _, ok := os.LookupEnv("NO_COLOR"); ok {
			return false, nil
		}
		if os.Getenv("TERM") == "dumb" {
			return false, nil
		}
		f, ok := w.(*os.File)
		return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())), nil
	}
	return false, fmt.Errorf("unknown mode %q (want auto, always or never)", mode)
}

// printRuleErrors prints each rule problem on its own line.
func printRuleErrors(w io.Writer, err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(w, "imrlint: %s\n", line)
	}
}

// checkNames is used by tests to keep the documented list true.
func checkNames() []string {
	var n []string
	for _, c := range check.All {
		n = append(n, c.Name)
	}
	sort.Strings(n)
	return n
}
