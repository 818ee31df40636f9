package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/corpus"
	"github.com/imrlint/imrlint/internal/engine"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

func main2() {
	i, _ := strconv.Atoi(os.Args[1])
	seed := int64(1)
	if len(os.Args) > 2 {
		s, _ := strconv.Atoi(os.Args[2])
		seed = int64(s)
	}
	o := corpus.Options{FaultRate: 0.5, Mess: 0.3, Layout2013: 0.2}
	l := corpus.Generate(seed, i, o)
	os.Stdout.Write(l.Text)
	fmt.Fprintf(os.Stderr, "%s %s %+v\n", l.Name, l.Layout, l.Faults)
	set, _ := rules.Default()
	e := &engine.Engine{Rules: set, Checks: check.All}
	r := e.CheckBytes(l.Name, l.Text)
	x := text.NewLineIndex(l.Text)
	for _, f := range r.Findings {
		fmt.Fprintf(os.Stderr, "  %d: %s[%s] %s %q\n", x.Position(f.Start).Line, f.Severity, f.Check, f.Message, l.Text[f.Start:f.End])
	}
	for _, it := range r.Letter.Items {
		fmt.Fprintf(os.Stderr, "  item %d %q treat=%s parts=%v dec=%s\n", it.Index, it.Request.Text, it.Treatment.ID, it.BodyParts, it.Decision)
	}
}
