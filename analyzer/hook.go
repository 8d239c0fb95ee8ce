package analyzer

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
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
	// ShebangPath is the program the kernel runs, as the shebang writes it ("/usr/bin/env",
	// "/bin/sh"); "" without a shebang.
	ShebangPath string
	// Shell is the shell dialect the file is parsed with; false Shell means the file is not a
	// shell script (a Ruby or Python hook) and has no syntax tree. Variant is the dialect of
	// the syntax tree: LangBash when BashFallback is set.
	Shell   bool
	Variant syntax.LangVariant
	// BashFallback is set when a hook run by a POSIX shell (sh, dash, ash, or no shebang)
	// does not parse as POSIX sh but parses as bash, or parses further as bash: Stmts are then
	// the bash tree, Variant is LangBash, SyntaxErrors are bash's, and Bashisms starts at the
	// first construct POSIX rejects.
	BashFallback bool
	// Bashisms are the bash constructs in a hook run by a POSIX shell, in source order; nil
	// for a hook run by bash or another shell.
	Bashisms []Bashism

	// Git is what the git index records for the file.
	Git GitStatus
	// InHooksFolder is set when the file lies in the project's hooks folder, where Kamal
	// looks for hooks by their exact names.
	InHooksFolder bool

	// Stmts are the top-level statements, including those parsed after a syntax error.
	// Comments stay attached to them (the parser keeps comments).
	Stmts []*syntax.Stmt
	// SyntaxErrors are the parser's complaints, at most one per restart.
	SyntaxErrors []SyntaxError
	// TooDeep, when set, is where the code first nests deeper than [MaxNesting]: the file
	// is then not parsed, and has no statements.
	TooDeep *Position

	lines *lineIndex
	// bashismsLater is set while Bashisms of a POSIX tree are still to be found.
	bashismsLater bool
}

// SyntaxError is a parse error at a position.
type SyntaxError struct {
	Pos     Position
	Message string
}

// Span returns the Span between two parser positions in this hook.
func (h *Hook) Span(start, end syntax.Pos) Span { return h.lines.span(start, end) }

// Position returns the Position of a byte offset in this hook, clamped to the file.
func (h *Hook) Position(off int) Position { return h.lines.position(off) }

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

// readHook reads a hook of project p as ReadHookFile does, from disk or from the files the
// project was loaded from.
func readHook(p *project.Project, name string) ([]byte, error) {
	src, err := p.ReadFile(name, MaxHookSize)
	if err != nil {
		return nil, project.PathErrorCause(err)
	}
	return src, nil
}

// CheckHookSource applies ReadHookFile's content checks to source read elsewhere (stdin).
func CheckHookSource(src []byte) error { return project.CheckContent(src, MaxHookSize) }

// ParseHook parses src as the hook name. file is used in positions and findings.
func ParseHook(name, file string, src []byte) *Hook {
	h := parseHook(name, file, src)
	if h.bashismsLater {
		h.Bashisms, h.bashismsLater = h.findBashisms(h.Stmts), false
	}
	return h
}

// parseHook is ParseHook leaving the search for bash syntax, when the hook's POSIX tree
// needs one, to the shell walk's first pass (see newFacts): one walk of the tree, not two.
func parseHook(name, file string, src []byte) *Hook {
	h := &Hook{Name: name, File: file, Src: src, lines: newLineIndex(src)}
	body := src
	if bytes.HasPrefix(body, utf8BOM) {
		h.BOM, body = true, body[len(utf8BOM):]
	}
	h.CRLF = bytes.Contains(src, []byte("\r\n"))
	if line, _, _ := bytes.Cut(body, []byte("\n")); bytes.HasPrefix(line, []byte("#!")) {
		h.Shebang = string(bytes.TrimSuffix(line, []byte("\r")))
	}
	h.ShebangPath, h.Interpreter, h.ShebangArgs = shebang(h.Shebang)
	h.Variant, h.Shell = dialect(h.Interpreter)
	if h.Shell {
		h.parse()
	}
	return h
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// shebang reads the interpreter line: "#!/usr/bin/env -S bash -e" gives "/usr/bin/env",
// "bash", ["-e"].
func shebang(line string) (path, interp string, args []string) {
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return "", "", nil
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return "", "", nil
	}
	path = fields[0]
	prog := filepath.Base(fields[0])
	fields = fields[1:]
	if prog == "env" {
		// Skip env's own options and VAR=value words to reach the program.
		for len(fields) > 0 && (strings.HasPrefix(fields[0], "-") || strings.Contains(fields[0], "=")) {
			fields = fields[1:]
		}
		if len(fields) == 0 {
			return path, "env", nil
		}
		prog, fields = filepath.Base(fields[0]), fields[1:]
	}
	return path, prog, fields
}

// ShebangSpan is the span of the shebang line without its line ending (after a BOM); an
// empty span at the start of the file's text when there is none.
func (h *Hook) ShebangSpan() Span {
	start := 0
	if h.BOM {
		start = len(utf8BOM)
	}
	return Span{Start: h.lines.position(start), End: h.lines.position(start + len(h.Shebang))}
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
// again with recovery (see [Hook.parseIn]). A hook run by a POSIX shell that POSIX rejects
// is also parsed as bash; when bash has fewer errors, or the same number starting later,
// the bash tree is kept (BashFallback), so that one finding about the shebang replaces a
// cascade of syntax errors and the rest of the file is still analysed.
func (h *Hook) parse() {
	if off, deep := shell.NestsDeeper(h.Src, MaxNesting); deep {
		// The parser recurses once per level, and a stack overflow cannot be recovered:
		// such a file is not parsed at all.
		at := h.lines.position(off)
		h.TooDeep = &at
		return
	}
	posix := h.Variant == syntax.LangPOSIX
	p := h.parseIn(h.Variant)
	if posix && len(p.errs) > 0 {
		b := h.parseIn(syntax.LangBash)
		if len(b.errs) < len(p.errs) || len(b.errs) == len(p.errs) && b.errs[0].Pos.Offset > p.errs[0].Pos.Offset {
			h.Variant, h.BashFallback = syntax.LangBash, true
			h.Stmts, h.SyntaxErrors = b.stmts, b.errs
			h.Bashisms = h.findBashisms(h.Stmts)
			// The first error POSIX has and bash has not is bash syntax; name it from the
			// parser's words when the walk does not know the construct.
			for i, e := range p.errs {
				if slices.ContainsFunc(b.errs, func(x SyntaxError) bool { return x.Pos == e.Pos }) {
					continue
				}
				if len(h.Bashisms) == 0 || h.Bashisms[0].Span.Start.Offset > e.Pos.Offset {
					first := Bashism{Kind: BashOther, Span: Span{Start: e.Pos, End: e.Pos}, Feature: p.features[i]}
					h.Bashisms = append([]Bashism{first}, h.Bashisms...)
				}
				break
			}
			return
		}
	}
	h.Stmts, h.SyntaxErrors = p.stmts, p.errs
	h.bashismsLater = posix
}

// parsed is the outcome of parsing a file in one variant.
type parsed struct {
	stmts    []*syntax.Stmt
	errs     []SyntaxError
	features []string // per error: what the parser says is missing from the variant, or its message
}

// parseIn parses the file in variant v. A clean file is parsed once. A file with a syntax
// error is parsed again with recovery, restarting on the line after each error so that the
// statements after it are still analysed; bytes before a restart point are blanked
// (newlines kept), so positions stay those of the original file. The strict parse comes
// first because recovery also hides errors (an unterminated quote) that the shell would
// report.
func (h *Hook) parseIn(v syntax.LangVariant) parsed {
	var out parsed
	add := func(err error) bool {
		pos, msg := errorPosition(err)
		at := h.lines.position(pos)
		if len(out.errs) > 0 && out.errs[len(out.errs)-1].Pos == at {
			return false
		}
		feature := msg
		var le syntax.LangError
		if errors.As(err, &le) {
			feature = le.Feature
		}
		out.errs = append(out.errs, SyntaxError{Pos: at, Message: msg})
		out.features = append(out.features, feature)
		return true
	}
	src := h.Src
	if h.CRLF {
		// The carriage returns are HL004's finding; parsed as written they would make
		// every line a syntax error. A space in their place keeps every position.
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte(" \n"))
	}
	f, err := shell.Parse(bytes.NewReader(src), h.File, syntax.KeepComments(true), syntax.Variant(v))
	if err == nil {
		out.stmts = f.Stmts
		return out
	}
	add(err)
	last, _ := errorPosition(err) // the last error reported
	buf := bytes.Clone(src)
	next := 0 // where the parse restarts
	for range maxRestarts {
		f, err := shell.Parse(bytes.NewReader(buf), h.File, syntax.KeepComments(true), syntax.Variant(v), syntax.RecoverErrors(8))
		if f != nil {
			out.stmts = append(out.stmts, f.Stmts...)
		}
		if err == nil {
			return out
		}
		at := max(last, next) // the parser failed in its recovery: after the last error, or the restart line
		if !errors.Is(err, shell.ErrParserFailed) {
			add(err)
			last, _ = errorPosition(err)
			at = last
		}
		// Restart on the line after; never twice on the same line.
		at = h.lines.lineEnd(h.lines.position(at).Line) + 1
		if at <= next {
			at = h.lines.lineEnd(h.lines.position(next).Line) + 1
		}
		if at >= len(src) {
			return out
		}
		next = at
		for i := range next {
			if buf[i] != '\n' {
				buf[i] = ' '
			}
		}
	}
	return out
}

// errorPosition extracts the offset and bare message of a parser error.
func errorPosition(err error) (int, string) {
	if err == nil {
		return 0, ""
	}
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
