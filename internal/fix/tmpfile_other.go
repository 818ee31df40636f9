//go:build !linux

package fix

import "os"

// openUnnamed: only Linux has unnamed files (O_TMPFILE); elsewhere the
// temporary file is named from the start.
func openUnnamed(string) *os.File { return nil }

func linkUnnamed(*os.File, string) (string, error) { return "", errCannotLink }
