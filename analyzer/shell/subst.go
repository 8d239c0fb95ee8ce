package shell

import (
	"mvdan.cc/sh/v3/syntax"
)

// substitutions walks the command substitutions inside a node: they run in subshells, in
// the same worlds as the node. statusKept says whether their exit status becomes the
// command's (a bare assignment) rather than being lost. It returns the flow with the
// status of the last substitution, or f unchanged when there is none.
func (w *walker) substitutions(n syntax.Node, c ctx, f flow, statusKept bool) flow {
	switch n := n.(type) {
	case *syntax.Word:
		if plainWord(n) {
			return f // most words: nothing to look into
		}
	case *syntax.Assign:
		if n.Array == nil && n.Index == nil && (n.Value == nil || plainWord(n.Value)) {
			return f
		}
	}
	return w.walkSubstitutions(n, c, f, statusKept)
}

// walkSubstitutions is substitutions for a node that may hold some. It is apart so that
// the words with none, the most, do not pay for it.
func (w *walker) walkSubstitutions(n syntax.Node, c ctx, f flow, statusKept bool) flow {
	// The substitutions are found first, then walked: finding them changes nothing. The
	// walker's list is a stack: a substitution's own walk finds its nested ones past mark,
	// and takes them off again before returning.
	mark := len(w.substs)
	w.findSubsts(n)
	cc := c
	cc.last = c.last && statusKept
	if !statusKept {
		cc = cc.handled(HandledBySubstitution)
	}
	out := f
	for i := mark; i < len(w.substs); i++ {
		list := w.substs[i]
		out = w.subshell(cc, f, func(c ctx, f flow) flow { return w.stmts(list, c, f, false) })
	}
	clear(w.substs[mark:])
	w.substs = w.substs[:mark]
	return out
}

// findSubsts adds to w.substs the statements of the command and process substitutions in
// n, in the order of [syntax.Walk], without looking into them.
func (w *walker) findSubsts(n syntax.Node) {
	switch n := n.(type) {
	case *syntax.CmdSubst:
		w.substs = append(w.substs, n.Stmts)
	case *syntax.ProcSubst:
		w.substs = append(w.substs, n.Stmts)
	case *syntax.Lit, *syntax.SglQuoted:
	case *syntax.Word:
		for _, p := range n.Parts {
			w.findSubsts(p)
		}
	case *syntax.DblQuoted:
		for _, p := range n.Parts {
			w.findSubsts(p)
		}
	case *syntax.ParamExp:
		paramExpChildren(n, w.findSubsts)
	case *syntax.Assign:
		if n.Value != nil {
			w.findSubsts(n.Value)
		}
		if n.Index != nil {
			w.findSubsts(n.Index)
		}
		if n.Array != nil {
			for _, e := range n.Array.Elems {
				if e.Index != nil {
					w.findSubsts(e.Index)
				}
				if e.Value != nil {
					w.findSubsts(e.Value)
				}
			}
		}
	case *syntax.ArithmExp:
		w.findSubsts(n.X)
	case *syntax.BinaryArithm:
		w.findSubsts(n.X)
		w.findSubsts(n.Y)
	case *syntax.UnaryArithm:
		w.findSubsts(n.X)
	case *syntax.ParenArithm:
		w.findSubsts(n.X)
	default:
		w.findSubstsIn(n)
	}
}

// findSubstsIn is findSubsts for the children of a node, as syntax.Walk finds them.
func (w *walker) findSubstsIn(n syntax.Node) {
	syntax.Walk(n, func(m syntax.Node) bool {
		if m == n {
			return true
		}
		if m != nil {
			w.findSubsts(m)
		}
		return false
	})
}

// plainWord reports whether a word holds no command substitution and assigns no
// variable (${X:=v}): literal text, quotes and plain parameter expansions, which the walk
// need not look into.
func plainWord(word *syntax.Word) bool {
	for _, p := range word.Parts {
		if !plainPart(p) {
			return false
		}
	}
	return true
}

func plainPart(p syntax.WordPart) bool {
	switch p := p.(type) {
	case *syntax.Lit, *syntax.SglQuoted:
		return true
	case *syntax.DblQuoted:
		for _, q := range p.Parts {
			if !plainPart(q) {
				return false
			}
		}
		return true
	case *syntax.ParamExp:
		if p.Exp == nil {
			return p.Index == nil && p.Slice == nil && p.Repl == nil
		}
		if p.Exp.Op == syntax.AssignUnset || p.Exp.Op == syntax.AssignUnsetOrNull {
			return false
		}
		return p.Index == nil && p.Slice == nil && p.Repl == nil && (p.Exp.Word == nil || plainWord(p.Exp.Word))
	}
	return false
}
