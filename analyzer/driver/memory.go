package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/config"
	"github.com/hooklint/hooklint/analyzer/project"
)

// MemRoot is the root a project in memory ([Options.FS]) is shown at in a [Report].
const MemRoot = "/"

// memName makes a path given for a project in memory a name in its fs.FS: a cleaned slash
// path without a leading slash, "." for the root.
func memName(p string) string {
	name := strings.TrimLeft(path.Clean("/"+strings.ReplaceAll(p, "\\", "/")), "/")
	if name == "" {
		return "."
	}
	return name
}

// memTargets is [findTargets] for a project in memory: the whole of opts.FS is one project.
func memTargets(opts Options) ([]*target, []analyzer.Problem) {
	t := &target{root: MemRoot}
	if len(opts.Paths) == 0 {
		t.discover = true
		return []*target{t}, nil
	}
	var problems []analyzer.Problem
	for _, p := range opts.Paths {
		if p == "-" {
			name := stdinName
			if opts.StdinFilename != "" {
				name = memName(opts.StdinFilename)
			}
			src := opts.Stdin
			if src == nil {
				src = []byte{} // Src must be set: nil would make the linter read Path
			}
			t.addInput(analyzer.Input{File: name, Hook: hookName(opts.Hook, name), Src: src})
			continue
		}
		name := memName(p)
		info, err := fs.Stat(opts.FS, name)
		switch {
		case err != nil:
			problems = append(problems, analyzer.Problem{Kind: analyzer.ProblemInput, File: p, Message: project.PathErrorCause(err).Error()})
		case info.IsDir() && name == ".":
			t.discover = true
		case info.IsDir():
			problems = append(problems, analyzer.Problem{Kind: analyzer.ProblemInput, File: p,
				Message: "a folder of a project in memory: the project is the whole file system; name . or a file"})
		default:
			t.addInput(analyzer.Input{Path: name, File: name, Hook: hookName(opts.Hook, name), Mode: memMode(opts.FS, name), Given: p})
		}
	}
	if !t.discover && len(t.inputs) == 0 {
		return nil, problems
	}
	return []*target{t}, problems
}

// memMode is the mode of a file in memory as an [analyzer.Input] records it.
func memMode(fsys fs.FS, name string) fs.FileMode {
	if info, err := fs.Stat(fsys, name); err == nil {
		return info.Mode()
	}
	return 0
}

// memConfig reads a configuration file from a project in memory: name (a path in fsys), or
// with name "" the project's [config.FileName], when it has one (nil, nil otherwise).
func memConfig(fsys fs.FS, name string, rules []*analyzer.Rule) (*config.Config, error) {
	shown := name
	if name == "" {
		shown = config.FileName
	}
	data, err := fs.ReadFile(fsys, memName(shown))
	switch {
	case errors.Is(err, fs.ErrNotExist) && name == "":
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read the configuration: %w", shown, project.PathErrorCause(err))
	}
	return config.Parse(shown, data, rules)
}
