package rules

import (
	"reflect"
	"strings"
	"testing"
)

// TestWords: the built-in word lists load; a rules directory without
// words.toml uses them; one with its own replaces them; a faulty file is
// refused with its file and line.
func TestWords(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"medication", "surgery", "durable-medical-equipment"} {
		if !set.Words.GenericTreatments[id] {
			t.Errorf("%q is not generic", id)
		}
	}
	if set.Words.GenericTreatments["physical-therapy"] {
		t.Error("physical therapy is generic")
	}
	var roles []string
	for _, r := range set.Words.FieldRoles {
		roles = append(roles, r.Role)
		if len(r.Words) == 0 {
			t.Errorf("role %q has no words", r.Role)
		}
	}
	if !reflect.DeepEqual(roles, FieldRoleNames) {
		t.Errorf("roles %v, want %v", roles, FieldRoleNames)
	}

	without, err := Load(rulesWith(t, map[string]string{wordsName: ""}), DefaultCatalogFS)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(without.Words, set.Words) {
		t.Error("without words.toml: not the built-in lists")
	}
	for _, f := range without.Files {
		if f == wordsName {
			t.Errorf("files %v name %s, which is not there", without.Files, wordsName)
		}
	}

	own, err := Load(rulesWith(t, map[string]string{wordsName: "[treatments]\ngeneric = [\"surgery\"]\n[ages]\nnouns = [\"patient\"]\n[clauses]\nends = [\"however\"]\n"}), DefaultCatalogFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(own.Words.GenericTreatments) != 1 || !own.Words.GenericTreatments["surgery"] || !reflect.DeepEqual(own.Words.AgeNouns, []string{"patient"}) {
		t.Errorf("own words.toml: generic %v, age nouns %v", own.Words.GenericTreatments, own.Words.AgeNouns)
	}
	if len(own.Words.ClauseEnds) != 1 || !own.Words.ClauseEnds["however"] {
		t.Errorf("own words.toml: clause ends %v", own.Words.ClauseEnds)
	}
	if !set.Words.ClauseEnds["however"] || !set.Words.ClauseEnds["completed"] || set.Words.ClauseEnds["visits"] {
		t.Errorf("clause ends %v", set.Words.ClauseEnds)
	}
	if len(set.Words.AgeNouns) < 10 || set.Words.AgeNouns[0] != "male" {
		t.Errorf("age nouns %v", set.Words.AgeNouns)
	}

	for name, c := range map[string]struct{ file, want string }{
		"unknown treatment":       {"[treatments]\ngeneric = [\"surgery\",\n  \"surgeyr\"]\n", `rules/vocab/words.toml:3: treatments.generic names unknown treatment "surgeyr"`},
		"unknown key":             {"[treatments]\ngenric = [\"surgery\"]\n", `rules/vocab/words.toml:2: unknown key "treatments.genric"`},
		"not one word":            {"[template_fields]\nside = [\"Side\"]\n", `rules/vocab/words.toml:2: template_fields: "Side" is not one lower-case word`},
		"broken toml":             {"[treatments\n", "rules/vocab/words.toml:2: expected"},
		"no age nouns":            {"[treatments]\ngeneric = []\n[clauses]\nends = [\"but\"]\n", "rules/vocab/words.toml: ages.nouns is empty"},
		"no clause ends":          {"[ages]\nnouns = [\"male\"]\n", "rules/vocab/words.toml: clauses.ends is empty"},
		"clause end of two words": {"[ages]\nnouns = [\"male\"]\n[clauses]\nends = [\"but\",\n \"even though\"]\n", `rules/vocab/words.toml:5: clauses.ends: "even though" is not one lower-case ASCII word`},
		"age noun in capitals":    {"[ages]\nnouns = [\"male\",\n \"Female\"]\n", `rules/vocab/words.toml:3: ages.nouns: "Female" is not one lower-case ASCII word`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Load(rulesWith(t, map[string]string{wordsName: c.file}), DefaultCatalogFS)
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q lacks %q", err, c.want)
			}
		})
	}
}
