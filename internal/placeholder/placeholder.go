// Package placeholder finds template fields in letter text: the
// placeholders a mail merge or a template engine replaces with a case's
// values ("{{quantity}}", "[[BODY_PART]]", "«Name»", "[Insert date]",
// "XX/XX/XXXX", "____").
//
// A field left in an issued letter means the merge failed or the author
// missed a blank; a template whose fields are spelled inconsistently renders
// some of them blank. The checks in internal/check read both through Find.
//
// The syntaxes are data: each is a regular expression whose first matching
// group is the field name (a syntax with no group, such as a run of
// underscores, names no field). Built-in syntaxes have fixed names that the
// configuration uses to select them; Compile adds custom patterns.
package placeholder

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Syntax is one placeholder syntax.
type Syntax struct {
	// Name identifies the syntax in configuration and messages.
	Name string
	// Pattern matches one placeholder. Its first group that takes part in
	// a match is the field name; with no group the placeholder names no
	// field.
	Pattern *regexp.Regexp
	// NeedsValueContext: the pattern is a placeholder only where a number
	// or date belongs ("#XX", "XX sessions", "Date of Injury: XX/XX/XXXX"),
	// since "XX" alone is ordinary text (a Roman numeral, a redaction).
	NeedsValueContext bool
	// NeedsFieldWord: the match is a placeholder only when its field name
	// holds a word templates name fields with ("TREATMENT", "Body Part",
	// "date_of_injury"), since single brackets also hold abbreviations
	// ("magnetic resonance imaging [MRI]") and editors' words ("[sic]").
	NeedsFieldWord bool
}

// Match is one placeholder found in a text.
type Match struct {
	Start, End int    // byte range in the text searched
	Field      string // the field name as written, "" when the syntax names none
	Syntax     string // the syntax's Name
}

// Built-in syntax names, as the configuration writes them.
const (
	Mustache      = "mustache"       // {{field}}, {{ field }}, {{#section}}, {{{raw}}}
	DoubleBracket = "double-bracket" // [[FIELD]]
	Angle         = "angle"          // <<FIELD>>
	Guillemet     = "guillemet"      // «FIELD», as Word shows a merge field
	Insert        = "insert"         // [INSERT DATE], [Insert name of treatment]
	Bracket       = "bracket"        // [TREATMENT], [Body Part], [date_of_injury]: a field name in single brackets
	XX            = "xx"             // XX, XXX, XX/XX/XXXX where a number or date belongs
	Blank         = "blank"          // ___ (three or more underscores)
	MergeField    = "mergefield"     // Word field codes: { MERGEFIELD Name \* MERGEFORMAT }
)

// builtin lists the built-in syntaxes in the order Find prefers them when
// two start at the same place and are as long.
var builtin = []struct {
	name    string
	pattern string
	context bool
}{
	{Mustache, `\{\{\{?[#/^&>!]?\s*([^{}\s](?:[^{}]*[^{}\s])?)\s*\}?\}\}`, false},
	{DoubleBracket, `\[\[\s*([^\[\]\s](?:[^\[\]]*[^\[\]\s])?)\s*\]\]`, false},
	{Angle, `<<\s*([^<>\s](?:[^<>]*[^<>\s])?)\s*>>`, false},
	{Guillemet, `«\s*([^«»\s](?:[^«»]*[^«»\s])?)\s*»`, false},
	{Insert, `(?i)\[\s*insert\b\s*:?\s*([^\[\]]*?)\s*\]`, false},
	// A field name in single brackets: capitals ("[BODY PART]"), one
	// capitalised word ("[Treatment]") or a snake_case name
	// ("[date_of_injury]"); a lower-case phrase ("[the patient]") is an
	// editor's insertion, not a field.
	{Bracket, `\[\s*([A-Z][A-Z0-9]*(?:[ _][A-Z0-9]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}|[A-Za-z]+(?:_[A-Za-z0-9]+){1,3})\s*\]`, false},
	{XX, `\b(?:XX?/XX?/(?:XXXX|XX)|XX?-XX?-(?:XXXX|XX)|XXXX|XXX|XX)\b`, true},
	{Blank, `_{3,}`, false},
	{MergeField, `\{\s*MERGEFIELD\s+"?([A-Za-z_][\w.\-]*)"?[^{}]*\}|\bMERGEFIELD\s+"?([A-Za-z_][\w.\-]*)"?(?:\s*\\\*\s*(?:MERGEFORMAT|Upper|Lower|Caps|FirstCap))?`, false},
}

// Names lists the built-in syntax names.
func Names() []string {
	out := make([]string, len(builtin))
	for i, b := range builtin {
		out[i] = b.name
	}
	return out
}

// Builtin returns every built-in syntax.
func Builtin() []Syntax {
	out := make([]Syntax, len(builtin))
	for i, b := range builtin {
		out[i] = Syntax{Name: b.name, Pattern: regexp.MustCompile(b.pattern), NeedsValueContext: b.context, NeedsFieldWord: b.name == Bracket}
	}
	return out
}

// Compile builds the syntaxes a configuration selects: the built-in
// syntaxes named (nil names, or the name "all", selects every built-in
// one; an empty non-nil list none), then one syntax per custom pattern,
// named "custom-1", "custom-2", ... A custom pattern's first group, if it
// has one, is the field name. Unknown or repeated names, patterns that do
// not compile and patterns that match the empty string are errors.
func Compile(names []string, custom []string) ([]Syntax, error) {
	all := Builtin()
	var out []Syntax
	var errs []string
	if names == nil {
		out = append(out, all...)
	}
	seen := map[string]bool{}
	for _, n := range names {
		key := strings.ToLower(strings.TrimSpace(n))
		if seen[key] {
			errs = append(errs, fmt.Sprintf("placeholder syntax %q is named twice", n))
			continue
		}
		seen[key] = true
		if key == "all" {
			out = append(out, all...)
			continue
		}
		found := false
		for _, s := range all {
			if s.Name == key {
				out = append(out, s)
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("unknown placeholder syntax %q (known: %s)", n, strings.Join(Names(), ", ")))
		}
	}
	for i, c := range custom {
		re, err := regexp.Compile(c)
		if err != nil {
			errs = append(errs, fmt.Sprintf("custom placeholder pattern %q: %v", c, err))
			continue
		}
		if re.MatchString("") {
			errs = append(errs, fmt.Sprintf("custom placeholder pattern %q matches empty text", c))
			continue
		}
		out = append(out, Syntax{Name: fmt.Sprintf("custom-%d", i+1), Pattern: re})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return dedupe(out), nil
}

func dedupe(ss []Syntax) []Syntax {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if seen[s.Name] {
			continue
		}
		seen[s.Name] = true
		out = append(out, s)
	}
	return out
}

// Find returns the placeholders of text, in order and without overlaps:
// where two syntaxes match at overlapping places the one starting first
// wins, then the longer one, then the one listed first.
func Find(text string, syntaxes []Syntax) []Match {
	type cand struct {
		Match
		rank int
	}
	var cs []cand
	for k, s := range syntaxes {
		if s.Pattern == nil || !mayHold(text, s) {
			continue
		}
		for _, m := range s.Pattern.FindAllStringSubmatchIndex(text, -1) {
			if m[1] <= m[0] {
				continue
			}
			if s.NeedsValueContext && !valueContext(text, m[0], m[1]) {
				continue
			}
			field := ""
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					field = strings.TrimSpace(text[m[g]:m[g+1]])
					break
				}
			}
			if s.NeedsFieldWord && !hasFieldWord(field) {
				continue
			}
			cs = append(cs, cand{Match{Start: m[0], End: m[1], Field: field, Syntax: s.Name}, k})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.rank < b.rank
	})
	var out []Match
	end := 0
	for _, c := range cs {
		if c.Start < end {
			continue
		}
		out = append(out, c.Match)
		end = c.End
	}
	return out
}

var (
	// unitAfterRE: a unit follows, so the placeholder is an amount.
	unitAfterRE = regexp.MustCompile(`(?i)^\s*(?:additional\s+|more\s+|further\s+)?(?:(?:sessions?|visits?|treatments?|times?|mg|mcg|milligrams?|g|grams?|ml|tablets?|tabs?|capsules?|caps?|patch(?:es)?|units?|refills?|days?|weeks?|months?|years?|hours?|minutes?)\b|%)`)
	// labelBeforeRE: a date or number label, or a number sign, precedes.
	labelBeforeRE = regexp.MustCompile(`(?i)(?:#|\b(?:date|dated|dos|doi|injury|number|no\.|qty|quantity|age|aged|on|since)\s*:?)\s*$`)
	dateShapeRE   = regexp.MustCompile(`[/-]`)
)

// valueContext reports whether text[s:e] stands where a number or date
// belongs: it is date-shaped (XX/XX/XXXX), follows "#" or a date label,
// or precedes a unit ("XX sessions", "XXX mg").
func valueContext(text string, s, e int) bool {
	if dateShapeRE.MatchString(text[s:e]) {
		return true
	}
	if unitAfterRE.MatchString(text[e:]) {
		return true
	}
	return labelBeforeRE.MatchString(text[:s])
}

// fieldWords are the words template fields are named with.
var fieldWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`treatment treatments date dates quantity qty part parts bodypart region side
		decision determination name patient claimant employee provider physician reviewer drug medication
		dose dosage strength frequency duration number count sessions visits field value specialty diagnosis
		request service services item claim case employer age sex gender injury doi guideline guidelines
		section page citation rationale` + "") {
		fieldWords[w] = true
	}
}

// hasFieldWord reports whether a field name holds one of fieldWords, in
// any case, split at spaces, underscores and case changes ("bodyPart").
func hasFieldWord(field string) bool {
	var words []string
	start := 0
	for i := 0; i <= len(field); i++ {
		if i == len(field) || field[i] == ' ' || field[i] == '_' ||
			(i > start && field[i] >= 'A' && field[i] <= 'Z' && field[i-1] >= 'a' && field[i-1] <= 'z') {
			if i > start {
				words = append(words, strings.ToLower(field[start:i]))
			}
			start = i
			if i < len(field) && (field[i] == ' ' || field[i] == '_') {
				start = i + 1
			}
		}
	}
	for _, w := range words {
		if fieldWords[w] {
			return true
		}
	}
	return false
}

// Normalize is the key under which two spellings of one field agree:
// lower-cased, without "_", "-", "." and white space ("Body_Part",
// "bodyPart" and "body part" all read "bodypart").
func Normalize(field string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(field) {
		switch r {
		case '_', '-', '.', ' ', '\t':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// triggers are literal strings without which a built-in syntax cannot
// match: checking for them is far cheaper than running the pattern over a
// whole letter that has no placeholder at all, which is the usual case.
var triggers = map[string][]string{
	"mustache":       {"{{"},
	"double-bracket": {"[["},
	"angle":          {"<<"},
	"guillemet":      {"\u00ab"},
	"insert":         {"["},
	"bracket":        {"["},
	"xx":             {"XX"},
	"blank":          {"___"},
	"mergefield":     {"MERGEFIELD"},
}

// MayHoldAny reports whether text may hold a placeholder of any of the
// syntaxes: false means Find would find nothing.
func MayHoldAny(text string, ss []Syntax) bool {
	for _, s := range ss {
		if s.Pattern != nil && mayHold(text, s) {
			return true
		}
	}
	return false
}

func mayHold(text string, s Syntax) bool {
	ts, ok := triggers[s.Name]
	if !ok {
		return true // custom syntaxes: no shortcut
	}
	for _, t := range ts {
		if strings.Contains(text, t) {
			return true
		}
	}
	return false
}
