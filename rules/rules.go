package rules

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer"
)

// All returns every rule, in ID order. The list is built on each call so that callers may
// adjust severities without affecting one another.
func All() []*analyzer.Rule {
	return []*analyzer.Rule{
		ParseError(),
		LockConflict(),
	}
}

// Find returns the rule with the given ID or name ("HL101", "hl101", "lock-conflict").
func Find(rules []*analyzer.Rule, idOrName string) *analyzer.Rule {
	for _, r := range rules {
		if strings.EqualFold(r.ID, idOrName) || r.Name == idOrName {
			return r
		}
	}
	return nil
}
