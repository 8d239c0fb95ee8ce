// Package format renders an [analyzer.Result] in the output formats hooklint offers:
// text for people, json for editors and scripts, sarif for code scanning, github for
// workflow annotations, gitlab for GitLab's code quality report and gcc for Vim, Emacs and
// efm-langserver.
package format

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
)

// Names lists the formats in the order --help shows them.
var Names = []string{"text", "json", "sarif", "github", "gitlab", "gcc"}

// Options tunes the output.
type Options struct {
	// Color turns on ANSI colour in the text format. The caller decides (a terminal and no
	// NO_COLOR); the other formats ignore it.
	Color bool
	// Rerun is the command that shows every finding, named by the github format when
	// GitHub would hide some annotations; "" means "hooklint".
	Rerun string
}

// Write renders res in the named format. rules is the full rule list; SARIF lists it as
// rule metadata, and every format uses it to fill in a diagnostic's severity, name or URL
// when they are missing.
func Write(w io.Writer, format string, res *analyzer.Result, rules []*analyzer.Rule, opts Options) error {
	if res == nil {
		res = &analyzer.Result{}
	}
	c := newContext(res, rules)
	switch format {
	case "text", "github", "gcc":
		// These cannot fail half-way: they stream, through a buffer of fixed size.
		out := bufio.NewWriterSize(w, 32<<10)
		switch format {
		case "text":
			writeText(out, c, opts)
		case "github":
			writeGitHub(out, c, opts)
		default:
			writeGCC(out, c)
		}
		return out.Flush()
	}
	// The encoders may fail half-way: nothing is written unless all of it is.
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = writeJSON(&buf, c)
	case "sarif":
		err = writeSARIF(&buf, c)
	case "gitlab":
		err = writeGitLab(&buf, c)
	default:
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Names, ", "))
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// output is what the streaming formats write to.
type output interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// context holds what every format needs: the diagnostics with defaults filled in, the rules
// by ID and the source lines.
type context struct {
	res       *analyzer.Result
	rules     []*analyzer.Rule
	ruleIndex map[string]int
	diags     []analyzer.Diagnostic
	lines     map[string][]int // file -> byte offsets of line starts, built on demand
}

func newContext(res *analyzer.Result, rules []*analyzer.Rule) *context {
	c := &context{res: res, rules: rules, ruleIndex: map[string]int{}, lines: map[string][]int{}}
	for i, r := range rules {
		if r != nil {
			if _, dup := c.ruleIndex[r.ID]; !dup {
				c.ruleIndex[r.ID] = i
			}
		}
	}
	for _, d := range res.Diagnostics {
		if i, ok := c.ruleIndex[d.Rule]; ok {
			r := rules[i]
			if d.Severity == 0 {
				d.Severity = r.Severity
			}
			if d.Name == "" {
				d.Name = r.Name
			}
			if d.URL == "" {
				d.URL = r.URL()
			}
		}
		if d.Severity < analyzer.SeverityInfo || d.Severity > analyzer.SeverityError {
			d.Severity = analyzer.SeverityWarning
		}
		d.Span = normSpan(d.Span)
		for i := range d.Suggestions {
			s := &d.Suggestions[i]
			if len(s.Edits) > 0 {
				s.Edits = append([]analyzer.TextEdit(nil), s.Edits...)
				for j := range s.Edits {
					s.Edits[j].Span = normSpan(s.Edits[j].Span)
				}
			}
		}
		c.diags = append(c.diags, d)
	}
	return c
}

// normSpan makes lines and columns at least 1 and the end no earlier than the start, so
// that a diagnostic with only a start position still has a valid range.
func normSpan(s analyzer.Span) analyzer.Span {
	s.Start.Line = max(s.Start.Line, 1)
	s.Start.Column = max(s.Start.Column, 1)
	if s.End.Line < s.Start.Line || (s.End.Line == s.Start.Line && s.End.Column < s.Start.Column) {
		s.End = s.Start
	}
	return s
}

// line returns line n (1-based) of file without its line ending (the \n, and a \r before
// it only when stripCR), and false when the source or the line is missing.
func (c *context) line(file string, n int, stripCR bool) (string, bool) {
	src, ok := c.res.Sources[file]
	if !ok {
		return "", false
	}
	starts, ok := c.lines[file]
	if !ok {
		starts = []int{0}
		for i, b := range src {
			if b == '\n' {
				starts = append(starts, i+1)
			}
		}
		c.lines[file] = starts
	}
	if n < 1 || n > len(starts) || (n == len(starts) && starts[n-1] == len(src) && n > 1) {
		return "", false
	}
	end := len(src)
	if n < len(starts) {
		end = starts[n] - 1
	}
	l := string(src[starts[n-1]:end])
	if stripCR {
		l = strings.TrimSuffix(l, "\r")
	}
	return l, true
}

// severityWord is the severity as gcc-style tools expect it: error, warning or note.
func severityWord(s analyzer.Severity) string {
	if s == analyzer.SeverityInfo {
		return "note"
	}
	if s == analyzer.SeverityError {
		return "error"
	}
	return "warning"
}
