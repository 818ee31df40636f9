// Package finding defines what a check reports: a named fault at an exact
// place in the original file, with related places and an optional fix.
//
// Positions are byte offsets into the original file's bytes, never into the
// normalised text the parser reads (position.Span); the report package turns
// them into 1-based lines and code-point columns.
//
// A formatter reads a finding's fields, never its message: what a format
// shows besides the message (the word diff of a paragraph against approved
// wording, whether the finding marks a place at all) is data here.
package finding

import (
	"fmt"
	"strings"

	"github.com/imrlint/imrlint/internal/position"
	"github.com/imrlint/imrlint/internal/worddiff"
)

// Severity orders findings for --fail-level and exit codes.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning" or "info" (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText makes severities read as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText is the inverse of MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Span is a half-open byte range [Start, End) of the original file.
type Span = position.Span

// Related is a second place that explains a finding, such as the item
// header a rationale number contradicts.
type Related struct {
	Span
	Message string
}

// Fix replaces the bytes of Span with Replacement. Only edits that are
// certain are carried as fixes.
type Fix struct {
	Span
	Replacement string
}

// Finding is one fault found by one check.
type Finding struct {
	Check    string
	Severity Severity
	Message  string
	Span
	Related []Related
	// Fix is a certain edit: --fix applies it.
	Fix *Fix
	// Suggestion is an edit that is likely but not certain (which of two
	// dates is right needs the case file): shown to the user, never
	// applied by --fix.
	Suggestion *Fix
	// FileLevel: the finding is about the input as a whole (it is not a
	// letter) and its span marks no text, so formats that show the source
	// show none for it.
	FileLevel bool
	// Drift is set on a finding about a paragraph that differs from
	// approved wording (boilerplate-drift).
	Drift *Drift
}

// Drift is a paragraph compared with approved wording: the approved text's
// id and the word diff of the approved words against the words found.
type Drift struct {
	Approved string
	Diff     []worddiff.Op
}
