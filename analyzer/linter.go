package analyzer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer/project"
)

// Input is one hook to analyse.
type Input struct {
	// Path is where to read the file from; empty when Src is given (standard input).
	Path string
	// File is the path shown in findings: relative to the project root when inside it.
	File string
	// Hook is the hook name Kamal runs the file as.
	Hook string
	// Src is the content, when already read.
	Src []byte
	// Mode is the file's mode as found on disk, following a symbolic link as Kamal does when
	// it runs the hook (the link's own mode when its target cannot be reached), so that a rule
	// can check the run bit. Zero when unknown, as for standard input.
	Mode fs.FileMode
}

// FileMode returns the mode of the file name as an [Input] records it: the target's mode,
// following symbolic links, or the link's own mode when the target cannot be reached; zero
// when name cannot be reached at all.
func FileMode(name string) fs.FileMode {
	if info, err := os.Stat(name); err == nil {
		return info.Mode()
	}
	if info, err := os.Lstat(name); err == nil {
		return info.Mode()
	}
	return 0
}

// Linter runs rules over the hooks of one project.
type Linter struct {
	Rules   []*Rule
	Project *project.Project
	Kamal   Model
}

// NewLinter prepares a linter for a loaded project.
func NewLinter(p *project.Project, rules []*Rule) *Linter {
	return &Linter{Rules: rules, Project: p, Kamal: NewModel(p.Kamal)}
}

// Run analyses every input and returns the sorted findings. A hook that cannot be read is a
// Problem; the others are still analysed.
func (l *Linter) Run(inputs []Input) *Result {
	res := &Result{
		Root:        l.Project.Root,
		Kamal:       KamalVersion{Source: l.Project.Kamal.Source, Floor: l.Project.Kamal.Floor},
		Sources:     map[string][]byte{},
		Diagnostics: []Diagnostic{},
	}
	if !l.Project.Kamal.Version.IsZero() {
		res.Kamal.Version = l.Project.Kamal.Version.String()
	}
	for _, p := range l.Project.Problems {
		res.Problems = append(res.Problems, Problem{Kind: ProblemConfig, File: p.File, Line: p.Line, Message: p.Message})
	}
	for _, in := range inputs {
		src := in.Src
		if src == nil {
			var err error
			if src, err = ReadHookFile(in.Path); err != nil {
				res.Problems = append(res.Problems, Problem{Kind: ProblemInput, File: in.File, Message: err.Error()})
				continue
			}
		} else if err := CheckHookSource(src); err != nil {
			res.Problems = append(res.Problems, Problem{Kind: ProblemInput, File: in.File, Message: err.Error()})
			continue
		}
		res.Sources[in.File] = src
		if err := l.lintHook(in, src, res); err != nil {
			res.Problems = append(res.Problems, Problem{Kind: ProblemInput, File: in.File, Message: err.Error()})
		}
	}
	res.Diagnostics = SortDiagnostics(res.Diagnostics)
	return res
}

// lintHook parses and walks one hook once and runs every rule over the result. A panic is
// returned as an error, so that one bad file cannot cost the results of the others.
func (l *Linter) lintHook(in Input, src []byte, res *Result) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error, please report it: %v", v)
		}
	}()
	h := ParseHook(in.Hook, in.File, src)
	h.Mode = in.Mode
	if !h.Shell {
		res.Problems = append(res.Problems, Problem{Kind: ProblemNotice, File: h.File,
			Message: "a " + h.Interpreter + " script: hooklint reads shell hooks only, so it is not analysed"})
	}
	if h.TooDeep != nil {
		res.Problems = append(res.Problems, Problem{Kind: ProblemInput, File: h.File, Line: h.TooDeep.Line,
			Message: fmt.Sprintf("nested more than %d levels deep; the file is not analysed", MaxNesting)})
	}
	var facts *Facts
	if h.Shell {
		facts = newFacts(h, l.Project, l.Kamal)
		if facts.TooDeep {
			res.Problems = append(res.Problems, Problem{Kind: ProblemInput, File: h.File,
				Message: "nested too deeply, or through too many function calls, for hooklint to follow; some commands are not analysed"})
		}
		if facts.TooManyCalls {
			res.Problems = append(res.Problems, Problem{Kind: ProblemInput, File: h.File,
				Message: fmt.Sprintf("runs kamal more than %d times; only the first %d calls are analysed", MaxInvocations, MaxInvocations)})
		}
	}
	for _, r := range l.Rules {
		pass := &Pass{Rule: r, Hook: h, Facts: facts, Project: l.Project, Kamal: l.Kamal,
			report: func(d Diagnostic) { res.Diagnostics = append(res.Diagnostics, d) }}
		if err := runRule(r, pass); err != nil {
			res.Problems = append(res.Problems, Problem{Kind: ProblemInput, File: h.File, Message: err.Error()})
		}
	}
	return nil
}

// runRule runs one rule, turning a panic into an error: a bug in one rule must not cost the
// findings of the others or of the other files.
func runRule(r *Rule, pass *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error in %s (%s), please report it: %v", r.ID, r.Name, v)
		}
	}()
	r.Run(pass)
	return nil
}

// DiscoverHooks lists the hooks of a project: every file in its hooks folder except
// Kamal's `*.sample` files, hidden files and directories, each with its [Input.Mode].
// Symlinks are followed, as Kamal follows them. A missing hooks folder yields no inputs and
// no problem.
func DiscoverHooks(p *project.Project) ([]Input, []Problem) {
	dir := filepath.Join(p.Root, filepath.FromSlash(p.HooksPath))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []Problem{{Kind: ProblemInput, File: p.HooksPath, Message: "cannot read the hooks folder: " + project.PathErrorCause(err).Error()}}
	}
	var inputs []Input
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".sample") || strings.HasPrefix(name, ".") {
			continue
		}
		full := filepath.Join(dir, name)
		rel := pathJoin(p.HooksPath, name)
		// Directories are not hooks. Anything else is read, and reading says what is wrong
		// with it (a FIFO, a symlink loop), in the same words as for any other file.
		mode := FileMode(full)
		if mode.IsDir() {
			continue
		}
		inputs = append(inputs, Input{Path: full, File: rel, Hook: name, Mode: mode})
	}
	slices.SortFunc(inputs, func(a, b Input) int { return strings.Compare(a.File, b.File) })
	return inputs, nil
}

func pathJoin(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return strings.TrimSuffix(dir, "/") + "/" + name
}
