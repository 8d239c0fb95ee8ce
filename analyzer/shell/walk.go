package shell

import (
	"mvdan.cc/sh/v3/syntax"
	"regexp"
)

// Limits that keep a pathological script from exhausting the stack or the clock.
const (
	// maxDepth bounds how deeply the walk follows nested statements and function calls.
	maxDepth = 400
	// maxFrames bounds nested function calls; recursion stops at the first repeated name.
	maxFrames = 16
	// maxSteps bounds the statements walked in one script, counting each function body once
	// per call, so that functions calling one another cannot make the walk exponential.
	// Real hooks take a few hundred.
	maxSteps = 200_000
)

// File is a parsed script.
type File struct {
	// Name is used in positions: the script's path.
	Name string
	Src  []byte
	// Variant is the dialect the script is parsed and run in.
	Variant syntax.LangVariant
	// Stmts are the top-level statements.
	Stmts []*syntax.Stmt
	// Errexit is set when the file's interpreter line turns on `set -e`, for a script file
	// run as its own process.
	Errexit bool
}

// Config says how the script is started.
type Config struct {
	// Worlds are the ways the script is started; at most [MaxWorlds]. None means one world
	// that fixes no variable.
	Worlds []World
	// Errexit is set when the interpreter line turns on `set -e` (#!/bin/bash -e).
	Errexit bool
	// Arg0 is the script's $0: the path it is run by ("./.kamal/hooks/post-deploy").
	Arg0 string
	// Open returns a script file that the script runs or sources, named as the script
	// names it (after expansion), parsed in variant (nil: as its own interpreter line
	// says); nil when it is not to be followed: missing, outside the project, not a shell
	// script. Nil Open follows no file.
	Open func(name string, variant *syntax.LangVariant) *File
	// Foreign returns the commands of a script in another language (a Ruby or Python
	// file) that the script runs as a program, named as the script names it: the file's
	// name for the chain, and its commands with positions in that file and worlds over
	// the walk's worlds (see [Foreign]); no commands when name is no such script. Nil
	// Foreign follows no such file.
	Foreign func(name string) (file string, cmds []*Command)
	// Visit, when set, is called for every node of the script's own code but comments, as
	// the walk's first pass over it meets them, in the order of [syntax.Walk], for facts of
	// another kind that would otherwise take a walk of their own.
	Visit func(syntax.Node)
	// MaybeSet reports whether the environment may set a variable that the worlds do not
	// fix. A variable for which it returns false, and that the script does not assign, is
	// taken as unset where the script expands it with a default (${NAME:-x}). Nil means
	// any variable may be set.
	MaybeSet func(name string) bool
}

// Result is what one walk of a script found.
type Result struct {
	// Worlds are the worlds of the walk; [Command.Worlds] indexes them.
	Worlds []World
	// Commands are the simple commands the script runs, in the order the walk met them. A
	// command in a function appears once per call.
	Commands []*Command
	// TooDeep is set when nesting (or the statements walked through function calls) went
	// past what the walk follows; some commands are then missing.
	TooDeep bool

	refs *varRefs
	vars []VarRef
}

// Vars returns the script's variable reads and writes, in source order, including those in
// the script strings the walk read. They are collected on the first call.
func (r *Result) Vars() []VarRef {
	if r.vars == nil && r.refs == nil {
		return []VarRef{}
	}
	if r.vars == nil {
		r.vars = r.refs.sorted()
	}
	return r.vars
}

// Walk reads a script once for all worlds.
func Walk(file *File, cfg Config) *Result {
	worlds := cfg.Worlds
	if len(worlds) == 0 {
		worlds = []World{{}}
	}
	if len(worlds) > MaxWorlds {
		worlds = worlds[:MaxWorlds]
	}
	w := &walker{file: file, root: file, cfg: cfg, worlds: worlds, funcs: map[string]funcDef{}, assigned: map[string]bool{}}
	w.refs.expect(file.Src)
	for _, s := range file.Stmts {
		w.collect(s, file, true, cfg.Visit)
	}
	f := flow{worlds: AllWorlds(len(worlds)), errexit: triOf(cfg.Errexit), pipefail: False}
	f.ok = f.worlds // the status a script starts with is 0
	w.stmts(file.Stmts, ctx{last: true}, f, true)
	return &Result{Worlds: worlds, Commands: w.cmds, TooDeep: w.tooDeep, refs: &w.refs}
}

// walker carries the walk's state that is not per path.
type walker struct {
	file   *File // the file being walked: the script, or a file it runs or sources
	root   *File // the script itself
	cfg    Config
	worlds []World
	funcs  map[string]funcDef
	// assigned are the variables the script assigns somewhere: its own flags.
	assigned map[string]bool
	cmds     []*Command
	frames   []*frame
	refs     varRefs // the script's variable references, met by collectFuncs
	// collector is the first pass's state (see collect).
	collector collector
	// substs are the substitutions found and not walked yet (see walkSubstitutions).
	substs  [][]*syntax.Stmt
	steps   int
	tooDeep bool
	// expandingArgv is set while a command line is expanded, where a value a shell may
	// not have assigned still names the likely program.
	expandingArgv bool
	// inCondition is set while a test or case pattern is evaluated.
	inCondition bool
	// globs are the case patterns met so far, compiled (nil when they do not compile).
	globs map[string]*regexp.Regexp
	// shells are the commands that started the new shells being walked (sh -c STRING, a
	// script file run as a program), innermost last: what each leaves of the environment
	// is what that shell's script finds there.
	shells []*Command
	// inPlaceBytes counts the bytes copied to parse strings in place (see parseInPlace).
	inPlaceBytes int
	// computed holds the text of each script string parsed on its own (see parseText).
	computed map[*syntax.File]string
	// exportedFuncs are the functions export -f passes to the bash processes started.
	exportedFuncs map[string]funcDef
}

// flow is what changes along a path: the worlds still running, the variables, the shell
// options, and the exit status of the last command.
type flow struct {
	worlds   Worlds
	env      env
	errexit  Tri
	pipefail Tri
	// ok and fail are the worlds (of worlds) in which the last status is surely zero, or
	// surely not zero; in the others it is unknown.
	ok, fail Worlds
}

// in returns the same path state restricted to (or moved to) other worlds: the variables,
// shell options and status carry over. in(0) is a path that ended (exit, return, exec).
func (f flow) in(worlds Worlds) flow {
	f.worlds = worlds
	f.ok &= worlds
	f.fail &= worlds
	return f
}

// status returns f with the last status set per world by t.
func (f flow) status(t func(i int) Tri) flow {
	f.ok, f.fail = 0, 0
	f.worlds.Each(func(i int) {
		switch t(i) {
		case True:
			f.ok |= 1 << i
		case False:
			f.fail |= 1 << i
		}
	})
	return f
}

// statusAll returns f with the same last status in every world: status for a status
// known without looking at a world.
func (f flow) statusAll(t Tri) flow {
	f.ok, f.fail = 0, 0
	switch t {
	case True:
		f.ok = f.worlds
	case False:
		f.fail = f.worlds
	}
	return f
}

// statusOf returns f with the last status taken from o (a path over the same worlds or
// fewer).
func (f flow) statusOf(o flow) flow {
	f.ok, f.fail = o.ok&f.worlds, o.fail&f.worlds
	return f
}

// unknownStatus returns f with an unknown last status.
func (f flow) unknownStatus() flow {
	f.ok, f.fail = 0, 0
	return f
}

// negated swaps success and failure, as `!` does.
func (f flow) negated() flow {
	f.ok, f.fail = f.fail, f.ok
	return f
}

// join merges two paths that meet again.
func join(a, b flow) flow {
	switch {
	case a.worlds.Empty():
		return b
	case b.worlds.Empty():
		return a
	}
	out := flow{
		worlds:   a.worlds | b.worlds,
		env:      a.env.merge(b.env, a.worlds, b.worlds),
		errexit:  a.errexit,
		pipefail: a.pipefail,
		ok:       a.ok&b.ok | a.ok&^b.worlds | b.ok&^a.worlds,
		fail:     a.fail&b.fail | a.fail&^b.worlds | b.fail&^a.worlds,
	}
	if a.errexit != b.errexit {
		out.errexit = Unknown
	}
	if a.pipefail != b.pipefail {
		out.pipefail = Unknown
	}
	return out
}

// ctx is what a statement inherits from where it stands.
type ctx struct {
	anchor    *syntax.Stmt // statement a guard would wrap
	handler   Handler      // enclosing construct that handles a failure
	orCommand string       // with HandledByOr, the command after ||
	stderr    bool         // standard error goes to /dev/null
	last      bool         // the script's exit status is this statement's
	inScript  bool         // inside a script string
	// parent is, inside a script string, the failure of the command that runs it: the
	// script's exit status is that command's.
	parent *Failure
	// shell is, inside a new shell (a script string, a script file run as a program), the
	// command that started it: what it left of the environment, every command of the
	// shell starts from.
	shell *Command
	// stdin is the here-document or here-string the statement's simple command reads
	// (sh <<'EOF', ssh host <<EOF, bash <<< '...'); nil for any other.
	stdin *syntax.Redirect
	// input is the here-document the commands of a shell, group or function read when they
	// redirect nothing themselves: { sh; } <<EOF, ssh host 'bash -s' <<EOF, cat <<EOF | sh.
	input *syntax.Redirect
	depth int
}

// handled returns c with the failure handled by h, unless an outer construct already
// handles it.
func (c ctx) handled(h Handler) ctx {
	if c.handler == NotHandled {
		c.handler, c.orCommand = h, ""
	}
	c.last = false
	return c
}

// text returns the source between two positions.
func (w *walker) text(start, end syntax.Pos) string {
	s, e := int(start.Offset()), int(end.Offset())
	if s < 0 || e > len(w.file.Src) || s > e {
		return ""
	}
	return string(w.file.Src[s:e])
}

// stmts walks a statement list. body says whether the list is a body (each statement a
// place a guard can wrap) rather than a condition.
func (w *walker) stmts(list []*syntax.Stmt, c ctx, f flow, body bool) flow {
	for i, s := range list {
		if f.worlds.Empty() {
			break // the rest is unreachable
		}
		cc := c
		if body && !c.inScript {
			cc.anchor = s
		}
		cc.last = c.last && i == len(list)-1 || i+1 < len(list) && exitsWithStatus(list[i+1])
		f = w.stmt(s, cc, f)
	}
	return f
}

func (w *walker) stmt(s *syntax.Stmt, c ctx, f flow) flow {
	c.depth++
	w.steps++
	if in, redirected := hereInput(s.Redirs); redirected {
		c.input = in
	}
	c.stdin = nil
	if _, simple := s.Cmd.(*syntax.CallExpr); simple {
		c.stdin = c.input
	}
	if c.depth > maxDepth || w.steps > maxSteps {
		w.tooDeep = true
		return f.unknownStatus()
	}
	if discardsStderr(s.Redirs) {
		c.stderr = true
	}
	for _, r := range s.Redirs {
		if r.Word != nil {
			w.substitutions(r.Word, c, f, false)
		}
		if r.Hdoc != nil {
			w.substitutions(r.Hdoc, c, f, false)
		}
	}
	if s.Background || s.Coprocess {
		bc := c.handled(HandledByBackground)
		w.subshell(bc, f, func(c ctx, f flow) flow { return w.command(s, c, f) })
		return f.statusAll(True)
	}
	if s.Negated {
		if c.handler == HandledByLoop {
			c.handler = HandledByRetry // while ! CMD: retried as long as it fails
		} else {
			c = c.handled(HandledByNot)
		}
		return w.command(s, c, f).negated()
	}
	out := w.command(s, c, f)
	if c.handler == NotHandled && out.errexit == True && !isList(s) && !out.fail.Empty() {
		// set -e: the shell (or subshell) stops where this statement surely failed.
		w.exit(out.in(out.fail))
		out = out.in(out.worlds &^ out.fail)
	}
	return out
}

// hereInput returns the last here-document or here-string on standard input among redirs,
// and whether redirs redirect standard input at all (nil then: from a file).
func hereInput(redirs []*syntax.Redirect) (in *syntax.Redirect, redirected bool) {
	for _, r := range redirs {
		if r.N != nil && r.N.Value != "0" {
			continue
		}
		switch r.Op {
		case syntax.Hdoc, syntax.DashHdoc:
			if r.Hdoc != nil {
				in, redirected = r, true
			}
		case syntax.WordHdoc:
			in, redirected = r, true
		case syntax.RdrIn, syntax.RdrInOut:
			in, redirected = nil, true // a later redirection of standard input wins
		}
	}
	return in, redirected
}

// catInput returns the here-document a pipeline's left side copies to its output: `cat
// <<EOF | sh` gives sh that document to read.
func catInput(s *syntax.Stmt) *syntax.Redirect {
	x, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || len(x.Args) == 0 || x.Args[0].Lit() != "cat" || len(x.Args) > 2 || len(x.Args) == 2 && x.Args[1].Lit() != "-" {
		return nil
	}
	in, _ := hereInput(s.Redirs)
	return in
}

// isList reports whether a statement is an && or || list, whose failure does not trip
// `set -e` unless its last command fails (and that command is checked on its own).
func isList(s *syntax.Stmt) bool {
	b, ok := s.Cmd.(*syntax.BinaryCmd)
	return ok && (b.Op == syntax.AndStmt || b.Op == syntax.OrStmt)
}

func (w *walker) command(s *syntax.Stmt, c ctx, f flow) flow {
	switch x := s.Cmd.(type) {
	case *syntax.CallExpr:
		return w.call(x, c, f)
	case *syntax.BinaryCmd:
		return w.binary(x, c, f)
	case *syntax.IfClause:
		return w.ifClause(x, c, f)
	case *syntax.WhileClause:
		return w.loop(x, c, f)
	case *syntax.ForClause:
		w.substitutions(x.Loop, c, f, false)
		bc := c
		bc.last = false
		body := w.stmts(x.Do, bc, f, true)
		f.env = f.env.merge(body.env, f.worlds, f.worlds)
		return f.unknownStatus()
	case *syntax.CaseClause:
		return w.caseClause(x, c, f)
	case *syntax.Block:
		return w.stmts(x.Stmts, c, f, true)
	case *syntax.Subshell:
		return w.subshell(c, f, func(c ctx, f flow) flow { return w.stmts(x.Stmts, c, f, true) })
	case *syntax.FuncDecl:
		return f.statusAll(True) // walked where it is called
	case *syntax.TimeClause:
		if x.Stmt != nil {
			return w.stmt(x.Stmt, c, f)
		}
	case *syntax.CoprocClause:
		bc := c.handled(HandledByBackground)
		w.subshell(bc, f, func(c ctx, f flow) flow { return w.stmt(x.Stmt, c, f) })
		return f.statusAll(True)
	case *syntax.DeclClause:
		return w.declClause(x, c, f)
	case *syntax.TestClause:
		w.substitutions(x, c, f, false)
		return f.status(func(i int) Tri { return w.condition(func() Tri { return w.testExpr(x.X, f.env, i) }) })
	case *syntax.ArithmCmd, *syntax.LetClause:
		w.substitutions(x, c, f, false)
		return f.unknownStatus()
	}
	return f.unknownStatus()
}

// subshell walks body in a subshell of f: its variables and options stay inside, `exit`
// ends only the subshell, and its status is that of the body's last command (or of exit).
func (w *walker) subshell(c ctx, f flow, body func(ctx, flow) flow) flow {
	fr := &frame{kind: subshellFrame}
	w.frames = append(w.frames, fr)
	end := body(c, f)
	w.frames = w.frames[:len(w.frames)-1]
	return f.statusOf(join(end, fr.exited))
}

func (w *walker) binary(x *syntax.BinaryCmd, c ctx, f flow) flow {
	switch x.Op {
	case syntax.AndStmt, syntax.OrStmt:
		cx := c
		if x.Op == syntax.AndStmt {
			if !c.last {
				cx = c.handled(HandledByAnd)
			}
		} else if h, name := w.handlerOf(x.Y); h == NotHandled {
			cx.last = true // `|| exit 1` passes the failure on
		} else {
			cx = c.handled(h)
			if cx.handler == HandledByOr {
				cx.orCommand = name
			}
		}
		// `set -e` never stops the script at the left side of a list.
		noErrexit := f
		noErrexit.errexit = False
		fx := w.stmt(x.X, cx, noErrexit)
		fx.errexit = f.errexit
		yes := fx.worlds &^ fx.fail
		no := fx.worlds &^ fx.ok
		// On the path that skips Y, X's status is the list's: known by which path it is.
		if x.Op == syntax.AndStmt {
			return join(fx.in(no).statusAll(False), w.stmt(x.Y, c, fx.in(yes)))
		}
		return join(fx.in(yes).statusAll(True), w.stmt(x.Y, c, fx.in(no)))
	}
	// A pipeline: every part runs in a subshell; the status is the last part's, or with
	// pipefail the last failing part's.
	cx := c
	if f.pipefail != True {
		cx = c.handled(HandledByPipeline)
	}
	fx := w.subshell(cx, f, func(c ctx, f flow) flow { return w.stmt(x.X, c, f) })
	cy := c
	cy.input = catInput(x.X) // the right side reads the pipe
	fy := w.subshell(cy, f, func(c ctx, f flow) flow { return w.stmt(x.Y, c, f) })
	if f.pipefail == True {
		return f.status(func(i int) Tri {
			return triAnd(statusIn(fx, i), statusIn(fy, i))
		})
	}
	return fy
}

// statusIn returns the status of the last command in world i: True for zero.
func statusIn(f flow, i int) Tri {
	switch {
	case f.ok.Has(i):
		return True
	case f.fail.Has(i):
		return False
	}
	return Unknown
}

func (w *walker) ifClause(x *syntax.IfClause, c ctx, f flow) flow {
	if len(x.Cond) == 0 { // a plain else
		return w.stmts(x.Then, c, f, true)
	}
	fc := w.stmts(x.Cond, c.handled(HandledByIf), f, false)
	yes := fc.worlds &^ fc.fail
	no := fc.worlds &^ fc.ok
	then := w.stmts(x.Then, c, fc.in(yes), true)
	var els flow
	if x.Else != nil {
		els = w.ifClause(x.Else, c, fc.in(no))
	} else {
		// No branch taken: the status of the if is zero.
		els = fc.in(no).statusAll(True)
	}
	return join(then, els)
}

func (w *walker) loop(x *syntax.WhileClause, c ctx, f flow) flow {
	cc := c.handled(HandledByLoop)
	if x.Until && cc.handler == HandledByLoop {
		cc.handler = HandledByRetry // until CMD: retried as long as it fails
	}
	fc := w.stmts(x.Cond, cc, f, false)
	runs := fc.worlds &^ fc.fail
	if x.Until {
		runs = fc.worlds &^ fc.ok
	}
	bc := c
	bc.last = false
	body := w.stmts(x.Do, bc, fc.in(runs), true)
	fc.env = fc.env.merge(body.env, fc.worlds, fc.worlds)
	return fc.unknownStatus()
}

func (w *walker) caseClause(x *syntax.CaseClause, c ctx, f flow) flow {
	w.substitutions(x.Word, c, f, false)
	remaining := f.worlds // worlds no earlier pattern surely matched
	out := f.in(0)
	for _, item := range x.Items {
		var may, sure Worlds
		remaining.Each(func(i int) {
			for _, p := range item.Patterns {
				switch w.condition(func() Tri { return w.matchWords(x.Word, p, f.env, i) }) {
				case True:
					sure |= 1 << i
					may |= 1 << i
					return
				case Unknown:
					may |= 1 << i
				}
			}
		})
		if !may.Empty() {
			entered := f.in(may).statusAll(True)
			out = join(out, w.stmts(item.Stmts, c, entered, true))
		}
		if item.Op == syntax.Break {
			remaining &^= sure
		}
	}
	// No pattern matched: the status is zero.
	return join(out, f.in(remaining).statusAll(True))
}

// condition evaluates a test or a case pattern.
func (w *walker) condition(eval func() Tri) Tri {
	w.inCondition = true
	defer func() { w.inCondition = false }()
	return eval()
}
