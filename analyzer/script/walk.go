package script

import (
	"fmt"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer/shell"
)

// Lang is the language of a hook that is not a shell script.
type Lang int

// The languages the package reads.
const (
	Ruby Lang = iota + 1
	Python
)

// LangOf maps an interpreter name from a shebang ("ruby", "python3", "python3.12") to its
// Lang; ok is false for any other interpreter.
func LangOf(interp string) (lang Lang, ok bool) {
	switch {
	case interp == "ruby" || interp == "jruby" || interp == "truffleruby":
		return Ruby, true
	case interp == "python" || len(interp) > 6 && interp[:6] == "python" && (interp[6] == '2' || interp[6] == '3'):
		return Python, true
	}
	return 0, false
}

// String returns the language's name: "ruby", "python".
func (l Lang) String() string {
	switch l {
	case Ruby:
		return "ruby"
	case Python:
		return "python"
	}
	return fmt.Sprintf("Lang(%d)", int(l))
}

// Limits that keep a hostile file from exhausting the stack or the clock.
const (
	// maxDepth bounds nested blocks and expressions.
	maxDepth = 200
	// maxSteps bounds the statements and expression nodes visited in one file.
	maxSteps = 2_000_000
)

// Result is what one reading of a hook found.
type Result struct {
	// Worlds are the worlds of the reading; every Worlds value indexes them.
	Worlds []shell.World
	// Commands are the commands the hook runs, in source order: those given as argument
	// lists and those of the shell strings it runs (read with analyzer/shell).
	Commands []*Command
	// Strings are the shell strings the hook runs (system("..."), backticks, os.system,
	// shell=True), in source order; their commands are in Commands.
	Strings []*ShellString
	// Problems are the places the reader could not follow; each keeps all worlds.
	Problems []Problem
	// TooDeep is set when nesting or the size of the file went past what the reader
	// follows; some commands may then be missing.
	TooDeep bool
}

// Span is a range of the hook file.
type Span struct{ Pos, End syntax.Pos }

// Command is one command the hook runs, in the shape of [shell.Command]: its argv, the
// worlds it can run in after the hook's guards, and what becomes of its failure.
type Command struct {
	// Form is how the hook runs it: "system", "exec", "spawn", "`", "%x", "<<`",
	// "Open3.capture2", "IO.popen", "subprocess.run", "os.system", "os.execvp", ...
	Form string
	// Argv is the command line as the program receives it, wrappers stripped (exec, env,
	// sudo, bundle exec, as [shell.Command] strips them); Argv[0] is the program. A field's
	// Pos and End are in the hook file: the literal of an argument list, or the word inside
	// the string a shell runs.
	Argv     []shell.Field
	Wrappers []shell.Wrapper
	// Worlds are the worlds in which the command can run, after the hook's guards.
	Worlds shell.Worlds
	// Failure says what becomes of a failure of the command; the package documentation
	// says how each form maps onto [shell.Failure].
	Failure shell.Failure
	// Call is the call in the hook's language: from the method name (or opening backtick)
	// to the closing parenthesis or last argument.
	Call Span
	// Stmt is the statement of the hook's own code that contains the call, outside any
	// condition: what a guard would wrap.
	Stmt Span
	// String is the shell string the command comes from, nil for an argument list.
	String *ShellString

	env   []envChange
	inner *shell.Command
	remap func(syntax.Pos) syntax.Pos
}

// ShellString is a string the hook hands to a shell: `system("kamal app boot")`, backticks,
// %x(), os.system(...), subprocess.run(..., shell=True).
type ShellString struct {
	Form string
	// Text is the script as the shell receives it; an interpolation whose value is unknown
	// is written as the source text of the interpolation ("#{cmd}", "{cmd}").
	Text string
	// Known is false when the string has an interpolation.
	Known bool
	// Pos is the position of its first byte in the hook file, End one past its last.
	Pos, End syntax.Pos
	Worlds   shell.Worlds
	Failure  shell.Failure
}

// Problem is a construct the reader met and could not follow.
type Problem struct {
	Pos     syntax.Pos
	Message string
}

// envChange is what the hook does to a command's environment: an env hash, env=..., or an
// assignment to ENV / os.environ before the command.
type envChange struct {
	name  string   // "" for the whole environment
	keep  []string // with name "": the variables a replaced environment keeps
	value shell.EnvValue
}

// Env returns what the command sees of the environment variable name: what the hook's
// code does to its own environment and to the command's (an env hash, env=...), then what
// the shell string does, as [shell.Command.Env] says.
func (c *Command) Env(name string) shell.EnvValue {
	out := shell.EnvValue{State: shell.EnvInherited}
	for _, ch := range c.env {
		if ch.name == name || ch.name == "" && !contains(ch.keep, name) {
			out = ch.value
		}
	}
	if c.inner != nil {
		if v := c.inner.Env(name); v.State != shell.EnvInherited {
			if v.Pos.IsValid() && c.remap != nil {
				v.Pos = c.remap(v.Pos)
			}
			out = v
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Walk reads a hook written in lang and returns the commands it runs. cfg.Worlds are the
// ways the hook is started (at most [shell.MaxWorlds]; none means one world that fixes no
// variable) and cfg.MaybeSet is passed to the walk of the shell strings; cfg.Errexit is not
// used. Walk never runs anything, and returns for any input.
func Walk(lang Lang, src []byte, cfg shell.Config) *Result {
	worlds := cfg.Worlds
	if len(worlds) == 0 {
		worlds = []shell.World{{}}
	}
	if len(worlds) > shell.MaxWorlds {
		worlds = worlds[:shell.MaxWorlds]
	}
	w := &walker{
		lang: lang, src: src, lines: newLineIndex(src), cfg: cfg, worlds: worlds,
		all: shell.AllWorlds(len(worlds)), res: &Result{Worlds: worlds},
		binds: map[string]binding{}, aliases: map[string]string{},
	}
	switch lang {
	case Ruby:
		w.toks = lexRuby(src)
	case Python:
		w.toks = lexPython(src)
	default:
		return w.res
	}
	out := w.all
	for w.tok().kind != tEOF && w.step(ctx{}) {
		if lang == Ruby {
			out = w.rbStmts(out, ctx{top: true})
		} else {
			out = w.pyStmts(out, ctx{top: true})
		}
		if t := w.tok(); t.kind != tEOF {
			// A closing keyword or bracket with nothing open: go on after it.
			if t.kind != tDedent {
				w.problem(t.pos, "unexpected %q", t.text)
			}
			w.i++
		}
	}
	return w.res
}

// walker carries one reading.
type walker struct {
	lang   Lang
	src    []byte
	lines  lineIndex
	cfg    shell.Config
	worlds []shell.World
	all    shell.Worlds
	res    *Result
	toks   []token
	i      int // the current token
	steps  int
	// binds are simple assignments: NAME = ENV["X"], NAME = "text", NAME = [...].
	binds map[string]binding
	// aliases map Python local names to what they import: "sp" to "subprocess", "run" to
	// "subprocess.run".
	aliases map[string]string
	// env are the hook's own changes to its environment (ENV["X"] = ..., os.environ[...]),
	// in order; every later command inherits them.
	env   []envChange
	holes int
}

// binding is what the reader knows of a name from its assignment.
type binding struct {
	envVar string     // NAME = ENV["X"]: the name stands for the variable
	lit    *strLit    // NAME = "text"
	list   []fieldLit // NAME = ["a", "b"]
	pos    int        // where it is assigned
}

// fieldLit is an argv element and, when it is a literal, its source bytes.
type fieldLit struct {
	f   shell.Field
	lit *strLit
}

// ctx is what a statement inherits from where it stands.
type ctx struct {
	top   bool // the hook's top level: not in a method, block or loop
	inDef bool // in a method or function body: return ends its path
	inTry bool // in begin/rescue or try/except: a raised failure is caught
	dead  bool // after an exit on every path: nothing here runs
	// branch: in a conditional branch, loop or block, where an assignment may not happen
	branch bool
	depth  int
	// stmt is the innermost statement of a statement list around the call; inExpr is set
	// inside an expression (x = if ... end), whose statement stays the enclosing one.
	stmt   Span
	inExpr bool
}

func (w *walker) tok() *token {
	if w.i < len(w.toks) {
		return &w.toks[w.i]
	}
	return &w.toks[len(w.toks)-1]
}

func (w *walker) at(i int) *token {
	if i >= 0 && i < len(w.toks) {
		return &w.toks[i]
	}
	return &w.toks[len(w.toks)-1]
}

func (w *walker) is(i int, k kind, text string) bool {
	t := w.at(i)
	return t.kind == k && t.text == text
}

func (w *walker) pos(off int) syntax.Pos { return w.lines.pos(min(off, len(w.src))) }

func (w *walker) span(a, b int) Span { return Span{w.pos(a), w.pos(b)} }

// text returns the source of tokens [a, b).
func (w *walker) text(a, b int) string {
	if a >= b || a >= len(w.toks) {
		return ""
	}
	s, e := w.at(a).pos, w.at(b-1).end
	if s > e || e > len(w.src) {
		return ""
	}
	return string(w.src[s:e])
}

// step counts work and reports whether the reader may go on.
func (w *walker) step(c ctx) bool {
	w.steps++
	if w.steps > maxSteps || c.depth > maxDepth {
		w.res.TooDeep = true
		return false
	}
	return true
}

// stmtStep walks one statement of a block with walk. A statement after which no world goes
// on (an exit on every path) marks the rest of the block dead, and the reader always moves
// forward so that a statement it cannot read never stalls the loop.
func (w *walker) stmtStep(in shell.Worlds, c *ctx, walk func(shell.Worlds, ctx) shell.Worlds) shell.Worlds {
	before := w.i
	out := walk(in, *c)
	if !in.Empty() && out.Empty() {
		c.dead = true
	}
	if w.i <= before {
		w.i = before + 1
	}
	return out
}

func (w *walker) problem(off int, format string, args ...any) {
	if len(w.res.Problems) < 100 {
		w.res.Problems = append(w.res.Problems, Problem{Pos: w.pos(off), Message: fmt.Sprintf(format, args...)})
	}
}

// skipBalanced returns the index after the bracket that closes the one at i.
func (w *walker) skipBalanced(i int) int {
	depth := 0
	for ; i < len(w.toks) && w.toks[i].kind != tEOF; i++ {
		t := &w.toks[i]
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth <= 0 {
				return i + 1
			}
		}
	}
	return i
}
