package script

import (
	"github.com/hooklint/hooklint/analyzer/shell"
)

// rbStmts walks Ruby statements from w.i up to a token that ends the list (one of stops at
// a statement's start, a closing bracket, EOF) and returns the worlds that reach its end.
func (w *walker) rbStmts(in shell.Worlds, c ctx, stops ...string) shell.Worlds {
	out := in
	c.depth++
	for w.step(c) {
		for t := w.tok(); t.kind == tNewline || t.kind == tOp && t.text == ";"; t = w.tok() {
			w.i++
		}
		t := w.tok()
		if t.kind == tEOF || t.kind == tOp && (t.text == "}" || t.text == ")" || t.text == "]") {
			return out
		}
		if t.kind == tIdent && (contains(stops, t.text) || t.text == "end") {
			return out
		}
		out = w.stmtStep(out, &c, w.rbStmt)
	}
	w.i = len(w.toks) - 1
	return out
}

// rbStmt walks one statement at w.i.
func (w *walker) rbStmt(in shell.Worlds, c ctx) shell.Worlds {
	c.depth++
	if !w.step(c) {
		w.i = len(w.toks) - 1
		return in
	}
	t := w.tok()
	if !c.inExpr {
		end := max(w.rbStmtEnd(w.i), w.i+1)
		c.stmt = w.span(t.pos, w.at(end-1).end)
	}
	bc := c
	bc.top, bc.branch = false, true
	if t.kind == tIdent {
		var out shell.Worlds
		switch t.text {
		case "if", "unless":
			cc := c
			cc.branch = true
			out = w.rbIf(in, cc)
		case "case":
			cc := c
			cc.branch = true
			out = w.rbCase(in, cc)
		case "while", "until":
			h := handling{handler: shell.HandledByLoop}
			if t.text == "until" {
				h.handler = shell.HandledByRetry
			}
			w.i++
			ce := w.condEnd(w.i, "do")
			w.scanCalls(w.i, ce, in, h, c)
			w.i = ce
			w.rbStmts(in, bc)
			w.expect("end")
			out = in
		case "for":
			w.i++
			ce := w.condEnd(w.i, "do")
			w.scanCalls(w.i, ce, in, handling{}, c)
			w.i = ce
			w.rbStmts(in, bc)
			w.expect("end")
			out = in
		case "begin":
			w.i++
			cc := c
			cc.branch = true
			out = w.rbBody(in, cc)
		case "def":
			w.rbDef(in, c)
			out = in
		case "class", "module":
			w.i = w.condEnd(w.i+1, "")
			cc := c
			cc.top, cc.branch = false, true
			w.rbBody(in, cc)
			out = in
		default:
			return w.rbSimple(in, c)
		}
		// `end while x`, `end.each do ... end`: the rest of the statement.
		if e := w.rbStmtEnd(w.i); e > w.i {
			w.scanCalls(w.i, e, out, handling{}, c)
			w.i = e
		}
		return out
	}
	return w.rbSimple(in, c)
}

// rbSimple walks a simple statement: a head, maybe modified by if/unless/while/until/rescue.
func (w *walker) rbSimple(in shell.Worlds, c ctx) shell.Worlds {
	s := w.i
	e := w.rbStmtEnd(s)
	w.i = e
	tops := w.rbTops(s, e)
	w.steps += e - s
	// The modifiers, from the outermost (last) in.
	headEnd := e
	maybe, sure := in, in
	var mods []int
	for _, i := range tops {
		t := w.at(i)
		if i > s && t.kind == tIdent && (t.text == "if" || t.text == "unless" || t.text == "while" || t.text == "until" || t.text == "rescue") && w.valueEnds(i-1) {
			mods = append(mods, i)
		}
	}
	for k := len(mods) - 1; k >= 0; k-- {
		m := mods[k]
		ce := headEnd
		headEnd = m
		kw := w.at(m).text
		if kw == "rescue" {
			c.inTry = true
			w.scanCalls(m+1, ce, maybe, handling{}, c)
			continue
		}
		h := handling{handler: shell.HandledByIf}
		if _, failing := w.exitKind(s, m, c); failing && kw == "unless" {
			h = handling{aborts: true} // abort unless system(...)
		}
		w.scanCalls(m+1, ce, maybe, h, c)
		yes, no := w.split(w.parseCond(m+1, ce), maybe)
		if kw == "unless" || kw == "until" {
			yes, no = no, yes
		}
		maybe, sure = maybe&^no, sure&yes
		if kw == "while" || kw == "until" {
			maybe, sure = maybe|in, sure&yes
		}
	}
	exited := w.chain(s, headEnd, maybe, sure, c, tops)
	return in &^ exited
}

// rbIf walks if/unless ... elsif ... else ... end from w.i.
func (w *walker) rbIf(in shell.Worlds, c ctx) shell.Worlds {
	neg := w.tok().text == "unless"
	rest, out := in, shell.Worlds(0)
	for w.step(c) {
		w.i++
		ce := w.condEnd(w.i, "then")
		w.scanCalls(w.i, ce, rest, handling{handler: shell.HandledByIf}, c)
		yes, no := w.split(w.parseCond(w.i, ce), rest)
		if neg {
			yes, no = no, yes
		}
		w.i = ce
		if w.is(w.i, tIdent, "then") {
			w.i++
		}
		out |= w.rbStmts(rest&^no, c, "elsif", "else")
		rest &^= yes
		neg = false
		if !w.is(w.i, tIdent, "elsif") {
			break
		}
	}
	return w.rbElseEnd(out, rest, c)
}

// rbCase walks case [subject] when ... in ... else ... end from w.i.
func (w *walker) rbCase(in shell.Worlds, c ctx) shell.Worlds {
	w.i++
	se := w.condEnd(w.i, "")
	var subject *expr
	if se > w.i {
		subject = w.parseCond(w.i, se)
		w.scanCalls(w.i, se, in, handling{}, c)
	}
	w.i = se
	rest, out := in, shell.Worlds(0)
	for w.step(c) {
		for w.tok().kind == tNewline || w.is(w.i, tOp, ";") {
			w.i++
		}
		kw := w.tok().text
		if w.tok().kind != tIdent || kw != "when" && kw != "in" {
			break
		}
		w.i++
		ce := w.condEnd(w.i, "then")
		var cond *expr
		if kw == "in" {
			cond = &expr{op: "unknown"} // pattern matching is not understood
		} else {
			for _, a := range w.splitArgs(w.i, ce) {
				var e *expr
				v := w.parseCond(a.s, a.e)
				switch {
				case subject == nil:
					e = v
				case a.splat || v.op == "list":
					e = &expr{op: "in", a: subject, b: v}
				case v.op == "re":
					e = &expr{op: "match", a: subject, b: v}
				default:
					e = &expr{op: "==", a: subject, b: v}
				}
				if cond == nil {
					cond = e
				} else {
					cond = &expr{op: "or", a: cond, b: e}
				}
			}
		}
		if cond == nil {
			cond = &expr{op: "unknown"}
		}
		yes, no := w.split(cond, rest)
		w.i = ce
		if w.is(w.i, tIdent, "then") {
			w.i++
		}
		out |= w.rbStmts(rest&^no, c, "when", "in", "else")
		rest &^= yes
	}
	return w.rbElseEnd(out, rest, c)
}

// rbElseEnd finishes an if or case: the else clause, if any, takes the worlds no branch
// took, and the end keyword closes it.
func (w *walker) rbElseEnd(out, rest shell.Worlds, c ctx) shell.Worlds {
	if w.is(w.i, tIdent, "else") {
		w.i++
		out |= w.rbStmts(rest, c)
		rest = 0
	}
	w.expect("end")
	return out | rest
}

// rbBody walks a body that may have rescue, else and ensure clauses, up to its end: begin,
// def, do blocks, class.
func (w *walker) rbBody(in shell.Worlds, c ctx) shell.Worlds {
	tc := c
	tc.inTry = tc.inTry || w.hasRescue(w.i)
	out := w.rbStmts(in, tc, "rescue", "else", "ensure")
	for w.is(w.i, tIdent, "rescue") && w.step(c) {
		w.i = w.condEnd(w.i+1, "then")
		rc := c
		rc.branch = true
		out |= w.rbStmts(in, rc, "rescue", "else", "ensure")
	}
	if w.is(w.i, tIdent, "else") {
		w.i++
		out = w.rbStmts(out, c, "ensure")
	}
	if w.is(w.i, tIdent, "ensure") {
		w.i++
		w.rbStmts(out, c)
	}
	w.expect("end")
	return out
}

// hasRescue reports whether the body from token i has a rescue clause of its own.
func (w *walker) hasRescue(i int) bool {
	for w.step(ctx{}) {
		for w.at(i).kind == tNewline || w.is(i, tOp, ";") {
			i++
		}
		t := w.at(i)
		switch {
		case t.kind == tEOF || t.kind == tIdent && t.text == "end":
			return false
		case t.kind == tIdent && t.text == "rescue":
			return true
		}
		i = max(w.rbStmtEnd(i), i+1)
	}
	return false
}

// rbDef walks a method definition: its body runs when it is called, which the reader does
// not follow; it is read where it is defined, in the worlds that reach the definition.
func (w *walker) rbDef(in shell.Worlds, c ctx) {
	w.i++
	for k := 0; k < 4 && (w.tok().kind == tIdent || w.is(w.i, tOp, ".")); k++ {
		w.i++
	}
	if w.is(w.i, tOp, "(") {
		w.i = w.skipBalanced(w.i)
	}
	dc := c
	dc.top, dc.inDef, dc.branch, dc.dead = false, true, false, false
	if w.is(w.i, tOp, "=") { // def name(args) = expr
		w.i++
		w.rbSimple(in, dc)
		return
	}
	w.i = w.condEnd(w.i, "")
	w.rbBody(in, dc)
}

// blockAt reports whether token i opens a block: do, or { after a call.
func (w *walker) blockAt(i int) bool {
	t := w.at(i)
	if t.kind == tIdent && t.text == "do" {
		return true
	}
	if t.kind != tOp || t.text != "{" || i == 0 {
		return false
	}
	p := w.at(i - 1)
	return p.kind == tOp && p.text == ")" || p.kind == tIdent && !rubyKeywords[p.text] && !w.is(i+1, tOp, "}") && (w.is(i+1, tOp, "|") || p.text != "ENV")
}

// rbBlock walks a block (do |x| ... end, { |x| ... }) at w.i; it may run any number of
// times, so it changes no world.
func (w *walker) rbBlock(in shell.Worlds, c ctx) {
	brace := w.tok().text == "{"
	w.i++
	if w.is(w.i, tOp, "|") {
		for k := w.i + 1; k < len(w.toks) && w.step(c); k++ {
			if w.is(k, tOp, "|") || w.at(k).kind == tNewline || w.at(k).kind == tEOF {
				w.i = k + 1
				break
			}
		}
	} else if w.is(w.i, tOp, "||") {
		w.i++
	}
	bc := c
	bc.top, bc.branch, bc.inExpr = false, true, false
	if brace {
		w.rbStmts(in, bc)
		if w.is(w.i, tOp, "}") {
			w.i++
		}
		return
	}
	w.rbBody(in, bc)
}

func (w *walker) expect(kw string) {
	if w.is(w.i, tIdent, kw) {
		w.i++
	}
}

// condEnd returns the end of a condition or header from token i: the newline, `;`, or the
// keyword kw outside brackets.
func (w *walker) condEnd(i int, kw string) int {
	depth := 0
	for ; i < len(w.toks); i++ {
		t := w.at(i)
		switch {
		case t.kind == tEOF:
			return i
		case t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{"):
			depth++
		case t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}"):
			depth--
			if depth < 0 {
				return i
			}
		case depth > 0:
		case t.kind == tNewline || t.kind == tOp && t.text == ";":
			return i
		case kw != "" && t.kind == tIdent && t.text == kw:
			return i
		}
	}
	return i
}

// rbStmtEnd returns the index of the token that ends the statement starting at s: a
// newline or `;` outside brackets and blocks, a keyword that closes the enclosing
// construct, or EOF.
func (w *walker) rbStmtEnd(s int) int {
	end, _ := w.rbScan(s, nil)
	return end
}

// rbTops returns the tokens of [s, e) that stand outside brackets and blocks.
func (w *walker) rbTops(s, e int) []int {
	var tops []int
	w.rbScan(s, func(i int) {
		if i < e {
			tops = append(tops, i)
		}
	})
	return tops
}

// closers end a statement when they stand at its top level.
var closers = map[string]bool{"end": true, "elsif": true, "else": true, "when": true, "ensure": true, "then": true}

// rbScan scans a statement from s, calling top for each token outside brackets and blocks,
// and returns the index of the token that ends it.
func (w *walker) rbScan(s int, top func(int)) (int, bool) {
	depth := 0
	loopHead := false
	for i := s; i < len(w.toks); i++ {
		w.steps++
		t := w.at(i)
		if t.kind == tEOF {
			return i, false
		}
		if depth == 0 {
			if t.kind == tNewline || t.kind == tOp && t.text == ";" {
				return i, false
			}
			if i > s && (t.kind == tIdent && closers[t.text] || t.kind == tIdent && t.text == "rescue" && !w.valueEnds(i-1) || t.kind == tIdent && t.text == "in" && !loopHead) {
				return i, false
			}
			if t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}") {
				return i, false
			}
			if top != nil {
				top(i)
			}
		}
		if t.kind == tNewline {
			loopHead = false
			continue
		}
		switch {
		case t.kind == tOp && (t.text == "(" || t.text == "[" || t.text == "{"):
			depth++
		case t.kind == tOp && (t.text == ")" || t.text == "]" || t.text == "}"):
			depth--
		case t.kind != tIdent:
		case t.text == "do":
			if loopHead {
				loopHead = false
			} else {
				depth++
			}
		case t.text == "begin" || t.text == "case" || t.text == "class" || t.text == "module":
			depth++
		case t.text == "def":
			if !w.endlessDef(i) {
				depth++
			}
		case t.text == "if" || t.text == "unless" || t.text == "while" || t.text == "until" || t.text == "for":
			if i == s || !w.valueEnds(i-1) {
				depth++
				loopHead = t.text == "while" || t.text == "until" || t.text == "for"
			}
		case t.text == "end":
			depth--
			if depth < 0 {
				return i, false
			}
		}
	}
	return len(w.toks) - 1, false
}

// endlessDef reports whether the def at i is `def name(args) = expr`, which has no end.
func (w *walker) endlessDef(i int) bool {
	j := i + 1
	for k := 0; k < 4 && (w.at(j).kind == tIdent || w.is(j, tOp, ".")); k++ {
		j++
	}
	if w.is(j, tOp, "(") {
		j = w.skipBalanced(j)
	}
	return w.is(j, tOp, "=")
}
