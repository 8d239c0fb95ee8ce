package shell

import (
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// This file evaluates the conditions of test, [ and [[ in one world, on the values the
// walk knows (the worlds' variables, assigned literals). Anything else is Unknown.

// testArgs evaluates the arguments of test/[ with the usual precedence: ! binds tightest,
// then -a, then -o; parentheses group.
func (w *walker) testArgs(args []*syntax.Word, e env, world int) Tri {
	p := &testParser{w: w, args: args, e: e, world: world}
	t := p.or()
	if p.i != len(args) {
		return Unknown // not an expression we understand
	}
	return t
}

type testParser struct {
	w     *walker
	args  []*syntax.Word
	i     int
	e     env
	world int
}

func (p *testParser) peek() string {
	if p.i < len(p.args) {
		return p.args[p.i].Lit()
	}
	return ""
}

func (p *testParser) or() Tri {
	t := p.and()
	for p.peek() == "-o" {
		p.i++
		u := p.and()
		t = triOr(t, u)
	}
	return t
}

func (p *testParser) and() Tri {
	t := p.not()
	for p.peek() == "-a" {
		p.i++
		u := p.not()
		t = triAnd(t, u)
	}
	return t
}

func (p *testParser) not() Tri {
	if p.peek() == "!" && p.i+1 < len(p.args) {
		p.i++
		return p.not().Not()
	}
	return p.primary()
}

func (p *testParser) primary() Tri {
	if p.i >= len(p.args) {
		return Unknown
	}
	if p.peek() == "(" {
		p.i++
		t := p.or()
		if p.peek() != ")" {
			p.i = len(p.args) + 1
			return Unknown
		}
		p.i++
		return t
	}
	// Binary operators.
	if p.i+2 < len(p.args)+1 && p.i+1 < len(p.args) {
		switch op := p.args[p.i+1].Lit(); op {
		case "=", "==", "!=":
			if p.i+2 >= len(p.args) {
				break
			}
			l, lok := p.w.wordValue(p.args[p.i], p.e, p.world, false)
			r, rok := p.w.wordValue(p.args[p.i+2], p.e, p.world, false)
			p.i += 3
			if !lok || !rok {
				return Unknown
			}
			return triOf((l == r) == (op != "!="))
		case "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "=~", "<", ">":
			if p.i+2 < len(p.args) {
				p.i += 3
				return Unknown
			}
		}
	}
	// Unary operators.
	switch op := p.peek(); op {
	case "-n", "-z":
		if p.i+1 < len(p.args) {
			v, ok := p.w.wordValue(p.args[p.i+1], p.e, p.world, false)
			p.i += 2
			if !ok {
				return Unknown
			}
			return triOf((v != "") == (op == "-n"))
		}
	default:
		if len(op) == 2 && op[0] == '-' && p.i+1 < len(p.args) {
			p.i += 2
			return Unknown // file tests and the like
		}
	}
	v, ok := p.w.wordValue(p.args[p.i], p.e, p.world, false)
	p.i++
	if !ok {
		return Unknown
	}
	return triOf(v != "")
}

// testExpr evaluates a bash [[ ]] expression.
func (w *walker) testExpr(x syntax.TestExpr, e env, world int) Tri {
	switch x := x.(type) {
	case *syntax.BinaryTest:
		switch x.Op {
		case syntax.AndTest:
			return triAnd(w.testExpr(x.X, e, world), w.testExpr(x.Y, e, world))
		case syntax.OrTest:
			return triOr(w.testExpr(x.X, e, world), w.testExpr(x.Y, e, world))
		case syntax.TsReMatch:
			l, lw := x.X.(*syntax.Word)
			r, rw := x.Y.(*syntax.Word)
			if !lw || !rw {
				return Unknown
			}
			return w.regexMatch(l, r, e, world)
		case syntax.TsMatch, syntax.TsMatchShort, syntax.TsNoMatch:
			l, lw := x.X.(*syntax.Word)
			r, rw := x.Y.(*syntax.Word)
			if !lw || !rw {
				return Unknown
			}
			m := w.matchWords(l, r, e, world)
			if x.Op == syntax.TsNoMatch {
				m = m.Not()
			}
			return m
		}
	case *syntax.UnaryTest:
		switch x.Op {
		case syntax.TsNot:
			return w.testExpr(x.X, e, world).Not()
		case syntax.TsEmpStr, syntax.TsNempStr:
			word, ok := x.X.(*syntax.Word)
			if !ok {
				return Unknown
			}
			v, known := w.wordValue(word, e, world, false)
			if !known {
				return Unknown
			}
			return triOf((v == "") == (x.Op == syntax.TsEmpStr))
		}
	case *syntax.ParenTest:
		return w.testExpr(x.X, e, world)
	case *syntax.Word:
		v, ok := w.wordValue(x, e, world, false)
		if !ok {
			return Unknown
		}
		return triOf(v != "")
	}
	return Unknown
}

// matchWords matches a subject word against a glob pattern word, quoted parts of the
// pattern matching literally.
func (w *walker) matchWords(subject, pat *syntax.Word, e env, world int) Tri {
	s, ok := w.wordValue(subject, e, world, false)
	if !ok {
		return Unknown
	}
	p, ok := w.wordValue(pat, e, world, true)
	if !ok {
		return Unknown
	}
	if !strings.ContainsAny(p, `*?[\`) {
		return triOf(s == p) // most patterns are words: setup, deploy
	}
	re, ok := w.globs[p]
	if !ok {
		if expr, err := pattern.Regexp(p, pattern.EntireString); err == nil {
			re, _ = regexp.Compile(expr)
		}
		if w.globs == nil {
			w.globs = map[string]*regexp.Regexp{}
		}
		w.globs[p] = re
	}
	if re == nil {
		return Unknown
	}
	return triOf(re.MatchString(s))
}

// regexMatch evaluates [[ subject =~ regex ]]: unquoted parts of the right side are an
// extended regular expression, quoted parts match literally. Go's RE2 agrees with POSIX ERE
// on the patterns guards use (anchors, groups, alternation).
func (w *walker) regexMatch(subject, re *syntax.Word, e env, world int) Tri {
	s, ok := w.wordValue(subject, e, world, false)
	if !ok {
		return Unknown
	}
	var expr strings.Builder
	for _, p := range re.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			expr.WriteString(p.Value)
		default:
			v, ok := w.wordValue(&syntax.Word{Parts: []syntax.WordPart{p}}, e, world, false)
			if !ok {
				return Unknown
			}
			expr.WriteString(regexp.QuoteMeta(v))
		}
	}
	compiled, err := regexp.Compile(expr.String())
	if err != nil {
		return Unknown
	}
	return triOf(compiled.MatchString(s))
}
