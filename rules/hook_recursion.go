package rules

import (
	"fmt"
	"slices"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// HookRecursion returns HL104 hook-recursion: a nested kamal call that runs the hook it is
// in again.
func HookRecursion() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL104",
		Name:     "hook-recursion",
		Severity: analyzer.SeverityError,
		Summary:  "A nested kamal command runs the hook it is called from again",
		Doc: `Every kamal process runs hooks of its own. A pre-connect hook runs before the first SSH
connection of any command, so a kamal command in pre-connect that connects to a host runs
pre-connect again, which runs the command again, without end (lock-model.md §4.1). Likewise a
hook that runs the command that triggers it: kamal deploy in pre-deploy or post-deploy,
kamal app boot in pre-app-boot or post-app-boot, kamal proxy reboot in the proxy hooks,
kamal server bootstrap or kamal setup in docker-setup.

-H (--skip-hooks) stops this only for a top-level command (kamal deploy -H); after a
subcommand Kamal ignores it (kamal app boot -H still runs the app boot hooks, §6.3).`,
		Bad: `#!/bin/sh
kamal deploy
`,
		Good: `#!/bin/sh
kamal app exec --reuse "bin/rails runner 'Deploys.record!'"
`,
		Run: runHookRecursion,
	}
}

func runHookRecursion(pass *analyzer.Pass) {
	hook := kamal.FindHook(pass.Hook.Name)
	if hook == nil {
		return
	}
	// The outer commands that run the hook at each release, the same for every call.
	var runsAt [][]kamal.OuterRun
	invocations(pass, func(site *analyzer.Site, inv *analyzer.Invocation) {
		releases := releasesOf(pass)
		if runsAt == nil {
			runsAt = make([][]kamal.OuterRun, len(releases))
			for i, v := range releases {
				runsAt[i] = hook.RunsAt(v)
			}
		}
		var call *kamal.Call
		var runs []string // the outer commands of the hook that the call is
		preConnect := false
		for i, v := range releases {
			c := inv.Call(v)
			if !c.Runs() || inv.Stops(v) {
				continue
			}
			skipped := c.Command.Group() == "" && isTrue(c, "skip_hooks")
			for _, r := range runsAt[i] {
				switch {
				case r.Outer == kamal.AnyCommand && c.Command.Connects() && !skipped:
					preConnect, call = true, c
				case r.Outer == c.Command.Path && !skipped && !slices.Contains(runs, r.Outer):
					runs, call = append(runs, r.Outer), c
				}
			}
		}
		var msg string
		switch {
		case preConnect:
			msg = fmt.Sprintf("`kamal %s` connects to the servers, so it runs pre-connect first, which runs it again: the hooks recurse without end", call.Command.Path)
		case len(runs) > 0:
			msg = fmt.Sprintf("`kamal %s` runs %s again, which runs it again: the hook recurses until something fails", call.Command.Path, pass.Hook.Name)
		default:
			return
		}
		if call.Command.Group() != "" && isTrue(call, "skip_hooks") {
			msg += "; -H does not stop it: Kamal ignores -H after a subcommand"
		} else if call.Command.Group() == "" {
			msg += fmt.Sprintf("; run it as `kamal %s -H` to skip the hooks", call.Command.Path)
		}
		pass.Report(withChain(pass, inv, analyzer.Diagnostic{Span: siteSpan(pass, site), Message: msg}))
	})
}

// isTrue reports whether a boolean option is set to true in a call.
func isTrue(call *kamal.Call, name string) bool {
	w, ok := call.Option(name)
	return ok && w.Known && w.Text == "true"
}
