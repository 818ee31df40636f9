package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/imrlint/imrlint/internal/lsp"
)

// lspCmd serves the Language Server Protocol on standard input and output,
// for editors; internal/lsp does the work. It takes the configuration
// flags serve takes, laid over each workspace folder's configuration.
func (a *app) lspCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lsp [flags]",
		Short: "serve findings to an editor (Language Server Protocol on stdin/stdout)",
		Long: `Serve the Language Server Protocol on standard input and output: an editor
starts 'imrlint lsp' and shows findings as a letter is typed, the certain fixes
as quick fixes and a check's explanation on hover. Without --config, each
workspace folder's .imrlint.toml is found from the folder upwards.

Exit status: 0 after the client's shutdown and exit (or a signal), 1 when the
client exited without shutdown (as the protocol says), 2 on any other error.`,
		Example: "  imrlint lsp\n  imrlint lsp --config ci/.imrlint.toml --disable copied-rationale",
		RunE: func(cmd *cobra.Command, args []string) error {
			a.code = a.runLSP(cmd, args)
			return nil
		},
	}
	addConfigFlags(cmd.Flags(), &a.o)
	// Clients that launch servers over stdio by convention add --stdio
	// (vscode-languageclient with TransportKind.stdio, among others):
	// standard input and output are the only transport, so it is taken and
	// changes nothing.
	cmd.Flags().Bool("stdio", true, "serve on standard input and output (the only transport; accepted for clients that pass it)")
	completeFlags(cmd)
	return cmd
}

func (a *app) runLSP(cmd *cobra.Command, args []string) int {
	if len(args) > 0 {
		fmt.Fprintf(a.stderr, "imrlint: lsp takes no paths (the editor sends the letters)\n")
		return ExitTrouble
	}
	a.given(cmd)
	ctx, stop := signal.NotifyContext(a.context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := lsp.Run(ctx, a.stdin, a.stdout, lsp.Options{
		ConfigPath: a.o.configPath,
		NoConfig:   a.o.noConfig,
		Flags:      a.o.flags(),
		MaxSize:    a.o.maxSize,
		Version:    Version,
	})
	switch {
	case err == nil, ctx.Err() != nil:
		return ExitOK
	case errors.Is(err, lsp.ErrExitWithoutShutdown):
		return ExitFindings
	}
	fmt.Fprintf(a.stderr, "imrlint: %v\n", err) // lsp errors name lsp
	return ExitTrouble
}
