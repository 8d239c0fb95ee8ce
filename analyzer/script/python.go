package script

import (
	"github.com/hooklint/hooklint/analyzer/shell"
)

// pyStmts walks Python statements from w.i up to the end of their block (a dedent, which
// it does not consume, or EOF) and returns the worlds that reach its end.
func (w *walker) pyStmts(in shell.Worlds, c ctx) shell.Worlds {
	out := in
	c.depth++
	for w.step(c) {
		for w.tok().kind == tNewline || w.is(w.i, tOp, ";") {
			w.i++
		}
		t := w.tok()
		if t.kind == tEOF || t.kind == tDedent {
			return out
		}
		if t.kind == tIndent { // an unexpected indent: read the block as if it belonged here
			w.i++
			out = w.pyStmts(out, c)
			if w.tok().kind == tDedent {
				w.i++
			}
			continue
		}
		out = w.stmtStep(out, &c, w.pyStmt)
	}
	w.i = len(w.toks) - 1
	return out
}

// pySuite walks the block after a header's colon: an indented block, or simple statements
// on the same line.
func (w *walker) pySuite(in shell.Worlds, c ctx) shell.Worlds {
	if w.is(w.i, tOp, ":") {
		w.i++
	}
	c.depth++
	if w.tok().kind != tNewline {
		return w.pySimpleLine(in, c)
	}
	w.i++
	if w.tok().kind != tIndent {
		return in // an empty block: a syntax error Python reports
	}
	w.i++
	out := w.pyStmts(in, c)
	if w.tok().kind == tDedent {
		w.i++
	}
	return out
}

// pyHeader returns the index of the colon that ends a compound statement's header.
func (w *walker) pyHeader(i int) int {
	depth := 0
	for ; i < len(w.toks); i++ {
		t := w.at(i)
		switch {
		case t.kind == tEOF || t.kind == tNewline:
			return i
		case t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{"):
			depth++
		case t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}"):
			depth--
		case t.kind == tOp && t.text == ":" && depth <= 0:
			return i
		}
	}
	return i
}

// pyStmt walks one statement at w.i.
func (w *walker) pyStmt(in shell.Worlds, c ctx) shell.Worlds {
	c.depth++
	t := w.tok()
	{
		c.stmt = w.span(t.pos, w.at(max(w.pyLineEnd(w.i), w.i+1)-1).end)
	}
	bc := c
	bc.top, bc.branch = false, true
	if t.kind == tIdent {
		switch t.text {
		case "if":
			cc := c
			cc.branch = true
			return w.pyIf(in, cc)
		case "while", "for", "async":
			if t.text == "async" && !w.is(w.i+1, tIdent, "for") && !w.is(w.i+1, tIdent, "with") {
				if w.is(w.i+1, tIdent, "def") {
					w.i++
					w.pyDef(in, c)
					return in
				}
				break
			}
			if t.text == "async" {
				w.i++
			}
			h := handling{handler: shell.HandledByLoop}
			if w.tok().text == "for" || w.tok().text == "with" {
				h = handling{}
			}
			hd := w.pyHeader(w.i + 1)
			w.scanCalls(w.i+1, hd, in, h, c)
			w.i = hd
			w.pySuite(in, bc)
			if w.is(w.i, tIdent, "else") {
				w.i = w.pyHeader(w.i)
				w.pySuite(in, bc)
			}
			return in
		case "with":
			hd := w.pyHeader(w.i + 1)
			w.scanCalls(w.i+1, hd, in, handling{}, c)
			w.i = hd
			return w.pySuite(in, c)
		case "try":
			return w.pyTry(in, c)
		case "def":
			w.pyDef(in, c)
			return in
		case "class":
			w.i = w.pyHeader(w.i)
			w.pySuite(in, bc)
			return in
		case "match":
			if hd := w.pyHeader(w.i + 1); w.is(hd, tOp, ":") && hd > w.i+1 && w.at(hd+1).kind == tNewline {
				cc := c
				cc.branch = true
				return w.pyMatch(in, cc, hd)
			}
		case "import", "from":
			w.pyImport()
			return in
		}
	}
	if t.kind == tOp && t.text == "@" { // a decorator
		w.i = w.pyLineEnd(w.i)
		return in
	}
	return w.pySimpleLine(in, c)
}

// pyLineEnd returns the index of the newline that ends the logical line at i.
func (w *walker) pyLineEnd(i int) int {
	for i < len(w.toks) && w.at(i).kind != tNewline && w.at(i).kind != tEOF {
		i++
	}
	return i
}

// pySimpleLine walks simple statements separated by `;` up to the end of the line.
func (w *walker) pySimpleLine(in shell.Worlds, c ctx) shell.Worlds {
	out := in
	end := w.pyLineEnd(w.i)
	for w.i < end && w.step(c) {
		s := w.i
		e := s
		for e < end && !w.is(e, tOp, ";") {
			e++
		}
		exited := w.chain(s, e, out, out, c, w.pyTops(s, e))
		out &^= exited
		w.i = e + 1
	}
	w.i = end
	return out
}

// pyTops returns the tokens of [s, e) outside brackets.
func (w *walker) pyTops(s, e int) []int {
	var tops []int
	depth := 0
	for i := s; i < e; i++ {
		t := w.at(i)
		if t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}") {
			depth--
		}
		if depth == 0 {
			tops = append(tops, i)
		}
		if t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{") {
			depth++
		}
	}
	return tops
}

// pyIf walks if ... elif ... else from w.i.
func (w *walker) pyIf(in shell.Worlds, c ctx) shell.Worlds {
	rest, out := in, shell.Worlds(0)
	for w.step(c) {
		hd := w.pyHeader(w.i + 1)
		w.scanCalls(w.i+1, hd, rest, handling{handler: shell.HandledByIf}, c)
		yes, no := w.split(w.parseCond(w.i+1, hd), rest)
		w.i = hd
		out |= w.pySuite(rest&^no, c)
		rest &^= yes
		if !w.is(w.i, tIdent, "elif") {
			break
		}
	}
	if w.is(w.i, tIdent, "else") {
		w.i = w.pyHeader(w.i)
		out |= w.pySuite(rest, c)
		rest = 0
	}
	return out | rest
}

// pyTry walks try / except / else / finally.
func (w *walker) pyTry(in shell.Worlds, c ctx) shell.Worlds {
	tc := c
	tc.inTry = true
	w.i = w.pyHeader(w.i)
	out := w.pySuite(in, tc)
	bc := c
	bc.branch = true
	for w.is(w.i, tIdent, "except") && w.step(c) {
		w.i = w.pyHeader(w.i)
		out |= w.pySuite(in, bc)
	}
	if w.is(w.i, tIdent, "else") {
		w.i = w.pyHeader(w.i)
		out = w.pySuite(out, c)
	}
	if w.is(w.i, tIdent, "finally") {
		w.i = w.pyHeader(w.i)
		w.pySuite(out, c)
	}
	return out
}

// pyDef walks a function's body where it is defined (the reader does not follow calls).
func (w *walker) pyDef(in shell.Worlds, c ctx) {
	w.i = w.pyHeader(w.i)
	dc := c
	dc.top, dc.inDef, dc.branch, dc.dead = false, true, false, false
	w.pySuite(in, dc)
}

// pyMatch walks match SUBJECT: case PATTERN [if GUARD]: ... Patterns that are strings
// (joined by |) and _ are understood; any other keeps every world.
func (w *walker) pyMatch(in shell.Worlds, c ctx, hd int) shell.Worlds {
	subject := w.parseCond(w.i+1, hd)
	w.i = hd + 2 // colon, newline
	if w.tok().kind != tIndent {
		return in
	}
	w.i++
	rest, out := in, shell.Worlds(0)
	for w.is(w.i, tIdent, "case") && w.step(c) {
		ch := w.pyHeader(w.i + 1)
		var cond *expr
		guard := -1
		start := w.i + 1
		for k := start; k <= ch; k++ {
			if k == ch || w.is(k, tOp, "|") || w.is(k, tIdent, "if") {
				var e *expr
				switch {
				case k == start+1 && w.is(start, tIdent, "_"):
					e = &expr{op: "true"}
				default:
					v := w.parseCond(start, k)
					e = &expr{op: "==", a: subject, b: v}
					if v.op != "str" {
						e = &expr{op: "unknown"}
					}
				}
				if cond == nil {
					cond = e
				} else {
					cond = &expr{op: "or", a: cond, b: e}
				}
				start = k + 1
				if k < ch && w.is(k, tIdent, "if") {
					guard = k
					break
				}
			}
		}
		if guard >= 0 {
			cond = &expr{op: "and", a: cond, b: w.parseCond(guard+1, ch)}
		}
		yes, no := w.split(cond, rest)
		w.i = ch
		out |= w.pySuite(rest&^no, c)
		rest &^= yes
		for w.tok().kind == tNewline {
			w.i++
		}
	}
	if w.tok().kind == tDedent {
		w.i++
	}
	return out | rest
}

// pyImport records what import and from-import bind: import subprocess as sp, from
// subprocess import run, check_call as cc, from os import environ.
func (w *walker) pyImport() {
	end := w.pyLineEnd(w.i)
	if w.is(w.i, tIdent, "import") {
		for _, a := range w.splitArgs(w.i+1, end) {
			name, j := w.dotted(a.s)
			local := name
			if w.is(j, tIdent, "as") {
				local = w.at(j + 1).text
			}
			if local != name {
				w.aliases[local] = name
			}
		}
		w.i = end
		return
	}
	module, j := w.dotted(w.i + 1)
	if !w.is(j, tIdent, "import") {
		w.i = end
		return
	}
	s, e := j+1, end
	if w.is(s, tOp, "(") {
		s, e = s+1, w.skipBalanced(s)-1
	}
	for _, a := range w.splitArgs(s, e) {
		name := w.at(a.s).text
		local := name
		if w.is(a.s+1, tIdent, "as") {
			local = w.at(a.s + 2).text
		}
		w.aliases[local] = module + "." + name
	}
	w.i = end
}
