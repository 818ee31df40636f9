package check

import (
	"fmt"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/placeholder"
	"github.com/imrlint/imrlint/internal/text"
)

// Placeholder reports a template field left in an issued letter.
var Placeholder = &Check{
	Name:     "placeholder",
	Summary:  "a template field was left in the letter",
	Severity: finding.Error,
	Doc: `
Letters are produced from templates whose fields a merge fills in: the
quantity, the body part, the decision. A field the merge did not fill, or a
blank the author forgot, goes out as "{{quantity}}", "[[BODY_PART]]",
"«Decision»", "[Insert date]" or "XX sessions", and the letter does not say
what was decided. This check reports every placeholder of the syntaxes in
use (the configuration's placeholder syntaxes; by default all built-in
ones):

  - mustache "{{field}}", "{{ field }}"; double-bracket "[[FIELD]]";
    angle "<<FIELD>>"; guillemet "«FIELD»" (how Word shows a merge field);
  - insert "[INSERT ...]", "[Insert date]", in any case;
  - bracket: a field name in single brackets, "[TREATMENT]", "[Body Part]",
    "[date_of_injury]", when it holds a word fields are named with
    (treatment, date, body part, quantity, name, ...): "[MRI]" and "[sic]"
    are not fields;
  - xx "XX", "XXX", "XX/XX/XXXX", only where a number or date belongs:
    after "#" or a date label ("Date of Injury:"), before a unit ("XX
    sessions", "XXX mg"), or shaped like a date;
  - blank: a run of three or more underscores;
  - mergefield: Word field codes shown as text, "{ MERGEFIELD Name }".

The message names the field and the syntax. There is no automatic fix: the
value has to come from the case. Templates themselves are not checked
here; there the fields are expected (see placeholder-consistency).

Triggers: "Massage therapy: {{quantity}} sessions (right wrist/hand):
Upheld"; "Date of Injury: XX/XX/XXXX".
Does not trigger: "[redacted]"; "Chapter XX" (no number belongs there);
"a_b" or "__" (fewer than three underscores).`,
	Run: runPlaceholder,
}

// builtinSyntaxes are the syntaxes used when the options name none.
var builtinSyntaxes = placeholder.Builtin()

// syntaxes returns the placeholder syntaxes in use.
func syntaxes(o *Options) []placeholder.Syntax {
	if o == nil || len(o.Placeholders) == 0 {
		return builtinSyntaxes
	}
	out := make([]placeholder.Syntax, 0, len(o.Placeholders))
	for _, s := range o.Placeholders {
		if s != nil {
			out = append(out, *s)
		}
	}
	return out
}

// placed is a placeholder found in a letter, with its place in the file.
type placed struct {
	placeholder.Match
	Text string // the placeholder as written (normalised)
	Span finding.Span
}

// docPlaceholders finds the placeholders of a whole document, paragraph by
// paragraph, so that a placeholder wrapped over two lines is found whole.
func docPlaceholders(doc *text.Doc, ss []placeholder.Syntax) []placed {
	// A letter none of whose syntaxes' literal triggers occur anywhere has
	// nothing to find. Joining lines as they lie in the document is free,
	// and a trigger has no space, so it lies within one line.
	//
	// Only the syntaxes whose triggers occur somewhere are looked for in
	// the paragraphs (in their order, which Find ranks by): a paragraph's
	// text is a piece of the whole, and each syntax's test was repeated
	// for every paragraph of a letter with a "[" in it.
	ss = syntaxesIn(text.Join(doc.Lines).Text, ss)
	if len(ss) == 0 {
		return nil
	}
	var out []placed
	for _, lines := range paragraphRuns(doc.Lines) {
		out = append(out, blockPlaceholders(text.Join(lines), ss)...)
	}
	return out
}

// syntaxesIn returns the syntaxes of ss that may match in t, in order.
func syntaxesIn(t string, ss []placeholder.Syntax) []placeholder.Syntax {
	var in []placeholder.Syntax
	for k := range ss {
		if placeholder.MayHoldAny(t, ss[k:k+1]) {
			in = append(in, ss[k])
		}
	}
	return in
}

func blockPlaceholders(b text.Block, ss []placeholder.Syntax) []placed {
	var out []placed
	for _, m := range placeholder.Find(b.Text, ss) {
		out = append(out, placed{Match: m, Text: b.Text[m.Start:m.End], Span: b.Span(m.Start, m.End)})
	}
	return out
}

func runPlaceholder(p *Pass) {
	for _, m := range docPlaceholders(p.Letter.Doc, syntaxes(p.Options)) {
		if m.Field != "" {
			p.Reportf(m.Span, "leftover template field %q (%s, %s syntax): the merge did not fill it", m.Field, m.Text, m.Syntax)
		} else {
			p.Reportf(m.Span, "leftover template placeholder %s (%s syntax): the value was never filled in", quoteShort(m.Text), m.Syntax)
		}
	}
}

func quoteShort(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:37]) + "..."
	}
	return fmt.Sprintf("%q", s)
}
