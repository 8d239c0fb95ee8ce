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

var pairs = map[byte]byte{'(': ')', '[': ']', '{': '}', '<': '>'}

// percent reads a %-literal: %w[], %i[], %q(), %Q(), %(), %x(), %r{}, %s(), any delimiter.
func (lx *rubyLexer) percent() bool {
	start := lx.i
	typ := lx.peek(1)
	j := lx.i + 2
	if !strings.ContainsRune("qQwWiIxrs", rune(typ)) || typ == 0 {
		typ, j = 'Q', lx.i+1
	}
	if j >= len(lx.src) {
		return false
	}
	delim := lx.src[j]
	if isIdent(delim) || isSpace(delim) || delim == '\n' || delim == '=' && typ == 'Q' && j == lx.i+1 {
		return false
	}
	close, open := delim, byte(0)
	if p, ok := pairs[delim]; ok {
		close, open = p, delim
	}
	lx.i = j + 1
	interp := typ == 'Q' || typ == 'W' || typ == 'I' || typ == 'x' || typ == 'r'
	lx.regex = typ == 'r'
	s := lx.body(close, open, interp, len(lx.src))
	lx.regex = false
	t := token{kind: tString, text: string(lx.src[start:lx.i]), pos: start, end: lx.i, str: s}
	switch typ {
	case 'x':
		t.kind = tCommand
	case 'r':
		t.kind = tRegexp
		lx.regexpFlags()
		t.end, t.text = lx.i, string(lx.src[start:lx.i])
	case 's':
		t.kind = tSymbol
	case 'w', 'W', 'i', 'I':
		t.kind, t.words = tWords, splitWords(s)
	}
	lx.emit(t)
	return true
}

// splitWords splits a %w literal's value on unescaped blanks.
func splitWords(s *strLit) []*strLit {
	var out []*strLit
	var cur *strLit
	hi := 0
	for k := 0; k <= len(s.val); k++ {
		for hi < len(s.holes) && s.holes[hi].at == k {
			if cur == nil {
				cur = &strLit{pos: s.holes[hi].pos}
			}
			h := s.holes[hi]
			h.at = len(cur.val)
			cur.holes = append(cur.holes, h)
			cur.end = h.end
			hi++
		}
		if k == len(s.val) {
			break
		}
		c := s.val[k]
		if isSpace(c) || c == '\n' {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		if cur == nil {
			cur = &strLit{pos: s.offs[k]}
		}
		cur.add(c, s.offs[k])
		cur.end = s.offs[k] + 1
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

func (lx *rubyLexer) regexp() {
	start := lx.i
	lx.i++
	lx.regex = true
	s := lx.body('/', 0, true, len(lx.src))
	lx.regex = false
	lx.regexpFlags()
	lx.emit(token{kind: tRegexp, text: string(lx.src[start:lx.i]), pos: start, end: lx.i, str: s})
}

func (lx *rubyLexer) regexpFlags() {
	for lx.i < len(lx.src) && strings.IndexByte("imxounse", lx.src[lx.i]) >= 0 {
		lx.i++
	}
}

// charLiteral reads ?a.
func (lx *rubyLexer) charLiteral() bool {
	c := lx.peek(1)
	if c == 0 || isSpace(c) || c == '\n' || isIdent(lx.peek(2)) {
		return false
	}
	start := lx.i
	s := &strLit{pos: lx.i + 1}
	lx.i += 2
	if c == '\\' && lx.i < len(lx.src) {
		lx.i++
		c = lx.src[lx.i-1]
	}
	s.add(c, start+1)
	s.end = lx.i
	lx.emit(token{kind: tString, text: string(lx.src[start:lx.i]), pos: start, end: lx.i, str: s})
	return true
}

// heredocStart reads <<~ID, <<-ID, <<ID and their quoted forms; the body comes with the next
// newline.
func (lx *rubyLexer) heredocStart() bool {
	j := lx.i + 2
	var spec heredocSpec
	if j < len(lx.src) && (lx.src[j] == '~' || lx.src[j] == '-') {
		spec.squiggly, spec.dash = lx.src[j] == '~', lx.src[j] == '-'
		j++
	} else if lx.valueEnd() && !(lx.last().kind == tIdent && lx.space) {
		return false
	}
	if j >= len(lx.src) {
		return false
	}
	k := tString
	switch q := lx.src[j]; {
	case q == '\'' || q == '"' || q == '`':
		line := lx.src[j+1:]
		if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		end := bytes.IndexByte(line, q)
		if end < 0 {
			return false
		}
		spec.id, spec.raw = string(lx.src[j+1:j+1+end]), q == '\''
		if q == '`' {
			k = tCommand
		}
		j += end + 2
	case isIdentStart(q):
		if !spec.squiggly && !spec.dash && !(q >= 'A' && q <= 'Z') {
			return false
		}
		e := j
		for e < len(lx.src) && isIdent(lx.src[e]) {
			e++
		}
		spec.id = string(lx.src[j:e])
		j = e
	default:
		return false
	}
	start := lx.i
	lx.i = j
	lx.emit(token{kind: k, text: string(lx.src[start:j]), pos: start, end: j, str: &strLit{pos: j, end: j}})
	lx.heredoc[len(lx.toks)-1] = spec
	lx.pending = append(lx.pending, len(lx.toks)-1)
	return true
}

// heredocBodies reads the bodies of the pending heredocs, one after the other, from lx.i.
func (lx *rubyLexer) heredocBodies() {
	for _, ti := range lx.pending {
		spec := lx.heredoc[ti]
		type line struct{ start, end int } // end includes the newline
		var lines []line
		for lx.i < len(lx.src) {
			e := bytes.IndexByte(lx.src[lx.i:], '\n')
			end := len(lx.src)
			if e >= 0 {
				end = lx.i + e + 1
			}
			text := strings.TrimRight(string(lx.src[lx.i:end]), "\r\n")
			if spec.squiggly || spec.dash {
				text = strings.TrimLeft(text, " \t")
			}
			if text == spec.id {
				lx.i = end
				break
			}
			lines = append(lines, line{lx.i, end})
			lx.i = end
		}
		indent := 0
		if spec.squiggly {
			indent = -1
			for _, l := range lines {
				b := lx.src[l.start:l.end]
				n := len(b) - len(bytes.TrimLeft(b, " \t"))
				if len(bytes.TrimSpace(b)) > 0 && (indent < 0 || n < indent) {
					indent = n
				}
			}
		}
		s := &strLit{pos: lx.i, end: lx.i}
		if len(lines) > 0 {
			s.pos, s.end = lines[0].start, lines[len(lines)-1].end
		}
		saved := lx.i
		for _, l := range lines {
			lx.i = l.start
			for k := 0; k < indent && lx.i < l.end && isSpace(lx.src[lx.i]); k++ {
				lx.i++
			}
			part := lx.body(0, 0, !spec.raw, l.end)
			for _, h := range part.holes {
				h.at += len(s.val)
				s.holes = append(s.holes, h)
			}
			s.val = append(s.val, part.val...)
			s.offs = append(s.offs, part.offs...)
		}
		lx.i = saved
		lx.toks[ti].str = s
	}
	lx.pending = lx.pending[:0]
}

// symbol reads :name and :"name"; `::` and a lone `:` are operators.
func (lx *rubyLexer) symbol() bool {
	c := lx.peek(1)
	if c == ':' {
		return false
	}
	start := lx.i
	switch {
	case isIdentStart(c):
		lx.i++
		for lx.i < len(lx.src) && isIdent(lx.src[lx.i]) {
			lx.i++
		}
		if c := lx.peek(0); c == '?' || c == '!' || c == '=' && lx.peek(1) != '>' && lx.peek(1) != '=' {
			lx.i++
		}
	case c == '"' || c == '\'':
		lx.i++
		lx.quoted(c, c, 0, c == '"')
		lx.toks[len(lx.toks)-1].kind = tSymbol
		lx.toks[len(lx.toks)-1].pos = start
		return true
	default:
		return false
	}
	lx.emit(token{kind: tSymbol, text: string(lx.src[start:lx.i]), pos: start, end: lx.i})
	return true
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
