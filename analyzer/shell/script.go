package shell

import (
	"bytes"
	"maps"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// shellScript walks the script of `sh -c 'SCRIPT'` (bash, dash, zsh, ksh alike) as a new
// shell started by cmd, so that `bash -c "kamal accessory reboot db"` is found like any
// other call, and returns that shell's exit status; nil when cmd runs no script the walk
// can read.
func (w *walker) shellScript(cmd *Command, in invocation) *flow {
	argv := cmd.Argv
	if len(argv) < 3 || !argv[0].Known {
		return nil
	}
	variant, ok := Dialect(argv[0].Text)
	if !ok {
		return nil
	}
	script := -1
	var flags []string
	for i, a := range argv[1:] {
		if !a.Known || !strings.HasPrefix(a.Text, "-") || a.Text == "-" || a.Text == "--" {
			break
		}
		flags = append(flags, a.Text)
		if strings.HasSuffix(a.Text, "c") && !strings.HasPrefix(a.Text, "--") {
			script = i + 2
			break
		}
	}
	if script < 0 || script >= len(argv) {
		return nil
	}
	str := argv[script]
	return w.startShell(cmd, in, in.c.stdin, variant, flags, str, func() (*syntax.File, bool, bool) {
		if word := wordAt(in.x, str); word != nil {
			f, placed := w.parseScript(word, variant, in.f.env)
			return f, placed, false
		}
		if str.Known && !str.Spread {
			return w.parseText(str.Text, variant), false, false // forwarded through "$@": written elsewhere
		}
		return nil, false, false
	})
}

// stdinScript walks the script a shell reads from a here-document or here-string as a new
// shell started by cmd: `sh <<'EOF'`, `bash -s <<EOF`, `bash <<< '...'`, and `ssh HOST
// <<'EOF'`, whose remote login shell reads it. nil when cmd reads no such script.
func (w *walker) stdinScript(cmd *Command, in invocation) *flow {
	r := in.c.stdin
	argv := cmd.Argv
	if r == nil || len(argv) == 0 || !argv[0].Known {
		return nil
	}
	variant, ok := Dialect(argv[0].Text)
	switch {
	case path.Base(argv[0].Text) == "ssh":
		// ssh HOST with no command (else it is a wrapper, stripped): the remote login
		// shell reads standard input, unless -n gives it /dev/null.
		if sshOption(argv, "-n") {
			return nil
		}
		cmd.changes = append(cmd.changes, envChange{value: EnvValue{State: EnvCleared, Cause: CauseSSH, Pos: argv[0].Pos}})
		variant = syntax.LangBash
	case !ok:
		return nil
	default:
		for _, a := range argv[1:] {
			// Options only: a script file or -c SCRIPT would be what it runs.
			if !a.Known || !strings.HasPrefix(a.Text, "-") || !strings.HasPrefix(a.Text, "--") && strings.Contains(a.Text, "c") {
				return nil
			}
		}
	}
	var str Field
	parse := func() (*syntax.File, bool, bool) {
		if r.Op == syntax.WordHdoc {
			f, placed := w.parseScript(r.Word, variant, in.f.env)
			return f, placed, false
		}
		return w.parseHeredoc(r, variant, in.f.env)
	}
	if r.Op == syntax.WordHdoc {
		str = Field{Pos: r.Word.Pos(), End: r.Word.End()}
	} else {
		str = Field{Pos: r.Hdoc.Pos(), End: r.Hdoc.Pos()}
	}
	return w.startShell(cmd, in, nil, variant, nil, str, parse) // its script is its input
}

// startShell walks a script, which parse returns, as a new shell that cmd starts with the
// given options and the here-document input on standard input, and returns its exit
// status; nil when parse returns no script. str is where the script is written. parse also says whether the script is placed (its
// positions are the file's) and whether the hook's shell expands it before the new
// shell reads it (an unquoted here-document): its expansions then read the hook's
// variables, not what cmd leaves of them.
func (w *walker) startShell(cmd *Command, in invocation, input *syntax.Redirect, variant syntax.LangVariant, flags []string, str Field, parse func() (*syntax.File, bool, bool)) *flow {
	// A new shell: its own variables, functions and options; the environment the command
	// that starts it leaves (see environment).
	prevFuncs := w.funcs
	w.funcs = map[string]funcDef{}
	if variant == syntax.LangBash && !cmd.remote() {
		maps.Copy(w.funcs, w.exportedFuncs) // export -f: a bash child has them
	}
	defer func() { w.funcs = prevFuncs }()
	file, placed, expandedOutside := parse()
	if file == nil {
		return nil
	}
	c := newShell(in.c, cmd)
	c.input = input
	f := flow{worlds: in.f.worlds, errexit: triOf(ErrexitFlags(flags)), pipefail: False, ok: in.f.worlds}
	var st flow
	shells := w.shells
	if !expandedOutside {
		w.shells = append(w.shells, cmd)
	}
	w.inString(file, placed, str, in.x, func() {
		st = w.subshell(c, f, func(c ctx, f flow) flow { return w.stmts(file.Stmts, c, f, false) })
	})
	w.shells = shells
	return &st
}

// inString walks a script string. One that is not written out in the file (a computed
// one) has positions of its own: its commands are reported at the command that runs the
// string, and their words at the string's word, str.
func (w *walker) inString(file *syntax.File, placed bool, str Field, x *syntax.CallExpr, walk func()) {
	if placed {
		walk()
		return
	}
	n := len(w.cmds)
	fr := &frame{kind: stringFrame}
	if w.site() == nil {
		fr.site = x
	}
	w.frames = append(w.frames, fr)
	// Its words' text is the string's own, at its own positions.
	outer := w.file
	own := *outer
	own.Src = []byte(w.computed[file])
	w.file = &own
	walk()
	w.file = outer
	w.frames = w.frames[:len(w.frames)-1]
	for _, c := range w.cmds[n:] {
		if c.File != &own && c.File != outer {
			continue // a command of a script file the string runs: its positions are its own
		}
		c.File, c.InScript = outer, true
		for i := range c.Argv {
			c.Argv[i].Pos, c.Argv[i].End = str.Pos, str.End
		}
	}
}

// wordAt returns the word of a call that a field came from.
func wordAt(x *syntax.CallExpr, f Field) *syntax.Word {
	for _, a := range x.Args {
		if a.Pos() == f.Pos && a.End() == f.End {
			return a
		}
	}
	return nil
}

// parseScript parses the script a word holds. When the text in the file is exactly the
// string the command receives (single quotes, or double quotes without expansions or
// escapes), it is parsed in place, with the rest of the file blanked, so its positions are
// the file's own, and placed is true. A string the walk can compute (`sh -c "$CMD db"`) is
// parsed on its own. It returns nil when the string is not known or does not parse.
func (w *walker) parseScript(word *syntax.Word, variant syntax.LangVariant, e env) (file *syntax.File, placed bool) {
	start, end, text, ok := literalContent(word)
	if !ok {
		text, known := w.wordValue(word, e, -1, false)
		if !known {
			return nil, false
		}
		return w.parseText(text, variant), false
	}
	return w.parseInPlace(start, end, text, variant)
}

// parseHeredoc parses the script a here-document holds. With a quoted delimiter the text
// is the script, parsed in place. Without, the hook's shell first expands it, and
// expandedOutside is true: $X and $(...) are parsed as written (they read the hook's
// variables either way), in place, unless an escape is to be removed first.
func (w *walker) parseHeredoc(r *syntax.Redirect, variant syntax.LangVariant, e env) (file *syntax.File, placed, expandedOutside bool) {
	parts := r.Hdoc.Parts
	if len(parts) == 0 {
		return nil, false, false
	}
	// The last part's end is past the closing delimiter; its value ends before it.
	last, ok := parts[len(parts)-1].(*syntax.Lit)
	if !ok || w.inComputedString() { // no end, or positions that are not the file's
		if lit, single := parts[0].(*syntax.Lit); single && len(parts) == 1 {
			return w.parseText(lit.Value, variant), false, !quotedDelimiter(r.Word)
		}
		text, known := w.wordValue(r.Hdoc, e, -1, false)
		if !known {
			return nil, false, false
		}
		return w.parseText(text, variant), false, false
	}
	start, end := int(parts[0].Pos().Offset()), int(last.Pos().Offset())+len(last.Value)
	if start < 0 || end > len(w.file.Src) || start > end {
		return nil, false, false
	}
	raw := string(w.file.Src[start:end])
	if quotedDelimiter(r.Word) {
		file, placed = w.parseInPlace(start, end, raw, variant)
		return file, placed, false
	}
	if !strings.Contains(raw, `\`) {
		file, placed = w.parseInPlace(start, end, raw, variant)
		return file, placed, true
	}
	// \$, \`, \\ and \newline are the hook's shell's: the reading shell gets the text
	// without them, which has positions of its own.
	return w.parseText(unescapeHeredoc(raw), variant), false, true
}

// unescapeHeredoc removes the escapes the shell processes in the body of a here-document
// with an unquoted delimiter: a backslash before $, `, \ or a newline.
func unescapeHeredoc(body string) string {
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' && i+1 < len(body) && strings.IndexByte("$`\\\n", body[i+1]) >= 0 {
			if body[i+1] != '\n' {
				b.WriteByte(body[i+1])
			}
			i++
			continue
		}
		b.WriteByte(body[i])
	}
	return b.String()
}

// quotedDelimiter reports whether a here-document's delimiter is quoted (<<'EOF', <<\EOF):
// its body is then taken as written.
func quotedDelimiter(word *syntax.Word) bool {
	for _, p := range word.Parts {
		switch p := p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return true
		case *syntax.Lit:
			if strings.Contains(p.Value, `\`) {
				return true
			}
		}
	}
	return false
}

// parseInPlace parses text, the script at src[start:end] of the file being walked, with
// the rest of the file blanked, so that its positions are the file's own. Inside a
// computed string, whose positions are its own and not the file's, and past
// maxInPlaceBytes, text is parsed on its own (see parseText).
func (w *walker) parseInPlace(start, end int, text string, variant syntax.LangVariant) (file *syntax.File, placed bool) {
	w.inPlaceBytes += len(w.file.Src)
	if w.inComputedString() || w.inPlaceBytes > maxInPlaceBytes {
		return w.parseText(text, variant), false
	}
	if start < 0 || end > len(w.file.Src) || start > end {
		return nil, false
	}
	buf := bytes.Clone(w.file.Src)
	for i := range buf {
		if (i < start || i >= end) && buf[i] != '\n' {
			buf[i] = ' '
		}
	}
	if _, deep := NestsDeeper(buf, MaxNesting); deep {
		w.tooDeep = true
		return nil, false
	}
	file, err := Parse(bytes.NewReader(buf), w.file.Name, syntax.Variant(variant))
	if err != nil {
		return nil, false // not a script we can read; the shell will complain at run time
	}
	for _, s := range file.Stmts {
		w.collectFuncs(s, w.file)
	}
	return file, true
}

// parseText parses a script string that is not written out in the file, or nil when it
// does not parse.
func (w *walker) parseText(text string, variant syntax.LangVariant) *syntax.File {
	if _, deep := NestsDeeper([]byte(text), MaxNesting); deep {
		w.tooDeep = true
		return nil
	}
	f, err := Parse(strings.NewReader(text), w.file.Name, syntax.Variant(variant))
	if err != nil {
		return nil
	}
	for _, s := range f.Stmts {
		w.collect(s, w.file, false, nil) // its positions are its own: no variable references
	}
	if w.computed == nil {
		w.computed = map[*syntax.File]string{}
	}
	w.computed[f] = text
	return f
}

// MaxNesting bounds how deeply a script that is parsed may nest brackets and quotes. The
// parser recurses at each level, with a few KB of stack, and Go ends the whole process,
// past any recover, when a stack outgrows 1 GB: a 1 MiB script of nothing but `$(` did.
// Real scripts nest a few levels.
const MaxNesting = 20_000

// NestsDeeper reports whether code nests more than limit levels deep in src, and the
// offset where it first does. It reads src roughly as a shell lexer would: a level is a
// bracket, a double or back quote; nothing in single quotes, after a backslash or in a
// comment, and no bracket in double quotes but $( and ${, opens or closes one; a } that
// is not a word of its own closes only a ${. Where it errs (here-documents are read as
// code), it errs towards deeper.
func NestsDeeper(src []byte, limit int) (int, bool) {
	if len(src) <= limit {
		return 0, false // each level opens at a byte of its own
	}
	stack := []byte{0} // the open levels; 0 is the file itself, '$' a ${
	wordStart := func(i int) bool { return i == 0 || strings.IndexByte(" \t\n;&|()", src[i-1]) >= 0 }
	for i := 0; i < len(src); i++ {
		top, c := stack[len(stack)-1], src[i]
		open := byte(0)
		switch {
		case c == '\\':
			i++ // the next byte is quoted
		case top == '"' && c == '"', top == '`' && c == '`':
			stack = stack[:len(stack)-1]
		case c == '$' && i+1 < len(src) && (src[i+1] == '(' || src[i+1] == '{'):
			i++
			open = src[i]
			if open == '{' {
				open = '$'
			}
		case top == '"' && c != '`':
			// Inside double quotes only $( ${ and ` open a level.
		case c == '\'':
			if j := bytes.IndexByte(src[i+1:], '\''); j >= 0 {
				i += j + 1
			} else {
				i = len(src)
			}
		case c == '#' && wordStart(i):
			if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(src)
			}
		case c == '"' || c == '`' || c == '(' || c == '{' || c == '[':
			open = c
		case c == ')' && top == '(', c == ']' && top == '[', c == '}' && (top == '$' || top == '{' && wordStart(i)):
			stack = stack[:len(stack)-1]
		}
		if open != 0 {
			if stack = append(stack, open); len(stack)-1 > limit {
				return i, true
			}
		}
	}
	return 0, false
}

// literalContent returns the byte range of the text inside a quoted literal word, and
// that text.
func literalContent(word *syntax.Word) (start, end int, text string, ok bool) {
	if len(word.Parts) != 1 {
		return 0, 0, "", false
	}
	switch p := word.Parts[0].(type) {
	case *syntax.SglQuoted:
		if p.Dollar {
			return 0, 0, "", false
		}
		return int(p.Left.Offset()) + 1, int(p.Right.Offset()), p.Value, true
	case *syntax.DblQuoted:
		if p.Dollar || len(p.Parts) != 1 {
			return 0, 0, "", false
		}
		lit, isLit := p.Parts[0].(*syntax.Lit)
		if !isLit || strings.Contains(lit.Value, `\`) {
			return 0, 0, "", false
		}
		return int(lit.Pos().Offset()), int(lit.End().Offset()), lit.Value, true
	}
	return 0, 0, "", false
}

// maxInPlaceBytes bounds the bytes a walk copies to parse script strings in place (each
// costs a copy of the file): past it, strings are parsed on their own, so that a file of
// thousands of them costs time in proportion to its size.
const maxInPlaceBytes = 16 << 20

// inComputedString reports whether the walk is inside a computed script string, whose
// nodes have positions of their own.
func (w *walker) inComputedString() bool {
	for _, fr := range w.frames {
		if fr.kind == stringFrame {
			return true
		}
	}
	return false
}

// newShell is the context of a new shell that cmd starts (sh -c, a script file): its last
// command's status is cmd's, so it fails as cmd fails, and it sees the environment cmd's
// command line leaves.
func newShell(c ctx, cmd *Command) ctx {
	c.inScript, c.last = true, true
	parent := cmd.Failure
	c.parent = &parent
	c.shell = cmd
	c.handler, c.orCommand = NotHandled, ""
	return c
}
