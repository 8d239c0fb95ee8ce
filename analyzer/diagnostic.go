package analyzer

import (
	"fmt"
	"strings"
)

// Severity ranks a [Diagnostic]. The zero value means "the rule's default".
type Severity int

// The severities, from least to most severe.
const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
)

// String returns the lower-case name used in every output format: "info", "warning", "error".
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity reads a severity name as written by [Severity.String].
func ParseSeverity(name string) (Severity, error) {
	switch strings.ToLower(name) {
	case "info":
		return SeverityInfo, nil
	case "warning":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", name)
}

// Position is a place in a file. Line and Column are 1-based; Column counts bytes, not
// characters, so a tab or a multi-byte character is one column per byte. Offset is the
// 0-based byte offset.
type Position struct {
	Offset int
	Line   int
	Column int
}

// Span is the half-open range [Start, End) of a finding or an edit.
type Span struct {
	Start Position
	End   Position
}

// Diagnostic is a finding: one rule's report about one place in one hook.
// It is modelled on go/analysis's Diagnostic: a span, a category (the rule), a message,
// a URL and alternative suggested fixes made of text edits.
type Diagnostic struct {
	File        string // slash-separated path, relative to the project root
	Hook        string // the hook the file is run as ("post-deploy"), or "" when none
	Span        Span
	Rule        string // stable ID, "HL101"
	Name        string // kebab-case rule name, "lock-conflict"
	Severity    Severity
	Message     string
	URL         string
	Suggestions []Suggestion
	// Related are other places that explain the finding: the command in a script file
	// that the hook runs, for a finding reported where the hook runs it.
	Related []Related
}

// Related is a place in another file (or the same) that a [Diagnostic] refers to.
type Related struct {
	File    string // slash path relative to the project root
	Span    Span
	Message string
}

// Suggestion is one way to resolve a [Diagnostic]. Kind says which ("split", "guard",
// "docker", "upgrade", "chmod", "rename", "shebang", "line-endings", "bom"); Edits, when
// present, are non-overlapping text edits of the diagnostic's file that carry the
// suggestion out.
type Suggestion struct {
	Kind    string
	Message string
	Edits   []TextEdit
}

// TextEdit replaces the bytes of Span with NewText. An empty span inserts.
type TextEdit struct {
	Span    Span
	NewText string
}
