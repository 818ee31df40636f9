package server

import (
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A Non-MTUS Citation of a guideline other than ODG is shown in the items
// table's Cited-guidelines cell as the letter names it: the fixture's
// MAXIMUS guideline is "Decision based on Non-MTUS Citation ACOEM: Hip and
// groin disorders, diagnostic recommendations, x-ray." (before the parser
// kept that title as the citation's name, the cell was empty).
func TestBrowserNonMTUSCitation(t *testing.T) {
	const path = "../../testdata/letters/clean-2014-nonmtus-acoem.txt"
	const want = "ACOEM: Hip and groin disorders"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, console := browserTab(t, 2*time.Minute)
	h, _ := newHandler(t, 0)
	srv := httptest.NewServer(h)
	defer srv.Close()

	step(t, ctx, "opening the page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("letter")))
	step(t, ctx, "pasting and checking",
		chromedp.SetValue(chromedp.ID("letter"), string(src)),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS("#items tbody tr")),
	)
	// The last column is the Cited-guidelines one.
	if th := eval[string](t, ctx, `document.querySelector("#items thead tr").lastElementChild.textContent`); th != "Cited guidelines" {
		t.Fatalf("the items table's last column is %q, not Cited guidelines", th)
	}
	cells := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#items tbody tr")).map((tr) => tr.lastElementChild.textContent)`)
	if len(cells) != 1 {
		t.Fatalf("the items table has %d rows (cited guidelines %q), want the letter's one item", len(cells), cells)
	}
	if !strings.Contains(cells[0], want) {
		t.Errorf("the item's Cited-guidelines cell is %q, want it to hold %q", cells[0], want)
	}
	for _, m := range console() {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console: %s", m)
		}
	}
}
