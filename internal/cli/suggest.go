package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/imrlint/imrlint/internal/editdist"
)

// A mistyped command or flag gets one line naming it and, when one is
// close, the command or flag meant ("chekc" -> check), instead of a page
// of help that buries the mistake; run then adds where the help is.

// noSubcommand is the Args of a command whose words are subcommands
// (the root, rules): a word that is none of them is refused.
func noSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if cmd.HasParent() {
		msg = fmt.Sprintf("unknown %s command %q", cmd.Name(), args[0])
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
	}
	return fmt.Errorf("%s", msg)
}

// flagError is every command's FlagErrorFunc: an unknown flag is named
// with the closest flag of the command.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return err
	}
	if s := closestFlag(cmd, name); s != "" {
		return fmt.Errorf("%s (did you mean --%s?)", msg, s)
	}
	return err
}

// closestFlag is the flag of cmd nearest to name: one it begins, or the
// nearest within two edits; "" when none is.
func closestFlag(cmd *cobra.Command, name string) string {
	best, bestD := "", 3
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := editdist.Distance(name, f.Name)
		if strings.HasPrefix(f.Name, name) && len(name) >= 3 {
			d = 1
		}
		if d < bestD || (d == bestD && f.Name < best) {
			best, bestD = f.Name, d
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	return best
}
