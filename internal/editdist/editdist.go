// Package editdist measures how far apart two words are, for the "did you
// mean" of a mistyped flag (internal/cli; commands are suggested by cobra)
// and of a guideline name the catalog does not know (internal/check). It is
// a foundation: it imports nothing of the project.
package editdist

// Distance is the number of edits that turn a into b: a code point
// inserted, deleted or replaced, or two neighbouring code points swapped
// (the commonest typing slip: "chekc" is one edit from "check"). It is the
// optimal string alignment distance, counted in code points, not bytes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
