package shell

import (
	"cmp"
	"slices"

	"mvdan.cc/sh/v3/syntax"
)

// VarKind says what a script does to a variable at a [VarRef].
type VarKind int

// The kinds of variable reference.
const (
	VarRead  VarKind = iota // $NAME, ${NAME...}
	VarWrite                // NAME=..., export NAME=..., read NAME, for NAME in, ${NAME:=...}
	VarUnset                // unset NAME
)

// VarRef is one place where a script reads, writes or unsets a variable, including inside
// command substitutions and script strings (sh -c '...', eval '...').
type VarRef struct {
	Name     string
	Kind     VarKind
	Pos, End syntax.Pos
	// Default is set for a read that supplies a value for an unset variable, or tests
	// whether it is set: ${NAME:-x}, ${NAME-x}, ${NAME:=x}, ${NAME:+x}, ${NAME-}.
	Default bool
}

// collectVars lists the variable references of a script and of the script strings walked
// with it, in source order.
func collectVars(stmts []*syntax.Stmt, scripts []*syntax.File) []VarRef {
	var refs []VarRef
	add := func(name string, kind VarKind, pos, end syntax.Pos, def bool) {
		if syntax.ValidName(name) {
			refs = append(refs, VarRef{Name: name, Kind: kind, Pos: pos, End: end, Default: def})
		}
	}
	visit := func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.ParamExp:
			if n.Param == nil {
				return true
			}
			def := false
			if n.Exp != nil {
				switch n.Exp.Op {
				case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
					def = true
				case syntax.AssignUnset, syntax.AssignUnsetOrNull:
					def = true
					add(n.Param.Value, VarWrite, n.Pos(), n.End(), false)
				}
			}
			add(n.Param.Value, VarRead, n.Pos(), n.End(), def)
		case *syntax.Assign:
			if n.Name != nil && !n.Naked {
				add(n.Name.Value, VarWrite, n.Pos(), n.End(), false)
			}
		case *syntax.WordIter:
			if n.Name != nil {
				add(n.Name.Value, VarWrite, n.Name.Pos(), n.Name.End(), false)
			}
		case *syntax.CallExpr:
			if len(n.Args) == 0 {
				return true
			}
			switch n.Args[0].Lit() {
			case "export", "readonly", "local", "declare", "typeset":
				for _, word := range n.Args[1:] {
					if a := splitAssignWord(word); a != nil {
						add(a.Name.Value, VarWrite, word.Pos(), word.End(), false)
					}
				}
			case "unset", "read":
				kind := VarUnset
				if n.Args[0].Lit() == "read" {
					kind = VarWrite
				}
				for _, word := range n.Args[1:] {
					add(word.Lit(), kind, word.Pos(), word.End(), false)
				}
			}
		}
		return true
	}
	for _, s := range stmts {
		syntax.Walk(s, visit)
	}
	for _, f := range scripts {
		for _, s := range f.Stmts {
			syntax.Walk(s, visit)
		}
	}
	if refs == nil {
		refs = []VarRef{}
	}
	slices.SortFunc(refs, func(a, b VarRef) int {
		return cmp.Or(cmp.Compare(a.Pos.Offset(), b.Pos.Offset()), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	return slices.Compact(refs)
}
