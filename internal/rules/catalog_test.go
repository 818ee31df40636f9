package rules_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/imrlint/imrlint/internal/rules"
)

func defaultCatalog(t *testing.T) *rules.Catalog {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set.Catalog
}

// TestCatalogTitles: the catalog holds each section title the real letters
// and the guidelines' tables of contents give, under the guideline they
// belong to, as the section's title or an alias.
func TestCatalogTitles(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct {
		guideline string
		titles    []string
	}{
		{"mtus-cpmtg", []string{
			"NSAIDs, hypertension and renal function", "NSAIDs, GI symptoms & cardiovascular risk",
			"NSAIDs, specific drug list & adverse effects", "Ultrasound, therapeutic",
			"Antiemetics (for opioid nausea)", "Insomnia treatment", "Opioid-induced constipation treatment",
			"Low-level laser therapy (LLLT)", "Flector patch (diclofenac epolamine)", "Celebrex (celecoxib)",
			"Diabetic neuropathy", "Facet blocks", "Capsaicin, topical", "CRPS, diagnostic tests",
			"Opioids, criteria for use", "Opioids, dosing", "Opioids, steps to avoid misuse/addiction",
			"TENS, chronic pain (transcutaneous electrical nerve stimulation)", "Transcutaneous electrotherapy",
			"Topical Analgesics – Compounded", "Topiramate (Topamax®)", "Tramadol (Ultram®)",
			"Work conditioning, work hardening", "Chronic pain programs, early intervention",
			"Manual therapy & manipulation", "Compound drugs", "Electrodiagnostic testing (EMG/NCS)",
			"Proton Pump Inhibitors (PPIs)", "Office visits", "Introduction", "Pain Outcomes and Endpoints",
		}},
		{"mtus-opioids-2016", []string{
			"3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment",
			"1.3 Opioids for Acute Pain: Severe Acute Injuries", "4.2 Tapering Opioids: Methods for Tapering Opioids",
			"Executive Summary", "Abbreviated Treatment Protocols",
		}},
		{"mtus-acupuncture", []string{"Frequency and duration of acupuncture or acupuncture with electrical stimulation", "Extension of acupuncture treatments"}},
		{"mtus-postsurgical", []string{"Derangement of meniscus (Meniscectomy)", "Carpal tunnel release", "Arthroplasty, knee"}},
		{"acoem-low-back", []string{"Special Studies", "Physical Methods", "Initial Care", "Surgical Considerations", "Summary", "Diagnostic Criteria"}},
		{"acoem-elbow", []string{"Recommendations, Radial Head Fracture", "Lateral Epicondylalgia", "Ulnar Nerve Entrapment (including Cubital Tunnel Syndrome)"}},
		{"acoem-general-approaches", []string{"Initial Approaches to Treatment", "General Approach to Initial Assessment and Documentation"}},
		{"odg-pain", []string{"Topical Analgesics", "TCA's", "Opioids, criteria for use", "Insomnia treatment", "Opioid-induced constipation treatment"}},
		{"odg-low-back", []string{"MRIs (magnetic resonance imaging)", "Epidural Steroid Injection (ESI)", "Facet joint radiofrequency neurotomy"}},
		{"odg-knee", []string{"Platelet-rich plasma (PRP)", "Continuous passive motion (CPM)", "Knee joint replacement"}},
		{"odg-shoulder", []string{"Surgery for rotator cuff repair", "Surgery for impingement syndrome"}},
	} {
		g, ok := c.Guideline(tc.guideline)
		if !ok {
			t.Fatalf("no guideline %q", tc.guideline)
		}
		for _, title := range tc.titles {
			ms := g.SectionMatcher.Find(title)
			// The matcher's words end before a closing parenthesis or "®".
			if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(strings.TrimRight(title, ")®")) {
				t.Errorf("%s: %q is not one section title of the catalog (matches %v)", tc.guideline, title, ms)
			}
		}
	}
}

// TestCatalogMisspelt: the misspellings letters write are aliases of the
// section meant.
func TestCatalogMisspelt(t *testing.T) {
	c := defaultCatalog(t)
	for _, tc := range []struct{ guideline, written, section string }{
		{"acoem-low-back", "Diagnositc Criteria", "diagnostic-criteria"}, // corpus letter CM17-0020243
		{"acoem-knee", "Diagnositc Criteria", "diagnostic-criteria"},
		{"mtus-cpmtg", "Opiods, criteria for use", "opioids-criteria-for-use"},
		{"mtus-cpmtg", "Accupuncture", "acupuncture"},
		{"mtus-cpmtg", "Massage theraphy", "massage-therapy"},
		{"odg-pain", "Opiods", "opioids"},
	} {
		g, _ := c.Guideline(tc.guideline)
		ms := g.SectionMatcher.Find(tc.written)
		if len(ms) != 1 || g.Sections[ms[0].Entry].ID != tc.section {
			t.Errorf("%s: %q is not read as section %q (matches %v)", tc.guideline, tc.written, tc.section, ms)
		}
	}
}

// TestCatalogAliasesApart: no two sections of one guideline share a title
// or alias (the matcher would read every citation of it as the first), and
// no alias is two names of the guideline side by side, one of another
// section ("Transcutaneous electrotherapy (TENS)" would read the list
// "Transcutaneous electrotherapy, TENS, chronic pain" as one section).
// Titles are the guideline's own and may be so ("CRPS, spinal cord
// stimulators").
func TestCatalogAliasesApart(t *testing.T) {
	c := defaultCatalog(t)
	for _, g := range c.Guidelines {
		owner := map[string]string{}
		for _, s := range g.Sections {
			for _, n := range append([]string{s.Title}, s.Aliases...) {
				k := rules.NormName(n)
				if o, ok := owner[k]; ok && o != s.ID {
					t.Errorf("%s: sections %q and %q share %q", g.ID, o, s.ID, n)
				}
				owner[k] = s.ID
			}
		}
		for _, s := range g.Sections {
			for _, a := range s.Aliases {
				if spelt[g.ID+" "+a] || digitsOnly(a) {
					continue
				}
				w := strings.Fields(rules.NormName(a))
				for i := 1; i < len(w); i++ {
					head, tail := strings.Join(w[:i], " "), strings.Join(w[i:], " ")
					o1, ok1 := owner[head]
					o2, ok2 := owner[tail]
					if ok1 && ok2 && o2 != s.ID {
						t.Errorf("%s: the alias %q of %q is %q (%s) and %q (%s) side by side", g.ID, a, s.ID, head, o1, tail, o2)
					}
				}
			}
		}
	}
}

// spelt are aliases made of two names of the guideline that are its
// own titles written out: the guideline's title is so made ("CRPS, spinal
// cord stimulators"; ODG's "Carpal tunnel release surgery (CTR)").
var spelt = map[string]bool{
	"mtus-cpmtg Complex regional pain syndrome (CRPS), spinal cord stimulators": true,
	"odg-pain Complex regional pain syndrome (CRPS), spinal cord stimulators":   true,
	"odg-carpal-tunnel Carpal tunnel release surgery":                           true,
}

// digitsOnly reports a heading number ("3.3.1"): the Opioids Treatment
// Guidelines number their headings, and a number is read whole.
func digitsOnly(a string) bool {
	return strings.Trim(a, "0123456789. ") == ""
}

// TestCatalogSectionsStrict: the loader rejects two sections of a
// guideline with one alias, and a name two guidelines share unless their
// edition years tell them apart.
func TestCatalogSectionsStrict(t *testing.T) {
	for _, tc := range []struct {
		name, file, want string
	}{
		{"shared alias", `
[[guideline]]
id = "g"
title = "G Guidelines"
series = "mtus"
names = ["G Guidelines"]
source = "s"
confidence = "confirmed"
  [[guideline.section]]
  id = "a"
  title = "Massage therapy"
  treatments = []
  source = "s"
  confidence = "unconfirmed"
  [[guideline.section]]
  id = "b"
  title = "Massage"
  aliases = ["Massage Therapy"]
  treatments = []
  source = "s"
  confidence = "unconfirmed"
`, `sections "a" and "b" share the title or alias "Massage Therapy"`},
		{"shared name", `
[[guideline]]
id = "g"
title = "G Guidelines"
series = "mtus"
names = ["Shared Name"]
source = "s"
confidence = "confirmed"
  [[guideline.edition]]
  year = 2004
  source = "s"
  confidence = "confirmed"
[[guideline]]
id = "h"
title = "H Guidelines"
series = "mtus"
names = ["Shared Name"]
source = "s"
confidence = "confirmed"
  [[guideline.edition]]
  year = 2004
  source = "s"
  confidence = "confirmed"
`, `name "Shared Name" is also guideline "g"'s`},
	} {
		_, err := rules.Load(rules.DefaultRulesFS, fstest.MapFS{"g.toml": {Data: []byte(tc.file)}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one with %q", tc.name, err, tc.want)
		}
	}
}

// TestSameName: a name two guidelines carry ("Elbow Disorders", the 2007
// revision of ACOEM chapter 10 and the ACOEM-based guideline) goes to the
// one whose title it is, and SameName lists both.
func TestSameName(t *testing.T) {
	c := defaultCatalog(t)
	ms := c.MTUSNames.Find("Elbow Disorders")
	if len(ms) != 1 || c.Guidelines[ms[0].Entry].ID != "mtus2017-elbow" {
		t.Fatalf("Elbow Disorders matches %v, want mtus2017-elbow", ms)
	}
	var ids []string
	for _, g := range c.SameName("elbow  DISORDERS") {
		ids = append(ids, g.ID)
	}
	if strings.Join(ids, " ") != "mtus2017-elbow acoem-elbow" {
		t.Errorf("SameName(Elbow Disorders) = %v", ids)
	}
	if got := c.SameName("Low Back Complaints"); got != nil {
		t.Errorf("SameName(Low Back Complaints) = %v, want none", got)
	}
}

// namesOther are sections whose names hold a treatment's word that is not
// what they are about: manipulation under anesthesia is surgery, not
// chiropractic; a brace "post operative (fusion)" is equipment, not the
// fusion.
var namesOther = map[string]bool{
	"odg-knee manipulation-under-anesthesia chiropractic":   true,
	"odg-shoulder surgery-adhesive-capsulitis chiropractic": true,
	"odg-low-back back-brace-post-operative surgery":        true,
	"odg-neck cervical-collar-post-operative surgery":       true,
}

// TestSectionsCoverTheirTreatments: a section whose title or alias names a
// treatment covers it (or its group, as citation-treatment compares), so
// that citation-treatment never reports a section about the very treatment
// ("TENS, chronic pain (transcutaneous electrical nerve stimulation)" for
// "electrical stimulation"). General sections ([]) cover any.
func TestSectionsCoverTheirTreatments(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	group := map[string]string{}
	for _, tr := range set.Treatments {
		group[tr.ID] = tr.Group
	}
	covers := func(s rules.Section, id string) bool {
		if len(s.Treatments) == 0 {
			return true
		}
		for _, x := range s.Treatments {
			if x == id || group[id] != "" && group[x] == group[id] {
				return true
			}
		}
		return false
	}
	for _, g := range set.Catalog.Guidelines {
		if g.ID == "mtus-postsurgical" {
			// Its sections are named by surgery ("Carpal tunnel release")
			// and are about the physical medicine after it, not the
			// surgery: a surgery decided under them rests on the wrong
			// passage.
			continue
		}
		for _, s := range g.Sections {
			for _, n := range append([]string{s.Title}, s.Aliases...) {
				for _, m := range set.Treatment.Find(n) {
					id := set.Treatments[m.Entry].ID
					if namesOther[g.ID+" "+s.ID+" "+id] {
						continue
					}
					if !covers(s, id) {
						t.Errorf("%s section %q (%q) names %s but does not cover it (treatments %v)", g.ID, s.ID, n, id, s.Treatments)
					}
				}
			}
		}
	}
}

// TestSectionCovers: sections cover the treatments they are about, as
// citation-treatment compares them (a treatment, or one of its group).
func TestSectionCovers(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ guideline, section, treatment string }{
		{"mtus-cpmtg", "tens", "electrical-stimulation"},
		{"mtus-cpmtg", "tens", "tens-unit"},
		{"mtus-cpmtg", "transcutaneous-electrotherapy", "h-wave"},
		{"mtus-cpmtg", "interferential-current-stimulation", "electrical-stimulation"},
		{"mtus-cpmtg", "nmes", "tens-unit"},
		{"mtus-cpmtg", "physical-medicine", "aquatic-therapy"},
		{"mtus-cpmtg", "manual-therapy-manipulation", "chiropractic"},
		{"mtus-cpmtg", "nsaids-hypertension-renal-function", "medication"},
		{"mtus-cpmtg", "ultrasound-therapeutic", "ultrasound"},
		{"mtus-cpmtg", "facet-blocks", "facet-injection"},
		{"mtus-cpmtg", "insomnia-treatment", "medication"},
		{"mtus-cpmtg", "electrodiagnostic-testing", "emg-ncs"},
		{"mtus-cpmtg", "drug-testing", "urine-drug-screen"},
		{"acoem-low-back", "special-studies", "mri"},
		{"acoem-neck", "special-studies", "emg"},
		{"acoem-low-back", "summary", "mri"},
		{"odg-low-back", "facet-therapeutic-injections", "joint-injection"},
		{"mtus-acupuncture", "frequency-and-duration", "acupuncture"},
	} {
		g, ok := set.Catalog.Guideline(tc.guideline)
		if !ok {
			t.Fatalf("no guideline %q", tc.guideline)
		}
		s, ok := g.Section(tc.section)
		if !ok {
			t.Fatalf("%s: no section %q", tc.guideline, tc.section)
		}
		tr, _ := set.TreatmentByID(tc.treatment)
		ok = len(s.Treatments) == 0
		for _, id := range s.Treatments {
			o, _ := set.TreatmentByID(id)
			ok = ok || id == tc.treatment || tr.Group != "" && o.Group == tr.Group
		}
		if !ok {
			t.Errorf("%s %s does not cover %s (treatments %v)", tc.guideline, tc.section, tc.treatment, s.Treatments)
		}
	}
}
