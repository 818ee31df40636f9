// Package docs holds the project's published documents; the JSON
// contract's schema is embedded for the tests that validate outputs
// against it (internal/contract).
package docs

import _ "embed"

// ContractSchema is imrlint.schema.json: the JSON contract of
// --format json and jsonl and of the review server's /api/check.
//
//go:embed imrlint.schema.json
var ContractSchema []byte

// ContractSchemaName is the schema's path in the repository, for messages.
const ContractSchemaName = "docs/imrlint.schema.json"
