package rules

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

// LockConflict returns HL101 lock-conflict: a nested kamal command that takes the deploy
// lock in a hook that runs while the outer command holds it.
func LockConflict() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL101",
		Name:     "lock-conflict",
		Severity: analyzer.SeverityError,
		Summary:  "A nested kamal command takes the deploy lock while the outer command holds it",
		Doc: `Kamal holds a deploy lock while it changes servers, and runs hooks at fixed points.
A kamal command started by a hook is a new process that knows nothing of its parent's lock:
if it takes the lock while the parent holds it, it fails with "Deploy lock found" and the
hook, then the whole outer command, fails. kamal deploy, redeploy and rollback release the
lock before post-deploy; kamal setup still holds it. So a post-deploy hook that runs
"kamal accessory reboot db" works under deploy and breaks under setup. pre-deploy,
pre-app-boot and post-app-boot run under the lock for every outer command.

Kamal 2.6.0 and later pass KAMAL_LOCK=true to hooks that run under the lock, and a nested
kamal >= 2.6.0 then shares the lock instead of failing; hooklint reports this rule as an
error for a project on an older Kamal, as a warning when it cannot tell the version, and not
at all on 2.6.0 and later (HL103 covers calls that cannot see KAMAL_LOCK).

A guard on KAMAL_COMMAND that skips the call under the outer commands that hold the lock
silences the rule. Commands that never lock (app exec, accessory exec, server exec, logs,
details, version, config, audit, lock status) are never reported.`,
		Bad: `#!/bin/sh
set -e
kamal accessory reboot db
`,
		Good: `#!/bin/sh
set -e
if [ "$KAMAL_COMMAND" != setup ]; then
  kamal accessory reboot db
fi
`,
		Run: runLockConflict,
	}
}

func runLockConflict(pass *analyzer.Pass) {
	if pass.Flow == nil || pass.Kamal.Inherits {
		return
	}
	v := pass.Kamal.Version
	// One finding per call site: a function that tries `kamal "$@" || bundle exec kamal "$@"`
	// is one mistake, not two, and one guard at the call site covers all a function does.
	type key = *syntax.CallExpr
	var order []key
	found := map[key]conflict{}
	for _, cmd := range pass.Flow.Commands {
		if !cmd.Kamal || cmd.Worlds.Empty() {
			continue
		}
		held := pass.Flow.Held(cmd.Worlds)
		if held.Empty() {
			continue
		}
		call := kamal.ParseCall(v, cmd.Argv[1:], aliases(pass.Project))
		if call.Command == nil || call.Command.Group() == "lock" || !call.TakesLock(v) {
			continue // lock acquire/release are HL102's; unknown commands HL201's
		}
		if call.Command.NameArg && len(call.Args) == 0 {
			continue // Thor stops at the missing NAME before anything locks
		}
		if !sameLock(pass.Project, call) {
			continue
		}
		c := conflict{pass: pass, cmd: cmd, call: call, held: held}
		k := cmd.Site
		prev, seen := found[k]
		if !seen {
			order = append(order, k)
		}
		if !seen || worse(cmd.Failure, prev.cmd.Failure) {
			found[k] = c
		}
	}
	for _, k := range order {
		c := found[k]
		site := c.cmd.Site
		d := analyzer.Diagnostic{
			Span:        pass.Hook.Span(site.Args[0].Pos(), site.Args[len(site.Args)-1].End()),
			Message:     c.message(),
			Suggestions: c.suggestions(),
		}
		if !pass.Kamal.Exact {
			d.Severity = analyzer.SeverityWarning
		}
		pass.Report(d)
	}
}

// worse reports whether failure a has a worse outcome than b: aborting the outer command
// beats a silent no-op.
func worse(a, b analyzer.Failure) bool {
	rank := func(f analyzer.Failure) int {
		switch {
		case f.Aborts():
			return 2
		case !f.Silent():
			return 1
		}
		return 0
	}
	return rank(a) > rank(b)
}

// conflict is one nested call that hits a held lock, with what is needed to explain it.
type conflict struct {
	pass *analyzer.Pass
	cmd  *analyzer.Command
	call *kamal.Call
	held analyzer.Worlds
}

func (c conflict) worlds() []analyzer.World { return c.pass.Flow.Worlds }

// shown is the nested command as the message names it.
func (c conflict) shown() string {
	src := strings.Join(strings.Fields(c.pass.Hook.Text(c.cmd.Site.Args[0].Pos(), c.cmd.Site.Args[len(c.cmd.Site.Args)-1].End())), " ")
	src = strings.ReplaceAll(src, "\\ ", "")
	if len(c.cmd.Via) > 0 {
		return fmt.Sprintf("`%s` (through %s) runs `%s`, which", truncate(src), strings.Join(c.cmd.Via, ", "), truncate(kamalLine(c.cmd)))
	}
	if c.call.Alias != "" {
		return fmt.Sprintf("`%s` (alias for `%s`)", truncate(src), truncate(expandedLine(c.call)))
	}
	return "`" + truncate(src) + "`"
}

func (c conflict) message() string {
	worlds := c.worlds()
	hook := c.pass.Hook.Name
	var b strings.Builder
	b.WriteString(c.shown())
	b.WriteString(" takes the deploy lock, but ")
	b.WriteString(hook)
	b.WriteString(" runs while ")
	b.WriteString(analyzer.OuterList(worlds, c.held))
	if c.held.Len() == 1 {
		b.WriteString(" still holds it: ")
	} else {
		b.WriteString(" hold it: ")
	}
	free := c.cmd.Worlds &^ c.held
	if free.Empty() {
		b.WriteString("it always fails with \"Deploy lock found\"")
	} else {
		fmt.Fprintf(&b, "under %s it fails with \"Deploy lock found\"", plainOuters(worlds, c.held))
	}
	f := c.cmd.Failure
	switch {
	case f.Handled == analyzer.RetryLoop:
		fmt.Fprintf(&b, " on every try: the loop that retries it never ends, and %s hangs while it holds the lock", firstOuter(worlds, c.held))
	case f.Handled != "" && f.Handled != "an if condition" && f.Handled != "a loop condition":
		fmt.Fprintf(&b, ", which %s hides: the step silently does nothing", f.Handled)
	case f.Handled != "":
		fmt.Fprintf(&b, " and %s takes the failing branch", f.Handled)
	case f.Aborts():
		if c.held.Len() == 1 {
			fmt.Fprintf(&b, " and aborts %s", plainOuters(worlds, c.held))
		} else {
			b.WriteString(" and aborts the outer command")
		}
	case f.Silent():
		b.WriteString(", and without `set -e` the hook goes on: the step silently does nothing")
	default:
		b.WriteString(" and the hook fails where `set -e` is on")
	}
	if f.StderrDiscarded {
		b.WriteString("; its error message goes to /dev/null")
	}
	if !free.Empty() {
		verb := "do not hold the lock then"
		if hook == "post-deploy" {
			verb = "release the lock first"
		}
		if free.Len() == 1 {
			verb = strings.Replace(strings.Replace(verb, "do not", "does not", 1), "release ", "releases ", 1)
		}
		fmt.Fprintf(&b, " (%s %s)", plainOuters(worlds, free), verb)
	}
	if d, ok := c.call.Option("destination"); ok && d.Known {
		fmt.Fprintf(&b, "; with -d %s it takes the lock of that destination, so this happens when the outer command runs with -d %s", d.Text, d.Text)
	}
	if !c.pass.Kamal.Exact {
		b.WriteString("; this fails on Kamal < 2.6.0, and ")
		if c.pass.Kamal.Info.Floor {
			fmt.Fprintf(&b, "minimum_version %s allows such a version", c.pass.Kamal.Info.Version)
		} else {
			b.WriteString("the project's Kamal version is unknown (no Gemfile.lock entry; pass --kamal-version)")
		}
	}
	return b.String()
}

// firstOuter names the first outer command of a set, or "the outer command" for several.
func firstOuter(worlds []analyzer.World, s analyzer.Worlds) string {
	if s.Len() == 1 {
		return plainOuters(worlds, s)
	}
	return "the outer command"
}

// plainOuters names outer commands without backquotes: "setup", "deploy and redeploy".
func plainOuters(worlds []analyzer.World, s analyzer.Worlds) string {
	var names []string
	s.Each(func(i int) { names = append(names, worlds[i].Outer) })
	return analyzer.JoinAnd(names)
}

// expandedLine renders a call after alias expansion: "kamal accessory reboot db -d staging".
func expandedLine(call *kamal.Call) string {
	parts := []string{"kamal", call.Command.Path}
	for _, a := range call.Args {
		parts = append(parts, a.Text)
	}
	for _, name := range []string{"destination", "config_file", "hosts", "roles"} {
		if o, ok := call.Option(name); ok {
			parts = append(parts, "--"+strings.ReplaceAll(name, "_", "-"), o.Text)
		}
	}
	return strings.Join(parts, " ")
}

// kamalLine renders the nested kamal command from its expanded words.
func kamalLine(cmd *analyzer.Command) string {
	var parts []string
	for _, w := range cmd.Argv {
		parts = append(parts, w.Text)
	}
	return strings.Join(parts, " ")
}

func truncate(s string) string {
	const limit = 72
	if len(s) <= limit {
		return s
	}
	return s[:limit-1] + "…"
}

// aliases returns the project's deploy.yml aliases, or none.
func aliases(p *project.Project) map[string]string {
	if p == nil || p.Config == nil {
		return nil
	}
	return p.Config.AliasMap()
}

// sameLock reports whether the nested call can take the same lock as the outer command
// (lock-model.md §2.1): the lock key is the primary host as the call's -h/-r/-p filters
// compute it, the service (from -c) and the destination. A call that surely uses another
// key, or fails before locking (require_destination without -d), does not conflict.
func sameLock(p *project.Project, call *kamal.Call) bool {
	cfg := (*project.Config)(nil)
	if p != nil {
		cfg = p.Config
	}
	if cfg != nil && cfg.RequireDestination {
		if _, ok := call.Option("destination"); !ok {
			return false
		}
	}
	if file, ok := call.Option("config_file"); ok {
		if !file.Known || strings.TrimPrefix(file.Text, "./") != "config/deploy.yml" {
			return false // another config: most likely another service, so another lock
		}
	}
	if cfg == nil {
		return true
	}
	primary, ok := cfg.PrimaryHost()
	if !ok || primary.Dynamic {
		return true
	}
	if hosts, ok := call.Option("hosts"); ok && hosts.Known {
		first, _, _ := strings.Cut(hosts.Text, ",")
		if !strings.Contains(first, "*") && first != primary.Text {
			return false
		}
	}
	if roles, ok := call.Option("roles"); ok && roles.Known && !strings.Contains(roles.Text, "*") {
		names := strings.Split(roles.Text, ",")
		role := names[0]
		for _, n := range names {
			if n == cfg.PrimaryRole {
				role = n
			}
		}
		if r := cfg.Role(role); r != nil && len(r.Hosts) > 0 && !r.Hosts[0].Name.Dynamic && r.Hosts[0].Name.Text != primary.Text {
			return false
		}
	}
	return true
}
