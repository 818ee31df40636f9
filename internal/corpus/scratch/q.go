package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/imrlint/imrlint/internal/quantity"
)

func main() {
	if len(os.Args) > 1 {
		main2()
		return
	}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		s := sc.Text()
		fmt.Printf("%q\n", s)
		for _, q := range quantity.Find(s) {
			fmt.Printf("   %v kind=%v unit=%q num=%q text=%q\n", q.String(), q.Kind, q.Unit, s[q.NumStart:q.NumEnd], s[q.Start:q.End])
		}
	}
}
