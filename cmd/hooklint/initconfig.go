package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hooklint/hooklint/analyzer/config"
	"github.com/hooklint/hooklint/analyzer/project"
)

// initConfig writes config.Starter as .hooklint.yml at the root of the project that
// contains the working directory, or at the one directory named; it never overwrites a
// file.
func (c *Command) initConfig(paths []string) int {
	if len(paths) > 1 {
		fmt.Fprintln(c.Stderr, "hooklint: --init-config takes at most one directory")
		return exitUsage
	}
	start := c.Dir
	if start == "" {
		start = "."
	}
	if len(paths) == 1 {
		start = filepath.Join(start, paths[0])
		if filepath.IsAbs(paths[0]) {
			start = paths[0]
		}
	}
	root, err := project.FindRoot(start)
	if err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: --init-config: %v\n", project.PathErrorCause(err))
		return exitUsage
	}
	name := filepath.Join(root, config.FileName)
	shown := name
	if wd, err := filepath.Abs(c.Dir); err == nil {
		if rel, err := filepath.Rel(wd, name); err == nil {
			shown = rel
		}
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(c.Stderr, "hooklint: %s already exists; not overwritten\n", shown)
		return exitUsage
	}
	if err == nil {
		_, err = f.WriteString(config.Starter)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %s: %v\n", shown, project.PathErrorCause(err))
		return exitFailure
	}
	fmt.Fprintf(c.Stdout, "wrote %s\n", shown)
	return exitOK
}
