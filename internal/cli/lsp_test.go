package cli

import (
	"fmt"
	"strings"
	"testing"
)

// lspMessages frames JSON-RPC messages as the Language Server Protocol's
// base protocol does.
func lspMessages(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

// TestLSPCommand: imrlint lsp serves the protocol on standard input and
// output (internal/lsp): a session's initialize is answered with the
// server's name and version, and shutdown then exit is exit 0; a client
// that exits without shutdown is exit 1, one gone at once exit 2.
func TestLSPCommand(t *testing.T) {
	session := lspMessages(
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"rootUri":null}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	)
	out, errs, code := run(t, session, "lsp", "--no-config")
	if code != ExitOK || !strings.Contains(out, `"name":"imrlint"`) || !strings.Contains(out, `"version":"`+Version+`"`) || !strings.HasPrefix(out, "Content-Length: ") {
		t.Errorf("session: exit %d, stderr %q, stdout %q", code, errs, out)
	}
	noShutdown := lspMessages(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`, `{"jsonrpc":"2.0","method":"exit"}`)
	if _, errs, code := run(t, noShutdown, "lsp", "--no-config"); code != ExitFindings {
		t.Errorf("exit without shutdown: exit %d (%q), want 1", code, errs)
	}
	_, errs, code = run(t, "", "lsp")
	if code != ExitTrouble || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "lsp: lsp:") {
		t.Errorf("client gone: exit %d, stderr %q", code, errs)
	}
	// --stdio, which vscode-languageclient and other clients append, is
	// taken (it was refused as an unknown flag, so those clients could not
	// start the server).
	if out, errs, code := run(t, session, "lsp", "--stdio", "--no-config"); code != ExitOK || !strings.Contains(out, `"name":"imrlint"`) {
		t.Errorf("lsp --stdio: exit %d, stderr %q", code, errs)
	}
	if _, _, code := run(t, "", "lsp", "letter.txt"); code != ExitTrouble {
		t.Errorf("lsp with a path: exit %d", code)
	}
}
