package cli

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/server"
)

func (a *app) serveCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:7777] [--allow-remote --token TOKEN] [flags]",
		Short: "serve the review page on loopback (default 127.0.0.1:7777)",
		Long: `Serve the review page: paste or drop a letter and see its findings.
Letters are checked in memory; nothing of them is written or logged.`,
		Example: "  imrlint serve\n  imrlint serve --addr 127.0.0.1:8080 --config ci/.imrlint.toml\n  IMRLINT_TOKEN=... imrlint serve --addr 0.0.0.0:7777 --allow-remote",
		RunE: func(cmd *cobra.Command, args []string) error {
			a.code = a.runServe(cmd, args, f)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:7777", "listen on `ADDRESS` (loopback unless --allow-remote)")
	fl.BoolVar(&f.allowRemote, "allow-remote", false, "allow a non-loopback --addr (needs --token)")
	fl.StringVar(&f.token, "token", os.Getenv("IMRLINT_TOKEN"), "require this bearer `TOKEN` on every request (default $IMRLINT_TOKEN)")
	fl.DurationVar(&f.checkTimeout, "check-timeout", server.DefaultCheckTimeout, "answer 503 to a request not checked within `DURATION`")
	addConfigFlags(fl, &a.o)
	completeFlags(cmd)
	return cmd
}

// serveFlags are serve's own flags.
type serveFlags struct {
	addr, token  string
	allowRemote  bool
	checkTimeout time.Duration // the budget of one /api/ request
}

// serverConfig is what serve runs the review server with.
func (a *app) serverConfig(eng *engine.Engine, f serveFlags) server.Config {
	return server.Config{
		Engine:       eng,
		Rules:        eng.Rules,
		Logger:       serveLogger(a.stderr, a.o.quiet, a.o.verbose),
		Version:      Version,
		CheckTimeout: f.checkTimeout,
	}
}

// runServe starts the QA reviewer's page on loopback.
func (a *app) runServe(cmd *cobra.Command, args []string, f serveFlags) int {
	if f.checkTimeout <= 0 {
		fmt.Fprintf(a.stderr, "imrlint: --check-timeout %s: must be more than 0\n", f.checkTimeout)
		return ExitTrouble
	}
	stderr := a.stderr
	eng, code := a.settings(cmd, args)
	if eng == nil {
		return code
	}
	h := server.New(a.serverConfig(eng, f))
	ctx, stop := signal.NotifyContext(a.context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := server.ListenAndServe(ctx, f.addr, f.allowRemote, f.token, h); err != nil {
		fmt.Fprintf(stderr, "imrlint: serve: %v\n", err)
		return ExitTrouble
	}
	return ExitOK
}
