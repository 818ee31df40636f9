package letter

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// Citations come in several styles, all read here:
//
//	Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies, Summary.
//	Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Compound drugs, and
//	  Opioid Treatment 2016, Section(s): 3.3 Opioids for Chronic Pain ...
//	Decision based on MTUS ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints Page(s): 265,
//	  Chronic Pain Treatment Guidelines Massage Therapy Page(s): 60.
//	Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Knee & Leg (Acute &
//	  Chronic), MRI's (magnetic resonance imaging).
//	MTUS Chronic Pain Medical Treatment Guidelines (2009), Massage therapy, page 60, which is part
//	  of the MTUS.   (2013 layout)
var (
	basedOnRE   = regexp.MustCompile(`(?i)Decision based on\s+`)
	nonMTUSRE   = regexp.MustCompile(`(?i)\bNon-?\s?MTUS\b`)
	odgRE       = regexp.MustCompile(`(?i)Official Disability Guidelines|\bODG\b`)
	odgLeadRE   = regexp.MustCompile(`(?i)^.*?(?:Official Disability Guidelines\s*(?:\(ODG\))?|\(?ODG\)?)[\s,:-]*`)
	noCiteRE    = regexp.MustCompile(`(?i)did not cite any medical evidence`)
	yearAfterRE = regexp.MustCompile(`^\s*,?\s*\(?((?:19|20)\d{2})\)?`)
	yearBefore  = regexp.MustCompile(`((?:19|20)\d{2})\s+(?:MTUS\s+|ACOEM\s+)?$`)
	chapterRE   = regexp.MustCompile(`(?i)\bChapter\s+(\d{1,2})\s*[:,]?\s*$`)
	// regulationRE is a reference to the regulation adopting a guideline,
	// not a section of it: "8 C.C.R. 9792.24.1", "[8 C.C.R. 9792.20 - 9792.26]".
	regulationRE  = regexp.MustCompile(`(?i)\[?\s*(?:8\s*)?C\.?\s*C\.?\s*R\.?\s*(?:§\s*)?\d{4}[\d.]*(?:\s*-\s*\d{4}[\d.]*)?\s*\]?|\b(?:Title 8|section)\s+\d{4}\.[\d.]+`)
	sectionsRE    = regexp.MustCompile(`(?i)Sections?\s*\(s\)\s*:\s*|Sections?\s*:\s*`)
	pagesRE       = regexp.MustCompile(`(?i)\b(?:Page\(s\)|Pages?|pgs?\.?|p\.)\s*:?\s*((?:\d{1,4}(?:\s*-\s*\d{1,4})?)(?:\s*,\s*\d{1,4}(?:\s*-\s*\d{1,4})?)*)`)
	pageNumRE     = regexp.MustCompile(`(\d{1,4})(?:\s*-\s*(\d{1,4}))?`)
	sectionEndRE  = regexp.MustCompile(`(?i)\b(?:Page\(s\)|Pages?\b|pgs?\.|Decision based on)|,?\s*which (?:is|are) (?:a )?part of`)
	unknownMTUSRE = regexp.MustCompile(`(?i)\bMTUS\s+(?:ACOEM\s+)?(?:Chapter\s+\d+\s+)?([A-Z][A-Za-z&,'\- ]{2,80}?)(?:\s*\(?(?:19|20)\d{2}\)?|,?\s*Section|\s*Page|\.|$)`)
)

// citations reads the citation paragraph b.
func (p *parser) citations(b text.Block, where string) []Citation {
	if p.v.Catalog == nil {
		return nil
	}
	var out []Citation
	t := b.Text
	var sbuf, gbuf [4][2]int // on the stack: a paragraph has few citations
	starts := p.basedOn(sbuf[:0], t)
	segs := gbuf[:0]
	if len(starts) == 0 {
		segs = append(segs, [2]int{0, len(t)})
	}
	for i, s := range starts {
		end := len(t)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		segs = append(segs, [2]int{s[1], end})
	}
	for _, sg := range segs {
		seg := t[sg[0]:sg[1]]
		switch {
		case p.noCite(seg):
		case p.nonMTUS(seg):
			c := Citation{Field: blockField(b, sg[0], sg[1]), NonMTUS: true, Where: where}
			if p.namesODG(seg) {
				c.ODG = true
				p.odgCitation(b, sg[0], sg[1], &c)
			}
			out = append(out, c)
		default:
			cs := p.mtusCitations(b, sg[0], sg[1], where)
			if out == nil {
				// The usual single segment's list is taken as it is (it is
				// nil or holds a citation), not copied.
				out = cs
			} else {
				out = append(out, cs...)
			}
		}
	}
	return out
}

// mtusCitations reads the MTUS guidelines named in b.Text[s:e].
func (p *parser) mtusCitations(b text.Block, s, e int, where string) []Citation {
	return p.mtusCitationsToks(b, s, e, phrase.Tokenize(b.Text[s:e]), where)
}

// mtusCitationsToks is mtusCitations with the segment's tokens read.
func (p *parser) mtusCitationsToks(b text.Block, s, e int, toks []phrase.Token, where string) []Citation {
	seg := b.Text[s:e]
	cat := p.v.Catalog
	var ms []phrase.Match
	for _, m := range cat.MTUSNames.FindTokens(toks) {
		if len(ms) == 0 || p.startsCitation(seg, m) {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		if where == "rationale" {
			return nil
		}
		if m := unknownMTUSRE.FindStringSubmatchIndex(seg); m != nil {
			name := strings.TrimRight(seg[m[2]:m[3]], " ,")
			if name != "" && !strings.EqualFold(name, "guidelines") {
				return []Citation{{Field: blockField(b, s, e), Unknown: blockField(b, s+m[2], s+m[2]+len(name)), Where: where}}
			}
		}
		return nil
	}
	// Every name found is a citation.
	out := make([]Citation, 0, len(ms))
	for i, m := range ms {
		end := len(seg)
		if i+1 < len(ms) {
			end = ms[i+1].Start
		}
		g := cat.Guidelines[m.Entry]
		c := Citation{Field: blockField(b, s+m.Start, s+end), Guideline: g, Name: blockField(b, s+m.Start, s+m.End), Where: where}
		before := seg[max(0, m.Start-30):m.Start]
		if cm := p.chapterBefore(before); cm != nil {
			off := m.Start - len(before)
			c.Chapter, _ = strconv.Atoi(before[cm[2]:cm[3]])
			c.ChapterAt = blockField(b, s+off+cm[0], s+off+cm[1])
			c.ChapterAt.Text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.ChapterAt.Text), ":"))
			c.ChapterAt.End = c.ChapterAt.Start + len(c.ChapterAt.Text)
		}
		after := seg[m.End:end]
		secStart := 0
		if ym := yearAfterFast(after); ym != nil {
			c.Year, _ = strconv.Atoi(after[ym[2]:ym[3]])
			c.YearAt = blockField(b, s+m.End+ym[2], s+m.End+ym[3])
			secStart = ym[1]
		} else if ym := yearBeforeIn(before); ym != nil {
			off := m.Start - len(before)
			c.Year, _ = strconv.Atoi(before[ym[2]:ym[3]])
			c.YearAt = blockField(b, s+off+ym[2], s+off+ym[3])
		}
		if where != "rationale" {
			secEnd := len(after)
			if e := p.sectionsEnd(after); e >= 0 {
				secStart = e
			}
			if pe := p.sectionEnd(after[secStart:]); pe >= 0 {
				secEnd = secStart + pe
			}
			p.citedSections(b, s+m.End+secStart, s+m.End+secEnd, g, &c, toks, s)
			var pbuf [4][4]int // on the stack: few citations name more pages
			for _, pm := range p.pages(pbuf[:0], after) {
				list := after[pm[2]:pm[3]]
				for _, nm := range pageNums(list) {
					first, _ := strconv.Atoi(list[nm[2]:nm[3]])
					last := first
					if nm[4] >= 0 {
						last, _ = strconv.Atoi(list[nm[4]:nm[5]])
					}
					at := s + m.End + pm[2] + nm[0]
					c.Pages = append(c.Pages, CitedPages{Field: blockField(b, at, at+nm[1]-nm[0]), First: first, Last: last})
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// startsCitation tells a guideline name that begins a new citation from
// one that is part of a section title ("3.3 Opioids for Chronic Pain and
// Chronic Opioid Treatment"): a new citation has a year, pages or a
// section list right after it, or "Chapter N", "MTUS" or "and" before it.
func (p *parser) startsCitation(seg string, m phrase.Match) bool {
	if p.ascii {
		return startsCitationASCII(seg, m)
	}
	after := seg[m.End:min(len(seg), m.End+16)]
	if yearAfterRE.MatchString(after) || strings.Contains(strings.ToLower(after), "page") || strings.Contains(strings.ToLower(after), "section") {
		return true
	}
	before := strings.ToLower(strings.TrimSpace(seg[max(0, m.Start-20):m.Start]))
	return chapterRE.MatchString(before) || strings.HasSuffix(before, "mtus") || strings.HasSuffix(before, ",")
}

var sectionSplitRE = regexp.MustCompile(`\s*(?:[,;]|\band\b)\s*`)

// citedSections resolves the section list b.Text[s:e] against g. toks are
// the tokens of the citation's segment, which starts at b.Text[at]: the
// list's own are taken from them when they can be (see subTokens), rather
// than tokenized again.
func (p *parser) citedSections(b text.Block, s, e int, g *rules.Guideline, c *Citation, toks []phrase.Token, at int) {
	if s >= e {
		return
	}
	seg := b.Text[s:e]
	covered := make([]bool, len(seg))
	// off turns the matches' offsets into seg's.
	secToks, ok := subTokens(toks, s-at, e-at)
	off := s - at
	if !ok {
		secToks, off = phrase.Tokenize(seg), 0
	}
	for _, m := range g.SectionMatcher.FindTokens(secToks) {
		m.Start -= off
		m.End -= off
		c.Sections = append(c.Sections, CitedSection{Field: blockField(b, s+m.Start, s+m.End), Section: &g.Sections[m.Entry]})
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
		}
	}
	for _, m := range regulations(seg) {
		for i := m[0]; i < m[1]; i++ {
			covered[i] = true
		}
	}
	// What no section title covers is a section the catalog lacks.
	i := 0
	for i < len(seg) {
		if covered[i] {
			i++
			continue
		}
		j := i
		for j < len(seg) && !covered[j] {
			j++
		}
		var buf [8][2]int // most runs have a few parts: on the stack
		for _, part := range splitKeep(buf[:0], seg, i, j) {
			frag := strings.Trim(seg[part[0]:part[1]], " .,:;()-")
			if !meaningful(frag) {
				continue
			}
			k := part[0] + strings.Index(seg[part[0]:part[1]], frag)
			c.Sections = append(c.Sections, CitedSection{Field: blockField(b, s+k, s+k+len(frag))})
		}
		i = j
	}
}

// splitKeep appends to out the parts of seg[i:j] split at commas, semicolons
// and "and": at the
// matches of sectionSplitRE, `\s*(?:[,;]|\band\b)\s*`, as FindAll finds
// them in seg[i:j]. The pattern folds no case and its \s and \b are
// ASCII, so the hand-written scan holds for any text.
func splitKeep(out [][2]int, seg string, i, j int) [][2]int {
	t := seg[i:j]
	last := 0
	for k := 0; k < len(t); k++ {
		e := sectionSplitAt(t, k)
		if e < 0 {
			continue
		}
		out = append(out, [2]int{i + last, i + k})
		last = e
		k = e - 1
	}
	return append(out, [2]int{i + last, j})
}

// sectionSplitAt matches sectionSplitRE at t[k:]: its end, or -1. The
// spaces before the separator are all taken, or it would have to start
// with a space.
func sectionSplitAt(t string, k int) int {
	j := spacesAfter(t, k)
	switch {
	case j < len(t) && (t[j] == ',' || t[j] == ';'):
		return spacesAfter(t, j+1)
	case strings.HasPrefix(t[j:], "and") && (j == 0 || !isWord(t[j-1])) && !isWordAt(t, j+3):
		return spacesAfter(t, j+3)
	}
	return -1
}

var notSection = map[string]bool{"and": true, "guidelines": true, "guideline": true, "mtus": true, "the": true, "of": true, "chapter": true, "acoem": true, "treatment": true, "medical": true, "acute & chronic": true, "acute and chronic": true}

func meaningful(frag string) bool {
	l := strings.ToLower(frag)
	if len(l) < 3 || notSection[l] {
		return false
	}
	for _, r := range l {
		if r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}

// odgCitation reads "Official Disability Guidelines (ODG) Knee & Leg
// (Acute & Chronic), MRI's".
func (p *parser) odgCitation(b text.Block, s, e int, c *Citation) {
	seg := b.Text[s:e]
	loc := odgLeadRE.FindStringIndex(seg)
	if loc == nil {
		return
	}
	rest := seg[loc[1]:]
	// rest's words are read once, for the guideline's name and for its
	// sections after it.
	toks := phrase.Tokenize(rest)
	ms := p.v.Catalog.ODGNames.FindTokens(toks)
	if len(ms) == 0 {
		if meaningful(strings.Trim(rest, " .,")) {
			c.Unknown = blockField(b, s+loc[1], s+loc[1]+len(strings.TrimRight(rest, " .")))
		}
		return
	}
	m := ms[0]
	g := p.v.Catalog.Guidelines[m.Entry]
	c.Guideline = g
	c.Name = blockField(b, s+loc[1]+m.Start, s+loc[1]+m.End)
	secToks, ok := subTokens(toks, m.End, len(rest))
	off := m.End // turns the matches' offsets into rest[m.End:]'s
	if !ok {
		secToks, off = phrase.Tokenize(rest[m.End:]), 0
	}
	for _, sm := range g.SectionMatcher.FindTokens(secToks) {
		at := s + loc[1] + m.End - off
		c.Sections = append(c.Sections, CitedSection{Field: blockField(b, at+sm.Start, at+sm.End), Section: &g.Sections[sm.Entry]})
	}
}

// Guideline families the rationale may rely on by name.
var (
	mentionODG = regexp.MustCompile(`\bODG\b|(?i)Official Disability Guidelines`)
)

// notReliedRE marks a sentence that names a guideline to say it does not
// apply: "The MTUS Guidelines and ODG do not address the use of Viagra".
var notReliedRE = regexp.MustCompile(`(?i)\b(?:do|does|did) not (?:address|discuss|cover|mention)|\bsilent\b|\bnot addressed\b`)

// rationaleMentions reads the guidelines a rationale names and relies on.
func (p *parser) rationaleMentions(b text.Block, sentences []Sentence) []Citation {
	var out []Citation
	for _, s := range sentences {
		if !strings.Contains(s.Text, "ODG") && !strings.Contains(s.Text, "isability") && !strings.Contains(s.Text, "ISABILITY") {
			continue
		}
		if p.notRelied(s.Text) {
			continue
		}
		for _, m := range mentionODG.FindAllStringIndex(s.Text, -1) {
			out = append(out, Citation{Field: blockField(s.Block, m[0], m[1]), ODG: true, NonMTUS: true, Where: "rationale"})
		}
	}
	if p.v.Catalog != nil {
		for _, s := range sentences {
			out = append(out, p.mtusCitationsToks(s.Block, 0, len(s.Text), s.Toks, "rationale")...)
		}
	}
	for _, s := range sentences {
		for _, t := range s.Toks {
			if t.Raw == "ACOEM" {
				out = append(out, Citation{Field: blockField(s.Block, t.Start, t.End), Where: "rationale"})
			}
		}
	}
	return out
}
