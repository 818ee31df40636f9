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
	// The budget is a few pages' reading, measured here, so that on any
	// machine the 24 pages take several times the budget (and stay under
	// extraction's 2 M characters of all pages).
	stream, page := heaviestPage(t)
	hostile := hostilePDF(t, 24, stream)
	budget := max(3*page, 2*time.Millisecond)
	h, s, _ := budgetServer(t, budget)
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
		t.Fatalf("the hostile PDF: %d %q, want 503 (over its %s budget)", a.code, a.err, budget)
	}
	r := <-results // the work's own end, after the answer
	if r.Err == nil {
		t.Fatalf("the hostile PDF was read to its end after its request was answered 503 (%d findings): the work was not stopped at the deadline", len(r.Findings))
	}
	if !strings.Contains(r.Err.Error(), "took longer than") {
		t.Errorf("the work ended with %q, want extraction's time limit", r.Err)
	}
}
