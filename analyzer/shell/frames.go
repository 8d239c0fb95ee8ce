package shell

import (
	"mvdan.cc/sh/v3/syntax"
)

// frameKind says what a frame of the walk's stack is, and so where `exit`, `return` and
// the positional parameters go.
type frameKind int

const (
	funcFrame     frameKind = iota + 1 // a shell function call: return, "$@"
	subshellFrame                      // ( ), $( ), a pipeline element, a script string: exit
	processFrame                       // a script file the walk runs as its own process: exit, "$@"
	sourceFrame                        // a script file sourced into the running shell: return
	stringFrame                        // a computed script string: where its commands are reported
)

// frame is one active function call, subshell, or script file.
type frame struct {
	kind frameKind
	name string // the function's name
	args []Field
	// site is the command of the hook's own code that entered the frame (functions and
	// script files); the frame's commands are reported there.
	site *syntax.CallExpr
	// file is the file the frame's commands are written in (a script run or sourced, the
	// file a function is declared in), and from is the file that entered the frame, with
	// the position of the command that did.
	file, from *File
	at         syntax.Pos
	// exited joins the paths that left the frame early (return, exit).
	exited flow
}

// funcDef is a function declaration and the file it is written in.
type funcDef struct {
	decl *syntax.FuncDecl
	file *File
}

// Hop is one script file on the way from the hook to a command: the file, and the place in
// it that leads on (a command running the next file, or the command itself).
type Hop struct {
	File string
	Pos  syntax.Pos
}

// innermost returns the innermost frame of one of the kinds, or nil.
func (w *walker) innermost(kinds ...frameKind) *frame {
	for i := len(w.frames) - 1; i >= 0; i-- {
		for _, k := range kinds {
			if w.frames[i].kind == k {
				return w.frames[i]
			}
		}
	}
	return nil
}

// args returns the positional parameters where the walk is: those of the innermost
// function call or script file run with arguments, nil at the hook's top level.
func (w *walker) args() []Field {
	if fr := w.innermost(funcFrame, processFrame); fr != nil {
		return fr.args
	}
	return nil
}

// calling reports whether a function is already on the call stack (recursion).
func (w *walker) calling(name string) bool {
	for _, fr := range w.frames {
		if fr.kind == funcFrame && fr.name == name {
			return true
		}
	}
	return false
}

// site returns the command of the hook's own code that the walk is inside of, or nil at
// the hook's own level.
func (w *walker) site() *syntax.CallExpr {
	for _, fr := range w.frames {
		if fr.site != nil {
			return fr.site
		}
	}
	return nil
}

// placeCommand records where a command stands: the site in the hook that runs it, the
// functions it is reached through and the script files on the way.
func (w *walker) placeCommand(cmd *Command) {
	if s := w.site(); s != nil {
		cmd.Site = s
	}
	// The chain: each time the walk went into another file (a script run or sourced, or a
	// function written in one), that file with the place in it that leads on.
	cur := w.root
	for _, fr := range w.frames {
		if fr.kind == funcFrame {
			cmd.Via = append(cmd.Via, fr.name)
		}
		if fr.file == nil {
			continue
		}
		if n := len(cmd.Chain); n > 0 && cmd.Chain[n-1].Pos == (syntax.Pos{}) {
			cmd.Chain[n-1].Pos = fr.at // the command in that file that entered this frame
		}
		if fr.file != cur {
			cmd.Chain = append(cmd.Chain, Hop{File: fr.file.Name})
			cur = fr.file
		}
	}
	if n := len(cmd.Chain); n > 0 && cmd.Chain[n-1].Pos == (syntax.Pos{}) {
		cmd.Chain[n-1].Pos = cmd.Call.Pos()
	}
	cmd.File = w.file
}

// callFunction walks a function's body with the call's arguments as "$@", in the file the
// function is written in.
func (w *walker) callFunction(fd funcDef, in invocation) flow {
	fr := &frame{kind: funcFrame, name: fd.decl.Name.Value, args: in.argv[1:], file: fd.file, from: w.file, at: in.x.Pos()}
	if w.site() == nil {
		fr.site = in.x
	}
	w.frames = append(w.frames, fr)
	prev := w.file
	w.file = fd.file
	end := w.stmt(fd.decl.Body, in.c, in.f)
	w.file = prev
	w.frames = w.frames[:len(w.frames)-1]
	return join(end, fr.exited)
}
