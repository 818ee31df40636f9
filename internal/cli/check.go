package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/baseline"
	"github.com/imrlint/imrlint/internal/config"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/fix"
	"github.com/imrlint/imrlint/internal/report"
	"github.com/imrlint/imrlint/internal/rules"
)

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

// runCheck checks the paths with the options of the command line.
func (a *app) runCheck(args []string) int {
	o := &a.o
	paths, format, code := validateCheck(o, args, a.stderr)
	if paths == nil {
		return code
	}
	if o.cpuProfile != "" || o.memProfile != "" {
		stop, err := startProfiles(o.cpuProfile, o.memProfile)
		if err != nil {
			fmt.Fprintf(a.stderr, "imrlint: %v\n", err)
			return ExitTrouble
		}
		defer func() {
			if err := stop(); err != nil {
				fmt.Fprintf(a.stderr, "imrlint: %v\n", err)
			}
		}()
	}
	c, code := newCheckRun(o, format, a.stdin, a.stdout, a.stderr)
	if c == nil {
		return code
	}
	return c.run(paths)
}

// validateCheck refuses a run without paths and flags that exclude each
// other; on failure it returns nil paths and the exit code.
func validateCheck(o *checkOptions, paths []string, stderr io.Writer) ([]string, report.Format, int) {
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "imrlint: no input: give letter files, directories or - for standard input")
		return nil, report.Format{}, ExitTrouble
	}
	format, ok := report.Lookup(o.format)
	if !ok {
		fmt.Fprintf(stderr, "imrlint: --format: unknown format %q (want %s)\n", o.format, strings.Join(formats, ", "))
		return nil, report.Format{}, ExitTrouble
	}
	if o.diff && o.applyFixes {
		fmt.Fprintln(stderr, "imrlint: --diff and --fix exclude each other: --diff shows the fixes, --fix applies them")
		return nil, report.Format{}, ExitTrouble
	}
	if o.baseline != "" && o.writeBaseline != "" {
		fmt.Fprintln(stderr, "imrlint: --baseline and --write-baseline exclude each other")
		return nil, report.Format{}, ExitTrouble
	}
	if o.maxWarnings < -1 {
		fmt.Fprintf(stderr, "imrlint: --max-warnings %d: give a number of warnings, or -1 for no limit\n", o.maxWarnings)
		return nil, report.Format{}, ExitTrouble
	}
	return paths, format, ExitOK
}

// configName names the configuration file read, for -v.
func configName(path string) string {
	if path == "" {
		return "none (built-in defaults)"
	}
	return path
}

// checkRun is one run of the check command, its settings resolved.
type checkRun struct {
	o              *checkOptions
	eng            *engine.Engine
	format         report.Format
	fail           finding.Severity
	color          bool
	stdout, stderr io.Writer
}

// newCheckRun resolves the run's settings (resolve) and its color; on
// failure it returns nil and the exit code.
func newCheckRun(o *checkOptions, format report.Format, stdin io.Reader, stdout, stderr io.Writer) (*checkRun, int) {
	eng, note, err := resolve(o)
	if err != nil {
		printRuleErrors(stderr, err)
		return nil, ExitTrouble
	}
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	if o.verbose {
		fmt.Fprintf(stderr, "imrlint: configuration: %s\n", configName(eng.Config.Path))
	}
	useColor, err := colorWanted(o.color, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "imrlint: --color: %v\n", err)
		return nil, ExitTrouble
	}
	if o.output != "" {
		useColor = o.color == "always"
	}
	eng.Stdin = stdin
	return &checkRun{o: o, eng: eng, format: format, fail: eng.Config.Fail(), color: useColor, stdout: stdout, stderr: stderr}, ExitOK
}

// run checks the files of paths and reports them. A run without baseline
// or fixes reports each file as its turn comes and keeps only what its
// format needs (the JSON formats: nothing of a letter once written), so
// that an archive of any size fits; the others keep every result (kept).
func (c *checkRun) run(paths []string) int {
	files := c.eng.Files(paths)
	o := c.o
	lean := o.baseline == "" && o.writeBaseline == "" && !o.diff && !o.applyFixes
	var out *reportOut
	if lean {
		var err error
		if out, err = c.newOut(); err != nil {
			fmt.Fprintf(c.stderr, "imrlint: %v\n", err)
			return ExitTrouble
		}
	}
	tty := isTerminal(c.stderr) && os.Getenv("CI") == ""
	results, st := c.batch(files, out, tty && !o.quiet && len(files) >= progressMin)
	if (tty && !o.quiet) || o.stats || o.verbose {
		// Printed at the end, so that it counts what the report shows
		// (after a baseline or fixes, st.recount).
		defer func() { fmt.Fprintln(c.stderr, st.line()) }()
	}
	if out != nil {
		return c.end(out, report.Extra{}, st.exit())
	}
	return c.kept(results, st)
}

// batch checks the files with the engine's workers. Severities and, for
// reports written as they come (out), each file's record are made in the
// workers; the emitter only counts and writes, or keeps the results.
func (c *checkRun) batch(files []string, out *reportOut, bar bool) ([]engine.Result, *runStats) {
	var results []engine.Result
	st := &runStats{}
	pb := newProgress(c.stderr, len(files), bar)
	st.start = time.Now()
	prepare := func(r engine.Result) engine.Result {
		if out != nil {
			r.Prepared = engine.ReportFile(r, c.eng.Rules, c.format.Fingerprints)
		}
		return r
	}
	c.eng.RunBatch(files, c.o.jobs, prepare, func(i int, r engine.Result) {
		st.add(r, c.fail)
		pb.Add(1)
		if out != nil {
			out.file(r.Prepared.(report.File))
		} else {
			results = append(results, r)
		}
	})
	pb.Finish()
	return results, st
}

// kept finishes a run that kept its results: --write-baseline, --fix,
// --diff, --baseline, then the report.
func (c *checkRun) kept(results []engine.Result, st *runStats) int {
	o := c.o
	if o.writeBaseline != "" {
		return c.writeBaseline(results)
	}
	trouble := false
	if o.applyFixes {
		trouble = c.applyFixes(results)
	}
	if o.diff {
		return c.diff(results)
	}
	var extra report.Extra
	if o.baseline != "" {
		b, err := baseline.Load(o.baseline)
		if err != nil {
			fmt.Fprintf(c.stderr, "imrlint: %v\n", err)
			return ExitTrouble
		}
		kept, res := b.Apply(o.baseline, inputs(results))
		for i := range results {
			results[i].Findings = kept[i]
		}
		extra.Baseline = &report.BaselineSummary{Suppressed: res.Suppressed, Stale: len(res.Stale)}
		st.baseline = extra.Baseline
	}
	// The summary line counts what the report shows: after the baseline
	// and the fixes, not as first checked.
	st.recount(results, c.fail)
	out, err := c.newOut()
	if err != nil {
		fmt.Fprintf(c.stderr, "imrlint: %v\n", err)
		return ExitTrouble
	}
	for _, r := range results {
		out.file(engine.ReportFile(r, c.eng.Rules, c.format.Fingerprints))
	}
	code := exitCode(results, c.fail)
	if trouble {
		code = ExitTrouble
	}
	return c.end(out, extra, code)
}

// writeBaseline records the results' findings in the --write-baseline file.
func (c *checkRun) writeBaseline(results []engine.Result) int {
	path := c.o.writeBaseline
	b := baseline.Build(path, inputs(results))
	if err := fix.WriteFile(path, b.Marshal(), 0); err != nil {
		fmt.Fprintf(c.stderr, "imrlint: %s: %v\n", path, err)
		return ExitTrouble
	}
	fmt.Fprintf(c.stderr, "imrlint: wrote %d findings to the baseline %s\n", len(b.Findings), path)
	return worst(results, ExitOK)
}

// diff prints every certain fix of the text files as a unified diff
// (engine.Diffs). A PDF's or DOCX's fixes are to its extracted text, a
// patch no tool can apply to the file: they are left out, and standard
// error names the file.
func (c *checkRun) diff(results []engine.Result) int {
	var text []engine.Result
	var t tally
	for _, r := range results {
		t.add(r.Findings)
		if r.Err == nil && r.Kind != "" && r.Kind != "text" && hasFix(r) {
			fmt.Fprintf(c.stderr, "imrlint: %s: not in the diff: its fixes are to the text extracted from the %s, which a patch cannot apply to; make them in the document (imrlint check lists them)\n", r.Path, strings.ToUpper(r.Kind))
			continue
		}
		text = append(text, r)
	}
	if err := writeOutput(c.o.output, c.stdout, engine.Diffs(text)); err != nil {
		fmt.Fprintf(c.stderr, "imrlint: %v\n", err)
		return ExitTrouble
	}
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(c.stderr, "imrlint: %s\n", r.Err)
		}
	}
	c.statistics(&t)
	return t.exit(worst(results, exitCode(results, c.fail)), c.o.maxWarnings, c.stderr)
}

// hasFix reports whether a result has a certain fix.
func hasFix(r engine.Result) bool {
	for _, f := range r.Findings {
		if f.Fix != nil {
			return true
		}
	}
	return false
}

// applyFixes writes the certain fixes of each text file and checks the
// file again (engine.FixAll); what --fix cannot write is reported, and
// the file is left as it was. It says whether a write failed.
func (c *checkRun) applyFixes(results []engine.Result) (trouble bool) {
	c.eng.FixAll(results, func(path string, n int, err error) {
		switch {
		case err != nil:
			fmt.Fprintf(c.stderr, "imrlint: %s: %v\n", path, err)
			trouble = trouble || !errors.Is(err, engine.ErrNotText)
		default:
			fmt.Fprintf(c.stderr, "imrlint: %s: applied %d fix(es)\n", path, n)
		}
	})
	return trouble
}

// newOut is the run's report writer.
func (c *checkRun) newOut() (*reportOut, error) {
	o := reportOptions(c.color)
	fail := c.fail
	o.FailLevel = &fail // JUnit fails a file for what fails the run, no less
	return newReportOut(c.o.output, c.stdout, c.stderr, c.format, o)
}

// end commits the report and returns code, or ExitTrouble when the report
// could not be written.
func (c *checkRun) end(out *reportOut, extra report.Extra, code int) int {
	if err := out.end(extra); err != nil {
		fmt.Fprintf(c.stderr, "imrlint: writing the report: %v\n", err)
		return ExitTrouble
	}
	c.statistics(&out.tally)
	return out.tally.exit(code, c.o.maxWarnings, c.stderr)
}

// statistics prints --statistics after the report: on standard output
// under a text report there, else on standard error, so that a JSON,
// SARIF or other report, or a diff, stays one document.
func (c *checkRun) statistics(t *tally) {
	if !c.o.statistics {
		return
	}
	w := c.stderr
	if c.o.output == "" && c.o.format == "text" && !c.o.diff {
		w = c.stdout
	}
	t.write(w)
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
	tally  tally
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
	r.tally.add(f.Findings)
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
	if err := fix.WriteFile(path, data, 0); err != nil {
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
