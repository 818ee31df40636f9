package engine

import (
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/config"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/placeholder"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/source"
)

// This file is the run policy: what a configuration (the file's settings
// with the command line's over them, config.Config.Apply) asks the engine
// to check with. The command line and the review server both build their
// engine here.

// New builds the engine of a configuration: the rules and catalog (the
// built-in ones, or directories laid over or replacing them), the
// configuration's approved boilerplate, the checks enabled, per-check
// severities and the placeholder options. Problems are errors naming the
// file, as rules.Load's are.
func New(cfg *config.Config) (*Engine, error) {
	rd, rr := cfg.RulesDirs()
	gd, gr := cfg.GuidelineDirs()
	set, err := LoadRules(rd, rr, gd, gr)
	if err != nil {
		return nil, err
	}
	if err := addBoilerplate(set, cfg); err != nil {
		return nil, err
	}
	checks, err := selectChecks(cfg)
	if err != nil {
		return nil, err
	}
	sev, err := severities(cfg)
	if err != nil {
		return nil, err
	}
	for _, x := range cfg.Exclude {
		if x.Check != "" && check.ByName(x.Check) == nil {
			return nil, fmt.Errorf("%s: exclude: unknown check %q (see imrlint checks)", cfg.Path, x.Check)
		}
	}
	opts, err := placeholderOptions(cfg)
	if err != nil {
		return nil, err
	}
	return &Engine{Rules: set, Checks: checks, Options: opts, IsTemplate: cfg.IsTemplate, Severity: sev, Config: cfg}, nil
}

// Files turns the command line's paths into the files to check (Expand),
// keeping those the configuration's include and exclude globs select.
func (e *Engine) Files(paths []string) []string {
	var keep func(string) bool
	if c := e.Config; c != nil && len(c.Files.Include)+len(c.Files.Exclude) > 0 {
		keep = c.Selected
	}
	return Expand(paths, keep)
}

// SeverityOf is the severity a check's findings have in this engine: the
// configured one, or the check's default.
func (e *Engine) SeverityOf(c *check.Check) finding.Severity {
	if v, ok := e.Severity[c.Name]; ok {
		return v
	}
	return c.Severity
}

func addBoilerplate(set *rules.Set, cfg *config.Config) error {
	if len(cfg.Boilerplate.Paragraph) == 0 {
		return nil
	}
	var ps []rules.Boilerplate
	for _, p := range cfg.Boilerplate.Paragraph {
		src := p.Source
		if src == "" {
			src = cfg.Path
		}
		ps = append(ps, rules.Boilerplate{ID: p.ID, Section: p.Section, Text: p.Text, Match: p.Match, Source: src, File: cfg.Path, Line: cfg.Line(p.ID)})
	}
	return set.AddBoilerplate(ps)
}

// selectChecks is every check, in order, that the configuration enables
// (all when it names none) and does not disable.
func selectChecks(cfg *config.Config) ([]*check.Check, error) {
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
	var checks []*check.Check
	for _, c := range check.All {
		if (len(enabled) > 0 && !enabled[c.Name]) || disabled[c.Name] {
			continue
		}
		checks = append(checks, c)
	}
	return checks, nil
}

// severities are the configuration's checks.severity, read.
func severities(cfg *config.Config) (map[string]finding.Severity, error) {
	sev := map[string]finding.Severity{}
	for n, v := range cfg.Checks.Severity {
		if check.ByName(n) == nil {
			return nil, fmt.Errorf("%s: checks.severity: unknown check %q", cfg.Path, n)
		}
		sev[n], _ = finding.ParseSeverity(v)
	}
	return sev, nil
}

// placeholderOptions builds the checks' template options from the
// configuration: the placeholder syntaxes (all built-in ones by default)
// and the known fields.
func placeholderOptions(cfg *config.Config) (check.Options, error) {
	ss, err := placeholder.Compile(cfg.Placeholders.Syntaxes, cfg.Placeholders.Custom)
	if err != nil {
		where := "placeholders"
		if cfg.Path != "" {
			where = cfg.Path + ": placeholders"
		}
		return check.Options{}, fmt.Errorf("%s: %v", where, err)
	}
	opts := check.Options{Fields: cfg.Placeholders.Fields}
	for i := range ss {
		opts.Placeholders = append(opts.Placeholders, &ss[i])
	}
	return opts, nil
}

// LoadRules loads rules and catalog: from the given directories laid over
// the built-in data, or instead of it when replace is set.
func LoadRules(rulesDirs []string, rulesReplace bool, guideDirs []string, guideReplace bool) (*rules.Set, error) {
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
		layers = append(layers, source.DirFS(d, source.MaxDataFileSize))
	}
	if !replace {
		layers = append(layers, builtin)
	}
	if len(layers) == 1 {
		return dirFS{layers[0], dirs[0]}, nil
	}
	return config.Overlay{Layers: layers, Label: strings.Join(dirs, "+")}, nil
}

// dirFS remembers the directory a file system was opened on, for messages.
type dirFS struct {
	fs.FS
	dir string
}

// Dir is the directory, as the user named it.
func (d dirFS) Dir() string { return d.dir }
