package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/baseline"
	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/config"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
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

// settings is everything a run needs, resolved.
type settings struct {
	cfg    *config.Config
	set    *rules.Set
	checks []*check.Check
	sev    map[string]finding.Severity
	fail   finding.Severity
	opts   check.Options
	// configNote says why configuration discovery stopped short, for
	// stderr.
	configNote string
}

// resolve reads the configuration and merges flags over it.
func resolve(o *checkOptions) (*settings, error) {
	cfg := &config.Config{}
	var note string
	if !o.noConfig {
		path := o.configPath
		if path == "" {
			r := config.Search(".")
			path = r.Path
			if r.Ignored != "" {
				note = fmt.Sprintf("imrlint: not reading %s: %s (name it with --config to read it)", r.Ignored, r.Why)
			}
		}
		if path != "" {
			c, err := config.Load(path)
			if err != nil {
				return nil, err
			}
			cfg = c
		}
	}
	s := &settings{cfg: cfg, sev: map[string]finding.Severity{}, configNote: note}

	// Flags override the file.
	if o.set["include"] {
		cfg.Files.Include = o.include
	}
	if o.set["exclude"] {
		cfg.Files.Exclude = o.exclude
	}
	if o.set["template"] {
		cfg.Files.Templates = o.templates
	}
	if o.set["enable"] {
		// Checks named on the command line run, whatever the file disables.
		cfg.Checks.Enable = o.enable
		var keep []string
		for _, d := range cfg.Checks.Disable {
			if !contains(o.enable, d) {
				keep = append(keep, d)
			}
		}
		cfg.Checks.Disable = keep
	}
	if o.set["disable"] {
		cfg.Checks.Disable = o.disable
	}
	level := "error"
	if cfg.FailLevel != "" {
		level = cfg.FailLevel
	}
	if o.set["fail-level"] {
		level = o.failLevel
	}
	fail, err := finding.ParseSeverity(level)
	if err != nil {
		return nil, fmt.Errorf("--fail-level: %v", err)
	}
	s.fail = fail
	cfg.FailLevel = fail.String()

	var rulesDirs, guideDirs []string
	rulesReplace, guideReplace := cfg.Rules.Replace, cfg.Guidelines.Replace
	for _, d := range cfg.Rules.Dirs {
		rulesDirs = append(rulesDirs, cfg.Resolve(d))
	}
	for _, d := range cfg.Guidelines.Dirs {
		guideDirs = append(guideDirs, cfg.Resolve(d))
	}
	if o.set["rules"] {
		rulesDirs, rulesReplace = o.rulesDirs, true
	}
	if o.set["guidelines"] {
		guideDirs, guideReplace = o.guideDirs, true
	}
	set, err := loadData(rulesDirs, rulesReplace, guideDirs, guideReplace)
	if err != nil {
		return nil, err
	}
	if len(cfg.Boilerplate.Paragraph) > 0 {
		var ps []rules.Boilerplate
		for _, p := range cfg.Boilerplate.Paragraph {
			src := p.Source
			if src == "" {
				src = cfg.Path
			}
			ps = append(ps, rules.Boilerplate{ID: p.ID, Section: p.Section, Text: p.Text, Match: p.Match, Source: src, File: cfg.Path, Line: cfg.Line(p.ID)})
		}
		if err := set.AddBoilerplate(ps); err != nil {
			return nil, err
		}
	}
	s.set = set

	// Checks and severities.
	for _, n := range append(append([]string{}, cfg.Checks.Enable...), cfg.Checks.Disable...) {
		if check.ByName(n) == nil {
			return nil, fmt.Errorf("unknown check %q (see imrlint checks)", n)
		}
	}
	enabled := map[string]bool{}
	for _, n := range cfg.Checks.Enable {
		enabled[n] = true
	}
	disabled := map[string]bool{}
	for _, n := range cfg.Checks.Disable {
		disabled[n] = true
	}
	for _, c := range check.All {
		if (len(enabled) > 0 && !enabled[c.Name]) || disabled[c.Name] {
			continue
		}
		s.checks = append(s.checks, c)
	}
	for n, v := range cfg.Checks.Severity {
		if check.ByName(n) == nil {
			return nil, fmt.Errorf("%s: checks.severity: unknown check %q", cfg.Path, n)
		}
		s.sev[n], _ = finding.ParseSeverity(v)
	}
	opts, err := placeholderOptions(cfg)
	if err != nil {
		return nil, err
	}
	s.opts = opts
	return s, nil
}

// loadData loads rules and catalog: from the given directories laid over
// the built-in data, or instead of it when replace is set.
func loadData(rulesDirs []string, rulesReplace bool, guideDirs []string, guideReplace bool) (*rules.Set, error) {
	rfs, err := layered(rulesDirs, rulesReplace, rules.DefaultRulesFS, "--rules")
	if err != nil {
		return nil, err
	}
	gfs, err := layered(guideDirs, guideReplace, rules.DefaultCatalogFS, "--guidelines")
	if err != nil {
		return nil, err
	}
	return rules.Load(rfs, gfs)
}

func layered(dirs []string, replace bool, builtin fs.FS, flag string) (fs.FS, error) {
	if len(dirs) == 0 {
		return builtin, nil
	}
	var layers []fs.FS
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("%s %s: not a directory", flag, d)
		}
		layers = append(layers, os.DirFS(d))
	}
	if !replace {
		layers = append(layers, builtin)
	}
	if len(layers) == 1 {
		return dirFS{layers[0], dirs[0]}, nil
	}
	return config.Overlay{Layers: layers, Label: strings.Join(dirs, "+")}, nil
}

// loadSet is loadData for single directories replacing the built-in ones.
func loadSet(rulesDir, guideDir string) (*rules.Set, error) {
	var r, g []string
	if rulesDir != "" {
		r = []string{rulesDir}
	}
	if guideDir != "" {
		g = []string{guideDir}
	}
	return loadData(r, true, g, true)
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
	s, err := resolve(&o)
	if err != nil {
		printRuleErrors(stderr, err)
		return ExitTrouble
	}
	if s.configNote != "" {
		fmt.Fprintln(stderr, s.configNote)
	}

	useColor, err := colorWanted(o.color, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "imrlint: --color: %v\n", err)
		return ExitTrouble
	}
	if o.output != "" {
		useColor = o.color == "always"
	}

	eng := &engine.Engine{Rules: s.set, Checks: s.checks, MaxSize: o.maxSize, Stdin: stdin, Options: s.opts, IsTemplate: s.cfg.IsTemplate, Severity: s.sev}
	var keep func(string) bool
	if len(s.cfg.Files.Include)+len(s.cfg.Files.Exclude) > 0 {
		keep = s.cfg.Selected
	}
	files := engine.Expand(paths, keep)
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
		if out, err = newReportOut(o.output, stdout, stderr, format, s.reportOptions(useColor)); err != nil {
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
			r.Prepared = engine.ReportFile(r, s.set, format.Fingerprints)
		}
		return r
	}
	eng.RunBatch(files, o.jobs, prepare, func(i int, r engine.Result) {
		st.add(r, s.fail)
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
		results, trouble = applyFixes(eng, s, results, stderr)
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
		return worst(results, exitCode(results, s.fail))
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

	if out, err = newReportOut(o.output, stdout, stderr, format, s.reportOptions(useColor)); err != nil {
		fmt.Fprintf(stderr, "imrlint: %v\n", err)
		return ExitTrouble
	}
	for _, r := range results {
		out.file(engine.ReportFile(r, s.set, format.Fingerprints))
	}
	if err := out.end(extra); err != nil {
		fmt.Fprintf(stderr, "imrlint: writing the report: %v\n", err)
		return ExitTrouble
	}
	if trouble {
		return ExitTrouble
	}
	return exitCode(results, s.fail)
}

// reportOptions are what the formats need of the run.
func (s *settings) reportOptions(color bool) report.Options {
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
func applyFixes(eng *engine.Engine, s *settings, rs []engine.Result, stderr io.Writer) ([]engine.Result, bool) {
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

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
