package engine_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
)

// The real letters come with the project's shared/ folder, beside the
// repository; they are never copied into it.
const corpusDir = "../../../shared/corpus"

func corpusFiles(t *testing.T, sub string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, sub, "*.txt"))
	if len(files) == 0 {
		t.Skipf("the real letters are not here (%s/%s/*.txt comes with the project's shared/ folder); skipping", corpusDir, sub)
	}
	return files
}

// decisionLineRE finds a decision closing an item header, independently
// of the parser: any line of the issues section ending in Upheld or
// Overturned.
var decisionLineRE = regexp.MustCompile(`(?m)(Upheld|Overturned)\s*$`)

// readTSV reads a reviewed expectation file: tab-separated, # comments.
func readTSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		rows = append(rows, strings.Split(l, "\t"))
	}
	return rows
}

// TestCorpusItems: in every real letter, in both extractions (pdftotext
// -layout and plain), the parser finds one item per decision line, with the
// decision, treatment, quantity and body part of the reviewed expectation
// file testdata/corpus/items.tsv.
func TestCorpusItems(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t)
	want := map[string][]string{} // "CASE#index" -> expected columns
	for _, r := range readTSV(t, "../../testdata/corpus/items.tsv") {
		if len(r) < 8 {
			t.Fatalf("items.tsv: short row %q", r)
		}
		want[r[0]+"#"+r[1]] = r[2:8]
	}
	for _, sub := range []string{"text", "raw"} {
		t.Run(sub, func(t *testing.T) {
			seen := 0
			for _, path := range corpusFiles(t, sub) {
				r := e.CheckFile(path)
				if r.Err != nil {
					t.Errorf("%s: %v", path, r.Err)
					continue
				}
				src := string(r.Src)
				if i := strings.Index(src, "IMR ISSUES"); i >= 0 {
					src = src[i:]
				}
				var words []string
				for _, m := range decisionLineRE.FindAllStringSubmatch(src, -1) {
					words = append(words, strings.ToLower(m[1]))
				}
				var got []string
				for _, it := range r.Letter.Items {
					got = append(got, string(it.Decision))
				}
				if fmt.Sprint(got) != fmt.Sprint(words) {
					t.Errorf("%s: items' decisions %v, decision lines %v", path, got, words)
				}
				c := strings.TrimSuffix(filepath.Base(path), ".txt")
				for _, it := range r.Letter.Items {
					w, ok := want[fmt.Sprintf("%s#%d", c, it.Index)]
					if !ok {
						t.Errorf("%s item %d is not in items.tsv", c, it.Index)
						continue
					}
					seen++
					g := itemColumns(set, it)
					if fmt.Sprint(g) != fmt.Sprint(w) {
						t.Errorf("%s item %d:\n got  %q\n want %q", c, it.Index, g, w)
					}
				}
			}
			if seen != len(want) {
				t.Errorf("matched %d items, items.tsv has %d", seen, len(want))
			}
		})
	}
}

func itemColumns(set *rules.Set, it letter.Item) []string {
	med, qty, unit := "", "", ""
	if it.Medication != nil {
		med = it.Medication.Name.Text
	}
	if q := it.Quantity; q != nil {
		qty = fmt.Sprintf("%g", q.Value)
		if q.Max != q.Value {
			qty += fmt.Sprintf("-%g", q.Max)
		}
		unit = string(q.Unit)
	}
	return []string{it.Treatment.Name, med, qty, unit, engine.BodyPartText(set, it.BodyParts), string(it.Decision)}
}

// TestCorpusErrors: every error finding on the real letters is a reviewed
// real fault listed in testdata/corpus/errors.tsv, in both extractions, and
// every listed fault is found.
func TestCorpusErrors(t *testing.T) {
	want := map[string]bool{}
	for _, r := range readTSV(t, "../../testdata/corpus/errors.tsv") {
		if len(r) < 3 {
			t.Fatalf("errors.tsv: short row %q", r)
		}
		want[strings.Join(r[:3], "\t")] = true
	}
	e := newEngine(t)
	for _, sub := range []string{"text", "raw"} {
		t.Run(sub, func(t *testing.T) {
			got := map[string]bool{}
			for _, path := range corpusFiles(t, sub) {
				r := e.CheckFile(path)
				for _, f := range r.Findings {
					if f.Severity != finding.Error {
						continue
					}
					c := strings.TrimSuffix(filepath.Base(path), ".txt")
					got[c+"\t"+f.Check+"\t"+norm(string(r.Src[f.Start:f.End]))] = true
				}
			}
			var extra, missing []string
			for k := range got {
				if !want[k] {
					extra = append(extra, k)
				}
			}
			for k := range want {
				if !got[k] {
					missing = append(missing, k)
				}
			}
			sort.Strings(extra)
			sort.Strings(missing)
			if len(extra) > 0 {
				t.Errorf("error findings not in errors.tsv (noise, or a fault to review and list):\n%s", strings.Join(extra, "\n"))
			}
			if len(missing) > 0 {
				t.Errorf("reviewed faults no longer found:\n%s", strings.Join(missing, "\n"))
			}
		})
	}
}

// TestCorpusWarnings: the warnings and infos on the real letters are the
// reviewed ones of testdata/corpus/warnings.tsv, counted per letter and
// check, in both extractions.
func TestCorpusWarnings(t *testing.T) {
	want := map[string]string{}
	for _, r := range readTSV(t, "../../testdata/corpus/warnings.tsv") {
		if len(r) < 3 {
			t.Fatalf("warnings.tsv: short row %q", r)
		}
		want[r[0]+"\t"+r[1]] = r[2]
	}
	e := newEngine(t)
	for _, sub := range []string{"text", "raw"} {
		t.Run(sub, func(t *testing.T) {
			n := map[string]int{}
			for _, path := range corpusFiles(t, sub) {
				r := e.CheckFile(path)
				c := strings.TrimSuffix(filepath.Base(path), ".txt")
				for _, f := range r.Findings {
					if f.Severity != finding.Error {
						n[c+"\t"+f.Check]++
					}
				}
			}
			got := map[string]string{}
			for k, v := range n {
				got[k] = fmt.Sprint(v)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("warnings per letter and check:\n got  %v\n want %v", got, want)
			}
		})
	}
}
