package rules

import (
	"fmt"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// LockInheritanceBroken returns HL103 lock-inheritance-broken: on Kamal >= 2.6.0, a nested
// kamal that takes the lock under a held lock but cannot see KAMAL_LOCK=true.
func LockInheritanceBroken() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL103",
		Name:     "lock-inheritance-broken",
		Severity: analyzer.SeverityError,
		Summary:  "A nested kamal cannot see KAMAL_LOCK, so on Kamal >= 2.6.0 it still hits the held lock",
		Doc: `From Kamal 2.6.0, hooks that run under the deploy lock get KAMAL_LOCK=true, and a nested
kamal 2.6.0 or later that sees it shares the outer lock instead of taking it (lock-model.md
§2.4). That only works while the variable reaches the nested process: env -i, sudo without
-E or --preserve-env=KAMAL_LOCK, su - (a login shell), ssh HOST kamal ..., docker run of
Kamal's image without -e KAMAL_LOCK, KAMAL_LOCK=false or unset KAMAL_LOCK in the hook all
drop it, and a nested Kamal older than 2.6.0 (an older image tag) ignores it. The nested
command then takes the lock itself and fails with "Deploy lock found". When the project's
Kamal version is not known exactly, the finding is a warning.`,
		Bad: `#!/bin/sh
sudo -u deploy kamal accessory reboot db
`,
		Good: `#!/bin/sh
sudo --preserve-env=KAMAL_LOCK -u deploy kamal accessory reboot db
`,
		Project: map[string]string{"Gemfile.lock": "GEM\n  specs:\n    kamal (2.6.0)\n"},
		Run:     runLockInheritanceBroken,
	}
}

// inheritanceBreak is why a nested call does not share the outer lock.
type inheritanceBreak struct {
	env    shell.EnvValue // KAMAL_LOCK at the call
	nested kamal.Version  // the nested Kamal, when it is older than 2.6.0
	held   analyzer.Worlds
}

func runLockInheritanceBroken(pass *analyzer.Pass) {
	if pass.Facts == nil {
		return
	}
	for _, site := range pass.Facts.Sites {
		for _, inv := range site.Invocations {
			b, ok := brokenInheritance(pass, inv)
			if !ok {
				continue
			}
			d := analyzer.Diagnostic{Span: siteSpan(pass, site), Message: b.message(pass, inv), Suggestions: b.suggestions(pass, inv)}
			if m := pass.Kamal; !m.Exact {
				d.Severity = analyzer.SeverityWarning // the documented reason: the version is not known
				if m.Info.Floor {
					d.Message += fmt.Sprintf("; this is on Kamal 2.6.0 and later, which minimum_version %s allows", m.Info.Version)
				} else {
					d.Message += "; this is on Kamal 2.6.0 and later, and the project's Kamal version is unknown"
				}
			}
			pass.Report(withChain(pass, inv, d))
			break // one finding per site
		}
	}
}

// brokenInheritance checks a nested call in every world that holds the lock at a release
// that passes it on (>= 2.6.0).
func brokenInheritance(pass *analyzer.Pass, inv *analyzer.Invocation) (inheritanceBreak, bool) {
	var b inheritanceBreak
	pass.Facts.Held(inv.Worlds).Each(func(i int) {
		env := inv.EnvAt("KAMAL_LOCK", i)
		for _, v := range pass.Facts.Worlds[i].Releases {
			if v.Less(kamal.InheritsLock) {
				continue // HL101's
			}
			nv := inv.Version(v)
			call := inv.Call(v)
			if !call.TakesLock(nv) || call.Command.LockOp != kamal.LockOpNone || !inv.SameLock(v) ||
				!inv.SameDestination(v, pass.Facts.Worlds[i]) {
				continue
			}
			switch {
			case nv.Less(kamal.InheritsLock):
				b.nested = nv
			case env.State == shell.EnvInherited, env.State == shell.EnvSet && env.Known && env.Value == "true":
				continue
			}
			if b.held.Empty() {
				b.env = env // what the message says: the first world's
			}
			b.held |= 1 << i
		}
	})
	return b, !b.held.Empty()
}

func (b inheritanceBreak) message(pass *analyzer.Pass, inv *analyzer.Invocation) string {
	shown := "`" + kamalLine(inv) + "`"
	if via := viaFiles(inv); via != "" {
		shown += " (via " + via + ")"
	}
	var why string
	switch {
	case !b.nested.IsZero():
		why = fmt.Sprintf("runs Kamal %s (the image tag), which ignores KAMAL_LOCK", b.nested)
	case b.env.State == shell.EnvCleared:
		why = "cannot see KAMAL_LOCK: " + clearedBy(b.env.Cause)
	case b.env.State == shell.EnvUnset:
		why = "cannot see KAMAL_LOCK: the hook unsets it first"
	case b.env.State == shell.EnvVaries:
		why = "may not see KAMAL_LOCK=true: the hook changes it on some paths"
	case b.env.Known:
		why = fmt.Sprintf("sees KAMAL_LOCK=%q, not true: the hook sets it", b.env.Value)
	default:
		why = "may not see KAMAL_LOCK=true: the hook sets it to a value computed at run time"
	}
	holds := "which holds"
	if len(outers(pass.Facts.Worlds, b.held)) > 1 {
		holds = "which hold"
	}
	return fmt.Sprintf("%s %s, so under %s, %s the deploy lock, it takes the lock itself and fails with \"Deploy lock found\"",
		shown, why, quotedOuters(pass.Facts.Worlds, b.held), holds)
}

// clearingWrapper names the wrapper behind which a VAR=value word passes a variable on
// after a clear, and how a message shows it: "" for a cause with a fix of its own.
func clearingWrapper(c shell.EnvCause) (name, shown string) {
	switch c {
	case shell.CauseEnvClear:
		return "env", "`env -i`"
	case shell.CauseSSH:
		return "ssh", "`ssh HOST`"
	}
	return "", ""
}

// clearedBy says what starts a command without the hook's environment.
func clearedBy(c shell.EnvCause) string {
	switch c {
	case shell.CauseEnvClear:
		return "`env -i` starts it with an empty environment"
	case shell.CauseSudo:
		return "`sudo` resets the environment (keep it with --preserve-env=KAMAL_LOCK or -E)"
	case shell.CauseLogin:
		return "`su -` starts a login shell with a fresh environment"
	case shell.CauseSSH:
		return "it runs on another host over ssh, which passes none of the hook's variables"
	case shell.CauseDocker:
		return "`docker run` passes only the variables named with -e (add -e KAMAL_LOCK)"
	}
	return "its environment is reset"
}

// suggestions are the mechanical fixes: keep the variable through sudo or docker run, or
// pass it on the command line.
func (b inheritanceBreak) suggestions(pass *analyzer.Pass, inv *analyzer.Invocation) []analyzer.Suggestion {
	if !b.nested.IsZero() || b.env.State != shell.EnvCleared || inv.InScript {
		return []analyzer.Suggestion{}
	}
	insertAt := func(pos analyzer.Span, text string) []analyzer.TextEdit {
		return []analyzer.TextEdit{{Span: analyzer.Span{Start: pos.End, End: pos.End}, NewText: text}}
	}
	for _, w := range inv.Wrappers {
		switch {
		case w.Name == "sudo" && b.env.Cause == shell.CauseSudo:
			return []analyzer.Suggestion{{Kind: "keep-lock", Message: "keep KAMAL_LOCK through sudo: sudo --preserve-env=KAMAL_LOCK",
				Edits: insertAt(pass.Hook.Span(w.Pos, w.End), " --preserve-env=KAMAL_LOCK")}}
		case w.Name == "docker" && b.env.Cause == shell.CauseDocker:
			return []analyzer.Suggestion{{Kind: "keep-lock", Message: "pass KAMAL_LOCK into the container: docker run -e KAMAL_LOCK",
				Edits: insertAt(pass.Hook.Span(w.Pos, w.End), " -e KAMAL_LOCK")}}
		}
	}
	// env -i and ssh: a VAR=value word right after them (before any wrapper they run,
	// which would take it for its program) reaches the nested kamal.
	if clearer, shown := clearingWrapper(b.env.Cause); clearer != "" {
		at := pass.Hook.Span(inv.Argv[0].Pos, inv.Argv[0].Pos)
		for i, w := range inv.Wrappers {
			if w.Name == clearer && i+1 < len(inv.Wrappers) {
				at = pass.Hook.Span(inv.Wrappers[i+1].Pos, inv.Wrappers[i+1].Pos)
			}
		}
		text := `KAMAL_LOCK="$KAMAL_LOCK" `
		return []analyzer.Suggestion{{Kind: "keep-lock", Message: "pass KAMAL_LOCK on: " + strings.TrimSpace(text) + " after " + shown,
			Edits: []analyzer.TextEdit{{Span: analyzer.Span{Start: at.Start, End: at.Start}, NewText: text}}}}
	}
	return []analyzer.Suggestion{}
}
