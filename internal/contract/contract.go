// Package contract validates JSON outputs against the JSON contract's
// schema (docs/imrlint.schema.json): --format json and jsonl, and the
// review server's /api/check answers. It is for tests: every package whose
// tests make contract JSON validates it here, with one compiled schema.
package contract

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/imrlint/imrlint/docs"
)

var compiled struct {
	once       sync.Once
	root, line *jsonschema.Schema
	err        error
}

// SchemaName is the schema's file in the repository.
const SchemaName = docs.ContractSchemaName

// schemas compiles the embedded schema once; nothing is fetched (the
// schema is added as a resource under its own name).
func schemas() (root, line *jsonschema.Schema, err error) {
	compiled.once.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(docs.ContractSchema))
		if err != nil {
			compiled.err = fmt.Errorf("%s: %v", SchemaName, err)
			return
		}
		const u = "file:///imrlint/" + SchemaName
		c := jsonschema.NewCompiler()
		if err := c.AddResource(u, doc); err != nil {
			compiled.err = err
			return
		}
		if compiled.root, compiled.err = c.Compile(u); compiled.err != nil {
			return
		}
		compiled.line, compiled.err = c.Compile(u + "#/$defs/jsonl_line")
	})
	return compiled.root, compiled.line, compiled.err
}

// Validate says whether out, printed in format (json or
// jsonl), is what the contract's schema allows: for json one report, for
// jsonl one file object a line and a summary line last.
func Validate(format string, out []byte) error {
	root, line, err := schemas()
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

// Check fails t when out, printed in format, is not what the contract
// allows.
func Check(t testing.TB, format string, out []byte) {
	t.Helper()
	if err := Validate(format, out); err != nil {
		t.Fatalf("--format %s output does not validate against %s:\n%v", format, SchemaName, err)
	}
}
