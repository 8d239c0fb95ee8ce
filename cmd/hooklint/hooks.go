package main

import (
	"cmp"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/hooklint/hooklint/analyzer/driver"
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

// writeHooks renders the table of one project's hooks ([driver.HooksTable]).
func writeHooks(w io.Writer, pr *driver.ProjectReport) {
	p := pr.Project
	fmt.Fprintf(w, "%s. \"locked\": the outer command holds the deploy lock while the hook runs.\n\n", driver.VersionLine(p.Kamal))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "HOOK\tIN %s\tFINDINGS\tRUN BY\n", p.HooksPath)
	for _, r := range driver.HooksTable(pr) {
		in, found := "no", ""
		if r.InFolder {
			in, found = "yes", cmp.Or(r.Findings, "-")
			if r.Ignored {
				found = "ignored"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name(), in, found, r.RunByText())
	}
	tw.Flush()
}
