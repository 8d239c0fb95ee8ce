package main

import (
	"fmt"
	"path/filepath"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/lsp"
)

// lspCmd runs the language server on standard input and output until the client exits.
func (c *Command) lspCmd(args []string) int {
	fs := c.newSubFlags("lsp", "hooklint lsp [--kamal-version X.Y.Z] [--config PATH]")
	version := fs.String("kamal-version", "", "Kamal version `X.Y.Z` to check against (default: detected per project)")
	config := fs.String("config", "", "configuration file `path` to use instead of each project's .hooklint.yml")
	fs.Bool("stdio", false, "talk over standard input and output (the default and only transport)")
	if st := c.parseSub(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.Stderr, "hooklint lsp: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *version != "" {
		if _, err := kamal.ParseVersion(*version); err != nil {
			fmt.Fprintf(c.Stderr, "hooklint lsp: --kamal-version: %v\n", err)
			return exitUsage
		}
	}
	if *config != "" && !filepath.IsAbs(*config) {
		// Each buffer is linted from its own folder: resolve the file name once, here.
		abs, err := filepath.Abs(filepath.Join(c.Dir, *config))
		if err != nil {
			fmt.Fprintf(c.Stderr, "hooklint lsp: --config: %v\n", err)
			return exitUsage
		}
		*config = abs
	}
	srv := &lsp.Server{KamalVersion: *version, ConfigFile: *config, Log: c.Stderr}
	if err := srv.Serve(c.Stdin, c.Stdout); err != nil {
		fmt.Fprintf(c.Stderr, "hooklint lsp: %v\n", err)
		return 1 // the protocol's status for an exit without shutdown
	}
	return exitOK
}
