package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	seed, _ := strconv.Atoi(os.Args[2])
	mess, _ := strconv.ParseFloat(os.Args[3], 64)
	l13, _ := strconv.ParseFloat(os.Args[4], 64)
	o := corpus.Options{FaultRate: 0.5, Mess: mess, Layout2013: l13}
	set, _ := rules.Default()
	e := &engine.Engine{Rules: set, Checks: check.All}
	var mu sync.Mutex
	fp := map[string][]string{}
	miss := map[string][]string{}
	inj := map[string]int{}
	var wg sync.WaitGroup
	ch := make(chan int)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ch {
				l := corpus.Generate(int64(seed), i, o)
				r := e.CheckBytes(l.Name, l.Text)
				x := text.NewLineIndex(l.Text)
				found := make([]bool, len(l.Faults))
				var extra []string
				for _, f := range r.Findings {
					line := x.Position(f.Start).Line
					span := strings.Join(strings.Fields(string(l.Text[f.Start:f.End])), " ")
					ok := false
					for k, w := range l.Faults {
						ww := strings.Join(strings.Fields(w.Text), " ")
						if f.Check == w.Check && line == w.Line && (strings.Contains(span, ww) || span != "" && strings.Contains(ww, span)) {
							found[k], ok = true, true
						}
					}
					if !ok && f.Severity >= finding.Warning {
						extra = append(extra, fmt.Sprintf("%d %s:%d %s %s %q", i, l.Name, line, f.Check, f.Message, span))
					}
				}
				mu.Lock()
				for _, x := range extra {
					c := strings.Fields(x)[2]
					fp[c] = append(fp[c], x)
				}
				for k, f := range l.Faults {
					inj[f.Check]++
					if !found[k] {
						miss[f.Check] = append(miss[f.Check], fmt.Sprintf("%d %s:%d %q", i, l.Name, f.Line, f.Text))
					}
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	wg.Wait()
	var cs []string
	for c := range inj {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	for _, c := range cs {
		fmt.Printf("%-26s %d/%d\n", c, inj[c]-len(miss[c]), inj[c])
	}
	for c, xs := range fp {
		fmt.Printf("FP %s %d\n", c, len(xs))
		for _, x := range xs[:min(4, len(xs))] {
			fmt.Println("   ", x)
		}
	}
	for c, xs := range miss {
		fmt.Printf("MISS %s %d\n", c, len(xs))
		for _, x := range xs[:min(4, len(xs))] {
			fmt.Println("   ", x)
		}
	}
}
