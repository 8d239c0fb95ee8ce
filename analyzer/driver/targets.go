package driver

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/config"
	"github.com/hooklint/hooklint/analyzer/project"
)

// stdinName is how the hook on standard input is shown without a file name.
const stdinName = "<stdin>"

// target is one project to check: all the hooks of its hooks folder (discover), the files
// named, or both.
type target struct {
	root     string // absolute
	prefix   string // shown before file paths when several projects are checked
	discover bool
	inputs   []analyzer.Input
}

// addInput adds in unless a file with the same name is there already.
func (t *target) addInput(in analyzer.Input) {
	if !slices.ContainsFunc(t.inputs, func(x analyzer.Input) bool { return x.File == in.File }) {
		t.inputs = append(t.inputs, in)
	}
}

// findTargets groups the paths by project, one target per project root, in the order the
// paths first name them. problems are paths that cannot be used, and notices.
func findTargets(wd string, opts Options) (targets []*target, problems []analyzer.Problem) {
	if len(opts.Paths) == 0 {
		root, err := project.FindRoot(wd)
		if err != nil {
			return nil, []analyzer.Problem{{Kind: analyzer.ProblemInput, Message: err.Error()}}
		}
		return []*target{{root: root, discover: true}}, nil
	}
	byRoot := map[string]*target{}
	get := func(root string) *target {
		if t, ok := byRoot[root]; ok {
			return t
		}
		t := &target{root: root}
		byRoot[root] = t
		targets = append(targets, t)
		return t
	}
	stdinDone := false
	for _, p := range opts.Paths {
		if p == "-" {
			if stdinDone {
				continue // standard input is one hook, however often - is given
			}
			stdinDone = true
			in, root, err := stdinInput(wd, opts)
			if err != nil {
				problems = append(problems, analyzer.Problem{Kind: analyzer.ProblemInput, File: "standard input", Message: err.Error()})
				continue
			}
			get(root).addInput(in)
			continue
		}
		abs := absPath(wd, p)
		info, err := os.Stat(abs)
		if err != nil {
			problems = append(problems, analyzer.Problem{Kind: analyzer.ProblemInput, File: p, Message: project.PathErrorCause(err).Error()})
			continue
		}
		if info.IsDir() {
			get(abs).discover = true
			continue
		}
		if root, ok := projectFileRoot(abs); ok {
			get(root).discover = true
			continue
		}
		root, err := project.FindRoot(filepath.Dir(abs))
		if err != nil {
			problems = append(problems, analyzer.Problem{Kind: analyzer.ProblemInput, File: p, Message: err.Error()})
			continue
		}
		name := hookName(opts.Hook, p)
		get(root).addInput(analyzer.Input{Path: abs, File: relTo(root, abs, p), Hook: name, Mode: analyzer.FileMode(abs), Given: p})
	}
	if len(targets) > 1 {
		for _, t := range targets {
			if rel, err := filepath.Rel(wd, t.root); err == nil {
				t.prefix = filepath.ToSlash(rel)
			} else {
				t.prefix = filepath.ToSlash(t.root)
			}
		}
	}
	return targets, problems
}

// projectFileRoot reports whether abs is a file that decides how a project's hooks are
// checked rather than a hook: config/deploy.yml or a destination's config/deploy.NAME.yml,
// Gemfile.lock or .hooklint.yml. Named on the command line (as pre-commit and editors
// name changed files), it stands for its project's hooks; root is that project's root.
func projectFileRoot(abs string) (root string, ok bool) {
	dir, base := filepath.Split(abs)
	dir = filepath.Clean(dir)
	switch {
	case base == "Gemfile.lock" || base == config.FileName:
		return dir, true
	case filepath.Base(dir) == "config" && strings.HasPrefix(base, "deploy") &&
		(strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
		return filepath.Dir(dir), true
	}
	return "", false
}

// stdinInput makes the hook on standard input an Input, in the project around
// opts.StdinFilename (or the working directory's without one).
func stdinInput(wd string, opts Options) (analyzer.Input, string, error) {
	name := opts.StdinFilename
	start := wd
	if name == "" {
		name = stdinName
	} else {
		start = nearestDir(filepath.Dir(absPath(wd, name)))
	}
	root, err := project.FindRoot(start)
	if err != nil {
		return analyzer.Input{}, "", err
	}
	src := opts.Stdin
	if src == nil {
		src = []byte{} // Src must be set: nil would make the linter read Path
	}
	in := analyzer.Input{File: relTo(root, absPath(wd, name), name), Hook: hookName(opts.Hook, name), Src: src}
	return in, root, nil
}

// mergeInputs returns the hooks found in the hooks folder and the files named, once each:
// a file named on the command line replaces the hook found under the same name (it may be
// run as another hook).
func mergeInputs(found, named []analyzer.Input) []analyzer.Input {
	var out []analyzer.Input
	for _, in := range found {
		if !slices.ContainsFunc(named, func(x analyzer.Input) bool { return x.File == in.File }) {
			out = append(out, in)
		}
	}
	return append(out, named...)
}

// hookName is the hook a file runs as: the flag's, else the file's name.
func hookName(flagHook, path string) string {
	if flagHook != "" {
		return flagHook
	}
	return filepath.Base(path)
}

func absPath(wd, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(wd, p)
}

// nearestDir returns dir, or its nearest existing ancestor.
func nearestDir(dir string) string {
	for {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// relTo shows a path relative to the project root when it lies inside it, else as given.
func relTo(root, abs, given string) string {
	rel, err := filepath.Rel(root, abs)
	rel = filepath.ToSlash(rel)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return filepath.ToSlash(given)
	}
	return rel
}
