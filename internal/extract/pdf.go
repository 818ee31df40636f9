package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/imrlint/imrlint/internal/document"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// errCancelled unwinds the content interpreter when the time is up.
var errCancelled = errors.New("cancelled")

// limitPanic unwinds the content interpreter when a page is over a limit.
type limitPanic struct{ err error }

// readPDF extracts the text layer of a PDF within the limits. The work runs
// on its own goroutine so that the timeout holds even where the library
// cannot be interrupted; the interpreter itself stops at the deadline.
func readPDF(data []byte, lim Limits) (*Document, error) {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i > 0 {
		data = data[i:] // junk before the header; offsets count from it
	}
	if len(data) >= 9 && data[5] == '2' && data[6] == '.' {
		// PDF 2.0 reads as 1.7 for text; the library knows only 1.x.
		data = bytes.Clone(data)
		copy(data[5:8], "1.7")
	}
	if err := precheckPDF(data); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), lim.Timeout)
	defer cancel()
	type result struct {
		doc *Document
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if r := recover(); r != nil {
				res = result{nil, panicError(r)}
			}
			ch <- res
		}()
		res.doc, res.err = extractPDF(ctx, data, lim)
	}()
	select {
	case res := <-ch:
		return res.doc, res.err
	case <-ctx.Done():
		return nil, errorf(ErrLimit, "reading the PDF took longer than %s (the limit); it may be damaged or built to loop", lim.Timeout)
	}
}

// panicError turns a panic of the library (or of the interpreter) into an
// error that says nothing of the file's contents.
func panicError(r any) error {
	switch r := r.(type) {
	case limitPanic:
		return r.err
	case error:
		if errors.Is(r, errCancelled) {
			return errorf(ErrLimit, "reading the PDF took longer than the time limit; it may be damaged or built to loop")
		}
		if _, ok := r.(runtime.Error); ok {
			return errorf(ErrCorrupt, "corrupt or truncated PDF: its structure could not be read")
		}
		return errorf(ErrCorrupt, "corrupt or truncated PDF: %s", libReason(r.Error()))
	case string:
		return errorf(ErrCorrupt, "corrupt or truncated PDF: %s", libReason(r))
	}
	return errorf(ErrCorrupt, "corrupt or truncated PDF: its structure could not be read")
}

// libReason keeps the library's description of what is wrong and drops the
// object dumps it may append (which could quote the letter).
func libReason(msg string) string {
	msg = strings.TrimPrefix(msg, "malformed PDF file: ")
	msg = strings.TrimPrefix(msg, "malformed PDF: ")
	msg = strings.TrimPrefix(msg, "not a PDF file: ")
	if i := strings.Index(msg, ":"); i >= 0 {
		msg = msg[:i]
	}
	for _, k := range []string{"{", "%!", "<<", "(", "["} {
		if i := strings.Index(msg, k); i >= 0 {
			msg = msg[:i]
		}
	}
	msg = strings.TrimSpace(msg)
	switch {
	case msg == "missing %%EOF", msg == "missing %EOF":
		return "no end-of-file marker (the file was cut short?)"
	case msg == "":
		return "its structure could not be read"
	case len(msg) > 80:
		msg = msg[:80]
	}
	return msg
}

var (
	reSize    = regexp.MustCompile(`/Size\s+(\d+)`)
	reObjStmN = regexp.MustCompile(`/N\s+(\d+)`)
	reObjHead = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\b`)
	reExtends = regexp.MustCompile(`/Extends\s+(\d+)\s+(\d+)\s+R`)
	rePrev    = regexp.MustCompile(`/Prev\s+(\d+)`)
	reRefTail = regexp.MustCompile(`^\s+\d+\s+R\b`)
	reEncrypt = regexp.MustCompile(`/Encrypt\s+(\d+\s+\d+\s+R|<<)`)
	reEncV    = regexp.MustCompile(`/V\s+(\d+)`)
	reEncR    = regexp.MustCompile(`/R\s+(\d+)`)
)

// precheckPDF refuses, before the library sees them, the structures that
// would make it allocate without bound or loop: an absurd cross-reference
// size, a cycle of /Prev cross-reference sections or /Extends object
// streams, an object stream claiming millions of objects. It also tells an
// encryption the library cannot undo.
func precheckPDF(data []byte) error {
	maxObjects := 2 * len(data)
	if maxObjects < 1<<16 {
		maxObjects = 1 << 16
	}
	if maxObjects > 1<<24 {
		maxObjects = 1 << 24
	}
	for _, m := range reSize.FindAllSubmatch(data, -1) {
		n, err := strconv.Atoi(string(m[1]))
		if err != nil || n > maxObjects {
			return errorf(ErrCorrupt, "corrupt PDF: its cross-reference table claims an implausible number of objects")
		}
	}
	// Object streams: "/Type /ObjStm ... /N count".
	for _, loc := range regexp.MustCompile(`/Type\s*/ObjStm`).FindAllIndex(data, -1) {
		lo, hi := loc[0]-512, loc[1]+512
		if lo < 0 {
			lo = 0
		}
		if hi > len(data) {
			hi = len(data)
		}
		for _, m := range reObjStmN.FindAllSubmatch(data[lo:hi], -1) {
			n, err := strconv.Atoi(string(m[1]))
			if err != nil || n > maxObjects {
				return errorf(ErrCorrupt, "corrupt PDF: an object stream claims an implausible number of objects")
			}
		}
	}
	if bytes.Contains(data, []byte("/Extends")) {
		if err := checkExtends(data); err != nil {
			return err
		}
	}
	if err := checkPrevChain(data); err != nil {
		return err
	}
	if loc := reEncrypt.FindIndex(data); loc != nil {
		if v, r, dict := encryptionVersion(data, loc); v >= 5 || r >= 5 {
			needs, ok := aes256NeedsPassword(dict, r)
			switch {
			case ok && needs:
				return errorf(ErrEncrypted, "encrypted PDF (password protected); imrlint cannot read it")
			case ok:
				return errorf(ErrEncrypted, "encrypted PDF (AES-256, with no password to open it); imrlint cannot decrypt AES-256: save an unprotected copy (for example `qpdf --decrypt in.pdf out.pdf`) and check that")
			}
			return errorf(ErrEncrypted, "encrypted PDF (AES-256); imrlint cannot read it")
		}
	}
	return nil
}

// encryptionVersion finds the /V and /R of the encryption dictionary, and
// the dictionary's text.
func encryptionVersion(data []byte, loc []int) (v, r int, dict []byte) {
	ref := string(data[loc[0]:loc[1]])
	if strings.HasSuffix(ref, "<<") {
		dict = data[loc[1]-2:]
	} else {
		f := strings.Fields(strings.TrimPrefix(ref, "/Encrypt"))
		head := regexp.MustCompile(`(?:^|[^0-9])` + f[0] + `\s+` + f[1] + `\s+obj\b`)
		l := head.FindIndex(data)
		if l == nil {
			return 0, 0, nil
		}
		dict = data[l[1]:]
	}
	if i := bytes.Index(dict, []byte("endobj")); i >= 0 {
		dict = dict[:i]
	}
	if len(dict) > 4096 {
		dict = dict[:4096]
	}
	if m := reEncV.FindSubmatch(dict); m != nil {
		v, _ = strconv.Atoi(string(m[1]))
	}
	if m := reEncR.FindSubmatch(dict); m != nil {
		r, _ = strconv.Atoi(string(m[1]))
	}
	return v, r, dict
}

// checkExtends refuses a cycle of object streams extending each other.
func checkExtends(data []byte) error {
	next := map[string]string{}
	heads := reObjHead.FindAllSubmatchIndex(data, -1)
	for i, h := range heads {
		end := len(data)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		if end-h[1] > 4096 {
			end = h[1] + 4096
		}
		if m := reExtends.FindSubmatch(data[h[1]:end]); m != nil {
			next[string(data[h[2]:h[3]])] = string(m[1])
		}
	}
	// Each stream extends at most one other, so the chains are walked once
	// each: a walk stops at a stream a walk before it has cleared (done)
	// and finds a cycle at one its own walk has passed (the walk number).
	// Walking every chain from every start cost the square of its length:
	// 8,000 chained streams took 6.9 s, before the time limit applies.
	walked := map[string]int{} // the walk that reached the stream
	walk := 0
	for start := range next {
		walk++
		for id := start; id != ""; id = next[id] {
			if w, ok := walked[id]; ok {
				if w == walk {
					return errorf(ErrCorrupt, "corrupt PDF: its object streams extend each other in a cycle")
				}
				break // cleared by an earlier walk
			}
			walked[id] = walk
		}
	}
	return nil
}

// checkPrevChain follows the chain of cross-reference sections from the last
// startxref through their /Prev offsets and refuses a cycle.
func checkPrevChain(data []byte) error {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil // the library reports it
	}
	f := strings.Fields(string(data[i+len("startxref") : min(len(data), i+len("startxref")+32)]))
	if len(f) == 0 {
		return nil
	}
	off, err := strconv.Atoi(f[0])
	if err != nil {
		return nil
	}
	seen := map[int]bool{}
	for steps := 0; off > 0 && off < len(data); steps++ {
		if seen[off] || steps > 1000 {
			return errorf(ErrCorrupt, "corrupt PDF: its cross-reference sections point back to each other in a cycle")
		}
		seen[off] = true
		// The section's trailer or stream dictionary follows within a
		// few KB for a table of a letter's size; a long table is found by
		// its "trailer" keyword.
		seg := data[off:min(len(data), off+8192)]
		if bytes.HasPrefix(seg, []byte("xref")) {
			// A table: its trailer dictionary, up to startxref.
			t := bytes.Index(data[off:], []byte("trailer"))
			if t < 0 {
				return nil
			}
			seg = data[off+t : min(len(data), off+t+8192)]
			if e := bytes.Index(seg, []byte("startxref")); e >= 0 {
				seg = seg[:e]
			}
		} else if e := bytes.Index(seg, []byte("stream")); e >= 0 {
			// A cross-reference stream: its dictionary.
			seg = seg[:e]
		}
		next := -1
		for _, m := range rePrev.FindAllSubmatchIndex(seg, -1) {
			// "/Prev 12 0 R" is an outline item's, not an offset.
			if reRefTail.Match(seg[m[3]:]) {
				continue
			}
			next, err = strconv.Atoi(string(seg[m[2]:m[3]]))
			if err != nil {
				return nil
			}
			break
		}
		if next < 0 {
			return nil
		}
		off = next
		if err != nil {
			return nil
		}
	}
	return nil
}

// extractPDF opens the PDF and lays out each page's text.
func extractPDF(ctx context.Context, data []byte, lim Limits) (*Document, error) {
	r, err := openPDF(data)
	if err != nil {
		return nil, err
	}
	pages, err := pageList(r, lim)
	if err != nil {
		return nil, err
	}
	in := &interp{ctx: ctx, lim: lim, pages: len(pages)}
	var out bytes.Buffer
	if countWork != nil {
		defer func() {
			countWork(work{glyphs: in.drawn, pageGlyphs: in.most, ops: in.ops, streams: in.streams, fontMaps: in.fontMaps, largest: in.largest, decoded: in.read, text: int64(out.Len())})
		}()
	}
	hasText := false
	var pageErr error
	for i, p := range pages {
		if ctx.Err() != nil {
			panic(errCancelled)
		}
		in.page = i + 1
		gs, err := in.pageGlyphs(p)
		if err != nil {
			var de *docError
			if errors.As(err, &de) && errors.Is(err, ErrLimit) {
				return nil, err
			}
			if pageErr == nil {
				pageErr = fmt.Errorf("page %d: %w", i+1, err)
			}
		}
		text := layoutPage(gs)
		if text != "" {
			hasText = true
		}
		if i > 0 {
			out.WriteByte('\f')
		}
		out.WriteString(text)
		if int64(out.Len()) > lim.MaxText {
			return nil, errorf(ErrTextLimit, "PDF: its text is over %s, over the limit (page %d of %d)", human(lim.MaxText), i+1, len(pages))
		}
	}
	if !hasText {
		if pageErr != nil {
			return nil, errorf(ErrCorrupt, "corrupt PDF: no text could be read (%s)", sanitizeErr(pageErr))
		}
		return &Document{Info: document.Info{Kind: KindPDF, Pages: len(pages), NoText: true}}, nil
	}
	text := out.Bytes()
	if cap(text)-len(text) > len(text)/4 {
		// The text is held while the letter is checked: not the room the
		// buffer grew by.
		text = bytes.Clone(text)
	}
	return &Document{Text: text, Info: document.Info{Kind: KindPDF, Pages: len(pages)}}, nil
}

func sanitizeErr(err error) string {
	var de *docError
	if errors.As(err, &de) {
		return de.msg
	}
	msg := err.Error()
	page := ""
	if strings.HasPrefix(msg, "page ") {
		if i := strings.Index(msg, ": "); i >= 0 {
			page, msg = msg[:i+2], msg[i+2:]
		}
	}
	return page + libReason(msg)
}

// openPDF opens the document, decrypting it with the empty user password
// where it has one (letters often come encrypted only to forbid copying).
func openPDF(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, panicError(x)
		}
	}()
	r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err == nil {
		return r, nil
	}
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword):
		return nil, errorf(ErrEncrypted, "encrypted PDF (password protected); imrlint cannot read it")
	case strings.HasPrefix(msg, "unsupported PDF: encryption"):
		return nil, errorf(ErrEncrypted, "encrypted PDF (an encryption imrlint cannot undo); save an unprotected copy and check that")
	case strings.Contains(msg, "missing %%EOF"), strings.Contains(msg, "missing %EOF"):
		return nil, errorf(ErrCorrupt, "corrupt or truncated PDF: no end-of-file marker (the file was cut short?)")
	case strings.HasPrefix(msg, "not a PDF file: invalid header"):
		return nil, errorf(ErrCorrupt, "corrupt PDF: no valid %%PDF-1.x header")
	}
	return nil, errorf(ErrCorrupt, "corrupt or truncated PDF: %s", libReason(msg))
}

// pageList walks the page tree. A tree deeper than any real document, or
// with more nodes than the page limit allows, is refused: that is how a
// cycle (a /Kids entry pointing back to an ancestor) shows, since the
// library does not expose object identity.
func pageList(r *pdf.Reader, lim Limits) (pages []pdf.Page, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, panicError(x)
		}
	}()
	root := r.Trailer().Key("Root")
	if root.Kind() != pdf.Dict {
		if r.Trailer().Key("Encrypt").Kind() != pdf.Null {
			return nil, errorf(ErrEncrypted, "encrypted PDF (password protected); imrlint cannot read it")
		}
		return nil, errorf(ErrCorrupt, "corrupt or truncated PDF: no document catalog")
	}
	visits, entries := 0, 0
	maxVisits := 4*lim.MaxPages + 64
	var tooMany, cyclic, tooLong bool
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if tooMany || cyclic {
			return
		}
		if depth > 64 {
			cyclic = true
			return
		}
		visits++
		if visits > maxVisits {
			// Far more tree nodes than pages: nodes are shared or cyclic.
			cyclic = true
			return
		}
		kids := v.Key("Kids")
		typ := v.Key("Type").Name()
		if typ == "Pages" || (typ != "Page" && kids.Kind() == pdf.Array) {
			for i := 0; i < kids.Len(); i++ {
				// Each entry is read from the file again: entries that
				// are no pages count too (200,000 of them allocated 835
				// MB).
				if entries++; entries > maxVisits {
					tooLong = true
					return
				}
				k := kids.Index(i)
				if k.Kind() == pdf.Dict {
					walk(k, depth+1)
				}
			}
			return
		}
		if len(pages) >= lim.MaxPages {
			tooMany = true
			return
		}
		pages = append(pages, pdf.Page{V: v})
	}
	walk(root.Key("Pages"), 0)
	switch {
	case tooLong:
		return nil, errorf(ErrLimit, "PDF: its page tree lists more than %d entries, over the limit (a letter has a few pages)", maxVisits)
	case cyclic:
		return nil, errorf(ErrCorrupt, "corrupt PDF: its page tree refers back to itself (a cycle)")
	case tooMany:
		return nil, errorf(ErrLimit, "PDF has more than %d pages (the limit); a letter has a few", lim.MaxPages)
	case len(pages) == 0:
		return nil, errorf(ErrCorrupt, "corrupt or truncated PDF: no pages found")
	}
	return pages, nil
}
