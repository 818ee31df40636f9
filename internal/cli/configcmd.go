package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/imrlint/imrlint/internal/engine"
)

// settings resolves the configuration of a command that takes no paths
// (config, serve); on failure it returns nil and the exit code.
func (a *app) settings(cmd *cobra.Command, args []string) (*engine.Engine, int) {
	if len(args) > 0 {
		fmt.Fprintf(a.stderr, "imrlint: %s takes no paths\n", cmd.Name())
		return nil, ExitTrouble
	}
	a.given(cmd)
	eng, note, err := resolve(&a.o)
	if err != nil {
		printRuleErrors(a.stderr, err)
		return nil, ExitTrouble
	}
	if note != "" {
		// A configuration discovery passed over (one in a directory
		// others may write) is said here as check says it: config would
		// print "no configuration file" and serve would run without it,
		// silently.
		fmt.Fprintln(a.stderr, note)
	}
	return eng, ExitOK
}

func (a *app) configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config [flags]",
		Short: "print the effective configuration (.imrlint.toml and flags)",
		Long: `Print the effective configuration: .imrlint.toml (found by walking up from the
working directory, or --config FILE) with the flags given applied, as a valid
.imrlint.toml: saved and named with --config, it runs imrlint as this run would.`,
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
	if err := writeEffective(stdout, eng); err != nil {
		fmt.Fprintf(stderr, "imrlint: %v\n", err)
		return ExitTrouble
	}
	return ExitOK
}
