package rules

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// manyRules is a limits file of n rules.
func manyRules(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "[[rule]]\nid = \"scale-%d\"\nsummary = \"rule %d\"\ntreatment = \"massage-therapy\"\nregions = []\nguideline = \"mtus-cpmtg\"\neditions = [2009]\nsection = \"massage-therapy\"\nkind = \"visits\"\nmin = 4\nmax = 6\nsource = \"test\"\nconfidence = \"unconfirmed\"\n\n", i, i)
	}
	return b.String()
}

// loadBytes is the memory Load allocates for a limits file of n rules,
// beyond what it allocates for none: a count of work that does not depend
// on how busy the machine is.
func loadBytes(t *testing.T, n int) uint64 {
	t.Helper()
	measure := func(file string) uint64 {
		fsys := rulesWith(t, map[string]string{"limits/scale.toml": file})
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := Load(fsys, DefaultCatalogFS); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	base := measure(manyRules(0))
	got := measure(manyRules(n))
	if got < base {
		return 0
	}
	return got - base
}

// TestRuleLoadingScalesLinearly: loading 4 times the rules allocates about
// 4 times the memory, not 16 times (each rule's line was once found by
// copying and searching the whole file).
func TestRuleLoadingScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 7,000 rules")
	}
	one, four := loadBytes(t, 1000), loadBytes(t, 4000)
	if one == 0 {
		t.Fatal("1,000 rules allocated nothing: the measure is broken")
	}
	ratio := float64(four) / float64(one)
	t.Logf("1,000 rules: %d KiB; 4,000 rules: %d KiB; ratio %.2f", one>>10, four>>10, ratio)
	if ratio > 6 {
		t.Errorf("4× the rules allocate %.1f× the memory: loading is not linear", ratio)
	}
}
