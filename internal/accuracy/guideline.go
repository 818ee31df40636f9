package accuracy

import (
	"regexp"
	"strconv"
	"strings"
)

// chapter is a guideline chapter title as letters cite it, the body
// region it is about, and the title of another region's it is swapped for.
type chapter struct {
	title, region, swap string
}

// chapters: the ACOEM chapters of the MTUS first (their titles hold the
// ODG ones: "Low Back Complaints" holds "Low Back").
var chapters = []chapter{
	{"Knee Complaints", "knee", "Shoulder Complaints"},
	{"Low Back Complaints", "low back", "Neck and Upper Back Complaints"},
	{"Neck and Upper Back Complaints", "neck", "Low Back Complaints"},
	{"Shoulder Complaints", "shoulder", "Knee Complaints"},
	{"Elbow Disorders", "elbow", "Knee Complaints"},
	{"Forearm, Wrist, and Hand Complaints", "hand", "Ankle and Foot Complaints"},
	{"Ankle and Foot Complaints", "ankle", "Forearm, Wrist, and Hand Complaints"},
	{"Knee & Leg", "knee", "Shoulder"},
	{"Hip & Pelvis", "hip", "Shoulder"},
	{"Ankle & Foot", "ankle", "Knee & Leg"},
	{"Forearm, Wrist & Hand", "hand", "Knee & Leg"},
	{"Neck and Upper Back", "neck", "Low Back"},
	{"Low Back", "low back", "Neck and Upper Back"},
	{"Shoulder", "shoulder", "Knee & Leg"},
}

// regionWords are the words of a header naming each chapter's region.
var regionWords = map[string][]string{
	"knee": {"knee", "knees", "leg"}, "low back": {"lumbar", "low back", "lower back", "lumbosacral", "l4", "l5", "s1"},
	"neck": {"cervical", "neck", "c5", "c6"}, "shoulder": {"shoulder", "shoulders"}, "elbow": {"elbow"},
	"hand": {"wrist", "hand", "finger", "thumb", "forearm"}, "ankle": {"ankle", "foot", "feet"}, "hip": {"hip", "pelvis"},
}

// regionOf is the one region a header names, or "".
func regionOf(header string) string {
	h := strings.ToLower(header)
	found := ""
	for r, ws := range regionWords {
		for _, w := range ws {
			if hasWord(h, w) {
				if found != "" && found != r {
					return ""
				}
				found = r
			}
		}
	}
	return found
}

// chapterSites swap a chapter title of the expert reviewer's citation for
// another region's, where the item is about one region, the cited
// chapter's.
func chapterSites(d *doc) []edit {
	var out []edit
	for _, it := range d.items {
		r := regionOf(it.headerText)
		if r == "" || it.citation.to == 0 {
			continue
		}
		for _, s := range d.sentences(it.citation) {
			taken := make([]bool, len(s.text))
			for _, c := range chapters {
				if c.region != r {
					continue
				}
				for _, k := range wordIndexes(s.text, c.title) {
					if taken[k] {
						continue
					}
					for i := k; i < k+len(c.title); i++ {
						taken[i] = true
					}
					if a, b, ok := s.span(k, k+len(c.title)); ok {
						out = append(out, edit{a, b, c.swap})
					}
				}
			}
		}
	}
	return out
}

// --- a quoted limit changed ---

var (
	limitRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?: ?(?:-|to) ?(\d{1,2}))? (?:(?:additional|initial|physical therapy|chiropractic|acupuncture|massage) )?(visits?|sessions?|treatments?)\b`)
	// attributionRE: the sentence attributes what it says to a guideline.
	attributionRE = regexp.MustCompile(`(?i)\b(guidelines?|mtus|odg|acoem|recommends?|recommended|allows?|supports?|trial of)\b`)
)

// misquoteSites change the number of visits in a sentence that
// attributes it to a guideline and speaks of no request. The upper bound
// of a range is changed, a single figure otherwise.
func misquoteSites(d *doc) []edit {
	var out []edit
	for _, it := range d.items {
		for _, s := range d.sentences(it.rationale) {
			if !attributionRE.MatchString(s.text) || requestRE.MatchString(s.text) || historyRE.MatchString(s.text) {
				continue
			}
			for _, m := range limitRE.FindAllStringSubmatchIndex(s.text, -1) {
				g := m[2:4]
				if m[4] >= 0 {
					g = m[4:6]
				}
				a, b, ok := s.span(g[0], g[1])
				if !ok {
					continue
				}
				n, _ := strconv.Atoi(d.src[a:b])
				out = append(out, edit{a, b, strconv.Itoa(n + 4)})
			}
		}
	}
	return out
}
