//go:build !linux || imrlint_named_temps

package fix

import "os"

// openUnnamed: only Linux has unnamed files (O_TMPFILE); elsewhere the
// temporary file is named from the start. The build tag
// imrlint_named_temps makes Linux do the same, to measure the difference
// (TestFixKilledMidway with KILLFIX_TAGS=imrlint_named_temps).
func openUnnamed(string) *os.File { return nil }

func linkUnnamed(*os.File, string) (string, error) { return "", errCannotLink }
