package cli

import (
	"fmt"

	"github.com/imrlint/imrlint/internal/check"
	"github.com/imrlint/imrlint/internal/config"
	"github.com/imrlint/imrlint/internal/placeholder"
)

// placeholderOptions builds the checks' template options from the
// configuration: the placeholder syntaxes (all built-in ones by default)
// and the known fields.
func placeholderOptions(cfg *config.Config) (check.Options, error) {
	ss, err := placeholder.Compile(cfg.Placeholders.Syntaxes, cfg.Placeholders.Custom)
	if err != nil {
		where := "placeholders"
		if cfg.Path != "" {
			where = cfg.Path + ": placeholders"
		}
		return check.Options{}, fmt.Errorf("%s: %v", where, err)
	}
	opts := check.Options{Fields: cfg.Placeholders.Fields}
	for i := range ss {
		opts.Placeholders = append(opts.Placeholders, &ss[i])
	}
	return opts, nil
}
