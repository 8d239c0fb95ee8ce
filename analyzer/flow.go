package analyzer

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"mvdan.cc/sh/v3/syntax"
)

// maxDepth bounds how deeply the walk follows nested statements and function calls, so
// that a pathological file cannot exhaust the stack.
const maxDepth = 400

// maxFrames bounds nested function calls; recursion stops at the first repeated name anyway.
const maxFrames = 16

// maxSteps bounds the statements walked in one hook, counting each function body once per
// call, so that functions calling one another several times cannot make the walk
// exponential. Real hooks take a few hundred.
const maxSteps = 200_000

// Flow is the result of walking one hook: every command it runs, each with the worlds (outer
// kamal commands) under which it can run after the hook's own guards.
type Flow struct {
	Worlds   []World
	Commands []*Command
	// TooDeep is set when nesting (or the number of statements walked through function
	// calls) went past what the walk follows; some commands are then missing.
	TooDeep bool
}

// Walk runs the flow walk over a parsed hook, once for all rules.
func Walk(h *Hook, worlds []World) *Flow {
	if len(worlds) == 0 {
		// A file Kamal never runs as a hook still gets its commands listed, under one
		// world that no guard can tell apart.
		worlds = []World{{}}
	}
	w := &walker{h: h, worlds: worlds, funcs: map[string]*syntax.FuncDecl{}}
	for _, s := range h.Stmts {
		w.collectFuncs(s)
	}
	f := flow{worlds: allWorlds(len(worlds)), errexit: False, pipefail: False}
	if shebangErrexit(h.ShebangArgs) {
		f.errexit = True
	}
	w.stmts(h.Stmts, ctx{last: true}, f, true)
	return &Flow{Worlds: w.worlds, Commands: w.cmds, TooDeep: w.tooDeep}
}

// walker carries the walk's state that is not per path.
type walker struct {
	h       *Hook
	worlds  []World
	funcs   map[string]*syntax.FuncDecl
	cmds    []*Command
	frames  []*frame
	steps   int
	tooDeep bool
}

// frame is one active function call.
type frame struct {
	name     string
	args     []kamal.Word
	site     *syntax.CallExpr
	returned Worlds
}

// flow is what changes along a path: the worlds still running, the variables, `set -e`.
type flow struct {
	worlds   Worlds
	env      env
	errexit  Tri
	pipefail Tri
}

// in returns the same path state restricted to (or moved to) other worlds: the variables
// and shell options carry over. in(0) is a path that ended (exit, return, exec).
func (f flow) in(worlds Worlds) flow {
	f.worlds = worlds
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
	out := flow{worlds: a.worlds | b.worlds, env: a.env.merge(b.env, a.worlds, b.worlds), errexit: a.errexit, pipefail: a.pipefail}
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
	anchor   *syntax.Stmt // statement a guard would wrap
	handled  string       // enclosing construct that handles a failure
	stderr   bool         // standard error goes to /dev/null
	subshell bool         // `exit` ends a subshell, not the hook
	last     bool         // the hook's exit status is this statement's
	depth    int
}

// args returns the positional parameters of the innermost function call, nil at top level.
func (w *walker) args() []kamal.Word {
	if len(w.frames) == 0 {
		return nil
	}
	return w.frames[len(w.frames)-1].args
}

// collectFuncs records function declarations anywhere in the file, so that a function
// counts wherever it is called, whatever the order of declaration.
func (w *walker) collectFuncs(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if fd, ok := n.(*syntax.FuncDecl); ok && fd.Name != nil {
			w.funcs[fd.Name.Value] = fd
		}
		return true
	})
}

// stmts walks a statement list. body says whether the list is a body (each statement a
// place a guard can wrap) rather than a condition.
func (w *walker) stmts(list []*syntax.Stmt, c ctx, f flow, body bool) flow {
	for i, s := range list {
		if f.worlds.Empty() {
			break // the rest is unreachable
		}
		cc := c
		if body {
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
	if c.depth > maxDepth || w.steps > maxSteps {
		w.tooDeep = true
		return f
	}
	if discardsStderr(s.Redirs) {
		c.stderr = true
	}
	for _, r := range s.Redirs {
		if r.Word != nil {
			w.substs(r.Word, c, f)
		}
		if r.Hdoc != nil {
			w.substs(r.Hdoc, c, f)
		}
	}
	if s.Background || s.Coprocess {
		c.handled, c.subshell, c.last = "`&`", true, false
		w.command(s, c, f)
		return f
	}
	if s.Negated {
		if c.handled == "a loop condition" {
			c.handled = RetryLoop // while ! CMD: retried as long as it fails
		} else {
			c.handled = "`!`"
		}
	}
	return w.command(s, c, f)
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
		cc := c
		cc.handled, cc.last = "a loop condition", false
		if x.Until {
			cc.handled = RetryLoop // until CMD: retried as long as it fails
		}
		fc := w.stmts(x.Cond, cc, f, false)
		runs := fc.worlds
		if len(x.Cond) > 0 {
			last := x.Cond[len(x.Cond)-1]
			stop := True
			if x.Until {
				stop = False
			}
			runs = fc.worlds.where(func(i int) bool { return w.truth(last, fc.env, i) != stop.not() })
		}
		bc := c
		bc.last = false
		body := w.stmts(x.Do, bc, fc.in(runs), true)
		fc.env = fc.env.merge(body.env, fc.worlds, fc.worlds)
		return fc
	case *syntax.ForClause:
		w.substs(x.Loop, c, f)
		bc := c
		bc.last = false
		body := w.stmts(x.Do, bc, f, true)
		f.env = f.env.merge(body.env, f.worlds, f.worlds)
		return f
	case *syntax.CaseClause:
		return w.caseClause(x, c, f)
	case *syntax.Block:
		return w.stmts(x.Stmts, c, f, true)
	case *syntax.Subshell:
		c.subshell = true
		w.stmts(x.Stmts, c, f, true)
		return f
	case *syntax.FuncDecl:
		return f // walked where it is called
	case *syntax.TimeClause:
		if x.Stmt != nil {
			return w.stmt(x.Stmt, c, f)
		}
	case *syntax.CoprocClause:
		c.handled, c.subshell, c.last = "coproc", true, false
		w.stmt(x.Stmt, c, f)
	case *syntax.DeclClause:
		w.substs(x, c, f)
		for _, a := range x.Args {
			if a.Name != nil && !a.Naked {
				f.env = f.env.assign(a.Name.Value, w.assignValue(a, f.env))
			}
		}
	case *syntax.TestClause, *syntax.ArithmCmd, *syntax.LetClause:
		w.substs(x, c, f)
	}
	return f
}

func (w *walker) binary(x *syntax.BinaryCmd, c ctx, f flow) flow {
	switch x.Op {
	case syntax.AndStmt:
		// X's failure skips Y and does not trip `set -e`; it only matters when the list is
		// the last thing the hook runs.
		cx := c
		if !c.last && cx.handled == "" {
			cx.handled = "the `&&` list"
		}
		noErrexit := f
		noErrexit.errexit = False
		fx := w.stmt(x.X, cx, noErrexit)
		fx.errexit = f.errexit
		yes := fx.worlds.where(func(i int) bool { return w.truth(x.X, f.env, i) != False })
		no := fx.worlds.where(func(i int) bool { return w.truth(x.X, f.env, i) != True })
		fy := w.stmt(x.Y, c, fx.in(yes))
		return join(fx.in(no), fy)
	case syntax.OrStmt:
		cx := c
		cx.handled, cx.last = handlerOf(x.Y, w), false
		if cx.handled == "" {
			cx.last = true // `|| exit 1` passes the failure on
		}
		fx := w.stmt(x.X, cx, f)
		yes := fx.worlds.where(func(i int) bool { return w.truth(x.X, f.env, i) != False })
		no := fx.worlds.where(func(i int) bool { return w.truth(x.X, f.env, i) != True })
		fy := w.stmt(x.Y, c, fx.in(no))
		return join(fx.in(yes), fy)
	default: // pipelines: every part runs in a subshell
		cx := c
		cx.subshell = true
		if f.pipefail != True {
			cx.handled, cx.last = "a pipeline", false
		}
		w.stmt(x.X, cx, f)
		cy := c
		cy.subshell = true
		w.stmt(x.Y, cy, f)
		return f
	}
}

func (w *walker) ifClause(x *syntax.IfClause, c ctx, f flow) flow {
	if len(x.Cond) == 0 { // a plain else
		return w.stmts(x.Then, c, f, true)
	}
	cc := c
	cc.handled, cc.last = "an if condition", false
	fc := w.stmts(x.Cond, cc, f, false)
	last := x.Cond[len(x.Cond)-1]
	yes := fc.worlds.where(func(i int) bool { return w.truth(last, fc.env, i) != False })
	no := fc.worlds.where(func(i int) bool { return w.truth(last, fc.env, i) != True })
	then := w.stmts(x.Then, c, fc.in(yes), true)
	els := fc.in(no)
	if x.Else != nil && !no.Empty() {
		els = w.ifClause(x.Else, c, els)
	}
	return join(then, els)
}

func (w *walker) caseClause(x *syntax.CaseClause, c ctx, f flow) flow {
	w.substs(x.Word, c, f)
	remaining := f.worlds // worlds no earlier pattern surely matched
	out := f.in(0)
	for _, item := range x.Items {
		var may, sure Worlds
		remaining.Each(func(i int) {
			for _, p := range item.Patterns {
				switch w.matchWords(x.Word, p, f.env, i) {
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
			out = join(out, w.stmts(item.Stmts, c, f.in(may), true))
		}
		if item.Op == syntax.Break {
			remaining &^= sure
		}
	}
	return join(out, f.in(remaining))
}

// substs walks the command substitutions inside a node: they run in subshells, in the
// same worlds as the node, and their status is lost.
func (w *walker) substs(n syntax.Node, c ctx, f flow) { w.substitutions(n, c, f, false) }

// substitutions walks the command substitutions inside a node. statusKept says whether
// their exit status becomes the command's (a bare assignment), rather than being lost.
func (w *walker) substitutions(n syntax.Node, c ctx, f flow, statusKept bool) {
	syntax.Walk(n, func(n syntax.Node) bool {
		var list []*syntax.Stmt
		switch n := n.(type) {
		case *syntax.CmdSubst:
			list = n.Stmts
		case *syntax.ProcSubst:
			list = n.Stmts
		default:
			return true
		}
		cc := c
		cc.subshell, cc.last = true, c.last && statusKept
		if cc.handled == "" && !statusKept {
			cc.handled = "a command substitution"
		}
		w.stmts(list, cc, f, false)
		return false
	})
}

func (w *walker) call(x *syntax.CallExpr, c ctx, f flow) flow {
	for _, a := range x.Assigns {
		// `x=$(kamal …)` alone: the assignment's status is the substitution's, so set -e
		// stops the hook on its failure.
		w.substitutions(a, c, f, len(x.Args) == 0)
	}
	for _, a := range x.Args {
		w.substs(a, c, f)
	}
	if len(x.Args) == 0 {
		for _, a := range x.Assigns {
			if a.Name != nil {
				f.env = f.env.assign(a.Name.Value, w.assignValue(a, f.env))
			}
		}
		return f
	}
	var argv []kamal.Word
	var from []*syntax.Word // the word each argv entry came from
	for _, a := range x.Args {
		for _, fw := range w.fields(a, f.env) {
			fw.Index = len(argv)
			argv = append(argv, fw)
			from = append(from, a)
		}
	}
	if len(argv) == 0 {
		return f
	}
	name := ""
	if argv[0].Known {
		name = argv[0].Text
	}
	switch name {
	case "exit":
		return f.in(0)
	case "return":
		if len(w.frames) > 0 {
			w.frames[len(w.frames)-1].returned |= f.worlds
			return f.in(0)
		}
		if w.h.Variant == syntax.LangBash {
			return f // bash refuses a top-level return in a script and goes on
		}
		return f.in(0) // sh (dash) stops, like exit
	case "set":
		f.errexit, f.pipefail = setOptions(argv[1:], f.errexit, f.pipefail)
		return f
	case "trap":
		// trap 'exit 1' ERR stops the hook at a failing command, as set -e does.
		if n := len(argv); n >= 3 && argv[n-1].Known && argv[n-1].Text == "ERR" && strings.Contains(argv[1].Text, "exit") {
			f.errexit = True
		}
		return f
	case "shift":
		if len(w.frames) > 0 {
			fr := w.frames[len(w.frames)-1]
			n := 1
			if len(argv) > 1 {
				n = -1
				if argv[1].Known {
					if k, ok := positional(argv[1].Text); ok {
						n = k
					}
				}
			}
			switch {
			case n < 0 || anySpread(fr.args[:min(max(n, 0), len(fr.args))]):
				fr.args = []kamal.Word{{Text: "\"$@\"", Spread: true}}
			case n <= len(fr.args):
				fr.args = fr.args[n:]
			default:
				fr.args = fr.args[:0]
			}
		}
		return f
	case "unset":
		for _, a := range argv[1:] {
			if a.Known && !strings.HasPrefix(a.Text, "-") {
				f.env = f.env.assign(a.Text, value{unset: true})
			}
		}
		return f
	}
	if fd, ok := w.funcs[name]; ok && !w.calling(name) {
		if len(w.frames) >= maxFrames {
			w.tooDeep = true
			return f
		}
		return w.callFunction(fd, x, argv[1:], c, f)
	}
	cmd := w.record(x, argv, c, f)
	if cmd == nil {
		return f
	}
	w.shellString(cmd, from, c, f)
	if len(cmd.Wrappers) > 0 && cmd.Wrappers[0] == "exec" && !c.subshell {
		// exec replaces the shell: the command's status is the hook's, and nothing after it
		// runs.
		cmd.Failure.Last = cmd.Failure.Handled == ""
		return f.in(0)
	}
	return f
}

// calling reports whether a function is already on the call stack (recursion).
func (w *walker) calling(name string) bool {
	for _, fr := range w.frames {
		if fr.name == name {
			return true
		}
	}
	return false
}

func (w *walker) callFunction(fd *syntax.FuncDecl, x *syntax.CallExpr, args []kamal.Word, c ctx, f flow) flow {
	site := x
	if len(w.frames) > 0 {
		site = w.frames[0].site
	}
	fr := &frame{name: fd.Name.Value, args: args, site: site}
	w.frames = append(w.frames, fr)
	out := w.stmt(fd.Body, c, f)
	w.frames = w.frames[:len(w.frames)-1]
	out.worlds |= fr.returned
	return out
}

// record adds a command the hook runs, and returns it (nil when argv runs nothing).
func (w *walker) record(x *syntax.CallExpr, argv []kamal.Word, c ctx, f flow) *Command {
	cmd := &Command{
		Call:    x,
		Site:    x,
		Anchor:  c.anchor,
		Worlds:  f.worlds,
		Failure: Failure{Handled: c.handled, Errexit: f.errexit, Last: c.last, StderrDiscarded: c.stderr},
	}
	if len(w.frames) > 0 {
		cmd.Site = w.frames[0].site
		for _, fr := range w.frames {
			cmd.Via = append(cmd.Via, fr.name)
		}
	}
	for _, a := range x.Assigns {
		if a.Name == nil {
			continue
		}
		v := kamal.Word{Text: w.h.Text(a.Pos(), a.End()), Known: false}
		if a.Value != nil {
			if s, ok := w.wordValue(a.Value, f.env, -1, false); ok {
				v = kamal.Word{Text: s, Known: true}
			}
		} else {
			v = kamal.Word{Known: true}
		}
		cmd.Env = append(cmd.Env, EnvVar{Name: a.Name.Value, Value: v})
	}
	stripped, runs := stripWrappers(argv, cmd)
	if !runs {
		return nil
	}
	cmd.Argv = stripped
	cmd.Kamal = IsKamalProgram(stripped[0])
	w.cmds = append(w.cmds, cmd)
	return cmd
}

// assignValue evaluates the right side of an assignment, keeping track of copies of the
// world variables (cmd=$KAMAL_COMMAND).
func (w *walker) assignValue(a *syntax.Assign, e env) value {
	if a.Value == nil || a.Array != nil || a.Append || a.Index != nil {
		if a.Value == nil && a.Array == nil {
			return value{known: true}
		}
		return value{}
	}
	if name := soleParam(a.Value); name != "" {
		if worldVariables[name] {
			return value{ref: name}
		}
		if v, ok := e[name]; ok {
			return v
		}
	}
	if s, ok := w.wordValue(a.Value, e, -1, false); ok {
		return value{known: true, text: s}
	}
	return value{}
}

// soleParam returns NAME when a word is exactly $NAME, ${NAME} or "$NAME".
func soleParam(word *syntax.Word) string {
	parts := word.Parts
	if len(parts) == 1 {
		if dq, ok := parts[0].(*syntax.DblQuoted); ok {
			parts = dq.Parts
		}
	}
	if len(parts) != 1 {
		return ""
	}
	pe, ok := parts[0].(*syntax.ParamExp)
	if !ok || pe.Param == nil || pe.Exp != nil || pe.Index != nil || pe.Excl || pe.Length || pe.Slice != nil || pe.Repl != nil {
		return ""
	}
	return pe.Param.Value
}
