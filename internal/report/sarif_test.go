package report_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/report"
)

// sarifBases is what TestSARIFOriginalURIBaseIDs reads of a log: the base
// ids the run declares and every artifact location that names one.
type sarifBases struct {
	Runs []struct {
		Bases map[string]struct {
			URI         *string `json:"uri"`
			URIBaseID   *string `json:"uriBaseId"`
			Description struct {
				Text string `json:"text"`
			} `json:"description"`
		} `json:"originalUriBaseIds"`
	} `json:"runs"`
}

// baseIDsUsed walks a log for artifactLocation objects and returns the
// uriBaseIds they name with their uris.
func baseIDsUsed(v any, out map[string][]string) {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["uriBaseId"].(string); ok {
			u, _ := x["uri"].(string)
			out[id] = append(out[id], u)
		}
		for k, e := range x {
			if k != "originalUriBaseIds" {
				baseIDsUsed(e, out)
			}
		}
	case []any:
		for _, e := range x {
			baseIDsUsed(e, out)
		}
	}
}

// TestSARIFOriginalURIBaseIDs: every uriBaseId the log uses (%SRCROOT%) is
// declared in run.originalUriBaseIds (SARIF 2.1.0 §3.14.14); without the
// directory it is described only, and with Options.SrcRoot its uri is the
// directory's absolute file URI ending in a slash, against which each
// result's relative uri resolves to the letter on disk. Both logs
// validate against the SARIF schema.
func TestSARIFOriginalURIBaseIDs(t *testing.T) {
	rs := multiRun(t) // in the repository root
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	sch := compileSARIFSchema(t)
	for _, tc := range []struct {
		name, srcRoot string
	}{{"described", ""}, {"with the directory", root}} {
		t.Run(tc.name, func(t *testing.T) {
			out := writeWith(t, "sarif", rs, report.Options{Version: "test", Checks: engine.ReportChecks(check.All), SrcRoot: tc.srcRoot})
			if err := sch.Validate(decodeJSON(t, out)); err != nil {
				t.Fatalf("SARIF output does not validate:\n%v", err)
			}
			var d sarifBases
			if err := json.Unmarshal(out, &d); err != nil {
				t.Fatal(err)
			}
			var all any
			if err := json.Unmarshal(out, &all); err != nil {
				t.Fatal(err)
			}
			used := map[string][]string{}
			baseIDsUsed(all, used)
			if len(used["%SRCROOT%"]) == 0 {
				t.Fatalf("no artifact location names %%SRCROOT%%: %v", used)
			}
			bases := d.Runs[0].Bases
			for id := range used {
				if _, ok := bases[id]; !ok {
					t.Errorf("uriBaseId %q is used but not in originalUriBaseIds %v", id, bases)
				}
			}
			b := bases["%SRCROOT%"]
			if b.Description.Text == "" || b.URIBaseID != nil {
				t.Errorf("%%SRCROOT%% is %+v: want a description and no base of its own", b)
			}
			if tc.srcRoot == "" {
				if b.URI != nil {
					t.Errorf("%%SRCROOT%% names %q though no directory was given", *b.URI)
				}
				return
			}
			if b.URI == nil {
				t.Fatal("%SRCROOT% has no uri though the directory was given")
			}
			base, err := url.Parse(*b.URI)
			if err != nil || base.Scheme != "file" || !strings.HasSuffix(base.Path, "/") {
				t.Fatalf("%%SRCROOT%% uri %q: want an absolute file URI ending in a slash (%v)", *b.URI, err)
			}
			for _, u := range used["%SRCROOT%"] {
				ref, err := url.Parse(u)
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.FromSlash(base.ResolveReference(ref).Path)
				if !strings.HasSuffix(u, "does-not-exist.txt") {
					if _, err := os.Stat(p); err != nil {
						t.Errorf("%s against %%SRCROOT%% is %s, which is not the letter: %v", u, p, err)
					}
				}
			}
		})
	}
	// A relative directory would resolve nothing: it is left out.
	out := writeWith(t, "sarif", rs[:1], report.Options{Version: "test", SrcRoot: "some/dir"})
	var d sarifBases
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	if u := d.Runs[0].Bases["%SRCROOT%"].URI; u != nil {
		t.Errorf("a relative SrcRoot became the uri %q", *u)
	}
}
