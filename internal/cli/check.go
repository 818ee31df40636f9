package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/baseline"
	"github.com/imrlint/imrlint/internal/config"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/fix"
	"github.com/imrlint/imrlint/internal/report"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/source"
)

// listFlag is a flag that may be given many times, or as a comma list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
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
	quiet, stats                bool
	cpuProfile, memProfile      string
	set                         map[string]bool // flags given
}

// formats are the --format values (report.Formats).
var formats = report.Names()

func newCheckFlags(o *checkOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.format, "format", "text", "output `format`: "+strings.Join(formats, ", "))
	fs.StringVar(&o.output, "o", "", "write the report to `FILE` (atomically) instead of standard output")
	fs.StringVar(&o.configPath, "config", "", "read the configuration from `FILE` (default: .imrlint.toml in this or a parent directory)")
	fs.BoolVar(&o.noConfig, "no-config", false, "read no configuration file")
	fs.Var(&o.rulesDirs, "rules", "read rules and vocabularies from `DIR` instead of the built-in ones (repeatable)")
	fs.Var(&o.guideDirs, "guidelines", "read the guideline catalog from `DIR` instead of the built-in one (repeatable)")
	fs.StringVar(&o.failLevel, "fail-level", "error", "exit 1 when a finding of at least this `severity`: error, warning or info")
	fs.StringVar(&o.color, "color", "auto", "color text output: auto, always or never (NO_COLOR is honoured)")
	fs.Int64Var(&o.maxSize, "max-file-size", source.DefaultMaxSize, "refuse input files larger than `BYTES`")
	fs.Var(&o.include, "include", "check only files matching `GLOB` when walking directories (repeatable)")
	fs.Var(&o.exclude, "exclude", "skip files matching `GLOB` when walking directories (repeatable)")
	fs.Var(&o.templates, "template", "treat files matching `GLOB` as letter templates (repeatable)")
	fs.Var(&o.enable, "enable", "run only these `CHECKS` (repeatable, or comma-separated)")
	fs.Var(&o.disable, "disable", "do not run these `CHECKS` (repeatable, or comma-separated)")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in the baseline `FILE`")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record today's findings in the baseline `FILE` and exit")
	fs.BoolVar(&o.diff, "diff", false, "print every certain fix as a unified diff instead of the report; change no file")
	fs.BoolVar(&o.applyFixes, "fix", false, "apply every certain fix to the files in place, then report what is left")
	fs.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "check `N` files at a time; the output is the same for any N")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar and no run summary on standard error")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the run to `FILE` (function names and timings only, no letter text)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write a Go heap profile at the end of the run to `FILE` (allocation sites only, no letter text)")
	fs.BoolVar(&o.stats, "stats", false, "print the run summary (files, findings, unreadable, time, letters/s) on standard error even when it is not a terminal")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: imrlint check [flags] PATH...\n\nA PATH is a letter file (.txt, .pdf, .docx), a directory (walked for those) or - for standard input.\n%s\nFlags:\n", exitHelp)
		fs.PrintDefaults()
	}
	return fs
}

const exitHelp = `Exit status: 0 no finding at or above --fail-level; 1 findings at or above it
(with --fix: left after fixing; with --diff: likewise, the diff aside); 2 an input,
rule, configuration or baseline file could not be read, a fix could not be written,
or the command line was wrong. --write-baseline exits 0 once written.
`

// flags are the flags of the configuration, for config.Config.Apply.
func (o *checkOptions) flags() config.Flags {
	return config.Flags{Include: o.include, Exclude: o.exclude, Templates: o.templates,
		Enable: o.enable, Disable: o.disable, FailLevel: o.failLevel,
		Rules: o.rulesDirs, Guidelines: o.guideDirs, Given: o.set}
}

// resolve reads the configuration, lays the flags over it and builds the
// engine of the run (engine.New); note says why configuration discovery
// stopped short, for standard error.
func resolve(o *checkOptions) (eng *engine.Engine, note string, err error) {
	cfg, note, err := config.Open(o.configPath, o.noConfig)
	if err != nil {
		return nil, "", err
	}
	if note != "" {
		note = "imrlint: " + note
	}
	if err := cfg.Apply(o.flags()); err != nil {
		return nil, "", err
	}
	eng, err = engine.New(cfg)
	if err != nil {
		return nil, "", err
	}
	eng.MaxSize = o.maxSize
	return eng, note, nil
}

// loadSet loads rules and catalog from single directories replacing the
// built-in ones (engine.LoadRules).
func loadSet(rulesDir, guideDir string) (*rules.Set, error) {
	var r, g []string
	if rulesDir != "" {
		r = []string{rulesDir}
	}
	if guideDir != "" {
		g = []string{guideDir}
	}
	return engine.LoadRules(r, true, g, true)
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o checkOptions
	fl := newCheckFlags(&o, stderr)
	paths, err := parseInterleaved(fl, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitTrouble
	}
	o.set = map[string]bool{}
	fl.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "imrlint: no input: give letter files, directories or - for standard input")
		return ExitTrouble
	}
	format, ok := report.Lookup(o.format)
	if !ok {
		fmt.Fprintf(stderr, "imrlint: --format: unknown format %q (want %s)\n", o.format, strings.Join(formats, ", "))
		return ExitTrouble
	}
	if o.diff && o.applyFixes {
		fmt.Fprintln(stderr, "imrlint: --diff and --fix exclude each other: --diff shows the fixes, --fix applies them")
		return ExitTrouble
	}
	if o.baseline != "" && o.writeBaseline != "" {
		fmt.Fprintln(stderr, "imrlint: --baseline and --write-baseline exclude each other")
		return ExitTrouble
	}
	if o.cpuProfile != "" || o.memProfile != "" {
		stop, err := startProfiles(o.cpuProfile, o.memProfile)
		if err != nil {
			fmt.Fprintf(stderr, "imrlint: %v\n", err)
			return ExitTrouble
		}
		defer func() {
			if err := stop(); err != nil {
				fmt.Fprintf(stderr, "imrlint: %v\n", err)
			}
		}()
	}
	eng, note, err := resolve(&o)
	if err != nil {
		printRuleErrors(stderr, err)
		return ExitTrouble
	}
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	fail := eng.Config.Fail()

	useColor, err := colorWanted(o.color, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "imrlint: --color: %v\n", err)
		return ExitTrouble
	}
	if o.output != "" {
		useColor = o.color == "always"
	}

	eng.Stdin = stdin
	files := eng.Files(paths)
	// A run without baseline or fixes reports each file as its turn comes
	// and keeps only what its format needs (the JSON formats: nothing of
	// a letter once written), so that an archive of any size fits.
	lean := o.baseline == "" && o.writeBaseline == "" && !o.diff && !o.applyFixes
	var (
		results []engine.Result
		st      runStats
		out     *reportOut
	)
	if lean {
		if out, err = newReportOut(o.output, stdout, stderr, format, reportOptions(useColor)); err != nil {
			fmt.Fprintf(stderr, "imrlint: %v\n", err)
			return ExitTrouble
		}
	}
	tty := isTerminal(stderr) && os.Getenv("CI") == ""
	bar := newProgress(stderr, len(files), tty && !o.quiet && len(files) >= progressMin)
	st.start = time.Now()
	// Severities and, for reports written as they come, each file's
	// record are made in the workers; the emitter only counts and writes.
	prepare := func(r engine.Result) engine.Result {
		if lean {
			r.Prepared = engine.ReportFile(r, eng.Rules, format.Fingerprints)
		}
		return r
	}
	eng.RunBatch(files, o.jobs, prepare, func(i int, r engine.Result) {
		st.add(r, fail)
		bar.Add(1)
		if out != nil {
			out.file(r.Prepared.(report.File))
		} else {
			results = append(results, r)
		}
	})
	bar.Finish()
	if (tty && !o.quiet) || o.stats {
		defer fmt.Fprintln(stderr, st.line())
	}
	if out != nil {
		if err := out.end(report.Extra{}); err != nil {
			fmt.Fprintf(stderr, "imrlint: writing the report: %v\n", err)
			return ExitTrouble
		}
		return st.exit()
	}

	if o.writeBaseline != "" {
		b := baseline.Build(o.writeBaseline, inputs(results))
		if err := fix.WriteFile(o.writeBaseline, b.Marshal(), 0o644); err != nil {
			fmt.Fprintf(stderr, "imrlint: %s: %v\n", o.writeBaseline, err)
			return ExitTrouble
		}
		fmt.Fprintf(stderr, "imrlint: wrote %d findings to the baseline %s\n", len(b.Findings), o.writeBaseline)
		return worst(results, ExitOK)
	}

	trouble := false
	if o.applyFixes {
		results, trouble = applyFixes(eng, results, stderr)
	}
	if o.diff {
		var out bytes.Buffer
		for _, r := range results {
			if r.Err != nil || r.Path == "-" {
				continue
			}
			fixes := fix.Collect(r.Findings)
			out.WriteString(fix.Diff(r.Path, r.Src, fix.Apply(r.Src, fixes)))
		}
		if err := writeOutput(o.output, stdout, out.Bytes()); err != nil {
			fmt.Fprintf(stderr, "imrlint: %v\n", err)
			return ExitTrouble
		}
		for _, r := range results {
			if r.Err != nil {
				fmt.Fprintf(stderr, "imrlint: %s\n", r.Err)
			}
		}
		return worst(results, exitCode(results, fail))
	}

	var extra report.Extra
	if o.baseline != "" {
		b, err := baseline.Load(o.baseline)
		if err != nil {
			fmt.Fprintf(stderr, "imrlint: %v\n", err)
			return ExitTrouble
		}
		kept, res := b.Apply(o.baseline, inputs(results))
		for i := range results {
			results[i].Findings = kept[i]
		}
		extra.Baseline = &report.BaselineSummary{Suppressed: res.Suppressed, Stale: len(res.Stale)}
	}

	if out, err = newReportOut(o.output, stdout, stderr, format, reportOptions(useColor)); err != nil {
		fmt.Fprintf(stderr, "imrlint: %v\n", err)
		return ExitTrouble
	}
	for _, r := range results {
		out.file(engine.ReportFile(r, eng.Rules, format.Fingerprints))
	}
	if err := out.end(extra); err != nil {
		fmt.Fprintf(stderr, "imrlint: writing the report: %v\n", err)
		return ExitTrouble
	}
	if trouble {
		return ExitTrouble
	}
	return exitCode(results, fail)
}

// reportOptions are what the formats need of the run.
func reportOptions(color bool) report.Options {
	return report.Options{Version: Version, Checks: engine.Registry(), Color: color}
}

// reportOut writes a report in one format to standard output or the -o
// file (atomically), file by file, and tells standard error of each file
// that could not be read.
type reportOut struct {
	sink   *outputSink
	w      report.Writer
	stderr io.Writer
	sum    report.Summary
}

func newReportOut(path string, stdout, stderr io.Writer, f report.Format, o report.Options) (*reportOut, error) {
	sink, err := newSink(path, stdout)
	if err != nil {
		return nil, err
	}
	return &reportOut{sink: sink, w: f.New(sink, o), stderr: stderr}, nil
}

func (r *reportOut) file(f report.File) {
	r.sum.Add(f)
	if err := r.w.File(f); err != nil && r.sink.err == nil {
		r.sink.err = err
	}
	if f.Err != nil {
		fmt.Fprintf(r.stderr, "imrlint: %s\n", f.Err)
	}
}

// end writes the summary and commits the output.
func (r *reportOut) end(extra report.Extra) error {
	r.sum.Baseline = extra.Baseline
	if err := r.w.End(r.sum); err != nil && r.sink.err == nil {
		r.sink.err = err
	}
	return r.sink.commit()
}

// worst is ExitTrouble when any input was unreadable, else code.
func worst(rs []engine.Result, code int) int {
	for _, r := range rs {
		if r.Err != nil {
			return ExitTrouble
		}
	}
	return code
}

// writeOutput writes the report to the -o file atomically, or to stdout.
func writeOutput(path string, stdout io.Writer, data []byte) error {
	if path == "" {
		_, err := stdout.Write(data)
		return err
	}
	if err := fix.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("-o %s: %v", path, err)
	}
	return nil
}

func inputs(rs []engine.Result) []baseline.Input {
	var in []baseline.Input
	for _, r := range rs {
		if r.Err != nil {
			continue
		}
		in = append(in, baseline.Input{Path: r.Path, Src: r.Src, Letter: r.Letter, Findings: r.Findings})
	}
	return in
}

// applyFixes writes the certain fixes of each text file and checks the
// file again; what --fix cannot write is reported, and the file is left
// as it was.
func applyFixes(eng *engine.Engine, rs []engine.Result, stderr io.Writer) ([]engine.Result, bool) {
	trouble := false
	for i, r := range rs {
		if r.Err != nil || r.Path == "-" {
			continue
		}
		fixes := fix.Collect(r.Findings)
		if len(fixes) == 0 {
			continue
		}
		if !isText(r.Path) {
			fmt.Fprintf(stderr, "imrlint: %s: not a text file; fixes are never written to it\n", r.Path)
			continue
		}
		next := fix.Apply(r.Src, fixes)
		if err := fix.Write(r.Path, r.Src, next); err != nil {
			fmt.Fprintf(stderr, "imrlint: %s: %v\n", r.Path, err)
			trouble = true
			continue
		}
		fmt.Fprintf(stderr, "imrlint: %s: applied %d fix(es)\n", r.Path, len(fixes))
		rs[i] = eng.CheckBytes(r.Path, next)
	}
	return rs, trouble
}

// isText: fixes are written only to plain-text letters, never to PDF or
// Word files.
func isText(path string) bool {
	l := strings.ToLower(path)
	return !strings.HasSuffix(l, ".pdf") && !strings.HasSuffix(l, ".docx") && !strings.HasSuffix(l, ".doc")
}
