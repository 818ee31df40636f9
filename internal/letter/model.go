// Package letter reads a normalised IMR determination letter into a model:
// the patient, the case dates, and each disputed item with its header,
// quantity, body part, decision, citations and rationale. Every field keeps
// the span of original bytes it was read from, so that checks can point at
// the exact place of a fault.
//
// Two layouts are read: the one in use since 2014 ("IMR ISSUES, DECISIONS AND
// RATIONALES", an item header ending in ": Upheld") and the 2013 layout
// ("Notice of Independent Medical Review Determination", a numbered list of
// determinations and "Regarding the request for ..." items).
package letter

import (
	"time"

	"github.com/imrlint/imrlint/internal/phrase"
	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/quantity"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/text"
)

// Layout names the letter layouts; the strings are part of the JSON output.
type Layout string

const (
	Layout2014    Layout = "imr-2014"
	Layout2013    Layout = "imr-2013"
	LayoutUnknown Layout = "unknown"
)

// Decision is the outcome of one disputed item.
type Decision string

const (
	NoDecision Decision = ""
	Upheld     Decision = "upheld"     // the denial stands: not medically necessary
	Overturned Decision = "overturned" // medically necessary
	Partial    Decision = "partial"
)

// Field is a piece of the letter with its place in the original file.
type Field struct {
	Text string
	position.Span
}

// Valid reports whether the field was found.
func (f Field) Valid() bool { return f.End > f.Start || f.Text != "" }

// Date is a date read from the letter.
type Date struct {
	Field
	Time time.Time
}

// Quantity is a quantity read from the letter, with its place.
type Quantity struct {
	quantity.Quantity
	Span    position.Span // the whole expression
	NumSpan position.Span // just the number(s)
	Text    string        // the whole expression as normalised
	NumText string
}

// BodyPart is a body region with its side, as one place names them.
type BodyPart struct {
	Region string // region id from the vocabulary, "" when only a side is named
	Side   string // "left", "right", "bilateral" or ""
	Field         // the words as written, e.g. "right wrist/hand"
}

// Treatment is a treatment named in the letter.
type Treatment struct {
	ID   string // vocabulary id, "" when unknown
	Name string // vocabulary name
	Field
}

// Medication is the drug of a medication item.
type Medication struct {
	Name     Field    // as written, Text lower-cased
	Strength Quantity // Kind Strength; zero when not given
}

// Sentence is one sentence of a paragraph.
type Sentence struct {
	text.Block
	// Toks are the sentence's word tokens, read once for every use.
	Toks []phrase.Token
}

// Conclusion is what a rationale's concluding sentence decides.
type Conclusion struct {
	Sentence Sentence
	Decision Decision // Upheld for "not medically necessary", Overturned for "medically necessary"
	Phrase   Field    // the phrase that decides
	// Request is the part of the sentence that restates the request ("18
	// additional sessions of massage for the wrist/hand").
	Request    Field
	Quantities []Quantity
	Treatments []Treatment
	// Drugs are the drugs the request names, by the drug vocabulary.
	Drugs     []Treatment
	BodyParts []BodyPart
}

// RequestMention is a sentence, other than the rationale's conclusion,
// that speaks of the disputed request: it restates it ("This is a request
// for Baclofen 20 mg #60", "the requested Diclofenac ER 100mg #60"), rules
// on it ("No, the request for an MRI of the knee was not medically
// necessary"), or names what would warrant it ("to warrant an MRI of the
// left shoulder"). The case summary's statements of the current request
// are mentions too. Mentions of history ("completed 24 sessions"), of
// another item of the letter, and quoted guideline text are not.
type RequestMention struct {
	// Conclusion holds the sentence, the ruling (Decision is NoDecision
	// when the sentence rules on nothing) and the request it restates.
	Conclusion
	Where string // "rationale" or "summary"
	// First reports the rationale's first sentence.
	First bool
	// Clinical reports a statement of the patient's complaint ("the
	// patient presents with right hip pain"), read for its side alone:
	// a side the header does not name there is likely pasted.
	Clinical bool
	// Certain reports a sentence that names the request itself ("the
	// request for", "the requested", a ruling of medical necessity) in the
	// item's own rationale; a mention that is likely but not certain to be
	// of this request (the summary's, "would warrant") is not.
	Certain bool
}

// Paragraph is a labelled part of an item, such as its rationale.
type Paragraph struct {
	Label Field // "Decision rationale:"; invalid when the paragraph is missing
	Body  text.Block
	Span  position.Span
}

// Present reports whether the paragraph was found in the letter.
func (p Paragraph) Present() bool { return p.Label.Valid() }

// Citation is one guideline named in a citation paragraph ("Decision
// based on MTUS Low Back Complaints 2004, Section(s): Special Studies") or
// in the rationale's prose ("According to the 2016 MTUS Chronic Pain
// Guidelines").
type Citation struct {
	Field                      // the citation as written
	Guideline *rules.Guideline // nil when the name is not in the catalog
	Name      Field            // the guideline's name as written
	Unknown   Field            // the words naming a guideline the catalog lacks
	ODG       bool             // a Non-MTUS Citation of the Official Disability Guidelines
	NonMTUS   bool             // any Non-MTUS Citation
	Year      int
	YearAt    Field
	Chapter   int // an ACOEM chapter number written before the title
	ChapterAt Field
	Sections  []CitedSection
	Pages     []CitedPages
	Where     string // "maximus", "claims" or "rationale"
}

// CitedSection is a section named by a citation.
type CitedSection struct {
	Field
	Section *rules.Section // nil when the guideline has no such section
}

// CitedPages is a page or page range of a citation.
type CitedPages struct {
	Field
	First, Last int
}

// Item is one disputed item.
type Item struct {
	Index  int
	Header Field      // the whole header as normalised and joined
	Line   int        // line of the header's first character
	header text.Block // for spans inside the header

	// Request is the treatment request that was decided: for a partly
	// authorised request, the remaining IMR-eligible portion.
	Request    Field
	Treatment  Treatment
	Medication *Medication
	Quantity   *Quantity // sessions, count or frequency x duration
	Quantities []Quantity
	BodyParts  []BodyPart
	Decision   Decision
	DecisionAt Field // the decision word

	// For a partly authorised request.
	Original   *Quantity
	Authorized *Quantity
	OriginalAt Field

	ClaimsGuideline  Paragraph
	MaximusGuideline Paragraph // "Medical Treatment Guideline(s) relied upon" in 2013 letters
	Rationale        Paragraph
	Sentences        []Sentence
	Conclusion       *Conclusion
	// RequestMentions are the other sentences that speak of the request.
	RequestMentions []RequestMention
	// Drugs are the drugs the header names, by the drug vocabulary.
	Drugs []Treatment
	// Citations are those of the expert reviewer's (MAXIMUS) paragraph
	// (the Claims Administrator's are the UR's, quoted, and not read);
	// Mentions the guidelines the rationale names in its prose.
	Citations []Citation
	Mentions  []Citation

	// Determination is the 2013 layout's numbered list entry for the item.
	// The list is the record of the decision, so Quantity is read from it;
	// the quantity of the item's own "Regarding the request for" line is
	// kept as Restated.
	Determination *Determination
	Restated      *Quantity
}

// Determination is an entry of the 2013 numbered determination list.
type Determination struct {
	Index      int
	Block      Field
	Request    Field
	Quantities []Quantity
	Decision   Decision
	Phrase     Field
	// Restated is the request the entry names, read as a restatement
	// (treatments, drugs, body parts).
	Restated Conclusion
}

// Patient holds the demographic facts of the case summary.
type Patient struct {
	Age Field // the number
	Sex Field // "male" or "female", the word as written
}

// Fact is a statement of the case summary the checks may rely on.
type Fact struct {
	Kind    string // "functional-improvement", "sessions-completed"
	Negated bool
	// Treatment is the treatment id the fact's sentence names, "" when
	// it names none ("No functional improvement is documented").
	Treatment string
	Field
	Quantity *Quantity
}

// Section is a headed part of the letter.
type Section struct {
	Name    string // canonical name, e.g. "CLINICAL CASE SUMMARY"
	Heading Field
	first   int // index of the first body line in Doc.Lines
	end     int // index past the last line
}

// Mention is a word of the letter that checks compare across places: an
// age, a pronoun, a date.
type Mention struct {
	Field
	Value string // "male"/"female" for sex words, the number for ages
	Where string // "summary", "rationale", "header"
}

// Letter is a parsed letter.
type Letter struct {
	Doc    *text.Doc
	Layout Layout

	// Header fields of the case table, by label ("Date of Injury").
	Fields map[string]Field
	Dates  map[string]Date

	Sections []Section
	Summary  text.Block
	// SummarySentences are the sentences of the case summary.
	SummarySentences []Sentence
	Patient          Patient
	Facts            []Fact
	// InjuryDates are dates of injury stated in the prose.
	InjuryDates []Date
	// URDates are dates stated as a Utilization Review decision in the prose.
	URDates []Date
	// RequestDates are dates the summary gives the Request for
	// Authorization ("the Request for Authorization dated 11/17/2016");
	// ServiceDates those it gives as a date of service. They decide which
	// guideline edition applied (see citation-version).
	RequestDates []Date
	ServiceDates []Date
	// Ages and Sexes are every age and sex word or pronoun that speaks of
	// the patient, for demographic checks.
	Ages  []Mention
	Sexes []Mention

	Determinations []Determination
	Items          []Item
	// Limits are the texts read only in part (see Limit).
	Limits []Limit
	// IssuesHeading is the heading of the items section, when found.
	IssuesHeading Field
}

// Section returns the named section, if present.
func (l *Letter) Section(name string) (Section, bool) {
	for _, s := range l.Sections {
		if s.Name == name {
			return s, true
		}
	}
	return Section{}, false
}

// Limit is a text of the letter read only in part, to keep memory and time
// bounded by the input: a header or sentence of megabytes.
type Limit struct {
	Span position.Span
	What string // "the header of item 1 is 1563209 bytes long: only its first 16384 were read for numbers"
}
