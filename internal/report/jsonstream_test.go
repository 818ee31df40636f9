package report

import (
	"bytes"
	"testing"
)

// TestJSONStreamIsWriteJSON: the streamed report is byte for byte the
// report written whole, with no file, one, and several.
func TestJSONStreamIsWriteJSON(t *testing.T) {
	files := []JSONFile{
		{Path: "a.txt", Layout: "imr-2014", Items: []Item{{Index: 1, Treatment: "mri", Decision: "upheld", Line: 3}}, Findings: []JSONFinding{{Check: "x", Severity: "error", Message: "m <&>", JSONRange: JSONRange{1, 2, 1, 4, 0, 0}}}},
		{Path: "b.txt", Layout: "unknown", Error: "file is empty", Items: []Item{}, Findings: []JSONFinding{}},
	}
	for n := 0; n <= len(files); n++ {
		rep := JSONReport{Tool: JSONTool{Name: "imrlint", Version: "v"}, Files: append([]JSONFile{}, files[:n]...), Summary: Summary{Files: n}}
		var whole, streamed bytes.Buffer
		if err := WriteJSONReport(&whole, rep); err != nil {
			t.Fatal(err)
		}
		s := NewJSONStream(&streamed, "v")
		for _, f := range files[:n] {
			s.File(f)
		}
		if err := s.End(Summary{Files: n}); err != nil {
			t.Fatal(err)
		}
		CheckJSONContract(t, "json", streamed.Bytes())
		if whole.String() != streamed.String() {
			t.Errorf("%d files: streamed\n%s\nwhole\n%s", n, streamed.String(), whole.String())
		}
	}
}
