package shell

import (
	"bytes"
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

// varRefs collects the variable references of a script as the walk's first pass over it
// (and over the script strings written out in it) meets their nodes.
type varRefs struct {
	refs []VarRef
}

func (v *varRefs) add(name string, kind VarKind, pos, end syntax.Pos, def bool) {
	if syntax.ValidName(name) {
		v.refs = append(v.refs, VarRef{Name: name, Kind: kind, Pos: pos, End: end, Default: def})
	}
}

// visit records the references a node makes itself (its children are visited on their own).
func (v *varRefs) visit(n syntax.Node) {
	switch n := n.(type) {
	case *syntax.ParamExp:
		if n.Param == nil {
			return
		}
		def := false
		if n.Exp != nil {
			switch n.Exp.Op {
			case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
				def = true
			case syntax.AssignUnset, syntax.AssignUnsetOrNull:
				def = true
				v.add(n.Param.Value, VarWrite, n.Pos(), n.End(), false)
			}
		}
		v.add(n.Param.Value, VarRead, n.Pos(), n.End(), def)
	case *syntax.Assign:
		if n.Name != nil && !n.Naked {
			v.add(n.Name.Value, VarWrite, n.Pos(), n.End(), false)
		}
	case *syntax.WordIter:
		if n.Name != nil {
			v.add(n.Name.Value, VarWrite, n.Name.Pos(), n.Name.End(), false)
		}
	case *syntax.CallExpr:
		if len(n.Args) == 0 {
			return
		}
		switch n.Args[0].Lit() {
		case "export", "readonly", "local", "declare", "typeset":
			for _, word := range n.Args[1:] {
				if a := splitAssignWord(word); a != nil {
					v.add(a.Name.Value, VarWrite, word.Pos(), word.End(), false)
				}
			}
		case "unset", "read":
			kind := VarUnset
			if n.Args[0].Lit() == "read" {
				kind = VarWrite
			}
			for _, word := range n.Args[1:] {
				v.add(word.Lit(), kind, word.Pos(), word.End(), false)
			}
		}
	}
}

// expect makes room for the references a script of src may make: about one per $ and =,
// up to a bound, so that the list does not grow one step at a time.
func (v *varRefs) expect(src []byte) {
	n := bytes.Count(src, []byte("$")) + bytes.Count(src, []byte("="))
	v.refs = make([]VarRef, 0, min(n, 1024))
}

// sorted returns the references in source order, each once. It sorts them in place: it
// is called once, when the walk is done.
func (v *varRefs) sorted() []VarRef {
	refs := v.refs
	if refs == nil {
		refs = []VarRef{}
	}
	slices.SortFunc(refs, func(a, b VarRef) int {
		return cmp.Or(cmp.Compare(a.Pos.Offset(), b.Pos.Offset()), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	return slices.Compact(refs)
}
