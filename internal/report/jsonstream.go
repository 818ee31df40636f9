package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// JSONStream writes the JSON report file by file, byte for byte as
// WriteJSONReport writes it whole, so that a run over an archive keeps no
// file's report in memory once it is written.
type JSONStream struct {
	w     io.Writer
	n     int
	err   error
	extra Extra
}

// NewJSONStream starts a report.
func NewJSONStream(w io.Writer, version string) *JSONStream {
	s := &JSONStream{w: w}
	tool, _ := marshalIndent(JSONTool{Name: "imrlint", Version: version}, "  ")
	s.write([]byte("{\n  \"tool\": "))
	s.write(tool)
	s.write([]byte(",\n  \"files\": ["))
	return s
}

func (s *JSONStream) write(b []byte) {
	if s.err == nil {
		_, s.err = s.w.Write(b)
	}
}

// marshalIndent indents v as it sits at the given prefix inside the report.
func marshalIndent(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// File writes one file's report.
func (s *JSONStream) File(f JSONFile) {
	b, err := marshalIndent(f, "    ")
	if err != nil && s.err == nil {
		s.err = err
	}
	if s.n > 0 {
		s.write([]byte(","))
	}
	s.write([]byte("\n    "))
	s.write(b)
	s.n++
}

// End writes the summary and closes the report.
func (s *JSONStream) End(sum Summary) error {
	if s.n > 0 {
		s.write([]byte("\n  ]"))
	} else {
		s.write([]byte("]"))
	}
	b, err := marshalIndent(sum, "  ")
	if err != nil && s.err == nil {
		s.err = err
	}
	s.write([]byte(",\n  \"summary\": "))
	s.write(b)
	s.write([]byte("\n}\n"))
	return s.err
}
