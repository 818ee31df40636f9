package quantity

import (
	"strings"
	"testing"
	"time"
)

func TestScaleDbg(t *testing.T) {
	for _, unit := range []string{"1x", "L4-", "1-", "1/", "twenty ", "between 1 and ", "(", "#", "1 (one) ", "x1", "1 x ", "a ", "1.1.", "1,000,", "www.", "2 times a week for ", "day's supply ", "M5-", "4-L", ":", "1:", "Oct 1, "} {
		for _, n := range []int{1000, 10000, 100000} {
			s := strings.Repeat(unit, n)
			st := time.Now()
			Find(s)
			d := time.Since(st)
			t.Logf("%-20q n=%6d %v (%.1f ns/byte)", unit, n, d, float64(d.Nanoseconds())/float64(len(s)))
		}
	}
}
