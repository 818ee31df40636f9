package install

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// actionlintVersion is the actionlint the action and workflows are linted
// with (go run github.com/rhysd/actionlint/cmd/actionlint@VERSION).
const actionlintVersion = "v1.7.12"

// actionlint is an actionlint to run: the one on PATH, or this version
// installed from the module proxy (or the module cache) into a temporary
// GOBIN; the test skips where neither can be had.
func actionlint(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("actionlint"); err == nil {
		return p
	}
	gobin := t.TempDir()
	// go install pkg@version takes no -mod flag from GOFLAGS.
	out, code := run(t, gobin, environ("GOBIN="+gobin, "GOFLAGS="), "go", "install", "github.com/rhysd/actionlint/cmd/actionlint@"+actionlintVersion)
	if code != 0 {
		t.Skipf("actionlint %s could not be installed (no module proxy?): %s", actionlintVersion, out)
	}
	return filepath.Join(gobin, "actionlint")
}

// TestActionlint: the workflows under .github/workflows (among them the
// one that runs the action with `uses: ./`, whose inputs actionlint checks
// against action.yml) and the action's own steps, set in a reusable
// workflow with the action's inputs, pass actionlint (with shellcheck on
// every run script where shellcheck is installed).
func TestActionlint(t *testing.T) {
	if testing.Short() {
		t.Skip("installs actionlint; skipped with -short")
	}
	lint := actionlint(t)
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Log("shellcheck is not installed: run scripts are not checked (apt-get install shellcheck)")
	}
	workflows, _ := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.y*ml"))
	if len(workflows) == 0 {
		t.Fatal("no workflow under .github/workflows: the action is used by none")
	}
	var rel []string
	for _, w := range workflows {
		r, _ := filepath.Rel(root, w)
		rel = append(rel, r)
	}
	if out, code := run(t, root, nil, lint, append([]string{"-no-color"}, rel...)...); code != 0 {
		t.Errorf("actionlint %s: exit %d\n%s", strings.Join(rel, " "), code, out)
	}

	action, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	wf, err := stepsWorkflow(string(action))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".github", "workflows"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, ".github", "workflows", "action-steps.yml"), []byte(wf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := run(t, dir, nil, lint, "-no-color", ".github/workflows/action-steps.yml"); code != 0 {
		t.Errorf("actionlint on action.yml's steps: exit %d\n%s\nthe workflow made of them:\n%s", code, out, wf)
	}
	if _, err := exec.LookPath("shellcheck"); err == nil {
		if out, code := run(t, root, nil, "shellcheck", ".github/action/run.sh"); code != 0 {
			t.Errorf("shellcheck .github/action/run.sh: exit %d\n%s", code, out)
		}
	}
}

var (
	topKey    = regexp.MustCompile(`(?m)^[A-Za-z-]+:`)
	inputName = regexp.MustCompile(`(?m)^  ([A-Za-z0-9_-]+):\s*$`)
)

// stepsWorkflow sets the composite action's steps in a reusable workflow
// that declares its inputs, so that actionlint checks them as it checks a
// job's (expressions, contexts, the actions they use, shellcheck).
func stepsWorkflow(action string) (string, error) {
	section := func(key string) (string, bool) {
		i := strings.Index(action, "\n"+key+":\n")
		if i < 0 {
			return "", false
		}
		rest := action[i+len(key)+2:] // from the new line ending "key:"
		if j := topKey.FindStringIndex(rest); j != nil {
			rest = rest[:j[0]]
		}
		return rest, true
	}
	inputs, ok := section("inputs")
	if !ok {
		return "", errors.New("action.yml has no inputs: section")
	}
	runs, ok := section("runs")
	if !ok || !strings.Contains(runs, "\n  using: composite\n") {
		return "", errors.New("action.yml runs no composite steps")
	}
	i := strings.Index(runs, "\n  steps:\n")
	if i < 0 {
		return "", errors.New("action.yml's runs: has no steps:")
	}
	var b strings.Builder
	b.WriteString("name: action.yml's steps\non:\n  workflow_call:\n    inputs:\n")
	for _, m := range inputName.FindAllStringSubmatch(inputs, -1) {
		b.WriteString("      " + m[1] + ":\n        type: string\n        required: false\n")
	}
	b.WriteString("jobs:\n  action:\n    runs-on: ubuntu-latest\n    steps:\n")
	for _, l := range strings.Split(strings.TrimRight(runs[i+len("\n  steps:\n"):], "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("  " + l + "\n")
	}
	return b.String(), nil
}

// TestActionRunStep runs the action's "Run imrlint" step
// (.github/action/run.sh) as the runner would, with the inputs in the
// environment and $GITHUB_OUTPUT a file: the report is written, the
// outputs say imrlint's exit code and the report's file, the step itself
// exits 0 (the last step exits with the code), and the inputs reach
// imrlint (paths, format, fail-level, args, output).
func TestActionRunStep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds imrlint; skipped with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the step runs with bash")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	bin := imrlint(t)
	script, err := filepath.Abs(filepath.Join(root, ".github", "action", "run.sh"))
	if err != nil {
		t.Fatal(err)
	}
	action, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	// The step's environment names every variable the script reads.
	for _, v := range []string{"IMRLINT_PATHS", "IMRLINT_FORMAT", "IMRLINT_FAIL_LEVEL", "IMRLINT_ARGS", "IMRLINT_OUTPUT"} {
		if !strings.Contains(string(action), v+": ${{ inputs.") {
			t.Errorf("action.yml does not pass %s from an input to the run step", v)
		}
	}
	if !strings.Contains(string(action), `"$GITHUB_ACTION_PATH/.github/action/run.sh"`) {
		t.Error("action.yml does not run .github/action/run.sh")
	}

	fault, _ := os.ReadFile(filepath.Join(root, "testdata/letters/fault-2014-quantity-mismatch.txt"))
	clean, _ := os.ReadFile(filepath.Join(root, "testdata/letters/clean-2014-massage.txt"))
	cases := []struct {
		name             string
		env              []string
		code, report     string
		inReport, inLog  string
		noReportExpected bool
		stale            bool // an imrlint.sarif from an earlier step is in the workspace
	}{
		{name: "a clean letter, SARIF", env: []string{"IMRLINT_PATHS=letters/clean.txt"}, code: "0", report: "imrlint.sarif"},
		{name: "a faulty letter, SARIF", env: []string{"IMRLINT_PATHS=letters/fault.txt"}, code: "1", report: "imrlint.sarif", inReport: "quantity-mismatch"},
		{name: "a directory and a file on two lines", env: []string{"IMRLINT_PATHS=letters\nletters/clean.txt"}, code: "1", report: "imrlint.sarif", inReport: "fault.txt"},
		{name: "format github annotates", env: []string{"IMRLINT_PATHS=letters", "IMRLINT_FORMAT=github"}, code: "1", inLog: "::error file=letters/fault.txt", noReportExpected: true},
		{name: "args reach imrlint", env: []string{"IMRLINT_PATHS=letters", "IMRLINT_ARGS=--disable quantity-mismatch"}, code: "0", report: "imrlint.sarif"},
		{name: "fail-level reaches imrlint", env: []string{"IMRLINT_PATHS=letters/clean.txt", "IMRLINT_FAIL_LEVEL=nonsense"}, code: "2"},
		{name: "output names the report", env: []string{"IMRLINT_PATHS=letters", "IMRLINT_FORMAT=json", "IMRLINT_OUTPUT=out/report.json"}, code: "1", report: "out/report.json", inReport: `"quantity-mismatch"`},
		{name: "bad usage is exit 2, the step still 0", env: []string{"IMRLINT_PATHS=letters", "IMRLINT_ARGS=--no-such-flag"}, code: "2"},
		{name: "a stale report is not this run's", env: []string{"IMRLINT_PATHS=letters", "IMRLINT_ARGS=--no-such-flag"}, code: "2", noReportExpected: true, stale: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			work := t.TempDir()
			os.MkdirAll(filepath.Join(work, "letters"), 0o755)
			os.MkdirAll(filepath.Join(work, "out"), 0o755)
			os.WriteFile(filepath.Join(work, "letters", "fault.txt"), fault, 0o644)
			os.WriteFile(filepath.Join(work, "letters", "clean.txt"), clean, 0o644)
			if c.stale {
				os.WriteFile(filepath.Join(work, "imrlint.sarif"), []byte(`{"version":"2.1.0","runs":[]}`), 0o644)
			}
			outputs := filepath.Join(t.TempDir(), "github_output")
			env := environ(append([]string{"IMRLINT=" + bin, "GITHUB_OUTPUT=" + outputs,
				"IMRLINT_PATHS=", "IMRLINT_FORMAT=", "IMRLINT_FAIL_LEVEL=", "IMRLINT_ARGS=", "IMRLINT_OUTPUT="}, c.env...)...)
			log, code := run(t, work, env, "bash", script)
			if code != 0 {
				t.Fatalf("the step exited %d, want 0 (the last step exits with imrlint's code)\n%s", code, log)
			}
			got := map[string]string{}
			b, _ := os.ReadFile(outputs)
			for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				if k, v, ok := strings.Cut(l, "="); ok {
					got[k] = v
				}
			}
			if got["exit-code"] != c.code {
				t.Errorf("exit-code=%q, want %q\n%s", got["exit-code"], c.code, log)
			}
			if c.report != "" && got["report"] != c.report {
				t.Errorf("report=%q, want %q", got["report"], c.report)
			}
			if c.noReportExpected && got["report"] != "" {
				t.Errorf("report=%q, want none", got["report"])
			}
			if c.report != "" {
				rep, err := os.ReadFile(filepath.Join(work, c.report))
				if err != nil {
					t.Fatalf("no report: %v\n%s", err, log)
				}
				if strings.HasSuffix(c.report, ".sarif") {
					var s struct {
						Version string `json:"version"`
						Runs    []struct {
							Results []json.RawMessage `json:"results"`
						} `json:"runs"`
					}
					if err := json.Unmarshal(rep, &s); err != nil || s.Version != "2.1.0" || len(s.Runs) != 1 {
						t.Errorf("the report is not one run of SARIF 2.1.0 (%v): %.300s", err, rep)
					} else if (c.code == "0") != (len(s.Runs[0].Results) == 0) {
						t.Errorf("%d results with exit code %s", len(s.Runs[0].Results), c.code)
					}
				}
				if c.inReport != "" && !strings.Contains(string(rep), c.inReport) {
					t.Errorf("the report lacks %q: %.500s", c.inReport, rep)
				}
			}
			if c.inLog != "" && !strings.Contains(log, c.inLog) {
				t.Errorf("the log lacks %q:\n%s", c.inLog, log)
			}
		})
	}
}
