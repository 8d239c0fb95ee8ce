package shell

import (
	"mvdan.cc/sh/v3/syntax"
)

// value is what the walk knows of a shell variable: a known string, unknown, or a copy of a
// variable from the environment (whose value may depend on the world).
type value struct {
	known bool
	text  string
	ref   string // the environment variable this one copies, when known is false
	unset bool   // explicitly unset (unset VAR)
	// unsetByDefault marks a path on which the script never assigned the variable.
	unsetByDefault bool
	// varies marks a value unknown because the paths that meet set it differently.
	varies bool
	// array holds the elements of a bash array (cmd=(bin/kamal app boot)), known or not,
	// with the positions of the words they came from; known is set.
	array []Field
	// maybe marks a value a shell may or may not have assigned (declare in a POSIX script:
	// bash as /bin/sh assigns it, dash has no declare). A command line uses it; a
	// condition cannot rely on it.
	maybe bool
	// exported marks a variable export (or declare -x) put in the environment of the
	// commands the shell runs; one the shell started with is there without it.
	exported bool
	// alts, when set, gives the value per world: paths that set a variable differently
	// under different worlds (SKIP=1 under setup only) meet again, or the value copies a
	// variable the worlds fix.
	alts []alt

	cause EnvCause
	pos   syntax.Pos
}

// anyExported reports whether v, in any world, was exported.
func (v value) anyExported() bool {
	if v.exported {
		return true
	}
	for _, a := range v.alts {
		if a.v.exported {
			return true
		}
	}
	return false
}

// alt is a variable's value in some worlds.
type alt struct {
	worlds Worlds
	v      value
}

func (v value) equal(o value) bool {
	if len(v.array) != len(o.array) {
		return false
	}
	for i := range v.array {
		if v.array[i] != o.array[i] {
			return false
		}
	}
	if v.known != o.known || v.text != o.text || v.ref != o.ref || v.unset != o.unset ||
		v.unsetByDefault != o.unsetByDefault || v.varies != o.varies || v.maybe != o.maybe || v.exported != o.exported ||
		len(v.alts) != len(o.alts) {
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

// envValue describes the value as seen by a command that runs in worlds.
func (v value) envValue(worlds Worlds) EnvValue {
	if v.alts != nil {
		var first *value
		same := true
		for _, a := range v.alts {
			if a.worlds&worlds == 0 {
				continue
			}
			if first == nil {
				av := a.v
				first = &av
			} else if !first.equal(a.v) {
				same = false
			}
		}
		if first == nil {
			return EnvValue{State: EnvInherited}
		}
		if !same {
			return EnvValue{State: EnvVaries, Cause: CauseAssignment}
		}
		v = *first
	}
	switch {
	case v.unsetByDefault:
		return EnvValue{State: EnvInherited}
	case v.varies:
		return EnvValue{State: EnvVaries, Cause: v.cause}
	case v.unset:
		return EnvValue{State: EnvUnset, Cause: v.cause, Pos: v.pos}
	}
	return EnvValue{State: EnvSet, Value: v.text, Known: v.known, Cause: v.cause, Pos: v.pos}
}

// env is what is known of the script's variables on a path: nil for none. It is treated
// as immutable: assign returns a new view, so that each branch of the walk has its own,
// and two paths that changed nothing share the same one, which merge then keeps.
type env = *scope

// scope is a view of the variables: either a map of them all (vars set), or one change,
// a variable set to a value, on top of an earlier view (parent, nil for none). Changes
// cost one small allocation each instead of a copy of every variable; a chain is turned
// into a map once it is maxChain changes long, so that a lookup stays short.
type scope struct {
	vars   map[string]value
	parent *scope
	name   string
	v      value
	depth  int // changes from here down to a map or the end
	// exports is set when a value of the view was exported: only then does an assignment
	// look for the variable's export attribute (see assign).
	exports bool
}

// exporting reports whether a value of the view was exported.
func (e *scope) exporting() bool { return e != nil && e.exports }

// maxChain is how many changes a view stacks before they are gathered into a map.
const maxChain = 8

// get returns what is known of a variable, and whether the script set it on this path.
func (e *scope) get(name string) (value, bool) {
	for s := e; s != nil; s = s.parent {
		if s.vars != nil {
			v, ok := s.vars[name]
			return v, ok
		}
		if s.name == name {
			return s.v, true
		}
	}
	return value{}, false
}

// all returns every variable of the view; the map must not be changed.
func (e *scope) all() map[string]value {
	var changes []*scope
	s := e
	for ; s != nil && s.vars == nil; s = s.parent {
		changes = append(changes, s)
	}
	if len(changes) == 0 {
		if s == nil {
			return nil
		}
		return s.vars
	}
	var base map[string]value
	if s != nil {
		base = s.vars
	}
	out := make(map[string]value, len(base)+len(changes))
	for k, v := range base {
		out[k] = v
	}
	for i := len(changes) - 1; i >= 0; i-- { // the latest change last
		out[changes[i].name] = changes[i].v
	}
	return out
}

func (e *scope) assign(name string, v value) env {
	if e.exporting() && !v.exported && !v.unset && !v.unsetByDefault {
		if old, ok := e.get(name); ok && old.anyExported() && !old.unset {
			v.exported = true // an exported variable stays so when assigned again
		}
	}
	if e != nil && e.depth >= maxChain {
		e = &scope{vars: e.all(), exports: e.exports}
	}
	depth := 1
	if e != nil {
		depth = e.depth + 1
	}
	return &scope{parent: e, name: name, v: v, depth: depth, exports: e.exporting() || v.anyExported()}
}

// merge joins the views of two branches that ran in worlds ew and ow: a variable keeps its
// value where both agree, takes each branch's value in that branch's worlds when the
// branches ran in different worlds, and is unknown otherwise. Two branches that share
// their view agree on every variable; when one branch's view is the other's with changes
// (an if whose then branch assigns), only the variables changed are joined.
func (e *scope) merge(o env, ew, ow Worlds) env {
	if e == o {
		return e
	}
	var buf [maxChain]*scope
	if changes, ok := e.changesOver(o, buf[:0]); ok {
		out := o
		for _, c := range changes {
			b, bok := o.get(c.name)
			out = out.assign(c.name, joinValue(c.v, b, true, bok, ew, ow))
		}
		return out
	}
	if changes, ok := o.changesOver(e, buf[:0]); ok {
		out := e
		for _, c := range changes {
			a, aok := e.get(c.name)
			out = out.assign(c.name, joinValue(a, c.v, aok, true, ew, ow))
		}
		return out
	}
	ev, ov := e.all(), o.all()
	if len(ev) == 0 && len(ov) == 0 {
		return e
	}
	out := make(map[string]value, len(ev))
	for k, v := range ev {
		w, ok := ov[k]
		out[k] = joinValue(v, w, true, ok, ew, ow)
	}
	for k, w := range ov {
		if _, ok := ev[k]; !ok {
			out[k] = joinValue(value{}, w, false, true, ew, ow)
		}
	}
	return &scope{vars: out, exports: e.exporting() || o.exporting()}
}

// changesOver returns, when base is a view e was made from by changes alone, those
// changes appended to buf, the latest first and each variable once.
func (e *scope) changesOver(base *scope, buf []*scope) ([]*scope, bool) {
	for s := e; s != base; s = s.parent {
		if s == nil || s.vars != nil {
			return nil, false
		}
		seen := false
		for _, c := range buf {
			seen = seen || c.name == s.name
		}
		if !seen {
			buf = append(buf, s)
		}
	}
	return buf, true
}

// joinValue is what a variable is where two branches meet, that ran in worlds ew and ow
// and left it a and b (aok and bok false where the branch did not set it).
func joinValue(a, b value, aok, bok bool, ew, ow Worlds) value {
	switch {
	case aok && bok && a.equal(b):
		return a
	case ew&ow != 0:
		cause := a.cause
		if !aok {
			cause = b.cause
		}
		return value{cause: cause, varies: true}
	}
	if !aok {
		a = value{unsetByDefault: true}
	}
	if !bok {
		b = value{unsetByDefault: true}
	}
	return value{alts: append(a.split(ew), b.split(ow)...), cause: CauseAssignment}
}

// lookup resolves a variable in a world (world < 0: in no particular world, as for argv).
// set reports whether the variable is set, when that is known. Positional parameters come
// from the innermost function call, or are empty at the top level: Kamal runs hooks without
// arguments.
func (w *walker) lookup(name string, e env, world int) (text string, set, ok bool) {
	if v, found := e.get(name); found {
		if v.alts != nil {
			if world < 0 {
				return w.lookupAll(name, e)
			}
			if v, found = v.in(world); !found {
				return "", false, false
			}
		}
		var decided bool
		if text, set, ok, decided, name = w.readValue(v, name); decided {
			return text, set, ok
		}
	}
	if name == "0" {
		if fr := w.innermost(processFrame); fr != nil {
			return fr.file.Name, true, true
		}
		return w.cfg.Arg0, true, w.cfg.Arg0 != ""
	}
	if n, isPos := positional(name); isPos {
		args := w.args()
		if args == nil {
			return "", false, true
		}
		if n <= len(args) {
			a := args[n-1]
			return a.Text, true, a.Known && !a.Spread && !spreadBefore(args, n-1)
		}
		return "", false, !anySpread(args)
	}
	return w.environment(name, world)
}

// lookupAll resolves a variable that differs per world when no world is given: known only
// when every world of the walk agrees.
func (w *walker) lookupAll(name string, e env) (string, bool, bool) {
	return w.agreed(func(world int) (string, bool, bool) { return w.lookup(name, e, world) })
}

// environment resolves a variable the script did not assign on this path: from the world,
// when the world fixes it. A flag of the script's own (a variable it assigns elsewhere)
// that the environment is not expected to set ([Config.MaybeSet]) is taken as unset in a
// condition; a variable the script never assigns is the user's input, and unknown. On a
// command line both stay unknown, so that an argument is never dropped on an assumption.
func (w *walker) environment(name string, world int) (string, bool, bool) {
	if n := len(w.shells); n > 0 {
		// A new shell finds the environment as the command that started it left it.
		if world < 0 {
			return w.agreed(func(world int) (string, bool, bool) { return w.environment(name, world) })
		}
		text, set, ok, decided, from := w.startedWith(w.shells[n-1], name, world)
		if decided {
			return text, set, ok
		}
		name = from
	}
	if !w.expandingArgv && w.assigned[name] && w.cfg.MaybeSet != nil && !w.cfg.MaybeSet(name) {
		if _, fixed := w.worlds[max(world, 0)].Vars[name]; !fixed {
			return "", false, true
		}
	}
	if world < 0 {
		var first Var
		for i, wd := range w.worlds {
			v, ok := wd.Vars[name]
			if !ok || i > 0 && v != first {
				return "", false, false
			}
			first = v
		}
		return first.Value, first.Set, len(w.worlds) > 0
	}
	if v, ok := w.worlds[world].Vars[name]; ok {
		return v.Value, v.Set, true
	}
	return "", false, false
}

// startedWith resolves the variable name, which the new shell being walked did not
// assign, in a world, as sc, the command that started that shell, left it: sc's own
// command line (env -i, sudo and ssh drop it, a prefix assignment sets it), else the
// variables of the shell sc ran in where it ran (those exported, and for a variable the
// worlds fix, which that shell started with, any assignment), else the same of the command
// that started that shell, outwards. decided is false when none of them changes it; from
// is then the variable whose value in the hook's environment stands (K=$KAMAL_COMMAND
// copies KAMAL_COMMAND).
func (w *walker) startedWith(sc *Command, name string, world int) (text string, set, ok, decided bool, from string) {
	_, fixed := w.worlds[world].Vars[name]
	for x := sc; x != nil; x = x.shell {
		if v, changed := x.changeAt(name, world); changed {
			switch v.State {
			case EnvUnset, EnvCleared:
				return "", false, true, true, name
			case EnvSet:
				return v.Value, true, v.Known, true, name
			}
			return "", false, false, true, name
		}
		v, found := x.env.get(name)
		if !found {
			continue
		}
		if v, found = v.in(world); !found {
			return "", false, false, true, name
		}
		if !fixed && !v.exported {
			continue // a shell variable of the script's own: not passed on
		}
		if !x.reaches(v, name, world) {
			continue // assigned, not exported, in a shell that did not start with it
		}
		if text, set, ok, decided, name = w.readValue(v, name); decided {
			return text, set, ok, true, name
		}
		_, fixed = w.worlds[world].Vars[name] // a copy of that variable as the shell started with it
	}
	return "", false, false, false, name
}

// readValue reads v, the value a variable has in one world where it is read: decided is
// false when v leaves it to the environment, as the variable from (name itself when the
// path did not assign it, the variable it copies for K=$KAMAL_COMMAND).
func (w *walker) readValue(v value, name string) (text string, set, ok, decided bool, from string) {
	switch {
	case v.unsetByDefault:
		return "", false, false, false, name
	case v.unset:
		return "", false, true, true, name
	case v.maybe && !w.expandingArgv:
		return "", false, false, true, name
	case v.array != nil:
		if len(v.array) == 0 {
			return "", true, true, true, name
		}
		return v.array[0].Text, true, v.array[0].Known, true, name
	case v.known:
		return v.text, true, true, true, name
	case v.ref != "":
		return "", false, false, false, v.ref
	}
	return "", false, false, true, name
}

// perWorld returns the value of each world, as value gives it.
func (w *walker) perWorld(value func(world int) (string, bool, bool)) []worldValue {
	out := make([]worldValue, len(w.worlds))
	for i := range out {
		out[i].text, out[i].set, out[i].ok = value(i)
	}
	return out
}

// agreed returns the value every world gives, unknown when they differ.
func (w *walker) agreed(value func(world int) (string, bool, bool)) (string, bool, bool) {
	var text string
	var set bool
	for i := range w.worlds {
		t, s, ok := value(i)
		if !ok || i > 0 && (t != text || s != set) {
			return "", false, false
		}
		text, set = t, s
	}
	return text, set, len(w.worlds) > 0
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

func anySpread(fs []Field) bool { return spreadBefore(fs, len(fs)) }

func spreadBefore(fs []Field, i int) bool {
	for _, f := range fs[:i] {
		if f.Spread {
			return true
		}
	}
	return false
}

// lookupArray returns the elements of an array variable, or of a scalar as one element;
// ok is false when they are not known.
func (w *walker) lookupArray(name string, e env) ([]Field, bool) {
	v, found := e.get(name)
	if !found || v.alts != nil || v.maybe && !w.expandingArgv {
		return nil, false
	}
	switch {
	case v.array != nil:
		return v.array, true
	case v.unset:
		return nil, true
	case v.known:
		return []Field{{Text: v.text, Known: true, Pos: v.pos, End: v.pos}}, true
	}
	return nil, false
}
