package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
)

// Timeouts of the HTTP server: a slow or stalled client cannot hold a
// connection, and so a letter's memory, for long.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 120 * time.Second // checking a large letter takes a while
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 10 * time.Second
)

// tokenCookie carries the token to the page's own requests after the page
// was opened with ?token=: its script and style are loaded by the browser,
// which cannot add a header to them.
const tokenCookie = "imrlint_token"

// ListenAndServe serves h on addr until ctx is done, then shuts down
// gracefully. A non-loopback address is refused unless allowRemote is set
// and token is not empty: the letters it is sent hold health information.
// With a token, every request must carry "Authorization: Bearer TOKEN" or
// "?token=TOKEN" (a page opened so keeps it in a same-site cookie). Without
// one, on loopback, requests must name a loopback host, which defeats DNS
// rebinding from a web page.
func ListenAndServe(ctx context.Context, addr string, allowRemote bool, token string, h http.Handler) error {
	loopback, err := checkAddr(addr, allowRemote, token)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	// The address actually bound, for ":0" and for the user to open.
	loggerOf(h).Info("listening", "url", "http://"+ln.Addr().String()+"/", "token", token != "")
	return serve(ctx, ln, guard(h, token, loopback && token == ""), loggerOf(h))
}

// checkAddr reports whether addr is a loopback address, or why it may not
// be served.
func checkAddr(addr string, allowRemote bool, token string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("address %q: %v (want HOST:PORT, such as 127.0.0.1:7777)", addr, err)
	}
	if isLoopback(host) {
		return true, nil
	}
	if !allowRemote {
		return false, fmt.Errorf("address %q is not a loopback address: the page shows letters with health information, so it listens on 127.0.0.1 unless remote access is allowed explicitly (with a token)", addr)
	}
	if token == "" {
		return false, errors.New("remote access needs a token: every request must then carry it (Authorization: Bearer TOKEN)")
	}
	return false, nil
}

// isLoopback: "localhost" or a loopback IP. Other names are not looked up:
// a name that resolves to loopback today may not tomorrow.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// serve runs an HTTP server with bounded timeouts on ln until ctx is done.
func serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		// The server's own messages (a connection it dropped) name no
		// request body; they go where the request lines go.
		ErrorLog:    slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// guard checks the token of every request when one is set, and the Host
// header when the server is on loopback without a token.
func guard(h http.Handler, token string, loopbackOnly bool) http.Handler {
	log := loggerOf(h)
	refuse := func(w http.ResponseWriter, r *http.Request, status int, msg string) {
		w.Header().Set("Content-Security-Policy", CSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		apiError(w, status, msg)
		log.Warn("request refused", "method", r.Method, "path", logPath(r), "status", status)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if loopbackOnly {
			host, _, err := net.SplitHostPort(r.Host)
			if err != nil {
				host = r.Host
			}
			if !isLoopback(host) {
				refuse(w, r, http.StatusMisdirectedRequest, "this server answers requests for localhost only")
				return
			}
		}
		if token != "" {
			ok, fromQuery := authorized(r, token)
			if !ok {
				w.Header().Set("WWW-Authenticate", `Bearer realm="imrlint"`)
				refuse(w, r, http.StatusUnauthorized, "a token is required: send Authorization: Bearer TOKEN, or open the page with ?token=TOKEN")
				return
			}
			if fromQuery {
				// The page's script, style and API calls carry it from now
				// on; Strict keeps other sites' pages from using it.
				http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
				if r.Method == http.MethodGet && r.URL.Path == "/" {
					// Off the address bar and the history with it.
					w.Header().Set("Cache-Control", "no-store")
					http.Redirect(w, r, "/", http.StatusSeeOther)
					return
				}
			}
		}
		h.ServeHTTP(w, r)
	})
}

// authorized compares the request's token in constant time; fromQuery says
// it came as ?token=.
func authorized(r *http.Request, token string) (ok, fromQuery bool) {
	eq := func(s string) bool { return subtle.ConstantTimeCompare([]byte(s), []byte(token)) == 1 }
	if a := r.Header.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") && eq(strings.TrimSpace(a[7:])) {
		return true, false
	}
	if c, err := r.Cookie(tokenCookie); err == nil && eq(c.Value) {
		return true, false
	}
	if q := r.URL.Query().Get("token"); q != "" && eq(q) {
		return true, true
	}
	return false, false
}

// loggerOf is the logger of a handler made by New, or slog's default.
func loggerOf(h http.Handler) *slog.Logger {
	if sh, ok := h.(*handler); ok {
		return sh.log
	}
	return slog.Default()
}
