package check

import (
	"fmt"
	"strings"
	"time"

	"github.com/imrlint/imrlint/internal/editdist"
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
)

// bySource is the severity a finding may have when it rests on a fact of
// the given confidence: an unconfirmed fact yields at most a warning.
func bySource(def finding.Severity, confidence string) finding.Severity {
	if confidence != rules.Confirmed && def > finding.Warning {
		return finding.Warning
	}
	return def
}

// cite names a catalog entry and its source for a message.
func cite(g *rules.Guideline) string {
	return fmt.Sprintf("catalog %s: %s, %s", g.File, g.ID, g.Source)
}

// CitationUnknown reports citations of guidelines or sections the catalog
// does not know.
var CitationUnknown = &Check{
	Name:     "citation-unknown",
	Summary:  "a cited guideline or section does not exist, or its title is misspelt",
	Severity: finding.Error,
	Scope:    Both,
	Doc: `
A determination must rest on a guideline the parties can look up. A citation
of a guideline the MTUS does not contain ("MTUS Chronic Pian Medical
Treatment 2016"), usually a misspelt title, is an error; the message names
the closest title the catalog knows. A section the catalog does not list for
the cited guideline ("Section(s): Unicorn therapy"), or an ODG chapter it
does not know, is a warning: the catalog (guidelines/*.toml) lists every
section the real letters cite, but not every section of every guideline.

Only the expert reviewer's citations ("MAXIMUS guideline:", or "Medical
Treatment Guideline(s) relied upon by the Expert Reviewer:") are checked.

Triggers: "Decision based on MTUS Chronic Pian Medical Treatment 2016".
Does not trigger: "Decision based on MTUS Low Back Complaints 2004,
Section(s): Special Studies."`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			for _, c := range it.Citations {
				switch {
				case c.Unknown.Valid() && c.ODG:
					f := p.Reportf(c.Unknown.Span, "the ODG chapter %q is not in the guideline catalog", c.Unknown.Text)
					f.Severity = finding.Warning
				case c.Unknown.Valid():
					msg := fmt.Sprintf("%q is not a guideline of the MTUS", c.Unknown.Text)
					if near := nearestName(p.Rules.Catalog, c.Unknown.Text); near != "" {
						msg += fmt.Sprintf("; did you mean %q?", near)
					}
					p.Reportf(c.Unknown.Span, "%s", msg)
				case c.Guideline != nil:
					for _, s := range c.Sections {
						if s.Section == nil && !c.ODG {
							f := p.Reportf(s.Span, "%q is not a section of %s that the catalog knows (%s)", s.Text, c.Guideline.Title, c.Guideline.File)
							f.Severity = finding.Warning
						}
					}
				}
			}
		}
	},
}

// nearestName is the catalog name closest to s, when it is close enough to
// be what was meant.
func nearestName(c *rules.Catalog, s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	best, bestD := "", 1<<30
	for _, g := range c.Guidelines {
		if g.Series == rules.SeriesODG {
			continue
		}
		for _, n := range append([]string{g.Title}, g.Names...) {
			d := editdist.Distance(s, strings.ToLower(n))
			if d < bestD {
				best, bestD = n, d
			}
		}
	}
	if bestD <= 1+len(s)/5 {
		return best
	}
	return ""
}

// CitationChapterTitle reports a chapter number that is not the cited
// title's.
var CitationChapterTitle = &Check{
	Name:     "citation-chapter-title",
	Summary:  "an ACOEM chapter number and the title cited with it disagree",
	Severity: finding.Error,
	Scope:    Both,
	Doc: `
Older letters cite ACOEM chapters by number and title: "MTUS ACOEM Chapter 11
Forearm, Wrist, and Hand Complaints". When the number belongs to another
chapter ("Chapter 11 Low Back Complaints"; Low Back Complaints is chapter
12), the reader cannot tell which chapter was relied on. Chapter numbers are
those of the ACOEM Practice Guidelines, 2nd edition, as adopted into the MTUS
(guidelines/acoem-2004.toml); a number the catalog marks unconfirmed yields a
warning.

Triggers: "MTUS ACOEM Chapter 11 Low Back Complaints Page(s): 303".
Does not trigger: "MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 303".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			for _, c := range it.Citations {
				g := c.Guideline
				if c.Chapter == 0 || g == nil || g.Chapter == 0 || c.Chapter == g.Chapter {
					continue
				}
				other := "no chapter the catalog knows"
				if o, ok := p.Rules.Catalog.ByChapter(c.Chapter); ok {
					other = fmt.Sprintf("%q", o.Title)
				}
				f := p.Reportf(c.ChapterAt.Span, "chapter %d is %s, but the title cited is %q, which is chapter %d (%s)", c.Chapter, other, g.Title, g.Chapter, cite(g))
				f.Severity = bySource(p.Check.Severity, g.Confidence)
				f.Related = []finding.Related{{Span: c.Name.Span, Message: fmt.Sprintf("chapter %d", g.Chapter)}}
			}
		}
	},
}

// CitationPage reports pages outside the cited section or guideline.
var CitationPage = &Check{
	Name:     "citation-page",
	Summary:  "a cited page lies outside the cited section, chapter or guideline",
	Severity: finding.Error,
	Scope:    Both,
	Doc: `
Page citations ("Page(s): 60") let the parties find the passage relied on. A
page outside the cited section's pages, or outside the chapter's or
edition's page range ("Low Back Complaints Page(s): 412"; the chapter runs
from page 286 to 326; the 2009 Chronic Pain Medical Treatment Guidelines have
127 pages), points at nothing or at another topic. Page ranges come from the
catalog; where it marks them unconfirmed (most section pages are), the
finding is a warning.

Triggers: "Chronic Pain Treatment Guidelines Massage Therapy Page(s): 160".
Does not trigger: "Chronic Pain Treatment Guidelines Massage Therapy Page(s): 60".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			for _, c := range it.Citations {
				if c.Guideline == nil || len(c.Pages) == 0 {
					continue
				}
				lo, hi, what, conf := pageRange(c)
				if what == "" {
					continue
				}
				for _, pg := range c.Pages {
					if pg.First >= lo && pg.Last <= hi {
						continue
					}
					f := p.Reportf(pg.Span, "page %s is outside %s, pages %d-%d (%s)", pg.Text, what, lo, hi, cite(c.Guideline))
					f.Severity = bySource(p.Check.Severity, conf)
				}
			}
		}
	},
}

// pageRange is the page range a citation's pages must fall in: its one
// section's, else its edition's.
func pageRange(c letter.Citation) (lo, hi int, what, confidence string) {
	var known []*rules.Section
	for _, s := range c.Sections {
		if s.Section != nil {
			known = append(known, s.Section)
		}
	}
	if len(known) == 1 && len(known[0].Pages) == 2 {
		s := known[0]
		return s.Pages[0], s.Pages[1], fmt.Sprintf("the section %q of %s", s.Title, c.Guideline.Title), s.Confidence
	}
	g := c.Guideline
	var ed *rules.Edition
	if c.Year != 0 {
		if e, ok := g.Edition(c.Year); ok {
			ed = &e
		}
	} else if len(g.Editions) == 1 {
		ed = &g.Editions[0]
	} else {
		// Without a year, pages must fit the widest edition.
		for i := range g.Editions {
			if len(g.Editions[i].Pages) == 2 && (ed == nil || g.Editions[i].Pages[1] > ed.Pages[1]) {
				ed = &g.Editions[i]
			}
		}
	}
	if ed == nil || len(ed.Pages) != 2 {
		return 0, 0, "", ""
	}
	return ed.Pages[0], ed.Pages[1], fmt.Sprintf("%s (%d edition)", g.Title, ed.Year), ed.Confidence
}

// CitationBodyPart reports a guideline chapter for another body region.
var CitationBodyPart = &Check{
	Name:     "citation-body-part",
	Summary:  "the cited guideline chapter is about another body region than the item",
	Severity: finding.Error,
	Scope:    Both,
	Doc: `
Clinical-topic chapters are about one region: a cervical MRI decided under
"MTUS Low Back Complaints" applies criteria written for another part of the
spine. The item's regions come from its header; a chapter's regions from the
catalog (guidelines/*.toml). General guidelines (Chronic Pain, General
Approaches, Acupuncture) fit any region. Electrodiagnostic studies of a limb
also fit the spine chapter of the limb's nerve roots (an EMG of the arms
under Neck and Upper Back Complaints), as rules/vocab/body_parts.toml records.
A chapter that does not fit is an error when none of the item's
region-specific citations fits, and a warning when another one does (the
letter may rest on that one: "MTUS Low Back Complaints" beside "ODG Neck and
Upper Back" for a cervical MRI).

Triggers: "MRI of the cervical spine: Upheld" with "Decision based on MTUS Low
Back Complaints 2004, Section(s): Special Studies."
Does not trigger: the same item under "MTUS Neck and Upper Back Complaints".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			regions := itemRegions(p, it)
			if len(regions) == 0 {
				continue
			}
			var bad []letter.Citation
			fits := false
			for _, c := range it.Citations {
				if c.Guideline == nil || len(c.Guideline.Regions) == 0 {
					continue
				}
				if regionsFit(p.Rules, c.Guideline.Regions, regions) {
					fits = true
				} else {
					bad = append(bad, c)
				}
			}
			for _, c := range bad {
				f := p.Reportf(c.Name.Span, "%s is about the %s, but the item is for the %s (%s)", c.Guideline.Title, regionNames(p.Rules, c.Guideline.Regions), regionNames(p.Rules, regions), cite(c.Guideline))
				f.Severity = bySource(p.Check.Severity, c.Guideline.Confidence)
				if fits && f.Severity > finding.Warning {
					// Another chapter cited fits: the letter may rest on
					// that one, and cite this one for a side point.
					f.Severity = finding.Warning
				}
				if len(it.BodyParts) > 0 {
					f.Related = []finding.Related{{Span: it.BodyParts[0].Span, Message: "the item is for the " + regionNames(p.Rules, regions)}}
				}
			}
		}
	},
}

// itemRegions are the regions an item's header names; for an
// electrodiagnostic study of a limb, also the spine region of its roots.
func itemRegions(p *Pass, it letter.Item) []string {
	var out []string
	t, _ := treatmentByID(p, it.Treatment.ID)
	for _, b := range it.BodyParts {
		if b.Region == "" {
			continue
		}
		out = append(out, b.Region)
		if t.Kind == "electrodiagnostic" {
			if r, ok := p.Rules.RegionByID(b.Region); ok && r.NerveRoots != "" {
				out = append(out, r.NerveRoots)
			}
		}
	}
	return out
}

func regionsFit(v *rules.Set, a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if v.RegionsOverlap(x, y) {
				return true
			}
		}
	}
	return false
}

func regionNames(v *rules.Set, ids []string) string {
	var n []string
	for _, id := range ids {
		n = append(n, regionName(v, id))
	}
	return strings.Join(n, " and ")
}

// CitationVersion reports an edition that did not apply to the request.
var CitationVersion = &Check{
	Name:     "citation-version",
	Summary:  "a cited guideline edition did not yet apply, or no longer applied, to the request",
	Severity: finding.Error,
	Scope:    Both,
	Doc: `
The MTUS changed on fixed days, and each change says which event's date
decides: the July 2016 update of the Chronic Pain Medical Treatment
Guidelines and the Opioid Treatment Guidelines applies to requests for
treatment made on or after 29 July 2016, and the ACOEM-based MTUS that
replaced the 2004 ACOEM chapters to services rendered on or after 1
December 2017 (later editions on the days of the Administrative Director's
orders). The catalog (guidelines/*.toml) gives each edition's days and the
event each is compared with (effective_for, superseded_for).

The request's date is the date of the Request for Authorization the case
summary gives; where it gives none, the Utilization Review's date stands in
(a request precedes its review) and the message says so. The date of
service is a date the summary gives as one; where there is none the request
date stands in, and since a service may come before (a retrospective
request) or after its request, a finding on a stand-in date is a warning.
The decision date of the header is the last resort, and a finding on it is a
warning too.

Citing an edition that did not yet apply is an error (a warning where the
date is a stand-in or the edition's days are unconfirmed); citing one already
superseded is a warning, because letters long kept citing the older text. A
year the catalog has no edition for is a warning.

Triggers: "the Request for Authorization dated 06/20/2016" with "MTUS
Chronic Pain Medical Treatment 2016", even when the decision came in
September 2016.
Does not trigger: a request of 08/02/2016 with the same citation.`,
	Run: func(p *Pass) {
		ds := newEventDates(p.Letter)
		if !ds.any() {
			return
		}
		for _, it := range p.Letter.Items {
			for _, c := range it.Citations {
				g := c.Guideline
				if g == nil || len(g.Editions) == 0 || c.ODG {
					continue
				}
				var ed rules.Edition
				at := c.Name.Span
				switch {
				case c.Year != 0:
					e, ok := g.Edition(c.Year)
					at = c.YearAt.Span
					if !ok {
						f := p.Reportf(at, "%s has no %d edition (%s)", g.Title, c.Year, cite(g))
						f.Severity = finding.Warning
						continue
					}
					ed = e
				case len(g.Editions) == 1:
					ed = g.Editions[0]
				default:
					continue
				}
				if !ed.Effective.IsZero() {
					if d, ok := ds.before(ed.EffectiveEvent(), ed.Effective); ok {
						f := p.Reportf(at, "%s (%d) %s %s; %s (%s)", g.Title, ed.Year, appliesFrom(ed.EffectiveEvent()), ed.Effective.Format("01/02/2006"), d.says(), cite(g))
						f.Severity = bySource(p.Check.Severity, ed.Confidence)
						if !d.certain {
							f.Severity = finding.Warning
						}
						f.Related = []finding.Related{{Span: d.at, Message: d.what}}
						continue
					}
				}
				if !ed.Superseded.IsZero() {
					if d, ok := ds.onOrAfter(ed.SupersededEvent(), ed.Superseded); ok {
						f := p.Reportf(at, "%s (%d) was superseded on %s %s; %s (%s)", g.Title, ed.Year, ed.Superseded.Format("01/02/2006"), forEvent(ed.SupersededEvent()), d.says(), cite(g))
						f.Severity = finding.Warning
						f.Related = []finding.Related{{Span: d.at, Message: d.what}}
					}
				}
			}
		}
	},
}

func appliesFrom(ev string) string {
	switch ev {
	case rules.EventRequest:
		return "applies to requests made on or after"
	case rules.EventService:
		return "applies to services rendered on or after"
	}
	return "took effect on"
}

func forEvent(ev string) string {
	switch ev {
	case rules.EventRequest:
		return "for requests made from that day"
	case rules.EventService:
		return "for services rendered from that day"
	}
	return "for decisions made from that day"
}

// eventDates are the dates a letter gives for the events that decide
// which edition applied.
type eventDates struct {
	request, ur, service []letter.Date
	decision             letter.Date
	hasDecision          bool
}

func newEventDates(l *letter.Letter) eventDates {
	ds := eventDates{request: l.RequestDates, ur: l.URDates, service: l.ServiceDates}
	if d, ok := l.Dates[letter.FieldURDenial]; ok {
		ds.ur = append(ds.ur[:len(ds.ur):len(ds.ur)], d)
	}
	for _, k := range []string{letter.FieldDecision, letter.FieldLetterDated} {
		if d, ok := l.Dates[k]; ok {
			ds.decision, ds.hasDecision = d, true
			break
		}
	}
	return ds
}

func (ds eventDates) any() bool {
	return ds.hasDecision || len(ds.request)+len(ds.ur)+len(ds.service) > 0
}

// eventDate is the date a finding rests on.
type eventDate struct {
	at      finding.Span
	date    time.Time
	what    string // "the request for authorization dated 06/20/2016"
	standIn string // why another event's date stands in, or ""
	// certain: the date shows the edition's day was not reached (or was
	// passed) for the event itself; a stand-in date that only bounds the
	// event from the wrong side is not certain.
	certain bool
}

func (d eventDate) says() string {
	if d.standIn == "" {
		return d.what
	}
	return d.what + " (" + d.standIn + ")"
}

// candidates returns the dates for an event, the stand-in chosen when the
// letter gives none, and whether a date earlier than day shows the event
// itself was earlier (lateOK) and a date on or after day shows it was not
// earlier (earlyOK).
func (ds eventDates) candidates(ev string) (dates []letter.Date, what, standIn string, lateOK, earlyOK bool) {
	switch ev {
	case rules.EventRequest:
		if len(ds.request) > 0 {
			return ds.request, "the Request for Authorization is dated", "", true, true
		}
		if len(ds.ur) > 0 {
			// The review came after the request: a review before the
			// day shows the request was before it too.
			return ds.ur, "the Utilization Review is dated", "the letter gives no request date", true, false
		}
	case rules.EventService:
		if len(ds.service) > 0 {
			return ds.service, "the date of service is", "", true, true
		}
		if len(ds.request) > 0 {
			return ds.request, "the Request for Authorization is dated", "the letter gives no date of service", false, false
		}
		if len(ds.ur) > 0 {
			return ds.ur, "the Utilization Review is dated", "the letter gives no date of service", false, false
		}
	default:
		if ds.hasDecision {
			return []letter.Date{ds.decision}, "this letter's decision date is", "", true, true
		}
		return nil, "", "", false, false
	}
	if ds.hasDecision {
		return []letter.Date{ds.decision}, "this letter's decision date is", "the letter gives no earlier date", false, false
	}
	return nil, "", "", false, false
}

// before reports the latest date of the event when every date the letter
// gives for it is before day.
func (ds eventDates) before(ev string, day time.Time) (eventDate, bool) {
	dates, what, standIn, lateOK, _ := ds.candidates(ev)
	return pickDate(dates, what, standIn, lateOK, func(t time.Time) bool { return t.Before(day) }, func(a, b time.Time) bool { return a.After(b) })
}

// onOrAfter reports the earliest date of the event when every date the
// letter gives for it is on or after day.
func (ds eventDates) onOrAfter(ev string, day time.Time) (eventDate, bool) {
	dates, what, standIn, _, earlyOK := ds.candidates(ev)
	return pickDate(dates, what, standIn, earlyOK, func(t time.Time) bool { return !t.Before(day) }, func(a, b time.Time) bool { return a.Before(b) })
}

// pickDate returns, when every date holds, the one better than the others
// (the latest of those before a day, the earliest of those after it).
func pickDate(dates []letter.Date, what, standIn string, certain bool, holds func(time.Time) bool, better func(a, b time.Time) bool) (eventDate, bool) {
	var pick *letter.Date
	for i := range dates {
		if !holds(dates[i].Time) {
			return eventDate{}, false
		}
		if pick == nil || better(dates[i].Time, pick.Time) {
			pick = &dates[i]
		}
	}
	if pick == nil {
		return eventDate{}, false
	}
	return eventDate{at: pick.Span, date: pick.Time, what: what + " " + pick.Time.Format("01/02/2006"), standIn: standIn, certain: certain}, true
}

// CitationTreatment reports a cited section that does not cover the item.
var CitationTreatment = &Check{
	Name:     "citation-treatment",
	Summary:  "the cited section does not cover the item's treatment",
	Severity: finding.Warning,
	Scope:    Both,
	Doc: `
A section cited for an item should be about its treatment: an MRI decided
under "Section(s): Topical analgesics" rests on a passage about something
else, usually a citation pasted from another item. Each catalog section lists
the treatments it covers (guidelines/*.toml); general sections (Summary,
Introduction) cover any. The check reports when the item's citations name
sections the catalog knows and none of them covers the treatment. It is a
warning, since section coverage is read from titles, not confirmed in the
guideline text.

Triggers: "MRI of the lumbar spine" with "Section(s): Topical analgesics".
Does not trigger: "MRI of the lumbar spine" with "Section(s): Special Studies".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			if it.Treatment.ID == "" {
				continue
			}
			head, _ := treatmentByID(p, it.Treatment.ID)
			var first *letter.CitedSection
			var firstG *rules.Guideline
			covered := false
			for _, c := range it.Citations {
				for k := range c.Sections {
					s := c.Sections[k]
					if s.Section == nil {
						continue
					}
					if first == nil {
						first, firstG = &c.Sections[k], c.Guideline
					}
					if sectionCovers(p, s.Section, head) {
						covered = true
					}
				}
			}
			if covered || first == nil {
				continue
			}
			f := p.Reportf(first.Span, "the section %q of %s does not cover %s, the item's treatment (%s)", first.Section.Title, firstG.Title, head.Name, cite(firstG))
			f.Related = []finding.Related{{Span: it.Treatment.Span, Message: "the item is for " + head.Name}}
		}
	},
}

func sectionCovers(p *Pass, s *rules.Section, t rules.Treatment) bool {
	if len(s.Treatments) == 0 {
		return true
	}
	for _, id := range s.Treatments {
		if id == t.ID {
			return true
		}
		o, _ := treatmentByID(p, id)
		if t.Group != "" && o.Group == t.Group {
			return true
		}
	}
	return false
}
