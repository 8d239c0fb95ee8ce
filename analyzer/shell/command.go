package shell

import (
	"slices"

	"mvdan.cc/sh/v3/syntax"
)

// Command is one simple command the script runs, with what the walk knows of when it runs,
// what it sees and what becomes of its failure.
type Command struct {
	// Call is the command as written. For a command inside a function it is the one in the
	// function's body; Site is then where the script's own code calls the function.
	Call *syntax.CallExpr
	Site *syntax.CallExpr
	// Anchor is the statement a guard would wrap: the statement of a statement list that
	// contains Site, outside any condition or command substitution. Nil inside a script
	// string (sh -c '...'), where a guard wraps the outer command's statement instead.
	Anchor *syntax.Stmt
	// Via lists the functions the command is reached through, outermost first.
	Via []string
	// InScript is set for a command of a script string (sh -c 'SCRIPT', eval 'SCRIPT') or
	// of another script file: its positions are not those of a statement of its own in
	// the hook.
	InScript bool
	// File is the file Call is written in: the hook, or a script file it runs or sources.
	File *File
	// Chain lists the script files on the way from the hook to the command, outermost
	// first, each with the place in it that leads on; empty for the hook's own commands.
	Chain []Hop

	// Argv is the expanded command line with wrappers stripped; Argv[0] is the program.
	Argv []Field
	// Wrappers are the commands stripped from the front of the line, in order.
	Wrappers []Wrapper
	// Image is, for a command run with `docker run` of Kamal's image, the image tag
	// ("v2.5.3", "latest"); "" otherwise.
	Image string

	// Worlds are the worlds in which the command can run, after the script's guards.
	Worlds Worlds
	// Failure says what happens when the command fails.
	Failure Failure

	env     env         // the variables of the shell it runs in, where it runs
	changes []envChange // what the command line itself does to the environment, in order
	// shell is the command that started the shell it runs in (sh -c STRING, a script file
	// run as a program); nil for the hook's own shell.
	shell *Command
	envOf func(name string) EnvValue
}

// Foreign returns the Command for a command that a hook in another language runs (a Ruby
// or Python hook): its command line, wrappers, worlds and failure, and env for what it
// sees of the environment. It has no place in a shell syntax tree (Call, Site and Anchor
// are nil) and counts as a command of a script string (InScript), so no rule edits the
// hook as shell around it.
func Foreign(argv []Field, wrappers []Wrapper, worlds Worlds, failure Failure, env func(name string) EnvValue) *Command {
	return &Command{Argv: argv, Wrappers: wrappers, Worlds: worlds, Failure: failure, InScript: true, envOf: env}
}

// Field is one word of a command line after expansion, as the program receives it.
type Field struct {
	// Text is the value when Known; otherwise the source text of the word, for messages.
	Text string
	// Known is false when the value is computed at run time ($VAR from the environment,
	// $(...)).
	Known bool
	// Spread marks a field that stands for an unknown number of words ("$@", an unquoted
	// unknown $VAR); Known is then false.
	Spread bool
	// Prefix is, for a field that is not Known, the literal text it surely starts with:
	// "--destination=" for `--destination="$X"`.
	Prefix string
	// Pos and End delimit the source word the field came from. A field forwarded through
	// "$@" keeps the position of the word at the function's call site.
	Pos, End syntax.Pos
}

// Wrapper is a command that runs the rest of its command line as another command: exec,
// env, sudo, nohup, timeout, bundle exec, ...
type Wrapper struct {
	// Name is the wrapper as a kind: "exec", "env", "sudo", "bundle exec", "ruby".
	Name string
	// Pos is the position of its first word, End the end of the words that name it
	// ("sudo", "bundle exec", "docker run"): where an option of its own can be inserted.
	Pos, End syntax.Pos
}

// Handler is the construct that receives a command's failure before the script's own exit
// status does.
type Handler int

// The handlers of a failure.
const (
	// NotHandled: the failure reaches `set -e` (or, for the last command, the exit status).
	NotHandled Handler = iota
	// HandledByOr: `X || Y` where Y does not pass the failure on; see [Failure.OrCommand].
	HandledByOr
	// HandledByAnd: `X && Y`, X's failure skips Y and does not trip `set -e`.
	HandledByAnd
	// HandledByIf: the command is an if (or elif) condition.
	HandledByIf
	// HandledByLoop: the command is a `while` condition; its failure ends the loop.
	HandledByLoop
	// HandledByRetry: `until X` or `while ! X`: the loop runs X again as long as it fails.
	HandledByRetry
	// HandledByNot: `! X`.
	HandledByNot
	// HandledByPipeline: a pipeline element whose status is lost (no pipefail).
	HandledByPipeline
	// HandledBySubstitution: a command substitution in an argument; its status is lost.
	HandledBySubstitution
	// HandledByBackground: `X &` or a coprocess: nobody waits for its status.
	HandledByBackground
	// HandledByFork: `setsid -f X` forks X and returns at once: nobody waits for it.
	HandledByFork
)

// Failure describes how a command's failure reaches the script's exit status.
type Failure struct {
	Handler Handler
	// OrCommand is, for HandledByOr, the name of the command after `||` ("true", ":",
	// "log"), or "" when that is not a simple command.
	OrCommand string
	// Errexit is True when `set -e` (or a shebang -e) is in effect, False when it is off,
	// Unknown when that depends on the path.
	Errexit Tri
	// Last is set when the command's status becomes the script's exit status: the last
	// command on its path, before `exit $?`, before `|| exit 1`, or `exec`.
	Last bool
	// StderrDiscarded is set when the command's standard error goes to /dev/null.
	StderrDiscarded bool
}

// Aborts reports whether a failure of the command surely fails the script.
func (f Failure) Aborts() bool {
	return f.Handler == NotHandled && (f.Errexit == True || f.Last)
}

// Silent reports whether a failure of the command surely goes unnoticed.
func (f Failure) Silent() bool {
	return f.Handler != NotHandled || (f.Errexit == False && !f.Last)
}

// EnvState says where a command's environment variable comes from.
type EnvState int

// The states of an environment variable at a command.
const (
	// EnvInherited: the script left the variable as it received it.
	EnvInherited EnvState = iota
	// EnvSet: the script, a VAR=value prefix or env VAR=value sets it.
	EnvSet
	// EnvUnset: `unset VAR`, `env -u VAR`.
	EnvUnset
	// EnvCleared: the command starts with an empty or reset environment: `env -i`,
	// `sudo` without -E or --preserve-env naming the variable.
	EnvCleared
	// EnvVaries: the script sets it differently on the paths that reach the command.
	EnvVaries
)

// EnvCause is what put a variable in its [EnvState].
type EnvCause int

// The causes of an [EnvState] other than EnvInherited.
const (
	CauseNone       EnvCause = iota
	CauseAssignment          // VAR=value, export, readonly, local, declare, typeset on its own line
	CausePrefix              // VAR=value before the command
	CauseUnset               // unset VAR
	CauseEnvUnset            // env -u VAR
	CauseEnvClear            // env -i
	CauseSudo                // sudo without -E / --preserve-env=VAR
	CauseEnvAssign           // env VAR=value
	CauseLogin               // su - (a login shell)
	CauseSSH                 // ssh HOST COMMAND: the command runs remotely, without the hook's variables
	CauseDocker              // docker run without -e VAR
)

// EnvValue is what the walk knows of one environment variable where a command runs.
type EnvValue struct {
	State EnvState
	// Value is the value when State is EnvSet and Known.
	Value string
	Known bool
	Cause EnvCause
	// Pos is where the cause is written, when it is a word of the script.
	Pos syntax.Pos
}

type envChange struct {
	name  string   // "" for a change to the whole environment
	keep  []string // with name "": the variables a reset environment keeps
	value EnvValue
	// worlds, for an assignment whose value differs between worlds
	// (KAMAL_COMMAND="$KAMAL_COMMAND" sh -c ...), holds its value in each world.
	worlds []worldValue
}

// worldValue is a variable's value in one world, as [walker.lookup] gives it.
type worldValue struct {
	text    string
	set, ok bool
}

// names reports whether the change is to the variable name.
func (ch envChange) names(name string) bool {
	return ch.name == name || ch.name == "" && !slices.Contains(ch.keep, name)
}

// Env returns what the command sees of the environment variable name: what the shell it
// runs in started with (what the command that started it saw), then that shell's
// assignments on the paths that reach it, then what its own command line does (prefix
// assignments, env -u, env -i, sudo), in order.
func (c *Command) Env(name string) EnvValue {
	if c.envOf != nil {
		return c.envOf(name)
	}
	out := EnvValue{State: EnvInherited}
	if c.shell != nil {
		out = c.shell.Env(name)
	}
	if v, ok := c.env.get(name); ok && (c.shell == nil || v.anyExported() || out.State != EnvCleared && out.State != EnvUnset) {
		if ev := v.envValue(c.Worlds); ev.State != EnvInherited {
			out = ev
		}
	}
	for _, ch := range c.changes {
		if ch.names(name) {
			out = ch.value
		}
	}
	return out
}

// EnvAt is [Command.Env] in one world: a value that differs between worlds
// (KAMAL_LOCK="$KAMAL_LOCK" passes on "true" where the lock is held, "false" elsewhere)
// is known in each.
func (c *Command) EnvAt(name string, world int) EnvValue {
	if c.envOf != nil {
		return c.envOf(name)
	}
	out := EnvValue{State: EnvInherited}
	if c.shell != nil {
		out = c.shell.EnvAt(name, world)
	}
	if v, ok := c.env.get(name); ok {
		if v, ok = v.in(world); ok && c.reaches(v, name, world) {
			if ev := v.envValue(c.Worlds); ev.State != EnvInherited {
				out = ev
			}
		}
	}
	if v, changed := c.changeAt(name, world); changed {
		out = v
	}
	return out
}

// changeAt returns what the command's own line does to the variable name in a world: the
// last of its changes that names it; changed is false when none does.
func (c *Command) changeAt(name string, world int) (v EnvValue, changed bool) {
	for _, ch := range c.changes {
		if !ch.names(name) {
			continue
		}
		v, changed = ch.value, true
		if ch.worlds != nil && world < len(ch.worlds) && ch.worlds[world].ok {
			v.State, v.Value, v.Known = EnvSet, ch.worlds[world].text, true
		}
	}
	return v, changed
}

// reaches reports whether v, the value of name in the shell c runs in, is in c's
// environment in a world: the shell exported it, or started with the variable in its
// environment (the hook's own shell does: Kamal's variables are there), so that an
// assignment changes what is exported.
func (c *Command) reaches(v value, name string, world int) bool {
	if v.exported || c.shell == nil {
		return true
	}
	st := c.shell.EnvAt(name, world).State
	return st != EnvCleared && st != EnvUnset
}

// remote reports whether the command runs on another host (ssh HOST COMMAND), or in a
// shell that does: the files it names are that host's, not the project's.
func (c *Command) remote() bool {
	for x := c; x != nil; x = x.shell {
		for _, ch := range x.changes {
			if ch.value.Cause == CauseSSH {
				return true
			}
		}
	}
	return false
}
