package rules

import (
	"fmt"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// UnknownCommand returns HL201 unknown-command: a nested kamal command line that Kamal's
// command-line parser rejects before running anything.
func UnknownCommand() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL201",
		Name:     "unknown-command",
		Severity: analyzer.SeverityError,
		Summary:  "Kamal rejects the nested command line: unknown command, option or arguments",
		Doc: `Kamal's command line is parsed by Thor, which aborts before the command starts when a command
word is unknown (kamal app restart, kamal bundle exec ..., kamal exec ..., kamal traefik on
Kamal 2, kamal proxy on Kamal 1), when an option lacks its value, when a required option is
missing (kamal lock acquire without -m), or when the arguments do not fit the command:
Kamal never rejects unknown options, so Thor keeps them as arguments, and
kamal accessory reboot db -y fails with 'was called with arguments ["db", "-y"]'. The hook
fails there, and with set -e the outer command with it. A name that a deploy.yml alias
defines is a command; without a deploy.yml an unknown first word could be an alias, and is
reported as a warning.`,
		Bad: `#!/bin/sh
set -e
kamal app restart
`,
		Good: `#!/bin/sh
set -e
kamal app exec --reuse "bin/rails runner 'Rails.cache.clear'"
`,
		Run: runUnknownCommand,
	}
}

func runUnknownCommand(pass *analyzer.Pass) {
	invocations(pass, func(site *analyzer.Site, inv *analyzer.Invocation) {
		releases := releasesOf(pass)
		var call *kamal.Call
		for _, v := range releases {
			c := inv.Call(v)
			switch c.Kind {
			case kamal.NoProblem, kamal.PrintsHelp, kamal.ComputedCommand:
				return // it runs (or prints help) in a release the project may be on
			}
			call = c
		}
		if call == nil {
			return
		}
		d := analyzer.Diagnostic{Span: siteSpan(pass, site)}
		shown := "`" + kamalLine(inv) + "`"
		switch call.Kind {
		case kamal.UnknownCommand:
			word := call.Words[len(call.Words)-1]
			d.Span = wordSpan(pass, site, inv, word)
			d.Message = fmt.Sprintf("%s fails before it starts: there is no command `kamal %s`", shown, strings.TrimSpace(call.Path))
			if hint := commandHint(call, word, releases[len(releases)-1]); hint != "" {
				d.Message += "; " + hint
			}
			noConfig := pass.Project == nil || pass.Project.Config == nil
			if len(call.Words) == 1 && noConfig && releases[len(releases)-1].AtLeast(kamal.AliasesSince) {
				d.Severity = analyzer.SeverityWarning // it may be an alias of a deploy.yml hooklint could not read
				d.Message += "; unless it is an alias of a deploy.yml hooklint could not read"
			}
		case kamal.WrongArity:
			d.Message = fmt.Sprintf("%s fails before it starts: Thor says %s", shown, call.Problem)
			if extra := unknownOptions(call); len(extra) > 0 {
				d.Message += fmt.Sprintf(" (`kamal %s` has no option %s, so Thor keeps it as an argument)", call.Command.Path, joinAnd(extra))
			}
		default:
			d.Message = fmt.Sprintf("%s fails before it starts: %s", shown, call.Problem)
		}
		if len(releases) > 1 {
			d.Message += fmt.Sprintf(" (in every release from %s to %s)", releases[0], releases[len(releases)-1])
		}
		pass.Report(withChain(pass, inv, d))
	})
}

// commandHint suggests what the author of an unknown command word meant.
func commandHint(call *kamal.Call, word kamal.Word, v kamal.Version) string {
	if len(call.Words) == 1 && word.Text == "bundle" {
		return "did you mean `bundle exec kamal ...`?"
	}
	if len(call.Words) == 1 {
		// `kamal exec`: a subcommand written without its group.
		for _, g := range []string{"app", "accessory", "server", "proxy", "traefik", "build"} {
			if c := kamal.FindCommand(v, g+" "+word.Text); c != nil {
				return fmt.Sprintf("did you mean `kamal %s`?", c.Path)
			}
		}
	}
	if call.Suggestion != "" {
		path := strings.TrimSuffix(call.Path, word.Text) + call.Suggestion
		return fmt.Sprintf("did you mean `kamal %s`?", strings.TrimSpace(strings.ReplaceAll(path, "_", "_")))
	}
	return ""
}

// unknownOptions returns the arguments of a rejected call that look like options.
func unknownOptions(call *kamal.Call) []string {
	var out []string
	for _, a := range call.Args {
		if a.Known && strings.HasPrefix(a.Text, "-") && len(a.Text) > 1 {
			out = append(out, "`"+a.Text+"`")
		}
	}
	return out
}
