package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/driver"
	"github.com/hooklint/hooklint/analyzer/format"
	"github.com/hooklint/hooklint/analyzer/kamal"
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
	configFile    string
	initConfig    bool
	version       bool
	fix           bool
	diff          bool
	color         string
	paths         []string
}

func (c *Command) parseFlags(args []string) (*options, error) {
	opts := &options{}
	fs := flag.NewFlagSet("hooklint", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.StringVar(&opts.format, "format", "text", "output format: "+strings.Join(format.Names, ", "))
	fs.StringVar(&opts.kamalVersion, "kamal-version", "", "Kamal version `X.Y.Z` to check against (default: .hooklint.yml's kamal-version, then Gemfile.lock, then deploy.yml's minimum_version)")
	fs.StringVar(&opts.hook, "hook", "", "hook `name` for a single file or standard input (default: the file's name)")
	fs.StringVar(&opts.stdinFilename, "stdin-filename", "", "`path` of the hook read from standard input, for messages and the hook name")
	fs.StringVar(&opts.threshold, "failure-threshold", "", "lowest `severity` that makes the exit status 1: error, warning or info (default: .hooklint.yml's failure-threshold, else warning)")
	fs.StringVar(&opts.configFile, "config", "", "configuration file `path` to use instead of each project's .hooklint.yml")
	fs.BoolVar(&opts.initConfig, "init-config", false, "write a commented .hooklint.yml at the project root and exit")
	fs.BoolVar(&opts.version, "version", false, "print hooklint's version and exit")
	fs.StringVar(&opts.color, "color", "auto", "colour the text output: `always`, never, or auto (on a terminal, unless NO_COLOR is set)")
	fs.BoolVar(&opts.fix, "fix", false, "apply the safe suggested fixes to the hook files, then report what remains")
	fs.BoolVar(&opts.diff, "diff", false, "print the safe suggested fixes as a unified diff instead of the findings; change nothing")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, usage)
		fs.PrintDefaults()
		fmt.Fprint(c.Stderr, subUsage)
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
	if opts.threshold != "" {
		if _, err := analyzer.ParseSeverity(opts.threshold); err != nil {
			return nil, fmt.Errorf("--failure-threshold: %v", err)
		}
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
	if !slices.Contains([]string{"auto", "always", "never"}, opts.color) {
		return nil, fmt.Errorf("--color: want always, never or auto, not %q", opts.color)
	}
	if opts.fix && opts.diff {
		return nil, errors.New("--fix and --diff exclude each other: --diff shows what --fix would write")
	}
	if (opts.fix || opts.diff) && slices.Contains(opts.paths, "-") {
		return nil, errors.New("--fix and --diff change files: standard input cannot be fixed")
	}
	if opts.hook != "" && kamal.FindHook(opts.hook) == nil {
		return nil, fmt.Errorf("--hook: Kamal runs no hook named %q (hooks: %s)", opts.hook, strings.Join(hookNames(), ", "))
	}
	return opts, nil
}

// Main runs hooklint with the arguments (without the program name) and returns the exit
// status.
func (c *Command) Main(args []string) int {
	if len(args) > 0 {
		if sub, ok := subcommands[args[0]]; ok {
			return sub(c, args[1:])
		}
	}
	opts, err := c.parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
		return exitUsage
	}
	if opts.version {
		c.printVersion()
		return exitOK
	}
	if opts.initConfig {
		return c.initConfig(opts.paths)
	}
	ruleList := rules.All()
	status := exitOK
	paths := opts.paths
	var stdin []byte
	if slices.Contains(paths, "-") {
		if stdin, err = io.ReadAll(io.LimitReader(c.Stdin, analyzer.MaxHookSize+1)); err != nil {
			fmt.Fprintf(c.Stderr, "hooklint: standard input: %v\n", err)
			status = exitFailure
			opts.stdinFilename = ""
			if paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return p == "-" }); len(paths) == 0 {
				return status
			}
		}
	}
	threshold, _ := analyzer.ParseSeverity(opts.threshold) // zero when not given
	dopts := driver.Options{
		Dir:              c.Dir,
		Paths:            paths,
		Stdin:            stdin,
		StdinFilename:    opts.stdinFilename,
		Hook:             opts.hook,
		KamalVersion:     opts.kamalVersion,
		Rules:            ruleList,
		ConfigFile:       opts.configFile,
		FailureThreshold: threshold,
	}
	rep, err := driver.Run(dopts)
	if err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
		return exitUsage
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(c.Stderr, "hooklint: %s\n", p)
	}
	if opts.diff {
		return max(status, c.showDiff(rep, dopts))
	}
	if opts.fix {
		var st int
		if rep, st = c.applyFixes(rep, dopts); rep == nil {
			return max(status, st)
		}
		status = max(status, st)
	}
	if err := format.Write(c.Stdout, opts.format, rep.Result(), ruleList, format.Options{Color: c.color(opts.color), Rerun: rerun(opts.paths)}); err != nil {
		fmt.Fprintf(c.Stderr, "hooklint: %v\n", err)
		return exitFailure
	}
	return max(status, outcomeStatus(rep.Outcome(0)))
}

// hookNames lists the hooks Kamal runs, in any version.
func hookNames() []string {
	var names []string
	for _, h := range kamal.Hooks() {
		names = append(names, h.Name)
	}
	return names
}

// color reports whether to colour the text output: as --color says, and for auto only on
// a terminal and never when NO_COLOR is set to anything (https://no-color.org).
func (c *Command) color(mode string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
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

// rerun is the command line that lists every finding of the paths, for the github format's
// note when GitHub hides some.
func rerun(paths []string) string {
	parts := []string{"hooklint"}
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if strings.ContainsAny(p, " \t'\"$`\\|&;<>()*?[]#~") {
			p = "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// printVersion prints hooklint's version (the module's, as built; the source's own when
// built from a checkout), the Go version it was built with and the Kamal release whose
// lock model it was last checked against.
func (c *Command) printVersion() {
	version := "v" + analyzer.Version
	goVersion := runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			version = v
		} else {
			version += " (devel)"
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
	}
	fmt.Fprintf(c.Stdout, "hooklint %s\nbuilt with %s\nKamal lock model checked against Kamal %s\n", version, goVersion, kamal.Newest)
}
