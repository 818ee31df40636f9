// Package rules holds the rule and vocabulary data shipped with imrlint,
// embedded so the binary works with no flags. The data is read by
// internal/rules.
package rules

import "embed"

// FS holds vocab/*.toml, limits/*.toml and boilerplate/*.toml.
//
//go:embed vocab limits boilerplate
var FS embed.FS
