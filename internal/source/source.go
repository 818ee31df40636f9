// Package source reads input files: text letters, and PDF and DOCX files
// through internal/extract. It refuses, with one clear line, what cannot
// be read: missing files, directories, empty, binary, UTF-16, invalid
// UTF-8, oversized, encrypted or corrupt files. Its errors never quote the
// file's contents, since letters hold protected health information.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/imrlint/imrlint/internal/document"
	"io"
	"io/fs"
	"os"
	"time"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/extract"
)

// DefaultMaxSize bounds what is read into memory; a letter is a few KB, a
// 50 MB "letter" is a wrong file.
const DefaultMaxSize = 16 << 20

// Error is a reason a file cannot be checked.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

// Decode turns the bytes of an input named name into its document: the
// kind is sniffed once (extract.Sniff), text is validated as UTF-8, and a
// PDF or DOCX has its text extracted. Errors are *Error naming name and
// quoting nothing of the data.
func Decode(name string, data []byte) (*extract.Document, error) {
	return DecodeBounded(name, data, Bounds{})
}

// Bounds are a caller's own limits on reading one input, laid over
// extraction's defaults.
type Bounds struct {
	// MaxText is --max-file-size: extraction stops once the text is
	// larger, rather than making all of it first (a 200 KB DOCX can hold
	// 45 MiB of text). Zero keeps extraction's own bound.
	MaxText int64
	// Deadline is when the caller stops waiting (a server request's
	// budget): extraction is stopped there, so work nobody waits for does
	// not go on holding its place. Zero is none.
	Deadline time.Time
}

// DecodeBounded is Decode within the caller's bounds.
func DecodeBounded(name string, data []byte, b Bounds) (*extract.Document, error) {
	kind := extract.Sniff(name, data)
	if kind == extract.KindText {
		if err := Validate(data); err != nil {
			return nil, &Error{name, err.Error()}
		}
		return &extract.Document{Text: data, Info: document.Info{Kind: extract.KindText, Pages: 1}}, nil
	}
	lim := extract.DefaultLimits()
	sized := b.MaxText > 0 && b.MaxText < lim.MaxText
	if sized {
		lim.MaxText = b.MaxText
	}
	if !b.Deadline.IsZero() {
		left := time.Until(b.Deadline)
		if left <= 0 {
			return nil, &Error{name, "not read: the time allowed for it ran out first"}
		}
		lim.Timeout = min(lim.Timeout, left)
	}
	doc, err := extract.ReadKind(kind, data, lim)
	if err != nil {
		if sized && errors.Is(err, extract.ErrTextLimit) {
			// Said as a text file over the limit is, since it is the same
			// limit: extraction stopped there, so the whole size is unknown.
			return nil, &Error{name, fmt.Sprintf("its extracted text is too large (over the %s limit, see --max-file-size)", human(b.MaxText))}
		}
		return nil, &Error{name, err.Error()}
	}
	return doc, nil
}

// ReadRaw reads the file at path ("-" reads stdin instead), at most
// maxSize bytes, as they are; Decode makes them a document.
func ReadRaw(path string, stdin io.Reader, maxSize int64) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	var data []byte
	if path == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, maxSize+1))
		if err != nil {
			return nil, &Error{path, "cannot read standard input: " + err.Error()}
		}
		data = b
	} else {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			// A directory reaches here when its walk found no letter in
			// it, or could not read it: either way nothing was checked,
			// which must not pass as a clean run.
			if _, err := os.ReadDir(path); err != nil {
				return nil, &Error{path, "cannot read the directory: " + describe(err)}
			}
			return nil, &Error{path, "no letters found under it (.txt, .pdf or .docx files)"}
		}
		b, err := readFile(path, maxSize, ", see --max-file-size")
		if err != nil {
			return nil, err
		}
		data = b
	}
	if int64(len(data)) > maxSize {
		return nil, &Error{path, fmt.Sprintf("input is too large (over %s, see --max-file-size)", human(maxSize))}
	}
	return data, nil
}

// readSized reads f, whose size was size when it was stat'ed, to its end
// but at most maxSize+1 bytes. A buffer of the stat'ed size (plus one byte,
// to see the end) takes the whole of a regular file in one read, where
// io.ReadAll would grow from 512 bytes and copy the letter several times.
// Named pipes and files that grow still read to the end through ReadAll.
func readSized(f io.Reader, size, maxSize int64) ([]byte, error) {
	r := io.LimitReader(f, maxSize+1)
	size = min(size, maxSize) // never a buffer beyond the limit, whatever the caller checked
	if size <= 0 {
		return io.ReadAll(r)
	}
	buf := make([]byte, 0, size+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			// The file grew since it was stat'ed: read the rest the usual way.
			rest, err := io.ReadAll(r)
			return append(buf, rest...), err
		}
	}
}

// Validate reports why data is not a text letter, or nil.
func Validate(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("file is empty")
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return errors.New("file is UTF-16 encoded; save it as UTF-8 text")
	}
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return errors.New("is a PDF; imrlint reads text letters for now (extract the text with `pdftotext -layout`)")
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return errors.New("is a ZIP or Word (DOCX) file; imrlint reads text letters for now (save it as plain text)")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return errors.New("is a binary file (it contains NUL bytes), not a text letter")
	}
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += size
		}
		return fmt.Errorf("is not valid UTF-8 (first bad byte at line %d, column %d); save it as UTF-8 text", line, col)
	}
	return nil
}

func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
