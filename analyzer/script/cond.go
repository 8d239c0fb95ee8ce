package script

import (
	"regexp"
	"strings"

	"github.com/hooklint/hooklint/analyzer/shell"
)

// expr is a condition as far as the reader understands it: reads of environment
// variables, literals, comparisons and the boolean operators. Anything else is opUnknown,
// whose value is unknown in every world.
type expr struct {
	op   string // see eval
	a, b *expr
	name string // opEnv: the variable; opStr: the value
	list []string
	re   *regexp.Regexp
	def  *expr // opEnv: the default when the variable is unset (fetch("X", d), get("X", d))
}

// value is an expression's value in one world.
type value struct {
	kind byte // 'u' unknown, 's' string, 'n' nil/None, 'b' boolean, 'l' list, 'r' regexp
	s    string
	b    bool
	l    []string
}

var unknownValue = value{kind: 'u'}

// condParser parses the tokens [i, end) of a condition.
type condParser struct {
	w     *walker
	i     int
	end   int
	depth int
}

// parseCond parses tokens [a, b) as a condition.
func (w *walker) parseCond(a, b int) *expr {
	p := &condParser{w: w, i: a, end: b}
	e := p.or()
	if p.i < p.end {
		return &expr{op: "unknown"}
	}
	return e
}

func (p *condParser) t() *token {
	if p.i >= p.end {
		return &token{kind: tEOF}
	}
	return p.w.at(p.i)
}

func (p *condParser) accept(texts ...string) string {
	t := p.t()
	if t.kind != tOp && t.kind != tIdent {
		return ""
	}
	for _, x := range texts {
		if t.text == x {
			p.i++
			return x
		}
	}
	return ""
}

func (p *condParser) deep() bool {
	p.depth++
	p.w.steps++
	return p.depth > maxDepth || p.w.steps > maxSteps
}

func (p *condParser) or() *expr {
	if p.deep() {
		p.i = p.end
		return &expr{op: "unknown"}
	}
	defer func() { p.depth-- }()
	e := p.and()
	for p.i < p.end && p.accept("or", "||") != "" {
		e = &expr{op: "or", a: e, b: p.and()}
	}
	return e
}

func (p *condParser) and() *expr {
	e := p.not()
	for p.i < p.end && p.accept("and", "&&") != "" {
		e = &expr{op: "and", a: e, b: p.not()}
	}
	return e
}

func (p *condParser) not() *expr {
	if p.accept("not") != "" {
		if p.deep() {
			p.i = p.end
			return &expr{op: "unknown"}
		}
		defer func() { p.depth-- }()
		return &expr{op: "not", a: p.not()}
	}
	return p.compare()
}

func (p *condParser) compare() *expr {
	e := p.unary()
	for p.i < p.end {
		switch {
		case p.accept("==", "===") != "":
			e = &expr{op: "==", a: e, b: p.unary()}
		case p.accept("!=") != "":
			e = &expr{op: "not", a: &expr{op: "==", a: e, b: p.unary()}}
		case p.accept("=~") != "":
			e = &expr{op: "match", a: e, b: p.unary()}
		case p.accept("!~") != "":
			e = &expr{op: "not", a: &expr{op: "match", a: e, b: p.unary()}}
		case p.accept("in") != "":
			e = &expr{op: "in", a: e, b: p.unary()}
		case p.t().text == "not" && p.w.is(p.i+1, tIdent, "in") && p.i+1 < p.end:
			p.i += 2
			e = &expr{op: "not", a: &expr{op: "in", a: e, b: p.unary()}}
		case p.accept("is") != "":
			neg := p.accept("not") != ""
			e = &expr{op: "==", a: e, b: p.unary()}
			if neg {
				e = &expr{op: "not", a: e}
			}
		default:
			return e
		}
	}
	return e
}

func (p *condParser) unary() *expr {
	if p.accept("!") != "" {
		if p.deep() {
			p.i = p.end
			return &expr{op: "unknown"}
		}
		defer func() { p.depth-- }()
		return &expr{op: "not", a: p.unary()}
	}
	return p.postfix(p.primary())
}

// primary parses a literal, a read of the environment, a bracketed expression or a list;
// anything else is skipped as one unknown operand.
func (p *condParser) primary() *expr {
	t := p.t()
	switch t.kind {
	case tString:
		p.i++
		for p.t().kind == tString && p.w.lang == Python { // "a" "b"
			p.i++
		}
		if t.str != nil && t.str.known() && p.w.at(p.i-1) == t {
			return &expr{op: "str", name: string(t.str.val)}
		}
		return &expr{op: "unknown"}
	case tRegexp:
		p.i++
		if t.str != nil && t.str.known() {
			if re, err := regexp.Compile(rubyRegexp(string(t.str.val))); err == nil {
				return &expr{op: "re", re: re}
			}
		}
		return &expr{op: "unknown"}
	case tWords:
		p.i++
		var l []string
		for _, w := range t.words {
			if !w.known() {
				return &expr{op: "unknown"}
			}
			l = append(l, string(w.val))
		}
		return &expr{op: "list", list: l}
	case tOp:
		switch t.text {
		case "(", "[", "{":
			return p.group()
		}
	case tIdent:
		if e := p.envRead(); e != nil {
			return e
		}
		switch t.text {
		case "nil", "None":
			p.i++
			return &expr{op: "nil"}
		case "true", "True":
			p.i++
			return &expr{op: "true"}
		case "false", "False":
			p.i++
			return &expr{op: "false"}
		}
		if b, ok := p.w.binds[t.text]; ok && !p.w.is(p.i+1, tOp, "(") && !p.w.is(p.i+1, tOp, "=") {
			p.i++
			switch {
			case b.envVar != "":
				return &expr{op: "env", name: b.envVar}
			case b.lit != nil && b.lit.known():
				return &expr{op: "str", name: string(b.lit.val)}
			case b.list != nil:
				var l []string
				for _, f := range b.list {
					if !f.f.Known {
						return &expr{op: "unknown"}
					}
					l = append(l, f.f.Text)
				}
				return &expr{op: "list", list: l}
			}
			return &expr{op: "unknown"}
		}
	}
	p.skipOperand()
	return &expr{op: "unknown"}
}

// group parses (x), [a, b], (a, b) and {a, b}: a list when it has a comma or square
// brackets, else the expression inside.
func (p *condParser) group() *expr {
	open := p.t().text
	close := p.w.skipBalanced(p.i)
	if close > p.end {
		p.i = p.end
		return &expr{op: "unknown"}
	}
	inner := &condParser{w: p.w, i: p.i + 1, end: close - 1, depth: p.depth + 1}
	p.i = close
	var items []*expr
	comma := false
	for inner.i < inner.end {
		items = append(items, inner.or())
		if inner.accept(",") == "" {
			break
		}
		comma = true
	}
	if inner.i < inner.end {
		return &expr{op: "unknown"}
	}
	if open == "(" && !comma && len(items) == 1 {
		return items[0]
	}
	var l []string
	for _, it := range items {
		if it.op != "str" {
			return &expr{op: "unknown"}
		}
		l = append(l, it.name)
	}
	return &expr{op: "list", list: l}
}

// skipOperand skips one operand: a name with its calls, indexes and method chain.
func (p *condParser) skipOperand() {
	if p.i >= p.end {
		return
	}
	p.i++
	for p.i < p.end {
		t := p.t()
		switch {
		case t.kind == tOp && (t.text == "(" || t.text == "[") && !t.space:
			p.i = min(p.w.skipBalanced(p.i), p.end)
		case t.kind == tOp && (t.text == "." || t.text == "&." || t.text == "::"):
			p.i += 2
		default:
			return
		}
	}
}

// envRead parses a read of an environment variable: ENV["X"], ENV.fetch("X"[, d]),
// os.environ["X"], os.environ.get("X"[, d]), os.getenv("X"[, d]), environ.get(...).
func (p *condParser) envRead() *expr {
	w, i := p.w, p.i
	var kind string // "index" or "call"
	switch {
	case w.lang == Ruby && w.is(i, tIdent, "ENV"):
		i++
		if w.is(i, tOp, "[") {
			kind = "index"
		} else if w.is(i, tOp, ".") && w.is(i+1, tIdent, "fetch") && w.is(i+2, tOp, "(") {
			i += 2
			kind = "call"
		}
	case w.lang == Python:
		name, j := w.dotted(i)
		switch w.resolve(name) {
		case "os.environ":
			if w.is(j, tOp, "[") {
				i, kind = j, "index"
			} else if w.is(j, tOp, ".") && w.is(j+1, tIdent, "get") && w.is(j+2, tOp, "(") {
				i, kind = j+2, "call"
			}
		case "os.environ.get", "os.getenv":
			if w.is(j, tOp, "(") {
				i, kind = j, "call"
			}
		}
	}
	if kind == "" {
		return nil
	}
	close := w.skipBalanced(i)
	if close > p.end {
		return nil
	}
	args := w.splitArgs(i+1, close-1)
	if len(args) == 0 || len(args) > 2 {
		return nil
	}
	name := w.at(args[0].s)
	if name.kind != tString || args[0].e != args[0].s+1 || !name.str.known() {
		return nil
	}
	e := &expr{op: "env", name: string(name.str.val)}
	if len(args) == 2 {
		e.def = (&condParser{w: w, i: args[1].s, end: args[1].e, depth: p.depth + 1}).or()
	}
	p.i = close
	if w.lang == Ruby && kind == "call" && w.is(close, tOp, "{") {
		p.i = min(w.skipBalanced(close), p.end) // fetch("X") { default }: unknown default
		e.def = &expr{op: "unknown"}
	}
	return e
}

// postfix applies method calls: .include?(x), .to_s, .strip, .nil?, .empty?,
// .start_with?(s), .startswith(s), .match?(re), .lower(); any other makes the value
// unknown.
func (p *condParser) postfix(e *expr) *expr {
	for p.i < p.end && (p.t().text == "." || p.t().text == "&.") && p.t().kind == tOp {
		p.i++
		m := p.t()
		if m.kind != tIdent {
			return &expr{op: "unknown"}
		}
		p.i++
		var arg *expr
		if p.i < p.end && p.t().kind == tOp && p.t().text == "(" && !p.t().space {
			close := p.w.skipBalanced(p.i)
			if close > p.end {
				p.i = p.end
				return &expr{op: "unknown"}
			}
			arg = (&condParser{w: p.w, i: p.i + 1, end: close - 1, depth: p.depth + 1}).or()
			p.i = close
		}
		switch m.text {
		case "to_s", "to_str", "strip", "chomp", "lower", "downcase", "freeze":
			e = &expr{op: "str?", a: e}
		case "nil?":
			e = &expr{op: "==", a: e, b: &expr{op: "nil"}}
		case "empty?":
			e = &expr{op: "==", a: &expr{op: "str?", a: e}, b: &expr{op: "str"}}
		case "include?", "member?", "__contains__":
			if arg == nil {
				return &expr{op: "unknown"}
			}
			e = &expr{op: "in", a: arg, b: e}
		case "start_with?", "startswith":
			if arg == nil {
				return &expr{op: "unknown"}
			}
			e = &expr{op: "prefix", a: e, b: arg}
		case "match?", "match":
			if arg == nil {
				return &expr{op: "unknown"}
			}
			e = &expr{op: "match", a: e, b: arg}
		default:
			e = &expr{op: "unknown"}
		}
	}
	return e
}

// rubyRegexp rewrites the Ruby anchors Go spells differently.
func rubyRegexp(s string) string {
	return strings.NewReplacer(`\Z`, `\z`, `\h`, `[0-9a-fA-F]`).Replace(s)
}

// eval returns the value of e in world i.
func (w *walker) eval(e *expr, i int) value {
	switch e.op {
	case "str":
		return value{kind: 's', s: e.name}
	case "nil":
		return value{kind: 'n'}
	case "true", "false":
		return value{kind: 'b', b: e.op == "true"}
	case "list":
		return value{kind: 'l', l: e.list}
	case "re":
		return value{kind: 'r'}
	case "env":
		v, ok := w.worlds[i].Vars[e.name]
		if !ok {
			return unknownValue
		}
		if v.Set {
			return value{kind: 's', s: v.Value}
		}
		if e.def != nil {
			return w.eval(e.def, i)
		}
		return value{kind: 'n'}
	case "str?":
		v := w.eval(e.a, i)
		if v.kind == 'n' {
			return value{kind: 's'}
		}
		return v
	case "not":
		t := w.truth(w.eval(e.a, i))
		if t == shell.Unknown {
			return unknownValue
		}
		return value{kind: 'b', b: t == shell.False}
	case "and", "or":
		a := w.eval(e.a, i)
		t := w.truth(a)
		switch {
		case t == shell.Unknown:
			return unknownValue
		case (t == shell.True) == (e.op == "or"):
			return a
		}
		return w.eval(e.b, i)
	case "==", "in", "prefix", "match":
		a, b := w.eval(e.a, i), w.eval(e.b, i)
		if a.kind == 'u' || b.kind == 'u' {
			return unknownValue
		}
		return value{kind: 'b', b: compare(e.op, a, b, e.b)}
	}
	return unknownValue
}

func compare(op string, a, b value, be *expr) bool {
	switch op {
	case "==":
		return a.kind == b.kind && a.s == b.s && a.b == b.b && strings.Join(a.l, "\x00") == strings.Join(b.l, "\x00") && len(a.l) == len(b.l)
	case "in":
		switch b.kind {
		case 'l':
			return a.kind == 's' && contains(b.l, a.s)
		case 's':
			return a.kind == 's' && strings.Contains(b.s, a.s)
		}
	case "prefix":
		return a.kind == 's' && b.kind == 's' && strings.HasPrefix(a.s, b.s)
	case "match":
		if be.op == "re" && a.kind == 's' {
			return be.re.MatchString(a.s)
		}
	}
	return false
}

// truth is a value's truth in the hook's language.
func (w *walker) truth(v value) shell.Tri {
	switch v.kind {
	case 'u':
		return shell.Unknown
	case 'n':
		return shell.False
	case 'b':
		return triOf(v.b)
	case 's':
		return triOf(w.lang == Ruby || v.s != "")
	case 'l':
		return triOf(w.lang == Ruby || len(v.l) > 0)
	case 'r':
		return shell.True
	}
	return shell.Unknown
}

func triOf(b bool) shell.Tri {
	if b {
		return shell.True
	}
	return shell.False
}

// split returns the worlds of in where a condition is surely true, and where it is
// surely false; in the others it is unknown.
func (w *walker) split(e *expr, in shell.Worlds) (yes, no shell.Worlds) {
	in.Each(func(i int) {
		switch w.truth(w.eval(e, i)) {
		case shell.True:
			yes |= 1 << i
		case shell.False:
			no |= 1 << i
		}
	})
	return yes, no
}
