package report_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoPipelineStage: the reporter reads a narrow record and imports no
// stage of the pipeline; of imrlint's packages it depends on the findings,
// positions and the word diff only.
func TestNoPipelineStage(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	allowed := map[string]bool{"finding": true, "position": true, "worddiff": true, "report": true}
	for _, p := range strings.Fields(string(out)) {
		name, ok := strings.CutPrefix(p, "github.com/imrlint/imrlint/internal/")
		if strings.HasPrefix(p, "github.com/imrlint/imrlint/") && (!ok || !allowed[name]) {
			t.Errorf("internal/report depends on %s", p)
		}
	}
}
