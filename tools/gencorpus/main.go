// Command gencorpus writes a synthetic corpus of IMR determination letters
// with a manifest of the faults injected in them:
//
//	go run ./tools/gencorpus -n 100000 -out DIR -seed 1 -faults 0.1
//
// DIR receives 00000/000000.txt ... (1000 letters per subdirectory) and
// manifest.jsonl, one line per letter:
//
//	{"file":"00000/000123.txt","layout":"imr-2014","items":2,"faults":[{"check":"quantity-mismatch","line":61,"text":"18"}]}
//
// The same flags always produce the same files.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/imrlint/imrlint/internal/corpus"
)

func main() {
	d := corpus.DefaultOptions
	n := flag.Int("n", 1000, "number of letters")
	out := flag.String("out", "", "output directory (required)")
	seed := flag.Int64("seed", 1, "corpus seed: the same seed gives the same letters")
	faults := flag.Float64("faults", d.FaultRate, "fraction of letters with one injected fault")
	mess := flag.Float64("mess", d.Mess, "fraction of letters with PDF-extraction mess")
	old := flag.Float64("layout2013", d.Layout2013, "fraction of letters in the 2013 layout")
	verbose := flag.Bool("v", false, "print the number of faults per check")
	flag.Parse()
	if *out == "" || *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -out DIR [-n N] [-seed S] [-faults F] [-mess M] [-layout2013 L] [-v]")
		os.Exit(2)
	}
	for _, f := range []*float64{faults, mess, old} {
		if *f < 0 || *f > 1 {
			fmt.Fprintln(os.Stderr, "gencorpus: fractions must lie between 0 and 1")
			os.Exit(2)
		}
	}
	start := time.Now()
	m, err := corpus.Write(*out, *n, *seed, corpus.Options{FaultRate: *faults, Mess: *mess, Layout2013: *old})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	el := time.Since(start)
	fmt.Printf("%d letters (%d with a fault), %d bytes (%.1f MB) in %s: %.0f letters/s\n",
		m.Letters, m.Faulty, m.Bytes, float64(m.Bytes)/1e6, el.Round(time.Millisecond), float64(m.Letters)/el.Seconds())
	if *verbose {
		var cs []string
		for c := range m.ByCheck {
			cs = append(cs, c)
		}
		sort.Strings(cs)
		for _, c := range cs {
			fmt.Printf("  %-26s %d\n", c, m.ByCheck[c])
		}
	}
}
