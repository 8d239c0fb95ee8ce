package shell

import (
	"path"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// expansion accumulates the value of a word as the shell expands it.
type expansion struct {
	sb     strings.Builder
	known  bool
	prefix string // the text before the first part whose value is unknown
}

func (x *expansion) write(s string) { x.sb.WriteString(s) }

func (x *expansion) unknown() {
	if x.known {
		x.prefix = x.sb.String()
	}
	x.known = false
}

// wordValue evaluates a word to one string in a world, as a test operand, a case subject or
// an assignment's value (no field splitting). pattern renders quoted parts escaped for glob
// matching.
func (w *walker) wordValue(word *syntax.Word, e env, world int, pattern bool) (string, bool) {
	// The common operands need no buffer: a bare word (setup), and $VAR or "$VAR".
	if len(word.Parts) == 1 {
		switch p := word.Parts[0].(type) {
		case *syntax.Lit:
			if !strings.Contains(p.Value, `\`) {
				return p.Value, true
			}
		case *syntax.ParamExp:
			if !pattern {
				return w.paramValue(p, e, world)
			}
		case *syntax.DblQuoted:
			if len(p.Parts) == 0 {
				return "", true // ""
			}
			if pe, ok := p.Parts[0].(*syntax.ParamExp); ok && !pattern && len(p.Parts) == 1 {
				return w.paramValue(pe, e, world)
			}
		}
	}
	x := expansion{known: true}
	for _, p := range word.Parts {
		w.expandPart(&x, p, false, e, world, pattern)
	}
	return x.sb.String(), x.known
}

// expandPart adds the value of one part of a word to x.
func (w *walker) expandPart(x *expansion, p syntax.WordPart, quoted bool, e env, world int, pattern bool) {
	switch p := p.(type) {
	case *syntax.Lit:
		if quoted {
			s := unescapeDouble(p.Value)
			if pattern {
				s = quoteGlob(s)
			}
			x.write(s)
		} else {
			x.write(unescapeBare(p.Value, pattern))
		}
	case *syntax.SglQuoted:
		s := p.Value
		if p.Dollar {
			s = unescapeANSI(s)
		}
		if pattern {
			s = quoteGlob(s)
		}
		x.write(s)
	case *syntax.DblQuoted:
		for _, q := range p.Parts {
			w.expandPart(x, q, true, e, world, pattern)
		}
	case *syntax.ParamExp:
		s, ok := w.paramValue(p, e, world)
		if !ok {
			x.unknown()
			return
		}
		if pattern && quoted {
			s = quoteGlob(s)
		}
		x.write(s)
	case *syntax.CmdSubst:
		if s, ok := w.substValue(p, e, world); ok {
			x.write(s)
			return
		}
		x.unknown()
	default:
		x.unknown()
	}
}

// paramValue evaluates a parameter expansion to a string: $VAR and ${VAR}, and the forms
// ${VAR-x}, ${VAR:-x}, ${VAR=x}, ${VAR:=x}, ${VAR+x} and ${VAR:+x}. Anything else is
// unknown.
//
// A variable that the script never assigned on this path, that no world fixes and that the
// environment is not expected to set ([Config.MaybeSet]) is taken as unset where it is
// expanded with a default: `${KAMAL_BIN:-kamal}` runs kamal unless someone sets KAMAL_BIN
// by hand. In a condition only the script's own flags are: a variable it never assigns
// is a switch for the user.
func (w *walker) paramValue(p *syntax.ParamExp, e env, world int) (string, bool) {
	if p.Param != nil && p.Index != nil && p.Exp == nil && !p.Excl && !p.Length && p.Slice == nil && p.Repl == nil {
		// ${cmd[0]}: one element of an array.
		idx, ok := p.Index.(*syntax.Word)
		elems, known := w.lookupArray(p.Param.Value, e)
		if !ok || !known {
			return "", false
		}
		if n, err := strconv.Atoi(idx.Lit()); err == nil && n >= 0 {
			if n >= len(elems) {
				return "", true
			}
			return elems[n].Text, elems[n].Known
		}
		return "", false
	}
	if p.Param == nil || p.Excl || p.Length || p.Width || p.Index != nil || p.Slice != nil || p.Repl != nil || p.Names != 0 {
		return "", false
	}
	name := p.Param.Value
	if name == "@" || name == "*" {
		args := w.args()
		if args == nil {
			return "", true
		}
		var parts []string
		for _, a := range args {
			if !a.Known {
				return "", false
			}
			parts = append(parts, a.Text)
		}
		return strings.Join(parts, " "), true
	}
	val, set, ok := w.lookup(name, e, world)
	if p.Exp == nil {
		return val, ok
	}
	if !ok && w.assumedUnset(name, e) {
		val, set, ok = "", false, true
	}
	colon := false
	switch p.Exp.Op {
	case syntax.DefaultUnsetOrNull, syntax.AssignUnsetOrNull, syntax.AlternateUnsetOrNull:
		colon = true
	case syntax.DefaultUnset, syntax.AssignUnset, syntax.AlternateUnset:
	default:
		return "", false
	}
	if !ok {
		return "", false
	}
	present := set && (!colon || val != "")
	alternate := p.Exp.Op == syntax.AlternateUnset || p.Exp.Op == syntax.AlternateUnsetOrNull
	if present != alternate {
		if alternate {
			return "", true
		}
		return val, true
	}
	if p.Exp.Word == nil {
		return "", true
	}
	return w.wordValue(p.Exp.Word, e, world, false)
}

// assumedUnset reports whether a variable with no known value may be taken as unset by a
// default expansion: the script never assigned it and the environment is not expected to
// set it.
func (w *walker) assumedUnset(name string, e env) bool {
	if v, ok := e.get(name); ok && !v.unsetByDefault {
		return false
	}
	if _, isPos := positional(name); isPos || !syntax.ValidName(name) {
		return false
	}
	if w.inCondition && !w.assigned[name] {
		return false // ${REBOOT:-0} = 1: the user's switch, which may well be set
	}
	return w.cfg.MaybeSet != nil && !w.cfg.MaybeSet(name)
}

// appendFields expands a command word into argv fields, as the shell would before running
// the command, and appends them to dst: quotes removed, known variables substituted and,
// unquoted, split on blanks. What cannot be known statically becomes a Field with Known
// false (Spread when it may expand to any number of words).
func (w *walker) appendFields(dst []Field, word *syntax.Word, e env) []Field {
	if len(word.Parts) == 1 {
		// The common case: a bare word.
		if lit, ok := word.Parts[0].(*syntax.Lit); ok && !strings.Contains(lit.Value, `\`) {
			return append(dst, Field{Text: lit.Value, Known: true, Pos: word.Pos(), End: word.End()})
		}
	}
	// "${cmd[@]}" alone expands to the array's elements, word for word.
	if pe := soleParamExp(word); pe != nil && pe.Param != nil && pe.Index != nil && pe.Exp == nil && !pe.Excl && !pe.Length {
		if idx, ok := pe.Index.(*syntax.Word); ok && (idx.Lit() == "@" || idx.Lit() == "*") {
			w.expandingArgv = true
			elems, known := w.lookupArray(pe.Param.Value, e)
			w.expandingArgv = false
			if known {
				return append(dst, elems...)
			}
			src := w.text(word.Pos(), word.End())
			return append(dst, Field{Text: src, Spread: true, Pos: word.Pos(), End: word.End()})
		}
	}
	// "$@" and "$*" alone expand to the positional parameters, word for word.
	if len(word.Parts) == 1 {
		if dq, ok := word.Parts[0].(*syntax.DblQuoted); ok && len(dq.Parts) == 1 {
			if pe, ok := dq.Parts[0].(*syntax.ParamExp); ok && pe.Param != nil && pe.Param.Value == "@" && pe.Exp == nil && pe.Index == nil {
				return append(dst, w.args()...)
			}
		}
		if pe, ok := word.Parts[0].(*syntax.ParamExp); ok && pe.Param != nil && (pe.Param.Value == "@" || pe.Param.Value == "*") && pe.Exp == nil && pe.Index == nil {
			return append(dst, w.args()...)
		}
	}
	w.expandingArgv = true
	fb := fieldBuilder{w: w, out: dst, first: len(dst), pos: word.Pos(), end: word.End(), cur: expansion{known: true}}
	spread := false
	for _, p := range word.Parts {
		switch p := p.(type) {
		case *syntax.ParamExp:
			val, ok := w.paramValue(p, e, -1)
			if !ok {
				fb.cur.unknown()
				fb.started, spread = true, true
				continue
			}
			// Unquoted expansion of a known value: split on blanks.
			for i, f := range strings.Fields(val) {
				if i > 0 {
					fb.flush()
				}
				fb.cur.write(f)
				fb.started = true
			}
			if val != "" && strings.TrimLeft(val[len(val)-1:], " \t\n") == "" {
				fb.flush()
			}
		case *syntax.CmdSubst:
			if s, ok := w.substValue(p, e, -1); ok {
				fb.cur.write(s)
				fb.started = true
				continue
			}
			fb.cur.unknown()
			fb.started, spread = true, true
		case *syntax.ArithmExp, *syntax.ProcSubst:
			fb.cur.unknown()
			fb.started, spread = true, true
		default:
			// Once the field is unknown, what its buffer holds is no longer read.
			w.expandPart(&fb.cur, p, false, e, -1, false)
			fb.started = true
		}
	}
	fb.flush()
	w.expandingArgv = false
	out := fb.out
	if n := fb.first; len(word.Parts) == 1 && spread && len(out) == n+1 && !out[n].Known {
		out[n].Spread = true
	}
	return out
}

// fieldBuilder gathers the fields of one command word.
type fieldBuilder struct {
	w        *walker
	out      []Field
	first    int    // the index in out of the word's first field
	src      string // the word's source text, the text of a field that is not known, once needed
	pos, end syntax.Pos
	cur      expansion
	started  bool
}

// flush ends the current field, if one was started.
func (fb *fieldBuilder) flush() {
	if fb.started {
		f := Field{Text: fb.cur.sb.String(), Known: fb.cur.known, Pos: fb.pos, End: fb.end}
		if !fb.cur.known {
			if fb.src == "" {
				fb.src = fb.w.text(fb.pos, fb.end)
			}
			f.Text, f.Prefix = fb.src, fb.cur.prefix
		}
		fb.out = append(fb.out, f)
	}
	fb.cur = expansion{known: true}
	fb.started = false
}

// soleParamExp returns the parameter expansion a word consists of, quoted or not.
func soleParamExp(word *syntax.Word) *syntax.ParamExp {
	parts := word.Parts
	if len(parts) == 1 {
		if dq, ok := parts[0].(*syntax.DblQuoted); ok {
			parts = dq.Parts
		}
	}
	if len(parts) != 1 {
		return nil
	}
	pe, _ := parts[0].(*syntax.ParamExp)
	return pe
}

// unescapeBare removes the backslashes of an unquoted literal; in a pattern, escaped
// characters stay escaped so that they match themselves.
func unescapeBare(s string, pattern bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
			if pattern {
				sb.WriteByte('\\')
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// unescapeDouble removes the backslashes that are special inside double quotes.
func unescapeDouble(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// unescapeANSI decodes the common escapes of $'...'.
func unescapeANSI(s string) string { return ansiEscapes.Replace(s) }

var ansiEscapes = strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`, `\'`, `'`, `\"`, `"`)

// quoteGlob escapes glob metacharacters so that quoted text matches literally.
func quoteGlob(s string) string {
	var sb strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`*?[]\`, c) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// substValue evaluates the command substitutions that compute paths, which hooks use to
// find the scripts they run: $(dirname X), $(basename X), $(pwd), $(realpath X),
// $(readlink -f X), and $(cd X && pwd) or $(cd X; pwd). Paths stay relative to the
// directory the hook runs in (the project root) rather than made absolute.
func (w *walker) substValue(cs *syntax.CmdSubst, e env, world int) (string, bool) {
	switch len(cs.Stmts) {
	case 1:
		if b, ok := cs.Stmts[0].Cmd.(*syntax.BinaryCmd); ok && b.Op == syntax.AndStmt {
			return w.cdPwd(b.X, b.Y, e, world)
		}
		return w.pathCommand(cs.Stmts[0], e, world)
	case 2:
		return w.cdPwd(cs.Stmts[0], cs.Stmts[1], e, world)
	}
	return "", false
}

// pathCommand evaluates one path-computing command.
func (w *walker) pathCommand(s *syntax.Stmt, e env, world int) (string, bool) {
	call, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 || len(call.Assigns) > 0 {
		return "", false
	}
	var args []string
	for _, a := range call.Args {
		v, ok := w.wordValue(a, e, world, false)
		if !ok {
			return "", false
		}
		args = append(args, v)
	}
	switch {
	case args[0] == "pwd" && len(args) == 1:
		return ".", true
	case args[0] == "dirname" && len(args) == 2:
		return path.Dir(args[1]), true
	case args[0] == "basename" && len(args) == 2:
		return path.Base(args[1]), true
	case args[0] == "realpath" && len(args) == 2, args[0] == "readlink" && len(args) == 3 && args[1] == "-f":
		return path.Clean(args[len(args)-1]), true
	}
	return "", false
}

// cdPwd evaluates `cd DIR && pwd` (or `cd DIR; pwd`): DIR.
func (w *walker) cdPwd(cd, pwd *syntax.Stmt, e env, world int) (string, bool) {
	c, ok := cd.Cmd.(*syntax.CallExpr)
	if !ok || len(c.Args) != 2 || c.Args[0].Lit() != "cd" {
		return "", false
	}
	if v, ok := w.pathCommand(pwd, e, world); !ok || v != "." {
		return "", false
	}
	return w.wordValue(c.Args[1], e, world, false)
}
