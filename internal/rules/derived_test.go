package rules

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestDerived: every caller gets the one value stored for a key, also when
// many ask at once, and different keys and sets keep different values.
func TestDerived(t *testing.T) {
	type keyA struct{}
	type keyB struct{}
	var s1, s2 Set
	var builds atomic.Int32
	var wg sync.WaitGroup
	got := make([]*int, 50)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = s1.Derived(keyA{}, func() any { builds.Add(1); n := 1; return &n }).(*int)
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("caller %d got a different value than caller 0", i)
		}
	}
	if builds.Load() < 1 {
		t.Fatal("build never ran")
	}
	if again := s1.Derived(keyA{}, func() any { t.Error("built again after storing"); return nil }); again != any(got[0]) {
		t.Error("a later call did not get the stored value")
	}
	b := s1.Derived(keyB{}, func() any { return "b" })
	other := s2.Derived(keyA{}, func() any { return "s2" })
	if b != "b" || other != "s2" {
		t.Errorf("keys or sets share values: %v, %v", b, other)
	}
}
