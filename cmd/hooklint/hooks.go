package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/driver"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

// hooksCmd prints the project's hooks against the outer commands that run them, for the
// Kamal releases the project may be on, marking where the deploy lock is held and which
// hooks have findings.
func (c *Command) hooksCmd(args []string) int {
	fs := c.newSubFlags("hooks", "hooklint hooks [flags] [path]")
	kamalVersion := fs.String("kamal-version", "", "Kamal version `X.Y.Z` (default: .hooklint.yml, Gemfile.lock, then minimum_version)")
	configFile := fs.String("config", "", "configuration file `path` to use instead of the project's .hooklint.yml")
	if st := c.parseSub(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(c.Stderr, "usage: hooklint hooks [flags] [path]: one project at a time")
		return exitUsage
	}
	rep, err := driver.Run(driver.Options{Dir: c.Dir, Paths: fs.Args(), KamalVersion: *kamalVersion,
		ConfigFile: *configFile, Rules: rules.All()})
	if err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
		return exitUsage
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(c.Stderr, "hooklint: %s\n", p)
	}
	if len(rep.Projects) == 0 {
		return exitFailure
	}
	writeHooks(c.Stdout, rep.Projects[0])
	return exitOK
}

// writeHooks renders the table of one project's hooks.
func writeHooks(w io.Writer, pr *driver.ProjectReport) {
	p := pr.Project
	model := analyzer.NewModel(p.Kamal)
	fmt.Fprintf(w, "%s. \"locked\": the outer command holds the deploy lock while the hook runs.\n\n", versionLine(p.Kamal, model))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "HOOK\tIN %s\tFINDINGS\tRUN BY\n", p.HooksPath)
	present, _ := analyzer.DiscoverHooks(p)
	seen := map[string]bool{}
	for _, in := range present {
		seen[in.Hook] = true
		found := "-"
		if pr.Config.Ignored(in.File) {
			found = "ignored"
		} else if n := countFindings(pr.Diagnostics, in.File); n != "" {
			found = n
		}
		name, outers := runBy(model, in.Hook)
		fmt.Fprintf(tw, "%s\tyes\t%s\t%s\n", name, found, outers)
	}
	for _, h := range kamal.Hooks() {
		if seen[h.Name] || !slices.ContainsFunc(model.Releases, h.ExistsAt) {
			continue
		}
		name, outers := runBy(model, h.Name)
		fmt.Fprintf(tw, "%s\tno\t\t%s\n", name, outers)
	}
	tw.Flush()
}

// versionLine says which Kamal releases the table is for.
func versionLine(info project.VersionInfo, m analyzer.Model) string {
	all := m.Releases
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

// runBy lists the outer commands that run a hook over the model's releases, each marked
// "locked" where it holds the lock meanwhile, with the releases concerned when not all. name
// is the hook's name, followed by the releases that run it when not all.
func runBy(m analyzer.Model, hook string) (name, outers string) {
	if kamal.FindHook(hook) == nil {
		return hook, "none: Kamal never runs a hook of this name"
	}
	worlds := m.Worlds(hook)
	if len(worlds) == 0 {
		return hook, "none in these releases"
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
	name = hook
	if r := releasesOf(hookRuns, m.Releases); r != "" {
		name += " [" + r + "]"
	}
	var parts []string
	for _, o := range list {
		s := o.name
		if r := releasesOf(o.runs, hookRuns); r != "" {
			s += " [" + r + "]"
		}
		switch {
		case len(o.held) == 0:
		case slices.Equal(o.held, o.runs):
			s += " (locked)"
		default:
			s += " (locked " + releasesOf(o.held, o.runs) + ")"
		}
		parts = append(parts, s)
	}
	return name, strings.Join(parts, ", ")
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
