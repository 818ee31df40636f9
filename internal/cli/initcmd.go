package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/imrlint/imrlint/internal/config"
)

// starter is the .imrlint.toml imrlint init writes: the defaults, every
// key shown and explained, the ones a team usually changes commented out.
const starter = `# imrlint configuration (see "Configuration: .imrlint.toml" in imrlint's README).
# Relative paths and globs are read against this file's directory; ** is any depth.
# imrlint config prints the settings in effect, flags included.

# The run fails (exit 1) on a finding at or above this severity: error, warning or info.
fail_level = "error"

[checks]
# disable = ["copied-rationale"]      # or enable = [...]: only these run (imrlint checks lists them)

[checks.severity]                     # a check's findings at another severity
# date-mismatch = "warning"

[files]
# include = ["letters/**/*.txt"]      # when walking directories, only these
# exclude = ["**/drafts/**"]          # when walking directories, never these
# templates = ["templates/**"]        # letter templates: placeholders expected

[placeholders]
# syntaxes = ["mustache", "double-bracket", "angle", "guillemet", "insert", "bracket", "xx", "blank", "mergefield"]
# custom = ['\$\{(\w+)\}']            # regular expressions; the first group is the field name
# fields = ["treatment", "quantity", "body_part", "decision"]   # the template fields that exist

[rules]                               # directories shaped like imrlint's rules/ (vocab/, limits/, boilerplate/)
dirs = []
replace = false                       # true: only these, not the built-in rules

[guidelines]                          # directories shaped like imrlint's guidelines/
dirs = []
replace = false

# Approved wording, besides the built-in boilerplate:
# [[boilerplate.paragraph]]
# id = "how-made"
# section = "HOW THE IMR FINAL DETERMINATION WAS MADE"
# text = "..."

# Findings the team accepts, without a baseline; the reason is required:
# [[exclude]]
# path = "letters/2013/**"            # a glob; leave out for every file
# check = "copied-rationale"          # leave out for every check
# reason = "the 2013 letters are settled and not reissued"
`

func (a *app) initCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "write a commented starter .imrlint.toml",
		Long: `Write a commented starter .imrlint.toml in DIR (default: the working directory):
the defaults, with every key explained. An existing file is never replaced.
The file is readable by its owner only (0600), as every file imrlint creates.`,
		Example: "  imrlint init\n  imrlint init templates/",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			a.code = a.writeStarter(filepath.Join(dir, config.FileName))
			return nil
		},
	}
}

// writeStarter creates path with the starter configuration. O_EXCL makes
// "never replace" hold even against a file (or a symbolic link) that
// appears between a check and the write.
func (a *app) writeStarter(path string) int {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(a.stderr, "imrlint: %s exists; not replacing it (imrlint config prints the settings in effect)\n", path)
		return ExitTrouble
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "imrlint: init: %v\n", err)
		return ExitTrouble
	}
	_, werr := f.WriteString(starter)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		fmt.Fprintf(a.stderr, "imrlint: init: %s: %v\n", path, werr)
		return ExitTrouble
	}
	fmt.Fprintf(a.stderr, "imrlint: wrote %s\n", path)
	return ExitOK
}
