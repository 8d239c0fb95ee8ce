package driver

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

// HookRow is one hook of a project against the outer commands that run it, over the Kamal
// releases the project may be on: a line of `hooklint hooks`, and the playground's table.
type HookRow struct {
	// Hook is the hook's name ("post-deploy").
	Hook string
	// Releases are the releases that run the hook, when not all of them ("from 2.5.0").
	Releases string
	// InFolder is set for a file of the project's hooks folder.
	InFolder bool
	// Ignored is set for a file of the hooks folder that the configuration ignores.
	Ignored bool
	// Findings counts the file's findings by severity ("1 error, 2 warnings"); "" for none.
	Findings string
	// RunBy are the outer commands that run the hook, in Kamal's order.
	RunBy []OuterRun
	// None says why no outer command runs the hook; "" when one does.
	None string
}

// Name is the hook's name, with the releases that run it when not all:
// "pre-app-boot [from 2.5.0]".
func (r HookRow) Name() string {
	if r.Releases != "" {
		return r.Hook + " [" + r.Releases + "]"
	}
	return r.Hook
}

// RunByText lists the outer commands as `hooklint hooks` shows them:
// "setup (locked), deploy, redeploy, rollback", or why there is none.
func (r HookRow) RunByText() string {
	if len(r.RunBy) == 0 {
		return r.None
	}
	parts := make([]string, len(r.RunBy))
	for i, o := range r.RunBy {
		parts[i] = o.String()
	}
	return strings.Join(parts, ", ")
}

// OuterRun is an outer command that runs a hook, and whether it holds the deploy lock
// meanwhile.
type OuterRun struct {
	// Command is the outer command line without "kamal": "setup", "app boot".
	Command string
	// Releases are the releases in which it runs the hook, when not all that run the hook.
	Releases string
	// Locked is set when the command holds the lock while the hook runs, in some release
	// at least.
	Locked bool
	// LockedReleases are the releases in which it holds the lock, when Locked and not all
	// of Releases ("before 1.6.0").
	LockedReleases string
}

// String renders the outer command as `hooklint hooks` does: "deploy (locked before 1.6.0)".
func (o OuterRun) String() string {
	s := o.Command
	if o.Releases != "" {
		s += " [" + o.Releases + "]"
	}
	switch {
	case o.Locked && o.LockedReleases != "":
		s += " (locked " + o.LockedReleases + ")"
	case o.Locked:
		s += " (locked)"
	}
	return s
}

// HooksTable lists a project's hooks: those in its hooks folder, in order, then the others
// Kamal runs in the releases the project may be on, each with the outer commands that run
// it and the findings of the report.
func HooksTable(pr *ProjectReport) []HookRow {
	p := pr.Project
	model := analyzer.NewModel(p.Kamal)
	present, _ := analyzer.DiscoverHooks(p)
	var rows []HookRow
	seen := map[string]bool{}
	for _, in := range present {
		seen[in.Hook] = true
		r := hookRow(model, in.Hook)
		r.InFolder = true
		if pr.Config.Ignored(in.File) {
			r.Ignored = true
		} else {
			r.Findings = countFindings(pr.Diagnostics, in.File)
		}
		rows = append(rows, r)
	}
	for _, h := range kamal.Hooks() {
		if seen[h.Name] || !slices.ContainsFunc(model.Releases, h.ExistsAt) {
			continue
		}
		rows = append(rows, hookRow(model, h.Name))
	}
	return rows
}

// HookRunBy is the row of one hook, whether the project has it or not, without findings.
func HookRunBy(info project.VersionInfo, hook string) HookRow {
	return hookRow(analyzer.NewModel(info), hook)
}

// VersionLine says which Kamal releases a table is for: "Kamal 2.5.3 (Gemfile.lock)",
// "Kamal 2.0.0 or later (minimum_version): releases 2.0.0 to 2.12.0", "Kamal version
// unknown: releases 1.0.0 to 2.12.0".
func VersionLine(info project.VersionInfo) string {
	all := analyzer.NewModel(info).Releases
	switch {
	case info.Known():
		return fmt.Sprintf("Kamal %s (%s)", info.Version, info.Source)
	case info.Floor:
		return fmt.Sprintf("Kamal %s or later (%s): releases %s to %s", info.Version, info.Source, all[0], all[len(all)-1])
	}
	return fmt.Sprintf("Kamal version unknown: releases %s to %s", all[0], all[len(all)-1])
}

// countFindings counts a file's findings by severity, "1 error, 2 warnings"; "" for none.
func countFindings(ds []analyzer.Diagnostic, file string) string {
	counts := map[analyzer.Severity]int{}
	for _, d := range ds {
		if d.File == file {
			counts[d.Severity]++
		}
	}
	var parts []string
	for _, sev := range []analyzer.Severity{analyzer.SeverityError, analyzer.SeverityWarning, analyzer.SeverityInfo} {
		switch n := counts[sev]; {
		case n == 1 || (n > 1 && sev == analyzer.SeverityInfo):
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %ss", n, sev))
		}
	}
	return strings.Join(parts, ", ")
}

// hookRow lists the outer commands that run a hook over the model's releases, each marked
// locked where it holds the lock meanwhile, with the releases concerned when not all.
func hookRow(m analyzer.Model, hook string) HookRow {
	row := HookRow{Hook: hook}
	if kamal.FindHook(hook) == nil {
		row.None = "none: Kamal never runs a hook of this name"
		return row
	}
	worlds := m.Worlds(hook)
	if len(worlds) == 0 {
		row.None = "none in these releases"
		return row
	}
	type outer struct {
		name       string
		runs, held []kamal.Version
	}
	var list []*outer
	var hookRuns []kamal.Version
	for _, w := range worlds {
		i := slices.IndexFunc(list, func(o *outer) bool { return o.name == w.Outer })
		if i < 0 {
			list = append(list, &outer{name: w.Outer})
			i = len(list) - 1
		}
		o := list[i]
		o.runs = addReleases(o.runs, w.Releases)
		hookRuns = addReleases(hookRuns, w.Releases)
		if w.Held {
			o.held = addReleases(o.held, w.Releases)
		}
	}
	row.Releases = releasesOf(hookRuns, m.Releases)
	for _, o := range list {
		run := OuterRun{Command: o.name, Releases: releasesOf(o.runs, hookRuns), Locked: len(o.held) > 0}
		if run.Locked {
			run.LockedReleases = releasesOf(o.held, o.runs)
		}
		row.RunBy = append(row.RunBy, run)
	}
	return row
}

// addReleases returns the sorted union of two sets of releases.
func addReleases(set, more []kamal.Version) []kamal.Version {
	for _, v := range more {
		if !slices.Contains(set, v) {
			set = append(set, v)
		}
	}
	slices.SortFunc(set, func(a, b kamal.Version) int { return a.Compare(b) })
	return set
}

// releasesOf describes the releases sub among all (both sorted): "" when they are all of
// them, "before 1.6.0", "from 2.5.0", or runs such as "1.2.0 to 1.9.3".
func releasesOf(sub, all []kamal.Version) string {
	if slices.Equal(sub, all) {
		return ""
	}
	if len(sub) > 0 && slices.Equal(sub, all[:len(sub)]) {
		return "before " + all[len(sub)].String()
	}
	if len(sub) > 0 && slices.Equal(sub, all[len(all)-len(sub):]) {
		return "from " + sub[0].String()
	}
	var runs []string
	for i := 0; i < len(sub); {
		j := i
		for j+1 < len(sub) && slices.Index(all, sub[j+1]) == slices.Index(all, sub[j])+1 {
			j++
		}
		if i == j {
			runs = append(runs, sub[i].String())
		} else {
			runs = append(runs, sub[i].String()+" to "+sub[j].String())
		}
		i = j + 1
	}
	return strings.Join(runs, ", ")
}
