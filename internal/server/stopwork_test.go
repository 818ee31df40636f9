package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/imrlint/imrlint/internal/engine"
)

// TestOverBudgetWorkStops: reading a hostile PDF is given up at the
// request's deadline, so the work of a request answered 503 ends there
// and frees its slot. Before, the engine could not be interrupted: the
// answer was 503 but the reading ran to its end (seconds of CPU), holding
// a slot, so a client resending hostile files could keep every slot busy.
func TestOverBudgetWorkStops(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a hostile PDF; skipped with -short")
	}
	stream, _ := heaviestPage(t)
	hostile := hostilePDF(t, 16, stream)
	h, s, _ := budgetServer(t, budgetForStop)
	results := make(chan engine.Result, 1)
	check := s.checkOne
	s.checkOne = func(ctx context.Context, name string, data []byte) engine.Result {
		r := check(ctx, name, data)
		results <- r
		return r
	}
	defer waitIdle(t, s)
	a := <-postAsync(h, "hostile.pdf", hostile, "application/pdf")
	if a.code != http.StatusServiceUnavailable {
		t.Fatalf("the hostile PDF: %d %q, want 503 (over its %s budget)", a.code, a.err, budgetForStop)
	}
	r := <-results // the work's own end, after the answer
	if r.Err == nil {
		t.Fatalf("the hostile PDF was read to its end after its request was answered 503 (%d findings): the work was not stopped at the deadline", len(r.Findings))
	}
	if !strings.Contains(r.Err.Error(), "took longer than") {
		t.Errorf("the work ended with %q, want extraction's time limit", r.Err)
	}
}

// budgetForStop is far below what reading the hostile PDF takes (its 16
// pages each draw the heaviest page extraction allows: seconds).
const budgetForStop = 300 * time.Millisecond
