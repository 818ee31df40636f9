package cli

import (
	"fmt"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"

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

// settings resolves the configuration of a command that takes no paths
// (config, serve); on failure it returns nil and the exit code.
func (a *app) settings(cmd *cobra.Command, args []string) (*engine.Engine, int) {
	if len(args) > 0 {
		fmt.Fprintf(a.stderr, "imrlint: %s takes no paths\n", cmd.Name())
		return nil, ExitTrouble
	}
	a.given(cmd)
	eng, _, err := resolve(&a.o)
	if err != nil {
		printRuleErrors(a.stderr, err)
		return nil, ExitTrouble
	}
	return eng, ExitOK
}

func (a *app) configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config [flags]",
		Short: "print the effective configuration (.imrlint.toml and flags)",
		Long: `Print the effective configuration: .imrlint.toml (found by walking up from the
working directory, or --config FILE) with the flags given applied.`,
		Example: "  imrlint config\n  imrlint config --fail-level warning --disable copied-rationale",
		RunE: func(cmd *cobra.Command, args []string) error {
			a.code = a.runConfig(cmd, args)
			return nil
		},
	}
	addConfigFlags(cmd.Flags(), &a.o)
	completeFlags(cmd)
	return cmd
}

// runConfig prints the effective configuration: the file found (or named),
// with the flags given applied.
func (a *app) runConfig(cmd *cobra.Command, args []string) int {
	stdout, stderr := a.stdout, a.stderr
	eng, code := a.settings(cmd, args)
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
