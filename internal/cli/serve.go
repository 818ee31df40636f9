package cli

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/imrlint/imrlint/internal/server"
)

func (a *app) serveCmd() *cobra.Command {
	var addr, token string
	var allowRemote bool
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:7777] [--allow-remote --token TOKEN] [flags]",
		Short: "serve the review page on loopback (default 127.0.0.1:7777)",
		Long: `Serve the review page: paste or drop a letter and see its findings.
Letters are checked in memory; nothing of them is written or logged.`,
		Example: "  imrlint serve\n  imrlint serve --addr 127.0.0.1:8080 --config ci/.imrlint.toml\n  IMRLINT_TOKEN=... imrlint serve --addr 0.0.0.0:7777 --allow-remote",
		RunE: func(cmd *cobra.Command, args []string) error {
			a.code = a.runServe(cmd, args, addr, allowRemote, token)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&addr, "addr", "127.0.0.1:7777", "listen on `ADDRESS` (loopback unless --allow-remote)")
	fl.BoolVar(&allowRemote, "allow-remote", false, "allow a non-loopback --addr (needs --token)")
	fl.StringVar(&token, "token", os.Getenv("IMRLINT_TOKEN"), "require this bearer `TOKEN` on every request (default $IMRLINT_TOKEN)")
	addConfigFlags(fl, &a.o)
	completeFlags(cmd)
	return cmd
}

// runServe starts the QA reviewer's page on loopback.
func (a *app) runServe(cmd *cobra.Command, args []string, addr string, allowRemote bool, token string) int {
	stderr := a.stderr
	eng, code := a.settings(cmd, args)
	if eng == nil {
		return code
	}
	h := server.New(server.Config{
		Engine:  eng,
		Rules:   eng.Rules,
		Logger:  serveLogger(stderr, a.o.quiet, a.o.verbose),
		Version: Version,
	})
	ctx, stop := signal.NotifyContext(a.context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := server.ListenAndServe(ctx, addr, allowRemote, token, h); err != nil {
		fmt.Fprintf(stderr, "imrlint: serve: %v\n", err)
		return ExitTrouble
	}
	return ExitOK
}
