package rules

import (
	"github.com/hooklint/hooklint/analyzer"
)

// All returns every rule, in ID order. The list is built on each call so that callers may
// adjust severities without affecting one another.
func All() []*analyzer.Rule {
	return []*analyzer.Rule{
		ParseError(),
		HookNotExecutable(),
		UnknownHookName(),
		Shebang(),
		UnusedSuppression(),
		LockConflict(),
		LockCommand(),
		LockInheritanceBroken(),
		HookRecursion(),
		UnknownCommand(),
		SkipHooksIneffective(),
		MissingDestination(),
		UnknownVariable(),
		UnavailableVariable(),
	}
}
