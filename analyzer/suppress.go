package analyzer

import (
	"bytes"
	"slices"

	"mvdan.cc/sh/v3/syntax"
)

// Directive is a suppression directive found in a hook (see [ParseDirective]), with the
// lines it applies to and its rules resolved.
type Directive struct {
	ParsedDirective
	// Span is the comment, from its "#" to the end of its line.
	Span Span
	// First and Last are the lines of the command a [ScopeNext] directive applies to; both
	// zero when no command follows it, and for a [ScopeFile] directive.
	First, Last int
	// Rules are the entries of Names resolved, one each, in the same order.
	Rules []DirectiveRule
}

// DirectiveRule is one rule a directive names.
type DirectiveRule struct {
	Text string // as written
	Span Span   // of Text
	// Rule is the rule named; nil when no rule has this ID or name.
	Rule *Rule
	// Nearest is, for an unknown name, the rule whose ID or name is closest; nil if none is.
	Nearest *Rule
	// Ran reports whether Rule ran on the hook; a rule set off did not, and a directive
	// about it cannot be judged.
	Ran bool
	// Silenced counts the findings the entry silenced.
	Silenced int
}

// FindDirectives returns the suppression directives of a shell hook, in source order,
// with names resolved against known (every rule, also those not run). Comments the parser
// kept, and comment lines after the last command, are read; a comment inside a heredoc or a
// string is no comment. ran reports whether a rule runs on the hook.
func FindDirectives(h *Hook, known []*Rule, ran func(*Rule) bool) []*Directive {
	if !h.Shell || !bytes.Contains(h.Src, []byte("hooklint")) {
		return nil // no directive can be written without the word
	}
	comments, stmts := hookComments(h)
	var dirs []*Directive
	for _, c := range comments {
		pd, ok := ParseDirective(c.text)
		if !ok {
			continue
		}
		textStart := c.offset + 1 // after the "#"
		d := &Directive{ParsedDirective: pd, Span: Span{Start: h.lines.position(c.offset), End: h.lines.position(textStart + len(c.text))}}
		if d.Err == DirectiveOK && d.Scope == ScopeNext {
			if !h.ownLine(c.offset) {
				d.Err = DirectiveNotOwnLine
			} else if s := nextStmt(stmts, textStart+len(c.text)); s != nil {
				sp := h.Span(s.Pos(), s.End())
				d.First, d.Last = sp.Start.Line, sp.End.Line
			}
		}
		for _, n := range pd.Names {
			start := textStart + n.Offset
			dr := DirectiveRule{Text: n.Text, Span: Span{Start: h.lines.position(start), End: h.lines.position(start + len(n.Text))}}
			if dr.Rule = FindRule(known, n.Text); dr.Rule == nil {
				dr.Nearest = NearestRule(known, n.Text)
			} else if ran != nil {
				dr.Ran = ran(dr.Rule)
			}
			d.Rules = append(d.Rules, dr)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

// comment is a shell comment: the offset of its "#" and its text after it.
type comment struct {
	offset int
	text   string
}

// hookComments collects the comments and statements of a parsed hook. The parser keeps the
// comments after the last command in the file node, which [Hook] does not keep: comment
// lines after the end of every node are read from the source.
func hookComments(h *Hook) (comments []comment, stmts []*syntax.Stmt) {
	seen := map[int]bool{}
	end := 0
	for _, s := range h.Stmts {
		syntax.Walk(s, func(n syntax.Node) bool {
			if n == nil {
				return true
			}
			if n.End().IsValid() && !n.End().IsRecovered() {
				end = max(end, int(n.End().Offset()))
			}
			switch n := n.(type) {
			case *syntax.Comment:
				off := int(n.Hash.Offset())
				if !seen[off] {
					seen[off] = true
					comments = append(comments, comment{off, n.Text})
				}
			case *syntax.Stmt:
				stmts = append(stmts, n)
			}
			return true
		})
	}
	for off := end; off < len(h.Src); {
		line := h.Src[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		trimmed := bytes.TrimLeft(line, " \t")
		if hash := off + len(line) - len(trimmed); len(trimmed) > 0 && trimmed[0] == '#' && !seen[hash] && h.ownLine(hash) {
			seen[hash] = true
			comments = append(comments, comment{hash, string(bytes.TrimSuffix(trimmed[1:], []byte("\r")))})
		}
		off += len(line) + 1
	}
	slices.SortFunc(comments, func(a, b comment) int { return a.offset - b.offset })
	return comments, stmts
}

// ownLine reports whether only blanks come before offset on its line.
func (h *Hook) ownLine(offset int) bool {
	p := h.lines.position(offset)
	return len(bytes.TrimLeft(h.Src[h.lines.lineStart(p.Line):offset], " \t")) == 0
}

// nextStmt returns the statement that starts first at or after offset, the outermost of
// those that start there; nil when none does.
func nextStmt(stmts []*syntax.Stmt, offset int) *syntax.Stmt {
	var best *syntax.Stmt
	for _, s := range stmts {
		pos := int(s.Pos().Offset())
		if pos < offset {
			continue
		}
		if best == nil || pos < int(best.Pos().Offset()) ||
			(pos == int(best.Pos().Offset()) && s.End().Offset() > best.End().Offset()) {
			best = s
		}
	}
	return best
}

// Suppress returns the findings of ds that no directive silences, and counts in each
// directive's Rules what it silenced. A usable directive silences the findings of the rules
// it names in file: a [ScopeFile] one all of them, a [ScopeNext] one those that start on the
// lines of its command.
func Suppress(ds []Diagnostic, file string, dirs []*Directive) []Diagnostic {
	if len(dirs) == 0 {
		return ds
	}
	out := ds[:0:0]
	for _, d := range ds {
		if !silence(d, file, dirs) {
			out = append(out, d)
		}
	}
	return out
}

// silence reports whether a directive silences d, counting it in every entry that does.
func silence(d Diagnostic, file string, dirs []*Directive) bool {
	if d.File != file {
		return false
	}
	silenced := false
	for _, dir := range dirs {
		if dir.Err != DirectiveOK {
			continue
		}
		if dir.Scope == ScopeNext && (dir.First == 0 || d.Span.Start.Line < dir.First || d.Span.Start.Line > dir.Last) {
			continue
		}
		for i := range dir.Rules {
			if r := dir.Rules[i].Rule; r != nil && r.ID == d.Rule {
				dir.Rules[i].Silenced++
				silenced = true
			}
		}
	}
	return silenced
}
