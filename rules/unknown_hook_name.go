package rules

import (
	"fmt"
	"github.com/hooklint/hooklint/internal/editdist"
	"path"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// UnknownHookName returns HL003 unknown-hook-name: a file in the hooks folder that Kamal
// never runs, or a hook name the project's Kamal release does not run.
func UnknownHookName() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL003",
		Name:     "unknown-hook-name",
		Severity: analyzer.SeverityWarning,
		Summary:  "A file in the hooks folder that Kamal never runs, or a hook the project's Kamal release does not have",
		Doc: `Kamal looks for each hook by its exact name in the hooks folder (.kamal/hooks, or
hooks_path in deploy.yml) and skips it without a word when no such file exists
(lock-model.md §6.1). post-deploy.sh, post_deploy, postdeploy and Post-Deploy therefore
never run: the step the hook was written for silently never happens. hooklint names the
hook the file was meant to be (an extension, an underscore, letter case, a typo) and the
command that renames it. A name that resembles no hook is reported as info: it may be a
helper that the hooks call. Kamal's *.sample files, backups (.bak, .orig, .old,
.disabled, ~) and notes (.md, .txt) are left alone.

A hook that exists in some Kamal releases only is reported when no release the project may
be on runs it: pre-app-boot and post-app-boot before 2.5.0, the proxy hooks on Kamal 1,
docker-setup before 1.4.0, the traefik hooks before 1.2.0. When the Kamal version is not
known exactly (a minimum_version floor, or nothing) and some of the possible releases run
the hook, it is not reported: the project is taken to be on one of those.

Kamal 2 replaced Traefik with kamal-proxy and refuses to load the configuration while a
file named pre-traefik-reboot or post-traefik-reboot exists in the hooks folder: every
command fails with "Found pre-traefik-reboot, these should be renamed to
(pre|post)-proxy-reboot" (lib/kamal/configuration.rb, ensure_no_traefik_reboot_hooks). That
is an error on Kamal 2, and a warning when the version is unknown.`,
		Bad:      "#!/bin/sh\necho \"Deployed $KAMAL_VERSION\"\n",
		BadFile:  analyzer.ExampleFile{Name: "post-deploy.sh"},
		Good:     "#!/bin/sh\necho \"Deployed $KAMAL_VERSION\"\n",
		GoodFile: analyzer.ExampleFile{Name: "post-deploy"},
		Run:      runUnknownHookName,
	}
}

func runUnknownHookName(pass *analyzer.Pass) {
	h := pass.Hook
	if hook := kamal.FindHook(h.Name); hook != nil {
		checkHookRelease(pass, hook)
		return
	}
	if !h.InHooksFolder || ignoredName(h.Name) {
		return // outside the hooks folder nothing runs it by name: the driver says so
	}
	m := matchHook(h.Name)
	if m.hook == nil {
		reportAt1(pass, analyzer.Diagnostic{
			Severity: analyzer.SeverityInfo,
			Message: fmt.Sprintf("Kamal runs no hook named `%s`, so it never runs this file by itself (its hooks are %s): fine for a helper that hooks call, otherwise rename it to the hook it is meant to be",
				h.Name, hookList(pass.Kamal.Releases)),
		})
		return
	}
	target := m.hook
	note := ""
	if !existsIn(target, pass.Kamal.Releases) {
		if next := kamal.FindHook(target.RenamedTo); next != nil && existsIn(next, pass.Kamal.Releases) {
			note = fmt.Sprintf(" (%s became %s in Kamal 2)", target.Name, next.Name)
			target = next
		} else {
			note = fmt.Sprintf(" (and %s runs %s only %s)", projectKamal(pass), target.Name, availability(target))
		}
	}
	msg := fmt.Sprintf("Kamal never runs `%s`: it runs hooks by their exact name and skips this file without a word, so the %s step never happens; %s",
		h.Name, target.Name, m.why)
	dest := path.Join(path.Dir(h.File), target.Name)
	var sugg []analyzer.Suggestion
	if slices.Contains(pass.HookFiles, target.Name) {
		msg += fmt.Sprintf(". %s exists too: merge what this file does into it, or delete this file%s", dest, note)
	} else {
		cmd := renameCommand(h, target.Name)
		msg += fmt.Sprintf(": rename it to %s%s (`%s`)", target.Name, note, cmd)
		sugg = append(sugg, analyzer.Suggestion{Kind: "rename", Message: "run `" + cmd + "`"})
	}
	reportAt1(pass, analyzer.Diagnostic{Message: msg, Suggestions: sugg})
}

// checkHookRelease reports a hook that no release the project may be on runs, and a
// traefik hook that Kamal 2 refuses.
func checkHookRelease(pass *analyzer.Pass, hook *kamal.Hook) {
	h := pass.Hook
	releases := pass.Kamal.Releases
	for _, f := range kamal.ForbiddenHookNames {
		if f.Name != hook.Name || !h.InHooksFolder {
			continue
		}
		var breaks []kamal.Version
		for _, v := range releases {
			if v.AtLeast(f.Since) {
				breaks = append(breaks, v)
			}
		}
		if len(breaks) == 0 {
			return
		}
		fix := "rename it to " + hook.RenamedTo + ", which Kamal 2 runs around `kamal proxy reboot`, once it fits kamal-proxy"
		d := analyzer.Diagnostic{Severity: analyzer.SeverityError}
		if slices.Contains(pass.HookFiles, hook.RenamedTo) {
			fix = "delete it (" + hook.RenamedTo + " exists already)"
		} else {
			cmd := renameCommand(h, hook.RenamedTo)
			fix += " (`" + cmd + "`)"
			d.Suggestions = []analyzer.Suggestion{{Kind: "rename", Message: "run `" + cmd + "`"}}
		}
		if len(breaks) == len(releases) {
			d.Message = fmt.Sprintf("%s refuses to load its configuration while %s exists: every kamal command that reads it (all but init and version) fails with \"Found %s, these should be renamed to (pre|post)-proxy-reboot\" (Kamal 2 replaced Traefik with kamal-proxy); %s",
				projectKamal(pass), h.File, hook.Name, fix)
		} else {
			d.Severity = analyzer.SeverityWarning
			d.Message = fmt.Sprintf("on Kamal %s and later, Kamal refuses to load its configuration while %s exists: every kamal command that reads it (all but init and version) fails with \"Found %s, these should be renamed to (pre|post)-proxy-reboot\"; Kamal 1 runs it around `kamal traefik reboot`. If the project is on Kamal 2, %s",
				f.Since, h.File, hook.Name, fix)
		}
		reportAt1(pass, d)
		return
	}
	if existsIn(hook, releases) {
		// Some release the project may be on runs it: the project is taken to be on one.
		return
	}
	msg := fmt.Sprintf("%s never runs %s: Kamal runs it %s", projectKamal(pass), hook.Name, availability(hook))
	if hook.Until.IsZero() {
		msg += ", so this hook does nothing until the project upgrades"
	}
	reportAt1(pass, analyzer.Diagnostic{Message: msg})
}

// renameCommand is the command that renames a hook file to name, in its folder: `git mv`
// when git tracks it.
func renameCommand(h *analyzer.Hook, name string) string {
	mv := "mv"
	if h.Git.Tracked() {
		mv = "git mv"
	}
	return fmt.Sprintf("%s %s %s", mv, shellQuote(h.File), shellQuote(path.Join(path.Dir(h.File), name)))
}

// reportAt1 reports a finding about the whole file, at line 1, column 1.
func reportAt1(pass *analyzer.Pass, d analyzer.Diagnostic) {
	start := analyzer.Position{Line: 1, Column: 1}
	d.Span = analyzer.Span{Start: start, End: start}
	pass.Report(d)
}

// existsIn reports whether any of the releases runs the hook.
func existsIn(h *kamal.Hook, releases []kamal.Version) bool {
	return slices.ContainsFunc(releases, h.ExistsAt)
}

// availability says which releases run a hook: "from 2.5.0 on", "from 1.2.0 to 1.9.3".
func availability(h *kamal.Hook) string {
	var last kamal.Version
	for _, v := range kamal.Releases {
		if v.Less(h.Until) {
			last = v
		}
	}
	switch {
	case h.Until.IsZero() && h.Since.IsZero():
		return "in every release"
	case h.Until.IsZero():
		return "from " + h.Since.String() + " on"
	case h.Since.IsZero():
		return "up to " + last.String()
	}
	return "from " + h.Since.String() + " to " + last.String()
}

// projectKamal names the releases the project may be on: "Kamal 2.4.0", "Kamal 1.4.0 and
// later", "Kamal".
func projectKamal(pass *analyzer.Pass) string {
	info := pass.Kamal.Info
	switch {
	case pass.Kamal.Exact:
		return "Kamal " + info.Version.String()
	case info.Floor:
		return "Kamal " + info.Version.String() + " and later (minimum_version)"
	}
	return "Kamal"
}

// hookList names the hooks some release the project may be on runs.
func hookList(releases []kamal.Version) string {
	var names []string
	for _, h := range kamal.Hooks() {
		if existsIn(h, releases) {
			names = append(names, h.Name)
		}
	}
	return joinAnd(names)
}

// ignoredName reports whether a file name is one Kamal's users keep in the hooks folder on
// purpose without wanting it run: samples, backups, editor leftovers, notes.
func ignoredName(name string) bool {
	if strings.HasSuffix(name, "~") || strings.EqualFold(strings.TrimSuffix(name, path.Ext(name)), "readme") {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".sample", ".bak", ".orig", ".old", ".disabled", ".off", ".save", ".swp", ".tmp", ".dist", ".example",
		".md", ".txt", ".rst":
		return true
	}
	return false
}

// scriptExts are the extensions people give hook files, which Kamal does not strip.
var scriptExts = []string{".sh", ".bash", ".zsh", ".ksh", ".dash", ".rb", ".py", ".pl", ".js"}

// hookMatch is the hook a misnamed file was meant to be, and what is wrong with its name.
type hookMatch struct {
	hook *kamal.Hook
	why  string
}

// matchHook finds the hook a file name was meant to be: the same name but for an
// extension, underscores, letter case or missing dashes, else the nearest hook name
// within two edits.
func matchHook(name string) hookMatch {
	base, ext := name, ""
	for _, e := range scriptExts {
		if len(name) > len(e) && strings.EqualFold(name[len(name)-len(e):], e) {
			base, ext = name[:len(name)-len(e)], name[len(name)-len(e):]
			break
		}
	}
	norm := strings.NewReplacer("_", "-", " ", "-", ".", "-").Replace(strings.ToLower(base))
	var whys []string
	if ext != "" {
		whys = append(whys, "hook names have no extension (the shebang says what runs the file)")
	}
	if strings.ContainsAny(base, "_ .") {
		whys = append(whys, "use dashes")
	}
	if strings.ToLower(base) != base {
		whys = append(whys, "are lower case (the file does run where the file system ignores case, as macOS does by default, but never on Linux: CI, the Kamal Docker image)")
	}
	if len(whys) > 0 && !strings.HasPrefix(whys[0], "hook names") {
		whys[0] = "hook names " + whys[0]
	}
	if h := kamal.FindHook(norm); h != nil {
		return hookMatch{h, joinAnd(whys)}
	}
	undashed := strings.ReplaceAll(norm, "-", "")
	for _, h := range kamal.Hooks() {
		if strings.ReplaceAll(h.Name, "-", "") == undashed {
			return hookMatch{h, joinAnd(append(whys, "the hook is spelled "+h.Name))}
		}
	}
	var best *kamal.Hook
	bestDist, tie := 3, false
	for _, h := range kamal.Hooks() {
		d := editdist.Distance(norm, h.Name)
		switch {
		case d < bestDist:
			best, bestDist, tie = h, d, false
		case d == bestDist:
			tie = true
		}
	}
	if best == nil || tie || bestDist*4 > len(best.Name) {
		return hookMatch{}
	}
	return hookMatch{best, joinAnd(append(whys, fmt.Sprintf("the name is %d letter%s off %s", bestDist, map[bool]string{true: "s"}[bestDist > 1], best.Name)))}
}
