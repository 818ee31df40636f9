// Command valecompare prepares a like-for-like speed comparison of imrlint
// and Vale (https://vale.sh) on real letters: the same files, checked by
// imrlint with all its checks and by Vale with a style of 14 rules about
// IMR letters. It writes into -out
//
//   - letters/: every .txt of the DIRs, copied -repeat times under distinct
//     names (private: 0600 files in a 0700 folder, as they are letters);
//   - vale/.vale.ini and vale/styles/IMR/*.yml: the Vale configuration and
//     style;
//
// and prints the two commands to time, one a line. tools/valecompare/run.sh
// builds both programs, runs this and times the two commands in turn.
//
//	go run ./tools/valecompare -out /tmp/vc -repeat 15 ../shared/corpus/text ../shared/corpus/raw ../shared/letters
//
// The style does comparable work to imrlint's reading of a letter: it
// finds the vocabularies imrlint reads letters with (treatment, body
// region and drug names of rules/vocab, at most 40 a rule unless -full,
// the sides, decision and conclusion phrases, negation cues, pronouns) plus ages, quantities,
// dates of injury, guideline names, citations, placeholders and common
// misspellings, as existence and substitution rules, one regexp each.
// Vale only finds words; imrlint also parses the letter's structure and
// compares what it finds, so the comparison is, if anything, kind to Vale.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	shipped "github.com/imrlint/imrlint/rules"
)

func main() {
	out := flag.String("out", "", "folder to write the letters and the Vale style into (required)")
	repeat := flag.Int("repeat", 15, "copies of each letter")
	imrlint := flag.String("imrlint", "imrlint", "the imrlint binary, for the printed command")
	vale := flag.String("vale", "vale", "the vale binary, for the printed command")
	full := flag.Bool("full", false, "give Vale every name and alias of the vocabularies (much slower for Vale), not 40 names a list")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: valecompare -out DIR [-repeat N] [-full] [-imrlint BIN] [-vale BIN] LETTERDIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() == 0 || *repeat < 1 {
		flag.Usage()
		os.Exit(2)
	}
	n, err := copyLetters(filepath.Join(*out, "letters"), flag.Args(), *repeat)
	if err != nil {
		fail(err)
	}
	rules, err := writeStyle(filepath.Join(*out, "vale"), *full)
	if err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "valecompare: %d files, a Vale style of %d rules\n", n, rules)
	letters := filepath.Join(*out, "letters")
	fmt.Printf("%s check --format jsonl --jobs 2 --quiet %s\n", *imrlint, letters)
	fmt.Printf("%s --config %s --output JSON --no-exit %s\n", *vale, filepath.Join(*out, "vale", ".vale.ini"), letters)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "valecompare:", err)
	os.Exit(1)
}

// copyLetters copies each .txt of dirs into dst repeat times.
func copyLetters(dst string, dirs []string, repeat int) (int, error) {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return 0, err
	}
	n := 0
	for di, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			return n, err
		}
		if len(files) == 0 {
			return n, fmt.Errorf("%s: no .txt letters", dir)
		}
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return n, err
			}
			base := strings.TrimSuffix(filepath.Base(f), ".txt")
			for r := 0; r < repeat; r++ {
				name := fmt.Sprintf("%02d-%s-%02d.txt", di, base, r)
				if err := os.WriteFile(filepath.Join(dst, name), b, 0o600); err != nil {
					return n, err
				}
				n++
			}
		}
	}
	return n, nil
}

// vocab is what the style takes from rules/vocab.
const maxNames = 40

type vocab struct {
	treatments, regions, drugs, sides          []string
	notNecessary, necessary, negation, pronoun []string
}

// loadVocab reads the vocabularies. With full, every name and alias;
// otherwise the entries' names only, at most maxNames of a list, the size
// of a typical Vale rule: Vale turns a rule's tokens into one regexp, and
// with the 1,000 drug aliases that regexp alone takes most of its time.
func loadVocab(full bool) (vocab, error) {
	var v vocab
	var tf struct {
		Treatment []struct {
			Name    string   `toml:"name"`
			Aliases []string `toml:"aliases"`
		} `toml:"treatment"`
	}
	var bf struct {
		Region []struct {
			Name    string   `toml:"name"`
			Aliases []string `toml:"aliases"`
		} `toml:"region"`
		Sides map[string][]string `toml:"sides"`
	}
	var df struct {
		Drug []struct {
			Name    string   `toml:"name"`
			Aliases []string `toml:"aliases"`
		} `toml:"drug"`
	}
	var lf struct {
		Conclusion struct {
			NotNecessary []string `toml:"not_necessary"`
			Necessary    []string `toml:"necessary"`
		} `toml:"conclusion"`
		Negation struct {
			Cues []string `toml:"cues"`
		} `toml:"negation"`
		Pronouns struct {
			Male   []string `toml:"male"`
			Female []string `toml:"female"`
		} `toml:"pronouns"`
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"vocab/treatments.toml", &tf}, {"vocab/body_parts.toml", &bf}, {"vocab/drugs.toml", &df}, {"vocab/language.toml", &lf}} {
		if _, err := toml.DecodeFS(shipped.FS, f.name, f.v); err != nil {
			return v, err
		}
	}
	for _, t := range tf.Treatment {
		v.treatments = append(v.treatments, t.Name)
		if full {
			v.treatments = append(v.treatments, t.Aliases...)
		}
	}
	for _, r := range bf.Region {
		v.regions = append(v.regions, r.Name)
		if full {
			v.regions = append(v.regions, r.Aliases...)
		}
	}
	for _, s := range bf.Sides {
		v.sides = append(v.sides, s...)
	}
	for _, d := range df.Drug {
		v.drugs = append(v.drugs, d.Name)
		if full {
			v.drugs = append(v.drugs, d.Aliases...)
		}
	}
	if !full {
		for _, l := range []*[]string{&v.treatments, &v.regions, &v.drugs} {
			if len(*l) > maxNames {
				*l = (*l)[:maxNames]
			}
		}
	}
	v.notNecessary = lf.Conclusion.NotNecessary
	v.necessary = lf.Conclusion.Necessary
	v.negation = lf.Negation.Cues
	v.pronoun = append(append([]string{}, lf.Pronouns.Male...), lf.Pronouns.Female...)
	return v, nil
}

// tokens quotes phrases as Vale existence tokens: escaped, deduplicated,
// longest first so that the longest alias wins as in imrlint.
func tokens(phrases []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range phrases {
		p = strings.TrimSpace(p)
		k := strings.ToLower(p)
		if p == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, regexp.QuoteMeta(p))
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

type rule struct {
	name, message, level string
	extends              string // existence or substitution
	tokens               []string
	swap                 [][2]string
	raw                  bool // tokens are regexps without \b around them
}

func writeStyle(dir string, full bool) (int, error) {
	v, err := loadVocab(full)
	if err != nil {
		return 0, err
	}
	rs := []rule{
		{name: "Treatment", message: "treatment '%s'", extends: "existence", tokens: tokens(v.treatments)},
		{name: "BodyPart", message: "body part '%s'", extends: "existence", tokens: tokens(v.regions)},
		{name: "Drug", message: "drug '%s'", extends: "existence", tokens: tokens(v.drugs)},
		{name: "Side", message: "side '%s'", extends: "existence", tokens: tokens(v.sides)},
		{name: "Conclusion", message: "conclusion '%s'", extends: "existence", tokens: tokens(append(append([]string{}, v.notNecessary...), v.necessary...))},
		{name: "Negation", message: "negation '%s'", extends: "existence", tokens: tokens(v.negation)},
		{name: "Pronoun", message: "pronoun '%s'", extends: "existence", tokens: tokens(v.pronoun)},
		{name: "Decision", message: "decision '%s'", extends: "existence", tokens: []string{`partially overturned`, `overturned`, `upheld`, `modified`}},
		{name: "Quantity", message: "quantity '%s'", extends: "existence", tokens: []string{`\d+ (?:additional )?(?:sessions?|visits?|treatments?|units?|days?|weeks?|months?)`, `#\d+`, `QTY:? ?\d+`, `\d+ ?x ?\d+`}},
		{name: "Age", message: "age '%s'", extends: "existence", tokens: []string{`\d{1,3}[- ](?:year|yr)s?[- ]old`}},
		{name: "Date", message: "date '%s'", extends: "existence", tokens: []string{`(?:date of (?:industrial )?injury|DOI|injury date)[: ]+\d{1,2}/\d{1,2}/\d{2,4}`, `\d{1,2}/\d{1,2}/\d{4}`}},
		{name: "Citation", message: "citation '%s'", extends: "existence", tokens: []string{`MTUS`, `ACOEM`, `ODG`, `Official Disability Guidelines`, `Chronic Pain Medical Treatment Guidelines`, `Medical Treatment Utilization Schedule`, `Chapter \d+`, `pages? \d+(?:-\d+)?`}},
		{name: "Placeholder", message: "placeholder '%s'", extends: "existence", raw: true, tokens: []string{`\{\{[^}]*\}\}`, `«[^»]*»`, `\[[A-Z][A-Z_ ]+\]`, `\bXX+\b`, `<<[^>]*>>`}},
		{name: "Spelling", message: "use '%s' instead of '%s'", extends: "substitution", swap: [][2]string{
			{"medicaly", "medically"}, {"neccessary", "necessary"}, {"necesary", "necessary"}, {"guidlines", "guidelines"},
			{"accupuncture", "acupuncture"}, {"chiropractice", "chiropractic"}, {"theraphy", "therapy"}, {"lumber spine", "lumbar spine"},
			{"cervial", "cervical"}, {"overturn", "overturned"}, {"uphold", "upheld"}, {"recomended", "recommended"},
		}},
	}
	style := filepath.Join(dir, "styles", "IMR")
	if err := os.MkdirAll(style, 0o755); err != nil {
		return 0, err
	}
	ini := "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.txt]\nBasedOnStyles = IMR\n"
	if err := os.WriteFile(filepath.Join(dir, ".vale.ini"), []byte(ini), 0o644); err != nil {
		return 0, err
	}
	for _, r := range rs {
		var b strings.Builder
		fmt.Fprintf(&b, "extends: %s\nmessage: %q\nlevel: warning\nignorecase: true\n", r.extends, r.message)
		if r.raw {
			b.WriteString("nonword: true\n")
		}
		switch r.extends {
		case "existence":
			b.WriteString("tokens:\n")
			for _, t := range r.tokens {
				fmt.Fprintf(&b, "  - '%s'\n", strings.ReplaceAll(t, "'", "''"))
			}
		case "substitution":
			b.WriteString("swap:\n")
			for _, s := range r.swap {
				fmt.Fprintf(&b, "  %s: %s\n", s[0], s[1])
			}
		default:
			return 0, errors.New("unknown rule kind " + r.extends)
		}
		if err := os.WriteFile(filepath.Join(style, r.name+".yml"), []byte(b.String()), 0o644); err != nil {
			return 0, err
		}
	}
	return len(rs), nil
}
