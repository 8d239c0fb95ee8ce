package script

import (
	"sort"

	"mvdan.cc/sh/v3/syntax"
)

// kind is the kind of a token of either language.
type kind uint8

const (
	tEOF     kind = iota
	tNewline      // the end of a logical line (continuations are already joined)
	tIndent       // Python: the block deepens
	tDedent       // Python: a block ends
	tIdent        // a name, keyword or constant; Ruby names may end in ? or !
	tLabel        // Ruby `name:` in a hash or keyword argument; text without the colon
	tSymbol       // Ruby :name
	tNumber
	tString  // a string literal (str holds its value)
	tCommand // Ruby backticks, %x and <<~`EOS`: a string the shell runs
	tWords   // Ruby %w[] and %i[]: words holds the elements
	tRegexp
	tOp // punctuation and operators
)

// token is one lexical element, with its span in the source.
type token struct {
	kind     kind
	text     string // the name, operator or source text
	pos, end int    // byte offsets in the file
	str      *strLit
	words    []*strLit
	space    bool // whitespace (or a line start) comes before the token
}

// strLit is the value of a string literal and, for every byte of it, the offset in the file
// of the source byte it comes from, so that a value read as a shell script keeps the file's
// positions. Interpolations are holes: their value is not known.
type strLit struct {
	val   []byte
	offs  []int // len(offs) == len(val)
	holes []hole
	// pos and end delimit the literal's content in the file (inside the quotes); for a
	// heredoc, its body.
	pos, end int
}

// hole is an interpolation (`#{...}`, an f-string's `{...}`) inside a string.
type hole struct {
	at       int // the index in val where it stands
	pos, end int // its span in the file
}

// known reports whether the literal has no interpolation.
func (s *strLit) known() bool { return len(s.holes) == 0 }

// prefix returns the value before the first interpolation.
func (s *strLit) prefix() string {
	if len(s.holes) == 0 {
		return string(s.val)
	}
	return string(s.val[:s.holes[0].at])
}

func (s *strLit) add(c byte, off int) {
	s.val = append(s.val, c)
	s.offs = append(s.offs, off)
}

func (s *strLit) addString(v string, off int) {
	for i := 0; i < len(v); i++ {
		s.add(v[i], off)
	}
}

// lineIndex turns byte offsets into line and column positions.
type lineIndex []int // the offset of the start of each line

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// pos returns the parser position of a byte offset: 1-based line and column, the column
// counted in bytes as mvdan.cc/sh does.
func (l lineIndex) pos(off int) syntax.Pos {
	if off < 0 {
		off = 0
	}
	line := sort.Search(len(l), func(i int) bool { return l[i] > off }) - 1
	if line < 0 {
		line = 0
	}
	return syntax.NewPos(uint(off), uint(line+1), uint(off-l[line]+1))
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdent(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// maxNest bounds nested interpolations and brackets inside them, so that a hostile file
// cannot exhaust the stack.
const maxNest = 64
