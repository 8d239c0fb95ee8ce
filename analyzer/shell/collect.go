package shell

import (
	"mvdan.cc/sh/v3/syntax"
)

// collectFuncs records function declarations anywhere in a file, so that a function counts
// wherever it is called, whatever the order of declaration; and the variables the file
// assigns.
func (w *walker) collectFuncs(n syntax.Node, file *File) {
	w.collect(n, file, file == w.root, nil)
}

// collect is collectFuncs, also recording the variable references of the script's own
// code when vars is set, and handing every node to visit when it is not nil.
func (w *walker) collect(n syntax.Node, file *File, vars bool, visit func(syntax.Node)) {
	// The walker's own collector: the fallback's closure would move a new one to the heap
	// at every call. A pass never starts another.
	w.collector = collector{w: w, file: file, vars: vars, visit: visit}
	w.collector.node(n)
}

// collector is the walk's first pass over a tree. It meets the nodes in the order
// [syntax.Walk] does, but for comments, which nothing here reads; it is a type switch of
// its own because this pass runs over every node of every hook, and a walk through a
// callback costs about twice as much.
type collector struct {
	w     *walker
	file  *File
	vars  bool
	visit func(syntax.Node)
}

// node hands n to the pass's visitors, then walks its children.
func (c *collector) node(n syntax.Node) {
	w := c.w
	if c.vars {
		w.refs.visit(n)
	}
	if c.visit != nil {
		c.visit(n)
	}
	switch n := n.(type) {
	case *syntax.File:
		c.stmts(n.Stmts)
	case *syntax.Comment, *syntax.Lit, *syntax.SglQuoted:
	case *syntax.Stmt:
		if n.Cmd != nil {
			c.node(n.Cmd)
		}
		for _, r := range n.Redirs {
			c.node(r)
		}
	case *syntax.Assign:
		if n.Name != nil {
			w.assigned[n.Name.Value] = true
			c.node(n.Name)
		}
		if n.Value != nil {
			c.node(n.Value)
		}
		if n.Index != nil {
			c.node(n.Index)
		}
		if n.Array != nil {
			c.node(n.Array)
		}
	case *syntax.Redirect:
		if n.N != nil {
			c.node(n.N)
		}
		if n.Word != nil {
			c.node(n.Word)
		}
		if n.Hdoc != nil {
			c.node(n.Hdoc)
		}
	case *syntax.CallExpr:
		c.assignedBy(n)
		for _, a := range n.Assigns {
			c.node(a)
		}
		c.words(n.Args)
	case *syntax.Subshell:
		c.stmts(n.Stmts)
	case *syntax.Block:
		c.stmts(n.Stmts)
	case *syntax.IfClause:
		c.stmts(n.Cond)
		c.stmts(n.Then)
		if n.Else != nil {
			c.node(n.Else)
		}
	case *syntax.WhileClause:
		c.stmts(n.Cond)
		c.stmts(n.Do)
	case *syntax.ForClause:
		c.node(n.Loop)
		c.stmts(n.Do)
	case *syntax.WordIter:
		c.node(n.Name)
		c.words(n.Items)
	case *syntax.CStyleLoop:
		c.arithm(n.Init)
		c.arithm(n.Cond)
		c.arithm(n.Post)
	case *syntax.BinaryCmd:
		c.node(n.X)
		c.node(n.Y)
	case *syntax.FuncDecl:
		if n.Name != nil {
			w.funcs[n.Name.Value] = funcDef{decl: n, file: c.file}
			c.node(n.Name)
		}
		for _, l := range n.Names {
			c.node(l)
		}
		c.node(n.Body)
	case *syntax.Word:
		for _, p := range n.Parts {
			c.node(p)
		}
	case *syntax.DblQuoted:
		for _, p := range n.Parts {
			c.node(p)
		}
	case *syntax.CmdSubst:
		c.stmts(n.Stmts)
	case *syntax.ParamExp:
		if n.Param != nil && n.Exp != nil && (n.Exp.Op == syntax.AssignUnset || n.Exp.Op == syntax.AssignUnsetOrNull) {
			w.assigned[n.Param.Value] = true
		}
		paramExpChildren(n, c.node)
	case *syntax.ArithmExp:
		c.node(n.X)
	case *syntax.ArithmCmd:
		c.node(n.X)
	case *syntax.BinaryArithm:
		c.node(n.X)
		c.node(n.Y)
	case *syntax.BinaryTest:
		c.node(n.X)
		c.node(n.Y)
	case *syntax.UnaryArithm:
		c.node(n.X)
	case *syntax.UnaryTest:
		c.node(n.X)
	case *syntax.ParenArithm:
		c.node(n.X)
	case *syntax.FlagsArithm:
		c.node(n.Flags)
		c.arithm(n.X)
	case *syntax.ParenTest:
		c.node(n.X)
	case *syntax.CaseClause:
		c.node(n.Word)
		for _, it := range n.Items {
			c.node(it)
		}
	case *syntax.CaseItem:
		c.words(n.Patterns)
		c.stmts(n.Stmts)
	case *syntax.TestClause:
		c.node(n.X)
	case *syntax.DeclClause:
		for _, a := range n.Args {
			c.node(a)
		}
	case *syntax.ArrayExpr:
		for _, e := range n.Elems {
			c.node(e)
		}
	case *syntax.ArrayElem:
		c.arithm(n.Index)
		if n.Value != nil {
			c.node(n.Value)
		}
	case *syntax.ExtGlob:
		c.node(n.Pattern)
	case *syntax.ProcSubst:
		c.stmts(n.Stmts)
	case *syntax.TimeClause:
		if n.Stmt != nil {
			c.node(n.Stmt)
		}
	case *syntax.CoprocClause:
		if n.Name != nil {
			c.node(n.Name)
		}
		c.node(n.Stmt)
	case *syntax.LetClause:
		for _, x := range n.Exprs {
			c.node(x)
		}
	case *syntax.TestDecl:
		c.node(n.Description)
		c.node(n.Body)
	default:
		// A node this pass does not know: its children as syntax.Walk finds them.
		syntax.Walk(n, func(m syntax.Node) bool {
			if m == n {
				return true
			}
			if m != nil {
				c.node(m)
			}
			return false
		})
	}
}

func (c *collector) stmts(list []*syntax.Stmt) {
	for _, s := range list {
		c.node(s)
	}
}

func (c *collector) words(list []*syntax.Word) {
	for _, w := range list {
		c.node(w)
	}
}

// arithm walks an arithmetic expression that may be missing.
func (c *collector) arithm(x syntax.ArithmExpr) {
	if x != nil {
		c.node(x)
	}
}

// paramExpChildren hands fn the children of a parameter expansion that are there, in the
// order of [syntax.Walk]: both of the walk's own passes over a tree go through it.
func paramExpChildren(n *syntax.ParamExp, fn func(syntax.Node)) {
	if n.Flags != nil {
		fn(n.Flags)
	}
	if n.Param != nil {
		fn(n.Param)
	}
	if n.NestedParam != nil {
		fn(n.NestedParam)
	}
	if n.Index != nil {
		fn(n.Index)
	}
	if n.Slice != nil {
		if n.Slice.Offset != nil {
			fn(n.Slice.Offset)
		}
		if n.Slice.Length != nil {
			fn(n.Slice.Length)
		}
	}
	if n.Repl != nil {
		if n.Repl.Orig != nil {
			fn(n.Repl.Orig)
		}
		if n.Repl.With != nil {
			fn(n.Repl.With)
		}
	}
	if n.Exp != nil && n.Exp.Word != nil {
		fn(n.Exp.Word)
	}
}

// assignedBy records the variables that export, readonly, local, declare, typeset and read
// assign where the parser reads them as plain commands.
func (c *collector) assignedBy(n *syntax.CallExpr) {
	if len(n.Args) < 2 {
		return
	}
	switch n.Args[0].Lit() {
	case "export", "readonly", "local", "declare", "typeset", "read":
		for _, a := range n.Args[1:] {
			if as := splitAssignWord(a); as != nil {
				c.w.assigned[as.Name.Value] = true
			} else if name := a.Lit(); syntax.ValidName(name) {
				c.w.assigned[name] = true
			}
		}
	}
}
