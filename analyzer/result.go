package analyzer

import (
	"cmp"
	"slices"
	"strconv"
)

// Result is everything one run of the linter produced.
type Result struct {
	// Root is the absolute path Diagnostic.File is relative to: the project root, or the
	// working directory when a run covers several projects.
	Root string
	// Kamal is the Kamal version the hooks were checked against; with several projects, the
	// first one's (see Projects).
	Kamal KamalVersion
	// Projects lists the projects of a run in the order they were given, each with the
	// Kamal version its hooks were checked against. Formats show it only when there are
	// several; it may be empty for one.
	Projects []ProjectInfo
	// Diagnostics are sorted by file, line, column and rule (see [SortDiagnostics]).
	Diagnostics []Diagnostic
	// Sources holds the content of every analysed file, keyed like Diagnostic.File, so that
	// formatters can show the source line of a finding.
	Sources map[string][]byte
	// Problems are inputs that could not be used: an unreadable hook, a broken deploy.yml.
	// They are not findings; the command reports them on standard error.
	Problems []Problem
}

// KamalVersion says which Kamal version the analysis assumed and where it came from.
type KamalVersion struct {
	Version string // "2.5.3", or "" when unknown
	Source  string // "flag", "Gemfile.lock", "minimum_version", or "" when unknown
	// Floor is true when Version is only a lower bound (from minimum_version).
	Floor bool
}

// ProjectInfo is one project of a run.
type ProjectInfo struct {
	// Root is the project's root as shown: the prefix of its files' paths in Diagnostic.File,
	// relative to the working directory when possible ("." for the working directory
	// itself); "" when the run has a single project.
	Root string
	// Kamal is the Kamal version the project's hooks were checked against.
	Kamal KamalVersion
}

// ProblemKind separates bad input the user must fix in their configuration from files the
// tool could not read at all; they map to different exit codes.
type ProblemKind int

const (
	// ProblemConfig is a project file hooklint reads for facts (deploy.yml, Gemfile.lock)
	// that is broken. Hooks are still analysed, with fewer facts.
	ProblemConfig ProblemKind = iota + 1
	// ProblemInput is a hook that could not be analysed: unreadable, not a regular file,
	// binary or too large.
	ProblemInput
	// ProblemNotice is something the user should know that is not an error: a hook in a
	// language hooklint does not read.
	ProblemNotice
)

// Problem is an input hooklint could not use, with the file (relative to the root when
// inside it) and, where known, the line.
type Problem struct {
	Kind    ProblemKind
	File    string
	Line    int
	Message string
}

// String renders a problem as "file:line: message", "file: message" without a line, or
// the message alone when it is about no file.
func (p Problem) String() string {
	if p.File == "" {
		return p.Message
	}
	if p.Line > 0 {
		return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Message
	}
	return p.File + ": " + p.Message
}

// SortDiagnostics orders diagnostics by file, line, column, rule and message, and drops
// exact duplicates, so that output is the same from run to run.
func SortDiagnostics(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Span.Start.Line, b.Span.Start.Line),
			cmp.Compare(a.Span.Start.Column, b.Span.Start.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool {
		return a.File == b.File && a.Span == b.Span && a.Rule == b.Rule && a.Message == b.Message
	})
}
