package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/format"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

// Exit statuses (design.md "Command-line contract").
const (
	exitOK       = 0 // nothing at or above the failure threshold
	exitFindings = 1 // findings at or above the threshold
	exitUsage    = 2 // bad usage or configuration
	exitFailure  = 3 // the tool could not read an input, or failed
)

// Command is the hooklint command line, with its streams and environment injected so that
// tests run it in-process.
type Command struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (NO_COLOR).
	Getenv func(string) string
	// Dir is the working directory; "" means the process's.
	Dir string
	// Terminal reports whether Stdout is a terminal; nil means "check Stdout".
	Terminal func() bool
}

const usage = `usage: hooklint [flags] [path ...]

hooklint checks Kamal deploy hooks for nested kamal commands that hit the deploy lock,
and for other mistakes that break hooks. It never runs them.

With no path it checks the project that contains the working directory. A directory is a
project root; a file is one hook (named after its file, or --hook); - reads one hook from
standard input.

Flags:
`

type options struct {
	format        string
	kamalVersion  string
	hook          string
	stdinFilename string
	threshold     string
	version       bool
	paths         []string
}

func (c *Command) parseFlags(args []string) (*options, error) {
	opts := &options{}
	fs := flag.NewFlagSet("hooklint", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.StringVar(&opts.format, "format", "text", "output format: "+strings.Join(format.Names, ", "))
	fs.StringVar(&opts.kamalVersion, "kamal-version", "", "Kamal version `X.Y.Z` to check against (default: from Gemfile.lock, then deploy.yml's minimum_version)")
	fs.StringVar(&opts.hook, "hook", "", "hook `name` for a single file or standard input (default: the file's name)")
	fs.StringVar(&opts.stdinFilename, "stdin-filename", "", "`path` of the hook read from standard input, for messages and the hook name")
	fs.StringVar(&opts.threshold, "failure-threshold", "warning", "lowest `severity` that makes the exit status 1: error, warning or info")
	fs.BoolVar(&opts.version, "version", false, "print hooklint's version and exit")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, usage)
		fs.PrintDefaults()
		fmt.Fprint(c.Stderr, "\nExit status: 0 clean, 1 findings, 2 bad usage or configuration, 3 an input could not be read.\n")
	}
	// Flags may follow paths, as in most linters: parse in rounds.
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		opts.paths = append(opts.paths, args[0])
		args = args[1:]
	}
	if !slices.Contains(format.Names, opts.format) {
		return nil, fmt.Errorf("unknown format %q (want %s)", opts.format, strings.Join(format.Names, ", "))
	}
	if _, err := analyzer.ParseSeverity(opts.threshold); err != nil {
		return nil, fmt.Errorf("--failure-threshold: %v", err)
	}
	if opts.kamalVersion != "" {
		if _, err := kamal.ParseVersion(opts.kamalVersion); err != nil {
			return nil, fmt.Errorf("--kamal-version: %v", err)
		}
	}
	if opts.stdinFilename != "" && !slices.Contains(opts.paths, "-") {
		return nil, errors.New("--stdin-filename needs - among the paths")
	}
	if slices.Contains(opts.paths, "-") && opts.stdinFilename == "" && opts.hook == "" {
		return nil, errors.New("reading a hook from standard input needs --stdin-filename PATH or --hook NAME to say which hook it is")
	}
	if opts.hook != "" && kamal.FindHook(opts.hook) == nil {
		return nil, fmt.Errorf("--hook: Kamal runs no hook named %q (hooks: %s)", opts.hook, strings.Join(hookNames(), ", "))
	}
	return opts, nil
}

// Main runs hooklint with the arguments (without the program name) and returns the exit
// status.
func (c *Command) Main(args []string) int {
	opts, err := c.parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
		return exitUsage
	}
	if opts.version {
		fmt.Fprintf(c.Stdout, "hooklint %s (Kamal lock model checked against %s)\n", analyzer.Version, kamal.Newest)
		return exitOK
	}
	wd := c.Dir
	if wd == "" {
		if wd, err = os.Getwd(); err != nil {
			fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
			return exitFailure
		}
	}
	status := exitOK
	fail := func(s int) { status = max(status, s) }

	targets, problems, notices := c.targets(wd, opts)
	for _, p := range problems {
		fmt.Fprintf(c.Stderr, "hooklint: %s\n", p)
		fail(exitFailure)
	}
	for _, n := range notices {
		fmt.Fprintf(c.Stderr, "hooklint: %s\n", n)
	}
	ruleList := rules.All()
	threshold, _ := analyzer.ParseSeverity(opts.threshold)
	merged := &analyzer.Result{Diagnostics: []analyzer.Diagnostic{}, Sources: map[string][]byte{}}
	for i, t := range targets {
		proj, err := project.Load(t.root, project.Options{KamalVersion: opts.kamalVersion})
		if err != nil {
			fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
			return exitUsage
		}
		inputs := t.inputs
		if t.discover {
			var probs []analyzer.Problem
			inputs, probs = analyzer.DiscoverHooks(proj)
			for _, p := range probs {
				fmt.Fprintf(c.Stderr, "hooklint: %s\n", prefixed(t.prefix, p))
				fail(exitFailure)
			}
			if len(inputs) == 0 && len(probs) == 0 {
				fmt.Fprintf(c.Stderr, "hooklint: no hooks in %s: nothing to check\n", filepath.Join(t.prefix, proj.HooksPath))
			}
		}
		res := analyzer.NewLinter(proj, ruleList).Run(inputs)
		for _, p := range res.Problems {
			fmt.Fprintf(c.Stderr, "hooklint: %s\n", prefixed(t.prefix, p))
			switch p.Kind {
			case analyzer.ProblemConfig:
				fail(exitUsage)
			case analyzer.ProblemInput:
				fail(exitFailure)
			}
		}
		if i == 0 {
			merged.Root, merged.Kamal = res.Root, res.Kamal
		}
		for _, d := range res.Diagnostics {
			d.File = joinPrefix(t.prefix, d.File)
			merged.Diagnostics = append(merged.Diagnostics, d)
			if d.Severity >= threshold {
				fail(exitFindings)
			}
		}
		for f, src := range res.Sources {
			merged.Sources[joinPrefix(t.prefix, f)] = src
		}
	}
	merged.Diagnostics = analyzer.SortDiagnostics(merged.Diagnostics)
	color := c.color()
	if err := format.Write(c.Stdout, opts.format, merged, ruleList, format.Options{Color: color}); err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
		return exitFailure
	}
	return status
}

// target is one project to check: either all its hooks, or the given inputs.
type target struct {
	root     string
	prefix   string // shown before file paths when several projects are checked
	discover bool
	inputs   []analyzer.Input
}

// targets groups the paths on the command line by project. problems are inputs that could
// not be read; notices only inform.
func (c *Command) targets(wd string, opts *options) (targets []*target, problems, notices []string) {
	if len(opts.paths) == 0 {
		root, err := project.FindRoot(wd)
		if err != nil {
			return nil, []string{err.Error()}, nil
		}
		return []*target{{root: root, discover: true}}, nil, nil
	}
	byRoot := map[string]*target{}
	get := func(root string, discover bool) *target {
		key := root
		if discover {
			key += "\x00all"
		}
		if t, ok := byRoot[key]; ok {
			return t
		}
		t := &target{root: root, discover: discover}
		byRoot[key] = t
		targets = append(targets, t)
		return t
	}
	for _, p := range opts.paths {
		if p == "-" {
			src, err := io.ReadAll(io.LimitReader(c.Stdin, analyzer.MaxHookSize+1))
			if err != nil {
				problems = append(problems, "standard input: "+err.Error())
				continue
			}
			name := opts.stdinFilename
			if name == "" {
				name = "<stdin>"
			}
			abs := absPath(wd, name)
			start := wd
			if opts.stdinFilename != "" {
				start = nearestDir(filepath.Dir(abs))
			}
			root, err := project.FindRoot(start)
			if err != nil {
				problems = append(problems, "standard input: "+err.Error())
				continue
			}
			t := get(root, false)
			t.inputs = append(t.inputs, analyzer.Input{File: relTo(root, abs, name), Hook: hookName(opts.hook, name), Src: src})
			continue
		}
		abs := absPath(wd, p)
		info, err := os.Stat(abs)
		if err != nil {
			problems = append(problems, p+": "+project.PathErrorCause(err).Error())
			continue
		}
		if info.IsDir() {
			get(filepath.Clean(abs), true)
			continue
		}
		root, err := project.FindRoot(filepath.Dir(abs))
		if err != nil {
			problems = append(problems, p+": "+err.Error())
			continue
		}
		t := get(root, false)
		name := hookName(opts.hook, p)
		if kamal.FindHook(name) == nil {
			notices = append(notices, fmt.Sprintf("%s: Kamal runs no hook named %q, so no outer command is assumed; name it with --hook", p, name))
		}
		t.inputs = append(t.inputs, analyzer.Input{Path: abs, File: relTo(root, abs, p), Hook: name})
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
	return targets, problems, notices
}

// hookNames lists the hooks Kamal runs, in any version.
func hookNames() []string {
	var names []string
	for _, h := range kamal.Hooks() {
		names = append(names, h.Name)
	}
	return names
}

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

// relTo shows a path relative to the project root when it lies inside it.
func relTo(root, abs, given string) string {
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(given)
	}
	return filepath.ToSlash(rel)
}

func joinPrefix(prefix, file string) string {
	if prefix == "" || prefix == "." {
		return file
	}
	return prefix + "/" + file
}

func prefixed(prefix string, p analyzer.Problem) analyzer.Problem {
	p.File = joinPrefix(prefix, p.File)
	return p
}

// color reports whether to colour the text output: only on a terminal, and never when
// NO_COLOR is set to anything (https://no-color.org).
func (c *Command) color() bool {
	if c.Getenv != nil && c.Getenv("NO_COLOR") != "" {
		return false
	}
	if c.Terminal != nil {
		return c.Terminal()
	}
	f, ok := c.Stdout.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
