package report

import (
	"sort"
	"strconv"
)

// The overview opens the HTML report of an archive (two files or more), for
// a QA lead who reads the run before its letters: the findings per check
// and per severity as bar charts, the letters with the most errors, and
// under each check the letters it fired in, every count a link to an
// anchor of the report. The charts are inline SVG drawn here, so they show
// without the script and load nothing.

// overviewTop is how many letters the top list names.
const overviewTop = 10

// The charts' geometry, in SVG user units (CSS pixels at 100 %).
const (
	chartLabelW = 230 // the labels' column
	chartBarW   = 420 // the longest bar
	chartCountW = 150 // the count after a bar
	chartRowH   = 24
	chartBarH   = 16
	chartPad    = 6
)

var severities = []string{"error", "warning", "info"}

// htmlOverview is what the overview shows.
type htmlOverview struct {
	Files, Letters, Unreadable int
	// Checks are the checks that fired, most findings first.
	Checks []overviewCheck
	// Severities are the three severities, error first.
	Severities []overviewBar
	// Top are the letters with the most errors (then warnings), at most
	// overviewTop, none without an error.
	Top []overviewLetter
	// The charts' sizes.
	Width, ChecksHeight, SeveritiesHeight int
	LabelX, BarX                          int
}

// overviewBar is a bar of the severity chart.
type overviewBar struct {
	Severity string
	Count    int
	Y, W     int
	TextY    int
	CountX   int
}

// overviewSeg is the part of a check's bar of one severity.
type overviewSeg struct {
	Severity string
	Count    int
	X, W     int
}

// overviewCheck is a check's bar: its findings by severity, stacked, and
// the letters it fired in.
type overviewCheck struct {
	Name  string
	Total int
	// Breakdown is the count by severity, with icons, when the check's
	// findings are of more than one ("✖ 3 ▲ 2").
	Breakdown string
	Segs      []overviewSeg
	Y, TextY  int
	CountX    int
	Letters   []overviewRef
}

// overviewRef is a letter a check fired in: the file's anchor, the
// check's first finding in it, and how many findings it has there.
type overviewRef struct {
	Path, File, First string
	Count             int
}

// overviewLetter is a letter of the top list.
type overviewLetter struct {
	Path, File              string
	Errors, Warnings, Infos int
}

// overview builds the overview of a view with two files or more; nil for
// one file, whose report needs none.
func overview(v ViewReport) *htmlOverview {
	if len(v.Files) < 2 {
		return nil
	}
	o := &htmlOverview{Files: v.Summary.Files, Letters: v.Summary.Letters, LabelX: chartLabelW - 8, BarX: chartLabelW}
	o.Width = chartLabelW + chartBarW + chartCountW
	byCheck := map[string]*overviewCheck{}
	perSev := map[string]map[string]int{} // check -> severity -> count
	bySev := map[string]int{}
	for i, f := range v.Files {
		if f.Error != "" {
			o.Unreadable++
			continue
		}
		file := "file-" + strconv.Itoa(i+1)
		for _, x := range f.Findings {
			bySev[x.Severity]++
			c := byCheck[x.Check]
			if c == nil {
				c = &overviewCheck{Name: x.Check}
				byCheck[x.Check] = c
				perSev[x.Check] = map[string]int{}
			}
			c.Total++
			perSev[x.Check][x.Severity]++
			if n := len(c.Letters); n > 0 && c.Letters[n-1].File == file {
				c.Letters[n-1].Count++
			} else {
				c.Letters = append(c.Letters, overviewRef{Path: f.Path, File: file, First: file + "-f" + strconv.Itoa(x.ID), Count: 1})
			}
		}
		if f.Counts.Errors > 0 {
			o.Top = append(o.Top, overviewLetter{Path: f.Path, File: file, Errors: f.Counts.Errors, Warnings: f.Counts.Warnings, Infos: f.Counts.Infos})
		}
	}

	for _, c := range byCheck {
		o.Checks = append(o.Checks, *c)
	}
	sort.Slice(o.Checks, func(i, j int) bool {
		a, b := o.Checks[i], o.Checks[j]
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Name < b.Name
	})
	most := 0
	for _, c := range o.Checks {
		most = max(most, c.Total)
	}
	for i := range o.Checks {
		c := &o.Checks[i]
		c.Y = chartPad + i*chartRowH
		c.TextY = c.Y + chartBarH - 3
		x := chartLabelW
		for _, s := range severities {
			n := perSev[c.Name][s]
			if n == 0 {
				continue
			}
			w := barWidth(n, most)
			c.Segs = append(c.Segs, overviewSeg{Severity: s, Count: n, X: x, W: w})
			x += w
		}
		c.CountX = x + 6
		if len(c.Segs) > 1 {
			for i, sg := range c.Segs {
				if i > 0 {
					c.Breakdown += " "
				}
				c.Breakdown += severityIcon[sg.Severity] + " " + strconv.Itoa(sg.Count)
			}
		}
	}
	o.ChecksHeight = 2*chartPad + len(o.Checks)*chartRowH

	most = 0
	for _, s := range severities {
		most = max(most, bySev[s])
	}
	for i, s := range severities {
		y := chartPad + i*chartRowH
		w := barWidth(bySev[s], most)
		o.Severities = append(o.Severities, overviewBar{Severity: s, Count: bySev[s], Y: y, W: w, TextY: y + chartBarH - 3, CountX: chartLabelW + w + 6})
	}
	o.SeveritiesHeight = 2*chartPad + len(severities)*chartRowH

	sort.SliceStable(o.Top, func(i, j int) bool {
		a, b := o.Top[i], o.Top[j]
		if a.Errors != b.Errors {
			return a.Errors > b.Errors
		}
		return a.Warnings > b.Warnings
	})
	if len(o.Top) > overviewTop {
		o.Top = o.Top[:overviewTop]
	}
	return o
}

// barWidth scales n of most to the longest bar; a bar of one finding
// still shows.
func barWidth(n, most int) int {
	if n <= 0 || most <= 0 {
		return 0
	}
	return max(2, n*chartBarW/most)
}
