package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	shipped "github.com/imrlint/imrlint/rules"
)

// wordsName is the file of the word lists the parser and checks read
// letters and templates with that are neither a vocabulary of things
// (treatments, body regions, drugs) nor the language of rulings
// (language.toml). A rules directory that replaces the built-in data
// without one uses the built-in lists.
const wordsName = "vocab/words.toml"

// Words is vocab/words.toml loaded.
type Words struct {
	// GenericTreatments are the ids of treatments that say too little to
	// contradict an item header ("medication", "evaluation").
	GenericTreatments map[string]bool
	// FieldRoles are the words of a template field's name that give its
	// role, in the order tried: the first role one of whose words the
	// normalised name contains wins.
	FieldRoles []FieldRole
	// AgeNouns are the nouns an age may go with ("a 61 year old male"),
	// lower-case ASCII words, in the order they are tried.
	AgeNouns []string
	// ClauseEnds are the words that end the clause a guideline's limit is
	// quoted in ("however", "completed"): what follows is the case's.
	ClauseEnds map[string]bool
}

// FieldRole is a role of a template field and the words of a name that
// give it.
type FieldRole struct {
	Role  string // one of FieldRoleNames
	Words []string
}

// FieldRoleNames are the roles of template fields, in the order their
// words are tried: most specific first.
var FieldRoleNames = []string{"decision", "strength", "quantity", "side", "body part", "treatment"}

type wordsFile struct {
	Treatments struct {
		Generic []string `toml:"generic"`
	} `toml:"treatments"`
	TemplateFields struct {
		Decision  []string `toml:"decision"`
		Strength  []string `toml:"strength"`
		Quantity  []string `toml:"quantity"`
		Side      []string `toml:"side"`
		BodyPart  []string `toml:"body_part"`
		Treatment []string `toml:"treatment"`
	} `toml:"template_fields"`
	Ages struct {
		Nouns []string `toml:"nouns"`
	} `toml:"ages"`
	Clauses struct {
		Ends []string `toml:"ends"`
	} `toml:"clauses"`
}

// loadWords reads vocab/words.toml from fsys, or the built-in one when
// fsys has none, into s.Words. It needs s.Treatments.
func (s *Set) loadWords(fsys fs.FS) []error {
	src, own := fsys, true
	if _, err := fs.Stat(fsys, wordsName); errors.Is(err, fs.ErrNotExist) {
		src, own = shipped.FS, false
	}
	var f wordsFile
	if err := decodeStrict(src, wordsName, &f); err != nil {
		return unjoin(prefix(label(src, "rules")+"/", err))
	}
	if own {
		s.Files = append(s.Files, wordsName)
	}
	var errs []error
	bad := func(v, msg string) {
		errs = append(errs, &Error{File: label(src, "rules") + "/" + wordsName, Line: findLine(src, wordsName, v), Msg: msg})
	}
	w := Words{GenericTreatments: map[string]bool{}}
	for _, id := range f.Treatments.Generic {
		if _, ok := s.TreatmentByID(id); !ok {
			bad(id, fmt.Sprintf("treatments.generic names unknown treatment %q", id))
		}
		w.GenericTreatments[id] = true
	}
	tf := f.TemplateFields
	for i, l := range [][]string{tf.Decision, tf.Strength, tf.Quantity, tf.Side, tf.BodyPart, tf.Treatment} {
		for _, v := range l {
			if v == "" || v != strings.ToLower(v) || strings.ContainsAny(v, " \t_-.") {
				bad(v, fmt.Sprintf("template_fields: %q is not one lower-case word (names are compared lower-cased, without separators)", v))
			}
		}
		w.FieldRoles = append(w.FieldRoles, FieldRole{Role: FieldRoleNames[i], Words: l})
	}
	for _, v := range f.Ages.Nouns {
		if !lowerASCIIWord(v) {
			bad(v, fmt.Sprintf("ages.nouns: %q is not one lower-case ASCII word", v))
		}
	}
	if len(f.Ages.Nouns) == 0 {
		errs = append(errs, &Error{File: label(src, "rules") + "/" + wordsName, Msg: "ages.nouns is empty: no age would be read"})
	}
	w.AgeNouns = f.Ages.Nouns
	w.ClauseEnds = map[string]bool{}
	for _, v := range f.Clauses.Ends {
		if !lowerASCIIWord(v) {
			bad(v, fmt.Sprintf("clauses.ends: %q is not one lower-case ASCII word", v))
		}
		w.ClauseEnds[v] = true
	}
	if len(f.Clauses.Ends) == 0 {
		errs = append(errs, &Error{File: label(src, "rules") + "/" + wordsName, Msg: "clauses.ends is empty: every quoted limit would run to the end of its sentence"})
	}
	s.Words = w
	return errs
}

// lowerASCIIWord reports whether v is a run of lower-case ASCII letters.
func lowerASCIIWord(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < 'a' || v[i] > 'z' {
			return false
		}
	}
	return v != ""
}
