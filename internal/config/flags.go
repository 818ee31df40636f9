package config

import (
	"fmt"

	"github.com/imrlint/imrlint/internal/finding"
)

// Open reads the configuration a run uses: the file at path when one is
// named, else the one Search finds from the working directory; none reads
// no file (built-in defaults). note, when not "", says why discovery
// passed over a file (Found.Ignored), for standard error.
func Open(path string, none bool) (cfg *Config, note string, err error) {
	cfg = &Config{}
	if none {
		return cfg, "", nil
	}
	if path == "" {
		r := Search(".")
		path = r.Path
		if r.Ignored != "" {
			note = fmt.Sprintf("not reading %s: %s (name it with --config to read it)", r.Ignored, r.Why)
		}
	}
	if path == "" {
		return cfg, note, nil
	}
	c, err := Load(path)
	if err != nil {
		return nil, note, err
	}
	return c, note, nil
}

// Flags are settings given on the command line. Each applies over the
// file's only when its flag's name ("include", "exclude", "template",
// "enable", "disable", "fail-level", "rules", "guidelines") is in Given.
type Flags struct {
	Include, Exclude, Templates []string
	Enable, Disable             []string
	FailLevel                   string
	Rules, Guidelines           []string
	Given                       map[string]bool
}

// Apply lays the flags over the configuration: the effective settings of
// a run. Checks named by --enable run whatever the file disables; the
// fail level is checked and stored by name (FailLevel, Fail).
func (c *Config) Apply(f Flags) error {
	if f.Given["include"] {
		c.Files.Include = f.Include
	}
	if f.Given["exclude"] {
		c.Files.Exclude = f.Exclude
	}
	if f.Given["template"] {
		c.Files.Templates = f.Templates
	}
	if f.Given["enable"] {
		c.Checks.Enable = f.Enable
		var keep []string
		for _, d := range c.Checks.Disable {
			if !contains(f.Enable, d) {
				keep = append(keep, d)
			}
		}
		c.Checks.Disable = keep
	}
	if f.Given["disable"] {
		c.Checks.Disable = f.Disable
	}
	level := "error"
	if c.FailLevel != "" {
		level = c.FailLevel
	}
	if f.Given["fail-level"] {
		level = f.FailLevel
	}
	fail, err := finding.ParseSeverity(level)
	if err != nil {
		return fmt.Errorf("--fail-level: %v", err)
	}
	c.FailLevel = fail.String()
	if f.Given["rules"] {
		c.flagRules = &f.Rules
	}
	if f.Given["guidelines"] {
		c.flagGuidelines = &f.Guidelines
	}
	return nil
}

// Fail is the lowest severity that fails a run (FailLevel; error when it
// is unset or not a severity).
func (c *Config) Fail() finding.Severity {
	if s, err := finding.ParseSeverity(c.FailLevel); err == nil && c.FailLevel != "" {
		return s
	}
	return finding.Error
}

// RulesDirs are the rules directories in effect: the file's (resolved
// against its directory), or those of --rules, which replace the built-in
// rules; replace says whether they replace them or are laid over them.
func (c *Config) RulesDirs() (dirs []string, replace bool) {
	return c.dirs(c.Rules, c.flagRules)
}

// GuidelineDirs are the catalog directories in effect, as RulesDirs.
func (c *Config) GuidelineDirs() (dirs []string, replace bool) {
	return c.dirs(c.Guidelines, c.flagGuidelines)
}

func (c *Config) dirs(file Dirs, flag *[]string) ([]string, bool) {
	if flag != nil {
		return *flag, true
	}
	var dirs []string
	for _, d := range file.Dirs {
		dirs = append(dirs, c.Resolve(d))
	}
	return dirs, file.Replace
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
