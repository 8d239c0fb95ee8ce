package script

import (
	"bytes"
	"strings"
)

// The Ruby literals that need more than a quote to find their end: %-literals, regexps,
// character literals, heredocs and symbols.

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
