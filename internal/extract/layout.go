package extract

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// glyph is one piece of text drawn on a page: usually one character, with
// its baseline origin, advance width and font size in points (y grows
// upwards, as in PDF user space).
type glyph struct {
	x, y, w, size float64
	s             string
}

func (g glyph) blank() bool {
	return strings.TrimFunc(g.s, unicode.IsSpace) == ""
}

// textLine is a line of glyphs sharing a baseline.
type textLine struct {
	y, size float64
	gs      []glyph
}

// layoutPage rebuilds the text of a page from its glyphs, the way
// `pdftotext -layout` does: glyphs whose baselines are close form a line,
// a line's glyphs are read left to right, a horizontal gap wider than a
// fraction of a space becomes a space (a gap as wide as several characters
// is padded to the column it starts at, so that tables keep their columns),
// and a vertical gap clearly wider than the usual line pitch becomes a blank
// line. It returns the page's lines joined by "\n" (with a final "\n"), or
// "" when the page holds no visible text.
func layoutPage(gs []glyph) string {
	// Keep glyphs that say something; white space glyphs only mark gaps,
	// which the positions show anyway, but a space glyph is kept as a hint.
	kept := make([]glyph, 0, len(gs))
	var sumW, nW float64
	for _, g := range gs {
		if g.s == "" || math.IsNaN(g.x) || math.IsNaN(g.y) || math.IsInf(g.x, 0) || math.IsInf(g.y, 0) {
			continue
		}
		if g.size <= 0 || math.IsNaN(g.size) || g.size > 1000 {
			g.size = 10
		}
		if g.w < 0 || math.IsNaN(g.w) || g.w > 50*g.size {
			g.w = 0
		}
		if !g.blank() {
			if g.w > 0 {
				sumW += g.w / float64(len([]rune(g.s)))
				nW++
			}
		} else if !strings.Contains(g.s, " ") {
			// A line feed or tab glyph some producers emit: no position
			// worth keeping.
			continue
		}
		kept = append(kept, g)
	}
	hasText := false
	for _, g := range kept {
		if !g.blank() {
			hasText = true
			break
		}
	}
	if !hasText {
		return ""
	}
	charW := 5.0 // the average advance of a character, for columns
	if nW > 0 {
		charW = sumW / nW
	}
	if charW < 1 {
		charW = 1
	}
	minX := math.Inf(1)
	for _, g := range kept {
		if !g.blank() && g.x < minX {
			minX = g.x
		}
	}

	// Lines: top to bottom; a glyph joins the line whose baseline is within
	// a third of the font size.
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].y > kept[j].y })
	var lines []*textLine
	// Each glyph's line is found first and the lines' glyphs are then
	// copied into slices of their exact size: appending a page's glyphs
	// one by one allocated five times their size.
	lineOf := make([]int32, len(kept))
	var counts []int32
	for i, g := range kept {
		lineOf[i] = -1
		var into *textLine
		k := len(lines) - 1
		// Look back over the few most recent lines: a superscript or a
		// slightly lower run of another font may come a little out of order.
		for ; k >= 0 && k >= len(lines)-3; k-- {
			l := lines[k]
			tol := 0.35 * math.Max(l.size, g.size)
			if math.Abs(l.y-g.y) <= tol {
				into = l
				break
			}
		}
		if into == nil {
			if g.blank() {
				continue // a space alone does not start a line
			}
			into = &textLine{y: g.y, size: g.size}
			lines = append(lines, into)
			counts = append(counts, 0)
			k = len(lines) - 1
		}
		if !g.blank() && g.size > into.size {
			into.size = g.size
		}
		lineOf[i] = int32(k)
		counts[k]++
	}
	for k, l := range lines {
		l.gs = make([]glyph, 0, counts[k])
	}
	for i, g := range kept {
		if k := lineOf[i]; k >= 0 {
			lines[k].gs = append(lines[k].gs, g)
		}
	}

	// The usual line pitch: the median baseline distance of neighbouring
	// lines.
	var pitches []float64
	for i := 1; i < len(lines); i++ {
		if d := lines[i-1].y - lines[i].y; d > 0 && d < 3*lines[i].size {
			pitches = append(pitches, d)
		}
	}
	pitch := 0.0
	if len(pitches) > 0 {
		sort.Float64s(pitches)
		pitch = pitches[len(pitches)/2]
	}

	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			d := lines[i-1].y - l.y
			limit := 1.6 * math.Max(pitch, 1.05*math.Max(l.size, lines[i-1].size))
			if d > limit {
				b.WriteByte('\n')
			}
		}
		writeLine(&b, l, minX, charW)
		b.WriteByte('\n')
	}
	return b.String()
}

// writeLine writes a line's glyphs left to right.
func writeLine(b *strings.Builder, l *textLine, minX, charW float64) {
	gs := l.gs
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x < gs[j].x })
	col := 0 // runes written on this line
	end := math.Inf(-1)
	var last glyph
	haveLast := false
	pendingSpace := false
	for _, g := range gs {
		if g.blank() {
			// A space glyph asks for a space; the gap to the next glyph
			// still decides whether it is a column.
			pendingSpace = haveLast
			continue
		}
		if haveLast && g.s == last.s && math.Abs(g.x-last.x) < 0.3*math.Max(g.w, 0.5) && math.Abs(g.y-last.y) < 0.3 {
			continue // the same glyph drawn twice (fake bold, shadows)
		}
		if haveLast {
			gap := g.x - end
			space := 0.25 * g.size // a space is about a quarter em
			switch {
			case gap > 2.5*space && gap > 2*charW:
				// A column: pad to where it starts, at least one space.
				target := int(math.Round((g.x - minX) / charW))
				n := target - col
				if n < 2 {
					n = 2
				}
				if n > 200 {
					n = 200
				}
				b.WriteString(strings.Repeat(" ", n))
				col += n
			case pendingSpace || gap > 0.4*space:
				b.WriteByte(' ')
				col++
			}
		} else {
			// Indent the first glyph to its column, as -layout does.
			n := int(math.Round((g.x - minX) / charW))
			if n > 200 {
				n = 200
			}
			if n > 0 {
				b.WriteString(strings.Repeat(" ", n))
				col += n
			}
		}
		b.WriteString(g.s)
		col += len([]rune(g.s))
		if e := g.x + g.w; e > end || !haveLast {
			end = e
		}
		if g.w == 0 {
			// Unknown width: assume an average character.
			end = g.x + charW
		}
		last, haveLast = g, true
		pendingSpace = false
	}
}
