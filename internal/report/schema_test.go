package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/report"
)

// The JSON contract's schema, docs/imrlint.schema.json, is held to the
// outputs: every JSON output of this package's tests validates against it
// (write, CheckJSONContract), so do the command's over every fixture, and
// it refuses an invented field, a wrong type or a missing one. Its
// properties are those of the Go types that print the contract, field for
// field.

// fixturePaths are every fixture letter and document, and a path that
// does not exist, from the repository root.
func fixturePaths(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, pat := range []string{"testdata/letters/*.txt", "testdata/docs/*.txt", "testdata/docs/*.pdf", "testdata/docs/*.docx"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 100 {
		t.Fatalf("%d fixtures under testdata: the run would test little", len(paths))
	}
	return append(paths, "testdata/letters/does-not-exist.txt")
}

// keysOf collects every object key of a JSON document, by path
// ("files.findings.related.line").
func keysOf(v any, path string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := strings.TrimPrefix(path+"."+k, ".")
			out[p] = true
			keysOf(e, p, out)
		}
	case []any:
		for _, e := range x {
			keysOf(e, path, out)
		}
	}
}

// The fields the fixtures must exercise, or validating them pins less
// than it seems to (a range's max and a baseline come from
// TestJSONContractSynthetic and the command's --baseline run).
var wantKeys = []string{
	"files.error", "files.items.medication", "files.items.strength", "files.items.body_part",
	"files.items.quantity.unit", "files.items.original", "files.items.authorized",
	"files.findings.related.message", "files.findings.fix.replacement", "files.findings.suggestion.replacement",
	"files.findings.page", "files.findings.page_line", "files.findings.related.page",
}

func requireKeys(t *testing.T, out []byte, want []string) {
	t.Helper()
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	keysOf(v, "", keys)
	for _, k := range want {
		if !keys[k] {
			t.Errorf("no output has %s: the schema's part for it is not exercised", k)
		}
	}
}

// TestJSONContractFixtures prints every fixture in json and jsonl as the
// command line does (write validates both against the schema).
func TestJSONContractFixtures(t *testing.T) {
	t.Chdir(repoRoot)
	e := newEngine(t)
	var rs []engine.Result
	for _, p := range fixturePaths(t) {
		rs = append(rs, e.CheckFile(p))
	}
	out := write(t, "json", rs, check.All)
	write(t, "jsonl", rs, check.All)
	requireKeys(t, out, wantKeys)
	// Each file alone too, as /api/check answers a letter.
	f, _ := report.Lookup("json")
	for _, file := range engine.ReportFiles(rs, e.Rules, false) {
		var b bytes.Buffer
		if err := report.Write(&b, f, []report.File{file}, report.Options{Version: "test"}, report.Extra{}); err != nil {
			t.Fatal(err)
		}
		report.CheckJSONContract(t, "json", b.Bytes())
	}
}

// TestJSONContractSynthetic: what the fixtures do not print (a range,
// an empty unit, a baseline in the summary, no file at all) validates too.
func TestJSONContractSynthetic(t *testing.T) {
	hi := 6.0
	src := []byte("line one\nline two\n")
	files := []report.File{{Path: "a.txt", Kind: "text", Layout: "imr-2013", Letter: true, Src: src,
		Items: []report.Item{{Index: 1, Treatment: "physical therapy", Quantity: &report.Quantity{Value: 4, Max: &hi, Unit: "weeks"}, Decision: "partial", Line: 2},
			{Index: 2, Treatment: "", Quantity: &report.Quantity{Value: 3, Unit: ""}, Decision: "", Line: 3}},
		Findings: []finding.Finding{{Check: "letter-structure", Severity: finding.Info, Message: "m", Span: finding.Span{Start: 0, End: 0}, FileLevel: true,
			Related: []finding.Related{{Span: finding.Span{Start: 9, End: 13}}},
			Fix:     &finding.Fix{Span: finding.Span{Start: 0, End: 4}, Replacement: ""}}}}}
	for _, fs := range [][]report.File{files, nil} {
		for _, format := range []string{"json", "jsonl"} {
			f, _ := report.Lookup(format)
			var b bytes.Buffer
			extra := report.Extra{Baseline: &report.BaselineSummary{Suppressed: 2, Stale: 1}}
			if err := report.Write(&b, f, fs, report.Options{Version: "test"}, extra); err != nil {
				t.Fatal(err)
			}
			report.CheckJSONContract(t, format, b.Bytes())
			if format == "json" && fs != nil {
				requireKeys(t, b.Bytes(), []string{"files.items.quantity.max", "summary.baseline.stale", "files.findings.fix.replacement"})
			}
		}
	}
}

// buildCLI builds the command into a temporary directory.
func buildCLI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the command is not built")
	}
	bin := filepath.Join(t.TempDir(), "imrlint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/imrlint")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/imrlint: %v\n%s", err, out)
	}
	return bin
}

// TestJSONContractCLI runs `imrlint check --format json|jsonl` over all
// the fixtures (letters, documents, templates with their configuration,
// a baseline applied), and over the real letters of ../shared when they
// are there, and validates what it prints.
func TestJSONContractCLI(t *testing.T) {
	bin := buildCLI(t)
	t.Chdir(repoRoot)
	base := filepath.Join(t.TempDir(), "baseline.json")
	if out, err := exec.Command(bin, "check", "--no-config", "--quiet", "--write-baseline", base, "testdata/letters").CombinedOutput(); err != nil {
		t.Fatalf("--write-baseline: %v\n%s", err, out)
	}
	runs := [][]string{
		{"--no-config", "testdata/letters"},
		{"--no-config", "testdata/docs"},
		{"--no-config", "testdata/letters/fault-2014-quantity-mismatch.txt", "testdata/letters/does-not-exist.txt"},
		{"--config", "testdata/templates/.imrlint.toml", "testdata/templates"},
		{"--no-config", "--baseline", base, "testdata/letters"},
	}
	shared := 0
	for _, d := range []string{"../shared/corpus/text", "../shared/corpus/pdf", "../shared/letters"} {
		if _, err := os.Stat(d); err == nil {
			runs = append(runs, []string{"--no-config", d})
			shared++
		}
	}
	if shared == 0 {
		t.Log("../shared is absent: the real letters are not run (the fixtures are)")
	}
	var all []byte
	for _, args := range runs {
		for _, format := range []string{"json", "jsonl"} {
			cmd := exec.Command(bin, append([]string{"check", "--quiet", "--format", format}, args...)...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 2) {
				t.Fatalf("imrlint %s: %v\n%s", strings.Join(cmd.Args[1:], " "), err, stderr.Bytes())
			}
			if err := report.ValidateJSONContract(format, stdout.Bytes()); err != nil {
				t.Errorf("imrlint %s does not validate against the schema:\n%v", strings.Join(cmd.Args[1:], " "), err)
			}
			if format == "json" {
				all = append(all, stdout.Bytes()...)
			}
		}
	}
	// One document of every run's report, to see what they exercised.
	dec := json.NewDecoder(bytes.NewReader(all))
	keys := map[string]bool{}
	for dec.More() {
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		keysOf(v, "", keys)
	}
	for _, k := range append(wantKeys, "summary.baseline.suppressed") {
		if !keys[k] {
			t.Errorf("no run printed %s: the schema's part for it is not exercised", k)
		}
	}
}

// validReport is a report with every part, from a fixture run; each call
// decodes a fresh copy of out.
func validReport(t *testing.T, out []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// at walks a decoded report by keys and indexes ("files", 0, ...).
func at(t *testing.T, v any, path ...any) map[string]any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is not an object in the fixture report", path)
	}
	return m
}

// TestJSONContractRejects: the schema refuses an invented field in every
// object of the contract, a value of the wrong type, a value outside its
// set and a missing field, in json and in a jsonl line; the unbroken
// report validates.
func TestJSONContractRejects(t *testing.T) {
	// The fixture run's first file has an item, a finding with related
	// places and a fix (multiRun checks that the run has them).
	fq := func(v map[string]any) (file, item, finding map[string]any) {
		file = at(t, v, "files", 0)
		item = at(t, v, "files", 0, "items", 0)
		for _, f := range file["findings"].([]any) {
			if m := f.(map[string]any); m["fix"] != nil && m["related"] != nil {
				return file, item, m
			}
		}
		t.Fatal("the first file has no finding with a fix and related places")
		return
	}
	breaks := map[string]func(v map[string]any){
		"extra top-level field":     func(v map[string]any) { v["generated"] = "2026-12-02" },
		"extra tool field":          func(v map[string]any) { at(t, v, "tool")["url"] = "x" },
		"extra file field":          func(v map[string]any) { f, _, _ := fq(v); f["sha256"] = "00" },
		"extra item field":          func(v map[string]any) { _, it, _ := fq(v); it["citations"] = []any{} },
		"extra quantity field":      func(v map[string]any) { _, it, _ := fq(v); it["quantity"].(map[string]any)["text"] = "12" },
		"extra finding field":       func(v map[string]any) { _, _, f := fq(v); f["fingerprint"] = "abc" },
		"extra related field":       func(v map[string]any) { _, _, f := fq(v); f["related"].([]any)[0].(map[string]any)["check"] = "x" },
		"extra fix field":           func(v map[string]any) { _, _, f := fq(v); f["fix"].(map[string]any)["certain"] = true },
		"extra summary field":       func(v map[string]any) { at(t, v, "summary")["unreadable"] = 1 },
		"line as a string":          func(v map[string]any) { _, _, f := fq(v); f["line"] = "61" },
		"column as a fraction":      func(v map[string]any) { _, _, f := fq(v); f["column"] = 1.5 },
		"line zero":                 func(v map[string]any) { _, _, f := fq(v); f["line"] = 0 },
		"quantity value as string":  func(v map[string]any) { _, it, _ := fq(v); it["quantity"].(map[string]any)["value"] = "12" },
		"index as a string":         func(v map[string]any) { _, it, _ := fq(v); it["index"] = "1" },
		"items as an object":        func(v map[string]any) { f, _, _ := fq(v); f["items"] = map[string]any{} },
		"findings null":             func(v map[string]any) { f, _, _ := fq(v); f["findings"] = nil },
		"related empty":             func(v map[string]any) { _, _, f := fq(v); f["related"] = []any{} },
		"summary count negative":    func(v map[string]any) { at(t, v, "summary")["errors"] = -1 },
		"severity unknown":          func(v map[string]any) { _, _, f := fq(v); f["severity"] = "fatal" },
		"severity as a number":      func(v map[string]any) { _, _, f := fq(v); f["severity"] = 2 },
		"layout unknown":            func(v map[string]any) { f, _, _ := fq(v); f["layout"] = "imr-2015" },
		"unit unknown":              func(v map[string]any) { _, it, _ := fq(v); it["quantity"].(map[string]any)["unit"] = "pills" },
		"decision unknown":          func(v map[string]any) { _, it, _ := fq(v); it["decision"] = "denied" },
		"message missing":           func(v map[string]any) { _, _, f := fq(v); delete(f, "message") },
		"end_column missing":        func(v map[string]any) { _, _, f := fq(v); delete(f, "end_column") },
		"replacement missing":       func(v map[string]any) { _, _, f := fq(v); delete(f["fix"].(map[string]any), "replacement") },
		"tool missing":              func(v map[string]any) { delete(v, "tool") },
		"page without its line":     func(v map[string]any) { _, _, f := fq(v); f["page"] = 1 },
		"unreadable file with item": func(v map[string]any) { f, _, _ := fq(v); f["error"] = "gone" },
	}
	good := write(t, "json", multiRun(t), check.All)
	if err := report.ValidateJSONContract("json", marshal(t, validReport(t, good))); err != nil {
		t.Fatalf("the unbroken report does not validate: %v", err)
	}
	names := make([]string, 0, len(breaks))
	for n := range breaks {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		v := validReport(t, good)
		breaks[name](v)
		if report.ValidateJSONContract("json", marshal(t, v)) == nil {
			t.Errorf("json with %s validates", name)
		}
		if strings.HasPrefix(name, "extra top") || strings.HasPrefix(name, "extra tool") || strings.HasPrefix(name, "tool missing") {
			continue // not in a line
		}
		// The same file as a line of JSON Lines, its summary counting it.
		at(t, v, "summary")["files"] = 1
		line := append(marshal(t, v["files"].([]any)[0]), '\n')
		jl := append(line, append(marshal(t, map[string]any{"summary": v["summary"]}), '\n')...)
		if report.ValidateJSONContract("jsonl", jl) == nil {
			t.Errorf("jsonl with %s validates", name)
		}
	}
	// JSON Lines' own shape: the summary last, and once, counting the
	// file lines.
	v := validReport(t, good)
	line := append(marshal(t, v["files"].([]any)[0]), '\n')
	wrongCount := append(marshal(t, map[string]any{"summary": at(t, v, "summary")}), '\n')
	at(t, v, "summary")["files"] = 1
	sum := append(marshal(t, map[string]any{"summary": at(t, v, "summary")}), '\n')
	if err := report.ValidateJSONContract("jsonl", append(append([]byte{}, line...), sum...)); err != nil {
		t.Errorf("a file line then its summary does not validate: %v", err)
	}
	for name, jl := range map[string][]byte{
		"no summary":               line,
		"summary first":            append(append([]byte{}, sum...), line...),
		"summary with a file":      append(append([]byte{}, sum[:len(sum)-2]...), []byte(`,"path":"a.txt"}`+"\n")...),
		"the whole report as line": append(marshal(t, validReport(t, good)), '\n'),
		"a summary of 5 files":     append(append([]byte{}, line...), wrongCount...),
		"no end of line":           append(append([]byte{}, line...), sum[:len(sum)-1]...),
	} {
		if report.ValidateJSONContract("jsonl", jl) == nil {
			t.Errorf("jsonl with %s validates", name)
		}
	}
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestJSONContractIsTheGoTypes: each object of the schema has exactly the
// fields of the Go type that prints it, and requires exactly those that
// are never omitted; so a field added to the contract's types, or
// dropped, fails here even if no fixture prints it.
func TestJSONContractIsTheGoTypes(t *testing.T) {
	b, err := os.ReadFile(report.ContractSchemaPath())
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	// props are an object schema's properties and required fields, with
	// those of the schemas it $refs (the range of a finding).
	var props func(s map[string]any) (map[string]bool, map[string]bool)
	props = func(s map[string]any) (map[string]bool, map[string]bool) {
		all, req := map[string]bool{}, map[string]bool{}
		if ref, ok := s["$ref"].(string); ok {
			a, r := props(defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any))
			for k := range a {
				all[k] = true
			}
			for k := range r {
				req[k] = true
			}
		}
		p, _ := s["properties"].(map[string]any)
		for k := range p {
			all[k] = true
		}
		r, _ := s["required"].([]any)
		for _, k := range r {
			req[k.(string)] = true
		}
		return all, req
	}
	// fields are a struct's JSON fields, embedded structs flattened.
	var fields func(rt reflect.Type) (map[string]bool, map[string]bool)
	fields = func(rt reflect.Type) (map[string]bool, map[string]bool) {
		all, req := map[string]bool{}, map[string]bool{}
		for i := range rt.NumField() {
			f := rt.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			if f.Anonymous && tag == "" {
				a, r := fields(f.Type)
				for k := range a {
					all[k] = true
				}
				for k := range r {
					req[k] = true
				}
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			all[name] = true
			if !strings.Contains(opts, "omitempty") {
				req[name] = true
			}
		}
		return all, req
	}
	summary := defs["summary"].(map[string]any)
	for _, c := range []struct {
		name   string
		schema map[string]any
		typ    any
	}{
		{"the report", schema, report.JSONReport{}},
		{"tool", defs["tool"].(map[string]any), report.JSONTool{}},
		{"file", defs["file"].(map[string]any), report.JSONFile{}},
		{"item", defs["item"].(map[string]any), report.Item{}},
		{"quantity", defs["quantity"].(map[string]any), report.Quantity{}},
		{"range", defs["range"].(map[string]any), report.JSONRange{}},
		{"finding", defs["finding"].(map[string]any), report.JSONFinding{}},
		{"related", defs["related"].(map[string]any), report.JSONRelated{}},
		{"edit", defs["edit"].(map[string]any), report.JSONFix{}},
		{"summary", summary, report.Summary{}},
		{"baseline", summary["properties"].(map[string]any)["baseline"].(map[string]any), report.BaselineSummary{}},
	} {
		sa, sr := props(c.schema)
		ga, gr := fields(reflect.TypeOf(c.typ))
		if !reflect.DeepEqual(sa, ga) {
			t.Errorf("%s: the schema has the fields %v, the Go type %v", c.name, sorted(sa), sorted(ga))
		}
		if !reflect.DeepEqual(sr, gr) {
			t.Errorf("%s: the schema requires %v, the Go type always prints %v", c.name, sorted(sr), sorted(gr))
		}
		if c.name != "range" && c.schema["additionalProperties"] != false && c.schema["unevaluatedProperties"] != false {
			t.Errorf("%s: the schema allows fields it does not name", c.name)
		}
	}
	// Every check's name is one the schema allows.
	pat := defs["finding"].(map[string]any)["properties"].(map[string]any)["check"].(map[string]any)["pattern"].(string)
	re := regexp.MustCompile(pat)
	for _, c := range check.All {
		if !re.MatchString(c.Name) {
			t.Errorf("check %s does not match the schema's pattern %s", c.Name, pat)
		}
	}
}

func sorted(m map[string]bool) []string {
	var l []string
	for k := range m {
		l = append(l, k)
	}
	sort.Strings(l)
	return l
}
