// Package text turns the bytes of a letter, as a PDF extractor or a word
// processor left them, into clean logical lines the parser can read, and
// keeps a map from every byte of that clean text back to the original file.
//
// Real letters are messy: hard-wrapped lines, a blank line after every line
// (some extractors double-space), trailing spaces, CRLF, form feeds at page
// breaks, page footers ("Page 2 of 4", a case number alone on a line), curly
// quotes, en and em dashes and non-breaking spaces. The parser should see none
// of that, yet every finding must point at the exact bytes of the original
// file. So normalisation never edits in place: it builds new strings together
// with an offset table, and Block.Span turns a range of clean text into a
// range of original bytes.
package text

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/imrlint/imrlint/internal/ascii"
	"github.com/imrlint/imrlint/internal/position"
)

// Line is one logical line of the letter after normalisation.
type Line struct {
	// Text is the line with surrounding white space trimmed, inner runs of
	// white space folded to one space, quotes straightened and dashes made
	// ASCII hyphens.
	Text string
	// Break marks a paragraph break (a blank line in the original). Break
	// lines have empty Text.
	Break bool
	// PageStart marks the first line after a form feed or page footer.
	PageStart bool
	// Num is the 1-based physical line number in the original file.
	Num int
	// clean is the text of all the lines of the document, in order, one
	// space between lines, and at the offset in it where Text was laid
	// (n bytes long): lines laid side by side join without copying.
	clean *cleanText
	at, n int32
}

// off is the line's offset table: off[i] is the original byte offset of
// Text[i]; off[len(Text)] is the original offset just past the line's last
// kept character.
func (l *Line) off() []int32 {
	e := l.at + l.n
	return l.clean.off[l.at : e+1 : e+1]
}

// cleanText is the clean text of a whole document, as Join of all its
// lines would make it: text holds the lines' texts with a space between
// each two, and off[i] is the original offset of text[i] (the space after a
// line maps where that line ended, as in Join).
type cleanText struct {
	text string
	off  []int32
	src  []byte
}

// Doc is a normalised letter.
type Doc struct {
	Src []byte
	// Lines are in file order, their starts rising: the checks find a
	// line by its start with a binary search.
	Lines []Line
	// DoubleSpaced records that the extractor put a blank line after every
	// line, so single blank lines were not read as paragraph breaks.
	DoubleSpaced bool
}

// footerRE matches lines a PDF page adds that are not part of the letter.
var footerRE = regexp.MustCompile(`(?i)^(page\s+\d+\s+of\s+\d+|page\s+\d+|-\s*\d+\s*-|\d+\s+of\s+\d+|(case\s+(number|no\.?):?\s*)?CM\d{2}-\d{5,8}\s+page\s+\d+(\s+of\s+\d+)?)$`)

// caseLineRE matches a case number alone on a line: a running page header
// when it repeats, but the value of the case table when it stands once (as
// plain pdftotext leaves the table).
var caseLineRE = regexp.MustCompile(`(?i)^(case\s+(number|no\.?):?\s*)?CM\d{2}-\d{5,8}$`)

// tableValue reports, once after a lone "Case Number:" label, that a bare
// case number is the table's value.
func tableValue(afterLabel *bool, txt string) bool {
	if !*afterLabel || strings.Contains(strings.ToLower(txt), "case") {
		return false
	}
	*afterLabel = false
	return true
}

// rawLine is a physical line of the source.
type rawLine struct {
	start, end int // byte range without the line terminator
	num        int
}

func splitLines(src []byte) []rawLine {
	// One line per line feed (or carriage return alone, as CR-only files
	// end their lines), and one after the last: counting them first (a
	// fast scan) allocates the table once.
	n := bytes.Count(src, []byte{'\n'}) + 1
	lone := bytes.IndexByte(src, '\r') >= 0 && hasLoneCR(src)
	if lone {
		n += bytes.Count(src, []byte{'\r'})
	}
	out := make([]rawLine, 0, n)
	start, num := 0, 1
	for {
		var i int
		if lone {
			i = bytes.IndexAny(src[start:], "\r\n")
		} else {
			i = bytes.IndexByte(src[start:], '\n')
		}
		if i < 0 {
			break
		}
		end := start + i
		next := end + 1
		switch {
		case src[end] == '\r' && next < len(src) && src[next] == '\n':
			next++ // CR LF
		case src[end] == '\n' && end > start && src[end-1] == '\r':
			end--
		}
		out = append(out, rawLine{start, end, num})
		num++
		start = next
	}
	if start < len(src) {
		end := len(src)
		if end > start && src[end-1] == '\r' {
			end--
		}
		out = append(out, rawLine{start, end, num})
	}
	return out
}

// hasLoneCR reports a carriage return not followed by a line feed.
func hasLoneCR(src []byte) bool {
	for i := bytes.IndexByte(src, '\r'); i >= 0; {
		if i+1 == len(src) || src[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '\r')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// isSpace reports the white space that letters contain, including the
// non-breaking and other Unicode spaces extractors emit.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\v', '\f', '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a', '\u2002', '\u2003', '\u3000', '\ufeff', '\u200b':
		return true
	}
	return false
}

// fold maps a rune to the ASCII the parser expects, or returns it unchanged.
func fold(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case '\u2022', '\u25cf', '\u00b7':
		return '*'
	}
	return r
}

// appendLine appends the clean text of src[start:end] to b and its
// offsets to off: one per byte of clean text, and the original offset just
// past the line's last kept character.
func appendLine(b []byte, off []int32, src []byte, start, end int) ([]byte, []int32) {
	pendingSpace := -1 // original offset of a white space run not yet written
	lineStart := len(b)
	lastEnd := start
	for i := start; i < end; {
		c := src[i]
		// ASCII, nearly all of a letter, needs no decoding or folding: a
		// run of it is copied at once, each byte its own offset. A single
		// space between kept characters is kept as it is, with its own
		// offset, so a run is mostly a whole line.
		if asciiKept[c] {
			j := keptRunEnd(src, i+1, end)
			if pendingSpace >= 0 && len(b) > lineStart {
				b = append(b, ' ')
				off = append(off, int32(pendingSpace))
			}
			pendingSpace = -1
			b = append(b, src[i:j]...)
			n := len(off)
			off = slices.Grow(off, j-i)[:n+j-i]
			fillOffsets(off[n:], int32(i))
			i = j
			lastEnd = i
			continue
		}
		if c < utf8.RuneSelf { // ASCII white space
			if pendingSpace < 0 {
				pendingSpace = i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:end])
		if isSpace(r) {
			if pendingSpace < 0 {
				pendingSpace = i
			}
			i += size
			continue
		}
		if pendingSpace >= 0 && len(b) > lineStart {
			b = append(b, ' ')
			off = append(off, int32(pendingSpace))
		}
		pendingSpace = -1
		if r == utf8.RuneError && size == 1 {
			// Invalid UTF-8 is reported by the reader; here it only must not
			// shift offsets, so it stands as one replacement byte.
			b = append(b, '?')
			off = append(off, int32(i))
		} else {
			f := fold(r)
			if f != r {
				b = utf8.AppendRune(b, f)
				for k := utf8.RuneLen(f); k > 0; k-- {
					off = append(off, int32(i))
				}
			} else {
				b = append(b, src[i:i+size]...)
				for k := 0; k < size; k++ {
					off = append(off, int32(i+k))
				}
			}
		}
		i += size
		lastEnd = i
	}
	off = append(off, int32(lastEnd))
	return b, off
}

// fillOffsets sets o[k] = from+k: the offsets of a run of bytes copied as
// they are. Four at a time, as the loop's bounds test is then a quarter of
// the work.
func fillOffsets(o []int32, from int32) {
	k := 0
	for ; k+4 <= len(o); k += 4 {
		q := o[k : k+4 : k+4]
		v := from + int32(k)
		q[0], q[1], q[2], q[3] = v, v+1, v+2, v+3
	}
	for ; k < len(o); k++ {
		o[k] = from + int32(k)
	}
}

// keptRunEnd returns the end of the run of kept ASCII that goes on at
// src[j] (src[j-1] is kept): kept bytes, and single spaces between kept
// bytes.
func keptRunEnd(src []byte, j, end int) int {
	j = printableRunEnd(src, j, end)
	for j < end {
		if asciiKept[src[j]] {
			j++
		} else if src[j] == ' ' && j+1 < end && asciiKept[src[j+1]] {
			j += 2
		} else {
			break
		}
	}
	return j
}

// Masks of SWAR arithmetic on eight bytes in a uint64.
const (
	highBits = 0x8080808080808080
	ones     = 0x0101010101010101
)

// printableRunEnd steps over src[j:end] eight bytes at a time while they
// are printable ASCII and single spaces, each space followed by a
// printable byte, and returns where it stopped; keptRunEnd reads the rest
// a byte at a time. Byte by byte, the run scan was most of New's time.
func printableRunEnd(src []byte, j, end int) int {
	for j+8 <= end {
		x := binary.LittleEndian.Uint64(src[j:])
		// With no high bits, adding to each byte carries into no other:
		// a byte below 0x21 (space or control) is one whose high bit
		// stays clear after adding 0x5f, and a space one that is zero
		// after xor 0x20, so stays below 0x80 after adding 0x7f. (With
		// high bits the masks are wrong, but then the loop stops.)
		ctl := ^(x + 0x5f*ones) & highBits
		sp := ^((x ^ 0x20*ones) + 0x7f*ones) & highBits
		if x&highBits != 0 || ctl != sp || sp&(sp<<8) != 0 {
			break // non-ASCII, a control byte, other white space, or two spaces
		}
		// A space in the last byte is left for the next turn, which sees
		// whether a printable byte follows it. One test for the whole
		// block, as nearly every block holds a space somewhere.
		j += 8 - int(sp>>63)
	}
	return j
}

// asciiKept marks the ASCII bytes a line keeps as they are: all but the
// white space, which is folded.
var asciiKept = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f'
	}
	return t
}()

// mayBeFooter reports whether footerRE can match a clean line: it is
// anchored, and each of its forms starts with "page", "case", "CM", "-" or
// a digit (c and p fold to no other letter). A form starting "case" or
// "CM" holds "page" (whose letters fold to no others) further on; and no
// form holds a byte other than letters, digits, white space, "-", "." and
// ":". Dates and "Case Number: CM..." lines, most of the short lines that
// start and end like a footer, fail these tests and are not given to the
// pattern.
func mayBeFooter(t []byte) bool {
	if len(t) == 0 {
		return false
	}
	switch c := t[0]; {
	case c == 'c' || c == 'C':
		return footerBytes(t) && containsFoldASCII(t, "page")
	case c == 'p' || c == 'P' || c == '-' || c >= '0' && c <= '9':
		return footerBytes(t)
	}
	return false
}

// footerBytes reports whether t holds only bytes a footer can: non-ASCII
// bytes are let through (the long s folds to s in "case").
func footerBytes(t []byte) bool {
	for _, c := range t {
		if c < utf8.RuneSelf && !footerByte[c] {
			return false
		}
	}
	return true
}

// footerByte marks the ASCII bytes of footerRE's forms.
var footerByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(" \t\n\f\r-.:", byte(c)) >= 0
	}
	return t
}()

// containsFoldASCII reports whether t holds the lower-case ASCII word w in
// any case of its ASCII letters. w must be letters only: the comparison
// sets the 0x20 bit, which also maps "@" to "`" and a NUL to a space.
func containsFoldASCII(t []byte, w string) bool {
	for i := 0; i+len(w) <= len(t); i++ {
		k := 0
		for k < len(w) && t[i+k]|0x20 == w[k] {
			k++
		}
		if k == len(w) {
			return true
		}
	}
	return false
}

// endsLikeFooter reports whether a clean line can match footerRE or
// caseLineRE: every form of both ends in a digit, or a hyphen ("- 4 -").
// Most short lines that start like a footer ("Case Number:", "Claims
// Administrator") end otherwise, and the patterns were a tenth of New.
func endsLikeFooter(t []byte) bool {
	if len(t) == 0 {
		return false
	}
	c := t[len(t)-1]
	return c >= '0' && c <= '9' || c == '-'
}

// mayHoldCaseNumber reports whether b holds what every case number
// holds: "CM" in any case, two digits and a hyphen (c and m fold to no
// other letter, and \d is ASCII).
//
// It looks only before each hyphen, which few lines have, found by
// bytes.IndexByte: testing every byte was a twentieth of New.
func mayHoldCaseNumber(b []byte) bool {
	for from := 4; from < len(b); {
		k := bytes.IndexByte(b[from:], '-')
		if k < 0 {
			return false
		}
		i := from + k - 4
		if b[i]|0x20 == 'c' && b[i+1]|0x20 == 'm' && ascii.IsDigit(b[i+2]) && ascii.IsDigit(b[i+3]) {
			return true
		}
		from += k + 1
	}
	return false
}

// New normalises src. It never fails: bytes it cannot read as text are
// carried as '?' so that offsets stay true; the reader rejects binary input
// before this point.
func New(src []byte) *Doc {
	raws := splitLines(src)
	d := &Doc{Src: src}

	// Detect double spacing: nearly every text line is followed by exactly
	// one empty line.
	nonEmpty, followedByOne := 0, 0
	for i, r := range raws {
		if r.end == r.start {
			continue
		}
		nonEmpty++
		if i+1 < len(raws) && raws[i+1].end == raws[i+1].start && (i+2 >= len(raws) || raws[i+2].end != raws[i+2].start) {
			followedByOne++
		}
	}
	d.DoubleSpaced = nonEmpty >= 8 && followedByOne*10 >= nonEmpty*8

	caseLines := map[string]int{}
	for _, r := range raws {
		if r.end-r.start > 60 || !mayHoldCaseNumber(src[r.start:r.end]) {
			continue
		}
		t := strings.TrimSpace(strings.Trim(string(src[r.start:r.end]), "\f"))
		if len(t) < 40 && caseLineRE.MatchString(t) {
			caseLines[strings.ToUpper(t)]++
		}
	}

	// Plain pdftotext puts the case table's labels first and its values
	// after: the first bare case number after a lone "Case Number:" label
	// is the table's value, its repeats at page tops are running headers.
	caseLabel := false

	// The clean text of every line is laid in one buffer, a space between
	// lines, with its offsets in another: a few allocations for the whole
	// letter, and Join of adjacent lines needs no copy. Clean text is
	// never longer than the original. A strings.Builder neither clears its
	// buffer nor copies it into the string at the end, so each line is
	// made in line first, and laid only when it is kept.
	var text strings.Builder
	text.Grow(len(src))
	clean := &cleanText{src: src} // text and off are set at the end
	line := make([]byte, 0, 256)
	offs := make([]int32, 0, len(src)+len(raws))
	d.Lines = make([]Line, 0, min(len(raws), 2*nonEmpty+1))

	pageStart := false
	emptyRun := 0
	flushEmpty := func() {
		// In double-spaced text a single empty line is the extractor's,
		// not the author's.
		if emptyRun > 0 && !(d.DoubleSpaced && emptyRun == 1) {
			d.addBreak(pageStart)
		}
		emptyRun = 0
	}
	for _, r := range raws {
		start := r.start
		// A form feed starts a new page; pdftotext puts it at the start of
		// the first line of the page.
		for start < r.end && src[start] == '\f' {
			pageStart = true
			start++
		}
		// The line's offsets follow the last line's: the entry past that
		// line's end is the offset of the space laid between the two.
		o0 := len(offs)
		line, offs = appendLine(line[:0], offs, src, start, r.end)
		txt := line
		if len(txt) == 0 {
			offs = offs[:o0]
			if start < r.end {
				// White space only: an explicit paragraph break, even in
				// double-spaced text.
				emptyRun = 0
				d.addBreak(pageStart)
				continue
			}
			emptyRun++
			continue
		}
		if bytes.EqualFold(txt, caseNumberLabel) {
			caseLabel = true
		}
		if len(txt) <= 48 && endsLikeFooter(txt) && (mayBeFooter(txt) && footerRE.Match(txt) || (mayHoldCaseNumber(txt) && caseLineRE.Match(txt) && caseLines[strings.ToUpper(string(txt))] > 1 && !tableValue(&caseLabel, string(txt)))) {
			offs = offs[:o0]
			pageStart = true
			emptyRun = 0
			continue
		}
		if pageStart {
			// Blank lines around a page break belong to the page layout,
			// not to the letter: a sentence may run across the break.
			emptyRun = 0
			d.dropTrailingBreaks()
		}
		flushEmpty()
		if text.Len() > 0 {
			text.WriteByte(' ')
		}
		at := text.Len()
		text.Write(txt)
		// A Builder's bytes never change once written, so the line's
		// Text can be taken now (text[i] maps to off[i], and the line's
		// table is off[at : at+n+1]).
		d.Lines = append(d.Lines, Line{Text: text.String()[at:], PageStart: pageStart, Num: r.num, clean: clean, at: int32(at), n: int32(len(txt))})
		pageStart = false
	}
	clean.text, clean.off = text.String(), offs
	return d
}

// caseNumberLabel is the label of the case table a bare case number may
// follow.
var caseNumberLabel = []byte("Case Number:")

func (d *Doc) addBreak(pageStart bool) {
	if pageStart {
		return
	}
	if n := len(d.Lines); n == 0 || d.Lines[n-1].Break {
		return
	}
	d.Lines = append(d.Lines, Line{Break: true})
}

func (d *Doc) dropTrailingBreaks() {
	for n := len(d.Lines); n > 0 && d.Lines[n-1].Break; n = len(d.Lines) {
		d.Lines = d.Lines[:n-1]
	}
}

// Span maps the byte range [s, e) of l.Text to the original file.
func (l Line) Span(s, e int) position.Span {
	off := l.off()
	return position.Span{Start: int(off[s]), End: endOffset(l.clean.src, off, s, e)}
}

// Start is the original offset of the line's first kept character.
func (l Line) Start() int {
	if l.clean == nil {
		return 0
	}
	return int(l.clean.off[l.at])
}

// Block is a run of lines joined into one string, as a paragraph or a
// wrapped header is read: line ends become single spaces.
type Block struct {
	Text string
	off  []int32
	src  []byte
}

// Join joins lines (Break lines are skipped) into a Block.
func Join(lines []Line) Block {
	if b, ok := joinLaid(lines); ok {
		return b
	}
	return joinCopy(lines)
}

// joinCopy is Join by copying the lines' texts and offsets.
func joinCopy(lines []Line) Block {
	n := 0
	for _, l := range lines {
		n += len(l.Text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	off := make([]int32, 0, n+1)
	var lastEnd int32
	var src []byte
	for _, l := range lines {
		if l.clean != nil {
			src = l.clean.src
		}
		if l.Break || l.Text == "" {
			continue
		}
		if b.Len() > 0 {
			// The space that stands for a line end maps to the end of the
			// previous line, so a span ending before it ends on that line.
			b.WriteByte(' ')
			off = append(off, lastEnd)
		}
		b.WriteString(l.Text)
		lo := l.off()
		off = append(off, lo[:len(l.Text)]...)
		lastEnd = lo[len(l.Text)]
	}
	off = append(off, lastEnd)
	return Block{Text: b.String(), off: off, src: src}
}

// joinLaid is Join of lines that lie side by side in their document's
// clean text, as the lines of a paragraph do: the block is a piece of that
// text and of its offset table. ok is false for any other lines, and for
// a line whose Text was changed.
func joinLaid(lines []Line) (b Block, ok bool) {
	var c *cleanText
	var src []byte
	first, end := -1, int32(0)
	for i := range lines {
		l := &lines[i]
		if l.clean != nil {
			src = l.clean.src
		}
		if l.Break || l.Text == "" {
			continue
		}
		if l.clean == nil || int(l.n) != len(l.Text) || l.Text != l.clean.text[l.at:l.at+l.n] {
			return Block{}, false
		}
		if first < 0 {
			c, first = l.clean, int(l.at)
		} else if l.clean != c || l.at != end+1 {
			return Block{}, false
		}
		end = l.at + l.n
	}
	if first < 0 {
		return Block{}, false
	}
	return Block{Text: c.text[first:end], off: c.off[first : end+1 : end+1], src: src}, true
}

// Span maps the byte range [s, e) of b.Text to the original file.
func (b Block) Span(s, e int) position.Span {
	return position.Span{Start: int(b.off[s]), End: endOffset(b.src, b.off, s, e)}
}

// Orig is the original offset of b.Text[i].
func (b Block) Orig(i int) int { return int(b.off[i]) }

// Sub returns the block b.Text[s:e] with its offsets. It shares b's
// offset table: spans end where their last character ends (endOffset), so
// the entry past the end is read only for empty spans.
func (b Block) Sub(s, e int) Block {
	return Block{Text: b.Text[s:e], off: b.off[s : e+1 : e+1], src: b.src}
}

// endOffset is the original offset just past clean byte e-1: the start of
// the original character that byte came from plus that character's length
// (a curly quote is three bytes in the file and one in clean text).
func endOffset(src []byte, off []int32, s, e int) int {
	if e <= s {
		return int(off[s])
	}
	o := int(off[e-1])
	if o >= len(src) {
		return len(src)
	}
	_, size := utf8.DecodeRune(src[o:])
	return o + size
}
