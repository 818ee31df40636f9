package placeholder

import (
	"fmt"
	"strings"
	"testing"
)

// render shows matches as "syntax:field@text" for comparison.
func render(text string, ms []Match) string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s:%s@%s", m.Syntax, m.Field, text[m.Start:m.End]))
	}
	return strings.Join(out, " | ")
}

func TestFind(t *testing.T) {
	all := Builtin()
	for _, c := range []struct {
		text, want string
	}{
		{"Massage therapy: {{quantity}} sessions", "mustache:quantity@{{quantity}}"},
		{"for the {{ body_part }}.", "mustache:body_part@{{ body_part }}"},
		{"{{{raw_html}}} and {{#items}}x{{/items}}", "mustache:raw_html@{{{raw_html}}} | mustache:items@{{#items}} | mustache:items@{{/items}}"},
		{"[[BODY_PART]]: [[DECISION]]", "double-bracket:BODY_PART@[[BODY_PART]] | double-bracket:DECISION@[[DECISION]]"},
		{"<<TREATMENT>> was requested", "angle:TREATMENT@<<TREATMENT>>"},
		{"Dear «FirstName» «LastName»,", "guillemet:FirstName@«FirstName» | guillemet:LastName@«LastName»"},
		{"on [INSERT DATE] and [Insert name of treatment]", "insert:DATE@[INSERT DATE] | insert:name of treatment@[Insert name of treatment]"},
		{"the [insert: body part]", "insert:body part@[insert: body part]"},
		{"[INSERT]", "insert:@[INSERT]"},
		{"{ MERGEFIELD PatientName \\* MERGEFORMAT } and MERGEFIELD Quantity", "mergefield:PatientName@{ MERGEFIELD PatientName \\* MERGEFORMAT } | mergefield:Quantity@MERGEFIELD Quantity"},
		{"Signature: ____________", "blank:@____________"},
		{"a_b __ c", ""},
		// XX only where a number or date belongs.
		{"Norco 10/325mg #XXX: Upheld", "xx:@XXX"},
		{"XX sessions of massage", "xx:@XX"},
		{"12 XX additional visits", "xx:@XX"},
		{"Date of Injury: XX/XX/XXXX", "xx:@XX/XX/XXXX"},
		{"seen on XX/XX/XX for", "xx:@XX/XX/XX"},
		{"Date of Injury: XX", "xx:@XX"},
		{"Chapter XX of the guideline", ""},
		{"XXL brace", ""},
		{"XX going", ""},
		{"XX mg", "xx:@XX"},
		// Nested: the outer, earlier syntax wins.
		{"[[INSERT DATE]]", "double-bracket:INSERT DATE@[[INSERT DATE]]"},
		{"{{a}}{{b}}", "mustache:a@{{a}} | mustache:b@{{b}}"},
		{"no fields here, {single} [bracket] <angle> {{ }}", ""},
		// A field name in single brackets, but not an abbreviation or an
		// editor's insertion.
		{"The request for [TREATMENT] is not", "bracket:TREATMENT@[TREATMENT]"},
		{"of the [BODY PART] and [Treatment]", "bracket:BODY PART@[BODY PART] | bracket:Treatment@[Treatment]"},
		{"since [date_of_injury].", "bracket:date_of_injury@[date_of_injury]"},
		{"magnetic resonance imaging [MRI] and computed tomography [CT]", ""},
		{"he said [the patient] was [sic] better [Redacted]", ""},
	} {
		got := render(c.text, Find(c.text, all))
		if got != c.want {
			t.Errorf("Find(%q)\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

func TestFindOnlySelected(t *testing.T) {
	ss, err := Compile([]string{"double-bracket"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "{{quantity}} [[QUANTITY]] ___"
	if got, want := render(text, Find(text, ss)), "double-bracket:QUANTITY@[[QUANTITY]]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestCompile(t *testing.T) {
	all, err := Compile(nil, nil)
	if err != nil || len(all) != len(Names()) {
		t.Fatalf("Compile(nil, nil) = %d syntaxes, %v; want all %d", len(all), err, len(Names()))
	}
	none, err := Compile([]string{}, nil)
	if err != nil || len(none) != 0 {
		t.Errorf("Compile([], nil) = %v, %v; want none", none, err)
	}
	ss, err := Compile([]string{"mustache", "all"}, []string{`%%(\w+)%%`})
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != len(Names())+1 || ss[0].Name != Mustache || ss[len(ss)-1].Name != "custom-1" {
		var names []string
		for _, s := range ss {
			names = append(names, s.Name)
		}
		t.Errorf("names = %v", names)
	}
	text := "the %%BodyPart%% and {{x}}"
	if got, want := render(text, Find(text, ss)), "custom-1:BodyPart@%%BodyPart%% | mustache:x@{{x}}"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	for _, bad := range []struct {
		names, custom []string
		msg           string
	}{
		{[]string{"handlebars"}, nil, `unknown placeholder syntax "handlebars"`},
		{[]string{"xx", "XX"}, nil, "named twice"},
		{nil, []string{`(`}, "missing closing )"},
		{nil, []string{`x*`}, "matches empty text"},
	} {
		_, err := Compile(bad.names, bad.custom)
		if err == nil || !strings.Contains(err.Error(), bad.msg) {
			t.Errorf("Compile(%v, %v) error = %v, want %q", bad.names, bad.custom, err, bad.msg)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, s := range []string{"body_part", "bodyPart", "Body_Part", "BODY-PART", "body part", "body.part"} {
		if got := Normalize(s); got != "bodypart" {
			t.Errorf("Normalize(%q) = %q", s, got)
		}
	}
	if Normalize("body_parts") == Normalize("body_part") {
		t.Error("plural must stay distinct")
	}
}

func TestNoPlaceholdersInPlainLetterText(t *testing.T) {
	text := `The request for 12 sessions of massage therapy for the right wrist/hand is not
medically necessary. MTUS allows 4-6 visits. Date of Injury: 09/03/2012. Norco 10/325mg #120.
[redacted], MD. Case Number: CM15-0900114. <a href> x < y >> z.`
	if ms := Find(text, Builtin()); len(ms) != 0 {
		t.Errorf("found %s", render(text, ms))
	}
}
