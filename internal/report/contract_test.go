package report

import (
	"path/filepath"
	"testing"

	"github.com/imrlint/imrlint/internal/contract"
)

// The report tests validate every JSON output they make against the
// contract's schema (docs/imrlint.schema.json) through internal/contract;
// these names are kept for the package's external tests (report_test).

// contractSchemaPath is found before any test changes directory.
var contractSchemaPath = func() string {
	p, err := filepath.Abs("../../docs/imrlint.schema.json")
	if err != nil {
		panic(err)
	}
	return p
}()

// ContractSchemaPath is the schema's file.
func ContractSchemaPath() string { return contractSchemaPath }

// ValidateJSONContract is contract.Validate.
func ValidateJSONContract(format string, out []byte) error { return contract.Validate(format, out) }

// CheckJSONContract is contract.Check.
func CheckJSONContract(t testing.TB, format string, out []byte) {
	t.Helper()
	contract.Check(t, format, out)
}
