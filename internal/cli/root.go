package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// app is one invocation: its streams, its options and the exit code the
// command chose. Commands set code; cobra's errors (a mistyped command or
// flag) are usage errors, exit 2.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	o              checkOptions
	code           int
	// ctx, when set, ends serve and lsp as a signal does (tests).
	ctx context.Context
}

func (a *app) context() context.Context {
	if a.ctx != nil {
		return a.ctx
	}
	return context.Background()
}

const rootLong = `imrlint checks IMR determination letters for internal inconsistencies and for
decisions and citations that contradict the guidelines they cite.`

const rootExample = `  imrlint check letters/                   check every .txt, .pdf and .docx under letters/
  imrlint check --format json letter.pdf   the JSON contract on standard output
  imrlint explain quantity-mismatch        what a check looks for, and why
  imrlint init                             write a commented .imrlint.toml
  imrlint serve                            the review page on http://127.0.0.1:7777/`

// newRoot builds the command tree of one invocation.
func (a *app) newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:     "imrlint",
		Short:   "check IMR determination letters",
		Long:    rootLong,
		Example: rootExample,
		Version: Version,
		// A root that runs refuses a stray word itself (noSubcommand),
		// with a one-line suggestion, instead of cobra's help page.
		Args:                       noSubcommand,
		RunE:                       a.helpAndFail,
		SuggestionsMinimumDistance: 2,
		SilenceErrors:              true,
		SilenceUsage:               true,
		DisableFlagsInUseLine:      true,
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetVersionTemplate("imrlint {{.Version}}\n")
	root.Flags().Bool("version", false, "print the version")
	addRootFlags(root.PersistentFlags(), &a.o)
	root.SetFlagErrorFunc(flagError)
	root.SetUsageFunc(usage)
	root.SetHelpCommand(helpCmd())
	root.AddCommand(a.checkCmd(), a.explainCmd(), a.checksCmd(), a.rulesCmd(), a.configCmd(), a.initCmd(),
		a.serveCmd(), a.lspCmd(), a.versionCmd())
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "print the shell completion script: bash, zsh, fish or powershell"
			c.Example = "  source <(imrlint completion bash)\n  imrlint completion zsh > \"${fpath[1]}/_imrlint\"\n  imrlint completion fish > ~/.config/fish/completions/imrlint.fish"
			c.Args, c.RunE, c.SuggestionsMinimumDistance = noSubcommand, a.helpAndFail, 2
		}
	}
	return root
}

// helpAndFail is the run of a command whose words are subcommands, given
// none: its help, on standard error, exit 2.
func (a *app) helpAndFail(cmd *cobra.Command, _ []string) error {
	cmd.SetOut(a.stderr)
	cmd.Help()
	a.code = ExitTrouble
	return nil
}

// run parses args, runs the command they name and returns the exit code: the
// command's, or 2 for a usage error, printed as one line and a hint.
func (a *app) run(args []string) int {
	root := a.newRoot()
	root.SetArgs(normalizeArgs(root, args))
	cmd, err := root.ExecuteC()
	if err != nil {
		fmt.Fprintf(a.stderr, "imrlint: %v\n", err)
		fmt.Fprintf(a.stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return ExitTrouble
	}
	return a.code
}
