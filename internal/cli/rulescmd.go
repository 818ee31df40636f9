package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/rules"
)

const rulesLong = `List or validate the guideline rules and the catalog: the limits, vocabularies
and guideline sections the checks compare letters with. Run 'imrlint rules
validate' in the CI of a rules repository.`

func (a *app) rulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules list|validate",
		Short: "list or validate the guideline rules and catalog",
		Long:  rulesLong,
		Example: `  imrlint rules list
  imrlint rules validate ci/imrlint-rules ci/guidelines`,
		Args:                       noSubcommand,
		SuggestionsMinimumDistance: 2,
		RunE:                       a.helpAndFail,
	}
	var rd, gd string
	list := &cobra.Command{
		Use:   "list [--rules DIR] [--guidelines DIR]",
		Short: "every check and guideline rule, with severity or confidence and source",
		Long: `List every check with its severity, then every guideline rule with its
confidence, source and the file it is defined in. --rules and --guidelines
read the rules and catalog from directories instead of the built-in data.`,
		RunE: func(*cobra.Command, []string) error {
			a.code = rulesList(rd, gd, a.stdout, a.stderr)
			return nil
		},
	}
	list.Flags().StringVar(&rd, "rules", "", "rules `DIR`")
	list.Flags().StringVar(&gd, "guidelines", "", "catalog `DIR`")
	validate := &cobra.Command{
		Use:   "validate [DIR...]",
		Short: "check rule and catalog data; exit 1 with file:line for every problem",
		Long: `validate takes directories shaped like the repository's rules/ (vocab/, limits/) and
guidelines/ (*.toml with [[guideline]] tables); what is not given comes from the built-in data.
With no DIR it validates the built-in data. Exit status: 0 the data is valid, 1 a problem
(listed with file:line), 2 a directory could not be read.`,
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(_ *cobra.Command, args []string) error {
			a.code = rulesValidate(args, a.stdout, a.stderr)
			return nil
		},
	}
	cmd.AddCommand(list, validate)
	return cmd
}

func rulesList(rd, gd string, stdout, stderr io.Writer) int {
	set, err := loadSet(rd, gd)
	if err != nil {
		printRuleErrors(stderr, err)
		return ExitTrouble
	}
	fmt.Fprintln(stdout, "Checks:")
	for _, c := range check.All {
		fmt.Fprintf(stdout, "  %-26s %-8s %s\n", c.Name, c.Severity, c.Summary)
	}
	fmt.Fprintln(stdout, "\nGuideline rules:")
	for _, r := range set.Rules {
		fmt.Fprintf(stdout, "  %-36s %-11s %s\n  %-36s %-11s source: %s; %s\n", r.ID, r.Confidence, r.Summary, "", "", r.Source, r.File)
	}
	return ExitOK
}

func rulesValidate(dirs []string, stdout, stderr io.Writer) int {
	rulesDir, guideDir := "", ""
	for _, d := range dirs {
		fi, err := os.Stat(d)
		if err != nil || !fi.IsDir() {
			fmt.Fprintf(stderr, "imrlint: %s: not a directory\n", d)
			return ExitTrouble
		}
		if isRulesDir(d) {
			rulesDir = d
		} else {
			guideDir = d
		}
	}
	set, err := loadSet(rulesDir, guideDir)
	if err != nil {
		printRuleErrors(stderr, err)
		return ExitFindings
	}
	fmt.Fprintf(stdout, "ok: %d guidelines, %d sections, %d rules, %d treatments, %d regions\n",
		len(set.Catalog.Guidelines), countSections(set), len(set.Rules), len(set.Treatments), len(set.Regions))
	return ExitOK
}

func isRulesDir(d string) bool {
	for _, sub := range []string{"vocab", "limits", "boilerplate"} {
		if fi, err := os.Stat(filepath.Join(d, sub)); err == nil && fi.IsDir() {
			return true
		}
	}
	return false
}

func countSections(s *rules.Set) int {
	n := 0
	for _, g := range s.Catalog.Guidelines {
		n += len(g.Sections)
	}
	return n
}

// explainRule prints a guideline rule for `imrlint explain ID`.
func explainRule(w io.Writer, set *rules.Set, id string) bool {
	r, ok := set.RuleByID(id)
	if !ok {
		return false
	}
	g, _ := set.Catalog.Guideline(r.Guideline)
	var b strings.Builder
	fmt.Fprintf(&b, "%s (guideline rule, %s)\n\n%s\n\n", r.ID, r.Confidence, r.Summary)
	fmt.Fprintf(&b, "  treatment:  %s\n", r.Treatment)
	if len(r.Regions) > 0 {
		fmt.Fprintf(&b, "  regions:    %s\n", strings.Join(r.Regions, ", "))
	}
	if g != nil {
		sec := r.Section
		if s, ok := g.Section(r.Section); ok {
			sec = s.Title
		}
		fmt.Fprintf(&b, "  guideline:  %s, section %s\n", g.Title, sec)
	}
	fmt.Fprintf(&b, "  kind:       %s\n", r.Kind)
	if len(r.Editions) > 0 {
		fmt.Fprintf(&b, "  editions:   %s\n", strings.Trim(fmt.Sprint(r.Editions), "[]"))
	}
	if r.CountsVisits() || r.Kind == rules.KindCap {
		fmt.Fprintf(&b, "  visits:     %g-%g", r.Min, r.Max)
		if r.Trial > 0 {
			fmt.Fprintf(&b, " (trial %g)", r.Trial)
		}
		if len(r.Also) > 0 {
			fmt.Fprintf(&b, " (also %v)", r.Also)
		}
		b.WriteString("\n")
	}
	if r.Kind == rules.KindPostsurgical {
		fmt.Fprintf(&b, "  initial:    %g visits (one half of the general course), period %g months\n", r.InitialCourse(), r.PeriodMonths)
	}
	if r.Kind == rules.KindThreshold {
		fmt.Fprintf(&b, "  threshold:  %g %s: above it, %s (not a ceiling)\n", r.Threshold, r.DoseUnit, r.Step)
	}
	if len(r.Conditions) > 0 {
		fmt.Fprintf(&b, "  for:        %s\n", strings.Join(r.Conditions, ", "))
	}
	if len(r.Beyond) > 0 {
		fmt.Fprintf(&b, "  beyond it:  with %s\n", strings.ReplaceAll(strings.Join(r.Beyond, " or "), "-", " "))
	}
	for _, f := range []struct{ k, v string }{{"regulation", r.Regulation}, {"document", r.Document}, {"heading", r.Heading}} {
		if f.v != "" {
			fmt.Fprintf(&b, "  %-11s %s\n", f.k+":", f.v)
		}
	}
	if r.HeadingConfidence != "" {
		fmt.Fprintf(&b, "              (heading %s)\n", r.HeadingConfidence)
	}
	if r.Quote != "" {
		fmt.Fprintf(&b, "  quote:      \u201c%s\u201d\n              read in %s\n", r.Quote, r.QuoteFrom)
	}
	fmt.Fprintf(&b, "  source:     %s\n  defined in: %s:%d\n", r.Source, r.File, r.Line)
	if r.Confidence != rules.Confirmed {
		b.WriteString("\nThis fact is unconfirmed: findings resting on it are at most warnings.\n")
	}
	fmt.Fprint(w, b.String())
	return true
}
