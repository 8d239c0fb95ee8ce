package rules

import (
	"github.com/hooklint/hooklint/analyzer"
)

// ParseError returns HL001 parse-error: the shell parser rejects the hook.
func ParseError() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL001",
		Name:     "parse-error",
		Severity: analyzer.SeverityError,
		Summary:  "The shell cannot parse the hook",
		Doc: `A hook with a syntax error fails when Kamal runs it, and the command that ran it aborts.
The hook is parsed in the dialect its shebang names (sh, dash and ash as POSIX sh; bash;
mksh and ksh; zsh); without a shebang it runs under /bin/sh. Bash syntax in a hook run by
/bin/sh is HL004's finding, not this rule's: such a hook is analysed as bash, and only what
bash rejects too is reported here. hooklint reports the first error of each region and
keeps analysing the rest of the file.`,
		Bad:  "#!/bin/sh\nif [ \"$KAMAL_DESTINATION\" = production ]; then\n  echo \"Deployed to production\"\n",
		Good: "#!/bin/sh\nif [ \"$KAMAL_DESTINATION\" = production ]; then\n  echo \"Deployed to production\"\nfi\n",
		Run:  runParseError,
	}
}

func runParseError(pass *analyzer.Pass) {
	dialect := "POSIX sh"
	switch pass.Hook.Interpreter {
	case "":
		dialect = "POSIX sh (no shebang: the hook runs under /bin/sh)"
	case "sh", "dash", "ash", "posh":
	default:
		dialect = pass.Hook.Interpreter
	}
	if pass.Hook.BashFallback {
		dialect = "bash (the hook uses bash syntax, see HL004)"
	}
	for _, e := range pass.Hook.SyntaxErrors {
		pass.Report(analyzer.Diagnostic{
			Span:    analyzer.Span{Start: e.Pos, End: e.Pos},
			Message: e.Message + ", parsing as " + dialect,
		})
	}
}
