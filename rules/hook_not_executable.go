package rules

import (
	"fmt"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// HookNotExecutable returns HL002 hook-not-executable: a hook without the run bit, which
// Kamal cannot run.
func HookNotExecutable() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL002",
		Name:     "hook-not-executable",
		Severity: analyzer.SeverityError,
		Summary:  "A hook file lacks the run bit, so Kamal aborts the command that runs it",
		Doc: `Kamal runs a hook as a program (/usr/bin/env .kamal/hooks/NAME), after checking only
that the file exists. Without the run bit for its owner, env fails with "Permission
denied", Kamal raises "Hook NAME failed" and the command that ran the hook aborts
(lock-model.md §6.1). Fix it with chmod +x.

Git records the run bit. When the file is tracked without it, every fresh checkout (CI, a
colleague's clone, the machine that deploys) gets a file that cannot run, even if the copy
at hand has the bit: hooklint reads git's index (.git/index, without running git) and then
also asks for git update-index --chmod=+x. Files Kamal does not run as hooks (samples,
misnamed files: see HL003) and standard input, which has no mode, are never reported.`,
		Bad:     "#!/bin/sh\necho \"Deployed $KAMAL_VERSION\"\n",
		BadFile: analyzer.ExampleFile{Mode: 0o644},
		Good:    "#!/bin/sh\necho \"Deployed $KAMAL_VERSION\"\n",
		Run:     runHookNotExecutable,
	}
}

func runHookNotExecutable(pass *analyzer.Pass) {
	h := pass.Hook
	if h.Mode == 0 || !h.Mode.IsRegular() || h.Mode&0o100 != 0 && h.Git != analyzer.GitRegular || !runsInRange(pass) {
		return // executable, on disk and in git's index as far as it is known
	}
	chmod := "chmod +x " + shellQuote(h.File)
	gitFix := "git update-index --chmod=+x " + shellQuote(h.File)
	abort := fmt.Sprintf("%s abort%s with ``Hook `%s` failed`` and `Permission denied`", runners(pass), plural(pass), h.Name)
	var msg string
	fix := "run `" + chmod + "`"
	switch {
	case h.Mode&0o100 == 0 && h.Git == analyzer.GitRegular:
		fix = "run `" + chmod + "` and `" + gitFix + "`"
		msg = fmt.Sprintf("%s is not executable (mode %04o), and git records it so: Kamal runs hooks as programs, so %s; %s, so that fresh checkouts get the run bit too",
			h.File, h.Mode.Perm(), abort, fix)
	case h.Mode&0o100 == 0 && h.Git == analyzer.GitUnknown:
		msg = fmt.Sprintf("%s is not executable (mode %04o): Kamal runs hooks as programs, so %s; run `%s`, and if the file is tracked by git, also `%s`",
			h.File, h.Mode.Perm(), abort, chmod, gitFix)
	case h.Mode&0o100 == 0:
		msg = fmt.Sprintf("%s is not executable (mode %04o): Kamal runs hooks as programs, so %s; %s",
			h.File, h.Mode.Perm(), abort, fix)
	case h.Git == analyzer.GitRegular:
		fix = "run `" + gitFix + "`"
		msg = fmt.Sprintf("%s is executable here, but git records it without the run bit (mode 100644): a fresh checkout (CI, another clone) gets it without, and since Kamal runs hooks as programs, %s there; %s",
			h.File, abort, fix)
	default:
		return
	}
	start := analyzer.Position{Offset: 0, Line: 1, Column: 1}
	pass.Report(analyzer.Diagnostic{
		Span:        analyzer.Span{Start: start, End: start},
		Message:     msg,
		Suggestions: []analyzer.Suggestion{{Kind: "chmod", Message: fix}},
	})
}

// runsInRange reports whether Kamal runs the hook, by its name, in a release the project
// may be on.
func runsInRange(pass *analyzer.Pass) bool {
	hook := kamal.FindHook(pass.Hook.Name)
	if hook == nil {
		return false
	}
	for _, v := range pass.Kamal.Releases {
		if hook.ExistsAt(v) {
			return true
		}
	}
	return false
}

// runners names the outer commands that run the hook, as the subject of a sentence:
// "`kamal setup`, `kamal deploy` and `kamal redeploy`", "every kamal command that connects".
func runners(pass *analyzer.Pass) string {
	worlds := pass.Kamal.Worlds(pass.Hook.Name)
	if len(worlds) > 0 && worlds[0].Outer == kamal.AnyCommand {
		return "every kamal command that connects to a server"
	}
	return quotedOuters(worlds, shell.AllWorlds(len(worlds)))
}

// plural returns the verb ending that goes with runners: "s" for one command, "" for several.
func plural(pass *analyzer.Pass) string {
	worlds := pass.Kamal.Worlds(pass.Hook.Name)
	if len(worlds) > 0 && worlds[0].Outer == kamal.AnyCommand || len(outers(worlds, shell.AllWorlds(len(worlds)))) == 1 {
		return "s"
	}
	return ""
}

// shellQuote quotes a path for a command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '+' || r == '@' || r == ':' || r == ',' ||
			'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
