package letter

import (
	"testing"

	"github.com/imrlint/imrlint/internal/text"
)

// TestDosing: the text before a quantity ends in a dosing verb.
func TestDosing(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"take", true},
		{"x takes  ", true},
		{"mistake ", false},
		{"Taking\t", true},
		{"Tramadol 50mg take ", true},
		{"takex", false},
		{"", false},
		{"x take 1 tab ", false},
	} {
		if got := dosing(c.in); got != c.want {
			t.Errorf("dosing(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestMedNameTrim: the words before a drug's name, with the white space
// after them, which must be there.
func TestMedNameTrim(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"one ibuprofen", 4},
		{"1 x", 2},
		{"a x", 2},
		{"an x", 3},
		{"(12) x", 5},
		{"(12)x", -1},
		{"() x", -1},
		{"compound x", 9},
		{"compounded x", 11},
		{"compoundedx y", -1},
		{"retrospectively x", 16},
		{"prospective x", 12},
		{"request for x", 12},
		{"refills of x", 11},
		{"two refills of x", 15},
		{"prescription for x", 17},
		{"Prescription  of x", -1},
		{"ibuprofen", -1},
		{"one", -1},
		{"", -1},
	} {
		if got := medNameTrim(c.in); got != c.want {
			t.Errorf("medNameTrim(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestLastOf(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"Three months coverage of Viagra", 21},
		{" OF ", 0},
		{"of", -1},
		{"x of y of z", 6},
		{"xof y", -1},
		{" of", -1},
		{"", -1},
	} {
		if got := lastOf(c.in); got != c.want {
			t.Errorf("lastOf(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestPickRequestIn: the amount a header requests: a "#" count first, and
// never the amount of a dosing instruction ("take 1 tab").
func TestPickRequestIn(t *testing.T) {
	p := &parser{}
	for _, c := range []struct{ in, want string }{
		{"Tramadol 50mg take 1 tab by mouth twice daily #60", "#60"},
		{"Norco 10/325mg #120", "#120"},
		{"Physical therapy 2 times a week for 6 weeks", "2 times a week for 6 weeks"},
		{"Acupuncture 12 sessions", "12 sessions"},
		{"Lidoderm 5% patch #30, take 1 daily", "#30"},
		{"Take 2 tablets #90", "#90"},
		{"Massage therapy x 6", "x 6"},
		{"Terocin 240g", "240g"},
		{"MRI of the lumbar spine", "none"},
		{"Naproxen 550mg take 1 tablet, 60 tablets", "60 tablets"},
	} {
		b := text.Join([]text.Line{lineOf(c.in)})
		got := "none"
		if q := p.pickRequestIn(b.Text, p.quantities(b, 0, len(b.Text))); q != nil {
			got = q.Text
		}
		if got != c.want {
			t.Errorf("pickRequestIn(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
