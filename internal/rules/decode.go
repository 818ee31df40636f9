package rules

import "io/fs"

// DecodeStrict decodes the TOML file name of fsys into v, rejecting keys v
// has no field for; errors are *Error values naming the file and line. It
// is the loader every imrlint TOML file goes through, configuration
// included.
func DecodeStrict(fsys fs.FS, name string, v any) error { return decodeStrict(fsys, name, v) }
