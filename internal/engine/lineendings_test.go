package engine_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	. "github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/position"
)

// TestLineEndings: a letter whose lines end with a carriage return alone
// (old Mac files, some exports), or with a mix of CR, CR LF and LF, is read
// as the same lines: the same items and findings at the same line numbers
// as with line feeds. Before, a CR-only letter was one line, "not a
// letter", and passed.
func TestLineEndings(t *testing.T) {
	e := newEngine(t)
	for _, name := range []string{"fault-2014-quantity-mismatch", "clean-2014-three-items", "fault-2013-date-mismatch"} {
		src, err := os.ReadFile("../../testdata/letters/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		want := summary(e.Check(name+".txt", src))
		lines := strings.Split(string(src), "\n")
		var mixed strings.Builder
		for i, l := range lines {
			mixed.WriteString(l)
			if i < len(lines)-1 {
				mixed.WriteString([]string{"\r", "\r\n", "\n"}[i%3])
			}
		}
		for label, variant := range map[string]string{
			"CR":    strings.ReplaceAll(string(src), "\n", "\r"),
			"CR LF": strings.ReplaceAll(string(src), "\n", "\r\n"),
			"mixed": mixed.String(),
		} {
			if got := summary(e.Check(name+".txt", []byte(variant))); got != want {
				t.Errorf("%s with %s line endings:\n got %s\nwant %s", name, label, got, want)
			}
		}
	}
}

// summary is a result's layout, items and findings with their lines.
func summary(r Result) string {
	var b strings.Builder
	if r.Letter != nil {
		fmt.Fprintf(&b, "layout %s, %d items;", r.Letter.Layout, len(r.Letter.Items))
	}
	x := position.NewLineIndex(r.Src)
	for _, f := range r.Findings {
		fmt.Fprintf(&b, " %s@%d", f.Check, x.Position(f.Start).Line)
	}
	return b.String()
}
