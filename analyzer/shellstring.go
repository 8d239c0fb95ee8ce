package analyzer

import (
	"bytes"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// shellString walks the script of `sh -c 'SCRIPT'` (bash, dash, zsh, ksh alike) or of
// `eval 'SCRIPT'` as a subshell of the hook, so that `bash -c "kamal accessory reboot db"` is found like any
// other call. The script must be a literal the walk can place exactly in the file: single
// quotes, or double quotes without expansions or escapes. It is parsed in place, with the
// rest of the file blanked, so its positions are the file's own; a guard wraps the outer
// command.
func (w *walker) shellString(cmd *Command, from []*syntax.Word, c ctx, f flow) {
	argv := cmd.Argv
	if len(argv) < 2 || !argv[0].Known {
		return
	}
	script := -1
	variant, ok := dialect(path.Base(argv[0].Text))
	if argv[0].Text == "eval" {
		// eval 'SCRIPT' runs in the hook's own shell.
		variant, ok, script = w.h.Variant, true, 1
	}
	if !ok || argv[0].Text == "" {
		return
	}
	for i, a := range argv[1:] {
		if script > 0 {
			break
		}
		if !a.Known || !strings.HasPrefix(a.Text, "-") || a.Text == "-" || a.Text == "--" {
			break
		}
		if strings.HasSuffix(a.Text, "c") && !strings.HasPrefix(a.Text, "--") {
			script = i + 2
			break
		}
	}
	if script < 0 || script >= len(argv) {
		return
	}
	word := from[argv[script].Index]
	start, end, ok := literalContent(word)
	if !ok {
		return
	}
	buf := bytes.Clone(w.h.Src)
	for i := range buf {
		if (i < start || i >= end) && buf[i] != '\n' {
			buf[i] = ' '
		}
	}
	file, err := syntax.NewParser(syntax.Variant(variant)).Parse(bytes.NewReader(buf), w.h.File)
	if err != nil {
		return // not a script we can read; the shell will complain at run time
	}
	inner := c
	inner.subshell = true
	inner.last = c.last && cmd.Failure.Handled == ""
	// A new shell: its own variables and options.
	w.stmts(file.Stmts, inner, flow{worlds: f.worlds, errexit: False, pipefail: False}, false)
}

// literalContent returns the byte range of the text inside a quoted literal word, when the
// text in the file is exactly the string the command receives.
func literalContent(word *syntax.Word) (start, end int, ok bool) {
	if len(word.Parts) != 1 {
		return 0, 0, false
	}
	switch p := word.Parts[0].(type) {
	case *syntax.SglQuoted:
		if p.Dollar {
			return 0, 0, false
		}
		return int(p.Left.Offset()) + 1, int(p.Right.Offset()), true
	case *syntax.DblQuoted:
		if p.Dollar || len(p.Parts) != 1 {
			return 0, 0, false
		}
		lit, isLit := p.Parts[0].(*syntax.Lit)
		if !isLit || strings.Contains(lit.Value, `\`) {
			return 0, 0, false
		}
		return int(lit.Pos().Offset()), int(lit.End().Offset()), true
	}
	return 0, 0, false
}
