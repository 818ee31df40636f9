package engine

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/imrlint/imrlint/"

// imports returns the project packages a package's non-test files import,
// by their path below the module ("internal/letter").
func imports(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	out := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(p, module); ok {
				out[rest] = true
			}
		}
	}
	return out
}

// TestArchitecture holds the rule at each boundary of the pipeline that
// docs/architecture.md states, and that the document names every package.
func TestArchitecture(t *testing.T) {
	root := "../.."
	foundations := []string{"internal/position", "internal/document", "internal/ascii", "internal/editdist", "internal/phrase", "internal/quantity", "internal/placeholder", "internal/worddiff"}
	stages := []string{"internal/source", "internal/extract", "internal/text", "internal/letter", "internal/check", "internal/finding", "internal/report", "internal/engine", "internal/cli", "internal/server", "internal/lsp"}
	judging := []string{"internal/check", "internal/finding", "internal/report", "internal/engine", "internal/cli", "internal/server", "internal/lsp", "internal/baseline", "internal/fix"}
	frontEnds := []string{"internal/cli", "internal/server", "internal/lsp"}
	type rule struct {
		pkgs      []string
		forbidden []string
		why       string
	}
	rules := []rule{
		{foundations, append(append([]string{}, stages...), "internal/rules"), "foundations know nothing of letters"},
		{[]string{"internal/source", "internal/extract", "internal/text"}, append([]string{"internal/letter", "internal/rules"}, judging...), "reading and extraction know nothing of letters or checks"},
		{[]string{"internal/letter"}, judging, "the parser describes the letter, it does not judge it"},
		{[]string{"internal/check"}, append([]string{"internal/source", "internal/extract", "internal/baseline", "internal/fix", "internal/config"}, []string{"internal/report", "internal/engine", "internal/cli", "internal/server"}...), "checks know the model and the rules, not how the letter was read or is shown"},
		{[]string{"internal/engine"}, frontEnds, "the engine knows no front end"},
		{frontEnds, []string{"internal/source", "internal/extract", "internal/text", "internal/letter", "internal/placeholder"}, "the front ends read and check letters only through the engine"},
		{[]string{"internal/server"}, []string{"internal/check"}, "the server checks only through the engine"},
		{[]string{"internal/server", "internal/lsp"}, []string{"internal/cli"}, "the servers are started by the command line, not the other way round"},
	}
	for _, r := range rules {
		for _, p := range r.pkgs {
			got := imports(t, filepath.Join(root, p))
			for _, f := range r.forbidden {
				if got[f] {
					t.Errorf("%s imports %s: %s", p, f, r.why)
				}
			}
		}
	}
	// The reporter imports only finding, position and worddiff.
	for p := range imports(t, filepath.Join(root, "internal/report")) {
		switch p {
		case "internal/finding", "internal/position", "internal/worddiff":
		default:
			t.Errorf("internal/report imports %s: the reporter prints the records it is given", p)
		}
	}
	// Only cmd/imrlint imports the CLI. No package's own code imports
	// internal/browsertest, which is for tests, and it imports nothing of
	// the project.
	dirs, _ := filepath.Glob(filepath.Join(root, "internal", "*"))
	tools, _ := filepath.Glob(filepath.Join(root, "tools", "*"))
	cmds, _ := filepath.Glob(filepath.Join(root, "cmd", "*"))
	for _, d := range append(dirs, tools...) {
		if imports(t, d)["internal/cli"] {
			t.Errorf("%s imports internal/cli: only cmd/imrlint does", d)
		}
	}
	for _, d := range append(append(dirs, tools...), cmds...) {
		if imports(t, d)["internal/browsertest"] {
			t.Errorf("%s imports internal/browsertest outside its tests: it is for tests only", d)
		}
	}
	for p := range imports(t, filepath.Join(root, "internal/browsertest")) {
		t.Errorf("internal/browsertest imports %s: it starts a browser for tests and knows nothing of the project", p)
	}

	doc, err := os.ReadFile(filepath.Join(root, "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		name := "internal/" + filepath.Base(d)
		if !strings.Contains(string(doc), "`"+name+"`") {
			missing = append(missing, name)
		}
	}
	for _, d := range tools {
		if !strings.Contains(string(doc), "`tools/"+filepath.Base(d)+"`") {
			missing = append(missing, "tools/"+filepath.Base(d))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("docs/architecture.md does not name %s", strings.Join(missing, ", "))
	}
}
