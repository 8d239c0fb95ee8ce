package analyzer

import (
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

// Pass is what a [Rule] sees of one hook, and where it reports.
type Pass struct {
	Rule    *Rule
	Hook    *Hook
	Flow    *Flow // nil for a hook that is not a shell script
	Project *project.Project
	Kamal   Model

	report func(Diagnostic)
}

// Report records a finding. Fields the rule leaves empty (File, Hook, Rule, Name,
// Severity, URL) are filled in from the pass.
func (p *Pass) Report(d Diagnostic) {
	if d.File == "" {
		d.File = p.Hook.File
	}
	if d.Hook == "" {
		d.Hook = p.Hook.Name
	}
	if d.Rule == "" {
		d.Rule = p.Rule.ID
	}
	if d.Name == "" {
		d.Name = p.Rule.Name
	}
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	if d.URL == "" {
		d.URL = p.Rule.URL()
	}
	if d.Suggestions == nil {
		d.Suggestions = []Suggestion{}
	}
	p.report(d)
}

// Model is the Kamal version the analysis reasons with, derived from what the project
// says (lock-model.md §1.3).
type Model struct {
	// Version is the release whose tables are used: the detected version, the minimum_version
	// floor when it is at least 2.6.0, or else the last release before lock inheritance.
	Version kamal.Version
	// Info is what detection found.
	Info project.VersionInfo
	// Exact is set when the version is known (flag or Gemfile.lock).
	Exact bool
	// Inherits is set when every possible version passes KAMAL_LOCK to hooks and honours it
	// in a nested process (>= 2.6.0).
	Inherits bool
}

// NewModel derives the Model from detected version information.
func NewModel(info project.VersionInfo) Model {
	m := Model{Info: info, Version: kamal.LastBeforeInheritance}
	switch {
	case info.Known():
		m.Version, m.Exact = info.Version, true
	case info.Floor && info.Version.AtLeast(kamal.InheritsLock):
		m.Version = info.Version
	}
	m.Inherits = m.Version.AtLeast(kamal.InheritsLock)
	return m
}

// Worlds returns the ways Kamal runs a hook at this version: one world per outer command
// (lock-model.md §4.3), with the KAMAL_COMMAND and KAMAL_LOCK values the hook sees (§5).
func (m Model) Worlds(hook string) []World {
	h := kamal.FindHook(hook)
	if h == nil || !h.ExistsAt(m.Version) {
		return nil
	}
	var ws []World
	for _, r := range h.RunsAt(m.Version) {
		w := World{Outer: r.Outer, KamalCommand: r.KamalCommand, Held: r.Held}
		if m.Version.AtLeast(kamal.InheritsLock) {
			w.Lock = "false"
			if r.Held {
				w.Lock = "true"
			}
		}
		ws = append(ws, w)
	}
	return ws
}
