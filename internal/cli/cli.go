// Package cli is imrlint's command line: it parses arguments, runs the
// engine over the inputs and prints a report. main only calls Main.
package cli

import (
	"flag"
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
	"github.com/imrlint/imrlint/internal/rules"
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "0.1.0-dev"

// Exit codes.
const (
	ExitOK       = 0 // nothing at or above the fail level
	ExitFindings = 1 // findings at or above the fail level
	ExitTrouble  = 2 // an input or rule file could not be read, or bad usage
)

const usage = `imrlint checks IMR determination letters for internal inconsistencies and for
decisions and citations that contradict the guidelines they cite.

Usage:
  imrlint check [flags] PATH...   check letters (.txt, .pdf, .docx files, directories, or - for stdin)
  imrlint explain ID              print what a check or guideline rule says, and why
  imrlint checks                  list the checks
  imrlint rules list|validate     list or validate the guideline rules and catalog
  imrlint config [flags]          print the effective configuration (.imrlint.toml and flags)
  imrlint serve [--addr A]        serve the review page on loopback (default 127.0.0.1:7777)
  imrlint version                 print the version

Run 'imrlint check -h' for the flags of check.
`

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
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitTrouble
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "config":
		return runConfig(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stderr)
	case "checks":
		for _, c := range check.All {
			fmt.Fprintf(stdout, "%-26s %-8s %s\n", c.Name, c.Severity, c.Summary)
		}
		return ExitOK
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "imrlint %s\n", Version)
		return ExitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "imrlint: unknown command %q\n\n%s", args[0], usage)
	return ExitTrouble
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "imrlint: usage: imrlint explain CHECK|RULE (see 'imrlint rules list')")
		return ExitTrouble
	}
	c := check.ByName(args[0])
	if c == nil {
		if set, err := rules.Default(); err == nil && explainRule(stdout, set, args[0]) {
			return ExitOK
		}
		var names []string
		for _, c := range check.All {
			names = append(names, c.Name)
		}
		fmt.Fprintf(stderr, "imrlint: no check or rule named %q; the checks are: %s (rules: imrlint rules list)\n", args[0], strings.Join(names, ", "))
		return ExitTrouble
	}
	fmt.Fprint(stdout, c.Explain())
	return ExitOK
}

// parseInterleaved lets flags follow paths, as users type them.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
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
