package script

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pyLexer splits Python source into tokens, with the indentation as tIndent and tDedent
// tokens as Python's own tokenizer makes them. It knows comments, line continuations,
// brackets that join lines, and every string form: ' " ”' """ with r, b, u and f prefixes,
// and f-string replacement fields as holes.
type pyLexer struct {
	src     []byte
	i       int
	toks    []token
	paren   int
	indents []int
	atLine  bool
	space   bool
	nest    int
}

// lexPython returns the tokens of a Python file, ending with tEOF.
func lexPython(src []byte) []token {
	lx := &pyLexer{src: src, indents: []int{0}, atLine: true, space: true}
	lx.run()
	lx.endLine(len(src))
	for len(lx.indents) > 1 {
		lx.indents = lx.indents[:len(lx.indents)-1]
		lx.emit(token{kind: tDedent, pos: len(src), end: len(src)})
	}
	lx.emit(token{kind: tEOF, pos: len(src), end: len(src)})
	return lx.toks
}

func (lx *pyLexer) emit(t token) {
	t.space = lx.space
	lx.space = false
	lx.toks = append(lx.toks, t)
}

func (lx *pyLexer) peek(k int) byte {
	if lx.i+k < len(lx.src) {
		return lx.src[lx.i+k]
	}
	return 0
}

func (lx *pyLexer) endLine(at int) {
	if n := len(lx.toks); n > 0 && lx.toks[n-1].kind != tNewline && lx.toks[n-1].kind != tIndent && lx.toks[n-1].kind != tDedent {
		lx.emit(token{kind: tNewline, pos: at, end: min(at+1, len(lx.src))})
	}
}

func (lx *pyLexer) run() {
	for lx.i < len(lx.src) {
		if lx.atLine && lx.paren == 0 {
			lx.indentation()
			continue
		}
		c := lx.src[lx.i]
		switch {
		case c == '\n':
			if lx.paren == 0 {
				lx.endLine(lx.i)
				lx.atLine = true
			}
			lx.i++
			lx.space = true
		case isSpace(c):
			lx.i++
			lx.space = true
		case c == '\\' && (lx.peek(1) == '\n' || lx.peek(1) == '\r' && lx.peek(2) == '\n'):
			lx.i += 2
			if lx.src[lx.i-1] == '\r' {
				lx.i++
			}
			lx.space = true
		case c == '#':
			for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
				lx.i++
			}
		case c == '"' || c == '\'':
			lx.string(lx.i, "")
		case isIdentStart(c):
			lx.ident()
		case c >= '0' && c <= '9' || c == '.' && lx.peek(1) >= '0' && lx.peek(1) <= '9':
			start := lx.i
			for lx.i < len(lx.src) && (isIdent(lx.src[lx.i]) || lx.src[lx.i] == '.') {
				lx.i++
			}
			lx.emit(token{kind: tNumber, text: string(lx.src[start:lx.i]), pos: start, end: lx.i})
		default:
			lx.op()
		}
	}
}

// indentation measures a line's indentation and emits the tokens for its change. Blank and
// comment-only lines do not count, as in Python.
func (lx *pyLexer) indentation() {
	width, j := 0, lx.i
	for j < len(lx.src) && (lx.src[j] == ' ' || lx.src[j] == '\t' || lx.src[j] == '\f') {
		if lx.src[j] == '\t' {
			width = width/8*8 + 8
		} else if lx.src[j] == ' ' {
			width++
		}
		j++
	}
	if j >= len(lx.src) || lx.src[j] == '\n' || lx.src[j] == '#' || lx.src[j] == '\r' && j+1 < len(lx.src) && lx.src[j+1] == '\n' {
		for j < len(lx.src) && lx.src[j] != '\n' {
			j++
		}
		if j < len(lx.src) {
			j++
		}
		lx.i = j
		return
	}
	lx.i, lx.atLine, lx.space = j, false, true
	top := lx.indents[len(lx.indents)-1]
	switch {
	case width > top:
		if len(lx.indents) < 1000 {
			lx.indents = append(lx.indents, width)
			lx.emit(token{kind: tIndent, pos: j, end: j})
		}
	case width < top:
		for len(lx.indents) > 1 && lx.indents[len(lx.indents)-1] > width {
			lx.indents = lx.indents[:len(lx.indents)-1]
			lx.emit(token{kind: tDedent, pos: j, end: j})
		}
	}
}

func (lx *pyLexer) ident() {
	start := lx.i
	for lx.i < len(lx.src) && isIdent(lx.src[lx.i]) {
		lx.i++
	}
	name := lx.src[start:lx.i]
	if q := lx.peek(0); (q == '"' || q == '\'') && len(name) <= 2 && isStringPrefix(string(name)) {
		lx.string(start, strings.ToLower(string(name)))
		return
	}
	lx.emit(token{kind: tIdent, text: string(name), pos: start, end: lx.i})
}

func isStringPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "r", "b", "u", "f", "rb", "br", "fr", "rf", "t", "tr", "rt":
		return true
	}
	return false
}

// string reads a string literal whose prefix starts at start and whose quote is at lx.i.
func (lx *pyLexer) string(start int, prefix string) {
	q := lx.src[lx.i]
	triple := lx.peek(1) == q && lx.peek(2) == q
	if triple {
		lx.i += 3
	} else {
		lx.i++
	}
	raw := strings.Contains(prefix, "r")
	fstr := strings.Contains(prefix, "f") || strings.Contains(prefix, "t")
	s := &strLit{pos: lx.i}
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		if c == q && (!triple || lx.peek(1) == q && lx.peek(2) == q) {
			s.end = lx.i
			if triple {
				lx.i += 3
			} else {
				lx.i++
			}
			lx.emit(token{kind: tString, text: string(lx.src[start:lx.i]), pos: start, end: lx.i, str: s})
			return
		}
		if c == '\n' && !triple {
			break // unterminated: Python stops at the end of the line
		}
		if c == '\\' && lx.i+1 < len(lx.src) {
			lx.escape(s, raw)
			continue
		}
		if fstr && (c == '{' || c == '}') {
			if lx.peek(1) == c {
				s.add(c, lx.i)
				lx.i += 2
				continue
			}
			if c == '{' {
				lx.field(s)
				continue
			}
		}
		s.add(c, lx.i)
		lx.i++
	}
	s.end = lx.i
	lx.emit(token{kind: tString, text: string(lx.src[start:lx.i]), pos: start, end: lx.i, str: s})
}

func (lx *pyLexer) escape(s *strLit, raw bool) {
	at := lx.i
	n := lx.src[lx.i+1]
	lx.i += 2
	if raw {
		// A raw string keeps its backslashes; the backslash still protects the quote.
		s.add('\\', at)
		s.add(n, at+1)
		return
	}
	switch n {
	case '\n':
	case 'n':
		s.add('\n', at)
	case 't':
		s.add('\t', at)
	case 'r':
		s.add('\r', at)
	case 'a':
		s.add(7, at)
	case 'b':
		s.add(8, at)
	case 'f':
		s.add('\f', at)
	case 'v':
		s.add('\v', at)
	case '\\', '\'', '"':
		s.add(n, at)
	case 'x':
		v, k := hexDigits(lx.src[lx.i:], 2)
		lx.i += k
		s.add(byte(v), at)
	case 'u', 'U':
		size := 4
		if n == 'U' {
			size = 8
		}
		v, k := hexDigits(lx.src[lx.i:], size)
		lx.i += k
		s.addString(string(rune(v)), at)
	case 'N':
		if lx.peek(0) == '{' {
			if end := bytes.IndexByte(lx.src[lx.i:min(lx.i+100, len(lx.src))], '}'); end >= 0 {
				lx.i += end + 1
			}
		}
		s.addString("\uFFFD", at)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		j := lx.i - 1
		k := j
		for k < len(lx.src) && k-j < 3 && lx.src[k] >= '0' && lx.src[k] <= '7' {
			k++
		}
		v, _ := strconv.ParseUint(string(lx.src[j:k]), 8, 16)
		lx.i = k
		s.add(byte(v), at)
	case '\r':
		if lx.peek(0) == '\n' {
			lx.i++
		}
	default:
		s.add('\\', at)
		s.add(n, at+1)
	}
}

// field skips an f-string replacement field {expr!r:spec} and records it as a hole.
// Brackets and strings inside it nest.
func (lx *pyLexer) field(s *strLit) {
	h := hole{at: len(s.val), pos: lx.i}
	lx.i++
	depth := 0
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		switch {
		case c == '{' || c == '(' || c == '[':
			depth++
		case (c == '}' || c == ')' || c == ']') && depth > 0:
			depth--
		case c == '}':
			lx.i++
			h.end = lx.i
			s.holes = append(s.holes, h)
			return
		case (c == '"' || c == '\'') && lx.nest < maxNest:
			sub := &pyLexer{src: lx.src, i: lx.i, nest: lx.nest + 1}
			sub.string(lx.i, "")
			lx.i = sub.i
			continue
		case c == '\n' && depth == 0 && lx.nest >= maxNest:
			h.end = lx.i
			s.holes = append(s.holes, h)
			return
		}
		lx.i++
	}
	h.end = lx.i
	s.holes = append(s.holes, h)
}

var pyOps = []string{
	"**=", "//=", ">>=", "<<=", "...", "==", "!=", "<=", ">=", "**", "//", "->", ":=",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>",
}

func (lx *pyLexer) op() {
	start := lx.i
	for _, o := range pyOps {
		if bytes.HasPrefix(lx.src[lx.i:], []byte(o)) {
			lx.i += len(o)
			lx.emit(token{kind: tOp, text: o, pos: start, end: lx.i})
			return
		}
	}
	c := lx.src[lx.i]
	_, size := utf8.DecodeRune(lx.src[lx.i:])
	lx.i += max(size, 1)
	switch c {
	case '(', '[', '{':
		lx.paren++
	case ')', ']', '}':
		if lx.paren > 0 {
			lx.paren--
		}
	}
	lx.emit(token{kind: tOp, text: string(lx.src[start:lx.i]), pos: start, end: lx.i})
}
