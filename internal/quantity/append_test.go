package quantity

import (
	"reflect"
	"strings"
	"testing"
)

// TestAppendFind: AppendFind appends what Find returns, after what the
// list holds.
func TestAppendFind(t *testing.T) {
	ins := append(strings.Split(benchParagraph, ". "), "", "12 sessions", "2 times a week for 6 weeks", "Norco 10/325mg #120",
		"six (6) visits", "no numbers here")
	keep := []Quantity{{Kind: Amount, Value: 1, Max: 1, Unit: Count}}
	for _, s := range ins {
		want := Find(s)
		got := AppendFind(nil, s)
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("AppendFind(nil, %q) = %v, want %v", s, got, want)
		}
		got = AppendFind(keep[:1:1], s)
		if !reflect.DeepEqual(got[0], keep[0]) || len(got) != 1+len(want) || (len(want) > 0 && !reflect.DeepEqual(got[1:], want)) {
			t.Fatalf("AppendFind(keep, %q) = %v, want %v after %v", s, got, want, keep)
		}
	}
}
