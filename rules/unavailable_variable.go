package rules

import (
	"fmt"
	"slices"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// UnavailableVariable returns HL302 unavailable-variable: a Kamal variable that Kamal does
// not set for this hook, or not in the releases the project may be on.
func UnavailableVariable() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL302",
		Name:     "unavailable-variable",
		Severity: analyzer.SeverityWarning,
		Summary:  "The hook reads a Kamal variable that is not set for this hook or Kamal version",
		Doc: `Not every hook gets every variable (lock-model.md §5.1): KAMAL_RUNTIME is set for post-deploy
only; KAMAL_LOCK and KAMAL_ROLES exist from Kamal 2.6.0, KAMAL_SERVICE from 1.8.0. Where a
variable is not set, a test on it never fires: a guard such as [ "$KAMAL_LOCK" = true ] on
Kamal 2.5 lets the nested command run under the lock. KAMAL_SUBCOMMAND is never set by a real
run, whatever the hook, so a guard on it never fires at all; test KAMAL_COMMAND instead.

Reading a variable that is set in some of the releases the project may be on with a default
(${KAMAL_ROLES:-}) says that the hook expects it to be unset, and is not reported.`,
		Bad: `#!/bin/sh
[ "$KAMAL_LOCK" = true ] && exit 0
echo "deployed"
`,
		Good: `#!/bin/sh
[ "$KAMAL_COMMAND" = setup ] && exit 0
echo "deployed"
`,
		Run: runUnavailableVariable,
	}
}

func runUnavailableVariable(pass *analyzer.Pass) {
	if pass.Facts == nil || len(pass.Facts.Worlds) == 0 {
		return // a file Kamal never runs: no variables to speak of
	}
	hook := pass.Hook.Name
	releases := pass.Facts.Releases()
	for _, r := range pass.Facts.Vars() {
		if r.Kind != shell.VarRead {
			continue
		}
		v, ok := kamal.FindVariable(r.Name)
		if !ok {
			continue // not Kamal's: HL301's, or the hook's own
		}
		var msg string
		if v.Name == "KAMAL_SUBCOMMAND" {
			msg = "Kamal never sets KAMAL_SUBCOMMAND in a real run, so a test on it never fires; test KAMAL_COMMAND, which holds the top-level command (setup, deploy, app, ...)"
		} else {
			var unset []kamal.Version
			for _, rel := range releases {
				if !v.SetIn(rel, hook) {
					unset = append(unset, rel)
				}
			}
			switch {
			case len(unset) == 0:
				continue
			case len(unset) < len(releases) && r.Default:
				continue // the hook reads it as maybe unset
			case v.Hooks != nil && !slices.Contains(v.Hooks, hook):
				msg = fmt.Sprintf("Kamal sets %s only for %s, so it is always empty in %s", v.Name, joinAnd(v.Hooks), hook)
			case len(unset) == len(releases):
				msg = fmt.Sprintf("Kamal %s does not set %s (it is set %s), so it is always empty here",
					releaseRange(unset, releases), v.Name, spanText(v))
			default:
				msg = fmt.Sprintf("%s is set %s: on Kamal %s, which the project may be on, it is unset here, so a test on it does not hold there",
					v.Name, spanText(v), releaseRange(unset, releases))
			}
		}
		pass.Report(analyzer.Diagnostic{Span: pass.Hook.Span(r.Pos, r.End), Message: msg})
	}
}

// spanText says which releases set a variable: "from Kamal 2.6.0 on".
func spanText(v kamal.Variable) string {
	switch {
	case !v.Since.IsZero() && !v.Until.IsZero():
		return fmt.Sprintf("from Kamal %s until before %s", v.Since, v.Until)
	case !v.Since.IsZero():
		return fmt.Sprintf("from Kamal %s on", v.Since)
	case !v.Until.IsZero():
		return fmt.Sprintf("before Kamal %s", v.Until)
	}
	return "by every release"
}
