package rules

import (
	"fmt"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// SkipHooksIneffective returns HL202 skip-hooks-ineffective: -H on a subcommand, where
// Kamal ignores it.
func SkipHooksIneffective() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL202",
		Name:     "skip-hooks-ineffective",
		Severity: analyzer.SeverityWarning,
		Summary:  "-H/--skip-hooks after a subcommand is ignored: the hooks still run",
		Doc: `-H (--skip-hooks) is read when a top-level command starts: kamal deploy -H runs no hooks.
After a subcommand Thor parses it, but Kamal never looks at it there: kamal app boot -H still
runs pre-app-boot and post-app-boot, kamal proxy reboot -H the proxy hooks, and every command
that connects runs pre-connect (lock-model.md §0 item 7, §6.3; checked by running Kamal). A
hook that relies on -H to keep a nested command from running hooks again is not protected.`,
		Bad: `#!/bin/sh
kamal app boot -H
`,
		Good: `#!/bin/sh
kamal app exec --reuse "bin/rails db:migrate"
`,
		Run: runSkipHooksIneffective,
	}
}

func runSkipHooksIneffective(pass *analyzer.Pass) {
	invocations(pass, func(site *analyzer.Site, inv *analyzer.Invocation) {
		releases := releasesOf(pass)
		call := inv.Call(releases[len(releases)-1])
		if !call.Runs() || call.Command.Group() == "" || !isTrue(call, "skip_hooks") {
			return
		}
		sw, ok := call.Switches["skip_hooks"]
		if !ok {
			return
		}
		msg := fmt.Sprintf("Kamal ignores %s after a subcommand: `kamal %s` still runs", sw.Text, call.Command.Path)
		if hooks := hooksRunBy(call.Command.Path, releases[len(releases)-1]); len(hooks) > 0 {
			msg += " " + joinAnd(hooks)
		} else {
			msg += " its hooks"
		}
		if call.Command.Connects() {
			msg += " (and pre-connect)"
		}
		pass.Report(withChain(pass, inv, analyzer.Diagnostic{Span: wordSpan(pass, site, inv, sw), Message: msg}))
	})
}

// hooksRunBy lists the hooks the command runs at release v, pre-connect aside.
func hooksRunBy(path string, v kamal.Version) []string {
	var names []string
	for _, h := range kamal.Hooks() {
		for _, r := range h.RunsAt(v) {
			if r.Outer == path {
				names = append(names, h.Name)
			}
		}
	}
	return names
}
