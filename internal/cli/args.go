package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// normalizeArgs keeps the spellings of Go's flag package, which imrlint
// parsed its flags with before cobra: a long flag with one dash
// (-format json, -fail-level=warning, -version) is rewritten with two,
// which pflag would otherwise read as a run of one-letter flags. Only
// names the command knows are rewritten, never a flag's value (the word
// after a flag that takes one) nor anything after "--".
func normalizeArgs(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		cmd = root
	}
	cmd.InitDefaultHelpFlag()
	lookup := func(name string) *pflag.Flag {
		if f := cmd.Flags().Lookup(name); f != nil {
			return f
		}
		return cmd.InheritedFlags().Lookup(name)
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		out = append(out, a)
		if a == "--" {
			return append(out, args[i+1:]...)
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		var f *pflag.Flag
		switch {
		case strings.HasPrefix(a, "--"):
			f = lookup(name)
		case len(name) > 1:
			if f = lookup(name); f != nil {
				out[len(out)-1] = "-" + a
			} else if !shorthandGroup(cmd, name) {
				// A mistyped one-dash long flag (-formt) is read as the
				// long flag it was meant to be, so the error names it and
				// suggests --format, not "unknown shorthand 'f' in -formt".
				out[len(out)-1] = "-" + a
			}
		default:
			f = cmd.Flags().ShorthandLookup(name)
			if f == nil {
				f = cmd.InheritedFlags().ShorthandLookup(name)
			}
		}
		if f != nil && f.NoOptDefVal == "" && !hasValue && i+1 < len(args) {
			out = append(out, args[i+1])
			i++
		}
	}
	return out
}

// shorthandGroup says whether name is short flags written together as
// pflag reads them: -qv, or -ofile (a shorthand that takes a value takes
// the rest of the word).
func shorthandGroup(cmd *cobra.Command, name string) bool {
	for _, r := range name {
		s := string(r)
		f := cmd.Flags().ShorthandLookup(s)
		if f == nil {
			f = cmd.InheritedFlags().ShorthandLookup(s)
		}
		if f == nil {
			return false
		}
		if f.NoOptDefVal == "" {
			return true // the rest is its value
		}
	}
	return true
}
