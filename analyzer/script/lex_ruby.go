package script

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// rubyLexer splits Ruby source into tokens. It knows what hides code from a reader of
// commands (comments, =begin blocks, __END__, every string form with its escapes and
// interpolation, heredocs, regexps, %-literals) and no more: it never decides what the code
// means.
type rubyLexer struct {
	src     []byte
	i       int
	toks    []token
	pending []int // indices of heredoc tokens whose bodies start on the next line
	heredoc map[int]heredocSpec
	paren   int  // open ( and [: a newline inside them does not end a statement
	nest    int  // depth of interpolation
	inBrace bool // lexing an interpolation: stop at its closing brace
	regex   bool // reading a regexp: escapes stay as written
	braces  int
	space   bool
}

type heredocSpec struct {
	id             string
	squiggly, dash bool
	raw            bool
}

// lexRuby returns the tokens of a Ruby file, ending with tEOF.
func lexRuby(src []byte) []token {
	lx := &rubyLexer{src: src, heredoc: map[int]heredocSpec{}, space: true}
	lx.run()
	lx.emit(token{kind: tNewline, pos: len(src), end: len(src)})
	lx.emit(token{kind: tEOF, pos: len(src), end: len(src)})
	return lx.toks
}

// rubyKeywords are the reserved words that never end a value.
var rubyKeywords = map[string]bool{
	"if": true, "unless": true, "while": true, "until": true, "and": true, "or": true, "not": true,
	"then": true, "else": true, "elsif": true, "when": true, "case": true, "do": true, "begin": true,
	"rescue": true, "ensure": true, "return": true, "def": true, "class": true, "module": true,
	"in": true, "for": true, "yield": true, "break": true, "next": true, "redo": true, "retry": true,
	"alias": true, "undef": true, "super": true, "defined?": true,
}

func (lx *rubyLexer) emit(t token) {
	t.space = lx.space
	lx.space = false
	lx.toks = append(lx.toks, t)
}

func (lx *rubyLexer) last() *token {
	if len(lx.toks) == 0 {
		return nil
	}
	return &lx.toks[len(lx.toks)-1]
}

// valueEnd reports whether the last token ends a value, after which `/`, `%`, `<<` and `?`
// are operators rather than the start of a literal.
func (lx *rubyLexer) valueEnd() bool {
	t := lx.last()
	if t == nil {
		return false
	}
	switch t.kind {
	case tIdent:
		return !rubyKeywords[t.text]
	case tNumber, tString, tCommand, tWords, tRegexp, tSymbol:
		return true
	case tOp:
		return t.text == ")" || t.text == "]" || t.text == "}"
	}
	return false
}

// argStart reports whether a literal may start here after a method name: `puts %x(ls)`,
// `puts /x/`: a name, a space, and no space after the character.
func (lx *rubyLexer) argStart() bool {
	t := lx.last()
	return t != nil && t.kind == tIdent && lx.space && lx.i+1 < len(lx.src) && !isSpace(lx.src[lx.i+1]) && lx.src[lx.i+1] != '='
}

func (lx *rubyLexer) literalHere() bool { return !lx.valueEnd() || lx.argStart() }

func (lx *rubyLexer) atLineStart() bool { return lx.i == 0 || lx.src[lx.i-1] == '\n' }

func (lx *rubyLexer) peek(k int) byte {
	if lx.i+k < len(lx.src) {
		return lx.src[lx.i+k]
	}
	return 0
}

func (lx *rubyLexer) run() {
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		switch {
		case c == '\n':
			lx.newline()
		case isSpace(c):
			lx.i++
			lx.space = true
		case c == '\\' && lx.peek(1) == '\n':
			lx.i += 2
			lx.space = true
		case c == '\\' && lx.peek(1) == '\r' && lx.peek(2) == '\n':
			lx.i += 3
			lx.space = true
		case c == '#':
			lx.skipLine()
		case lx.atLineStart() && bytes.HasPrefix(lx.src[lx.i:], []byte("=begin")):
			lx.skipBlockComment()
		case lx.atLineStart() && isEndMarker(lx.src[lx.i:]):
			lx.i = len(lx.src)
		case isIdentStart(c) || c == '@' || c == '$':
			lx.ident()
		case c >= '0' && c <= '9':
			lx.number()
		case c == '"' || c == '`':
			lx.quoted(c, c, 0, true)
		case c == '\'':
			lx.quoted(c, c, 0, false)
		case c == '%' && lx.literalHere() && lx.percent():
		case c == '/' && lx.literalHere():
			lx.regexp()
		case c == '?' && !lx.valueEnd() && lx.charLiteral():
		case c == '<' && lx.peek(1) == '<' && lx.heredocStart():
		case c == ':' && lx.symbol():
		case c == '}' && lx.inBrace && lx.braces == 0:
			return
		default:
			lx.op()
		}
	}
}

func isEndMarker(b []byte) bool {
	rest, ok := bytes.CutPrefix(b, []byte("__END__"))
	return ok && (len(rest) == 0 || rest[0] == '\n' || rest[0] == '\r')
}

func (lx *rubyLexer) skipLine() {
	for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
		lx.i++
	}
}

func (lx *rubyLexer) skipBlockComment() {
	for lx.i < len(lx.src) {
		lx.skipLine()
		if lx.i < len(lx.src) {
			lx.i++
		}
		if bytes.HasPrefix(lx.src[lx.i:], []byte("=end")) {
			lx.skipLine()
			return
		}
	}
}

// newline ends a logical line unless an operator, an open bracket or a leading `.` on the
// next line continues it, then reads the bodies of the heredocs opened on the line.
func (lx *rubyLexer) newline() {
	nl := lx.i
	lx.i++
	if len(lx.pending) > 0 {
		lx.heredocBodies()
	}
	lx.space = true
	if lx.paren > 0 || lx.continues() || lx.leadingDot() {
		return
	}
	if t := lx.last(); t != nil && t.kind != tNewline {
		lx.emit(token{kind: tNewline, pos: nl, end: nl + 1})
	}
}

var continuationOps = map[string]bool{
	",": true, "(": true, "[": true, "{": true, "||": true, "&&": true, ".": true, "&.": true,
	"=": true, "+": true, "-": true, "*": true, "/": true, "%": true, "**": true, "==": true,
	"!=": true, "<": true, ">": true, "<=": true, ">=": true, "=>": true, "->": true, "+=": true,
	"-=": true, "||=": true, "&&=": true, "<<": true, ">>": true, "!": true, "?": true, ":": true,
	"::": true, "=~": true, "!~": true, "<=>": true, "===": true,
}

func (lx *rubyLexer) continues() bool {
	t := lx.last()
	if t == nil {
		return false
	}
	if t.kind == tOp {
		return continuationOps[t.text]
	}
	return t.kind == tIdent && (t.text == "and" || t.text == "or" || t.text == "not")
}

// leadingDot reports whether the next line starts with `.method` or `&.method`.
func (lx *rubyLexer) leadingDot() bool {
	j := lx.i
	for j < len(lx.src) && isSpace(lx.src[j]) {
		j++
	}
	if j+1 < len(lx.src) && lx.src[j] == '&' && lx.src[j+1] == '.' {
		return true
	}
	return j+1 < len(lx.src) && lx.src[j] == '.' && lx.src[j+1] != '.'
}

func (lx *rubyLexer) ident() {
	start := lx.i
	switch lx.src[lx.i] {
	case '@':
		for lx.i < len(lx.src) && lx.src[lx.i] == '@' && lx.i-start < 2 {
			lx.i++
		}
	case '$':
		lx.i++
		if lx.i < len(lx.src) && !isIdentStart(lx.src[lx.i]) {
			lx.i++ // $?, $!, $0, $~
			lx.emit(token{kind: tIdent, text: string(lx.src[start:lx.i]), pos: start, end: lx.i})
			return
		}
	}
	for lx.i < len(lx.src) && isIdent(lx.src[lx.i]) {
		lx.i++
	}
	if c := lx.peek(0); (c == '?' || c == '!') && lx.peek(1) != '=' && lx.i > start && isIdentStart(lx.src[start]) {
		if c == '!' || !isIdent(lx.peek(1)) && lx.peek(1) != '"' && lx.peek(1) != '\'' {
			lx.i++
		}
	}
	text := string(lx.src[start:lx.i])
	if lx.peek(0) == ':' && lx.peek(1) != ':' && isIdentStart(lx.src[start]) && !rubyKeywords[text] {
		prev := lx.last()
		if prev == nil || prev.kind != tOp || prev.text != "?" {
			lx.i++
			lx.emit(token{kind: tLabel, text: text, pos: start, end: lx.i})
			return
		}
	}
	lx.emit(token{kind: tIdent, text: text, pos: start, end: lx.i})
}

func (lx *rubyLexer) number() {
	start := lx.i
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		if isIdent(c) || c == '.' && lx.i+1 < len(lx.src) && lx.src[lx.i+1] >= '0' && lx.src[lx.i+1] <= '9' {
			lx.i++
			continue
		}
		break
	}
	lx.emit(token{kind: tNumber, text: string(lx.src[start:lx.i]), pos: start, end: lx.i})
}

// quoted reads a literal from its opening delimiter at lx.i. open is the delimiter that
// nests (the opening bracket of %Q(...)), or 0.
func (lx *rubyLexer) quoted(openAt, close, open byte, interp bool) {
	start := lx.i
	lx.i++
	s := lx.body(close, open, interp, len(lx.src))
	k := tString
	if openAt == '`' {
		k = tCommand
	}
	lx.emit(token{kind: k, text: string(lx.src[start:lx.i]), pos: start, end: lx.i, str: s})
}

// body reads a literal's content up to its closing delimiter (close 0: up to limit) and
// leaves lx.i after it. interp selects double-quote rules (escapes, #{...}); otherwise only
// \\ and an escaped delimiter are escapes. An unterminated literal runs to the limit.
func (lx *rubyLexer) body(close, open byte, interp bool, limit int) *strLit {
	s := &strLit{pos: lx.i}
	depth := 0
	for lx.i < limit {
		c := lx.src[lx.i]
		switch {
		case c == close && depth == 0 && close != 0:
			s.end = lx.i
			lx.i++
			return s
		case c == close && close != 0:
			depth--
		case c == open && open != 0:
			depth++
		case c == '\\' && lx.i+1 < limit:
			lx.escape(s, close, open, interp)
			continue
		case c == '#' && interp && lx.i+1 < limit && lx.src[lx.i+1] == '{':
			lx.interpolation(s)
			continue
		case c == '#' && interp && lx.i+1 < limit && (lx.src[lx.i+1] == '@' || lx.src[lx.i+1] == '$'):
			h := hole{at: len(s.val), pos: lx.i}
			lx.i += 2
			for lx.i < limit && (isIdent(lx.src[lx.i]) || lx.src[lx.i] == '@') {
				lx.i++
			}
			h.end = lx.i
			s.holes = append(s.holes, h)
			continue
		}
		s.add(c, lx.i)
		lx.i++
	}
	s.end = lx.i
	return s
}

// escape reads a backslash escape into s.
func (lx *rubyLexer) escape(s *strLit, close, open byte, interp bool) {
	at := lx.i
	n := lx.src[lx.i+1]
	if lx.regex {
		if n != close || close == 0 {
			s.add('\\', at)
		}
		s.add(n, at+1)
		lx.i += 2
		return
	}
	if !interp {
		if n == '\\' || n == close && close != 0 || n == open && open != 0 {
			s.add(n, at)
			lx.i += 2
			return
		}
		s.add('\\', at)
		lx.i++
		return
	}
	lx.i += 2
	switch n {
	case 'n':
		s.add('\n', at)
	case 't':
		s.add('\t', at)
	case 's':
		s.add(' ', at)
	case 'r':
		s.add('\r', at)
	case 'e':
		s.add(0x1b, at)
	case 'a':
		s.add(7, at)
	case 'b':
		s.add(8, at)
	case 'f':
		s.add('\f', at)
	case 'v':
		s.add('\v', at)
	case '\n':
		// a continued line: nothing
	case 'u':
		lx.unicode(s, at)
	case 'x':
		v, k := hexDigits(lx.src[lx.i:], 2)
		lx.i += k
		s.add(byte(v), at)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		lx.i--
		j := lx.i
		for j < len(lx.src) && j-lx.i < 3 && lx.src[j] >= '0' && lx.src[j] <= '7' {
			j++
		}
		v, _ := strconv.ParseUint(string(lx.src[lx.i:j]), 8, 8)
		lx.i = j
		s.add(byte(v), at)
	default:
		s.add(n, at)
	}
}

func (lx *rubyLexer) unicode(s *strLit, at int) {
	if lx.peek(0) == '{' {
		end := bytes.IndexByte(lx.src[lx.i:min(lx.i+41, len(lx.src))], '}')
		if end < 0 {
			return
		}
		for _, f := range strings.Fields(string(lx.src[lx.i+1 : lx.i+end])) {
			if v, err := strconv.ParseUint(f, 16, 32); err == nil {
				s.addString(string(rune(v)), at)
			}
		}
		lx.i += end + 1
		return
	}
	v, k := hexDigits(lx.src[lx.i:], 4)
	lx.i += k
	s.addString(string(rune(v)), at)
}

func hexDigits(b []byte, max int) (int, int) {
	v, k := 0, 0
	for k < max && k < len(b) {
		d, err := strconv.ParseUint(string(b[k]), 16, 8)
		if err != nil {
			break
		}
		v = v*16 + int(d)
		k++
	}
	return v, k
}

// interpolation skips #{...} with a lexer of its own, so that strings and braces inside it
// do not end the literal, and records it as a hole.
func (lx *rubyLexer) interpolation(s *strLit) {
	h := hole{at: len(s.val), pos: lx.i}
	lx.i += 2
	if lx.nest >= maxNest {
		for lx.i < len(lx.src) && lx.src[lx.i] != '}' {
			lx.i++
		}
	} else {
		sub := &rubyLexer{src: lx.src, i: lx.i, heredoc: map[int]heredocSpec{}, nest: lx.nest + 1, inBrace: true}
		sub.run()
		lx.i = sub.i
	}
	if lx.i < len(lx.src) {
		lx.i++ // the closing brace
	}
	h.end = lx.i
	s.holes = append(s.holes, h)
}

var rubyOps = []string{
	"**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=",
	"==", "!=", "=~", "!~", ">=", "<=", "&&", "||", "<<", ">>", "::", "..", "->", "=>",
	"+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "**", "&.",
}

func (lx *rubyLexer) op() {
	start := lx.i
	for _, o := range rubyOps {
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
	case '(', '[':
		lx.paren++
	case ')', ']':
		if lx.paren > 0 {
			lx.paren--
		}
	case '{':
		lx.braces++
	case '}':
		lx.braces--
	}
	lx.emit(token{kind: tOp, text: string(lx.src[start:lx.i]), pos: start, end: lx.i})
}
