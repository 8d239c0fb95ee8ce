package rules

import (
	"fmt"

	"github.com/hooklint/hooklint/analyzer"
)

// UnusedSuppression returns HL005 unused-suppression: a suppression directive that silences
// nothing.
func UnusedSuppression() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL005",
		Name:     "unused-suppression",
		Severity: analyzer.SeverityInfo,
		Summary:  "A suppression directive silences nothing",
		Doc: `A comment "# hooklint disable=HL101[,HL203] [-- reason]" on its own line silences the
rules it names for the next command; a compound command (if, while, until, for, case, a { }
group, a function definition) counts as one, from its first line to its last. A comment
"# hooklint disable-file=HL302" anywhere silences them for the whole file. Rules are named by
ID or by name.

A directive that no longer silences anything hides nothing today, but it will hide the next
real finding on that command: this rule reports it, so that stale directives are removed.
It also reports a directive that names no rule (with the nearest rule's name), one that
cannot be read (an unknown verb such as disable-line, no rule list, text after the list that
is not a reason after "--"), and a disable= directive after code on the same line, which
applies to nothing. A directive about a rule that is set off in .hooklint.yml is not judged.
"# hooklint disable-file=HL005" silences this rule.`,
		Bad: `#!/bin/sh
# hooklint disable=lock-conflict -- app exec never takes the lock
kamal app exec --reuse "bin/rails db:migrate"
`,
		Good: `#!/bin/sh
kamal app exec --reuse "bin/rails db:migrate"
`,
		Run:              runUnusedSuppression,
		AfterSuppression: true,
	}
}

func runUnusedSuppression(pass *analyzer.Pass) {
	for _, d := range pass.Directives {
		if d.Err != analyzer.DirectiveOK {
			pass.Report(analyzer.Diagnostic{Span: d.Span, Message: badDirective(d)})
			continue
		}
		if d.Scope == analyzer.ScopeNext && d.First == 0 {
			pass.Report(analyzer.Diagnostic{Span: d.Span,
				Message: "the directive applies to nothing: no command follows it; remove it, or use `disable-file=` for the whole file"})
			continue
		}
		for _, r := range d.Rules {
			switch {
			case r.Rule == nil && r.Nearest != nil:
				pass.Report(analyzer.Diagnostic{Span: r.Span,
					Message: fmt.Sprintf("no rule is named `%s`: did you mean %s (%s)?", r.Text, r.Nearest.ID, r.Nearest.Name)})
			case r.Rule == nil:
				pass.Report(analyzer.Diagnostic{Span: r.Span,
					Message: fmt.Sprintf("no rule is named `%s`: `hooklint rules` lists the rules", r.Text)})
			case r.Rule.AfterSuppression || !r.Ran || r.Silenced > 0:
			default:
				pass.Report(analyzer.Diagnostic{Span: r.Span, Message: unusedMessage(d, r)})
			}
		}
	}
}

// unusedMessage says that one rule of a directive silences nothing, and where it looked.
func unusedMessage(d *analyzer.Directive, r analyzer.DirectiveRule) string {
	what := fmt.Sprintf("`%s=%s` silences nothing: no %s (%s) finding", d.Verb, r.Text, r.Rule.ID, r.Rule.Name)
	switch {
	case d.Scope == analyzer.ScopeFile:
		return what + " in this file; remove it"
	case d.First == d.Last:
		return fmt.Sprintf("%s in the command on line %d; remove it", what, d.First)
	}
	return fmt.Sprintf("%s in the command on lines %d to %d; remove it", what, d.First, d.Last)
}

// badDirective says why a directive cannot be used and how to write it.
func badDirective(d *analyzer.Directive) string {
	const form = "`# hooklint disable=HL101[,HL203] [-- reason]`"
	switch d.Err {
	case analyzer.DirectiveUnknownVerb:
		return fmt.Sprintf("`%s` is no directive: use `disable=` for the next command or `disable-file=` for the whole file, as in %s", d.Verb, form)
	case analyzer.DirectiveNoRules:
		return "the directive names no rule: write " + form
	case analyzer.DirectiveEmptyName:
		return "the directive's rule list has an empty entry: separate IDs or names with single commas, as in " + form
	case analyzer.DirectiveTrailingText:
		return "unexpected text after the rule list: a reason goes after `--`, as in " + form
	case analyzer.DirectiveNotOwnLine:
		return "a `disable=` directive after code on the same line applies to nothing: put it on its own line above the command, or use `disable-file=`"
	}
	return "the directive cannot be read: write " + form
}
