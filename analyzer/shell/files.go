package shell

import (
	"maps"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// maxFiles bounds how many script files deep the walk follows.
const maxFiles = 8

// runsFile returns the script file a command runs as its own process, and the arguments
// it gets: `./script/migrate.sh a`, `bin/verify-replica`, `bash script/x.sh a`, or nil.
func (w *walker) runsFile(cmd *Command) (*File, []Field) {
	argv := cmd.Argv
	if w.cfg.Open == nil || len(argv) == 0 || !argv[0].Known {
		return nil, nil
	}
	if variant, ok := Dialect(argv[0].Text); ok && !strings.Contains(argv[0].Text, "/") || ok && path.IsAbs(argv[0].Text) {
		// sh FILE ARGS: the first word that is not an option names the script.
		for i := 1; i < len(argv); i++ {
			a := argv[i]
			switch {
			case !a.Known:
				return nil, nil
			case a.Text == "-c" || strings.HasPrefix(a.Text, "-") && strings.HasSuffix(a.Text, "c") && !strings.HasPrefix(a.Text, "--"):
				return nil, nil // a script string, walked by shellScript
			case strings.HasPrefix(a.Text, "-") || strings.HasPrefix(a.Text, "+"):
				continue
			}
			return w.open(a.Text, &variant), argv[i+1:]
		}
		return nil, nil
	}
	if !strings.Contains(argv[0].Text, "/") {
		return nil, nil // a program on PATH
	}
	return w.open(argv[0].Text, nil), argv[1:]
}

// open asks the configuration for a script file, refusing one the walk is already in.
func (w *walker) open(name string, variant *syntax.LangVariant) *File {
	files := 0
	for _, fr := range w.frames {
		if fr.kind == processFrame || fr.kind == sourceFrame {
			files++
		}
	}
	if files >= maxFiles {
		return nil
	}
	f := w.cfg.Open(name, variant)
	if f == nil || f == w.file || f.Name == w.root.Name {
		return nil
	}
	for _, fr := range w.frames {
		if fr.file == f {
			return nil // a cycle: the file is running already
		}
	}
	return f
}

// runFile walks a script file run as its own process by cmd: a new shell whose exit status
// is cmd's, with the arguments as "$@" and the environment cmd's command line leaves it.
func (w *walker) runFile(file *File, args []Field, cmd *Command, in invocation) flow {
	c := newShell(in.c, cmd)
	fr := &frame{kind: processFrame, args: args, file: file, from: w.file, at: in.x.Pos()}
	if w.site() == nil {
		fr.site = in.x
	}
	f := flow{worlds: in.f.worlds, errexit: triOf(file.Errexit), pipefail: False, ok: in.f.worlds}
	w.frames = append(w.frames, fr)
	w.shells = append(w.shells, cmd)
	prevFile, prevFuncs := w.file, w.funcs
	w.file, w.funcs = file, map[string]funcDef{}
	if file.Variant == syntax.LangBash {
		maps.Copy(w.funcs, w.exportedFuncs) // export -f: a bash child has them
	}
	for _, s := range file.Stmts {
		w.collectFuncs(s, file)
	}
	end := w.stmts(file.Stmts, c, f, false)
	w.file, w.funcs = prevFile, prevFuncs
	w.shells = w.shells[:len(w.shells)-1]
	w.frames = w.frames[:len(w.frames)-1]
	return in.f.statusOf(join(end, fr.exited))
}

// source walks `. FILE` or `source FILE` in the running shell: the file's variables,
// functions, options and exit are the script's own.
func (w *walker) source(in invocation) (flow, bool) {
	if w.cfg.Open == nil || !in.argv[1].Known || in.c.shell.remote() {
		return flow{}, false
	}
	variant := w.file.Variant
	file := w.open(in.argv[1].Text, &variant)
	if file == nil {
		return flow{}, false
	}
	fr := &frame{kind: sourceFrame, file: file, from: w.file, at: in.x.Pos()}
	if w.site() == nil {
		fr.site = in.x
	}
	c := in.c
	c.inScript = true
	w.frames = append(w.frames, fr)
	prev := w.file
	w.file = file
	for _, s := range file.Stmts {
		w.collectFuncs(s, file)
	}
	end := w.stmts(file.Stmts, c, in.f, false)
	w.file = prev
	w.frames = w.frames[:len(w.frames)-1]
	return join(end, fr.exited), true
}

// runForeign adds the commands of a Ruby or Python script that cmd runs (`./script/x.rb`,
// `ruby script/x.rb`), reported, as every command of a file the script runs, at the
// script's own call site, with the file in the chain.
func (w *walker) runForeign(cmd *Command, in invocation) {
	argv := cmd.Argv
	if w.cfg.Foreign == nil || len(argv) == 0 || !argv[0].Known {
		return
	}
	name := argv[0].Text
	switch path.Base(name) {
	case "ruby", "python", "python3":
		if len(argv) < 2 || !argv[1].Known || strings.HasPrefix(argv[1].Text, "-") {
			return
		}
		name = argv[1].Text
	}
	if !strings.Contains(name, "/") {
		return // a program on PATH
	}
	file, cmds := w.cfg.Foreign(name)
	for _, fc := range cmds {
		c := *fc
		if c.Worlds &= in.f.worlds; c.Worlds.Empty() {
			continue
		}
		c.Call = in.x // where the chain leaves this file; a foreign command has no node
		w.placeCommand(&c)
		c.Call, c.File, c.InScript = nil, nil, true
		if c.Site == nil {
			c.Site = in.x
		}
		c.Chain = append(c.Chain, Hop{File: file, Pos: fc.Argv[0].Pos})
		w.cmds = append(w.cmds, &c)
	}
}
