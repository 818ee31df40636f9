package rules

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/imrlint/imrlint/internal/phrase"
)

// drugsIn returns the drug ids found in s and the text each match covers.
func drugsIn(t *testing.T, set *Set, s string) (ids, texts []string) {
	t.Helper()
	for _, m := range set.Drug.FindTokens(phrase.Tokenize(s)) {
		ids = append(ids, set.Drugs[m.Entry].ID)
		texts = append(texts, s[m.Start:m.End])
	}
	return ids, texts
}

// TestDefaultDrugs: the built-in drug vocabulary loads and tells drugs
// apart the way letters write them.
func TestDefaultDrugs(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Drugs) < 150 {
		t.Errorf("%d drugs, want at least 150", len(set.Drugs))
	}
	found := false
	for _, f := range set.Files {
		found = found || f == "vocab/drugs.toml"
	}
	if !found {
		t.Errorf("Files %v lacks vocab/drugs.toml", set.Files)
	}
	cases := []struct{ text, id, covers string }{
		{"Norco 10/325mg #60: Upheld", "hydrocodone-acetaminophen", "Norco"},
		{"Hydrocodone/APAP 10/325 mg", "hydrocodone-acetaminophen", "Hydrocodone/APAP"},
		{"hydrocodone / acetaminophen", "hydrocodone-acetaminophen", "hydrocodone / acetaminophen"},
		{"Tramadol ER 150mg #30", "tramadol", "Tramadol ER"},
		{"Ultram ER 100 mg", "tramadol", "Ultram ER"},
		{"Baclofen 20 mg #120", "baclofen", "Baclofen"},
		{"OxyContin 20mg", "oxycodone", "OxyContin"},
		{"Percocet 5/325", "oxycodone-acetaminophen", "Percocet"},
		{"MS Contin 15 mg", "morphine", "MS Contin"},
		{"Anaprox DS 550mg", "naproxen", "Anaprox DS"},
		{"Fexmid 7.5mg", "cyclobenzaprine", "Fexmid"},
		{"Lidoderm 5% patch", "lidocaine", "Lidoderm"},
		{"Fioricet #30", "butalbital-acetaminophen-caffeine", "Fioricet"},
		{"Sentra PM #60", "sentra-pm", "Sentra PM"},
	}
	for _, c := range cases {
		ids, texts := drugsIn(t, set, c.text)
		if len(ids) == 0 || ids[0] != c.id || texts[0] != c.covers {
			t.Errorf("%q: found %v covering %q, want %s covering %q", c.text, ids, texts, c.id, c.covers)
		}
	}
	// Two names of one drug are one id; a rationale on another drug is
	// another id.
	norco, _ := drugsIn(t, set, "Norco")
	apap, _ := drugsIn(t, set, "hydrocodone/APAP")
	tram, _ := drugsIn(t, set, "Tramadol")
	if len(norco) != 1 || len(apap) != 1 || norco[0] != apap[0] {
		t.Errorf("Norco %v and hydrocodone/APAP %v are not one drug", norco, apap)
	}
	if len(tram) != 1 || tram[0] == norco[0] {
		t.Errorf("Tramadol %v is Norco's drug %v", tram, norco)
	}
	// Short capitals match in capitals only.
	if ids, _ := drugsIn(t, set, "apap"); len(ids) != 0 {
		t.Errorf("lower-case apap found %v", ids)
	}
	d, ok := set.DrugByID("hydrocodone-acetaminophen")
	if !ok || d.Class != "opioid" || !strings.Contains(d.Name, "Norco") {
		t.Errorf("DrugByID(hydrocodone-acetaminophen) = %+v, %v", d, ok)
	}
	if len(d.Combines) != 2 {
		t.Errorf("Norco combines %v", d.Combines)
	}
	if _, ok := set.DrugByID("unicornol"); ok {
		t.Error("DrugByID found an unknown id")
	}
	// Every alias, written alone, is found whole as its own entry.
	for i, d := range set.Drugs {
		for _, a := range d.Aliases {
			ms := set.Drug.Find(a)
			if len(ms) != 1 || ms[0].Entry != i || a[ms[0].Start:ms[0].End] != strings.TrimRight(a, ".") {
				t.Errorf("alias %q of %s: matches %+v", a, d.ID, ms)
			}
		}
	}
}

// TestDrugLongestAlias: where one alias begins another of another drug,
// the longer wins.
func TestDrugLongestAlias(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ text, id, covers string }{
		{"Ultram ER", "tramadol", "Ultram ER"},
		{"Ultram", "tramadol", "Ultram"},
		{"Voltaren Gel 1%", "diclofenac-topical", "Voltaren Gel"},
		{"Voltaren 75 mg", "diclofenac", "Voltaren"},
		{"Tramadol/APAP 37.5/325", "tramadol-acetaminophen", "Tramadol/APAP"},
		{"Tramadol 50 mg", "tramadol", "Tramadol"},
		{"Tylenol #3", "codeine-acetaminophen", "Tylenol #3"},
		{"Tylenol 500 mg", "acetaminophen", "Tylenol"},
		{"Gabapentin enacarbil", "gabapentin-enacarbil", "Gabapentin enacarbil"},
		{"Senokot-S", "senna-docusate", "Senokot-S"},
		{"Depo-Medrol 80 mg", "methylprednisolone", "Depo-Medrol"},
	}
	for _, c := range cases {
		ids, texts := drugsIn(t, set, c.text)
		if len(ids) != 1 || ids[0] != c.id || texts[0] != c.covers {
			t.Errorf("%q: found %v covering %q, want %s covering %q", c.text, ids, texts, c.id, c.covers)
		}
	}
	// A compounded cream is found as its ingredients.
	ids, _ := drugsIn(t, set, "Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5% cream")
	if strings.Join(ids, ",") != "flurbiprofen,dextromethorphan,lidocaine" {
		t.Errorf("compound: %v", ids)
	}
}

// rulesWith is the built-in rules data with the files given replaced (or
// removed, for a nil value).
func rulesWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(DefaultRulesFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(DefaultRulesFS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range files {
		if v == "" {
			delete(m, k)
			continue
		}
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

const twoDrugs = `# test
[[drug]]
id = "hydrocodone-acetaminophen"
name = "hydrocodone/acetaminophen (Norco)"
class = "opioid"
aliases = ["Norco", "hydrocodone/APAP"]

[[drug]]
id = "tramadol"
name = "tramadol"
class = "opioid"
aliases = ["tramadol", "Ultram"]
`

// TestDrugErrors: a faulty drug vocabulary is refused with the file and
// line of each fault.
func TestDrugErrors(t *testing.T) {
	if _, err := Load(rulesWith(t, map[string]string{"vocab/drugs.toml": twoDrugs}), DefaultCatalogFS); err != nil {
		t.Fatalf("good drugs refused: %v", err)
	}
	cases := []struct{ name, file, want string }{
		{"duplicate alias", strings.Replace(twoDrugs, `"Ultram"]`, `"Ultram", "Hydrocodone / APAP"]`, 1),
			`rules/vocab/drugs.toml:12: drug "tramadol": alias "Hydrocodone / APAP" is also drug "hydrocodone-acetaminophen"'s "hydrocodone/APAP" (line 6)`},
		{"alias repeated in its entry", strings.Replace(twoDrugs, `"Ultram"]`, `"Ultram", "ULTRAM"]`, 1),
			`rules/vocab/drugs.toml:12: drug "tramadol": alias "ULTRAM" repeats "Ultram"`},
		{"unknown key", strings.Replace(twoDrugs, `class = "opioid"`+"\n"+`aliases = ["tramadol"`, `class = "opioid"`+"\n"+`alias = ["tramadol"`, 1),
			`rules/vocab/drugs.toml:12: unknown key "drug.alias"`},
		{"unknown class", strings.Replace(twoDrugs, `name = "tramadol"`+"\n"+`class = "opioid"`, `name = "tramadol"`+"\n"+`class = "opiod"`, 1),
			`rules/vocab/drugs.toml:11: drug "tramadol": class "opiod" is not one of`},
		{"unknown combined drug", strings.Replace(twoDrugs, `class = "opioid"`, `class = "opioid"`+"\n"+`combines = ["hydrocodone"]`, 1),
			`rules/vocab/drugs.toml:6: drug "hydrocodone-acetaminophen" combines unknown drug "hydrocodone"`},
		{"duplicate id", strings.Replace(twoDrugs, `id = "tramadol"`, `id = "hydrocodone-acetaminophen"`, 1),
			`rules/vocab/drugs.toml:3: duplicate id "hydrocodone-acetaminophen"`},
		{"broken toml", twoDrugs + "[[drug\n", "rules/vocab/drugs.toml:14:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(rulesWith(t, map[string]string{"vocab/drugs.toml": c.file}), DefaultCatalogFS)
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q lacks %q", err, c.want)
			}
		})
	}
}

// TestDrugsOptional: a rules directory without drugs.toml loads, with no
// drugs; one with its own replaces the built-in drugs.
func TestDrugsOptional(t *testing.T) {
	set, err := Load(rulesWith(t, map[string]string{"vocab/drugs.toml": ""}), DefaultCatalogFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Drugs) != 0 || set.Drug == nil || len(set.Drug.Find("Norco")) != 0 {
		t.Errorf("without drugs.toml: %d drugs", len(set.Drugs))
	}
	if _, ok := set.DrugByID("tramadol"); ok {
		t.Error("DrugByID found a drug in an empty vocabulary")
	}
	set, err = Load(rulesWith(t, map[string]string{"vocab/drugs.toml": twoDrugs}), DefaultCatalogFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Drugs) != 2 || len(set.Drug.Find("Percocet")) != 0 {
		t.Errorf("replaced drugs.toml: %d drugs", len(set.Drugs))
	}
	if d, ok := set.DrugByID("tramadol"); !ok || d.Name != "tramadol" {
		t.Errorf("DrugByID(tramadol) = %+v, %v", d, ok)
	}
}

// TestDrugErrorsWithOthers: the drug vocabulary's faults are reported
// beside those of the other files, not instead of them.
func TestDrugErrorsWithOthers(t *testing.T) {
	badDrugs := strings.Replace(twoDrugs, `"Ultram"]`, `"Ultram", "Norco"]`, 1)
	for name, other := range map[string]map[string]string{
		"broken treatments": {"vocab/treatments.toml": "[[treatment]]\nid = \"x\"\nnmae = \"typo\"\n"},
		"broken limits":     {"limits/zz.toml": "[[rule]]\nid = \"x\"\nmaximum = 7\n"},
	} {
		t.Run(name, func(t *testing.T) {
			other["vocab/drugs.toml"] = badDrugs
			_, err := Load(rulesWith(t, other), DefaultCatalogFS)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, want := range []string{`rules/vocab/drugs.toml:12: drug "tramadol": alias "Norco"`, "unknown key"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
}
