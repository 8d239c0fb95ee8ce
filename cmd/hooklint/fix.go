package main

import (
	"fmt"

	"github.com/hooklint/hooklint/analyzer/driver"
	"github.com/hooklint/hooklint/analyzer/fix"
)

// showDiff prints the fixes --fix would apply as a unified diff, and returns the exit
// status of the run without them: nothing is changed.
func (c *Command) showDiff(rep *driver.Report, opts driver.Options) int {
	plan := fix.Plan(rep, opts)
	for _, f := range plan.Failures {
		fmt.Fprintf(c.Stderr, "hooklint: %s\n", f)
	}
	for _, f := range plan.Files {
		if _, err := c.Stdout.Write(f.Diff()); err != nil {
			fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
			return exitFailure
		}
	}
	return outcomeStatus(rep.Outcome(0))
}

// applyFixes writes the fixes of rep's findings and lints again, returning the new report
// (nil when the run cannot go on) and the exit status so far: exitFailure when a file
// could not be written.
func (c *Command) applyFixes(rep *driver.Report, opts driver.Options) (*driver.Report, int) {
	plan := fix.Plan(rep, opts)
	status := exitOK
	for _, f := range plan.Failures {
		fmt.Fprintf(c.Stderr, "hooklint: %s\n", f)
	}
	written := 0
	for _, f := range plan.Files {
		if err := f.Write(); err != nil {
			fmt.Fprintf(c.Stderr, "hooklint: %s: not fixed: %v\n", f.File, err)
			status = exitFailure
			continue
		}
		written++
		fmt.Fprintf(c.Stderr, "hooklint: %s: fixed %s\n", f.File, plural(len(f.Fixed), "finding"))
		if n := len(f.Skipped); n > 0 {
			fmt.Fprintf(c.Stderr, "hooklint: %s: %s left for the next --fix: %s edits overlap those just made\n",
				f.File, plural(n, "fixable finding"), map[bool]string{true: "its", false: "their"}[n == 1])
		}
	}
	if written == 0 {
		return rep, status
	}
	again, err := driver.Run(opts)
	if err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
		return nil, exitUsage
	}
	return again, status
}

// outcomeStatus is the exit status of a report's outcome.
func outcomeStatus(o driver.Outcome) int {
	switch o {
	case driver.Findings:
		return exitFindings
	case driver.ConfigProblem:
		return exitUsage
	case driver.InputProblem:
		return exitFailure
	}
	return exitOK
}

// plural is "1 finding" or "3 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
