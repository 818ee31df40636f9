package letter

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// BenchmarkParse measures Parse alone (normalisation outside the timer)
// over 2,000 generated letters, as BenchmarkGenerated in internal/engine
// feeds them:
//
//	go test -run=NONE -bench=Parse -cpu=1 -benchmem ./internal/letter
func BenchmarkParse(b *testing.B) {
	v, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*text.Doc
	for i := 0; i < 2000; i++ {
		docs = append(docs, text.New([]byte(corpus.Generate(1, i, corpus.DefaultOptions).Text)))
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if l := Parse(docs[i%len(docs)], v); l == nil {
			b.Fatal("no letter")
		}
	}
	// Process CPU time (garbage collection included) is steadier than wall
	// time on a machine others share.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestParseDump writes one hash per letter of everything Parse read (the
// exported model as JSON, sentences' tokens included) for generated,
// fixture and, where present, real letters. Run once before a change with
// PARSE_DUMP=/tmp/before.txt and after with PARSE_DUMP=/tmp/after.txt, then
// compare the files: the speed work must not change a single field. Only
// hashes are written, never letter text.
func TestParseDump(t *testing.T) {
	out := os.Getenv("PARSE_DUMP")
	if out == "" {
		t.Skip("set PARSE_DUMP to a file to write")
	}
	v, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	add := func(name string, src []byte) {
		l := Parse(text.New(src), v)
		j, err := json.Marshal(l)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines = append(lines, fmt.Sprintf("%s %x", name, sha256.Sum256(j)))
	}
	for i := 0; i < 3000; i++ {
		add(fmt.Sprintf("gen-%d", i), []byte(corpus.Generate(1, i, corpus.DefaultOptions).Text))
		add(fmt.Sprintf("gen2-%d", i), []byte(corpus.Generate(7, i, corpus.Options{FaultRate: 0.5, Mess: 0.8, Layout2013: 0.5}).Text))
	}
	var files []string
	for _, g := range []string{"../../testdata/letters/*.txt", "testdata/fuzz/*/*", "/work/shared/corpus/text/*.txt", "/work/shared/letters/*.txt"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if strings.Contains(f, "testdata/fuzz") {
			// Fuzz corpus files hold a Go-quoted []byte value.
			src = fuzzValue(src)
			if src == nil {
				continue
			}
		}
		add(filepath.Base(f), src)
	}
	if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// fuzzValue reads the []byte of a "go test fuzz v1" file, or nil.
func fuzzValue(b []byte) []byte {
	s := string(b)
	i := strings.Index(s, "[]byte(")
	if i < 0 {
		return nil
	}
	var v string
	if _, err := fmt.Sscanf(strings.TrimSpace(s[i+len("[]byte("):]), "%q", &v); err != nil {
		return nil
	}
	return []byte(v)
}
