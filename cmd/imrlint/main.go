// Command imrlint checks IMR determination letters for internal
// inconsistencies. See README.md, or run `imrlint help`.
package main

import (
	"os"

	"github.com/imrlint/imrlint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
