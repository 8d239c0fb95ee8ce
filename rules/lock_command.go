package rules

import (
	"fmt"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// LockCommand returns HL102 lock-command: `kamal lock acquire` in a hook, or `kamal lock
// release` in a hook that runs under the deploy lock.
func LockCommand() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL102",
		Name:     "lock-command",
		Severity: analyzer.SeverityError,
		Summary:  "A hook runs kamal lock acquire, or kamal lock release while the outer command holds the lock",
		Doc: `kamal lock acquire takes a manual deploy lock and fails if any lock exists; unlike every
other command it ignores KAMAL_LOCK (lock-model.md §3). In a hook that runs under the lock it
always fails with "Deploy lock found"; where the lock is free it leaves a manual lock behind,
and the next deploy fails until someone runs kamal lock release.

kamal lock release removes any lock, the outer command's included. In a hook that runs while
the outer command holds the lock, the outer command goes on unprotected, another deploy can
start meanwhile, and the outer command then fails when it releases a lock that is gone.

Leave the lock to Kamal; to keep others out around a deploy, run kamal lock acquire before the
deploy and kamal lock release after it, as steps of their own.`,
		Bad: `#!/bin/sh
kamal lock release
kamal accessory reboot db
`,
		Good: `#!/bin/sh
kamal accessory exec db --reuse "pg_isready"
`,
		Run: runLockCommand,
	}
}

func runLockCommand(pass *analyzer.Pass) {
	invocations(pass, func(site *analyzer.Site, inv *analyzer.Invocation) {
		var op kamal.LockOp
		for _, v := range releasesOf(pass) {
			if call := inv.Call(v); call.Runs() && !inv.Stops(v) && call.Command.LockOp != kamal.LockOpNone {
				op = call.Command.LockOp
			}
		}
		held := pass.Facts.Held(inv.Worlds)
		var msg string
		switch op {
		case kamal.LockOpAcquire:
			msg = "`kamal lock acquire` in a hook takes a manual deploy lock and ignores KAMAL_LOCK: "
			if !held.Empty() {
				verb := "holds"
				if len(outers(pass.Facts.Worlds, held)) > 1 {
					verb = "hold"
				}
				msg += fmt.Sprintf("under %s, which %s the lock, it fails with \"Deploy lock found\"", plainOuters(pass.Facts.Worlds, held), verb)
			} else {
				msg += "nothing releases it, so the next deploy fails with \"Deploy lock found\" until someone runs `kamal lock release`"
			}
		case kamal.LockOpRelease:
			if held.Empty() {
				return // the lock is free here: releasing it is someone's manual lock, not the outer's
			}
			msg = fmt.Sprintf("`kamal lock release` removes the lock the outer command holds while %s runs (under %s): the outer command goes on unprotected and then fails when it releases a lock that is gone",
				pass.Hook.Name, quotedOuters(pass.Facts.Worlds, held))
		default:
			return
		}
		pass.Report(withChain(pass, inv, analyzer.Diagnostic{Span: siteSpan(pass, site), Message: msg}))
	})
}
