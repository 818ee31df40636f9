package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/engine"
)

// writeEffective writes the configuration an engine was built from as a
// .imrlint.toml that builds the same engine: every key the file format
// has, with the flags already applied, relative paths made absolute and
// base_dir set, so that the output works wherever it is saved. A list
// whose absence means something other than an empty list (placeholder
// syntaxes and fields, check enable) is left out when it was not set,
// with a comment; what the run derives (each check's severity) is said
// in comments, since writing it as keys would not be the same settings.
func writeEffective(w io.Writer, eng *engine.Engine) error {
	cfg := eng.Config
	var b strings.Builder
	if cfg.Path != "" {
		fmt.Fprintf(&b, "# configuration file: %s, with the flags given applied\n", cfg.Path)
	} else {
		b.WriteString("# no configuration file; built-in defaults, with the flags given applied\n")
	}
	b.WriteString("# Saved as .imrlint.toml, or named with --config, this runs imrlint as the run printing it.\n\n")
	base := cfg.Dir
	if base == "" {
		base, _ = filepath.Abs(".")
	}
	fmt.Fprintf(&b, "base_dir = %s   # globs and relative paths below are read against it\n", tomlString(base))
	fmt.Fprintf(&b, "fail_level = %s\n", tomlString(cfg.Fail().String()))

	for _, d := range []struct {
		table string
		get   func() ([]string, bool)
	}{{"rules", cfg.RulesDirs}, {"guidelines", cfg.GuidelineDirs}} {
		dirs, replace := d.get()
		fmt.Fprintf(&b, "\n[%s]\ndirs = %s\nreplace = %t\n", d.table, tomlList(absAll(dirs)), replace)
	}

	b.WriteString("\n[checks]\n")
	optionalList(&b, "enable", cfg.Checks.Enable, "every check runs unless disabled")
	fmt.Fprintf(&b, "disable = %s\n", tomlList(cfg.Checks.Disable))
	checkTable(&b, eng)
	b.WriteString("[checks.severity]\n")
	var names []string
	for n := range cfg.Checks.Severity {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%s = %s\n", n, tomlString(cfg.Checks.Severity[n]))
	}

	fmt.Fprintf(&b, "\n[files]\ninclude = %s\nexclude = %s\ntemplates = %s\n",
		tomlList(cfg.Files.Include), tomlList(cfg.Files.Exclude), tomlList(cfg.Files.Templates))

	b.WriteString("\n[placeholders]\n")
	optionalList(&b, "syntaxes", cfg.Placeholders.Syntaxes, "every built-in syntax")
	fmt.Fprintf(&b, "custom = %s\n", tomlList(cfg.Placeholders.Custom))
	optionalList(&b, "fields", cfg.Placeholders.Fields, "the template fields are not known: no field is reported as unknown")

	for _, p := range cfg.Boilerplate.Paragraph {
		src := p.Source
		if src == "" {
			src = cfg.Path // what the engine names as its source
		}
		fmt.Fprintf(&b, "\n[[boilerplate.paragraph]]\nid = %s\nsection = %s\ntext = %s\n", tomlString(p.ID), tomlString(p.Section), tomlString(p.Text))
		if p.Match != "" {
			fmt.Fprintf(&b, "match = %s\n", tomlString(p.Match))
		}
		fmt.Fprintf(&b, "source = %s\n", tomlString(src))
	}
	for _, x := range cfg.Exclude {
		fmt.Fprintf(&b, "\n[[exclude]]\npath = %s\ncheck = %s\nreason = %s\n", tomlString(x.Path), tomlString(x.Check), tomlString(x.Reason))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// checkTable says, in comments, how each check runs.
func checkTable(b *strings.Builder, eng *engine.Engine) {
	on := map[string]bool{}
	for _, c := range eng.Checks {
		on[c.Name] = true
	}
	b.WriteString("# The checks as they run (their severity, or off); enable, disable and\n# checks.severity are what set them:\n")
	for _, c := range check.All {
		sev := "off"
		if on[c.Name] {
			sev = eng.SeverityOf(c).String()
		}
		fmt.Fprintf(b, "#   %s = %q\n", c.Name, sev)
	}
}

// optionalList writes key = list, or, when the list was never set, the
// key commented out with what its absence means.
func optionalList(b *strings.Builder, key string, l []string, unset string) {
	if l == nil {
		fmt.Fprintf(b, "# %s: not set (%s)\n", key, unset)
		return
	}
	fmt.Fprintf(b, "%s = %s\n", key, tomlList(l))
}

func absAll(dirs []string) []string {
	out := []string{}
	for _, d := range dirs {
		if a, err := filepath.Abs(d); err == nil {
			d = a
		}
		out = append(out, d)
	}
	return out
}

func tomlList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// tomlString is s as a TOML basic string. strconv.Quote is not one: TOML
// has no \x escape.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
