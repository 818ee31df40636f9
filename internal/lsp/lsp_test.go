package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/config"
)

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "letters", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unicodeLetter makes a fixture's line 56, where its quantity-mismatch
// finding is, start with characters of one, two, three and four bytes,
// one of them outside the Basic Multilingual Plane (two UTF-16 units):
// curly quotes, an en dash, a section sign and a mathematical digit.
func unicodeLetter(t *testing.T, text string) string {
	t.Helper()
	const plain = "therefore not supported by the guidelines. The request for "
	const fancy = "therefore not supported by the “guidelines” – § 𝟙. The request for "
	if strings.Count(text, plain) != 1 {
		t.Fatalf("the fixture's line 56 is not %q", plain)
	}
	return strings.Replace(text, plain, fancy, 1)
}

// u16Position is the LSP position of byte offset off of text, counted
// here from utf16.Encode, apart from the server's conversion.
func u16Position(text string, off int) lspPosition {
	before := text[:off]
	line := strings.Count(before, "\n")
	col := before[strings.LastIndex(before, "\n")+1:]
	return lspPosition{Line: line, Character: len(utf16.Encode([]rune(col)))}
}

// applyEdits applies LSP text edits (non-overlapping) to text, converting
// positions here from UTF-16 units, apart from the server's conversion.
func applyEdits(t *testing.T, text string, edits []textEdit) string {
	t.Helper()
	offset := func(p lspPosition) int {
		lines := strings.SplitAfter(text, "\n")
		off := 0
		for _, l := range lines[:p.Line] {
			off += len(l)
		}
		u := utf16.Encode([]rune(lines[p.Line]))
		return off + len(string(utf16.Decode(u[:p.Character])))
	}
	for i := len(edits) - 1; i >= 0; i-- { // from the end, so offsets hold
		e := edits[i]
		text = text[:offset(e.Range.Start)] + e.NewText + text[offset(e.Range.End):]
	}
	return text
}

func find(diags []diagnostic, code string) *diagnostic {
	for i := range diags {
		if diags[i].Code == code {
			return &diags[i]
		}
	}
	return nil
}

// TestSession drives a whole session in process: diagnostics of a letter
// with non-ASCII text before its finding, its certain fix as a quick fix
// whose edit, applied, gives the clean twin, the check's explanation on
// hover, and the diagnostics cleared by a change to the clean text.
func TestSession(t *testing.T) {
	dir := t.TempDir()
	text := unicodeLetter(t, fixture(t, "fault-2014-quantity-mismatch.txt"))
	clean := unicodeLetter(t, fixture(t, "clean-2014-massage.txt"))
	path := filepath.Join(dir, "letter.txt")
	uri := fileURI(path)

	c := startServer(t, Options{Debounce: 10 * time.Millisecond, Version: "test"})
	r := c.initialize(dir, map[string]any{})
	if r.Capabilities.TextDocumentSync.Change != syncFull || !r.Capabilities.HoverProvider || r.Capabilities.PositionEncoding != "utf-16" {
		t.Errorf("capabilities: %+v", r.Capabilities)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": text}})
	diags := c.diagnostics(uri, 1)
	d := find(diags, "quantity-mismatch")
	if d == nil {
		t.Fatalf("no quantity-mismatch diagnostic in %+v", diags)
	}
	at := strings.Index(text, "for 18 sessions") + len("for ")
	want := lspRange{Start: u16Position(text, at), End: u16Position(text, at+2)}
	if d.Range != want {
		t.Errorf("range %+v, want %+v (line 56 of the fixture, after non-ASCII text)", d.Range, want)
	}
	if d.Range.Start.Character == len(text[strings.LastIndex(text[:at], "\n")+1:at]) {
		t.Errorf("the character %d is a byte count, not UTF-16 units", d.Range.Start.Character)
	}
	if d.Severity != 1 || d.Source != "imrlint" || !strings.Contains(d.Message, "18") {
		t.Errorf("diagnostic %+v", d)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != uri || d.RelatedInformation[0].Location.Range.Start.Line != 41 {
		t.Errorf("related information %+v, want the item header on line 42", d.RelatedInformation)
	}

	// The quick fix at the finding.
	var actions []codeAction
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        d.Range,
		"context":      map[string]any{"diagnostics": []diagnostic{*d}},
	}, &actions)
	var quick *codeAction
	for i := range actions {
		if actions[i].Kind == kindQuickFix {
			quick = &actions[i]
		}
	}
	if quick == nil {
		t.Fatalf("no quick fix in %+v", actions)
	}
	if quick.Edit.DocumentChanges != nil || len(quick.Edit.Changes[uri]) != 1 {
		t.Fatalf("edit %+v: want one change of %s (the client does not take documentChanges)", quick.Edit, uri)
	}
	if got := applyEdits(t, text, quick.Edit.Changes[uri]); got != clean {
		t.Errorf("the quick fix does not make the clean twin:\n%s", got[strings.Index(text, "therefore"):][:200])
	}
	if len(quick.Diagnostics) != 1 || quick.Diagnostics[0].Code != "quantity-mismatch" {
		t.Errorf("the quick fix's diagnostics: %+v", quick.Diagnostics)
	}
	// Not at the finding: none.
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        lspRange{},
		"context":      map[string]any{"diagnostics": []diagnostic{}},
	}, &actions)
	for _, a := range actions {
		if a.Kind == kindQuickFix {
			t.Errorf("a quick fix at the start of the letter: %+v", a)
		}
	}

	// Hover inside the finding: its check's explanation.
	var h *hover
	inside := d.Range.Start
	inside.Character++
	c.result("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": inside}, &h)
	explain := check.ByName("quantity-mismatch").Explain()
	if h == nil || !strings.Contains(h.Contents.Value, strings.TrimSpace(explain)) || !strings.Contains(h.Contents.Value, d.Message) {
		t.Fatalf("hover %+v: want the message and\n%s", h, explain)
	}
	if h.Range == nil || *h.Range != d.Range {
		t.Errorf("hover range %+v, want %+v", h.Range, d.Range)
	}
	h = nil
	c.result("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lspPosition{Line: 0, Character: 0}}, &h)
	if h != nil {
		t.Errorf("hover away from any finding: %+v", h)
	}

	// The clean text clears the diagnostics.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": clean}},
	})
	if diags := c.diagnostics(uri, 2); len(diags) != 0 {
		t.Errorf("diagnostics of the clean text: %+v", diags)
	}
	// And the fault again brings them back: changes typed in a burst are
	// checked at least once, at the last version.
	for v := 3; v <= 6; v++ {
		src := clean
		if v == 6 {
			src = text
		}
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"text": src}},
		})
	}
	if find(c.diagnostics(uri, 6), "quantity-mismatch") == nil {
		t.Error("no quantity-mismatch after the fault was typed back")
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	m := c.next("textDocument/publishDiagnostics")
	var p publishDiagnosticsParams
	json.Unmarshal(m.Params, &p)
	if p.URI != uri || len(p.Diagnostics) != 0 {
		t.Errorf("closing: %s", m.Params)
	}
	if err := c.shutdown(); err != nil {
		t.Errorf("Run after shutdown and exit: %v", err)
	}
	for _, n := range c.notes {
		if n.Method == "window/logMessage" || n.Method == "window/showMessage" {
			t.Errorf("the server told the client %s %s", n.Method, n.Params)
		}
	}
}

// TestVersionedEdits: a client that takes documentChanges gets the fix
// tied to the version it was computed on, and a request that comes
// before the debounced check has run is answered for the text as it is
// then.
func TestVersionedEdits(t *testing.T) {
	dir := t.TempDir()
	text := fixture(t, "fault-2014-quantity-mismatch.txt")
	uri := fileURI(filepath.Join(dir, "a.txt"))
	// A debounce no test waits out: the code action must check the text
	// itself.
	c := startServer(t, Options{Debounce: time.Hour})
	c.initialize(dir, map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": "x"}})
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 7},
		"contentChanges": []map[string]any{{"text": text}},
	})
	var actions []codeAction
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        lspRange{Start: lspPosition{Line: 55}, End: lspPosition{Line: 56}},
		"context":      map[string]any{"diagnostics": []diagnostic{}},
	}, &actions)
	var got []textDocumentEdit
	for _, a := range actions {
		if a.Kind == kindQuickFix {
			got = a.Edit.DocumentChanges
		}
	}
	if len(got) != 1 || got[0].TextDocument.Version != 7 || got[0].TextDocument.URI != uri || len(got[0].Edits) != 1 || got[0].Edits[0].NewText != "12" {
		t.Fatalf("documentChanges %+v in %+v", got, actions)
	}
	// The check the request ran published version 7's diagnostics too.
	if find(c.diagnostics(uri, 7), "quantity-mismatch") == nil {
		t.Error("no quantity-mismatch published for version 7")
	}
	if err := c.shutdown(); err != nil {
		t.Error(err)
	}
}

// TestConfiguration: the workspace's .imrlint.toml is found from the
// folder the client names and its severities are mapped (warning 2,
// information 3); Options.ConfigPath is read instead when set; a broken
// configuration fails initialize, naming the file.
func TestConfiguration(t *testing.T) {
	text := fixture(t, "fault-2014-quantity-mismatch.txt")
	dir := t.TempDir()
	sub := filepath.Join(dir, "letters", "2014")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, ".imrlint.toml"), "[checks.severity]\nquantity-mismatch = \"warning\"\n")
	other := filepath.Join(t.TempDir(), "other.toml")
	write(other, "[checks.severity]\nquantity-mismatch = \"info\"\n")
	uri := fileURI(filepath.Join(sub, "letter.txt"))

	for _, tc := range []struct {
		name string
		opt  Options
		want int
	}{
		{"discovered", Options{}, 2},
		{"ConfigPath", Options{ConfigPath: other}, 3},
		{"NoConfig", Options{NoConfig: true}, 1},
		{"Flags over the file", Options{Flags: config.Flags{Disable: []string{"quantity-mismatch"}, Given: map[string]bool{"disable": true}}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startServer(t, tc.opt)
			c.initialize(dir, map[string]any{})
			c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": text}})
			d := find(c.diagnostics(uri, 1), "quantity-mismatch")
			if tc.want == 0 {
				if d != nil {
					t.Errorf("a disabled check's diagnostic: %+v", d)
				}
			} else if d == nil || d.Severity != tc.want {
				t.Fatalf("quantity-mismatch %+v, want severity %d", d, tc.want)
			}
			if err := c.shutdown(); err != nil {
				t.Error(err)
			}
		})
	}

	// The configuration is read again when it changed: edited, broken,
	// removed while the editor runs.
	t.Run("changed", func(t *testing.T) {
		ws := t.TempDir()
		conf := filepath.Join(ws, ".imrlint.toml")
		uri := fileURI(filepath.Join(ws, "letter.txt"))
		c := startServer(t, Options{Debounce: time.Millisecond})
		c.initialize(ws, map[string]any{})
		version := int32(1)
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": version, "text": text}})
		again := func() []diagnostic {
			version++
			c.notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": uri, "version": version},
				"contentChanges": []map[string]any{{"text": text}},
			})
			return c.diagnostics(uri, version)
		}
		if d := find(c.diagnostics(uri, 1), "quantity-mismatch"); d == nil || d.Severity != 1 {
			t.Fatalf("without a configuration: %+v", d)
		}
		write(conf, "[checks.severity]\nquantity-mismatch = \"warning\"\n")
		if d := find(again(), "quantity-mismatch"); d == nil || d.Severity != 2 {
			t.Fatalf("after .imrlint.toml was written: %+v", d)
		}
		write(conf, "[checks]\ndisable = [\"quantity-mismatch\"]\n")
		if d := find(again(), "quantity-mismatch"); d != nil {
			t.Fatalf("after the check was disabled: %+v", d)
		}
		write(conf, "[checks]\nenable = [\"no-such-check\"]\n")
		if d := find(again(), "configuration"); d == nil || !strings.Contains(d.Message, conf) || !strings.Contains(d.Message, "no-such-check") {
			t.Fatalf("after the configuration was broken: %+v", d)
		}
		if err := os.Remove(conf); err != nil {
			t.Fatal(err)
		}
		if d := find(again(), "quantity-mismatch"); d == nil || d.Severity != 1 {
			t.Fatalf("after .imrlint.toml was removed: %+v", d)
		}
		if err := c.shutdown(); err != nil {
			t.Error(err)
		}
	})

	// A folder added to the workspace brings its configuration to the
	// documents in it, checked again.
	t.Run("folders", func(t *testing.T) {
		a, b := t.TempDir(), t.TempDir()
		write(filepath.Join(a, ".imrlint.toml"), "[checks.severity]\nquantity-mismatch = \"warning\"\n")
		write(filepath.Join(b, ".imrlint.toml"), "[checks.severity]\nquantity-mismatch = \"info\"\n")
		uri := fileURI(filepath.Join(b, "letter.txt"))
		c := startServer(t, Options{})
		r := c.initialize(a, map[string]any{})
		if !r.Capabilities.Workspace.WorkspaceFolders.ChangeNotifications {
			t.Error("the server does not take workspace folder changes")
		}
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": text}})
		// Outside every folder: the first folder's configuration.
		if d := find(c.diagnostics(uri, 1), "quantity-mismatch"); d == nil || d.Severity != 2 {
			t.Fatalf("outside the folders: %+v", d)
		}
		c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
			"added":   []map[string]string{{"uri": fileURI(b), "name": "b"}},
			"removed": []map[string]string{},
		}})
		if d := find(c.diagnostics(uri, 1), "quantity-mismatch"); d == nil || d.Severity != 3 {
			t.Fatalf("in the folder added: %+v", d)
		}
		if err := c.shutdown(); err != nil {
			t.Error(err)
		}
	})

	t.Run("broken", func(t *testing.T) {
		bad := t.TempDir()
		write(filepath.Join(bad, ".imrlint.toml"), "[checks]\nenable = [\"no-such-check\"]\n")
		c := startServer(t, Options{})
		m := c.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(bad), "capabilities": map[string]any{}})
		if m.Error == nil || !strings.Contains(m.Error.Message, ".imrlint.toml") {
			t.Fatalf("initialize with a broken configuration: %+v %+v", m, m.Error)
		}
	})
}

// TestProtocol: the answers to requests out of turn and to a client that
// goes away.
func TestProtocol(t *testing.T) {
	t.Run("before initialize", func(t *testing.T) {
		c := startServer(t, Options{})
		if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != codeServerNotInitialized {
			t.Errorf("hover before initialize: %+v", m)
		}
	})
	t.Run("unknown method", func(t *testing.T) {
		c := startServer(t, Options{})
		c.initialize("", map[string]any{})
		if m := c.call("textDocument/formatting", map[string]any{}); m.Error == nil || m.Error.Code != codeMethodNotFound {
			t.Errorf("formatting: %+v", m)
		}
		if m := c.call("textDocument/hover", map[string]any{"textDocument": 5}); m.Error == nil || m.Error.Code != codeInvalidParams {
			t.Errorf("bad params: %+v", m)
		}
	})
	t.Run("exit without shutdown", func(t *testing.T) {
		c := startServer(t, Options{})
		c.initialize("", map[string]any{})
		c.notify("exit", nil)
		if err := <-c.done; !errors.Is(err, ErrExitWithoutShutdown) {
			t.Errorf("Run: %v, want ErrExitWithoutShutdown", err)
		}
		c.done <- nil
	})
	t.Run("client gone", func(t *testing.T) {
		c := startServer(t, Options{})
		c.initialize("", map[string]any{})
		c.w.Close()
		if err := <-c.done; !errors.Is(err, ErrClientGone) {
			t.Errorf("Run: %v, want ErrClientGone", err)
		}
		c.done <- nil
	})
	t.Run("context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		inR, inW := io.Pipe()
		defer inW.Close()
		done := make(chan error, 1)
		go func() { done <- Run(ctx, inR, io.Discard, Options{}) }()
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run: %v, want context.Canceled", err)
			}
		case <-time.After(hang):
			t.Fatal("Run did not return when its context ended")
		}
	})
}

// TestNoPHIOutOfBand: a session's letter text goes to no log. The server
// writes nothing to standard error, where an editor copies it into its
// log file, even for a message it cannot read, and Run's error quotes
// nothing of the stream.
func TestNoPHIOutOfBand(t *testing.T) {
	const secret = "PATIENT-JANE-ROE-1961"
	errFile, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = errFile
	defer func() { os.Stderr = saved }()

	dir := t.TempDir()
	uri := fileURI(filepath.Join(dir, "a.txt"))
	text := strings.Replace(fixture(t, "fault-2014-quantity-mismatch.txt"), "massage therapy", secret+" massage therapy", 1)
	c := startServer(t, Options{Debounce: time.Millisecond})
	c.initialize(dir, map[string]any{})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": text}})
	c.diagnostics(uri, 1)
	// A notification whose params are not what they should be, then a
	// body that is not JSON: both carry the secret.
	c.notify("textDocument/didChange", map[string]any{"textDocument": secret, "contentChanges": secret})
	body := `{"jsonrpc":"2.0","method":"textDocument/didChange","params":` + secret + `}`
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	var runErr error
	select {
	case runErr = <-c.done:
		c.done <- runErr
	case <-time.After(hang):
		t.Fatal("Run did not return after a message it cannot read")
	}
	if runErr == nil || strings.Contains(runErr.Error(), secret) {
		t.Errorf("Run: %v", runErr)
	}
	errFile.Sync()
	logged, _ := os.ReadFile(errFile.Name())
	if len(logged) > 0 {
		t.Errorf("the server wrote to standard error:\n%s", logged)
	}
	for _, n := range c.notes {
		if n.Method != "textDocument/publishDiagnostics" && strings.Contains(string(n.Params), secret) {
			t.Errorf("%s quotes the letter: %s", n.Method, n.Params)
		}
	}
}

// TestInputErrors: a text the engine cannot check (over MaxSize) is one
// diagnostic saying why, not a silent pass, and an emptied buffer clears
// the diagnostics.
func TestInputErrors(t *testing.T) {
	dir := t.TempDir()
	uri := fileURI(filepath.Join(dir, "a.txt"))
	c := startServer(t, Options{MaxSize: 1000, Debounce: time.Millisecond})
	c.initialize(dir, map[string]any{})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": fixture(t, "fault-2014-quantity-mismatch.txt")}})
	diags := c.diagnostics(uri, 1)
	if len(diags) != 1 || diags[0].Code != "input" || diags[0].Severity != 1 || !strings.Contains(diags[0].Message, "large") {
		t.Fatalf("a text over MaxSize: %+v", diags)
	}
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": " \n"}},
	})
	if diags := c.diagnostics(uri, 2); len(diags) != 0 {
		t.Errorf("an empty buffer: %+v", diags)
	}
	if err := c.shutdown(); err != nil {
		t.Error(err)
	}
}

// TestFixAll: the source action asked for by kind (as an editor's "fix
// all on save" asks) carries every certain fix of the letter, and applied
// gives the clean twin; asked only for quick fixes, it is not offered.
// The letter's lines end in CRLF.
func TestFixAll(t *testing.T) {
	dir := t.TempDir()
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	text := crlf(fixture(t, "fault-2014-quantity-mismatch.txt"))
	clean := crlf(fixture(t, "clean-2014-massage.txt"))
	uri := fileURI(filepath.Join(dir, "a.txt"))
	c := startServer(t, Options{})
	c.initialize(dir, map[string]any{})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": text}})
	d := find(c.diagnostics(uri, 1), "quantity-mismatch")
	if d == nil || d.Range.Start.Line != 55 {
		t.Fatalf("the CRLF letter's finding: %+v", d)
	}
	ask := func(only ...string) []codeAction {
		var actions []codeAction
		c.result("textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"range":        lspRange{},
			"context":      map[string]any{"diagnostics": []diagnostic{}, "only": only},
		}, &actions)
		return actions
	}
	actions := ask("source.fixAll")
	if len(actions) != 1 || actions[0].Kind != kindFixAll {
		t.Fatalf("source.fixAll: %+v", actions)
	}
	if got := applyEdits(t, text, actions[0].Edit.Changes[uri]); got != clean {
		t.Error("the fix-all action does not make the clean twin")
	}
	if actions := ask("quickfix"); len(actions) != 0 {
		t.Errorf("quick fixes only, away from the finding: %+v", actions)
	}
	if err := c.shutdown(); err != nil {
		t.Error(err)
	}
}

// TestManyDocuments: letters open at once, each changed in a burst, get
// the diagnostics of their last version, each its own; then shutdown
// while checks may still be pending ends Run cleanly (run under -race in
// CI).
func TestManyDocuments(t *testing.T) {
	dir := t.TempDir()
	fault := fixture(t, "fault-2014-quantity-mismatch.txt")
	clean := fixture(t, "clean-2014-massage.txt")
	c := startServer(t, Options{Debounce: time.Millisecond})
	c.initialize(dir, map[string]any{})
	const n = 6
	uri := func(i int) string { return fileURI(filepath.Join(dir, fmt.Sprintf("l%d.txt", i))) }
	for i := range n {
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri(i), "languageId": "text", "version": 1, "text": clean}})
	}
	for v := 2; v <= 5; v++ {
		for i := range n {
			text := clean
			if v%2 == i%2 { // the last version (5) is the fault in the odd letters
				text = fault
			}
			c.notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": uri(i), "version": v},
				"contentChanges": []map[string]any{{"text": text}},
			})
		}
	}
	for i := range n {
		got := find(c.diagnostics(uri(i), 5), "quantity-mismatch") != nil
		if want := i%2 == 1; got != want {
			t.Errorf("letter %d: quantity-mismatch %v, want %v", i, got, want)
		}
	}
	for i := range n { // changes still pending at shutdown
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri(i), "version": 6},
			"contentChanges": []map[string]any{{"text": fault}},
		})
	}
	if err := c.shutdown(); err != nil {
		t.Errorf("Run: %v", err)
	}
}
