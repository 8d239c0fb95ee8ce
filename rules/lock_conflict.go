package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/shell"
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
	if pass.Facts == nil {
		return
	}
	// One finding per call site: a function that tries `kamal "$@" || bundle exec kamal "$@"`
	// is one mistake, not two, and one guard at the call site covers all it does.
	for _, site := range pass.Facts.Sites {
		var found *conflict
		for _, inv := range site.Invocations {
			if c := findConflict(pass, inv); c != nil && (found == nil || found.held.Empty() && !c.held.Empty() ||
				!c.held.Empty() && worse(c.inv.Failure, found.inv.Failure)) {
				found = c
			}
		}
		if found == nil {
			continue
		}
		if found.held.Empty() {
			pass.Report(withChain(pass, found.inv, analyzer.Diagnostic{
				Span:     siteSpan(pass, site),
				Severity: analyzer.SeverityInfo, // no conflict: a note on what the call acts on
				Message:  found.otherLockMessage(),
			}))
			continue
		}
		found.site = site
		d := analyzer.Diagnostic{
			Span:        siteSpan(pass, site),
			Message:     found.message(),
			Suggestions: found.suggestions(),
		}
		if !pass.Kamal.Exact {
			d.Severity = analyzer.SeverityWarning // the documented reason: the version is not known
		}
		pass.Report(withChain(pass, found.inv, d))
	}
}

// findConflict checks a nested kamal call in every world where the outer command holds the
// lock, at every release the project may be on there (lock-model.md §9), and returns the
// conflict, or nil. Releases from 2.6.0 on share the lock with the nested call; a call that
// cannot see KAMAL_LOCK there is HL103's.
func findConflict(pass *analyzer.Pass, inv *analyzer.Invocation) *conflict {
	c := &conflict{pass: pass, inv: inv}
	pass.Facts.Held(inv.Worlds).Each(func(i int) {
		for _, v := range pass.Facts.Worlds[i].Releases {
			if v.AtLeast(kamal.InheritsLock) {
				continue
			}
			call := inv.Call(v)
			if !call.TakesLock(inv.Version(v)) || call.Command.LockOp != kamal.LockOpNone {
				continue // lock acquire/release are HL102's; calls Thor rejects HL201's
			}
			if rel := inv.LockRelation(v); rel != analyzer.SameLockKey {
				if rel == analyzer.OtherConfig || rel == analyzer.OtherHost {
					c.other, c.otherHeld, c.call = rel, c.otherHeld|1<<i, call
				}
				continue
			}
			if !inv.SameDestination(v, pass.Facts.Worlds[i]) {
				continue // the lock of another destination than the outer command's
			}
			c.held |= 1 << i
			if !slices.Contains(c.releases, v) {
				c.releases = append(c.releases, v)
			}
			c.call = call
		}
	})
	if c.held.Empty() && c.otherHeld.Empty() {
		return nil
	}
	slices.SortFunc(c.releases, kamal.Version.Compare)
	return c
}

// worse reports whether failure a has a worse outcome than b: aborting the outer command
// beats a silent no-op.
func worse(a, b shell.Failure) bool {
	rank := func(f shell.Failure) int {
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
	pass     *analyzer.Pass
	site     *analyzer.Site
	inv      *analyzer.Invocation
	call     *kamal.Call     // the call as resolved at the newest failing release
	held     analyzer.Worlds // the worlds in which it conflicts
	releases []kamal.Version // the releases in which it conflicts
	// other is, for a call that takes another lock than the outer command's (and so does
	// not conflict), how; otherHeld the worlds where the outer command holds its own.
	other     analyzer.LockRelation
	otherHeld analyzer.Worlds
}

func (c conflict) worlds() []analyzer.World { return c.pass.Facts.Worlds }

// free returns the worlds in which the call runs while the lock is not held.
func (c conflict) free() analyzer.Worlds {
	return c.inv.Worlds &^ c.pass.Facts.Held(c.inv.Worlds)
}

// shown is the nested command as the message names it.
func (c conflict) shown() string {
	src := strings.Join(strings.Fields(c.pass.Hook.Text(c.site.Pos, c.site.End)), " ")
	src = strings.ReplaceAll(src, "\\ ", "")
	switch via := viaFiles(c.inv); {
	case via != "" && len(c.inv.Via) > 0:
		return fmt.Sprintf("`%s` (via %s, through %s) runs `%s`, which", truncate(src), via, strings.Join(c.inv.Via, ", "), truncate(kamalLine(c.inv)))
	case via != "":
		return fmt.Sprintf("`%s` (via %s) runs `%s`, which", truncate(src), via, truncate(kamalLine(c.inv)))
	case len(c.inv.Via) > 0:
		return fmt.Sprintf("`%s` (through %s) runs `%s`, which", truncate(src), strings.Join(c.inv.Via, ", "), truncate(kamalLine(c.inv)))
	}
	if c.call.Alias != "" {
		return fmt.Sprintf("`%s` (alias for `%s`)", truncate(src), truncate(expandedLine(c.call)))
	}
	if line := kamalLine(c.inv); c.inv.InScript && !strings.Contains(src, line) {
		// A computed script string, reported at the command that runs it.
		return fmt.Sprintf("`%s` runs `%s`, which", truncate(src), truncate(line))
	}
	return "`" + truncate(src) + "`"
}

// otherLockMessage says that a call takes another lock than the outer command's.
func (c conflict) otherLockMessage() string {
	how := "its -h, -r or -p puts the primary host, where the lock lives, elsewhere"
	if c.other == analyzer.OtherConfig {
		how = "its -c names another config file, so another service"
	}
	return fmt.Sprintf("`%s` takes another deploy lock than the one held by %s (%s): it does not wait for this deploy, and acts while it runs",
		kamalLine(c.inv), quotedOuters(c.worlds(), c.otherHeld), how)
}

// handlerText names the construct that receives a failure, as the message shows it.
func handlerText(f shell.Failure) string {
	switch f.Handler {
	case shell.HandledByOr:
		switch f.OrCommand {
		case "true", ":":
			return "`|| " + f.OrCommand + "`"
		case "":
			return "`||`"
		}
		return "`|| " + f.OrCommand + " …`"
	case shell.HandledByAnd:
		return "the `&&` list"
	case shell.HandledByIf:
		return "an if condition"
	case shell.HandledByLoop:
		return "a loop condition"
	case shell.HandledByNot:
		return "`!`"
	case shell.HandledByPipeline:
		return "a pipeline"
	case shell.HandledBySubstitution:
		return "a command substitution"
	case shell.HandledByBackground:
		return "`&`"
	case shell.HandledByFork:
		return "`setsid -f`"
	}
	return ""
}

func (c conflict) message() string {
	worlds := c.worlds()
	hook := c.pass.Hook.Name
	var b strings.Builder
	b.WriteString(c.shown())
	b.WriteString(" takes the deploy lock, but ")
	b.WriteString(hook)
	b.WriteString(" runs while ")
	b.WriteString(quotedOuters(worlds, c.held))
	if len(outers(worlds, c.held)) == 1 {
		b.WriteString(" still holds it: ")
	} else {
		b.WriteString(" hold it: ")
	}
	free := c.free()
	for _, o := range outers(worlds, c.held) {
		free = free.Where(func(i int) bool { return worlds[i].Outer != o })
	}
	if free.Empty() {
		b.WriteString("it always fails with \"Deploy lock found\"")
	} else {
		fmt.Fprintf(&b, "under %s it fails with \"Deploy lock found\"", plainOuters(worlds, c.held))
	}
	f := c.inv.Failure
	switch f.Handler {
	case shell.HandledByRetry:
		fmt.Fprintf(&b, " on every try: the loop that retries it never ends, and %s hangs while it holds the lock", firstOuter(worlds, c.held))
	case shell.HandledByIf, shell.HandledByLoop:
		fmt.Fprintf(&b, " and %s takes the failing branch", handlerText(f))
	case shell.NotHandled:
		switch {
		case f.Aborts():
			if len(outers(worlds, c.held)) == 1 {
				fmt.Fprintf(&b, " and aborts %s", plainOuters(worlds, c.held))
			} else {
				b.WriteString(" and aborts the outer command")
			}
		case f.Silent():
			b.WriteString(", and without `set -e` the hook goes on: the step silently does nothing")
		default:
			b.WriteString(" and the hook fails where `set -e` is on")
		}
	default:
		fmt.Fprintf(&b, ", which %s hides: the step silently does nothing", handlerText(f))
	}
	if f.StderrDiscarded {
		b.WriteString("; its error message goes to /dev/null")
	}
	if !free.Empty() {
		verb := "do not hold the lock then"
		if hook == "post-deploy" {
			verb = "release the lock first"
		}
		if len(outers(worlds, free)) == 1 {
			verb = strings.Replace(strings.Replace(verb, "do not", "does not", 1), "release ", "releases ", 1)
		}
		fmt.Fprintf(&b, " (%s %s)", plainOuters(worlds, free), verb)
	}
	if d, ok := c.call.Option("destination"); ok && d.Known {
		fmt.Fprintf(&b, "; with -d %s it takes the lock of that destination, so this happens when the outer command runs with -d %s", d.Text, d.Text)
	}
	if m := c.pass.Kamal; !m.Exact {
		fmt.Fprintf(&b, "; this fails on Kamal %s, and ", releaseRange(c.releases, c.pass.Facts.Releases()))
		if m.Info.Floor {
			fmt.Fprintf(&b, "minimum_version %s allows such a version", m.Info.Version)
		} else {
			b.WriteString("the project's Kamal version is unknown (no Gemfile.lock entry; pass --kamal-version)")
		}
	}
	return b.String()
}

// firstOuter names the outer command of a set, or "the outer command" for several.
func firstOuter(worlds []analyzer.World, s analyzer.Worlds) string {
	if len(outers(worlds, s)) == 1 {
		return plainOuters(worlds, s)
	}
	return "the outer command"
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
func kamalLine(inv *analyzer.Invocation) string {
	var parts []string
	for _, f := range inv.Argv {
		if f.Known && f.Text == "" {
			parts = append(parts, `""`) // an empty word, as it is written
			continue
		}
		parts = append(parts, f.Text)
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
