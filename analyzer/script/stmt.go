package script

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer/shell"
)

// handling is what the code around a call does with its failure.
type handling struct {
	handler shell.Handler
	or      string // with HandledByOr: the first word after `or`/`||`
	aborts  bool   // `or abort`, `|| exit 1`, `or raise`: a failure ends the hook
}

// record reads the command of a call site and records it, with the failure the form gives
// and the code around it changes.
func (w *walker) record(s *site, worlds shell.Worlds, h handling, c ctx) {
	if c.dead {
		return
	}
	fail := s.fail
	returnsStatus := fail.Handler == shell.NotHandled && fail.Errexit == shell.False && !fail.Last
	switch {
	case h.aborts && returnsStatus:
		fail.Errexit = shell.True
	case h.handler != shell.NotHandled && returnsStatus:
		fail.Handler, fail.OrCommand = h.handler, h.or
	}
	if c.inTry && fail.Handler == shell.NotHandled && fail.Errexit == shell.True {
		fail.Errexit = shell.Unknown // rescue / except may catch it
	}
	w.run(s, worlds, fail, c)
}

// scanCalls records the calls in tokens [a, b) and walks the blocks among them.
func (w *walker) scanCalls(a, b int, worlds shell.Worlds, h handling, c ctx) {
	for i := a; i < b && i < len(w.toks); {
		if !w.step(c) {
			return
		}
		t := w.at(i)
		switch {
		case t.kind == tCommand && t.str != nil:
			f := "`"
			switch {
			case strings.HasPrefix(t.text, "%x"):
				f = "%x"
			case strings.HasPrefix(t.text, "<<"):
				f = "<<`"
			}
			w.record(&site{form: f, pos: t.pos, end: t.end, str: t.str, fail: captured}, worlds, handling{}, c)
			i++
		case w.lang == Ruby && w.blockAt(i):
			w.i = i
			w.rbBlock(worlds, c)
			i = max(w.i, i+1)
		case w.lang == Ruby && t.kind == tIdent && compoundStart[t.text] && !w.valueEnds(i-1):
			w.i = i
			cc := c
			cc.top, cc.branch, cc.inExpr = false, true, true
			w.rbStmt(worlds, cc)
			i = max(w.i, i+1)
		default:
			name, f, j, ok := w.matchCall(i)
			if !ok {
				i++
				continue
			}
			args, end := w.callArgs(j, b)
			w.steps += end - j // the arguments are read again for every call they are nested in
			for _, s := range w.readSite(name, f, args) {
				s.pos, s.end = t.pos, w.at(end-1).end
				w.record(s, worlds, h, c)
			}
			i = j
		}
	}
}

// compoundStart are the Ruby keywords that open a construct ending in `end`.
var compoundStart = map[string]bool{"if": true, "unless": true, "case": true, "begin": true, "while": true, "until": true, "for": true}

// exitKind reports whether tokens [a, b) end the hook's path (exit, abort, raise, sys.exit,
// return where it ends the path) and whether that is a failure.
func (w *walker) exitKind(a, b int, c ctx) (exits, failing bool) {
	name, j := w.dotted(a)
	if w.lang == Python {
		name = w.resolve(name)
	}
	zero := func() bool {
		if b-j > 4 {
			return false // longer than exit(0)
		}
		rest := strings.TrimSpace(w.text(j, b))
		rest = strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")")
		return rest == "" || rest == "0" || rest == "true" || rest == "True" || rest == "None"
	}
	switch name {
	case "exit", "Kernel.exit", "Process.exit", "sys.exit", "quit", "os._exit":
		return true, !zero()
	case "exit!", "Kernel.exit!", "abort", "Kernel.abort", "raise", "fail":
		return true, true
	case "return":
		return c.top || c.inDef, false
	}
	return false, false
}

// chain walks the head of a simple statement: parts joined by and/or (&&, ||). maybe are
// the worlds in which it may run, sure those in which it surely runs. It returns the worlds
// in which it surely ends the path.
func (w *walker) chain(s, e int, maybe, sure shell.Worlds, c ctx, tops []int) shell.Worlds {
	type part struct {
		s, e int
		op   string // the operator before the part
	}
	var parts []part
	start, op := s, ""
	for _, i := range tops {
		t := w.at(i)
		if i >= s && i < e && (t.kind == tIdent && (t.text == "and" || t.text == "or") || t.kind == tOp && (t.text == "&&" || t.text == "||")) {
			parts = append(parts, part{start, i, op})
			start, op = i+1, strings.NewReplacer("&&", "and", "||", "or").Replace(t.text)
		}
	}
	parts = append(parts, part{start, e, op})
	var exited shell.Worlds
	for k, p := range parts {
		if k > 0 {
			prev := parts[k-1]
			yes, no := w.split(w.parseCond(prev.s, prev.e), maybe)
			if p.op == "and" {
				maybe, sure = maybe&^no, sure&yes
			} else {
				maybe, sure = maybe&^yes, sure&no
			}
		}
		var h handling
		if k+1 < len(parts) {
			next := parts[k+1]
			_, failing := w.exitKind(next.s, next.e, c)
			switch {
			case next.op == "or" && failing:
				h.aborts = true
			case next.op == "or":
				h.handler, h.or = shell.HandledByOr, w.at(next.s).text
			default:
				h.handler = shell.HandledByAnd
			}
		}
		if p.s >= p.e {
			continue
		}
		if exits, _ := w.exitKind(p.s, p.e, c); exits {
			w.scanCalls(p.s, p.e, maybe, h, c)
			exited |= sure
			continue
		}
		w.assign(p.s, p.e, c)
		w.scanCalls(p.s, p.e, maybe, h, c)
		if _, f, _, ok := w.matchCall(p.s); ok && f.ends && !c.dead {
			exited |= sure // exec: the hook is the command now
		}
	}
	return exited
}

// assign records what a simple assignment NAME = value tells the reader, and the hook's
// changes to its own environment.
func (w *walker) assign(s, e int, c ctx) {
	t := w.at(s)
	if t.kind == tIdent && w.is(s+1, tOp, "=") && s+2 < e {
		delete(w.binds, t.text)
		if c.branch {
			return
		}
		b := binding{pos: t.pos}
		p := &condParser{w: w, i: s + 2, end: e}
		if env := p.envRead(); env != nil && p.i == e {
			b.envVar = env.name
		} else if lit := w.literal(arg{s: s + 2, e: e}); lit != nil {
			b.lit = lit
		} else if l, ok := w.listOf(arg{s: s + 2, e: e}); ok {
			b.list = l
		} else {
			return
		}
		w.binds[t.text] = b
		return
	}
	w.envAssign(s, e, c)
}

// envAssign records ENV["X"] = v, ENV.delete("X"), os.environ["X"] = v, del
// os.environ["X"], os.environ.pop("X"), os.unsetenv("X"), os.putenv("X", v).
func (w *walker) envAssign(s, e int, c ctx) {
	var name string
	var v shell.EnvValue
	key := func(i int) string {
		if t := w.at(i); t.kind == tString && t.str != nil && t.str.known() {
			return string(t.str.val)
		}
		return ""
	}
	head, j := w.dotted(s)
	if w.lang == Python {
		head = w.resolve(head)
	}
	switch {
	case head == "del" && w.resolve(w.at(s+1).text+"."+w.at(s+3).text) == "os.environ" && w.is(s+4, tOp, "["):
		name, v = key(s+5), shell.EnvValue{State: shell.EnvUnset, Cause: shell.CauseUnset}
	case (head == "ENV" || head == "os.environ") && w.is(j, tOp, "[") && w.is(j+2, tOp, "]") && w.is(j+3, tOp, "="):
		name = key(j + 1)
		v = shell.EnvValue{State: shell.EnvSet, Cause: shell.CauseAssignment}
		if w.is(j+4, tIdent, "nil") {
			v = shell.EnvValue{State: shell.EnvUnset, Cause: shell.CauseUnset}
		} else if lit := w.literal(arg{s: j + 4, e: e}); lit != nil && lit.known() {
			v.Value, v.Known = string(lit.val), true
		}
	case head == "ENV.delete" || head == "os.environ.pop" || head == "os.unsetenv":
		name, v = key(j+1), shell.EnvValue{State: shell.EnvUnset, Cause: shell.CauseUnset}
	case head == "os.putenv":
		name, v = key(j+1), shell.EnvValue{State: shell.EnvSet, Cause: shell.CauseAssignment}
	case head == "ENV.clear" || head == "os.environ.clear":
		w.env = append(w.env, envChange{value: shell.EnvValue{State: shell.EnvCleared, Cause: shell.CauseEnvClear, Pos: w.pos(w.at(s).pos)}})
		return
	default:
		return
	}
	if name == "" {
		return
	}
	v.Pos = w.pos(w.at(s).pos)
	if c.branch {
		v = shell.EnvValue{State: shell.EnvVaries, Cause: v.Cause, Pos: v.Pos}
	}
	w.env = append(w.env, envChange{name: name, value: v})
}
