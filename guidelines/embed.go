// Package guidelines holds the catalog of guidelines that IMR letters cite:
// their names, editions, dates, pages and sections, as TOML embedded in the
// binary. The data is read by internal/rules.
package guidelines

import "embed"

// FS holds guidelines/*.toml (and this folder's README).
//
//go:embed *
var FS embed.FS
