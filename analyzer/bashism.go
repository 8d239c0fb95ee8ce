package analyzer

import (
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// BashismKind names a bash construct that a POSIX shell (dash, busybox ash) does not run as
// bash does.
type BashismKind string

// The bash constructs hooklint recognises in a hook run by /bin/sh.
const (
	BashTest        BashismKind = "[[ ]]"        // [[ -f x ]]
	BashArray       BashismKind = "array"        // a=(1 2), a[0]=1, ${a[0]}, ${#a[@]}
	BashParamExp    BashismKind = "expansion"    // ${x//a/b}, ${x:1:2}, ${!x}, ${x@Q}
	BashCaseExp     BashismKind = "${x^^}"       // ${x^}, ${x^^}, ${x,}, ${x,,}: bash 4
	BashFunction    BashismKind = "function"     // function f { ...; }
	BashRedirectAll BashismKind = "&>"           // cmd &> file, cmd &>> file
	BashSource      BashismKind = "source"       // source file
	BashHereString  BashismKind = "<<<"          // cat <<< "$x"
	BashDollarQuote BashismKind = "$'...'"       // $'\n', $"..."
	BashProcSubst   BashismKind = "<(...)"       // diff <(a) <(b)
	BashArithCmd    BashismKind = "(( ))"        // ((n++)), for ((i=0; ...))
	BashLet         BashismKind = "let"          // let n=n+1
	BashDeclare     BashismKind = "declare"      // declare, typeset
	BashAppend      BashismKind = "+="           // x+=y
	BashTestEqual   BashismKind = "=="           // [ "$a" == b ]
	BashSelect      BashismKind = "select"       // select x in ...; do ...; done
	BashExtGlob     BashismKind = "extglob"      // @(a|b)
	BashCoproc      BashismKind = "coproc"       // coproc cmd
	BashOther       BashismKind = "bash feature" // another construct the POSIX parser rejects
)

// Bashism is one use of bash syntax in a hook run by a POSIX shell.
type Bashism struct {
	Kind BashismKind
	Span Span
	// Feature is the parser's description when the construct is known only from its
	// error ("the `function` builtin is a bash feature"); "" otherwise.
	Feature string
}

// findBashisms walks a syntax tree once and returns the bash constructs in it, in source
// order. It reads both trees a hook may have: a POSIX tree, in which bash syntax that POSIX
// can parse (`[[`, source, `==` in `[`, `a[0]=1`, `$'...'`) shows as plain words, and a
// bash tree, in which every construct has its own node.
func (h *Hook) findBashisms(stmts []*syntax.Stmt) []Bashism {
	f := &bashismFinder{h: h}
	for _, st := range stmts {
		syntax.Walk(st, func(n syntax.Node) bool {
			f.visit(n)
			return true
		})
	}
	return f.sorted()
}

// bashismFinder gathers the bash constructs of a tree as a walk meets its nodes, so that a
// walk done for another purpose (the shell walk's first pass) can find them too.
type bashismFinder struct {
	h   *Hook
	out []Bashism
}

// sorted returns the constructs found, in source order.
func (f *bashismFinder) sorted() []Bashism {
	slices.SortStableFunc(f.out, func(a, b Bashism) int { return a.Span.Start.Offset - b.Span.Start.Offset })
	return f.out
}

// visit records the construct a node is, if it is one.
func (f *bashismFinder) visit(n syntax.Node) {
	h, out := f.h, &f.out
	add := func(k BashismKind, n syntax.Node) {
		*out = append(*out, Bashism{Kind: k, Span: h.Span(n.Pos(), n.End())})
	}
	switch n := n.(type) {
	case *syntax.TestClause:
		add(BashTest, n)
	case *syntax.FuncDecl:
		if n.RsrvWord {
			add(BashFunction, n.Name)
		}
	case *syntax.Redirect:
		switch n.Op {
		case syntax.RdrAll, syntax.AppAll:
			add(BashRedirectAll, n)
		case syntax.WordHdoc:
			add(BashHereString, n)
		}
	case *syntax.SglQuoted:
		if n.Dollar {
			add(BashDollarQuote, n)
		}
	case *syntax.DblQuoted:
		if n.Dollar {
			add(BashDollarQuote, n)
		}
	case *syntax.ProcSubst:
		add(BashProcSubst, n)
	case *syntax.ArithmCmd:
		add(BashArithCmd, n)
	case *syntax.Subshell:
		// A POSIX tree reads ((x++)) as a subshell in a subshell.
		if len(n.Stmts) == 1 {
			if in, ok := n.Stmts[0].Cmd.(*syntax.Subshell); ok && in.Lparen.Offset() == n.Lparen.Offset()+1 && in.Rparen.Offset()+1 == n.Rparen.Offset() {
				add(BashArithCmd, n)
			}
		}
	case *syntax.ForClause:
		switch {
		case n.Select:
			add(BashSelect, n)
		case isCStyle(n.Loop):
			add(BashArithCmd, n)
		}
	case *syntax.LetClause:
		add(BashLet, n)
	case *syntax.DeclClause:
		if v := n.Variant.Value; v == "declare" || v == "typeset" || v == "nameref" {
			add(BashDeclare, n.Variant)
		}
	case *syntax.CoprocClause:
		add(BashCoproc, n)
	case *syntax.ExtGlob:
		add(BashExtGlob, n)
	case *syntax.Assign:
		switch {
		case n.Array != nil || n.Index != nil:
			add(BashArray, n)
		case n.Append:
			add(BashAppend, n)
		}
	case *syntax.ParamExp:
		switch {
		case n.Index != nil:
			add(BashArray, n)
		case n.Exp != nil && caseExpansion(n.Exp.Op):
			add(BashCaseExp, n)
		case n.Repl != nil || n.Slice != nil || n.Excl || n.Names != 0 || n.Exp != nil && n.Exp.Op == syntax.OtherParamOps:
			add(BashParamExp, n)
		}
	case *syntax.Word:
		// A POSIX tree keeps $'...' as a literal "$" before a quoted string.
		for i, p := range n.Parts[:max(0, len(n.Parts)-1)] {
			lit, ok := p.(*syntax.Lit)
			if !ok || !strings.HasSuffix(lit.Value, "$") || strings.HasSuffix(lit.Value, `\$`) || lit.End() != n.Parts[i+1].Pos() {
				continue
			}
			next := n.Parts[i+1]
			switch next.(type) {
			case *syntax.SglQuoted, *syntax.DblQuoted:
				span := h.Span(next.Pos(), next.End())
				span.Start = h.lines.position(span.Start.Offset - 1)
				*out = append(*out, Bashism{Kind: BashDollarQuote, Span: span})
			}
		}
	case *syntax.CallExpr:
		h.callBashisms(n, add)
	}
}

// callBashisms finds bash syntax that a POSIX parser reads as a plain command: `[[ ... ]]`,
// source, let, declare, `==` in test, array and += assignments.
func (h *Hook) callBashisms(call *syntax.CallExpr, add func(BashismKind, syntax.Node)) {
	if len(call.Args) == 0 {
		return
	}
	first := call.Args[0].Lit()
	switch first {
	case "[[":
		add(BashTest, call)
		return
	case "source":
		add(BashSource, call.Args[0])
		return
	case "let":
		add(BashLet, call.Args[0])
		return
	case "declare", "typeset":
		add(BashDeclare, call.Args[0])
		return
	case "[", "test":
		for _, w := range call.Args[1:] {
			if w.Lit() == "==" {
				add(BashTestEqual, w)
				return
			}
		}
		return
	}
	// POSIX reads `a[0]=1` and `x+=1` as a command named by the whole word. Both have an =,
	// which most command names have not: the patterns are tried only then.
	if lit, ok := firstLit(call.Args[0]); ok && strings.Contains(lit, "=") {
		switch {
		case isArrayAssign(lit):
			add(BashArray, call.Args[0])
		case isAppendAssign(lit):
			add(BashAppend, call.Args[0])
		}
	}
}

// isArrayAssign reports whether lit starts with an assignment to an array element,
// a[0]=1 or a[i]+=1: ^[A-Za-z_][A-Za-z0-9_]*\[[^]]*\]\+?=.
func isArrayAssign(lit string) bool {
	n := nameLen(lit)
	if n == 0 || n == len(lit) || lit[n] != '[' {
		return false
	}
	// The index runs to the first "]".
	_, rest, ok := strings.Cut(lit[n+1:], "]")
	if !ok {
		return false
	}
	return strings.HasPrefix(strings.TrimPrefix(rest, "+"), "=")
}

// isAppendAssign reports whether lit starts with an appending assignment, x+=1:
// ^[A-Za-z_][A-Za-z0-9_]*\+=.
func isAppendAssign(lit string) bool {
	n := nameLen(lit)
	return n > 0 && strings.HasPrefix(lit[n:], "+=")
}

// nameLen returns the length of the shell variable name s starts with, 0 without one.
func nameLen(s string) int {
	n := 0
	for n < len(s) {
		c := s[n]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || n > 0 && '0' <= c && c <= '9' {
			n++
			continue
		}
		break
	}
	return n
}

// firstLit returns the literal text a word starts with.
func firstLit(w *syntax.Word) (string, bool) {
	if len(w.Parts) == 0 {
		return "", false
	}
	lit, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return "", false
	}
	return lit.Value, true
}

func isCStyle(l syntax.Loop) bool {
	_, ok := l.(*syntax.CStyleLoop)
	return ok
}

// caseExpansion reports whether a ${x<op>} operator changes letter case (bash 4).
func caseExpansion(op syntax.ParExpOperator) bool {
	switch op {
	case syntax.UpperFirst, syntax.UpperAll, syntax.LowerFirst, syntax.LowerAll:
		return true
	}
	return false
}
