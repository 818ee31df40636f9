// Package lsp serves imrlint's findings to editors over the Language Server
// Protocol on stdio: diagnostics as the letter is typed, the certain fixes as
// quick fixes, and the explanation of a check on hover.
package lsp

import (
	"context"
	"errors"
	"io"
)

// Options configures the server.
type Options struct {
	// ConfigPath names the configuration file to use. When empty, the
	// workspace's .imrlint.toml is found from the client's root.
	ConfigPath string
}

// Run serves the Language Server Protocol, reading requests from in and
// writing responses and notifications to out, until the client exits, in
// ends or ctx is done.
func Run(ctx context.Context, in io.Reader, out io.Writer, opt Options) error {
	return errors.New("lsp: not yet")
}
