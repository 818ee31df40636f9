package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/report"
	"github.com/imrlint/imrlint/internal/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// repoRoot is where the tests run, so that paths in the output are the
// stable relative paths a CI run from the repository root would print.
const repoRoot = "../.."

// The letters of the multi-letter run: a fault with a fix and related
// places, a second fault, a clean letter, a file that is not a letter, and
// a path that does not exist.
var multiPaths = []string{
	"testdata/letters/fault-2014-quantity-mismatch.txt",
	"testdata/letters/fault-2014-body-part-mismatch.txt",
	"testdata/letters/clean-2014-massage.txt",
	"testdata/letters/not-a-letter-recipe.txt",
	"testdata/letters/does-not-exist.txt",
}

func newEngine(t testing.TB) *engine.Engine {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatalf("loading built-in rules: %v", err)
	}
	return &engine.Engine{Rules: set, Checks: check.All}
}

// multiRun checks multiPaths from the repository root.
func multiRun(t *testing.T) []engine.Result {
	t.Helper()
	t.Chdir(repoRoot)
	e := newEngine(t)
	var rs []engine.Result
	for _, p := range multiPaths {
		rs = append(rs, e.CheckFile(p))
	}
	// The run must exercise what the formats have to render, or the
	// golden files pin less than they seem to.
	var fixes, related, unreadable int
	for _, r := range rs {
		if r.Err != nil {
			unreadable++
		}
		for _, f := range r.Findings {
			if f.Fix != nil {
				fixes++
			}
			related += len(f.Related)
		}
	}
	if fixes == 0 || related == 0 || unreadable != 1 {
		t.Fatalf("fixture run has %d fixes, %d related places, %d unreadable files; want some, some, 1", fixes, related, unreadable)
	}
	return rs
}

// golden compares got with testdata/golden/name, or rewrites it with
// -update. The working directory is the repository root (see multiRun).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata/golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update if the change is intended)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// write prints results in the named format as the command line does: each
// result made the reporter's record by the engine, checks as the registry.
func write(t testing.TB, format string, rs []engine.Result, checks []*check.Check) []byte {
	t.Helper()
	return writeWith(t, format, rs, report.Options{Version: "test", Checks: engine.ReportChecks(checks)})
}

// writeWith is write with the report's options as given.
func writeWith(t testing.TB, format string, rs []engine.Result, o report.Options) []byte {
	t.Helper()
	f, ok := report.Lookup(format)
	if !ok {
		t.Fatalf("no format %s", format)
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.Write(&b, f, engine.ReportFiles(rs, set, f.Fingerprints), o, report.Extra{}); err != nil {
		t.Fatal(err)
	}
	if format == "json" || format == "jsonl" {
		// Every JSON output of the tests is held to the contract's schema.
		report.CheckJSONContract(t, format, b.Bytes())
	}
	return b.Bytes()
}

func sarifOf(t *testing.T, rs []engine.Result) []byte { return write(t, "sarif", rs, check.All) }

func githubOf(t *testing.T, rs []engine.Result) []byte { return write(t, "github", rs, nil) }

func junitOf(t *testing.T, rs []engine.Result) []byte { return write(t, "junit", rs, nil) }

// goldenChecks are the rules of the SARIF golden file: the checks that
// fire in the multi-letter run and one that does not, with stand-in
// documentation. With check.All and the real Docs, adding a check or
// editing any Doc would break this package's golden test; the real rules
// are validated against the schema and compared with check.All in the
// other SARIF tests instead.
func goldenChecks(t *testing.T) []*check.Check {
	t.Helper()
	var cs []*check.Check
	for _, name := range []string{"not-a-letter", "letter-structure", "quantity-mismatch", "body-part-mismatch"} {
		c := check.ByName(name)
		if c == nil {
			t.Fatalf("no check %s", name)
		}
		cs = append(cs, &check.Check{
			Name:     c.Name,
			Severity: c.Severity,
			Summary:  "what " + c.Name + " reports",
			// Wrapped paragraphs and characters Markdown would read.
			Doc: "\nThe first paragraph of " + c.Name + ",\nwrapped.\n\nA header \"Norco 10/325mg #120\" with *2x6* and <b>[sic]</b>:\n\n  - a list item\n",
		})
	}
	return cs
}

func TestGoldenSARIF(t *testing.T) {
	rs := multiRun(t)
	golden(t, "report-multi.sarif", write(t, "sarif", rs, goldenChecks(t)))
}

func TestGoldenGitHub(t *testing.T) {
	golden(t, "report-multi.github", githubOf(t, multiRun(t)))
}

func TestGoldenJUnit(t *testing.T) {
	golden(t, "report-multi.junit.xml", junitOf(t, multiRun(t)))
}

// compileSARIFSchema loads the vendored OASIS schema. The compiler's
// default loader reads files only, so nothing is fetched from the network.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const path = "testdata/sarif/sarif-schema-2.1.0.json"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // check "uri" and "uri-reference" values too
	if err := c.AddResource(abs, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatalf("compiling %s: %v", path, err)
	}
	return sch
}

func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return v
}

// TestSARIFSchema validates a multi-letter run against the official
// SARIF 2.1.0 schema, and checks that the validation is not vacuous by
// breaking the log and expecting it to be refused.
func TestSARIFSchema(t *testing.T) {
	rs := multiRun(t)
	sch := compileSARIFSchema(t)
	out := sarifOf(t, rs)
	if err := sch.Validate(decodeJSON(t, out)); err != nil {
		t.Fatalf("SARIF output does not validate:\n%v", err)
	}
	// Paths that are not plain relative paths must still be valid URIs.
	src, err := os.ReadFile(multiPaths[0])
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t)
	odd := []engine.Result{e.CheckBytes("/abs/dir/my letter.txt", src), e.CheckBytes("a:b/c d%.txt", src), e.CheckBytes("-", src)}
	if err := sch.Validate(decodeJSON(t, sarifOf(t, odd))); err != nil {
		t.Errorf("SARIF with unusual paths does not validate:\n%v", err)
	}
	bad := bytes.Replace(out, []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	if bytes.Equal(bad, out) {
		t.Fatal("no error-level result in the run to break")
	}
	if err := sch.Validate(decodeJSON(t, bad)); err == nil {
		t.Error("a result with level \"fatal\" validated; the schema checks nothing")
	}
}

// sarifDoc is the part of the log the tests read.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
						EndLine     int `json:"endLine"`
						EndColumn   int `json:"endColumn"`
						Snippet     any `json:"snippet"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Fixes               []any             `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

func parseSARIF(t *testing.T, b []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(d.Runs))
	}
	return d
}

// TestSARIFContents checks what GitHub code scanning relies on beyond the
// schema: every check is a rule, results point at their rule, paths are
// relative to %SRCROOT%, and an unreadable file fails the invocation.
func TestSARIFContents(t *testing.T) {
	rs := multiRun(t)
	d := parseSARIF(t, sarifOf(t, rs))
	if d.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || d.Version != "2.1.0" {
		t.Errorf("$schema %q, version %q", d.Schema, d.Version)
	}
	run := d.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != len(check.All) {
		t.Fatalf("%d rules, want one per check (%d)", len(rules), len(check.All))
	}
	levels := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Info: "note"}
	for i, c := range check.All {
		r := rules[i]
		if r.ID != c.Name {
			t.Errorf("rule %d is %q, want %q", i, r.ID, c.Name)
			continue
		}
		if r.Name == "" || strings.ContainsAny(r.Name, "- ") || r.ShortDescription.Text != c.Summary ||
			r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %s: incomplete: %+v", c.Name, r)
		}
		if r.DefaultConfiguration.Level != levels[c.Severity] {
			t.Errorf("rule %s: level %q, want %q", c.Name, r.DefaultConfiguration.Level, levels[c.Severity])
		}
	}
	if got := rules[2].Name; check.All[2].Name == "quantity-mismatch" && got != "QuantityMismatch" {
		t.Errorf("name of quantity-mismatch = %q, want QuantityMismatch", got)
	}

	var want int
	for _, r := range rs {
		want += len(r.Findings)
	}
	if len(run.Results) != want {
		t.Fatalf("%d results, want %d", len(run.Results), want)
	}
	fixes := 0
	for _, res := range run.Results {
		if res.RuleIndex == nil || rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex does not name its rule", res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "testdata/letters/") || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %s: artifact location %+v", res.RuleID, loc.ArtifactLocation)
		}
		if loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 || loc.Region.Snippet != nil {
			t.Errorf("result %s: region %+v", res.RuleID, loc.Region)
		}
		if res.PartialFingerprints["imrlintFingerprint/v1"] == "" {
			t.Errorf("result %s: no fingerprint", res.RuleID)
		}
		fixes += len(res.Fixes)
	}
	if fixes == 0 {
		t.Error("no result carries a fix")
	}

	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].Notifications) != 1 ||
		inv[0].Notifications[0].Level != "error" || !strings.Contains(inv[0].Notifications[0].Message.Text, "does-not-exist.txt") {
		t.Errorf("invocations = %+v, want one failed invocation naming the missing file", inv)
	}

	// With every file read, the invocation succeeded.
	d = parseSARIF(t, sarifOf(t, rs[:1]))
	if inv := d.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].Notifications) != 0 {
		t.Errorf("invocations of a clean run = %+v", inv)
	}
}

// TestSARIFFingerprintsSurviveLineShift inserts blank lines at the top of
// a letter: the results move down and keep their fingerprints, so code
// scanning keeps the alerts open rather than closing and reopening them.
func TestSARIFFingerprintsSurviveLineShift(t *testing.T) {
	t.Chdir(repoRoot)
	const path = "testdata/letters/fault-2014-quantity-mismatch.txt"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t)
	before := parseSARIF(t, sarifOf(t, []engine.Result{e.CheckBytes(path, src)})).Runs[0].Results
	shifted := append([]byte("\n\n\n"), src...)
	after := parseSARIF(t, sarifOf(t, []engine.Result{e.CheckBytes(path, shifted)})).Runs[0].Results
	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("%d results before, %d after inserting lines", len(before), len(after))
	}
	for i := range before {
		b, a := before[i], after[i]
		if a.Locations[0].PhysicalLocation.Region.StartLine != b.Locations[0].PhysicalLocation.Region.StartLine+3 {
			t.Errorf("result %d (%s) did not move down 3 lines", i, b.RuleID)
		}
		if b.PartialFingerprints["imrlintFingerprint/v1"] != a.PartialFingerprints["imrlintFingerprint/v1"] {
			t.Errorf("result %d (%s): fingerprint changed from %s to %s", i, b.RuleID,
				b.PartialFingerprints["imrlintFingerprint/v1"], a.PartialFingerprints["imrlintFingerprint/v1"])
		}
	}
}

// TestJUnitParses reads the report back with encoding/xml: one test case
// per file, failures for the errors of the faulty letters, an error for the
// missing file.
func TestJUnitParses(t *testing.T) {
	rs := multiRun(t)
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Name     string   `xml:"name,attr"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				ClassName string `xml:"classname,attr"`
				Name      string `xml:"name,attr"`
				Error     *struct {
					Message string `xml:"message,attr"`
				} `xml:"error"`
				Failures []struct {
					Type    string `xml:"type,attr"`
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(junitOf(t, rs), &doc); err != nil {
		t.Fatalf("JUnit output does not parse: %v", err)
	}
	if doc.Name != "imrlint" || len(doc.Suites) != 1 || doc.Suites[0].Name != "imrlint" {
		t.Fatalf("want one imrlint suite in imrlint suites, got %+v", doc)
	}
	cases := doc.Suites[0].Cases
	if len(cases) != len(rs) || doc.Tests != len(rs) {
		t.Fatalf("%d test cases (tests=%d), want one per file (%d)", len(cases), doc.Tests, len(rs))
	}
	failed := 0
	for i, c := range cases {
		r := rs[i]
		if c.Name != r.Path || c.ClassName != "imrlint" {
			t.Errorf("case %d is %s/%s, want imrlint/%s", i, c.ClassName, c.Name, r.Path)
		}
		if (c.Error != nil) != (r.Err != nil) {
			t.Errorf("%s: error element %v, read error %v", r.Path, c.Error, r.Err)
		}
		var want int
		for _, f := range r.Findings {
			if f.Severity >= finding.Error { // the default fail level
				want++
			}
		}
		if len(c.Failures) != want {
			t.Errorf("%s: %d failures, want %d", r.Path, len(c.Failures), want)
		}
		if want > 0 {
			failed++
		}
		for _, f := range c.Failures {
			if f.Type == "" || f.Message == "" || !strings.HasPrefix(f.Text, r.Path+":") {
				t.Errorf("%s: failure %+v", r.Path, f)
			}
		}
	}
	if doc.Failures != failed || doc.Errors != 1 || failed < 2 {
		t.Errorf("failures=%d errors=%d, want %d and 1", doc.Failures, doc.Errors, failed)
	}
}

// TestGitHubEscaping feeds a path and a message with the characters that
// would end or split a workflow command.
func TestGitHubEscaping(t *testing.T) {
	src := []byte("line one\nline two, with: punctuation\n")
	rs := []engine.Result{
		{
			Path: "letters/a,b:c%d.txt",
			Src:  src,
			Findings: []finding.Finding{
				{Check: "quantity-mismatch", Severity: finding.Error, Message: "18 sessions, not 12: 100%\nsecond line\r", Span: finding.Span{Start: 9, End: 13}},
				{Check: "copied-rationale", Severity: finding.Warning, Message: "w", Span: finding.Span{Start: 0, End: 13}},
				{Check: "letter-structure", Severity: finding.Info, Message: "i", Span: finding.Span{Start: 5, End: 8}},
			},
		},
		{Path: "gone,1.txt", Err: &pathError{"gone,1.txt", "no such file or directory"}},
	}
	got := strings.Split(strings.TrimSuffix(string(githubOf(t, rs)), "\n"), "\n")
	want := []string{
		"::error file=letters/a%2Cb%3Ac%25d.txt,line=2,col=1,endLine=2,endColumn=5,title=quantity-mismatch::18 sessions, not 12: 100%25%0Asecond line%0D",
		// Spanning two lines: no columns, which GitHub takes on one line only.
		"::warning file=letters/a%2Cb%3Ac%25d.txt,line=1,endLine=2,title=copied-rationale::w",
		"::notice file=letters/a%2Cb%3Ac%25d.txt,line=1,col=6,endLine=1,endColumn=9,title=letter-structure::i",
		"::error file=gone%2C1.txt::gone,1.txt: no such file or directory",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, got[i], want[i])
		}
	}
}

type pathError struct{ path, msg string }

func (e *pathError) Error() string { return e.path + ": " + e.msg }

// TestNoLetterTextInOutput guards the rule that machine formats carry
// messages, never the letter: no long line of any input appears in them.
func TestNoLetterTextInOutput(t *testing.T) {
	rs := multiRun(t)
	// The SARIF log is written without rules here: the checks' own
	// documentation quotes example letter lines, which is not letter text.
	outputs := map[string][]byte{"sarif": write(t, "sarif", rs, nil), "github": githubOf(t, rs), "junit": junitOf(t, rs)}
	for _, r := range rs {
		for _, line := range strings.Split(string(r.Src), "\n") {
			line = strings.TrimSpace(line)
			if len(line) < 40 {
				continue
			}
			for name, out := range outputs {
				if bytes.Contains(out, []byte(line)) {
					t.Errorf("%s output quotes a line of %s: %q", name, r.Path, line)
				}
			}
		}
	}
}
