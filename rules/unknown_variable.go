package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// UnknownVariable returns HL301 unknown-variable: a KAMAL_* variable the hook reads that
// Kamal never sets.
func UnknownVariable() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL301",
		Name:     "unknown-variable",
		Severity: analyzer.SeverityWarning,
		Summary:  "The hook reads a KAMAL_* variable that Kamal never sets",
		Doc: `Kamal passes a fixed set of KAMAL_* variables to hooks: KAMAL_COMMAND, KAMAL_DESTINATION,
KAMAL_HOSTS, KAMAL_ROLES, KAMAL_PERFORMER, KAMAL_VERSION, KAMAL_SERVICE, KAMAL_LOCK and a
few more (lock-model.md §5.1). Any other KAMAL_ name is empty when the hook runs, so a test
on it never fires and a command line that uses it loses that word. The usual cause is a typo
or a name from the documentation that Kamal spells otherwise: KAMAL_ROLE for KAMAL_ROLES.

A variable the hook assigns itself, that the project's secrets or .env files define, or that
the hook reads with a default and whose name is close to none of Kamal's (${KAMAL_BIN:-kamal},
a setting of the project's own) is not reported.`,
		Bad: `#!/bin/sh
if [ "$KAMAL_ROLE" = web ]; then
  echo "web hosts: $KAMAL_HOSTS"
fi
`,
		Good: `#!/bin/sh
if [ "$KAMAL_DESTINATION" = production ]; then
  echo "web hosts: $KAMAL_HOSTS"
fi
`,
		Run: runUnknownVariable,
	}
}

func runUnknownVariable(pass *analyzer.Pass) {
	if pass.Facts == nil {
		return
	}
	vars := pass.Facts.Vars()
	written := map[string]bool{}
	for _, r := range vars {
		if r.Kind != shell.VarRead {
			written[r.Name] = true
		}
	}
	known := kamalVariableNames()
	for _, r := range vars {
		if r.Kind != shell.VarRead || !strings.HasPrefix(r.Name, "KAMAL_") || slices.Contains(known, r.Name) ||
			written[r.Name] || slices.Contains(pass.Project.SecretNames(), r.Name) {
			continue
		}
		near := kamal.Nearest(r.Name, known)
		if r.Default && near == "" {
			continue // ${KAMAL_BIN:-kamal}: a setting of the project's own, with its default
		}
		msg := fmt.Sprintf("Kamal never sets %s for hooks, so it is empty when %s runs", r.Name, pass.Hook.Name)
		if near != "" {
			msg += fmt.Sprintf("; did you mean %s?", near)
		}
		pass.Report(analyzer.Diagnostic{Span: pass.Hook.Span(r.Pos, r.End), Message: msg})
	}
}

// kamalVariableNames lists the variables Kamal sets for hooks in any release.
var kamalVariableNames = sync.OnceValue(func() []string {
	var names []string
	for _, v := range kamal.Variables() {
		names = append(names, v.Name)
	}
	return names
})
