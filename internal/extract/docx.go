package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"github.com/imrlint/imrlint/internal/document"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The main part of a Word document and its headers and footers.
const docxMain = "word/document.xml"

// isDOCX reports whether data is a ZIP archive holding word/document.xml.
func isDOCX(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if zr == nil || (err != nil && !errors.Is(err, zip.ErrInsecurePath)) {
		return false
	}
	for _, f := range zr.File {
		if f.Name == docxMain {
			return true
		}
	}
	return false
}

// errTooBig is returned by a limitedReader past its limit.
var errTooBig = errors.New("over the limit")

// limitedReader reads at most n bytes and then fails, counting what it read
// into a shared total, which has its own limit.
type limitedReader struct {
	r        io.Reader
	n        int64 // left for this entry
	total    *int64
	maxTotal int64
	ctx      context.Context
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.ctx.Err() != nil {
		return 0, errCancelled
	}
	if l.n <= 0 {
		// One more byte tells a file of exactly the limit from a bigger one.
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			return 0, errTooBig
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	*l.total += int64(n)
	if *l.total > l.maxTotal {
		return n, errTotalTooBig
	}
	return n, err
}

var errTotalTooBig = errors.New("total over the limit")

// readDOCX extracts the text of a Word document: headers, body, footers.
func readDOCX(data []byte, lim Limits) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, errorf(ErrCorrupt, "corrupt DOCX: its content could not be read")
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), lim.Timeout)
	defer cancel()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, errorf(ErrCorrupt, "corrupt or truncated DOCX: not a readable ZIP archive")
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, errorf(ErrLimit, "DOCX has %d ZIP entries, over the %d limit", len(zr.File), lim.MaxEntries)
	}
	seen := map[string]bool{}
	var main *zip.File
	var headers, footers []*zip.File
	for _, f := range zr.File {
		if reason := oddPath(f.Name); reason != "" {
			return nil, errorf(ErrCorrupt, "DOCX: refusing a ZIP entry with %s", reason)
		}
		if seen[f.Name] {
			return nil, errorf(ErrCorrupt, "DOCX: refusing a ZIP archive that holds the same entry twice")
		}
		seen[f.Name] = true
		switch {
		case f.Name == docxMain:
			main = f
		case isPart(f.Name, "word/header"):
			headers = append(headers, f)
		case isPart(f.Name, "word/footer"):
			footers = append(footers, f)
		}
	}
	if main == nil {
		return nil, errorf(ErrCorrupt, "corrupt DOCX: no word/document.xml")
	}
	sort.Slice(headers, func(i, j int) bool { return partLess(headers[i].Name, headers[j].Name) })
	sort.Slice(footers, func(i, j int) bool { return partLess(footers[i].Name, footers[j].Name) })

	var total int64
	st := &docxState{lim: lim}
	if countWork != nil {
		defer func() {
			countWork(work{elements: st.elements, depth: st.deepest, fieldSteps: st.fieldSteps, decoded: total, text: st.text})
		}()
	}
	// part reads an entry's text into dst.
	part := func(f *zip.File, dst *bytes.Buffer) error {
		limit := lim.MaxUncompressed
		if f != main {
			// A page header or footer is a few lines, repeated on every
			// page: one of megabytes (12 million numbers once) is refused
			// before it is read, whatever the text limit.
			limit = min(limit, lim.MaxHeader)
			if f.UncompressedSize64 > uint64(limit) {
				return errorf(ErrLimit, "DOCX: header or footer %s is %s uncompressed, over the %s limit (a page header is a few lines)", f.Name, human(int64(min(f.UncompressedSize64, 1<<62))), human(limit))
			}
		}
		if f.UncompressedSize64 > uint64(limit) {
			return errorf(ErrLimit, "DOCX: entry %s is %s uncompressed, over the %s limit (zip bomb?)", f.Name, human(int64(min(f.UncompressedSize64, 1<<62))), human(limit))
		}
		rc, err := f.Open()
		if err != nil {
			return errorf(ErrCorrupt, "corrupt DOCX: entry %s cannot be opened", f.Name)
		}
		defer rc.Close()
		lr := &limitedReader{r: rc, n: limit, total: &total, maxTotal: lim.MaxTotal, ctx: ctx}
		err = st.part(lr, dst)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, errTooBig):
			if f != main {
				return errorf(ErrLimit, "DOCX: header or footer %s is over %s uncompressed, over the limit (a page header is a few lines)", f.Name, human(limit))
			}
			return errorf(ErrLimit, "DOCX: entry %s is over %s uncompressed, over the limit (zip bomb?)", f.Name, human(limit))
		case errors.Is(err, errTotalTooBig):
			return errorf(ErrLimit, "DOCX: its entries are over %s uncompressed together, over the limit (zip bomb?)", human(lim.MaxTotal))
		case errors.Is(err, errCancelled):
			return errorf(ErrLimit, "reading the DOCX took longer than %s (the limit)", lim.Timeout)
		case errors.Is(err, errTooDeep):
			return errorf(ErrLimit, "DOCX: entry %s nests XML elements more than %d deep, over the limit", f.Name, lim.MaxDepth)
		case errors.Is(err, errTooMany):
			return errorf(ErrLimit, "DOCX: its parts hold more than %d XML elements (the limit was passed in entry %s)", lim.MaxElements, f.Name)
		case errors.Is(err, errTextTooBig):
			return errorf(ErrTextLimit, "DOCX: its text is over %s, over the limit (passed in entry %s)", human(lim.MaxText), f.Name)
		case errors.Is(err, zip.ErrFormat) && limit-lr.n >= int64(min(f.UncompressedSize64, 1<<62)):
			// archive/zip stops an entry at the size its header gives.
			return errorf(ErrLimit, "DOCX: entry %s is larger than its ZIP header says (%s); refusing it (zip bomb?)", f.Name, human(int64(f.UncompressedSize64)))
		case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
			return errorf(ErrCorrupt, "corrupt or truncated DOCX: entry %s is damaged", f.Name)
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return errorf(ErrCorrupt, "corrupt DOCX: entry %s is not well-formed XML (line %d)", f.Name, se.Line)
		}
		return errorf(ErrCorrupt, "corrupt DOCX: entry %s cannot be read", f.Name)
	}

	var out bytes.Buffer
	added := map[string]bool{}
	addAll := func(fs []*zip.File) error {
		for _, f := range fs {
			var b bytes.Buffer
			if err := part(f, &b); err != nil {
				return err
			}
			t := b.String()
			// A document has up to three headers (default, first page,
			// even pages), often the same: each text once.
			key := collapseSpace(t)
			if key == "" || added[key] {
				continue
			}
			added[key] = true
			out.WriteString(t)
		}
		return nil
	}
	if err := addAll(headers); err != nil {
		return nil, err
	}
	// The body, most of the text, is written straight into the document's.
	if err := part(main, &out); err != nil {
		return nil, err
	}
	if err := addAll(footers); err != nil {
		return nil, err
	}
	text := out.Bytes()
	if cap(text)-len(text) > len(text)/4 {
		// The text is held while the letter is checked: not the room the
		// buffer grew by.
		text = bytes.Clone(text)
	}
	return &Document{
		Text: text,
		Info: document.Info{
			Kind:           KindDOCX,
			Pages:          1 + bytes.Count(text, []byte("\f")),
			TrackedChanges: st.tracked,
			MergeFields:    st.merge,
		},
	}, nil
}

// oddPath says what is wrong with a ZIP entry name, or "".
func oddPath(name string) string {
	switch {
	case name == "":
		return "an empty name"
	case !utf8.ValidString(name), strings.ContainsAny(name, "\x00\\"):
		return "an odd name"
	case strings.HasPrefix(name, "/"), len(name) > 1 && name[1] == ':':
		return "an absolute path"
	case len(name) > 512:
		return "an overlong name"
	}
	for _, el := range strings.Split(name, "/") {
		if el == ".." {
			return "a path that climbs out of the archive (..)"
		}
	}
	return ""
}

// isPart reports whether name is prefix + optional number + ".xml", directly
// in word/ (word/header1.xml, word/footer2.xml).
func isPart(name, prefix string) bool {
	if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".xml") || path.Dir(name) != "word" {
		return false
	}
	mid := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".xml")
	_, err := strconv.Atoi(mid)
	return mid == "" || err == nil
}

// partLess orders header1.xml before header2.xml before header10.xml.
func partLess(a, b string) bool {
	na, nb := partNum(a), partNum(b)
	if na != nb {
		return na < nb
	}
	return a < b
}

func partNum(name string) int {
	base := strings.TrimSuffix(path.Base(name), ".xml")
	i := len(base)
	for i > 0 && base[i-1] >= '0' && base[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(base[i:])
	return n
}

// docxState is what the parts of one document share: what was learned of
// it, and the work done so far, held to the limits.
type docxState struct {
	tracked, merge bool
	lim            Limits
	elements       int   // XML elements read, all parts
	deepest        int   // the deepest nesting seen
	fieldSteps     int   // open fields looked at to place text
	text           int64 // bytes of text written, all parts
}

// Errors of docxState.part past a limit, told with the entry's name.
var (
	errTooDeep    = errors.New("too deep")
	errTooMany    = errors.New("too many elements")
	errTextTooBig = errors.New("text over the limit")
)

// collapseSpace is strings.Join(strings.Fields(s), " ") without the slice
// of fields: one allocation the size of s at most.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		var size int
		var isSpace bool
		if c < utf8.RuneSelf {
			size, isSpace = 1, asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			if b.Cap() == 0 {
				b.Grow(len(s) - i)
			}
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// field is a complex field (w:fldChar begin … separate … end) being read.
type field struct {
	instr     strings.Builder
	separated bool // past "separate": the field's result follows
	merge     string
	isMerge   bool
	// eff is the index in the stack of the field that text written while
	// this one is innermost goes to (one still being defined, or a merge
	// field whose result is dropped), or -1: a field showing its result
	// passes text on to the one around it. Kept so that writing does not
	// walk the stack: a hundred thousand open fields made every write walk
	// them all.
	eff int
}

// pushField opens a field, and refresh sets the innermost field's eff
// after its state changed.
func (p *docxPart) pushField(f *field) {
	p.fields = append(p.fields, f)
	p.refresh()
}

func (p *docxPart) refresh() {
	k := len(p.fields) - 1
	if k < 0 {
		return
	}
	switch f := p.fields[k]; {
	case !f.separated || f.isMerge:
		f.eff = k
	case k > 0:
		f.eff = p.fields[k-1].eff
	default:
		f.eff = -1
	}
}

// row is a table row being read: its cells become one line, tab separated.
type row struct {
	cells []string
	cell  strings.Builder
	in    bool
}

// docxPart streams one part's XML into lines.
type docxPart struct {
	st          *docxState
	out         *bytes.Buffer
	paras       []*strings.Builder // open paragraphs (text boxes nest them)
	rows        []*row
	skipRoot    string // the local name of the element being skipped
	fields      []*field
	hidden      bool             // the current run is hidden (w:vanish)
	pendingPage bool             // a page break to write before the next text
	joinNext    bool             // the paragraph mark was deleted: join the next one
	carry       *strings.Builder // a paragraph joined to the next, which goes on in it
	inText      bool             // inside w:t
	inInstr     bool             // inside w:instrText
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// part reads one XML part, writing its text into out.
func (st *docxState) part(r io.Reader, out *bytes.Buffer) error {
	p := &docxPart{st: st, out: out}
	d := xml.NewDecoder(r)
	// Elements whose content is not text of the letter are skipped whole:
	// properties, deleted text, alternate-content fallbacks, the cached
	// result of a simple merge field.
	depthSkip := 0
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if st.text > st.lim.MaxText {
			return errTextTooBig
		}
		switch t := tok.(type) {
		case xml.StartElement:
			// The decoder keeps a record of each open element, and every
			// element costs a token: both are bounded before the
			// element is looked at.
			if depth++; depth > st.lim.MaxDepth {
				return errTooDeep
			}
			st.deepest = max(st.deepest, depth)
			if st.elements++; st.elements > st.lim.MaxElements {
				return errTooMany
			}
			if depthSkip > 0 {
				depthSkip++
				p.inSkipped(t)
				continue
			}
			if p.start(t) {
				depthSkip = 1
				p.skipRoot = t.Name.Local
			}
		case xml.EndElement:
			depth--
			if depthSkip > 0 {
				depthSkip--
				continue
			}
			p.end(t)
		case xml.CharData:
			if depthSkip > 0 {
				continue
			}
			switch {
			case p.inText:
				p.writeBytes(t)
			case p.inInstr:
				if f := p.topField(); f != nil && !f.separated {
					st.text += int64(len(t))
					f.instr.Write(t)
				}
			}
		}
	}
	// Close whatever a damaged part left open.
	for len(p.paras) > 0 {
		p.endPara()
	}
	if p.carry != nil && p.carry.Len() > 0 {
		p.emitLine(p.carry.String())
	}
	return nil
}

// inSkipped reads the few things that matter inside skipped elements:
// tracked changes (a deleted paragraph mark, w:pPr/w:rPr/w:del, joins the
// paragraph to the next), hidden runs (w:rPr/w:vanish) and page breaks
// before a paragraph (w:pPr/w:pageBreakBefore).
func (p *docxPart) inSkipped(t xml.StartElement) {
	if t.Name.Space != wNS {
		return
	}
	switch t.Name.Local {
	case "ins", "del", "moveFrom", "moveTo":
		p.st.tracked = true
		if p.skipRoot == "pPr" && (t.Name.Local == "del" || t.Name.Local == "moveFrom") {
			p.joinNext = true
		}
	case "vanish", "specVanish":
		if p.skipRoot == "rPr" {
			v := attr(t, "val")
			p.hidden = v == "" || (v != "0" && v != "false" && v != "off")
		}
	case "pageBreakBefore":
		if p.skipRoot == "pPr" {
			v := attr(t, "val")
			if v == "" || (v != "0" && v != "false" && v != "off") {
				p.pageBreak()
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// start handles a start element; it returns true to skip the element's
// content.
func (p *docxPart) start(t xml.StartElement) bool {
	if t.Name.Space == "http://schemas.openxmlformats.org/markup-compatibility/2006" && t.Name.Local == "Fallback" {
		return true // the same content again, for older readers
	}
	if t.Name.Space != wNS {
		return false
	}
	switch t.Name.Local {
	case "p":
		// A paragraph joined to the previous one goes on in its builder:
		// copying the text so far into each of a chain of joined
		// paragraphs cost the square of the chain's length.
		b := p.carry
		if b == nil {
			b = &strings.Builder{}
		}
		p.carry = nil
		p.paras = append(p.paras, b)
	case "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid", "numPr", "tabs", "pPrChange", "rPrChange":
		return true
	case "del", "moveFrom":
		p.st.tracked = true
		return true // deleted text is not in the letter
	case "ins", "moveTo":
		p.st.tracked = true
	case "r":
		p.hidden = false
	case "t":
		p.inText = true
	case "delText":
		return true
	case "instrText":
		p.inInstr = true
	case "tab", "ptab":
		p.write("\t")
	case "br":
		switch attr(t, "type") {
		case "page":
			p.pageBreak()
		default:
			p.newline()
		}
	case "cr":
		p.newline()
	case "lastRenderedPageBreak":
		p.pageBreak()
	case "noBreakHyphen":
		p.write("-")
	case "fldSimple":
		instr := attr(t, "instr")
		if name, ok := mergeField(instr); ok {
			p.st.merge = true
			p.write("«" + name + "»")
			return true // the cached result would repeat the value
		}
	case "fldChar":
		switch attr(t, "fldCharType") {
		case "begin":
			p.pushField(&field{})
		case "separate":
			if f := p.topField(); f != nil && !f.separated {
				f.separated = true
				p.refresh()
				p.fieldInstrDone(f)
			}
		case "end":
			if f := p.topField(); f != nil {
				if !f.separated {
					p.fieldInstrDone(f)
				}
				p.fields = p.fields[:len(p.fields)-1]
			}
		}
	case "tr":
		p.rows = append(p.rows, &row{})
	case "tc":
		if r := p.topRow(); r != nil {
			r.in = true
			r.cell.Reset()
		}
	}
	return false
}

func (p *docxPart) end(t xml.EndElement) {
	if t.Name.Space != wNS {
		return
	}
	switch t.Name.Local {
	case "p":
		p.endPara()
	case "t":
		p.inText = false
	case "instrText":
		p.inInstr = false
	case "r":
		p.hidden = false
	case "tc":
		if r := p.topRow(); r != nil {
			r.cells = append(r.cells, collapseSpace(r.cell.String()))
			r.in = false
		}
	case "tr":
		if r := p.topRow(); r != nil {
			p.rows = p.rows[:len(p.rows)-1]
			line := strings.TrimRight(strings.Join(r.cells, "\t"), "\t")
			p.emitLine(line)
		}
	}
}

// fieldInstrDone handles a complex field whose instruction is complete: a
// merge field shows as «Name» and its cached result is hidden.
func (p *docxPart) fieldInstrDone(f *field) {
	if name, ok := mergeField(f.instr.String()); ok {
		p.st.merge = true
		f.isMerge, f.merge = true, name
		// Write into the enclosing field's instruction or the text.
		p.fields = p.fields[:len(p.fields)-1]
		p.write("«" + name + "»")
		p.pushField(f)
	}
}

func (p *docxPart) topField() *field {
	if len(p.fields) == 0 {
		return nil
	}
	return p.fields[len(p.fields)-1]
}

func (p *docxPart) topRow() *row {
	if len(p.rows) == 0 {
		return nil
	}
	return p.rows[len(p.rows)-1]
}

// mergeField reads "MERGEFIELD Name \* MERGEFORMAT" (the name may be quoted).
func mergeField(instr string) (string, bool) {
	s := strings.TrimSpace(instr)
	if len(s) < 10 || !strings.EqualFold(s[:10], "MERGEFIELD") {
		return "", false
	}
	s = strings.TrimSpace(s[10:])
	if strings.HasPrefix(s, `"`) {
		if i := strings.Index(s[1:], `"`); i >= 0 {
			return s[1 : i+1], true
		}
		return strings.Trim(s, `"`), true
	}
	if f := strings.Fields(s); len(f) > 0 && !strings.HasPrefix(f[0], `\`) {
		return f[0], true
	}
	return "", true
}

// write adds text to the open paragraph (or to the instruction of a field
// still being defined, or nowhere for a merge field's cached result).
func (p *docxPart) write(s string) {
	if b := p.dest(len(s)); b != nil {
		b.WriteString(s)
	}
}

// writeBytes is write of a text node, without a string of it.
func (p *docxPart) writeBytes(t []byte) {
	if b := p.dest(len(t)); b != nil {
		b.Write(t)
	}
}

// dest returns where n bytes of text go now: the instruction of a field
// still being defined, nowhere (hidden text, a merge field's result), or
// the open paragraph.
func (p *docxPart) dest(n int) *strings.Builder {
	if p.hidden {
		return nil
	}
	// All text comes in here; lines and cells copy it a bounded number
	// of times.
	p.st.text += int64(n)
	if k := len(p.fields) - 1; k >= 0 {
		p.st.fieldSteps++
		if e := p.fields[k].eff; e >= 0 {
			if e != k {
				p.st.fieldSteps++
			}
			if f := p.fields[e]; !f.separated {
				return &f.instr
			}
			return nil // the merge's result: «Name» stands for it
		}
	}
	if len(p.paras) == 0 {
		p.paras = append(p.paras, &strings.Builder{})
	}
	para := p.paras[len(p.paras)-1]
	if p.pendingPage && p.topRow() == nil {
		if para.Len() > 0 {
			p.flushPara(para)
		}
		para.WriteString("\f")
		p.pendingPage = false
	}
	return para
}

// flushPara writes the text so far of a paragraph as a line of its own.
func (p *docxPart) flushPara(para *strings.Builder) {
	s := para.String()
	para.Reset()
	p.emitLine(s)
}

func (p *docxPart) newline() {
	if len(p.paras) == 0 || len(p.fields) > 0 && !p.fields[len(p.fields)-1].separated {
		return
	}
	p.flushPara(p.paras[len(p.paras)-1])
}

func (p *docxPart) pageBreak() {
	p.pendingPage = true
}

func (p *docxPart) endPara() {
	if len(p.paras) == 0 {
		return
	}
	para := p.paras[len(p.paras)-1]
	p.paras = p.paras[:len(p.paras)-1]
	if p.joinNext {
		// The paragraph mark was deleted: the text runs on.
		p.joinNext = false
		p.carry = para
		return
	}
	p.emitLine(para.String())
}

// emitLine writes a line to the part's text, or to the open table cell.
func (p *docxPart) emitLine(s string) {
	if r := p.topRow(); r != nil && r.in {
		if r.cell.Len() > 0 {
			r.cell.WriteByte(' ')
		}
		r.cell.WriteString(strings.ReplaceAll(s, "\f", ""))
		return
	}
	// A paragraph inside another (a text box) gets its own line, before
	// the rest of the outer paragraph.
	p.out.WriteString(s)
	p.out.WriteByte('\n')
}
