package analyzer

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"mvdan.cc/sh/v3/syntax"
)

// value is what the walk knows of a shell variable: a known string, unknown, or a copy of a
// variable whose value depends on the world (KAMAL_COMMAND, KAMAL_LOCK).
type value struct {
	known bool
	text  string
	ref   string // the world variable this one copies, when known is false
	unset bool   // explicitly unset (unset VAR)
	// unsetByDefault marks a path on which the script never assigned the variable.
	unsetByDefault bool
	// alts, when set, gives the value per world: paths that set a flag differently under
	// different outer commands (SKIP=1 under setup only) meet again.
	alts []alt
}

// alt is a variable's value in some worlds.
type alt struct {
	worlds Worlds
	v      value
}

func (v value) equal(o value) bool {
	if v.known != o.known || v.text != o.text || v.ref != o.ref || v.unset != o.unset || len(v.alts) != len(o.alts) {
		return false
	}
	for i := range v.alts {
		if v.alts[i].worlds != o.alts[i].worlds || !v.alts[i].v.equal(o.alts[i].v) {
			return false
		}
	}
	return true
}

// in returns the value in one world.
func (v value) in(world int) (value, bool) {
	if v.alts == nil {
		return v, true
	}
	for _, a := range v.alts {
		if a.worlds.Has(world) {
			return a.v, true
		}
	}
	return value{}, false
}

// split returns the value as alternatives covering worlds.
func (v value) split(worlds Worlds) []alt {
	if v.alts == nil {
		return []alt{{worlds, v}}
	}
	var out []alt
	for _, a := range v.alts {
		if w := a.worlds & worlds; w != 0 {
			out = append(out, alt{w, a.v})
		}
	}
	return out
}

// env maps variable names to what is known of them. It is treated as immutable: assign
// returns a copy, so that each branch of the walk has its own view.
type env map[string]value

func (e env) assign(name string, v value) env {
	out := make(env, len(e)+1)
	for k, v := range e {
		out[k] = v
	}
	out[name] = v
	return out
}

// merge joins the views of two branches that ran in worlds ew and ow: a variable keeps its
// value where both agree, takes each branch's value in that branch's worlds when the
// branches ran in different worlds, and is unknown otherwise.
func (e env) merge(o env, ew, ow Worlds) env {
	if len(e) == 0 && len(o) == 0 {
		return e
	}
	out := make(env, len(e))
	pick := func(a, b value, aok, bok bool) value {
		switch {
		case aok && bok && a.equal(b):
			return a
		case ew&ow != 0:
			return value{}
		}
		if !aok {
			a = value{unsetByDefault: true}
		}
		if !bok {
			b = value{unsetByDefault: true}
		}
		return value{alts: append(a.split(ew), b.split(ow)...)}
	}
	for k, v := range e {
		w, ok := o[k]
		out[k] = pick(v, w, true, ok)
	}
	for k, w := range o {
		if _, ok := e[k]; !ok {
			out[k] = pick(value{}, w, false, true)
		}
	}
	return out
}

// worldVariables are the variables whose value the walk takes from the world.
var worldVariables = map[string]bool{"KAMAL_COMMAND": true, "KAMAL_LOCK": true}

// lookup resolves a variable in a world (world < 0: in no particular world, as for argv).
// Positional parameters come from the innermost function call, or are empty at the top
// level: Kamal runs hooks without arguments.
func (w *walker) lookup(name string, e env, world int) (string, bool) {
	if v, ok := e[name]; ok {
		if v.alts != nil {
			if world < 0 {
				return "", false
			}
			if v, ok = v.in(world); !ok {
				return "", false
			}
		}
		switch {
		case v.unsetByDefault:
			// Not assigned on this path: whatever the environment has.
		case v.unset:
			return "", true
		case v.known:
			return v.text, true
		case v.ref != "":
			name = v.ref
		default:
			return "", false
		}
	}
	if worldVariables[name] {
		if world < 0 {
			return "", false
		}
		wd := w.worlds[world]
		if name == "KAMAL_COMMAND" {
			return wd.KamalCommand, wd.KamalCommand != ""
		}
		return wd.Lock, true // "" = unset before 2.6.0
	}
	if n, ok := positional(name); ok {
		args := w.args()
		if args == nil {
			return "", true
		}
		if n <= len(args) && n > 0 {
			a := args[n-1]
			return a.Text, a.Known && !a.Spread && !spreadBefore(args, n-1)
		}
		return "", !anySpread(args)
	}
	return "", false
}

func positional(name string) (int, bool) {
	if name == "" || len(name) > 2 {
		return 0, false
	}
	n := 0
	for _, c := range name {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n > 0
}

func anySpread(ws []kamal.Word) bool { return spreadBefore(ws, len(ws)) }

func spreadBefore(ws []kamal.Word, i int) bool {
	for _, w := range ws[:i] {
		if w.Spread {
			return true
		}
	}
	return false
}

// wordValue evaluates a word to one string in a world, as a test operand or case subject
// (no field splitting). pattern renders quoted parts escaped for glob matching.
func (w *walker) wordValue(word *syntax.Word, e env, world int, pattern bool) (string, bool) {
	var sb strings.Builder
	known := true
	var part func(p syntax.WordPart, quoted bool)
	part = func(p syntax.WordPart, quoted bool) {
		switch p := p.(type) {
		case *syntax.Lit:
			if quoted {
				s := unescapeDouble(p.Value)
				if pattern {
					s = quoteGlob(s)
				}
				sb.WriteString(s)
			} else {
				sb.WriteString(unescapeBare(p.Value, pattern))
			}
		case *syntax.SglQuoted:
			s := p.Value
			if p.Dollar {
				s = unescapeANSI(s)
			}
			if pattern {
				s = quoteGlob(s)
			}
			sb.WriteString(s)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				part(q, true)
			}
		case *syntax.ParamExp:
			s, ok := w.paramValue(p, e, world)
			if pattern && quoted {
				s = quoteGlob(s)
			}
			sb.WriteString(s)
			known = known && ok
		default:
			known = false
		}
	}
	for _, p := range word.Parts {
		part(p, false)
	}
	return sb.String(), known
}

// paramValue evaluates a parameter expansion to a string: plain $VAR and ${VAR}, and the
// default forms ${VAR-x} and ${VAR:-x}. Anything else is unknown.
func (w *walker) paramValue(p *syntax.ParamExp, e env, world int) (string, bool) {
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
	val, ok := w.lookup(name, e, world)
	if p.Exp == nil {
		return val, ok
	}
	switch p.Exp.Op {
	case syntax.DefaultUnsetOrNull, syntax.DefaultUnset:
		if !ok {
			return "", false
		}
		isSet := val != "" || w.isSet(name, e, world)
		if val != "" || (p.Exp.Op == syntax.DefaultUnset && isSet) {
			return val, true
		}
		if p.Exp.Word == nil {
			return "", true
		}
		return w.wordValue(p.Exp.Word, e, world, false)
	}
	return "", false
}

// isSet reports whether a variable known to be empty is set (as opposed to unset).
func (w *walker) isSet(name string, e env, world int) bool {
	if v, ok := e[name]; ok {
		return !v.unset
	}
	if name == "KAMAL_LOCK" && world >= 0 {
		return w.worlds[world].Lock != ""
	}
	return false
}

// fields expands a command word into argv words, as the shell would before running the
// command: quotes removed, known variables substituted and, unquoted, split on blanks.
// What cannot be known statically becomes a Word with Known false (Spread when it may
// expand to any number of words).
func (w *walker) fields(word *syntax.Word, e env) []kamal.Word {
	src := w.h.Text(word.Pos(), word.End())
	// "$@" and "$*" alone expand to the positional parameters, word for word.
	if len(word.Parts) == 1 {
		if dq, ok := word.Parts[0].(*syntax.DblQuoted); ok && len(dq.Parts) == 1 {
			if pe, ok := dq.Parts[0].(*syntax.ParamExp); ok && pe.Param != nil && pe.Param.Value == "@" && pe.Exp == nil && pe.Index == nil {
				return w.positionalWords()
			}
		}
		if pe, ok := word.Parts[0].(*syntax.ParamExp); ok && pe.Param != nil && (pe.Param.Value == "@" || pe.Param.Value == "*") && pe.Exp == nil && pe.Index == nil {
			return w.positionalWords()
		}
	}
	var out []kamal.Word
	var cur strings.Builder
	known, started, spread := true, false, false
	flush := func() {
		if started {
			out = append(out, kamal.Word{Text: cur.String(), Known: known})
			if !known {
				out[len(out)-1].Text = src
			}
		}
		cur.Reset()
		known, started = true, false
	}
	for _, p := range word.Parts {
		switch p := p.(type) {
		case *syntax.ParamExp:
			val, ok := w.paramValue(p, e, -1)
			if !ok {
				known, started = false, true
				spread = true
				continue
			}
			// Unquoted expansion of a known value: split on blanks.
			for i, f := range splitBlanks(val) {
				if i > 0 {
					flush()
				}
				cur.WriteString(f)
				started = true
			}
			if val != "" && strings.TrimLeft(val[len(val)-1:], " \t\n") == "" {
				flush()
			}
		case *syntax.CmdSubst, *syntax.ArithmExp, *syntax.ProcSubst:
			known, started, spread = false, true, true
		default:
			s, ok := w.wordValue(&syntax.Word{Parts: []syntax.WordPart{p}}, e, -1, false)
			cur.WriteString(s)
			known = known && ok
			started = true
		}
	}
	flush()
	if len(word.Parts) == 1 && spread && len(out) == 1 && !out[0].Known {
		out[0].Spread = true
	}
	return out
}

// positionalWords returns the arguments of the innermost function call, or none at the top
// level of the hook.
func (w *walker) positionalWords() []kamal.Word {
	args := w.args()
	out := make([]kamal.Word, len(args))
	copy(out, args)
	return out
}

func splitBlanks(s string) []string {
	fs := strings.Fields(s)
	if len(fs) == 0 {
		return nil
	}
	return fs
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
func unescapeANSI(s string) string {
	r := strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`, `\'`, `'`, `\"`, `"`)
	return r.Replace(s)
}

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
