package analyzer

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// MaxHookSize is the largest hook file hooklint reads (1 MiB). Real hooks are a few kilobytes;
// anything this large is not a script someone maintains by hand.
const MaxHookSize = 1 << 20

// MaxNesting bounds how deeply a hook that is parsed may nest (see [shell.MaxNesting]).
const MaxNesting = shell.MaxNesting

// maxRestarts bounds how many times parsing restarts after a syntax error, so that a file of
// nothing but errors cannot make parsing quadratic.
const maxRestarts = 50

// Hook is one hook file, read and parsed.
type Hook struct {
	Name string // the hook Kamal runs it as: "post-deploy"
	File string // slash path relative to the project root (or as given, outside it)
	Src  []byte

	// Mode is the file's mode bits as found on disk; zero for standard input.
	Mode fs.FileMode
	// BOM is set when the file starts with a UTF-8 byte order mark, which hides the
	// shebang from the kernel.
	BOM bool
	// CRLF is set when a line ends with "\r\n": the kernel then looks for an interpreter
	// whose name ends in a carriage return.
	CRLF bool
	// Shebang is the first line when it starts with "#!" (after a BOM), without its line
	// ending; "" otherwise.
	Shebang string
	// Interpreter is the program the shebang names ("bash", "ruby"), or "" without one.
	Interpreter string
	// ShebangArgs are the interpreter's arguments ("-e", "-eu"), without `env` and its options.
	ShebangArgs []string
	// Shell is the shell dialect the file is parsed with; false Shell means the file is not a
	// shell script (a Ruby or Python hook) and has no syntax tree.
	Shell   bool
	Variant syntax.LangVariant

	// Stmts are the top-level statements, including those parsed after a syntax error.
	// Comments stay attached to them (the parser keeps comments).
	Stmts []*syntax.Stmt
	// SyntaxErrors are the parser's complaints, at most one per restart.
	SyntaxErrors []SyntaxError
	// TooDeep, when set, is where the code first nests deeper than [MaxNesting]: the file
	// is then not parsed, and has no statements.
	TooDeep *Position

	lines *lineIndex
}

// SyntaxError is a parse error at a position.
type SyntaxError struct {
	Pos     Position
	Message string
}

// Span returns the Span between two parser positions in this hook.
func (h *Hook) Span(start, end syntax.Pos) Span { return h.lines.span(start, end) }

// Line returns the text of a 1-based line, without its newline.
func (h *Hook) Line(n int) string {
	return string(h.Src[h.lines.lineStart(n):h.lines.lineEnd(n)])
}

// ReadHookFile reads a hook safely (see [project.ReadFile]): never a FIFO, a directory, a
// binary or a file over MaxHookSize.
func ReadHookFile(path string) ([]byte, error) {
	src, err := project.ReadFile(path, MaxHookSize)
	if err != nil {
		return nil, project.PathErrorCause(err)
	}
	return src, nil
}

// CheckHookSource applies ReadHookFile's content checks to source read elsewhere (stdin).
func CheckHookSource(src []byte) error { return project.CheckContent(src, MaxHookSize) }

// ParseHook parses src as the hook name. file is used in positions and findings.
func ParseHook(name, file string, src []byte) *Hook {
	h := &Hook{Name: name, File: file, Src: src, lines: newLineIndex(src)}
	body := src
	if bytes.HasPrefix(body, utf8BOM) {
		h.BOM, body = true, body[len(utf8BOM):]
	}
	h.CRLF = bytes.Contains(src, []byte("\r\n"))
	if line, _, _ := bytes.Cut(body, []byte("\n")); bytes.HasPrefix(line, []byte("#!")) {
		h.Shebang = string(bytes.TrimSuffix(line, []byte("\r")))
	}
	h.Interpreter, h.ShebangArgs = shebang(h.Shebang)
	h.Variant, h.Shell = dialect(h.Interpreter)
	if h.Shell {
		h.parse()
	}
	return h
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// shebang reads the interpreter line: "#!/usr/bin/env -S bash -e" gives "bash", ["-e"].
func shebang(line string) (interp string, args []string) {
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return "", nil
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return "", nil
	}
	prog := filepath.Base(fields[0])
	fields = fields[1:]
	if prog == "env" {
		// Skip env's own options and VAR=value words to reach the program.
		for len(fields) > 0 && (strings.HasPrefix(fields[0], "-") || strings.Contains(fields[0], "=")) {
			fields = fields[1:]
		}
		if len(fields) == 0 {
			return "env", nil
		}
		prog, fields = filepath.Base(fields[0]), fields[1:]
	}
	return prog, fields
}

// dialect maps an interpreter to the parser variant. No shebang means POSIX sh: env falls
// back to /bin/sh for a script it cannot exec (lock-model.md §6.1).
func dialect(interp string) (syntax.LangVariant, bool) {
	if interp == "" {
		return syntax.LangPOSIX, true
	}
	return shell.Dialect(interp)
}

// parse parses the file. A clean file is parsed once. A file with a syntax error is parsed
// again with recovery, restarting on the line after each error so that the statements after
// it are still analysed; bytes before a restart point are blanked (newlines kept), so
// positions stay those of the original file. The strict parse comes first because recovery
// also hides errors (an unterminated quote) that the shell would report.
func (h *Hook) parse() {
	src := h.Src
	if off, deep := shell.NestsDeeper(src, MaxNesting); deep {
		at := h.lines.position(off)
		h.TooDeep = &at
		return
	}
	p := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(h.Variant))
	f, err := p.Parse(bytes.NewReader(src), h.File)
	if err == nil {
		h.Stmts = f.Stmts
		return
	}
	pos, msg := errorPosition(err)
	h.SyntaxErrors = append(h.SyntaxErrors, SyntaxError{Pos: h.lines.position(pos), Message: msg})

	buf := bytes.Clone(src)
	for restart := 0; restart < maxRestarts; restart++ {
		p := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(h.Variant), syntax.RecoverErrors(8))
		f, err := p.Parse(bytes.NewReader(buf), h.File)
		if f != nil {
			h.Stmts = append(h.Stmts, f.Stmts...)
		}
		if err == nil {
			return
		}
		pos, msg := errorPosition(err)
		if at := h.lines.position(pos); at != h.SyntaxErrors[len(h.SyntaxErrors)-1].Pos {
			h.SyntaxErrors = append(h.SyntaxErrors, SyntaxError{Pos: at, Message: msg})
		}
		// Restart on the line after the error.
		next := h.lines.lineEnd(h.lines.position(pos).Line) + 1
		if next >= len(src) {
			return
		}
		for i := range next {
			if buf[i] != '\n' {
				buf[i] = ' '
			}
		}
	}
}

// errorPosition extracts the offset and bare message of a parser error.
func errorPosition(err error) (int, string) {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		return int(pe.Pos.Offset()), pe.Text
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		msg := strings.TrimPrefix(le.Error(), le.Filename+":"+le.Pos.String()+": ")
		msg, _, _ = strings.Cut(msg, "; tried parsing as")
		return int(le.Pos.Offset()), msg
	}
	return 0, err.Error()
}

// Text returns the source between two parser positions.
func (h *Hook) Text(start, end syntax.Pos) string {
	s, e := int(start.Offset()), int(end.Offset())
	if s < 0 || e > len(h.Src) || s > e {
		return ""
	}
	return string(h.Src[s:e])
}
