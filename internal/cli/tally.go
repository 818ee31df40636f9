package cli

import (
	"fmt"
	"io"
	"sort"

	"github.com/imrlint/imrlint/internal/finding"
)

// tally counts the findings a run reports (after a baseline, after
// fixes), for --statistics and --max-warnings, so that both agree with
// the report whatever the mode.
type tally struct {
	byCheck  map[string]int
	warnings int
}

func (t *tally) add(fs []finding.Finding) {
	if t.byCheck == nil {
		t.byCheck = map[string]int{}
	}
	for _, f := range fs {
		t.byCheck[f.Check]++
		if f.Severity == finding.Warning {
			t.warnings++
		}
	}
}

// write prints the number of findings of each check, most first, as
// flake8 --statistics does.
func (t *tally) write(w io.Writer) {
	names := make([]string, 0, len(t.byCheck))
	width := 1
	for n, k := range t.byCheck {
		names = append(names, n)
		width = max(width, len(fmt.Sprint(k)))
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := t.byCheck[names[i]], t.byCheck[names[j]]
		return a > b || (a == b && names[i] < names[j])
	})
	fmt.Fprintln(w, "findings by check:")
	if len(names) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, n := range names {
		fmt.Fprintf(w, "  %*d %s\n", width, t.byCheck[n], n)
	}
}

// exit applies --max-warnings (max < 0: no limit) to a run's code: more
// warnings than max fail a run that would have passed, as eslint does;
// stderr is told why.
func (t *tally) exit(code, max int, stderr io.Writer) int {
	if max < 0 || t.warnings <= max || code != ExitOK {
		return code
	}
	fmt.Fprintf(stderr, "imrlint: %s reported, more than --max-warnings %d\n", plural(t.warnings, "warning"), max)
	return ExitFindings
}
