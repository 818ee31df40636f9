// Package config reads .imrlint.toml, the configuration a team keeps with
// its letter templates: which rule and catalog directories to use, which
// checks run at which severity, which files are letters and which are
// templates, the placeholder syntaxes and template fields, and the fail
// level. Command-line flags override it.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/rules"
	"github.com/imrlint/imrlint/internal/source"
)

// FileName is the configuration file looked for.
const FileName = ".imrlint.toml"

// Dirs adds directories to the built-in data, or replaces it.
type Dirs struct {
	Dirs    []string `toml:"dirs"`
	Replace bool     `toml:"replace"`
}

// Checks selects checks and their severities.
type Checks struct {
	Enable   []string          `toml:"enable"`
	Disable  []string          `toml:"disable"`
	Severity map[string]string `toml:"severity"`
}

// Files selects inputs.
type Files struct {
	Include   []string `toml:"include"`
	Exclude   []string `toml:"exclude"`
	Templates []string `toml:"templates"`
}

// Placeholders configures template fields.
type Placeholders struct {
	Syntaxes []string `toml:"syntaxes"`
	Custom   []string `toml:"custom"`
	Fields   []string `toml:"fields"`
}

// Paragraph is approved boilerplate given in the configuration.
type Paragraph struct {
	ID      string `toml:"id"`
	Section string `toml:"section"`
	Text    string `toml:"text"`
	Match   string `toml:"match"`
	Source  string `toml:"source"`
}

// MaxSize bounds a configuration file: one is a few KB, and --config
// /dev/zero must not be read until memory runs out.
const MaxSize = 1 << 20

// Line is the line of the configuration file a paragraph's id is on.
func (c *Config) Line(value string) int {
	data, err := source.ReadFile(c.Path, MaxSize)
	if err != nil {
		return 0
	}
	return lineOf(data, "", value)
}

// Boilerplate holds approved paragraphs.
type Boilerplate struct {
	Paragraph []Paragraph `toml:"paragraph"`
}

// Exclude suppresses findings a team has accepted, without a baseline:
// those of Check (every check when "") in files matching Path (a glob
// relative to the configuration's directory; every file when ""). Reason
// says why, for the next reader of the file; it is required.
type Exclude struct {
	Path   string `toml:"path"`
	Check  string `toml:"check"`
	Reason string `toml:"reason"`
}

// Config is the whole file.
type Config struct {
	// BaseDir, when set, is the directory relative paths and globs of the
	// file are read against, instead of the file's own: imrlint config
	// writes it, so that its output means the same wherever it is saved.
	BaseDir      string       `toml:"base_dir"`
	FailLevel    string       `toml:"fail_level"`
	Rules        Dirs         `toml:"rules"`
	Guidelines   Dirs         `toml:"guidelines"`
	Checks       Checks       `toml:"checks"`
	Files        Files        `toml:"files"`
	Placeholders Placeholders `toml:"placeholders"`
	Boilerplate  Boilerplate  `toml:"boilerplate"`
	Exclude      []Exclude    `toml:"exclude"`

	// Path is the file read, "" when there is none; Dir its directory,
	// against which relative paths and globs in it are resolved.
	Path string `toml:"-"`
	Dir  string `toml:"-"`

	// flagRules and flagGuidelines are the directories of --rules and
	// --guidelines, when given (Apply).
	flagRules, flagGuidelines *[]string
}

// Find looks for .imrlint.toml in dir and its parents. It stops at a
// directory another user could have planted the file in (see Search).
func Find(dir string) (string, bool) {
	r := Search(dir)
	return r.Path, r.Path != ""
}

// Found is what Search found: the file, or the one it would not read.
type Found struct {
	Path string
	// Ignored is a configuration file found at or above a directory the
	// search stopped at, "" when there is none; Why says why it was not
	// read ("/tmp is writable by others").
	Ignored, Why string
}

// Search looks for .imrlint.toml in dir and its parents, as git looks for
// its repository, but stops, like git's safe.directory, at a directory
// (or a file) that is not the user's own or that others may write to: a
// .imrlint.toml planted in /tmp could otherwise turn off every check of
// another user's run below it. A file it finds beyond that point is
// reported, not read; --config still reads any file named.
func Search(dir string) Found {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Found{}
	}
	why := ""
	for {
		if why == "" {
			if w := untrusted(abs); w != "" {
				why = abs + " " + w
			}
		}
		p := filepath.Join(abs, FileName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			if why == "" {
				if w := untrustedInfo(fi); w != "" {
					why = p + " " + w
				}
			}
			if why != "" {
				return Found{Ignored: p, Why: why}
			}
			return Found{Path: p}
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return Found{}
		}
		abs = parent
	}
}

// untrusted says why a directory may hold a file another user wrote, ""
// when it may not.
func untrusted(dir string) string {
	fi, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	return untrustedInfo(fi)
}

func untrustedInfo(fi os.FileInfo) string {
	if fi.Mode().Perm()&0o002 != 0 {
		return "is writable by others"
	}
	if uid, ok := ownerOf(fi); ok && uid != os.Getuid() && uid != 0 {
		return fmt.Sprintf("is owned by another user (uid %d)", uid)
	}
	return ""
}

// Load reads and validates a configuration file. Problems are *rules.Error
// values naming the file and line, joined.
func Load(path string) (*Config, error) {
	c := &Config{Path: path, Dir: filepath.Dir(path)}
	abs, err := filepath.Abs(path)
	if err == nil {
		c.Dir = filepath.Dir(abs)
	}
	data, err := source.ReadFile(path, MaxSize)
	if err != nil {
		msg := err.Error()
		if e, ok := err.(*source.Error); ok {
			msg = e.Msg
		}
		return nil, &rules.Error{File: path, Msg: "cannot read: " + msg}
	}
	fsys := singleFile{name: filepath.Base(path), data: data}
	if err := rules.DecodeStrict(fsys, fsys.name, c); err != nil {
		return nil, rename(err, path)
	}
	var errs []error
	bad := func(key, value, format string, args ...any) {
		errs = append(errs, &rules.Error{File: path, Line: lineOf(data, key, value), Msg: fmt.Sprintf(format, args...)})
	}
	if c.BaseDir != "" {
		dir := c.Resolve(c.BaseDir)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			bad("base_dir", c.BaseDir, "base_dir: %q is not a directory", c.BaseDir)
		} else {
			c.Dir = dir
		}
	}
	if c.FailLevel != "" {
		if _, err := finding.ParseSeverity(c.FailLevel); err != nil {
			bad("fail_level", c.FailLevel, "fail_level: %v", err)
		}
	}
	for name, sev := range c.Checks.Severity {
		if _, err := finding.ParseSeverity(sev); err != nil {
			bad(name, sev, "checks.severity.%s: %v", name, err)
		}
	}
	for _, g := range append(append(append([]string{}, c.Files.Include...), c.Files.Exclude...), c.Files.Templates...) {
		if !doublestar.ValidatePattern(g) {
			bad("", g, "bad glob pattern %q", g)
		}
	}
	for _, re := range c.Placeholders.Custom {
		if _, err := regexp.Compile(re); err != nil {
			bad("", re, "placeholders.custom: %v", err)
		}
	}
	for _, d := range append(append([]string{}, c.Rules.Dirs...), c.Guidelines.Dirs...) {
		if fi, err := os.Stat(c.Resolve(d)); err != nil || !fi.IsDir() {
			bad("", d, "%q is not a directory (relative paths are read from %s)", d, c.Dir)
		}
	}
	for i, p := range c.Boilerplate.Paragraph {
		if p.ID == "" || strings.TrimSpace(p.Text) == "" {
			bad("", p.ID, "boilerplate.paragraph %d needs an id and a text", i+1)
		}
	}
	for i, e := range c.Exclude {
		at := e.Path
		if at == "" {
			at = e.Check
		}
		switch {
		case strings.TrimSpace(e.Reason) == "":
			bad("", at, "exclude %d: a reason is required (why the team accepts these findings)", i+1)
		case e.Path == "" && e.Check == "":
			bad("", e.Reason, "exclude %d: give a path glob, a check or both (it would suppress every finding)", i+1)
		case e.Path != "" && !doublestar.ValidatePattern(e.Path):
			bad("", e.Path, "exclude %d: bad glob pattern %q", i+1, e.Path)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// Excluded reports whether the configuration's [[exclude]] entries
// suppress the findings of check in the file at path.
func (c *Config) Excluded(path, check string) bool {
	for _, e := range c.Exclude {
		if (e.Check == "" || e.Check == check) && (e.Path == "" || c.Matches([]string{e.Path}, path)) {
			return true
		}
	}
	return false
}

// Resolve makes a path of the configuration absolute.
func (c *Config) Resolve(p string) string {
	if filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// Matches reports whether path matches any of globs, read relative to the
// configuration's directory (or as given when there is no file).
func (c *Config) Matches(globs []string, path string) bool {
	rel := filepath.ToSlash(path)
	if c.Dir != "" {
		if abs, err := filepath.Abs(path); err == nil {
			if r, err := filepath.Rel(c.Dir, abs); err == nil && !strings.HasPrefix(r, "..") {
				rel = filepath.ToSlash(r)
			}
		}
	}
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		// A pattern without a slash matches the base name anywhere, as
		// .gitignore patterns do.
		if !strings.Contains(g, "/") {
			if ok, _ := doublestar.Match(g, filepath.Base(rel)); ok {
				return true
			}
		}
	}
	return false
}

// Selected reports whether an input file found by walking a directory is
// to be checked. Files named on the command line are always checked.
func (c *Config) Selected(path string) bool {
	if len(c.Files.Include) > 0 && !c.Matches(c.Files.Include, path) {
		return false
	}
	return !c.Matches(c.Files.Exclude, path)
}

// IsTemplate reports whether path is a letter template.
func (c *Config) IsTemplate(path string) bool { return c.Matches(c.Files.Templates, path) }

func describe(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// lineOf finds the line of key = value, or of the quoted value, or of key.
func lineOf(data []byte, key, value string) int {
	lines := strings.Split(string(data), "\n")
	for _, needle := range []string{`"` + value + `"`, `'` + value + `'`, key} {
		if needle == `""` || needle == `''` || needle == "" {
			continue
		}
		for i, l := range lines {
			if strings.Contains(l, needle) {
				return i + 1
			}
		}
	}
	return 0
}

// rename makes rule errors name the configuration's path.
func rename(err error, path string) error {
	var out []error
	for _, e := range unjoin(err) {
		var re *rules.Error
		if errors.As(e, &re) {
			c := *re
			c.File = path
			out = append(out, &c)
			continue
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
