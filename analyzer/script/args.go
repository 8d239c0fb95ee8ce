package script

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer/shell"
)

// site is one call that runs a command, with its arguments read.
type site struct {
	form     string
	pos, end int // the call's span in the file
	// Either list, the argv given as a list, or str, a string a shell runs.
	list []fieldLit
	str  *strLit
	env  []envChange
	fail shell.Failure
	ends bool
}

// readSite reads the command of a call from its arguments; nil when the call runs nothing
// the reader can see.
func (w *walker) readSite(name string, f form, args []arg) []*site {
	var pos, opts []arg
	for _, a := range args {
		if a.name != "" || a.dsplat {
			opts = append(opts, a)
		} else {
			pos = append(pos, a)
		}
	}
	s := &site{form: name, fail: f.fail, ends: f.ends}
	switch f.style {
	case rubyCmd:
		if len(pos) > 0 && w.is(pos[0].s, tOp, "{") && w.skipBalanced(pos[0].s) == pos[0].e {
			s.env = w.envHash(pos[0], false)
			pos = pos[1:]
		}
		if len(pos) > 0 && w.is(pos[len(pos)-1].s, tOp, "{") && w.skipBalanced(pos[len(pos)-1].s) == pos[len(pos)-1].e {
			pos = pos[:len(pos)-1] // an options hash in braces
		}
		w.rubyOptions(s, opts)
		w.rubyCommand(s, pos)
	case rubyPopen:
		w.rubyOptions(s, opts)
		if len(pos) == 0 {
			return nil
		}
		if l, ok := w.listOf(pos[0]); ok {
			if len(l) > 0 && l[0].lit == nil && !l[0].f.Known && strings.HasPrefix(l[0].f.Text, "{") {
				l = l[1:] // the env hash of IO.popen([env, cmd, ...])
			}
			s.list = l
		} else {
			s.str = w.stringOf(pos[0])
		}
	case rubyPipeline:
		var out []*site
		for _, a := range pos {
			c := &site{form: name, fail: f.fail}
			if l, ok := w.listOf(a); ok && w.is(a.s, tOp, "[") {
				c.list = l
			} else {
				c.str = w.stringOf(a)
			}
			out = append(out, c)
		}
		return out
	case pyRun:
		w.pyOptions(s, opts)
		if len(pos) == 0 {
			for _, o := range opts {
				if o.name == "args" {
					pos = append(pos, arg{s: o.s, e: o.e})
				}
			}
		}
		if len(pos) == 0 {
			return nil
		}
		shellTrue := optionIs(w, opts, "shell", "True")
		l, isList := w.listOf(pos[0])
		switch {
		case isList && shellTrue && len(l) > 0 && l[0].lit != nil:
			s.str = l[0].lit
		case isList:
			s.list = l
		case shellTrue:
			s.str = w.stringOf(pos[0])
		default:
			// Without a shell, a string is the program's name, spaces and all.
			s.list = []fieldLit{w.fieldOf(pos[0])}
		}
	case pyShell:
		if len(pos) == 0 {
			return nil
		}
		s.str = w.stringOf(pos[0])
	case pySpawnV, pySpawnL:
		if len(pos) == 0 {
			return nil
		}
		mode := w.text(pos[0].s, pos[0].e)
		s.fail = lost
		if !strings.HasSuffix(mode, "P_WAIT") {
			s.fail = background
		}
		pos = pos[1:]
		fallthrough
	case pyExecV, pyExecL, pyPosixSpawn:
		if f.env && len(pos) > 0 {
			s.env = w.pyEnv(pos[len(pos)-1])
			pos = pos[:len(pos)-1]
		}
		if f.style == pyPosixSpawn && len(pos) > 2 {
			s.env = w.pyEnv(pos[2])
		}
		w.pyOptions(s, opts)
		if len(pos) == 0 {
			return nil
		}
		s.list = []fieldLit{w.fieldOf(pos[0])}
		if f.style == pyExecV || f.style == pySpawnV || f.style == pyPosixSpawn {
			if len(pos) > 1 {
				if l, ok := w.listOf(pos[1]); ok {
					if len(l) > 0 {
						s.list = append(s.list, l[1:]...) // argv[0] is only the name the program sees
					}
				} else {
					s.list = append(s.list, w.spread(pos[1]))
				}
			}
		} else if len(pos) > 2 {
			for _, a := range pos[2:] {
				s.list = append(s.list, w.argFields(a)...)
			}
		}
	}
	return []*site{s}
}

// rubyCommand reads system's positional arguments: one string for the shell, or the
// program and its arguments, the program maybe as [prog, argv0].
func (w *walker) rubyCommand(s *site, pos []arg) {
	if len(pos) == 0 {
		return
	}
	if len(pos) == 1 && !pos[0].splat && !w.is(pos[0].s, tOp, "[") {
		s.str = w.stringOf(pos[0])
		return
	}
	for k, a := range pos {
		if k == 0 && w.is(a.s, tOp, "[") {
			if l, ok := w.listOf(a); ok && len(l) == 2 {
				s.list = append(s.list, l[0])
				continue
			}
		}
		s.list = append(s.list, w.argFields(a)...)
	}
}

// argFields reads one positional argument as argv elements: one, or those of a splat.
func (w *walker) argFields(a arg) []fieldLit {
	if a.splat {
		if l, ok := w.listOf(arg{s: a.s, e: a.e}); ok {
			return l
		}
		return []fieldLit{w.spread(a)}
	}
	return []fieldLit{w.fieldOf(a)}
}

// spread is an argument that stands for an unknown number of argv elements.
func (w *walker) spread(a arg) fieldLit {
	start, end := w.at(a.s).pos, w.at(a.e-1).end
	if a.splat && a.s > 0 {
		start = w.at(a.s - 1).pos
	}
	return fieldLit{f: shell.Field{Text: string(w.src[start:end]), Spread: true, Pos: w.pos(start), End: w.pos(end)}}
}

// fieldOf reads one argv element.
func (w *walker) fieldOf(a arg) fieldLit {
	start, end := w.at(a.s).pos, w.at(a.e-1).end
	f := shell.Field{Text: string(w.src[start:end]), Pos: w.pos(start), End: w.pos(end)}
	lit := w.literal(a)
	if lit == nil && a.e == a.s+1 && w.at(a.s).kind == tNumber {
		f.Known = true
		return fieldLit{f: f}
	}
	if lit == nil {
		if t := w.at(a.s); t.kind == tString && t.str != nil && w.is(a.s+1, tOp, "+") {
			f.Prefix = t.str.prefix()
		}
		return fieldLit{f: f}
	}
	if lit.known() {
		f.Text, f.Known = string(lit.val), true
	} else {
		f.Prefix = lit.prefix()
	}
	return fieldLit{f: f, lit: lit}
}

// literal returns the string an argument surely is: a literal (Python's adjacent literals
// joined), a heredoc, a literal with .freeze/.to_s/.strip, or a name bound to one.
func (w *walker) literal(a arg) *strLit {
	e := a.e
	for e-2 > a.s && w.is(e-2, tOp, ".") && (w.is(e-1, tIdent, "freeze") || w.is(e-1, tIdent, "to_s") || w.is(e-1, tIdent, "strip")) {
		e -= 2
	}
	if e == a.s+1 {
		t := w.at(a.s)
		if t.kind == tString && t.str != nil {
			return t.str
		}
		if t.kind == tIdent {
			if b, ok := w.binds[t.text]; ok && b.lit != nil {
				return b.lit
			}
		}
		return nil
	}
	// "a" "b" in Python: one literal.
	var out *strLit
	for k := a.s; k < e; k++ {
		t := w.at(k)
		if t.kind != tString || t.str == nil || w.lang != Python {
			return nil
		}
		out = joinLit(out, t.str)
	}
	return out
}

// joinLit returns a's value followed by b's. The result ends where the later of the two
// does: a heredoc's body comes after the line that opens it, so in `<<~EOS + rest` the
// body ends after the rest.
func joinLit(a, b *strLit) *strLit {
	if a == nil {
		return b
	}
	out := &strLit{val: append(append([]byte{}, a.val...), b.val...), offs: append(append([]int{}, a.offs...), b.offs...), pos: a.pos, end: max(a.end, b.end)}
	out.holes = append(out.holes, a.holes...)
	for _, h := range b.holes {
		h.at += len(a.val)
		out.holes = append(out.holes, h)
	}
	return out
}

// stringOf returns the string a shell argument holds: a literal, a literal followed by
// `+ expr` (the rest unknown), or an unknown string standing for the whole argument.
func (w *walker) stringOf(a arg) *strLit {
	if lit := w.literal(a); lit != nil {
		return lit
	}
	start, end := w.at(a.s).pos, w.at(a.e-1).end
	if t := w.at(a.s); t.kind == tString && t.str != nil && w.is(a.s+1, tOp, "+") {
		out := joinLit(nil, t.str)
		out = joinLit(out, &strLit{holes: []hole{{pos: w.at(a.s + 1).pos, end: end}}, pos: w.at(a.s + 1).pos, end: end})
		return out
	}
	return &strLit{holes: []hole{{pos: start, end: end}}, pos: start, end: end}
}

// listOf reads an argument that is a list of argv elements: [..], (..) in Python, %w[],
// or a name bound to a list. ok is false when it is not one.
func (w *walker) listOf(a arg) ([]fieldLit, bool) {
	t := w.at(a.s)
	switch {
	case t.kind == tWords && a.e == a.s+1:
		var out []fieldLit
		for _, word := range t.words {
			f := shell.Field{Text: string(word.val), Known: word.known(), Pos: w.pos(word.pos), End: w.pos(word.end)}
			if !f.Known {
				f.Prefix, f.Text = word.prefix(), string(w.src[word.pos:word.end])
			}
			out = append(out, fieldLit{f: f, lit: word})
		}
		return out, true
	case t.kind == tOp && (t.text == "[" || t.text == "(" && w.lang == Python) && w.skipBalanced(a.s) == a.e:
		var out []fieldLit
		for _, el := range w.splitArgs(a.s+1, a.e-1) {
			if el.dsplat || el.name != "" {
				return nil, false
			}
			out = append(out, w.argFields(el)...)
		}
		return out, true
	case t.kind == tIdent && a.e == a.s+1:
		if b, ok := w.binds[t.text]; ok && b.list != nil {
			return b.list, true
		}
	}
	return nil, false
}

// optionIs reports whether a keyword option is given as the literal text want.
func optionIs(w *walker, opts []arg, name, want string) bool {
	for _, o := range opts {
		if o.name == name && w.text(o.s, o.e) == want {
			return true
		}
	}
	return false
}

// discards reports whether an output option's value is the null device.
func discards(text string) bool {
	for _, n := range []string{"DEVNULL", "devnull", "/dev/null", "File::NULL", ":close"} {
		if strings.Contains(text, n) {
			return true
		}
	}
	return false
}

func (w *walker) rubyOptions(s *site, opts []arg) {
	for _, o := range opts {
		v := w.text(o.s, o.e)
		switch o.name {
		case "exception":
			if v == "true" {
				s.fail = raises
			}
		case "err", "[:out, :err]", "[:err, :out]":
			s.fail.StderrDiscarded = s.fail.StderrDiscarded || discards(v)
		case "unsetenv_others":
			if v == "true" {
				var keep []string
				for _, ch := range s.env {
					keep = append(keep, ch.name)
				}
				s.env = append([]envChange{{keep: keep, value: shell.EnvValue{State: shell.EnvCleared, Cause: shell.CauseEnvClear, Pos: w.pos(w.at(o.s).pos)}}}, s.env...)
			}
		}
	}
	if len(opts) > 0 && w.at(opts[0].s-1).kind == tOp && w.at(opts[0].s-1).text == "=>" {
		// [:out, :err] => File::NULL: the key is an array the classifier did not name.
		for _, o := range opts {
			if strings.Contains(w.text(o.s-2, o.s-1), "err") {
				s.fail.StderrDiscarded = s.fail.StderrDiscarded || discards(w.text(o.s, o.e))
			}
		}
	}
}

func (w *walker) pyOptions(s *site, opts []arg) {
	for _, o := range opts {
		v := w.text(o.s, o.e)
		switch o.name {
		case "check":
			if v == "True" && s.fail == lost {
				s.fail = raises
			}
		case "stderr":
			s.fail.StderrDiscarded = discards(v)
		case "env":
			s.env = w.pyEnv(arg{s: o.s, e: o.e})
		}
	}
}

// envHash reads a Ruby env hash {"K" => "v", "X" => nil} or a Python dict {"K": "v"}: the
// variables it sets (nil unsets). replaces: the dict is the whole environment, unless it
// spreads os.environ.
func (w *walker) envHash(a arg, replaces bool) []envChange {
	var out []envChange
	var keep []string
	inherits := !replaces
	for _, el := range w.splitArgs(a.s+1, a.e-1) {
		if el.dsplat {
			if w.resolve(w.text(el.s, el.e)) == "os.environ" {
				inherits = true
			}
			continue
		}
		k, sep := el.s, el.s+1
		if el.name != "" { // "K" => v, or a label
			k, sep = el.s-2, el.s-1
			if w.at(k+1).kind == tLabel {
				k, sep = el.s-1, el.s-1
			}
		}
		key := w.at(k)
		name := key.text
		if key.str != nil {
			name = string(key.str.val)
		}
		if key.kind == tLabel {
			name = key.text
		}
		valStart := el.s
		if el.name == "" {
			if !w.is(sep, tOp, ":") && !w.is(sep, tOp, "=>") {
				continue
			}
			valStart = sep + 1
		}
		v := shell.EnvValue{State: shell.EnvSet, Cause: shell.CauseEnvAssign, Pos: w.pos(key.pos)}
		if w.is(valStart, tIdent, "nil") || w.is(valStart, tIdent, "None") {
			v.State = shell.EnvUnset
			v.Cause = shell.CauseEnvUnset
		} else if lit := w.literal(arg{s: valStart, e: el.e}); lit != nil && lit.known() {
			v.Value, v.Known = string(lit.val), true
		}
		keep = append(keep, name)
		out = append(out, envChange{name: name, value: v})
	}
	if !inherits {
		out = append([]envChange{{keep: keep, value: shell.EnvValue{State: shell.EnvCleared, Cause: shell.CauseEnvClear, Pos: w.pos(w.at(a.s).pos)}}}, out...)
	}
	return out
}

// pyEnv reads Python's env= argument: a dict replaces the environment unless it spreads
// os.environ; dict(os.environ, K="v") and os.environ.copy() keep it; anything else makes
// every variable unknown.
func (w *walker) pyEnv(a arg) []envChange {
	src := w.text(a.s, a.e)
	switch {
	case w.is(a.s, tOp, "{") && w.skipBalanced(a.s) == a.e:
		return w.envHash(a, true)
	case w.is(a.s, tIdent, "None"):
		return nil
	case strings.HasPrefix(src, "dict(") && w.is(a.s+1, tOp, "("):
		var out []envChange
		args := w.splitArgs(a.s+2, a.e-1)
		inherits := false
		for _, el := range args {
			if el.name == "" && w.resolve(w.text(el.s, el.e)) == "os.environ" {
				inherits = true
				continue
			}
			if el.name != "" {
				v := shell.EnvValue{State: shell.EnvSet, Cause: shell.CauseEnvAssign, Pos: w.pos(w.at(el.s - 2).pos)}
				if lit := w.literal(el); lit != nil && lit.known() {
					v.Value, v.Known = string(lit.val), true
				}
				out = append(out, envChange{name: el.name, value: v})
			}
		}
		if inherits {
			return out
		}
	case w.resolve(src) == "os.environ" || w.resolve(src) == "os.environ.copy()":
		return nil
	}
	return []envChange{{value: shell.EnvValue{State: shell.EnvVaries, Cause: shell.CauseEnvAssign, Pos: w.pos(w.at(a.s).pos)}}}
}
