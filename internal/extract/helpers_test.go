package extract

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/text"
)

// repoRoot is the project's root (two levels above this package).
func repoRoot(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// sharedDir is ../shared beside the project, or "" (with a skip) where it
// is absent, as on a newcomer's machine.
func sharedDir(t testing.TB) string {
	dir := filepath.Join(repoRoot(t), "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "corpus")); err != nil {
		t.Skipf("skipping: the project's shared folder (%s) with the real letters is absent", dir)
	}
	return dir
}

// logicalLines returns the non-empty lines the parser sees after
// normalisation.
func logicalLines(src []byte) []string {
	doc := text.New(src)
	var out []string
	for _, l := range doc.Lines {
		if !l.Break && l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return out
}

// words returns the word sequence of the normalised text.
func words(src []byte) []string {
	return strings.Fields(strings.Join(logicalLines(src), " "))
}

// lcs is the length of the longest common subsequence of two word lists.
func lcs(a, b []string) int {
	prev := make([]int32, len(b)+1)
	cur := make([]int32, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] > cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}

// agreement is the share of words the two sequences have in common, in
// order: LCS / the longer length.
func agreement(got, want []string) float64 {
	m := max(len(got), len(want))
	if m == 0 {
		return 1
	}
	return float64(lcs(got, want)) / float64(m)
}

// firstDiff describes where two word sequences first part, for a failure
// message (fixture text only: never real letters).
func firstDiff(got, want []string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-5)
	g := strings.Join(got[lo:min(len(got), i+8)], " ")
	w := strings.Join(want[lo:min(len(want), i+8)], " ")
	return "at word " + strconv.Itoa(i) + ": got …" + g + "…, want …" + w + "…"
}
