package script

import (
	"bytes"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer/shell"
)

// A command is read with analyzer/shell whatever its form, so that wrappers (bundle exec,
// env, sudo), `sh -c` and what a string does with its commands (&&, ||, pipelines, tests of
// $KAMAL_COMMAND) are understood once. The reader writes a small shell script, the synth:
// for a string, the string's value as the shell receives it, with every interpolation
// replaced by an unknown variable; for an argument list, each element single-quoted (a
// splat as an unquoted unknown variable, which stands for any number of words). The synth
// is parsed on its own and every position the walk reports is carried back to the file
// through offs, the file offset of each synth byte. This keeps positions exact where
// parsing in place (the file blanked around the string) cannot: escapes (\" \n), heredoc
// indentation and interpolations change the length of the text.
type synth struct {
	text  []byte
	offs  []int // len(text)+1: the file offset of each byte, and of the end
	words []synthWord
}

// synthWord is an argv element of an argument list in the synth.
type synthWord struct {
	start, end int // its span in the synth
	field      shell.Field
}

func (sy *synth) write(s string, off int) {
	sy.text = append(sy.text, s...)
	for range len(s) {
		sy.offs = append(sy.offs, off)
	}
}

// placeholder returns the text of an unknown value: a variable no world fixes.
func (w *walker) placeholder() string {
	w.holes++
	return fmt.Sprintf("${__hooklint_%d}", w.holes)
}

// synthString renders a string's value as a script.
func (w *walker) synthString(s *strLit) *synth {
	sy := &synth{}
	hi := 0
	for k := 0; k <= len(s.val); k++ {
		for hi < len(s.holes) && s.holes[hi].at == k {
			sy.write(w.placeholder(), s.holes[hi].pos)
			hi++
		}
		if k < len(s.val) {
			sy.write(string(s.val[k]), s.offs[k])
		}
	}
	end := s.end
	if len(s.holes) > 0 && len(s.val) == 0 {
		end = s.holes[len(s.holes)-1].end
	}
	sy.offs = append(sy.offs, end)
	return sy
}

// synthList renders an argument list as a script of one command.
func (w *walker) synthList(list []fieldLit) *synth {
	sy := &synth{}
	for k, fl := range list {
		if k > 0 {
			sy.write(" ", int(list[k-1].f.End.Offset()))
		}
		start := len(sy.text)
		f := fl.f
		pos := int(f.Pos.Offset())
		switch {
		case f.Known && fl.lit != nil && len(fl.lit.offs) == len(fl.lit.val):
			sy.write("'", pos)
			for b, c := range fl.lit.val {
				if c == '\'' {
					sy.write(`'\''`, fl.lit.offs[b])
				} else {
					sy.write(string(c), fl.lit.offs[b])
				}
			}
			sy.write("'", int(f.End.Offset()))
		case f.Known:
			sy.write("'"+strings.ReplaceAll(f.Text, "'", `'\''`)+"'", pos)
		case f.Spread:
			sy.write(w.placeholder(), pos) // unquoted: any number of words
		default:
			if f.Prefix != "" {
				sy.write("'"+strings.ReplaceAll(f.Prefix, "'", `'\''`)+"'", pos)
			}
			sy.write(`"`+w.placeholder()+`"`, pos)
		}
		sy.words = append(sy.words, synthWord{start: start, end: len(sy.text), field: f})
	}
	if len(list) > 0 {
		sy.offs = append(sy.offs, int(list[len(list)-1].f.End.Offset()))
	} else {
		sy.offs = append(sy.offs, 0)
	}
	return sy
}

// remap carries a synth position to the file.
func (w *walker) remap(sy *synth, p syntax.Pos) syntax.Pos {
	k := int(p.Offset())
	if k >= len(sy.offs) {
		k = len(sy.offs) - 1
	}
	if k < 0 {
		return w.pos(0)
	}
	return w.pos(sy.offs[k])
}

// run reads the command of a site with analyzer/shell and records what it runs.
func (w *walker) run(s *site, worlds shell.Worlds, fail shell.Failure, c ctx) {
	var sy *synth
	var ss *ShellString
	switch {
	case s.str != nil:
		sy = w.synthString(s.str)
		ss = &ShellString{Form: s.form, Text: w.shellText(s.str), Known: s.str.known(), Worlds: worlds, Failure: fail}
		ss.Pos, ss.End = w.pos(s.str.pos), w.pos(s.str.end)
		if len(s.str.offs) > 0 {
			ss.Pos = w.pos(s.str.offs[0])
		}
		w.res.Strings = append(w.res.Strings, ss)
	case len(s.list) > 0:
		sy = w.synthList(s.list)
	default:
		return
	}
	file, err := shell.Parse(bytes.NewReader(sy.text), "", syntax.Variant(syntax.LangPOSIX))
	if err != nil {
		pe, _ := err.(syntax.ParseError)
		w.problem(sy.offs[min(int(pe.Pos.Offset()), len(sy.offs)-1)], "the shell cannot parse this string: %s", pe.Text)
		return
	}
	res := shell.Walk(&shell.File{Src: sy.text, Variant: syntax.LangPOSIX, Stmts: file.Stmts}, shell.Config{Worlds: w.worlds, MaybeSet: w.cfg.MaybeSet})
	if res.TooDeep {
		w.res.TooDeep = true
	}
	remap := func(p syntax.Pos) syntax.Pos { return w.remap(sy, p) }
	for _, sc := range res.Commands {
		cmd := &Command{
			Form: s.form, Worlds: sc.Worlds & worlds, Failure: compose(fail, sc.Failure),
			Call: w.span(s.pos, s.end), Stmt: c.stmt, String: ss,
			env: append(append([]envChange{}, w.env...), s.env...), inner: sc, remap: remap,
		}
		for _, f := range sc.Argv {
			cmd.Argv = append(cmd.Argv, w.field(sy, f))
		}
		for _, wr := range sc.Wrappers {
			wr.Pos = remap(wr.Pos)
			cmd.Wrappers = append(cmd.Wrappers, wr)
		}
		if len(cmd.Argv) > 0 {
			w.res.Commands = append(w.res.Commands, cmd)
		}
	}
}

// field carries a field of the synth's walk to the file: an element of an argument list
// is the element as read; a word of a string has its positions remapped and, unknown, the
// file's text.
func (w *walker) field(sy *synth, f shell.Field) shell.Field {
	for _, sw := range sy.words {
		if int(f.Pos.Offset()) == sw.start && int(f.End.Offset()) == sw.end {
			return sw.field
		}
	}
	f.Pos, f.End = w.remap(sy, f.Pos), w.remap(sy, f.End)
	if !f.Known {
		if s, e := int(f.Pos.Offset()), int(f.End.Offset()); s <= e && e <= len(w.src) {
			f.Text = string(w.src[s:e])
		}
	}
	return f
}

// shellText is a string's value with each interpolation written as its source.
func (w *walker) shellText(s *strLit) string {
	var sb strings.Builder
	hi := 0
	for k := 0; k <= len(s.val); k++ {
		for hi < len(s.holes) && s.holes[hi].at == k {
			h := s.holes[hi]
			if h.pos <= h.end && h.end <= len(w.src) {
				sb.Write(w.src[h.pos:h.end])
			}
			hi++
		}
		if k < len(s.val) {
			sb.WriteByte(s.val[k])
		}
	}
	return sb.String()
}

// compose returns the failure of a command of a shell string: a failure that ends the
// shell (the last command, or set -e) is the string's, and the hook's language decides;
// one handled inside the string (|| true, a pipeline) stays handled.
func compose(outer, inner shell.Failure) shell.Failure {
	if inner.Handler == shell.NotHandled && (inner.Last || inner.Errexit == shell.True) {
		outer.StderrDiscarded = outer.StderrDiscarded || inner.StderrDiscarded
		return outer
	}
	return inner
}
