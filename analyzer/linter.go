package analyzer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/analyzer/script"
)

// Input is one hook to analyse.
type Input struct {
	// Path is where to read the file from: a path on disk, or in the project's
	// [project.Options.FS] when it was loaded from memory (as [project.Project.Path] names
	// it); empty when Src is given (standard input).
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
	// Given is the path as the user wrote it, for notices about it; "" when found by
	// discovery.
	Given string
	// Listed says that the hooks folder's listing gave the file as a regular file, not a
	// symbolic link: it is opened without being described first, and Mode, zero until
	// then, is read from the open file.
	Listed bool
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

// Linter runs rules over the hooks of one project, and applies the hooks' suppression
// directives to what they report.
type Linter struct {
	Rules   []*Rule
	Project *project.Project
	Kamal   Model

	scripts *scriptFiles // the project's script files hooks run, parsed once
	// Known are every rule a suppression directive may name, also those not run (set off);
	// nil means Rules.
	Known []*Rule
	// Workers bounds how many hooks are analysed at once; 0 means GOMAXPROCS. The result
	// is the same whatever the number.
	Workers int
	// GitIndexes, when set, is shared with the linters of other projects of the same run,
	// so that a repository's index is read once for all of them; nil reads it for this
	// project alone.
	GitIndexes *GitIndexes

	gitOnce   sync.Once
	git       *gitIndex // read on first use
	hooksOnce sync.Once
	hookFiles []string // read on first use
	aliasOnce sync.Once
	aliases   *aliasSet // deploy.yml's aliases, for every hook's nested calls; made on first use
}

// hookResult is what analysing one input gave.
type hookResult struct {
	src         []byte // nil when the input could not be read
	problems    []Problem
	diagnostics []Diagnostic
}

// NewLinter prepares a linter for a loaded project.
func NewLinter(p *project.Project, rules []*Rule) *Linter {
	return &Linter{Rules: rules, Project: p, Kamal: NewModel(p.Kamal), scripts: newScriptFiles(p)}
}

// Run analyses every input and returns the sorted findings. A hook that cannot be read is a
// Problem; the others are still analysed.
func (l *Linter) Run(inputs []Input) *Result {
	res := &Result{
		Root:    l.Project.Root,
		Kamal:   KamalVersion{Source: l.Project.Kamal.Source, Floor: l.Project.Kamal.Floor},
		Sources: make(map[string][]byte, len(inputs)),
	}
	if !l.Project.Kamal.Version.IsZero() {
		res.Kamal.Version = l.Project.Kamal.Version.String()
	}
	for _, p := range l.Project.Problems {
		res.Problems = append(res.Problems, Problem{Kind: ProblemConfig, File: p.File, Line: p.Line, Message: p.Message})
	}
	// Hooks are analysed in parallel, each into its own slot; the slots are then merged
	// in input order, so the result does not depend on scheduling.
	results := make([]hookResult, len(inputs))
	workers := l.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// The calling goroutine is one of the workers: its stack has already grown to what the
	// walk needs, which a new goroutine's grows to again by copying, and one worker then
	// starts none.
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < len(inputs); i = int(next.Add(1) - 1) {
			results[i] = l.analyse(inputs[i])
		}
	}
	var wg sync.WaitGroup
	for range min(workers, len(inputs)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	n := 0
	for _, r := range results {
		n += len(r.diagnostics)
	}
	res.Diagnostics = make([]Diagnostic, 0, n) // never nil: no findings are []
	for i, r := range results {
		if r.src != nil {
			res.Sources[inputs[i].File] = r.src
		}
		res.Problems = append(res.Problems, r.problems...)
		res.Diagnostics = append(res.Diagnostics, r.diagnostics...)
	}
	res.Diagnostics = SortDiagnostics(res.Diagnostics)
	return res
}

// analyse reads one input and lints it.
func (l *Linter) analyse(in Input) (r hookResult) {
	src := in.Src
	if src == nil {
		var err error
		if in.Listed {
			src, in.Mode, err = l.Project.ReadListedFile(in.Path, MaxHookSize)
			err = project.PathErrorCause(err)
		} else {
			src, err = readHook(l.Project, in.Path)
		}
		if err != nil {
			r.problems = append(r.problems, Problem{Kind: ProblemInput, File: in.File, Message: err.Error()})
			return r
		}
	} else if err := CheckHookSource(src); err != nil {
		r.problems = append(r.problems, Problem{Kind: ProblemInput, File: in.File, Message: err.Error()})
		return r
	}
	r.src = src
	if err := l.lintHook(in, src, &r); err != nil {
		r.problems = append(r.problems, Problem{Kind: ProblemInput, File: in.File, Message: err.Error()})
	}
	return r
}

// lintHook parses and walks one hook once and runs every rule over the result. A panic is
// returned as an error, so that one bad file cannot cost the results of the others.
func (l *Linter) lintHook(in Input, src []byte, res *hookResult) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error, please report it: %v", v)
		}
	}()
	h := parseHook(in.Hook, in.File, src)
	h.Mode = in.Mode
	h.InHooksFolder = path.Dir(in.File) == path.Clean(l.Project.HooksPath)
	if in.Path != "" && !l.Project.InMemory() {
		h.Git = l.gitStatus(in.Path)
	}
	if h.TooDeep != nil {
		res.problems = append(res.problems, Problem{Kind: ProblemInput, File: h.File, Line: h.TooDeep.Line,
			Message: fmt.Sprintf("nested more than %d levels deep; the file is not analysed", MaxNesting)})
	}
	var facts *Facts
	if lang, ok := script.LangOf(h.Interpreter); !h.Shell && ok {
		facts = newScriptFacts(h, lang, l.Project, l.Kamal, l.aliasSet())
	}
	if h.Shell {
		facts = newFacts(h, l.Project, l.Kamal, l.scripts, l.aliasSet())
		if facts.TooDeep {
			res.problems = append(res.problems, Problem{Kind: ProblemInput, File: h.File,
				Message: "nested too deeply, or through too many function calls, for hooklint to follow; some commands are not analysed"})
		}
		if facts.TooManyCalls {
			res.problems = append(res.problems, Problem{Kind: ProblemInput, File: h.File,
				Message: fmt.Sprintf("runs kamal more than %d times; only the first %d calls are analysed", MaxInvocations, MaxInvocations)})
		}
	}
	var found []Diagnostic
	// One pass serves every rule of the hook, its rule and directives set before each run.
	pass := &Pass{Hook: h, Facts: facts, Project: l.Project, Kamal: l.Kamal, HookFiles: l.listHooks(),
		report: func(d Diagnostic) { found = append(found, d) }}
	run := func(r *Rule, dirs []*Directive) {
		pass.Rule, pass.Directives = r, dirs
		if err := runRule(r, pass); err != nil {
			res.problems = append(res.problems, Problem{Kind: ProblemInput, File: h.File, Message: err.Error()})
		}
	}
	for _, r := range l.Rules {
		if !r.AfterSuppression {
			run(r, nil)
		}
	}
	// Suppression is applied here, once every rule has reported, and never in a rule.
	known := l.Known
	if known == nil {
		known = l.Rules
	}
	dirs := FindDirectives(h, known, func(r *Rule) bool {
		return slices.ContainsFunc(l.Rules, func(x *Rule) bool { return x.ID == r.ID })
	})
	found = Suppress(found, h.File, dirs)
	for _, r := range l.Rules {
		if r.AfterSuppression {
			n := len(found)
			run(r, dirs)
			found = append(found[:n], Suppress(found[n:], h.File, dirs)...)
		}
	}
	res.diagnostics = append(res.diagnostics, found...)
	return nil
}

// gitStatus looks a file up in the index of the repository around the project, read once.
func (l *Linter) gitStatus(file string) GitStatus {
	l.gitOnce.Do(func() {
		indexes := l.GitIndexes
		if indexes == nil {
			indexes = NewGitIndexes()
		}
		l.git = indexes.find(filepath.Clean(l.Project.Root))
	})
	abs, err := filepath.Abs(file)
	if err != nil {
		return GitUnknown
	}
	return l.git.status(abs)
}

// aliasSet returns the project's aliases as nested calls resolve them, made once.
func (l *Linter) aliasSet() *aliasSet {
	l.aliasOnce.Do(func() { l.aliases = newAliasSet(l.Project) })
	return l.aliases
}

// listHooks returns the names of the files in the project's hooks folder, read once; nil
// when it cannot be read.
func (l *Linter) listHooks() []string {
	l.hooksOnce.Do(func() {
		entries, _ := l.Project.HooksFolder()
		for _, e := range entries {
			l.hookFiles = append(l.hookFiles, e.Name())
		}
	})
	return l.hookFiles
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

// DiscoverHooks lists the hooks of a project, on disk or in memory: every file in its hooks folder except
// Kamal's `*.sample` files, hidden files and directories, each with its [Input.Mode] (or,
// for a regular file, [Input.Listed]: its mode is read when it is).
// Symlinks are followed, as Kamal follows them. A missing hooks folder yields no inputs and
// no problem.
func DiscoverHooks(p *project.Project) ([]Input, []Problem) {
	entries, err := p.HooksFolder()
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
		rel := pathJoin(p.HooksPath, name)
		full := p.Path(rel)
		if e.Type().IsRegular() {
			inputs = append(inputs, Input{Path: full, File: rel, Hook: name, Listed: true})
			continue
		}
		// Directories are not hooks. Anything else is read, and reading says what is wrong
		// with it (a FIFO, a symlink loop), in the same words as for any other file.
		mode := p.FileMode(full)
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
