package analyzer

import (
	"path"
	"regexp"
	"strings"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"mvdan.cc/sh/v3/syntax"
)

// Command is one simple command a hook runs, with what the walk knows about when it runs
// and what becomes of its failure.
type Command struct {
	// Call is the command as written. For a command inside a function, it is the one in the
	// function's body; Site is then where the function is called from the hook's own code.
	Call *syntax.CallExpr
	Site *syntax.CallExpr
	// Anchor is the statement that a guard would wrap: the statement of a statement list
	// that contains Site, outside any condition or command substitution.
	Anchor *syntax.Stmt
	// Via lists the functions the command is reached through, outermost first.
	Via []string

	// Argv is the expanded command line with wrappers stripped; Argv[0] is the program.
	Argv []kamal.Word
	// Wrappers are the stripped wrappers in order: "bundle exec", "sudo", "env", "exec".
	Wrappers []string
	// Env are the variables the command gets on top of the hook's environment: VAR=value
	// prefixes and env's arguments. An unset variable has Unset set.
	Env []EnvVar
	// ClearsEnv is set when a wrapper starts the command with a cleared or reset
	// environment (env -i, sudo without -E), so it cannot see KAMAL_LOCK.
	ClearsEnv bool

	// Worlds are the outer commands under which the command can run, after guards.
	Worlds Worlds
	// Failure says what happens when the command fails.
	Failure Failure

	// Kamal is set when Argv[0] is the kamal program (kamal, bin/kamal, /path/to/kamal).
	Kamal bool
}

// EnvVar is an environment variable set (or unset) for one command.
type EnvVar struct {
	Name  string
	Value kamal.Word
	Unset bool
}

// Failure describes how a command's failure reaches the hook's exit status.
type Failure struct {
	// Handled names the construct that handles the failure ("|| true", "|| :", "an if
	// condition", "&"), or is "" when it is not handled.
	Handled string
	// Errexit is true when `set -e` (or a shebang -e) is in effect, false when it is
	// known to be off, and Unknown when it depends on the path.
	Errexit Tri
	// Last is set when the command is the last one the hook runs on its path, so its status
	// becomes the hook's.
	Last bool
	// StderrDiscarded is set when the command's standard error goes to /dev/null.
	StderrDiscarded bool
}

// Tri is a three-valued truth.
type Tri int8

// The truth values.
const (
	Unknown Tri = iota
	True
	False
)

func (t Tri) not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// Aborts reports whether a failure of the command fails the hook, and so the outer command.
func (f Failure) Aborts() bool {
	return f.Handled == "" && (f.Errexit == True || f.Last)
}

// Silent reports whether a failure of the command surely goes unnoticed.
func (f Failure) Silent() bool {
	return f.Handled != "" || (f.Errexit == False && !f.Last)
}

// IsKamalProgram reports whether a program word names Kamal: "kamal" or a path whose last
// element is "kamal", also when the directory is computed ("$HOME/.gem/bin/kamal").
// kamal-proxy and friends are other programs.
func IsKamalProgram(w kamal.Word) bool {
	if w.Known {
		return w.Text == "kamal" || strings.HasSuffix(w.Text, "/kamal")
	}
	// An unknown word keeps its source text: accept a literal "/kamal" at its end, and a
	// lookup of kamal on PATH.
	src := strings.Trim(w.Text, `"'`)
	if lookupKamal.MatchString(src) {
		return true
	}
	return !w.Spread && strings.HasSuffix(src, "/kamal") && !strings.HasSuffix(src, "$/kamal")
}

// lookupKamal matches $(which kamal), $(command -v kamal) and their backquoted forms.
var lookupKamal = regexp.MustCompile("^(\\$\\(|`)\\s*(which|command\\s+-v|type\\s+-P)\\s+kamal\\s*(\\)|`)$")

// wrapper describes a command that runs its arguments as another command: how many option
// words to skip, and which options take a value.
type wrapper struct {
	// valueOpts are the short and long options that take a separate value word.
	valueOpts map[string]bool
	// positional is the number of non-option words before the command (timeout's DURATION).
	positional int
	// assignments: VAR=value words before the command are environment (env).
	assignments bool
}

// execWrappers run `NAME exec [options] COMMAND`: Bundler and Ruby version managers.
var execWrappers = map[string]bool{"bundle": true, "rbenv": true, "mise": true, "asdf": true, "rtx": true}

// wrappers are the commands hooklint looks through (design.md "Shapes seen in real hooks").
var wrappers = map[string]wrapper{
	"exec":    {valueOpts: set("-a")},
	"command": {},
	"builtin": {},
	"nohup":   {},
	"time":    {valueOpts: set("-f", "--format", "-o", "--output")},
	"nice":    {valueOpts: set("-n", "--adjustment")},
	"timeout": {valueOpts: set("-s", "--signal", "-k", "--kill-after"), positional: 1},
	"env":     {valueOpts: set("-u", "--unset", "-C", "--chdir", "-S", "--split-string"), assignments: true},
	"sudo":    {valueOpts: set("-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir", "-h", "--host", "-p", "--prompt", "-r", "--role", "-t", "--type", "-T", "--command-timeout", "-U", "--other-user", "-R", "--chroot")},
	"doas":    {valueOpts: set("-u", "-C")},
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stripWrappers removes wrappers from argv and records what they do to the environment.
// It returns ok false when argv does not run a command at all (command -v kamal).
func stripWrappers(argv []kamal.Word, c *Command) ([]kamal.Word, bool) {
	for len(argv) > 0 && argv[0].Known {
		name := path.Base(argv[0].Text)
		if execWrappers[name] && len(argv) > 1 && argv[1].Known && argv[1].Text == "exec" {
			// bundle exec, rbenv exec, mise exec --, asdf exec: their own options come before
			// the command.
			c.Wrappers = append(c.Wrappers, name+" exec")
			argv = argv[2:]
			for len(argv) > 0 && argv[0].Known && strings.HasPrefix(argv[0].Text, "-") {
				argv = argv[1:]
			}
			continue
		}
		if name == "ruby" && len(argv) > 1 && argv[1].Known && path.Base(argv[1].Text) == "kamal" {
			c.Wrappers = append(c.Wrappers, "ruby")
			argv = argv[1:] // ruby bin/kamal: the binstub is the program
			continue
		}
		wr, ok := wrappers[name]
		if !ok {
			break
		}
		c.Wrappers = append(c.Wrappers, name)
		argv = argv[1:]
		preserveEnv, endOfOptions := false, false
	options:
		for len(argv) > 0 {
			a := argv[0].Text
			if !argv[0].Known && !(wr.assignments && isAssignment(a)) {
				break // a computed word: the command, or an option we cannot read
			}
			switch {
			case a == "--" && !endOfOptions:
				argv = argv[1:]
				if !wr.assignments {
					break options
				}
				endOfOptions = true // env reads NAME=VALUE words after --
			case endOfOptions && !isAssignment(a):
				break options
			case name == "command" && (a == "-v" || a == "-V"):
				return nil, false // a lookup, not a run
			case strings.HasPrefix(a, "-") && len(a) > 1:
				opt, val, hasVal := strings.Cut(a, "=")
				switch name {
				case "env":
					switch opt {
					case "-i", "-", "--ignore-environment":
						c.ClearsEnv = true
					case "-u", "--unset":
						if !hasVal && len(argv) > 1 {
							val = argv[1].Text
						}
						c.Env = append(c.Env, EnvVar{Name: val, Unset: true})
					}
				case "sudo":
					switch opt {
					case "-E", "--preserve-env":
						preserveEnv = !hasVal || strings.Contains(","+val+",", ",KAMAL_LOCK,")
					case "-i", "--login":
						preserveEnv = false
					}
				}
				argv = argv[1:]
				if wr.valueOpts[opt] && !hasVal && len(argv) > 0 {
					argv = argv[1:]
				}
			case wr.assignments && isAssignment(a):
				k, v, _ := strings.Cut(a, "=")
				c.Env = append(c.Env, EnvVar{Name: k, Value: kamal.Word{Text: v, Known: argv[0].Known, Index: argv[0].Index}})
				argv = argv[1:]
			default:
				break options
			}
		}
		for range wr.positional {
			if len(argv) > 0 {
				argv = argv[1:]
			}
		}
		if name == "sudo" && !preserveEnv {
			c.ClearsEnv = true
		}
	}
	return argv, len(argv) > 0
}

// isAssignment reports whether a word has the form NAME=value.
func isAssignment(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	return ok && syntax.ValidName(name)
}
