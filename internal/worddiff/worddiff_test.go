package worddiff

import (
	"fmt"
	"strings"
	"testing"
)

func render(ops []Op) string {
	var out []string
	for _, op := range ops {
		out = append(out, [...]string{"=", "-", "+"}[op.Kind]+op.Text)
	}
	return strings.Join(out, "|")
}

func TestStrings(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"the reviewer has more than five years", "the reviewer  has\nmore than three years", "=the reviewer has more than|-five|+three|=years"},
		{"a b c", "a b c", "=a b c"},
		{"a b c", "a c", "=a|-b|=c"},
		{"a b", "a b c d", "=a b|+c d"},
		{"", "x", "+x"},
		{"Reviewer's «x» 4–6", "Reviewer's «x» 4–6", "=Reviewer's «x» 4–6"},
	} {
		if got := render(Strings(c.a, c.b)); got != c.want {
			t.Errorf("Strings(%q, %q) = %s, want %s", c.a, c.b, got, c.want)
		}
	}
}

// TestManyWords: more distinct words than the runes below the surrogate
// range still map back to themselves.
func TestManyWords(t *testing.T) {
	var a, b []string
	for i := 0; i < 0xD800+500; i++ {
		w := fmt.Sprintf("w%d", i)
		a = append(a, w)
		if i != 0xD800+100 {
			b = append(b, w)
		}
	}
	b = append(b, "last")
	var dels, ins []string
	for _, op := range Words(a, b) {
		switch op.Kind {
		case Delete:
			dels = append(dels, op.Text)
		case Insert:
			ins = append(ins, op.Text)
		}
	}
	if want := fmt.Sprintf("w%d", 0xD800+100); len(dels) != 1 || dels[0] != want || len(ins) != 1 || ins[0] != "last" {
		t.Errorf("deleted %q, inserted %q", dels, ins)
	}
	for i := 0; i < 0xD800+600; i++ {
		if Index(Rune(i)) != i {
			t.Fatalf("Index(Rune(%d)) = %d", i, Index(Rune(i)))
		}
	}
}
