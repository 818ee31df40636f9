package report

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The JSON contract's schema (docs/imrlint.schema.json) for every test of
// the package: CheckJSONContract validates an output of --format json or
// jsonl against it. It is exported for the package's external tests
// (report_test), which validate every JSON output they make with it.

// contractSchemaPath is found before any test changes directory.
var contractSchemaPath = func() string {
	p, err := filepath.Abs("../../docs/imrlint.schema.json")
	if err != nil {
		panic(err)
	}
	return p
}()

var contract struct {
	once       sync.Once
	root, line *jsonschema.Schema
	err        error
}

// ContractSchemaPath is the schema's file.
func ContractSchemaPath() string { return contractSchemaPath }

// contractSchemas compiles the schema once, from the file only: the
// compiler's default loader reads files, so nothing is fetched.
func contractSchemas() (root, line *jsonschema.Schema, err error) {
	contract.once.Do(func() {
		f, err := os.Open(contractSchemaPath)
		if err != nil {
			contract.err = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			contract.err = fmt.Errorf("%s: %v", contractSchemaPath, err)
			return
		}
		u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(contractSchemaPath)}).String()
		c := jsonschema.NewCompiler()
		if err := c.AddResource(u, doc); err != nil {
			contract.err = err
			return
		}
		if contract.root, contract.err = c.Compile(u); contract.err != nil {
			return
		}
		contract.line, contract.err = c.Compile(u + "#/$defs/jsonl_line")
	})
	return contract.root, contract.line, contract.err
}

// ValidateJSONContract says whether out, printed in format (json or
// jsonl), is what the contract's schema allows: for json one report, for
// jsonl one file object a line and a summary line last.
func ValidateJSONContract(format string, out []byte) error {
	root, line, err := contractSchemas()
	if err != nil {
		return fmt.Errorf("the contract's schema: %v", err)
	}
	switch format {
	case "json":
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			return fmt.Errorf("not one JSON value: %v", err)
		}
		return root.Validate(v)
	case "jsonl":
		if !bytes.HasSuffix(out, []byte("\n")) {
			return fmt.Errorf("JSON Lines output does not end its last line")
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<30)
		var lines [][]byte
		for sc.Scan() {
			lines = append(lines, append([]byte(nil), sc.Bytes()...))
		}
		if err := sc.Err(); err != nil {
			return err
		}
		if len(lines) == 0 {
			return fmt.Errorf("no line")
		}
		for i, l := range lines {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(l))
			if err != nil {
				return fmt.Errorf("line %d is not one JSON value: %v", i+1, err)
			}
			if err := line.Validate(v); err != nil {
				return fmt.Errorf("line %d: %v", i+1, err)
			}
			obj, _ := v.(map[string]any)
			_, isSummary := obj["summary"]
			if last := i == len(lines)-1; isSummary != last {
				return fmt.Errorf("line %d: the summary must be the last line, and only it", i+1)
			}
			if isSummary {
				sum, _ := obj["summary"].(map[string]any)
				if n := fmt.Sprint(sum["files"]); n != fmt.Sprint(len(lines)-1) {
					return fmt.Errorf("the summary counts %s files, the stream has %d", n, len(lines)-1)
				}
			}
		}
		return nil
	}
	return fmt.Errorf("format %q is not of the JSON contract", format)
}

// CheckJSONContract fails t when out is not what the contract allows.
func CheckJSONContract(t testing.TB, format string, out []byte) {
	t.Helper()
	if err := ValidateJSONContract(format, out); err != nil {
		t.Fatalf("--format %s output does not validate against %s:\n%v", format, contractSchemaPath, err)
	}
}
