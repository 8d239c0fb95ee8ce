package format

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hooklint/hooklint/analyzer"
)

// ANSI escape sequences used by the text format with Options.Color.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[36m"
	ansiGrey   = "\x1b[90m"
	ansiGreen  = "\x1b[32m"
)

// writeText writes each diagnostic as `path:line:col: severity: message [ID]`, the source
// line with a caret under the span, and the suggestions, with a blank line between
// diagnostics.
func writeText(b output, c *context, opts Options) {
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	for i, d := range c.diags {
		if i > 0 {
			b.WriteByte('\n')
		}
		sev := d.Severity.String()
		switch d.Severity {
		case analyzer.SeverityError:
			sev = paint(ansiRed, sev)
		case analyzer.SeverityWarning:
			sev = paint(ansiYellow, sev)
		case analyzer.SeverityInfo:
			sev = paint(ansiCyan, sev)
		}
		loc := d.File + ":" + strconv.Itoa(d.Span.Start.Line) + ":" + strconv.Itoa(d.Span.Start.Column) + ":"
		b.WriteString(paint(ansiBold, loc) + " " + sev + ": " + d.Message)
		if d.Rule != "" {
			b.WriteString(" " + paint(ansiGrey, "["+d.Rule+"]"))
		}
		b.WriteByte('\n')

		if line, ok := c.line(d.File, d.Span.Start.Line, true); ok {
			num := strconv.Itoa(d.Span.Start.Line)
			pad := strings.Repeat(" ", len(num))
			b.WriteString("  " + num + " | " + line + "\n")
			indent, mark := marker(line, d.Span)
			b.WriteString("  " + pad + " | " + indent + paint(ansiGreen, mark) + "\n")
		}

		for _, r := range d.Related {
			b.WriteString("    " + paint(ansiCyan, "note") + ": " + r.File + ":" + strconv.Itoa(r.Span.Start.Line) + ":" +
				strconv.Itoa(r.Span.Start.Column) + ": " + oneLine.Replace(r.Message) + "\n")
		}
		for _, s := range d.Suggestions {
			head := "    = "
			if s.Kind != "" {
				head += s.Kind + ": "
			}
			cont := "\n" + strings.Repeat(" ", len(head))
			b.WriteString(head + strings.ReplaceAll(strings.TrimRight(s.Message, "\n"), "\n", cont) + "\n")
		}
	}
}

// marker returns the whitespace that lines up with the start of span in line (tabs kept as
// tabs, one space per other character) and the `^~~~` under it, which stops at the end of
// the line when the span goes on to further lines.
func marker(line string, span analyzer.Span) (indent, mark string) {
	start := min(span.Start.Column-1, len(line))
	end := len(line)
	if span.End.Line == span.Start.Line {
		end = max(start, min(span.End.Column-1, len(line)))
	}
	var ind strings.Builder
	for _, r := range line[:start] {
		if r == '\t' {
			ind.WriteByte('\t')
		} else {
			ind.WriteByte(' ')
		}
	}
	n := utf8.RuneCountInString(line[start:end])
	return ind.String(), "^" + strings.Repeat("~", max(n-1, 0))
}
