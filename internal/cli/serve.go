package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/imrlint/imrlint/internal/server"
)

// runServe starts the QA reviewer's page on loopback.
func runServe(args []string, stderr io.Writer) int {
	var o checkOptions
	fl := newCheckFlags(&o, stderr)
	addr := fl.String("addr", "127.0.0.1:7777", "listen on `ADDRESS` (loopback unless --allow-remote)")
	allowRemote := fl.Bool("allow-remote", false, "allow a non-loopback --addr (needs --token)")
	token := fl.String("token", os.Getenv("IMRLINT_TOKEN"), "require this bearer `TOKEN` on every request (default $IMRLINT_TOKEN)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: imrlint serve [--addr 127.0.0.1:7777] [--allow-remote --token TOKEN] [check flags]\n\nServes the review page: paste or drop a letter and see its findings.\nLetters are checked in memory; nothing of them is written or logged.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	eng, code := settingsNoPaths("serve", fl, &o, args, stderr)
	if eng == nil {
		return code
	}
	h := server.New(server.Config{
		Engine:  eng,
		Rules:   eng.Rules,
		Logger:  slog.New(slog.NewTextHandler(stderr, nil)),
		Version: Version,
	})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := server.ListenAndServe(ctx, *addr, *allowRemote, *token, h); err != nil {
		fmt.Fprintf(stderr, "imrlint: serve: %v\n", err)
		return ExitTrouble
	}
	return ExitOK
}
