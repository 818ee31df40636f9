package corpus

// The data the generator draws from. Every guideline title, chapter number,
// section and page range below is one the catalog (guidelines/*.toml) knows,
// and every visit limit a rationale quotes is one rules/limits/*.toml states:
// a clean letter must be clean for the checker, so the generator may only say
// what the catalog and the rules hold true. Comments name the catalog entry
// each value comes from.

// region is a body region a request can be for.
type region struct {
	id    string // the vocabulary id (rules/vocab/body_parts.toml)
	name  string // as written after "the": "lumbar spine", "wrist/hand"
	sided bool   // a limb region: written with left, right or bilateral
	// adj is the adjective an injection or a history sentence uses.
	adj string
	// The ACOEM 2nd edition chapter for the region (guidelines/acoem-2004.toml):
	// number, title, the pages of its Special Studies and Physical Methods
	// sections. chapter 0: no chapter is cited for the region.
	chapter    int
	title      string
	studyPages string
	physPages  string
	// The ODG chapter and its MRI section (guidelines/odg.toml); "" when
	// ODG is not cited for the region.
	odg, odgMRI string
	// limb is "upper" or "lower" for the extremity regions an
	// electrodiagnostic study is of; spine is the region whose chapter such
	// a study is decided under (the nerve roots).
	limb  string
	spine string
	// words that a summary uses for the region's complaint ("low back pain").
	pain string
	// diagnoses are the region's diagnoses, as a summary names them.
	diagnoses []string
}

var (
	regCervical = &region{id: "cervical-spine", name: "cervical spine", adj: "cervical",
		chapter: 8, title: "Neck and Upper Back Complaints", studyPages: "177-178", physPages: "173-174",
		odg: "Neck and Upper Back (Acute & Chronic)", odgMRI: "Magnetic resonance imaging (MRI)",
		pain: "neck pain", diagnoses: []string{"a cervical strain", "cervical degenerative disc disease", "cervical radiculitis", "a cervical disc protrusion at C5-C6"}}
	regLumbar = &region{id: "lumbar-spine", name: "lumbar spine", adj: "lumbar",
		chapter: 12, title: "Low Back Complaints", studyPages: "303-304", physPages: "300",
		odg: "Low Back - Lumbar & Thoracic (Acute & Chronic)", odgMRI: "MRIs (magnetic resonance imaging)",
		pain: "low back pain", diagnoses: []string{"a lumbar strain", "lumbar degenerative disc disease", "a lumbar disc protrusion at L4-L5", "lumbar radiculopathy", "lumbar facet arthropathy"}}
	regShoulder = &region{id: "shoulder", name: "shoulder", sided: true, adj: "shoulder",
		chapter: 9, title: "Shoulder Complaints", studyPages: "207-209", physPages: "203",
		odg: "Shoulder (Acute & Chronic)", odgMRI: "MRI (magnetic resonance imaging)",
		pain: "shoulder pain", diagnoses: []string{"rotator cuff tendinosis", "subacromial impingement", "adhesive capsulitis", "a partial thickness rotator cuff tear"}}
	regElbow = &region{id: "elbow", name: "elbow", sided: true, adj: "elbow",
		pain: "elbow pain", diagnoses: []string{"lateral epicondylitis", "medial epicondylitis", "an elbow sprain"}}
	regWrist = &region{id: "wrist-hand", name: "wrist/hand", sided: true, adj: "wrist",
		chapter: 11, title: "Forearm, Wrist, and Hand Complaints", studyPages: "268-269", physPages: "265",
		odg: "Forearm, Wrist, & Hand (Acute & Chronic)", odgMRI: "MRI's (magnetic resonance imaging)",
		pain: "wrist pain", diagnoses: []string{"de Quervain's tenosynovitis", "a wrist sprain", "flexor tendinitis of the wrist", "carpal tunnel syndrome"}}
	regKnee = &region{id: "knee", name: "knee", sided: true, adj: "knee",
		chapter: 13, title: "Knee Complaints", studyPages: "341-343", physPages: "337-339",
		odg: "Knee & Leg (Acute & Chronic)", odgMRI: "MRI's (magnetic resonance imaging)",
		pain: "knee pain", diagnoses: []string{"a knee sprain", "patellofemoral syndrome", "a medial meniscus tear", "knee osteoarthritis"}}
	regAnkle = &region{id: "ankle-foot", name: "ankle/foot", sided: true, adj: "ankle",
		chapter: 14, title: "Ankle and Foot Complaints", studyPages: "371-372", physPages: "369-370",
		odg: "Ankle & Foot (Acute & Chronic)", odgMRI: "MRI (magnetic resonance imaging)",
		pain: "ankle pain", diagnoses: []string{"an ankle sprain", "plantar fasciitis", "Achilles tendinitis"}}
	regUpper = &region{id: "upper-extremity", name: "upper extremities", sided: true, limb: "upper", spine: "cervical-spine",
		pain: "arm symptoms"}
	regLower = &region{id: "lower-extremity", name: "lower extremities", sided: true, limb: "lower", spine: "lumbar-spine",
		pain: "leg symptoms"}
)

// regions by id, for the electrodiagnostic spine chapters.
var regionByID = map[string]*region{}

func init() {
	for _, r := range []*region{regCervical, regLumbar, regShoulder, regElbow, regWrist, regKnee, regAnkle, regUpper, regLower} {
		regionByID[r.id] = r
	}
}

// therapyRegions are the regions massage, physical therapy and acupuncture
// are requested for; imagingRegions those MRI and x-rays are (each has an
// ACOEM chapter).
var (
	therapyRegions = []*region{regCervical, regLumbar, regLumbar, regShoulder, regWrist, regKnee, regElbow, regAnkle}
	imagingRegions = []*region{regCervical, regLumbar, regLumbar, regShoulder, regWrist, regKnee, regKnee, regAnkle}
	// Manipulation is not recommended for the knee, the wrist and hand, the
	// ankle and foot (rule cpmtg-manual-therapy-not-recommended): the
	// generator requests it for the spine only.
	chiroRegions = []*region{regLumbar, regLumbar, regCervical}
	// Epidural injections are of the spine.
	esiRegions = []*region{regLumbar, regLumbar, regCervical}
	esiLevels  = map[string][]string{"lumbar-spine": {"L4-L5", "L5-S1", "L3-L4"}, "cervical-spine": {"C5-C6", "C6-C7", "C4-C5"}}
)

// med is a medication as a header names it, with the CPMTG sections that
// decide it (guidelines/mtus.toml, 2009 pages).
type med struct {
	name     string
	strength []string
	counts   []int
	// unit "grams" for a cream ("120 grams"), "" for a "#" count.
	unit string
	// form follows the strength: "patch", "cream".
	form string
	// sec and pages: the CPMTG section; sec2/pages2 an optional second.
	sec, pages   string
	sec2, pages2 string
	opioid       bool
	class        string // "opioid", "aed", "relaxant", "nsaid", "ppi", "patch", "topical", "antidepressant"
}

var meds = []*med{
	{name: "Norco", strength: []string{"10/325mg", "5/325mg", "7.5/325mg"}, counts: []int{60, 90, 120, 180}, sec: "Opioids, criteria for use", pages: "76-80", sec2: "Opioids, ongoing management", pages2: "78-80", opioid: true, class: "opioid"},
	{name: "Tramadol", strength: []string{"50mg"}, counts: []int{60, 90, 120}, sec: "Tramadol (Ultram)", pages: "113", sec2: "Opioids, criteria for use", pages2: "76-80", opioid: true, class: "opioid"},
	{name: "Tramadol ER", strength: []string{"150mg", "100mg"}, counts: []int{30, 60}, sec: "Tramadol (Ultram)", pages: "113", opioid: true, class: "opioid"},
	{name: "Oxycodone", strength: []string{"10mg", "5mg"}, counts: []int{60, 90}, sec: "Opioids, criteria for use", pages: "76-80", opioid: true, class: "opioid"},
	{name: "Gabapentin", strength: []string{"600mg", "300mg", "800mg"}, counts: []int{60, 90, 120}, sec: "Anti-epilepsy drugs (AEDs)", pages: "16-22", sec2: "Gabapentin (Neurontin)", pages2: "18-19", class: "aed"},
	{name: "Cyclobenzaprine", strength: []string{"7.5mg", "10mg"}, counts: []int{30, 60, 90}, sec: "Muscle relaxants (for pain)", pages: "63-66", sec2: "Cyclobenzaprine (Flexeril)", pages2: "41-42", class: "relaxant"},
	{name: "Tizanidine", strength: []string{"4mg", "2mg"}, counts: []int{60, 90}, sec: "Muscle relaxants (for pain)", pages: "63-66", class: "relaxant"},
	{name: "Naproxen", strength: []string{"550mg", "500mg"}, counts: []int{60, 90}, sec: "NSAIDs (non-steroidal anti-inflammatory drugs)", pages: "67-68", class: "nsaid"},
	{name: "Meloxicam", strength: []string{"15mg", "7.5mg"}, counts: []int{30, 60}, sec: "NSAIDs (non-steroidal anti-inflammatory drugs)", pages: "67-68", class: "nsaid"},
	{name: "Omeprazole", strength: []string{"20mg"}, counts: []int{30, 60}, sec: "NSAIDs, GI symptoms & cardiovascular risk", pages: "68-69", class: "ppi"},
	{name: "Lidoderm", strength: []string{"5%"}, form: "patch", counts: []int{30, 60, 90}, sec: "Lidoderm (lidocaine patch)", pages: "56-57", sec2: "Topical analgesics", pages2: "111-113", class: "patch"},
	{name: "Ketoprofen", strength: []string{"20%", "10%"}, form: "cream", unit: "grams", counts: []int{120, 240}, sec: "Topical analgesics", pages: "111-113", class: "topical"},
	{name: "Flurbiprofen", strength: []string{"20%", "25%"}, form: "cream", unit: "grams", counts: []int{120, 180}, sec: "Topical analgesics", pages: "111-113", class: "topical"},
	{name: "Duloxetine", strength: []string{"60mg", "30mg"}, counts: []int{30, 60}, sec: "Antidepressants for chronic pain", pages: "13-16", class: "antidepressant"},
}

var occupations = []string{
	"assembly line worker", "warehouse loader", "grocery clerk", "delivery driver", "roofer", "courier",
	"transit bus operator", "school custodian", "registered nurse", "certified nursing assistant",
	"forklift operator", "carpenter", "electrician", "cashier", "dental hygienist", "landscaper",
	"machine operator", "office assistant", "correctional officer", "firefighter", "police officer",
	"farm worker", "housekeeper", "cook", "package handler", "plumber", "truck driver", "baker",
	"medical assistant", "stocker", "welder", "caregiver", "janitor", "sheet metal worker",
	"retail sales associate", "home health aide", "bus mechanic", "produce clerk", "painter",
}

// mechanisms describe how an injury happened, with the patient's pronouns
// as placeholders ({p}, {obj}). They never contain a date.
var mechanisms = []string{
	"while lifting a heavy box from a pallet",
	"when {p} slipped on a wet floor and fell",
	"while pulling a loaded cart up a ramp",
	"when a stack of cartons fell against {obj}",
	"while transferring a patient from a bed to a wheelchair",
	"after months of repetitive work at a keyboard",
	"when the vehicle {p} was driving was struck from behind",
	"while climbing down from a ladder",
	"while carrying supplies up a flight of stairs",
	"when {p} tripped over a hose and landed on the concrete",
	"while reaching overhead to stock a high shelf",
	"while moving furniture in a classroom",
}

var specialties = []string{
	"Orthopedic Surgery", "Physical Medicine & Rehabilitation", "Anesthesiology, Pain Medicine",
	"Occupational Medicine", "Family Practice", "Neurology", "Internal Medicine", "Chiropractor",
	"Acupuncturist", "Preventive Medicine", "Emergency Medicine", "Sports Medicine",
}

// physicians are the treating physicians a summary names. Sentences that
// name one are not read for the patient's pronouns, so the generator may
// give the physician either pronoun freely; it gives none.
var physicians = []string{
	"Dr. Alvarez", "Dr. Okafor", "Dr. Lindqvist", "Dr. Nakamura", "Dr. Petrossian", "Dr. Haddad",
	"Dr. Moreau", "Dr. Castellanos", "Dr. Ibarra", "Dr. Whitfield", "Dr. Chandrasekar", "Dr. Novak",
	"Dr. Delacroix", "Dr. Feldstein", "Dr. Ogunleye", "Dr. Varga", "Dr. Quintero", "Dr. Sato",
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// howMade2014 are the "HOW THE IMR FINAL DETERMINATION WAS MADE" paragraphs
// of the current layout. The first is the approved boilerplate of
// rules/boilerplate/imr.toml (id "how-made") word for word; the others open
// with other words, which the boilerplate-drift check treats as other
// wording, not drift.
var howMade2014 = []string{
	"MAXIMUS Federal Services forwarded every document in the case file to a physician reviewer who has no connection with the employer, the employee, the treating providers or the claims administrator. The reviewer has more than five years of active clinical practice and still spends at least 24 hours each week treating patients. The reviewer was chosen because the reviewer's training and experience are in a specialty that diagnoses or treats the condition at issue and the disputed items/services. The reviewer understands the statutes and regulations that apply to Independent Medical Review, including the order of priority the law gives to different sources of medical evidence.",
	"An independent physician reviewer, selected by MAXIMUS Federal Services, received the full case file for this dispute. The physician holds a current California license, has practiced for more than five years and sees patients for at least 24 hours in a typical week. The physician's specialty includes the evaluation and care of the condition and of the disputed items/services, and the physician is bound by the rules of Independent Medical Review and by the ranking of medical evidence those rules set out.",
	"For this review MAXIMUS Federal Services chose a practicing physician with no tie to any party: not the employer, the employee, the treating providers or the claims administrator. That physician is licensed in California, has worked in clinical practice for over five years, still treats patients at least 24 hours per week, and has training that covers the condition and the disputed items/services. The physician applies the standards of Independent Medical Review and the priority of medical evidence the law establishes.",
}

// how2013 is the 2013 layout's paragraph; %s is the reviewer's specialty.
var how2013 = []string{
	"An expert reviewer examined the entire case file, including the medical records and all documents submitted by the parties. The reviewer is licensed to practice medicine in California, is board certified in %s, and has no material professional, familial or financial conflict with the employer, the employee, the providers or the claims administrator. The reviewer applied the standards of the Medical Treatment Utilization Schedule (MTUS) and, for any issue the MTUS does not address, the best available evidence-based guidelines and peer-reviewed medical literature.",
	"The case file, with every medical record and document the parties submitted, was reviewed by an expert reviewer licensed in California and board certified in %s. The reviewer has no professional, familial or financial conflict with any party to the dispute and decided each item under the Medical Treatment Utilization Schedule (MTUS), turning to other evidence-based guidelines and the medical literature only where the MTUS is silent on an issue.",
}

// notice2013 are the approved appeal notices of the 2013 layout
// (rules/boilerplate/imr.toml, ids notice-final-binding and
// notice-final-binding-narrow), word for word.
var notice2013 = []string{
	"This determination is final and binding on the parties. It may be appealed only on the limited grounds listed in California Labor Code section 4610.6(h), by filing within 30 days of the mailing date of this notice.",
	"This determination is final and binding on the parties. An appeal is allowed only on the narrow grounds set out in California Labor Code section 4610.6(h), and must be filed within 30 days of the date this notice was mailed.",
}

var summaryOpen2014 = []string{
	"The expert reviewer prepared the summary below after reviewing the entire case file, including all available medical records:",
	"This summary was written by the expert reviewer from the full case file and all medical records provided:",
	"The following summary was prepared by the expert reviewer from a review of the entire case file and all of the medical records:",
	"The expert reviewer wrote the summary below after reading the full case file, including every medical record provided:",
}

var summaryOpen2013 = []string{
	"The summary that follows was written by the expert reviewer from the records in the case file:",
	"The expert reviewer prepared this summary from the medical records and documents in the case file:",
}
