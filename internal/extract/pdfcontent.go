package extract

import (
	"context"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// The library's own Page.Content misplaces glyphs (it advances the text
// position by a phantom line feed after every TJ, ignores word spacing and
// two-byte fonts, and skips form XObjects), so the content stream is
// interpreted here, on the library's parser (pdf.Interpret) and font
// decoding (pdf.Font.Encoder).

// matrix is a PDF transformation matrix [a b c d e f]: a point (x, y) maps
// to (a·x + c·y + e, b·x + d·y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }

// gstate is the part of the graphics state that places text.
type gstate struct {
	ctm                 matrix
	font                *fontInfo
	tfs, tc, tw, th, tl float64
	trise               float64
}

// fontScope caches the fonts and forms of one resource dictionary by name.
type fontScope struct {
	res   pdf.Value
	fonts map[string]*fontInfo
	forms map[string]*formInfo
}

func newScope(res pdf.Value) *fontScope {
	return &fontScope{res: res, fonts: map[string]*fontInfo{}}
}

// formInfo is a form XObject as a page's resources name it: looked up,
// its size checked and its resources' fonts loaded once however many
// times it is drawn (each drawing still counts its operators and glyphs).
type formInfo struct {
	xo    pdf.Value
	ok    bool // a form, not an image
	fm    matrix
	scope *fontScope
	size  int64 // decompressed, counted against MaxTotal each time it is drawn
}

// form returns the named form XObject of the scope, read once.
func (in *interp) form(scope *fontScope, name string) *formInfo {
	if f, ok := scope.forms[name]; ok {
		return f
	}
	if scope.forms == nil {
		scope.forms = map[string]*formInfo{}
	}
	f := &formInfo{}
	scope.forms[name] = f
	xo := scope.res.Key("XObject").Key(name)
	if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
		return f
	}
	f.size = in.checkSize(xo)
	f.xo, f.ok, f.fm, f.scope = xo, true, identity, scope
	if m := xo.Key("Matrix"); m.Kind() == pdf.Array && m.Len() == 6 {
		for i := 0; i < 6; i++ {
			f.fm[i] = m.Index(i).Float64()
		}
	}
	if r := xo.Key("Resources"); r.Kind() == pdf.Dict {
		f.scope = newScope(r)
	}
	return f
}

// fontInfo is what showing text needs of a font.
type fontInfo struct {
	enc     pdf.TextEncoding
	twoByte bool
	first   int
	widths  []float64
	missing float64 // width of codes outside Widths, in glyph units
	cidW    map[int]float64
	dw      float64
	scale   float64 // glyph units to text space (1/1000, or a Type 3 font's matrix)
	simple  [256]*string
	wide    map[int]string
}

// interp interprets page content streams into glyphs. Its counters are
// the work done on the whole document, shared streams counted each time
// they are run, and are held to the Limits.
type interp struct {
	ctx      context.Context
	lim      Limits
	page     int // 1-based, for messages
	pages    int
	chars    int64                // bytes of text drawn, all pages
	ops      int                  // operators run
	streams  int                  // content streams and forms run
	fontMaps int64                // bytes of fonts' character maps read
	largest  int64                // bytes of the largest stream read
	fonts    map[string]*fontInfo // loaded fonts, by their dictionary's text
	drawn    int                  // glyphs drawn, all pages
	read     int64
	most     int // glyphs of the page that drew the most
	glyphs   []glyph
	buf      []byte
}

// over unwinds the interpreter with a limit's error.
func over(format string, args ...any) {
	panic(limitPanic{errorf(ErrLimit, format, args...)})
}

// pageGlyphs returns the glyphs of a page. A page whose content cannot be
// read to its end keeps the glyphs read before the damage and returns the
// error; running out of time unwinds to readPDF. The slice returned is
// reused by the next page.
func (in *interp) pageGlyphs(p pdf.Page) (gs []glyph, err error) {
	in.glyphs = in.glyphs[:0]
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && e == errCancelled {
				panic(r)
			}
			gs, err = in.glyphs, panicError(r)
		}
	}()
	contents := p.V.Key("Contents")
	if contents.Kind() != pdf.Stream && contents.Kind() != pdf.Array {
		return nil, nil
	}
	defer func() { in.most = max(in.most, len(in.glyphs)) }()
	in.checkSize(contents)
	in.run(contents, newScope(p.Resources()), gstate{ctm: identity, th: 1}, 0)
	return in.glyphs, nil
}

// checkSize reads a stream (or an array of streams) to its end, refusing
// one that decompresses to more than the limit: a decompression bomb must
// not reach the interpreter, which could not be interrupted while it reads.
// It returns the size decompressed.
func (in *interp) checkSize(v pdf.Value) int64 {
	if in.buf == nil {
		in.buf = make([]byte, 64<<10)
	}
	// The library parses a content stream's operands whole: one array of
	// millions of numbers costs some 80 bytes a number, so a stream is
	// held to MaxStream, far under the MaxUncompressed of a DOCX entry.
	limit := min(in.lim.MaxUncompressed, in.lim.MaxStream)
	var total int64
	defer func() { in.largest = max(in.largest, total) }()
	one := func(s pdf.Value) {
		if s.Kind() != pdf.Stream {
			return
		}
		rd := s.Reader()
		defer rd.Close()
		for {
			n, err := rd.Read(in.buf)
			total += int64(n)
			if total > limit {
				panic(limitPanic{errorf(ErrLimit, "a PDF stream is over %s uncompressed, over the %s limit (a decompression bomb?)", human(total), human(limit))})
			}
			in.addRead(int64(n))
			if in.ctx.Err() != nil {
				panic(errCancelled)
			}
			if err != nil {
				return
			}
		}
	}
	if v.Kind() == pdf.Array {
		if in.streams+v.Len() > in.lim.MaxStreams {
			in.countStreams(v.Len()) // refused before any is opened
		}
		for i := 0; i < v.Len() && i < 10000; i++ {
			one(v.Index(i))
		}
		return total
	}
	one(v)
	return total
}

// addRead counts n bytes more decoded, refusing them past the limit.
func (in *interp) addRead(n int64) {
	if in.read += n; in.read > in.lim.MaxTotal {
		over("PDF: its streams decode to over %s together, over the limit (a stream shared by many pages counts on each; a decompression bomb?)", human(in.lim.MaxTotal))
	}
}

// countStreams counts n streams more run, refusing them past the limit.
func (in *interp) countStreams(n int) {
	if in.streams += n; in.streams > in.lim.MaxStreams {
		over("PDF: its pages draw content streams and forms more than %d times together, over the limit (a form or stream drawn again and again counts each time)", in.lim.MaxStreams)
	}
}

// run interprets one content stream (a page's or a form's).
func (in *interp) run(strm pdf.Value, scope *fontScope, g gstate, depth int) {
	// Opening a stream costs far more than an operator (a decompressor, a
	// buffer): a form drawn a million times is refused by this count, and
	// so is a page whose contents list one stream a million times.
	n := 1
	if strm.Kind() == pdf.Array {
		n = strm.Len()
	}
	in.countStreams(n)
	var stack []gstate
	tm, tlm := identity, identity
	var args []pdf.Value
	num := func(i int) float64 {
		if i >= len(args) {
			return 0
		}
		f := args[i].Float64()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0
		}
		return f
	}
	mat := func() matrix {
		var m matrix
		for i := 0; i < 6; i++ {
			m[i] = num(i)
		}
		return m
	}
	nextLine := func() {
		tlm = translate(0, -g.tl).mul(tlm)
		tm = tlm
	}
	show := func(raw string) {
		f := g.font
		if f == nil {
			f = fallbackFont
		}
		trmBase := matrix{g.tfs * g.th, 0, 0, g.tfs, 0, g.trise}
		for len(raw) > 0 {
			var code, n int
			if f.twoByte && len(raw) >= 2 {
				code, n = int(raw[0])<<8|int(raw[1]), 2
			} else {
				code, n = int(raw[0]), 1
			}
			w0 := f.width(code) * f.scale
			trm := trmBase.mul(tm).mul(g.ctm)
			if len(in.glyphs) >= in.lim.MaxGlyphsPerPage {
				over("PDF: page %d draws more than %d characters, over the limit (a letter's page draws a few thousand)", in.page, in.lim.MaxGlyphsPerPage)
			}
			if in.drawn++; in.drawn > in.lim.MaxGlyphs {
				over("PDF: its pages draw more than %d characters together, over the limit (a content stream shared by many pages counts on each)", in.lim.MaxGlyphs)
			}
			if len(in.glyphs) == cap(in.glyphs) {
				// Doubling: append's growth of a large slice by a quarter
				// allocated five times a page's glyphs.
				gs := make([]glyph, len(in.glyphs), max(256, 2*cap(in.glyphs)))
				copy(gs, in.glyphs)
				in.glyphs = gs
			}
			s := f.decode(raw[:n], code)
			// A character map may give one code a long text: the text
			// drawn is bounded as it is drawn, not once the page is laid
			// out (a 1 KB file drew 64 MB of text on a page).
			if in.chars += int64(len(s)); in.chars > in.lim.MaxText {
				panic(limitPanic{errorf(ErrTextLimit, "PDF: its text is over %s, over the limit (page %d of %d)", human(in.lim.MaxText), in.page, in.pages)})
			}
			in.glyphs = append(in.glyphs, glyph{
				x:    trm[4],
				y:    trm[5],
				w:    w0 * math.Hypot(trm[0], trm[1]),
				size: math.Hypot(trm[2], trm[3]),
				s:    s,
			})
			tx := w0*g.tfs + g.tc
			if n == 1 && code == ' ' {
				tx += g.tw
			}
			tm = translate(tx*g.th, 0).mul(tm)
			raw = raw[n:]
		}
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		in.ops++
		if in.ops&1023 == 0 && in.ctx.Err() != nil {
			panic(errCancelled)
		}
		if in.ops > in.lim.MaxOps {
			over("PDF: its pages run more than %d drawing operators together, over the limit (a content stream or form shared by many pages counts on each)", in.lim.MaxOps)
		}
		n := stk.Len()
		if cap(args) < n {
			args = make([]pdf.Value, n)
		}
		args = args[:n]
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, g)
			}
		case "Q":
			if k := len(stack); k > 0 {
				g = stack[k-1]
				stack = stack[:k-1]
			}
		case "cm":
			if n == 6 {
				g.ctm = mat().mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.trise = num(0)
		case "Tf":
			if n == 2 {
				g.font = in.font(scope, args[0].Name())
				g.tfs = num(1)
			}
		case "TD", "Td":
			if n == 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				tlm = translate(num(0), num(1)).mul(tlm)
				tm = tlm
			}
		case "Tm":
			if n == 6 {
				tm = mat()
				tlm = tm
			}
		case "T*":
			nextLine()
		case "Tj":
			if n == 1 {
				show(args[0].RawString())
			}
		case "'":
			if n == 1 {
				nextLine()
				show(args[0].RawString())
			}
		case "\"":
			if n == 3 {
				g.tw, g.tc = num(0), num(1)
				nextLine()
				show(args[2].RawString())
			}
		case "TJ":
			if n == 1 && args[0].Kind() == pdf.Array {
				a := args[0]
				// Each element of the array is an operation of its own.
				if in.ops += a.Len(); in.ops > in.lim.MaxOps {
					over("PDF: its pages run more than %d drawing operators together, over the limit (a content stream or form shared by many pages counts on each)", in.lim.MaxOps)
				}
				for i := 0; i < a.Len(); i++ {
					x := a.Index(i)
					switch x.Kind() {
					case pdf.String:
						show(x.RawString())
					case pdf.Integer, pdf.Real:
						adj := x.Float64()
						if !math.IsNaN(adj) && !math.IsInf(adj, 0) {
							tm = translate(-adj/1000*g.tfs*g.th, 0).mul(tm)
						}
					}
				}
			}
		case "Do":
			if n == 1 && depth < 8 {
				if f := in.form(scope, args[0].Name()); f.ok {
					// Drawing the form decodes it again.
					in.addRead(f.size)
					fg := g
					fg.ctm = f.fm.mul(g.ctm)
					in.run(f.xo, f.scope, fg, depth+1)
				}
			}
		}
	})
}

// fallbackFont stands for a font the page names but does not define.
var fallbackFont = &fontInfo{missing: 500, scale: 0.001, dw: 1000}

// font loads (once per resource dictionary) the named font. A font that
// other pages use too is loaded once per document: fonts are told apart by
// their dictionary's text, which names the objects it refers to ("6 0 R"),
// so two fonts of the same text decode alike. Pages that share a font with
// a large character map read the map once, not once a page.
func (in *interp) font(scope *fontScope, name string) *fontInfo {
	if f, ok := scope.fonts[name]; ok {
		return f
	}
	fv := scope.res.Key("Font").Key(name)
	var f *fontInfo
	if fv.Kind() != pdf.Dict {
		f = fallbackFont
	} else {
		key := fv.String()
		if f = in.fonts[key]; f == nil {
			f = in.loadFont(fv)
			if in.fonts == nil {
				in.fonts = map[string]*fontInfo{}
			}
			in.fonts[key] = f
		}
	}
	scope.fonts[name] = f
	return f
}

func (in *interp) loadFont(fv pdf.Value) *fontInfo {
	if fv.Kind() != pdf.Dict {
		return fallbackFont
	}
	f := &fontInfo{scale: 0.001, dw: 1000}
	switch fv.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		d := fv.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.cidW = cidWidths(d.Key("W"))
	case "Type3":
		if m := fv.Key("FontMatrix"); m.Kind() == pdf.Array && m.Len() == 6 {
			f.scale = m.Index(0).Float64()
		}
		fallthrough
	default:
		f.first = int(fv.Key("FirstChar").Int64())
		ws := fv.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths = append(f.widths, ws.Index(i).Float64())
		}
		f.missing = fv.Key("FontDescriptor").Key("MissingWidth").Float64()
		if f.missing == 0 && len(f.widths) == 0 {
			// A standard font without widths: an average character.
			f.missing = 500
			if strings.Contains(fv.Key("BaseFont").Name(), "Courier") {
				f.missing = 600
			}
		}
	}
	if tu := fv.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		// The library parses a character map at some 40 ns and 13 bytes
		// allocated a byte: the maps read are bounded together.
		before := in.read
		in.checkSize(tu)
		if in.fontMaps += in.read - before; in.fontMaps > in.lim.MaxFontMaps {
			over("PDF: its fonts' character maps are over %s together, over the limit", human(in.lim.MaxFontMaps))
		}
	}
	if d := fv.Key("Encoding").Key("Differences"); d.Len() > maxDifferences {
		// The library looks each code up through the whole array.
		over("PDF: a font's encoding lists %d differences, over the limit of %d (a font has 256 codes)", d.Len(), maxDifferences)
	}
	f.enc = encoder(fv)
	return f
}

// maxDifferences bounds a font encoding's /Differences array: 256 codes
// and the numbers that place them.
const maxDifferences = 1024

// encoder returns the library's decoder for the font, or nil where building
// it fails (a damaged character map): bytes are then read as Latin-1.
func encoder(fv pdf.Value) (enc pdf.TextEncoding) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && e == errCancelled {
				panic(r)
			}
			enc = nil
		}
	}()
	font := pdf.Font{V: fv}
	return font.Encoder()
}

// cidWidths reads a CID font's W array: "c [w1 w2 …]" or "cfirst clast w".
func cidWidths(w pdf.Value) map[int]float64 {
	m := map[int]float64{}
	n := w.Len()
	// Entries that add no width still cost a look-up each: both bounded.
	for i := 0; i < n && i < 1<<17 && len(m) < 1<<16; {
		c := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for k := 0; k < next.Len() && k < 1<<16; k++ {
				m[c+k] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := int(next.Int64())
		wd := w.Index(i + 2).Float64()
		for k := c; k <= last && k-c < 1<<16; k++ {
			m[k] = wd
		}
		i += 3
	}
	return m
}

// width is the advance of a code in glyph units.
func (f *fontInfo) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.dw
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return f.missing
}

// decode returns the text of one character code.
func (f *fontInfo) decode(raw string, code int) string {
	if !f.twoByte && code < 256 {
		if s := f.simple[code]; s != nil {
			return *s
		}
		s := f.decodeRaw(raw)
		f.simple[code] = &s
		return s
	}
	if s, ok := f.wide[code]; ok {
		return s
	}
	s := f.decodeRaw(raw)
	if f.wide == nil {
		f.wide = map[int]string{}
	}
	f.wide[code] = s
	return s
}

func (f *fontInfo) decodeRaw(raw string) (s string) {
	if f.enc != nil {
		func() {
			defer func() {
				if r := recover(); r != nil {
					s = ""
				}
			}()
			s = f.enc.Decode(raw)
		}()
	}
	if s == "" || !utf8.ValidString(s) {
		// Latin-1, the best guess for an unmapped simple font.
		var b strings.Builder
		for i := 0; i < len(raw); i++ {
			b.WriteRune(rune(raw[i]))
		}
		s = b.String()
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\u00a0':
			return ' '
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == utf8.RuneError, r == '\ufffe':
			return -1
		}
		return r
	}, s)
}
