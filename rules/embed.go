// Package rules holds the rule and vocabulary data shipped with imrlint,
// embedded so the binary works with no flags. The data is read by
// internal/rules.
package rules

import "embed"

// FS holds vocab/*.toml and limits/*.toml.
//
//go:embed vocab limits
var FS embed.FS
