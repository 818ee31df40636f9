// Package extract reads the text of a letter from the file it came in: a
// PDF (text layer rebuilt into lines the way `pdftotext -layout` does, pages
// separated by form feeds) or a Word DOCX (paragraphs as lines, headers at
// the top, footers at the bottom, tracked deletions dropped, merge fields
// shown as «Name»). Plain text is passed through unchanged.
//
// Letters hold protected health information, so no error of this package
// quotes the file's contents: every error is one line naming what is wrong
// (encrypted, truncated, over a limit) and nothing of the letter. Hostile or
// broken files are bounded by Limits: the size of what is decompressed, the
// number of ZIP entries and PDF pages, and the time spent. A panic inside
// the PDF library is recovered and returned as an error.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/imrlint/imrlint/internal/document"
	"path/filepath"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/position"
)

// Document is the text of one input file and what extraction learned of it.
type Document struct {
	// Text is UTF-8 text; for PDFs, pages are separated by "\f" (a form
	// feed at the start of each page's first line after the first page).
	Text []byte
	// Info is what was learned of the file (kind, pages, a scan, tracked
	// changes, merge fields): the type the checks read.
	document.Info
}

// Limits bound the work spent on one file. Every bound counts work, not
// time, so that what a file may cost is known before it is read: the
// memory of a read is at most a few times MaxText plus a constant, and its
// time is linear in the work counted. Timeout is the last resort.
type Limits struct {
	// MaxUncompressed bounds the uncompressed size of each ZIP entry read
	// from a DOCX, and of each PDF content stream, font map or form.
	MaxUncompressed int64
	// MaxHeader bounds each header or footer part of a DOCX further: a
	// page header is a few lines.
	MaxHeader int64
	// MaxStream bounds each PDF content stream (the streams of a page's
	// contents together), form or font map further: the PDF library
	// parses a stream's operands whole.
	MaxStream int64
	// MaxTotal bounds the uncompressed bytes read from all the entries of a
	// DOCX together, and the bytes decoded from a PDF's content streams,
	// font maps and forms together, a stream counted each time it is read
	// (a stream that 500 pages share counts 500 times); 0 means
	// 4 × MaxUncompressed.
	MaxTotal int64
	// MaxEntries bounds the number of entries of a DOCX's ZIP archive.
	MaxEntries int
	// MaxPages bounds the pages of a PDF.
	MaxPages int
	// MaxText bounds the text extracted from a PDF or DOCX (the engine's
	// --max-file-size bounds it again, after extraction).
	MaxText int64
	// MaxDepth bounds how deep the XML elements of a DOCX part nest.
	MaxDepth int
	// MaxElements bounds the XML elements of a DOCX, its parts together.
	MaxElements int
	// MaxGlyphsPerPage bounds the characters one PDF page draws, and
	// MaxGlyphs those all its pages draw together; a content stream or
	// form that pages share, or that a page draws many times, counts each
	// time it is drawn.
	MaxGlyphsPerPage int
	MaxGlyphs        int
	// MaxOps bounds the content-stream operators a PDF's pages run
	// together, and MaxStreams the content streams and forms they run, a
	// shared stream or form counted each time it is run.
	MaxOps     int
	MaxStreams int
	// MaxFontMaps bounds the bytes of the fonts' character maps
	// (ToUnicode) a PDF's pages load together; a font that pages share
	// is loaded once.
	MaxFontMaps int64
	// Timeout bounds the time spent reading one PDF or DOCX.
	Timeout time.Duration
}

// The default bounds of the work on one file (DefaultLimits). A real
// letter is a few pages of a few thousand characters: the most any of the
// 64 real PDFs and the fixtures needs is 4,267 characters on a page,
// 26,856 in all, 24,145 operators, 11 streams run, a largest stream of 21
// KB, 123 KB decoded and 27 KB of text, and a two-page Word letter has
// about 1,000 XML elements nested 6 deep (TestLimitsLeaveHeadroom holds
// every one under a tenth of each bound). Each bound is at most about a second of work on the 2-core
// machine, where it refuses a file.
const (
	DefaultMaxText          = 64 << 20
	DefaultMaxStream        = 4 << 20
	DefaultMaxHeader        = 1 << 20
	DefaultMaxDepth         = 256
	DefaultMaxElements      = 1 << 19
	DefaultMaxGlyphsPerPage = 1 << 16
	DefaultMaxGlyphs        = 1 << 21
	DefaultMaxOps           = 1 << 22
	DefaultMaxStreams       = 1 << 12
	DefaultMaxFontMaps      = 8 << 20
)

// DefaultLimits are generous for a letter (a few pages, a few hundred KB)
// and refuse what is not one.
func DefaultLimits() Limits {
	return Limits{
		MaxUncompressed:  64 << 20,
		MaxTotal:         256 << 20,
		MaxEntries:       1000,
		MaxPages:         500,
		MaxText:          DefaultMaxText,
		MaxStream:        DefaultMaxStream,
		MaxHeader:        DefaultMaxHeader,
		MaxDepth:         DefaultMaxDepth,
		MaxElements:      DefaultMaxElements,
		MaxGlyphsPerPage: DefaultMaxGlyphsPerPage,
		MaxGlyphs:        DefaultMaxGlyphs,
		MaxOps:           DefaultMaxOps,
		MaxStreams:       DefaultMaxStreams,
		MaxFontMaps:      DefaultMaxFontMaps,
		Timeout:          20 * time.Second,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxUncompressed <= 0 {
		l.MaxUncompressed = d.MaxUncompressed
	}
	if l.MaxTotal <= 0 {
		l.MaxTotal = 4 * l.MaxUncompressed
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	if l.MaxText <= 0 {
		l.MaxText = d.MaxText
	}
	if l.MaxStream <= 0 {
		l.MaxStream = d.MaxStream
	}
	if l.MaxHeader <= 0 {
		l.MaxHeader = d.MaxHeader
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = d.MaxElements
	}
	if l.MaxGlyphsPerPage <= 0 {
		l.MaxGlyphsPerPage = d.MaxGlyphsPerPage
	}
	if l.MaxGlyphs <= 0 {
		l.MaxGlyphs = d.MaxGlyphs
	}
	if l.MaxOps <= 0 {
		l.MaxOps = d.MaxOps
	}
	if l.MaxStreams <= 0 {
		l.MaxStreams = d.MaxStreams
	}
	if l.MaxFontMaps <= 0 {
		l.MaxFontMaps = d.MaxFontMaps
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	return l
}

// work is what reading one file cost, in the units Limits count: for a
// PDF the glyphs drawn (all pages, and the most on one page), operators
// run and bytes decoded, shared streams counted each time; for a DOCX the
// XML elements read, the deepest nesting, the open fields looked at to
// place text and the bytes inflated; for both
// the bytes of text.
type work struct {
	glyphs, pageGlyphs, ops int
	streams                 int
	fontMaps, largest       int64
	elements, depth         int
	fieldSteps              int
	decoded, text           int64
}

// countWork, when set (by tests), is told the work of each PDF or DOCX
// read, also of one refused over a limit.
var countWork func(work)

// Errors that Read's errors wrap, for errors.Is.
var (
	// ErrEncrypted: the PDF needs a password (or uses encryption imrlint
	// cannot undo).
	ErrEncrypted = errors.New("encrypted")
	// ErrCorrupt: the file is damaged or truncated.
	ErrCorrupt = errors.New("corrupt")
	// ErrLimit: the file is over one of the Limits (a decompression bomb,
	// too many pages or entries, too slow).
	ErrLimit = errors.New("over a limit")
	// ErrTextLimit: the text extracted is over Limits.MaxText (it wraps
	// ErrLimit), which a caller may have set from its own size limit.
	ErrTextLimit = fmt.Errorf("text %w", ErrLimit)
	// ErrUnsupported: a format imrlint does not read (legacy .doc, a ZIP
	// that is not a Word document).
	ErrUnsupported = errors.New("unsupported")
)

// docError is an error message that wraps one of the sentinel errors
// without showing it.
type docError struct {
	msg  string
	kind error
}

func (e *docError) Error() string { return e.msg }
func (e *docError) Unwrap() error { return e.kind }

func errorf(kind error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	// One line, always.
	msg = strings.Join(strings.Fields(msg), " ")
	return &docError{msg: msg, kind: kind}
}

// Kinds that Sniff reports.
const (
	KindText = "text"
	KindPDF  = "pdf"
	KindDOCX = "docx"
	// KindZIP is a ZIP archive that is not a Word document.
	KindZIP = "zip"
	// KindDOC is a legacy (OLE2) Word .doc or other Office binary file.
	KindDOC = "doc"
)

// Sniff reports the kind of data by content — "%PDF-" near the start is a
// PDF, a ZIP archive holding word/document.xml is a DOCX, another ZIP is
// "zip", an OLE2 compound file is "doc" — and, where the content is not
// conclusive (a damaged or truncated file), by the file name's extension
// (.pdf, .docx). Anything else is "text".
func Sniff(name string, data []byte) string {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return KindPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		if isDOCX(data) {
			return KindDOCX
		}
		if ext == ".docx" || ext == ".docm" || ext == ".dotx" {
			return KindDOCX // damaged: Read says so
		}
		return KindZIP
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return KindDOC
	}
	if i := bytes.Index(head, []byte("%PDF-")); i > 0 && !isText(head[:i]) {
		// Binary junk before the header, as some mail gateways leave it.
		return KindPDF
	}
	switch ext {
	case ".pdf":
		if !isText(head) {
			return KindPDF
		}
	case ".docx", ".docm", ".dotx":
		if !isText(head) {
			return KindDOCX
		}
	}
	return KindText
}

// isText reports whether b looks like text (no NUL, few control bytes).
func isText(b []byte) bool {
	ctl := 0
	for _, c := range b {
		if c == 0 {
			return false
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 <= len(b)
}

// Read extracts the text of a PDF or DOCX file's bytes, or returns text
// input as is (Kind "text"). name is used only to tell the kind of a damaged
// file (see Sniff) and never appears in errors; the caller prefixes its
// path. Errors are one line without letter text, for example "encrypted PDF
// (password protected); imrlint cannot read it" or "corrupt or truncated
// PDF: no end-of-file marker".
func Read(name string, data []byte, limits Limits) (*Document, error) {
	return ReadKind(Sniff(name, data), data, limits)
}

// ReadKind is Read of data whose kind the caller has already sniffed
// (Sniff), so that a file is sniffed once on its way in.
func ReadKind(kind string, data []byte, limits Limits) (*Document, error) {
	limits = limits.withDefaults()
	switch kind {
	case KindPDF:
		return readPDF(data, limits)
	case KindDOCX:
		return readDOCX(data, limits)
	case KindZIP:
		return nil, errorf(ErrUnsupported, "is a ZIP archive but not a Word document (no word/document.xml); imrlint reads text, PDF and DOCX letters")
	case KindDOC:
		return nil, errorf(ErrUnsupported, "is a legacy Word .doc (or other Office binary) file; save it as DOCX or PDF")
	}
	pages := 1
	if len(data) == 0 {
		pages = 0
	}
	return &Document{Text: data, Info: document.Info{Kind: KindText, Pages: pages}}, nil
}

// Position returns the 1-based page and the 1-based line within that page of
// byte offset off of extracted text (position.PageLine).
func Position(text []byte, off int) (page, line int) { return position.PageLine(text, off) }

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
