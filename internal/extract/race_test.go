//go:build race

package extract

// raceEnabled: the race detector changes what escapes to the heap, so the
// tests' budgets of bytes allocated do not hold under it (the work counts
// and the errors still do).
const raceEnabled = true
