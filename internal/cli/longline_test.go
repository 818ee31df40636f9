package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLongLineClipped: many findings on one long line print the line
// clipped around each span, not whole each time (5,000 findings on a line
// of 50 KB printed 376 MB before).
func TestLongLineClipped(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root, "testdata/letters/clean-2014-massage.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const header = "Massage therapy: 12 sessions (right wrist/hand): Upheld"
	long := strings.Replace(string(src), header, header+" "+strings.Repeat("{{Field}} ", 2000), 1)
	if long == string(src) {
		t.Fatalf("the fixture lacks %q", header)
	}
	path := filepath.Join(t.TempDir(), "long.txt")
	if err := os.WriteFile(path, []byte(long), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, _ := run(t, "", "check", "--no-config", path)
	n := strings.Count(out, "error[")
	if n < 1000 {
		t.Fatalf("%d findings, want the 1,000 a file lists", n)
	}
	if per := len(out) / n; per > 2000 {
		t.Errorf("%d bytes of output a finding: the long line is printed whole", per)
	}
	if !strings.Contains(out, "{{Field}}…") || !strings.Contains(out, "| …") {
		t.Error("the clipped line shows no ellipsis where it goes on")
	}
}
