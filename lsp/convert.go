package lsp

import (
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hooklint/hooklint/analyzer"
)

// text is a document's content with its line starts, for converting hooklint's byte
// positions to the protocol's UTF-16 ones. Lines end at "\n"; a "\r" before it belongs to
// the line ending, as the protocol counts "\r\n" as one.
type text struct {
	src    []byte
	starts []int
}

func newText(src []byte) *text {
	t := &text{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			t.starts = append(t.starts, i+1)
		}
	}
	return t
}

// lineContent returns the offsets of line's (0-based) first byte and of the end of its
// content, before "\r\n" or "\n".
func (t *text) lineContent(line int) (start, end int) {
	if line >= len(t.starts) {
		return len(t.src), len(t.src)
	}
	start = t.starts[line]
	end = len(t.src)
	if line+1 < len(t.starts) {
		end = t.starts[line+1] - 1
		if end > start && t.src[end-1] == '\r' {
			end--
		}
	}
	return start, end
}

// utf16Len counts the UTF-16 code units of b; an invalid byte counts as one (U+FFFD).
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if k := utf16.RuneLen(r); k > 0 {
			n += k
		} else {
			n++
		}
	}
	return n
}

// position converts a 1-based line and byte column to a protocol position. A column past
// the line's content (on its "\r", or beyond) is the end of the content.
func (t *text) position(line, column int) Position {
	l := max(line-1, 0)
	if l >= len(t.starts) {
		l = len(t.starts) - 1
		start, end := t.lineContent(l)
		return Position{Line: l, Character: utf16Len(t.src[start:end])}
	}
	start, end := t.lineContent(l)
	off := min(start+max(column-1, 0), end)
	return Position{Line: l, Character: utf16Len(t.src[start:off])}
}

// offsetPosition converts a byte offset to a protocol position.
func (t *text) offsetPosition(off int) Position {
	off = max(0, min(off, len(t.src)))
	line := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	return t.position(line+1, off-t.starts[line]+1)
}

// rangeOf converts a span's lines and byte columns.
func (t *text) rangeOf(s analyzer.Span) Range {
	r := Range{Start: t.position(s.Start.Line, s.Start.Column), End: t.position(s.End.Line, s.End.Column)}
	if r.End.Line < r.Start.Line || (r.End.Line == r.Start.Line && r.End.Character < r.Start.Character) {
		r.End = r.Start
	}
	return r
}

// minimalEdit returns one protocol edit that turns t's text into to: the bytes between
// their common prefix and common suffix, widened so that it never splits a "\r\n" or a
// UTF-8 sequence.
func (t *text) minimalEdit(to []byte) TextEdit {
	from := t.src
	p := 0
	for p < len(from) && p < len(to) && from[p] == to[p] {
		p++
	}
	s := 0
	for s < len(from)-p && s < len(to)-p && from[len(from)-1-s] == to[len(to)-1-s] {
		s++
	}
	// Back both ends off to boundaries of runes and of "\r\n" in both texts.
	for !boundary(from, p) || !boundary(to, p) {
		p--
	}
	for !boundary(from, len(from)-s) || !boundary(to, len(to)-s) {
		s--
	}
	return TextEdit{
		Range:   Range{Start: t.offsetPosition(p), End: t.offsetPosition(len(from) - s)},
		NewText: string(to[p : len(to)-s]),
	}
}

// boundary reports whether offset i of b splits neither a UTF-8 sequence nor a "\r\n".
func boundary(b []byte, i int) bool {
	if i <= 0 || i >= len(b) {
		return true
	}
	return utf8.RuneStart(b[i]) && (b[i-1] != '\r' || b[i] != '\n')
}
