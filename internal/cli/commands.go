package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/rules"
)

// The commands that check, explain and list. Each sets a.code; a usage
// error found by cobra (unknown flag, bad value) is returned instead.

// given records the flags given on the command line, for config.Flags:
// only those override the configuration file.
func (a *app) given(cmd *cobra.Command) {
	a.o.set = map[string]bool{}
	cmd.Flags().Visit(func(f *pflag.Flag) { a.o.set[f.Name] = true })
}

const checkLong = `Check letters: .txt, .pdf and .docx files, directories (walked for those, in
name order) or - for standard input. Flags may come before or after the paths.

Text output is path:line:col: severity[check] message, then the source lines
with carets under the primary span and dashes under each related span.

` + exitHelp

const checkExample = `  imrlint check letters/
  imrlint check --format sarif -o imrlint.sarif letters/
  imrlint check --fail-level warning --max-warnings 10 templates/
  imrlint check --write-baseline imrlint-baseline.json templates/
  imrlint check --baseline imrlint-baseline.json templates/
  imrlint check --diff letter.txt | git apply
  imrlint check --fix letter.txt`

func (a *app) checkCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "check [flags] PATH...",
		Short:   "check letters (.txt, .pdf, .docx files, directories, or - for stdin)",
		Long:    checkLong,
		Example: checkExample,
		Args:    cobra.ArbitraryArgs,
		// Paths complete to letters and directories.
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"txt", "pdf", "docx"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			a.given(cmd)
			a.code = a.runCheck(args)
			return nil
		},
	}
	addCheckFlags(cmd.Flags(), &a.o)
	addConfigFlags(cmd.Flags(), &a.o)
	cmd.Flags().SortFlags = false
	completeFlags(cmd)
	return cmd
}

func (a *app) explainCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "explain CHECK|RULE",
		Short: "print what a check or guideline rule says, and why",
		Long: `Print the documentation of a check (what triggers it, what does not, and why)
or the facts of a guideline rule (its limits, its source, where it is defined).
The names are those of 'imrlint checks' and 'imrlint rules list'.`,
		Example: "  imrlint explain quantity-mismatch\n  imrlint explain cpmtg-massage-visits",
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return checkNames(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			a.code = runExplain(args, a)
			return nil
		},
	}
}

func runExplain(args []string, a *app) int {
	if len(args) != 1 {
		fmt.Fprintln(a.stderr, "imrlint: usage: imrlint explain CHECK|RULE (see 'imrlint rules list')")
		return ExitTrouble
	}
	c := check.ByName(args[0])
	if c == nil {
		if set, err := rules.Default(); err == nil && explainRule(a.stdout, set, args[0]) {
			return ExitOK
		}
		fmt.Fprintf(a.stderr, "imrlint: no check or rule named %q; the checks are: %s (rules: imrlint rules list)\n", args[0], strings.Join(checkOrder(), ", "))
		return ExitTrouble
	}
	fmt.Fprint(a.stdout, c.Explain())
	return ExitOK
}

// checkOrder is the checks' names in their documented order.
func checkOrder() []string {
	var names []string
	for _, c := range check.All {
		names = append(names, c.Name)
	}
	return names
}

func (a *app) checksCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "checks",
		Short: "list the checks",
		Long:  "List every check with its default severity and what it finds.",
		RunE: func(*cobra.Command, []string) error {
			for _, c := range check.All {
				fmt.Fprintf(a.stdout, "%-26s %-8s %s\n", c.Name, c.Severity, c.Summary)
			}
			return nil
		},
	}
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(a.stdout, "imrlint %s\n", Version)
			return nil
		},
	}
}
