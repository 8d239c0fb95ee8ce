package analyzer

import (
	"github.com/hooklint/hooklint/analyzer/project"
)

// Pass is what a [Rule] sees of one hook, and where it reports.
type Pass struct {
	Rule    *Rule
	Hook    *Hook
	Facts   *Facts // nil for a hook that is not a shell script
	Project *project.Project
	Kamal   Model
	// Directives are the hook's suppression directives, for rules marked
	// [Rule.AfterSuppression], with what each silenced; nil for the other rules.
	Directives []*Directive
	// HookFiles are the names of the files in the project's hooks folder (all of them:
	// samples, helpers, directories), sorted; nil when it cannot be read.
	HookFiles []string

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
	if d.Related == nil {
		d.Related = []Related{}
	}
	p.report(d)
}
