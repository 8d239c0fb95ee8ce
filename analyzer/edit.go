package analyzer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer/shell"
)

// ApplyEdits returns src with the edits applied. Edits must not overlap; they may come in
// any order.
func ApplyEdits(src []byte, edits []TextEdit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b TextEdit) int { return a.Span.Start.Offset - b.Span.Start.Offset })
	var out bytes.Buffer
	last := 0
	for _, e := range sorted {
		start, end := e.Span.Start.Offset, e.Span.End.Offset
		if start < last || end < start || end > len(src) {
			return nil, fmt.Errorf("edit %d:%d-%d:%d overlaps another or lies outside the file",
				e.Span.Start.Line, e.Span.Start.Column, e.Span.End.Line, e.Span.End.Column)
		}
		out.Write(src[last:start])
		out.WriteString(e.NewText)
		last = end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// WrapInIf returns the edits that make a statement run only when cond holds:
//
//	if COND; then
//	  STATEMENT
//	fi
//
// indented like the statement, with its lines indented one level more where that does not
// change their meaning (never inside quotes or here-documents). A statement that shares a
// line with others is wrapped on that line: `if COND; then STATEMENT; fi`. The edits touch
// nothing but the statement's lines, and those are checked to parse; ok is false otherwise.
func (h *Hook) WrapInIf(s *syntax.Stmt, cond string) (edits []TextEdit, ok bool) {
	start, end := int(s.Pos().Offset()), int(s.End().Offset())
	if !s.End().IsValid() || s.End().IsRecovered() || end < start || end > len(h.Src) {
		return nil, false // a statement the parser had to complete: no safe edit
	}
	hdocEnd := end
	var verbatim [][2]int // ranges whose lines must not be re-indented
	syntax.Walk(s, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			verbatim = append(verbatim, [2]int{int(n.Pos().Offset()), int(n.End().Offset())})
		case *syntax.Redirect:
			if n.Hdoc != nil {
				// The body and the closing delimiter line after it stay as they are.
				bodyEnd := int(n.Hdoc.End().Offset())
				delimEnd := h.lines.lineEnd(h.lines.position(bodyEnd).Line)
				verbatim = append(verbatim, [2]int{int(n.Pos().Offset()), delimEnd + 1})
				hdocEnd = max(hdocEnd, delimEnd)
			}
		}
		return true
	})
	first := h.lines.position(start)
	lastLine := h.lines.position(max(hdocEnd-1, start)).Line
	rest, lineEnd := min(max(end, hdocEnd), len(h.Src)), h.lines.lineEnd(lastLine)
	if rest > lineEnd {
		return nil, false // a here-document that ends where the parser says it cannot (<<'')
	}
	before := h.Src[h.lines.lineStart(first.Line):start]
	after := h.Src[rest:lineEnd]
	ownLines := len(bytes.TrimSpace(before)) == 0 && (hdocEnd > end || isBlankOrComment(after))

	insert := func(off int, text string) {
		p := h.lines.position(off)
		edits = append(edits, TextEdit{Span: Span{Start: p, End: p}, NewText: text})
	}
	if ownLines {
		indent := string(before)
		unit := h.indentUnit(indent)
		insert(h.lines.lineStart(first.Line), indent+"if "+cond+"; then\n"+unit)
		for line := first.Line + 1; line <= lastLine; line++ {
			off := h.lines.lineStart(line)
			if !inside(verbatim, off) && h.lines.lineEnd(line) > off {
				insert(off, unit)
			}
		}
		insert(h.lines.lineEnd(lastLine), "\n"+indent+"fi")
	} else {
		// On a shared line: `if COND; then STATEMENT; fi`, keeping the statement's own
		// terminator (`;` or `&`) inside, and ending the if the same way when more follows.
		insert(start, "if "+cond+"; then ")
		text := strings.TrimRight(string(h.Src[start:end]), " \t")
		closing := "; fi"
		if strings.HasSuffix(text, ";") || strings.HasSuffix(text, "&") {
			closing = " fi"
			if !isBlankOrComment(after) {
				closing = " fi;"
			}
		}
		insert(end, closing)
	}
	// Check that the wrapped lines parse on their own: the edits touch nothing outside
	// them, so the rest of the file parses as before.
	from := h.lines.lineStart(first.Line)
	to := max(h.lines.lineEnd(lastLine), h.lines.lineEnd(h.lines.position(end).Line))
	local := make([]TextEdit, len(edits))
	for i, e := range edits {
		e.Span.Start.Offset -= from
		e.Span.End.Offset -= from
		local[i] = e
	}
	fixed, err := ApplyEdits(h.Src[from:to], local)
	if err != nil {
		return nil, false
	}
	if _, err := shell.Parse(bytes.NewReader(fixed), h.File, syntax.Variant(h.Variant)); err != nil {
		return nil, false
	}
	return edits, true
}

func isBlankOrComment(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) == 0 || b[0] == '#'
}

func inside(ranges [][2]int, off int) bool {
	for _, r := range ranges {
		if r[0] < off && off < r[1] {
			return true
		}
	}
	return false
}

// indentUnit guesses one level of indentation: a tab where the file indents with tabs,
// else the smallest run of leading spaces in the file, else two spaces.
func (h *Hook) indentUnit(indent string) string {
	if strings.Contains(indent, "\t") {
		return "\t"
	}
	smallest := 0
	for line := 1; line <= len(h.lines.starts); line++ {
		text := h.Line(line)
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed == "" || trimmed == text {
			continue
		}
		lead := text[:len(text)-len(trimmed)]
		if strings.HasPrefix(lead, "\t") {
			return "\t"
		}
		if n := len(lead); smallest == 0 || n < smallest {
			smallest = n
		}
	}
	if smallest == 0 || smallest > 8 {
		smallest = 2
	}
	return strings.Repeat(" ", smallest)
}
