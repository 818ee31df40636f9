package cli

import (
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/report"
)

// listFlag is a flag that may be given many times, or as a comma list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Type() string   { return "list" }
func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// checkOptions are the check command's settings: the configuration file's,
// overridden by flags.
type checkOptions struct {
	format, output, color       string
	failLevel                   string
	configPath                  string
	noConfig                    bool
	rulesDirs, guideDirs        listFlag
	include, exclude, templates listFlag
	enable, disable             listFlag
	baseline, writeBaseline     string
	diff, applyFixes            bool
	maxSize                     int64
	jobs                        int
	quiet, verbose, stats       bool
	statistics                  bool
	maxWarnings                 int
	cpuProfile, memProfile      string
	set                         map[string]bool // flags given
}

// formats are the --format values (report.Formats).
var formats = report.Names()

// addConfigFlags adds the flags that shape a run's configuration: every
// command that builds an engine from .imrlint.toml (check, config, serve)
// takes them, with the same names and meaning.
func addConfigFlags(fs *pflag.FlagSet, o *checkOptions) {
	fs.StringVar(&o.configPath, "config", "", "read the configuration from `FILE` (default: .imrlint.toml in this or a parent directory)")
	fs.BoolVar(&o.noConfig, "no-config", false, "read no configuration file")
	fs.Var(&o.rulesDirs, "rules", "read rules and vocabularies from `DIR` instead of the built-in ones (repeatable)")
	fs.Var(&o.guideDirs, "guidelines", "read the guideline catalog from `DIR` instead of the built-in one (repeatable)")
	fs.StringVar(&o.failLevel, "fail-level", "error", "exit 1 when a finding of at least this `severity`: error, warning or info")
	fs.Int64Var(&o.maxSize, "max-file-size", engine.DefaultMaxSize, "refuse input files larger than `BYTES`")
	fs.Var(&o.include, "include", "check only files matching `GLOB` when walking directories (repeatable)")
	fs.Var(&o.exclude, "exclude", "skip files matching `GLOB` when walking directories (repeatable)")
	fs.Var(&o.templates, "template", "treat files matching `GLOB` as letter templates (repeatable)")
	fs.Var(&o.enable, "enable", "run only these `CHECKS` (repeatable, or comma-separated)")
	fs.Var(&o.disable, "disable", "do not run these `CHECKS` (repeatable, or comma-separated)")
}

// addCheckFlags adds the flags only check has: output, baselines, fixes,
// workers, profiles and the run summary.
func addCheckFlags(fs *pflag.FlagSet, o *checkOptions) {
	fs.StringVar(&o.format, "format", "text", "output `format`: "+strings.Join(formats, ", "))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` (atomically) instead of standard output")
	fs.StringVar(&o.color, "color", "auto", "color text output: `auto`, always or never (NO_COLOR is honoured)")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in the baseline `FILE`")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record today's findings in the baseline `FILE` and exit")
	fs.BoolVar(&o.diff, "diff", false, "print every certain fix as a unified diff instead of the report; change no file")
	fs.BoolVar(&o.applyFixes, "fix", false, "apply every certain fix to the files in place, then report what is left")
	fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "check `N` files at a time; the output is the same for any N")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the run to `FILE` (function names and timings only, no letter text)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write a Go heap profile at the end of the run to `FILE` (allocation sites only, no letter text)")
	fs.BoolVar(&o.stats, "stats", false, "print the run summary (files, findings, unreadable, time, letters/s) on standard error even when it is not a terminal")
	fs.BoolVar(&o.statistics, "statistics", false, "after the report, print the number of findings of each check")
	fs.IntVar(&o.maxWarnings, "max-warnings", -1, "exit 1 when more than `N` warnings are reported (-1: no limit)")
	// -o was a flag of Go's flag package, so --o FILE worked too: it
	// still does, as another spelling of --output.
	fs.SetNormalizeFunc(func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "o" {
			name = "output"
		}
		return pflag.NormalizedName(name)
	})
}

// addRootFlags adds the flags every command takes.
func addRootFlags(fs *pflag.FlagSet, o *checkOptions) {
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar, no run summary and no request log on standard error")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "say on standard error which configuration file is read, and print the run summary")
}

// completeFlags registers the shell completions of the flags' values.
func completeFlags(cmd *cobra.Command) {
	words := func(ws ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return ws, cobra.ShellCompDirectiveNoFileComp
		}
	}
	reg := func(name string, f func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)) {
		if cmd.Flags().Lookup(name) != nil {
			_ = cmd.RegisterFlagCompletionFunc(name, f)
		}
	}
	reg("format", words(formats...))
	reg("color", words("auto", "always", "never"))
	reg("fail-level", words("error", "warning", "info"))
	reg("enable", words(checkNames()...))
	reg("disable", words(checkNames()...))
	dirs := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	reg("rules", dirs)
	reg("guidelines", dirs)
	reg("config", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"toml"}, cobra.ShellCompDirectiveFilterFileExt
	})
}
