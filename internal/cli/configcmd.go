package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/BurntSushi/toml"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
)

// effective is the configuration as a run uses it, for `imrlint config`.
type effective struct {
	FailLevel  string            `toml:"fail_level"`
	Rules      []string          `toml:"rules_dirs"`
	Guidelines []string          `toml:"guideline_dirs"`
	Checks     map[string]string `toml:"checks"` // name -> severity, or "off"
	Include    []string          `toml:"include"`
	Exclude    []string          `toml:"exclude"`
	Templates  []string          `toml:"templates"`
	Syntaxes   []string          `toml:"placeholder_syntaxes"`
	Fields     []string          `toml:"placeholder_fields"`
}

// settingsNoPaths parses the flags of a command that takes no paths
// (config, serve) and resolves the settings; on failure or -h it returns
// nil and the exit code.
func settingsNoPaths(cmd string, fl *flag.FlagSet, o *checkOptions, args []string, stderr io.Writer) (*engine.Engine, int) {
	rest, err := parseInterleaved(fl, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, ExitOK
		}
		return nil, ExitTrouble
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "imrlint: %s takes no paths\n", cmd)
		return nil, ExitTrouble
	}
	o.set = map[string]bool{}
	fl.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	eng, _, err := resolve(o)
	if err != nil {
		printRuleErrors(stderr, err)
		return nil, ExitTrouble
	}
	return eng, ExitOK
}

// runConfig prints the effective configuration: the file found (or named),
// with the flags given applied.
func runConfig(args []string, stdout, stderr io.Writer) int {
	var o checkOptions
	fl := newCheckFlags(&o, stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: imrlint config [check flags]\n\nPrints the effective configuration: .imrlint.toml (found by walking up from the\nworking directory, or --config FILE) with the flags given applied.\n")
	}
	eng, code := settingsNoPaths("config", fl, &o, args, stderr)
	if eng == nil {
		return code
	}
	cfg := eng.Config
	e := effective{FailLevel: cfg.Fail().String(), Checks: map[string]string{}, Include: cfg.Files.Include, Exclude: cfg.Files.Exclude, Templates: cfg.Files.Templates, Fields: eng.Options.Fields}
	e.Rules, _ = cfg.RulesDirs()
	e.Guidelines, _ = cfg.GuidelineDirs()
	on := map[string]bool{}
	for _, c := range eng.Checks {
		on[c.Name] = true
	}
	for _, c := range check.All {
		if on[c.Name] {
			e.Checks[c.Name] = eng.SeverityOf(c).String()
		} else {
			e.Checks[c.Name] = "off"
		}
	}
	for _, sx := range eng.Options.Placeholders {
		e.Syntaxes = append(e.Syntaxes, sx.Name)
	}
	src := "no configuration file; built-in defaults"
	if cfg.Path != "" {
		src = "configuration file: " + cfg.Path
	}
	fmt.Fprintf(stdout, "# %s\n", src)
	if err := toml.NewEncoder(stdout).Encode(e); err != nil {
		fmt.Fprintf(stderr, "imrlint: %v\n", err)
		return ExitTrouble
	}
	return ExitOK
}
