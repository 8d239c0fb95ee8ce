package shell

import (
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// invocation is one simple command on its way through the walk.
type invocation struct {
	x    *syntax.CallExpr
	argv []Field
	c    ctx
	f    flow
}

// builtin is a shell builtin's effect on the path: its exit status per world, the
// variables and options it changes, and whether the path goes on.
type builtin func(w *walker, in invocation) flow

// builtinFor returns the effect of a builtin the walk evaluates instead of recording, or
// nil: what these do is known without running them.
func builtinFor(name string) builtin {
	switch name {
	case "true", ":":
		return trueBuiltin
	case "false":
		return falseBuiltin
	case "echo", "printf":
		return trueBuiltin // they fail only when their output cannot be written
	case "test", "[", "[[": // [[ as a plain command: a POSIX shell's view of it
		return testBuiltin
	case "exit":
		return exitBuiltin
	case "return":
		return returnBuiltin
	case "set":
		return setBuiltin
	case "trap":
		return trapBuiltin
	case "shift":
		return shiftBuiltin
	case "unset":
		return unsetBuiltin
	case "export", "readonly", "local", "declare", "typeset":
		return declareBuiltin
	case "read":
		return readBuiltin
	case "eval":
		return evalBuiltin
	}
	return nil
}

// The builtins whose status is always the same, made once rather than at every call.
var (
	trueBuiltin  = statusBuiltin(True)
	falseBuiltin = statusBuiltin(False)
)

func statusBuiltin(t Tri) builtin {
	return func(_ *walker, in invocation) flow {
		return in.f.statusAll(t)
	}
}

// testBuiltin evaluates test, [ and [[ (the last only as a POSIX shell sees it: dash and
// ash have no [[, so it fails as an unknown command there, while /bin/sh may be bash, where
// it works: a condition that is true in bash is unknown).
func testBuiltin(w *walker, in invocation) flow {
	args := in.x.Args[1:]
	name := in.argv[0].Text
	switch name {
	case "[", "[[":
		closer := "]"
		if name == "[[" {
			closer = "]]"
		}
		if len(args) == 0 || args[len(args)-1].Lit() != closer {
			return in.f.unknownStatus()
		}
		args = args[:len(args)-1]
	}
	return in.f.status(func(i int) Tri {
		t := w.condition(func() Tri { return w.testArgs(args, in.f.env, i) })
		if name == "[[" && w.file.Variant != syntax.LangBash {
			t = triAnd(t, Unknown)
		}
		return t
	})
}

// exitStatus reads the status word of exit or return: True for 0, the current status for
// none or $?.
func (w *walker) exitStatus(in invocation) flow {
	if len(in.argv) < 2 {
		return in.f
	}
	if len(in.x.Args) > 1 && soleParam(in.x.Args[1]) == "?" {
		return in.f
	}
	a := in.argv[1]
	if !a.Known {
		return in.f.unknownStatus()
	}
	return in.f.status(func(int) Tri { return triOf(strings.TrimSpace(a.Text) == "0") })
}

func exitBuiltin(w *walker, in invocation) flow {
	w.exit(w.exitStatus(in))
	return in.f.in(0)
}

// exit sends a path to the innermost subshell, which it leaves; at the top level the
// script ends there.
func (w *walker) exit(f flow) {
	if fr := w.innermost(subshellFrame, processFrame); fr != nil {
		fr.exited = join(fr.exited, f)
	}
}

func returnBuiltin(w *walker, in invocation) flow {
	if fr := w.innermost(funcFrame, sourceFrame, processFrame); fr != nil && fr.kind != processFrame {
		fr.exited = join(fr.exited, w.exitStatus(in))
		return in.f.in(0)
	}
	if w.file.Variant == syntax.LangBash {
		// bash refuses a top-level return in a script, says so, and goes on.
		return in.f.statusAll(False)
	}
	return exitBuiltin(w, in) // sh (dash) stops, as with exit
}

func setBuiltin(_ *walker, in invocation) flow {
	f := in.f
	f.errexit, f.pipefail = setOptions(in.argv[1:], f.errexit, f.pipefail)
	return f.statusAll(True)
}

// trapBuiltin: `trap 'exit 1' ERR` stops the script at a failing command, as set -e does.
func trapBuiltin(_ *walker, in invocation) flow {
	f := in.f
	argv := in.argv
	if n := len(argv); n >= 3 && argv[n-1].Known && argv[n-1].Text == "ERR" && strings.Contains(argv[1].Text, "exit") {
		f.errexit = True
	}
	return f.statusAll(True)
}

func shiftBuiltin(w *walker, in invocation) flow {
	if fr := w.innermost(funcFrame, processFrame); fr != nil {
		n := 1
		if len(in.argv) > 1 {
			n = -1
			if in.argv[1].Known {
				if k, ok := positional(in.argv[1].Text); ok {
					n = k
				}
			}
		}
		switch {
		case n < 0 || anySpread(fr.args[:min(max(n, 0), len(fr.args))]):
			fr.args = []Field{{Text: "\"$@\"", Spread: true}}
		case n <= len(fr.args):
			fr.args = fr.args[n:]
		default:
			fr.args = fr.args[:0]
		}
	}
	return in.f.statusAll(True)
}

func unsetBuiltin(_ *walker, in invocation) flow {
	f := in.f
	for _, a := range in.argv[1:] {
		if a.Known && syntax.ValidName(a.Text) {
			f.env = f.env.assign(a.Text, value{unset: true, cause: CauseUnset, pos: a.Pos})
		}
	}
	return f.statusAll(True)
}

// declareBuiltin handles export, readonly, local, declare and typeset where the parser sees
// them as plain commands (POSIX sh): NAME=VALUE words assign, options and bare names do not
// change a value.
//
// declare and typeset are not POSIX: dash fails on them (status 127) and assigns nothing,
// bash as /bin/sh assigns. Their values are then only maybe set.
func declareBuiltin(w *walker, in invocation) flow {
	f := in.f
	maybe := false
	switch in.argv[0].Text {
	case "declare", "typeset":
		maybe = w.file.Variant == syntax.LangPOSIX
	}
	exports := in.argv[0].Text == "export"
	if exports && len(in.x.Args) > 1 && in.x.Args[1].Lit() == "-f" {
		for _, word := range in.x.Args[2:] {
			w.exportFunc(word.Lit())
		}
		return f.statusAll(True)
	}
	for _, word := range in.x.Args[1:] {
		if a := splitAssignWord(word); a != nil {
			v := w.assignValue(a, f, CauseAssignment)
			v.maybe, v.exported = maybe, exports
			f.env = f.env.assign(a.Name.Value, v)
		} else if lit := word.Lit(); exports && syntax.ValidName(lit) {
			f.env = f.env.assign(lit, exportedValue(f.env, lit))
		}
	}
	if maybe {
		return f.unknownStatus()
	}
	return f.statusAll(True)
}

// declClause handles export, readonly, local, declare and typeset as bash parses them.
func (w *walker) declClause(x *syntax.DeclClause, c ctx, f flow) flow {
	w.substitutions(x, c, f, false)
	exports, funcs := x.Variant.Value == "export", false
	for _, a := range x.Args {
		if a.Naked && a.Name == nil && a.Value != nil && strings.HasPrefix(a.Value.Lit(), "-") {
			exports = exports || strings.Contains(a.Value.Lit(), "x") // declare -x, typeset -x, local -x
			funcs = funcs || strings.Contains(a.Value.Lit(), "f")     // export -f NAME, declare -fx NAME
		}
	}
	if funcs {
		for _, a := range x.Args {
			if a.Naked && a.Name != nil && exports {
				w.exportFunc(a.Name.Value)
			}
		}
		return f.statusAll(True)
	}
	for _, a := range x.Args {
		switch {
		case a.Name != nil && !a.Naked:
			v := w.assignValue(a, f, CauseAssignment)
			v.exported = exports
			f.env = f.env.assign(a.Name.Value, v)
		case a.Name != nil && exports:
			f.env = f.env.assign(a.Name.Value, exportedValue(f.env, a.Name.Value))
		}
	}
	return f.statusAll(True)
}

// exportFunc records export -f NAME: bash passes the function to the bash processes the
// script starts.
func (w *walker) exportFunc(name string) {
	if fd, ok := w.funcs[name]; ok {
		if w.exportedFuncs == nil {
			w.exportedFuncs = map[string]funcDef{}
		}
		w.exportedFuncs[name] = fd
	}
}

// exportedValue is name's value in e, exported (export NAME).
func exportedValue(e env, name string) value {
	v, ok := e.get(name)
	if !ok {
		v = value{unsetByDefault: true}
	}
	v.exported = true
	v.alts = slices.Clone(v.alts) // the view in e is shared
	for i := range v.alts {
		v.alts[i].v.exported = true
	}
	return v
}

// splitAssignWord reads a word NAME=VALUE as an assignment; nil when it is not one.
func splitAssignWord(word *syntax.Word) *syntax.Assign {
	if len(word.Parts) == 0 {
		return nil
	}
	lit, ok := word.Parts[0].(*syntax.Lit)
	if !ok {
		return nil
	}
	name, rest, found := strings.Cut(lit.Value, "=")
	if !found || !syntax.ValidName(name) {
		return nil
	}
	val := &syntax.Word{}
	if rest != "" {
		val.Parts = append(val.Parts, &syntax.Lit{ValuePos: lit.ValuePos, ValueEnd: lit.ValueEnd, Value: rest})
	}
	val.Parts = append(val.Parts, word.Parts[1:]...)
	return &syntax.Assign{Name: &syntax.Lit{ValuePos: lit.ValuePos, Value: name}, Value: val}
}

// readBuiltin: `read NAME...` assigns values from input, which the walk cannot know.
func readBuiltin(_ *walker, in invocation) flow {
	f := in.f
	for _, a := range in.argv[1:] {
		if a.Known && syntax.ValidName(a.Text) {
			f.env = f.env.assign(a.Text, value{cause: CauseAssignment, pos: a.Pos})
		}
	}
	return f.unknownStatus()
}

// evalBuiltin walks `eval 'SCRIPT'` in the script's own shell: its variables, options and
// exit are the script's.
func evalBuiltin(w *walker, in invocation) flow {
	if len(in.argv) != 2 || len(in.x.Args) < 2 {
		return w.external(in) // also eval$CMD, one word that expands to two fields
	}
	file, placed := w.parseScript(in.x.Args[1], w.file.Variant, in.f.env)
	if file == nil {
		return w.external(in)
	}
	c := in.c
	c.inScript = true
	var out flow
	str := Field{Pos: in.x.Args[1].Pos(), End: in.x.Args[1].End()}
	w.inString(file, placed, str, in.x, func() { out = w.stmts(file.Stmts, c, in.f, false) })
	return out
}

// call walks a simple command: its substitutions, assignments and expansions, then the
// builtin, function or program it runs.
func (w *walker) call(x *syntax.CallExpr, c ctx, f flow) flow {
	status := f.statusAll(True)
	for _, a := range x.Assigns {
		// `x=$(kamal …)` alone: the assignment's status is the substitution's, so set -e
		// stops the script on its failure.
		status = w.substitutions(a, c, status, len(x.Args) == 0)
	}
	for _, a := range x.Args {
		w.substitutions(a, c, f, false)
	}
	f = w.assignDefaults(x, f)
	if len(x.Args) == 0 {
		for _, a := range x.Assigns {
			if a.Name != nil {
				f.env = f.env.assign(a.Name.Value, w.assignValue(a, f, CauseAssignment))
			}
		}
		return f.statusOf(status)
	}
	argv := make([]Field, 0, len(x.Args))
	for _, a := range x.Args {
		argv = w.appendFields(argv, a, f.env)
	}
	if len(argv) == 0 {
		return f.statusOf(status)
	}
	in := invocation{x: x, argv: argv, c: c, f: f}
	if argv[0].Known {
		if b := builtinFor(argv[0].Text); b != nil {
			return b(w, in)
		}
		if fd, ok := w.funcs[argv[0].Text]; ok && !w.calling(argv[0].Text) {
			if len(w.frames) >= maxFrames {
				w.tooDeep = true
				return f.unknownStatus()
			}
			return w.callFunction(fd, in)
		}
		switch argv[0].Text {
		case ".", "source":
			if len(argv) > 1 {
				if out, ok := w.source(in); ok {
					return out
				}
			}
		}
	}
	return w.external(in)
}

// external records a command that runs a program, and walks the script it is given when
// the program is a shell (sh -c 'SCRIPT').
func (w *walker) external(in invocation) flow {
	cmd := w.record(in)
	if cmd == nil {
		return in.f.unknownStatus()
	}
	out := in.f.unknownStatus()
	if st := w.shellScript(cmd, in); st != nil {
		out = in.f.statusOf(*st)
	} else if st := w.stdinScript(cmd, in); st != nil {
		out = in.f.statusOf(*st)
	} else if cmd.remote() {
		// A file it names is the other host's.
	} else if file, args := w.runsFile(cmd); file != nil {
		out = w.runFile(file, args, cmd, in)
	} else {
		w.runForeign(cmd, in)
	}
	if len(cmd.Wrappers) > 0 && cmd.Wrappers[0].Name == "exec" && w.innermost(subshellFrame, processFrame) == nil {
		// exec replaces the shell: the command's status is the script's, and nothing after
		// it runs.
		cmd.Failure.Last = cmd.Failure.Handler == NotHandled
		return in.f.in(0)
	}
	return out
}

// record adds a command that runs a program, and returns it (nil when argv runs nothing,
// as `command -v kamal`).
func (w *walker) record(in invocation) *Command {
	c, f := in.c, in.f
	cmd := &Command{
		Call:     in.x,
		Site:     in.x,
		Anchor:   c.anchor,
		InScript: c.inScript,
		Worlds:   f.worlds,
		Failure: Failure{Handler: c.handler, OrCommand: c.orCommand, Errexit: f.errexit, Last: c.last,
			StderrDiscarded: c.stderr},
		env:   f.env,
		shell: c.shell,
	}
	if c.parent != nil && c.last && c.handler == NotHandled {
		// The last command of a script string: its status is the shell's.
		parent := *c.parent
		parent.StderrDiscarded = parent.StderrDiscarded || c.stderr
		cmd.Failure = parent
	}
	w.placeCommand(cmd)
	for _, a := range in.x.Assigns {
		if a.Name == nil {
			continue
		}
		val := w.assignValue(a, f, CausePrefix)
		v := val.envValue(f.worlds)
		v.Cause, v.Pos = CausePrefix, a.Pos()
		ch := envChange{name: a.Name.Value, value: v}
		if v.State == EnvVaries || v.State == EnvSet && !v.Known {
			e := f.env.assign(ch.name, val)
			ch.worlds = w.perWorld(func(world int) (string, bool, bool) { return w.lookup(ch.name, e, world) })
		}
		cmd.changes = append(cmd.changes, ch)
	}
	argv, runs := stripWrappers(in.argv, cmd)
	if !runs {
		return nil
	}
	for i, ch := range cmd.changes {
		if ch.value.Cause != CauseEnvAssign || ch.value.Known {
			continue
		}
		// env VAR="$X" COMMAND, sudo VAR="$X" COMMAND: the word, in each world.
		for _, a := range in.argv {
			if a.Pos != ch.value.Pos {
				continue
			}
			if word := wordAt(in.x, a); word != nil {
				cmd.changes[i].worlds = w.perWorld(func(world int) (string, bool, bool) {
					text, ok := w.wordValue(word, f.env, world, false)
					_, text, _ = strings.Cut(text, "=")
					return text, true, ok
				})
			}
			break
		}
	}
	cmd.Argv = argv
	w.cmds = append(w.cmds, cmd)
	return cmd
}

// assignValue evaluates the right side of an assignment where f runs: a known string, a
// value per world when it depends on one (cmd=${KAMAL_COMMAND:-}), a copy of an
// environment variable, or unknown.
func (w *walker) assignValue(a *syntax.Assign, f flow, cause EnvCause) value {
	pos := a.Pos()
	switch {
	case a.Value == nil && a.Array == nil:
		return value{known: true, cause: cause, pos: pos}
	case a.Array != nil && !a.Append && a.Index == nil:
		return w.arrayValue(a.Array, f, cause, pos)
	case a.Value == nil || a.Array != nil || a.Append || a.Index != nil:
		return value{cause: cause, pos: pos}
	}
	v := w.valueOf(a.Value, f)
	v.cause, v.pos = cause, pos
	return v
}

// valueOf evaluates a word as a variable's new value where f runs.
func (w *walker) valueOf(word *syntax.Word, f flow) value {
	if name := soleParam(word); name != "" {
		if _, assigned := f.env.get(name); !assigned {
			if _, isPos := positional(name); !isPos {
				return value{ref: name} // a copy of the environment's variable
			}
		}
	}
	if s, ok := w.wordValue(word, f.env, -1, false); ok {
		return value{known: true, text: s}
	}
	// Known in each world, but not the same in all: keep it per world.
	var alts []alt
	known := true
	f.worlds.Each(func(i int) {
		s, ok := w.wordValue(word, f.env, i, false)
		if !ok {
			known = false
			return
		}
		for j := range alts {
			if alts[j].v.text == s {
				alts[j].worlds |= 1 << i
				return
			}
		}
		alts = append(alts, alt{worlds: 1 << i, v: value{known: true, text: s}})
	})
	if !known || len(alts) == 0 {
		return value{}
	}
	if len(alts) == 1 {
		return alts[0].v
	}
	return value{alts: alts}
}

// assignDefaults applies the assignments that ${NAME:=word} and ${NAME=word} make as a
// side effect of expanding a command's words (`: "${cmd:=$KAMAL_COMMAND}"`).
func (w *walker) assignDefaults(x *syntax.CallExpr, f flow) flow {
	for _, word := range x.Args {
		if !plainWord(word) {
			f.env = w.wordDefaults(word, f)
		}
	}
	return f
}

// wordDefaults returns the environment after the assignments a word's expansions make. It
// is apart from assignDefaults so that the plain words, the most, do not pay for the
// closure and the flow it captures.
func (w *walker) wordDefaults(word *syntax.Word, f flow) env {
	syntax.Walk(word, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst, *syntax.ProcSubst:
			return false
		case *syntax.ParamExp:
			if n.Param != nil && n.Exp != nil && (n.Exp.Op == syntax.AssignUnsetOrNull || n.Exp.Op == syntax.AssignUnset) {
				v := w.valueOf(&syntax.Word{Parts: []syntax.WordPart{n}}, f)
				v.cause, v.pos = CauseAssignment, n.Pos()
				f.env = f.env.assign(n.Param.Value, v)
			}
		}
		return true
	})
	return f.env
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

// Dialect maps an interpreter name ("bash", "/bin/sh" or "sh") to the parser's variant;
// ok is false for a program that is not a shell.
func Dialect(interp string) (syntax.LangVariant, bool) {
	switch path.Base(interp) {
	case "sh", "dash", "ash", "posh":
		return syntax.LangPOSIX, true
	case "bash":
		return syntax.LangBash, true
	case "mksh", "ksh", "ksh93", "pdksh":
		return syntax.LangMirBSDKorn, true
	case "zsh":
		return syntax.LangZsh, true
	}
	return 0, false
}

// arrayValue evaluates the elements of `NAME=(...)`, each expanded as a command word is.
func (w *walker) arrayValue(x *syntax.ArrayExpr, f flow, cause EnvCause, pos syntax.Pos) value {
	elems := []Field{}
	for _, el := range x.Elems {
		if el.Index != nil || el.Value == nil {
			return value{cause: cause, pos: pos} // an associative or sparse array
		}
		elems = w.appendFields(elems, el.Value, f.env)
	}
	return value{known: true, array: elems, cause: cause, pos: pos}
}
