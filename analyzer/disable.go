package analyzer

import (
	"bytes"

	"mvdan.cc/sh/v3/syntax"
)

// DisableEdit returns the edit that silences rule (an ID) for the command on line: a
// `# hooklint disable=RULE` line inserted above the innermost statement that spans line and
// starts a line of its own, with that statement's indentation. Where no statement spans line
// (a finding about the file, on its shebang line) the edit is a `# hooklint
// disable-file=RULE` line after the shebang, and file is true. ok is false for a hook that
// is not a shell script.
func (h *Hook) DisableEdit(line int, rule string) (edit TextEdit, file, ok bool) {
	if !h.Shell {
		return TextEdit{}, false, false
	}
	nl := "\n"
	if h.CRLF {
		nl = "\r\n"
	}
	var best *syntax.Stmt
	for _, top := range h.Stmts {
		syntax.Walk(top, func(n syntax.Node) bool {
			s, isStmt := n.(*syntax.Stmt)
			if !isStmt {
				return true
			}
			first, last := int(s.Pos().Line()), int(s.End().Line())
			if !s.End().IsValid() || s.End().IsRecovered() {
				last = first
			}
			if first > line || last < line {
				return false // its statements lie inside it
			}
			if h.ownLine(int(s.Pos().Offset())) {
				best = s // the walk meets outer statements first
			}
			return true
		})
	}
	if best == nil {
		at := h.lines.lineStart(1)
		if h.Shebang != "" {
			at = min(h.lines.lineEnd(1)+1, len(h.Src))
		}
		prefix := ""
		if at == len(h.Src) && len(h.Src) > 0 && h.Src[len(h.Src)-1] != '\n' {
			prefix = nl // a file of one line without a newline
		}
		p := h.lines.position(at)
		return TextEdit{Span: Span{Start: p, End: p}, NewText: prefix + "# hooklint disable-file=" + rule + nl}, true, true
	}
	start := h.lines.position(int(best.Pos().Offset()))
	lineStart := h.lines.lineStart(start.Line)
	indent := string(bytes.TrimRight(h.Src[lineStart:start.Offset], "\r\n"))
	p := h.lines.position(lineStart)
	return TextEdit{Span: Span{Start: p, End: p}, NewText: indent + "# hooklint disable=" + rule + nl}, false, true
}
