package phrase

import "testing"

func TestFindLongestWholeWord(t *testing.T) {
	var m Matcher
	m.Add("massage", 0)
	m.Add("massage therapy", 1)
	m.Add("x-ray", 2)
	m.Add("PT", 3)
	m.Add("EMG/NCV", 4)
	m.Add("EMG", 5)
	tests := []struct {
		in   string
		want []string // matched texts
		ent  []int
	}{
		{"Massage Therapy: 12 sessions", []string{"Massage Therapy"}, []int{1}},
		{"massage of the wrist", []string{"massage"}, []int{0}},
		{"massages", nil, nil},
		{"X-Ray of the knee", []string{"X-Ray"}, []int{2}},
		{"PT 2x6 and apt", []string{"PT"}, []int{3}},
		{"the pt was seen", nil, nil},
		{"EMG/NCV of both legs, then EMG", []string{"EMG/NCV", "EMG"}, []int{4, 5}},
	}
	for _, tc := range tests {
		got := m.Find(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("Find(%q) = %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i, g := range got {
			if tc.in[g.Start:g.End] != tc.want[i] || g.Entry != tc.ent[i] {
				t.Errorf("Find(%q)[%d] = %q entry %d, want %q entry %d", tc.in, i, tc.in[g.Start:g.End], g.Entry, tc.want[i], tc.ent[i])
			}
		}
	}
}

func TestTokenizeKeepsApostropheWords(t *testing.T) {
	toks := Tokenize("worker's right-hand")
	var got []string
	for _, tk := range toks {
		got = append(got, tk.Text)
	}
	want := []string{"worker's", "right", "-", "hand"}
	if len(got) != len(want) {
		t.Fatalf("got %v want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v want %v", got, want)
		}
	}
}
