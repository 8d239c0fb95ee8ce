package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/rules"
)

// subcommands are the words that, first on the command line, name a subcommand instead of
// a path; a directory of that name is reached as ./rules.
var subcommands = map[string]func(c *Command, args []string) int{
	"rules":   (*Command).rulesCmd,
	"explain": (*Command).explainCmd,
	"hooks":   (*Command).hooksCmd,
	"lsp":     (*Command).lspCmd,
}

// subUsage is the part of the usage text that lists the subcommands.
const subUsage = `
Subcommands:
  hooklint rules [--format text|json]   list the rules
  hooklint explain ID|name              explain one rule, with examples
  hooklint hooks [flags] [path]         the project's hooks, the outer commands that run
                                        them and whether the deploy lock is held then
  hooklint lsp [flags]                  a language server over standard input and output
A path named like a subcommand is reached as ./rules.
`

// newSubFlags returns a flag set for a subcommand that prints its usage line on errors.
func (c *Command) newSubFlags(name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet("hooklint "+name, flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.Stderr, "usage: %s\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parseSub parses a subcommand's flags, returning the exit status to stop with (-1 to go
// on).
func (c *Command) parseSub(fs *flag.FlagSet, args []string) int {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		return exitUsage
	}
	return -1
}

// rulesCmd lists the rules: ID, name, default severity and summary.
func (c *Command) rulesCmd(args []string) int {
	fs := c.newSubFlags("rules", "hooklint rules [--format text|json]")
	format := fs.String("format", "text", "output `format`: text or json")
	if st := c.parseSub(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.Stderr, "hooklint rules: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	all := rules.All()
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(c.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tDEFAULT\tSUMMARY")
		for _, r := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Summary)
		}
		tw.Flush()
	case "json":
		type jsonRule struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			URL      string `json:"url"`
		}
		out := struct {
			Version int        `json:"version"`
			Rules   []jsonRule `json:"rules"`
		}{Version: 1, Rules: []jsonRule{}}
		for _, r := range all {
			out.Rules = append(out.Rules, jsonRule{r.ID, r.Name, r.Severity.String(), r.Summary, r.URL()})
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
			return exitFailure
		}
	default:
		fmt.Fprintf(c.Stderr, "hooklint rules: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	return exitOK
}

// explainCmd prints one rule's documentation and examples.
func (c *Command) explainCmd(args []string) int {
	fs := c.newSubFlags("explain", "hooklint explain ID|name")
	if st := c.parseSub(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(c.Stderr, "usage: hooklint explain ID|name (`hooklint rules` lists the rules)")
		return exitUsage
	}
	all := rules.All()
	r := analyzer.FindRule(all, fs.Arg(0))
	if r == nil {
		msg := fmt.Sprintf("hooklint explain: no rule is named %q", fs.Arg(0))
		if near := analyzer.NearestRule(all, fs.Arg(0)); near != nil {
			msg += fmt.Sprintf(": did you mean %s (%s)?", near.ID, near.Name)
		} else {
			msg += " (`hooklint rules` lists the rules)"
		}
		fmt.Fprintln(c.Stderr, msg)
		return exitUsage
	}
	writeExplanation(c.Stdout, r)
	return exitOK
}

// writeExplanation renders a rule as docs/rules.md does, for a terminal: paragraphs as
// written, examples indented.
func writeExplanation(w io.Writer, r *analyzer.Rule) {
	fmt.Fprintf(w, "%s %s (default severity: %s)\n\n%s.\n\n%s\n\nReported:\n\n%s\nNot reported:\n\n%s\n%s\n",
		r.ID, r.Name, r.Severity, r.Summary, strings.TrimSpace(r.Doc), indent(r.Bad), indent(r.Good), r.URL())
}

// indent indents every non-empty line of s by four spaces.
func indent(s string) string {
	var b strings.Builder
	for line := range strings.SplitAfterSeq(s, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString("    ")
		}
		b.WriteString(line)
	}
	return b.String()
}
