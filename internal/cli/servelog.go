package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
)

// serveLogger is the review server's logger: text records on w, at Info
// (Warn with -q, Debug with -v), with "open URL" printed before the
// record that says the server listens, so that the first line of
// imrlint serve is the address to open, not a log record.
func serveLogger(w io.Writer, quiet, verbose bool) *slog.Logger {
	level := slog.LevelInfo
	switch {
	case quiet:
		level = slog.LevelWarn
	case verbose:
		level = slog.LevelDebug
	}
	inner := slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})
	return slog.New(&announce{Handler: inner, w: w, once: &sync.Once{}})
}

// announce prints "open URL" once, from the server's "listening" record
// (internal/server logs it with the address actually bound, which for
// --addr 127.0.0.1:0 only the listener knows), even when -q drops the
// record itself.
type announce struct {
	slog.Handler
	w    io.Writer
	once *sync.Once
}

func (h *announce) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelInfo || h.Handler.Enabled(ctx, l)
}

func (h *announce) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "listening" {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "url" {
				h.once.Do(func() { fmt.Fprintf(h.w, "open %s\n", a.Value.String()) })
				return false
			}
			return true
		})
	}
	if !h.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h *announce) WithAttrs(as []slog.Attr) slog.Handler {
	return &announce{Handler: h.Handler.WithAttrs(as), w: h.w, once: h.once}
}

func (h *announce) WithGroup(name string) slog.Handler {
	return &announce{Handler: h.Handler.WithGroup(name), w: h.w, once: h.once}
}
