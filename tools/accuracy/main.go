// Command accuracy measures imrlint on real letters with injected faults:
// recall per kind of fault, and the findings on the untouched letters.
//
//	go run ./tools/accuracy [-misses KIND|all] [-out DIR] DIR...
//
// Each DIR is a folder of letters (.txt). With -out, every mutated letter
// is written to DIR with a manifest.jsonl (file, kind, line, what changed
// to what); the files hold letter text and are written private (0600 in a
// 0700 folder). -misses prints the missed cases, with the words changed:
// for the developer's terminal.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/imrlint/imrlint/internal/accuracy"
	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/rules"
)

func main() {
	misses := flag.String("misses", "", "print the missed cases of this kind (or all)")
	out := flag.String("out", "", "write the mutated letters and manifest.jsonl to this folder")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: accuracy [-misses KIND|all] [-out DIR] DIR...")
		os.Exit(2)
	}
	set, err := rules.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(2)
	}
	e := &engine.Engine{Rules: set, Checks: check.All}
	for _, dir := range flag.Args() {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		sort.Strings(files)
		if len(files) == 0 {
			fmt.Fprintf(os.Stderr, "accuracy: no letters (*.txt) in %s\n", dir)
			os.Exit(2)
		}
		rep, err := accuracy.Measure(e, files)
		if err != nil {
			fmt.Fprintln(os.Stderr, "accuracy:", err)
			os.Exit(2)
		}
		rep.WriteTable(os.Stdout, dir)
		fmt.Println()
		if *misses != "" {
			k := accuracy.Kind(*misses)
			if *misses == "all" {
				k = ""
			}
			rep.WriteMisses(os.Stdout, k)
		}
		if *out != "" {
			if err := write(*out, filepath.Base(dir), files); err != nil {
				fmt.Fprintln(os.Stderr, "accuracy:", err)
				os.Exit(2)
			}
		}
	}
}

// write saves every case of files under out/sub, with a manifest.
func write(out, sub string, files []string) error {
	dir := filepath.Join(out, sub)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	mf, err := os.OpenFile(filepath.Join(dir, "manifest.jsonl"), os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer mf.Close()
	enc := json.NewEncoder(mf)
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, c := range accuracy.Mutate(f, src) {
			n++
			name := fmt.Sprintf("%05d-%s-%s", n, c.Kind, filepath.Base(f))
			if err := os.WriteFile(filepath.Join(dir, name), c.Src, 0o600); err != nil {
				return err
			}
			if err := enc.Encode(map[string]any{"case": name, "letter": f, "kind": c.Kind, "line": c.Line,
				"end_line": c.EndLine, "old": c.Old, "new": c.New}); err != nil {
				return err
			}
		}
	}
	return nil
}
