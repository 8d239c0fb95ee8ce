package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// handlerOf says how the right side of `X || Y` receives X's failure: NotHandled when Y
// passes it on (`|| exit 1`, `|| { echo failed; exit 1; }`, a function that ends so, as
// `|| die "failed"`), else HandledByOr with Y's command name.
func (w *walker) handlerOf(y *syntax.Stmt) (Handler, string) {
	if w.failsOn(y, 0) {
		return NotHandled, ""
	}
	if call, ok := y.Cmd.(*syntax.CallExpr); ok && len(call.Args) > 0 {
		return HandledByOr, call.Args[0].Lit()
	}
	return HandledByOr, ""
}

// failsOn reports whether a statement surely ends the script (or function) with a
// failure: exit or return with a status other than a literal 0, as the last command of a
// block or of a function it calls.
func (w *walker) failsOn(s *syntax.Stmt, depth int) bool {
	if depth > maxFrames {
		return false
	}
	switch x := s.Cmd.(type) {
	case *syntax.Block:
		return len(x.Stmts) > 0 && w.failsOn(x.Stmts[len(x.Stmts)-1], depth+1)
	case *syntax.CallExpr:
		if len(x.Args) == 0 {
			return false
		}
		name := x.Args[0].Lit()
		if name == "exit" || name == "return" {
			return len(x.Args) == 1 && name == "exit" || len(x.Args) > 1 && x.Args[1].Lit() != "0"
		}
		if fd, ok := w.funcs[name]; ok {
			return w.failsOn(fd.decl.Body, depth+1)
		}
	}
	return false
}

// exitsWithStatus reports whether a statement is `exit $?` (or `exit "$?"`): the status of
// the command before it becomes the script's.
func exitsWithStatus(s *syntax.Stmt) bool {
	call, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) != 2 || call.Args[0].Lit() != "exit" {
		return false
	}
	return soleParam(call.Args[1]) == "?"
}

// setOptions applies `set` arguments to the errexit and pipefail states: -e, +e,
// -o errexit, -o pipefail, and clusters like -euo pipefail.
func setOptions(args []Field, errexit, pipefail Tri) (Tri, Tri) {
	for i, a := range args {
		if !a.Known {
			return Unknown, Unknown
		}
		s := a.Text
		if len(s) < 2 || s[0] != '-' && s[0] != '+' || strings.HasPrefix(s, "--") {
			continue
		}
		on := triOf(s[0] == '-')
		flags := s[1:]
		if strings.Contains(flags, "e") {
			errexit = on
		}
		// -o NAME, also at the end of a cluster (-euo pipefail).
		if strings.HasSuffix(flags, "o") && i+1 < len(args) && args[i+1].Known {
			switch args[i+1].Text {
			case "errexit":
				errexit = on
			case "pipefail":
				pipefail = on
			}
		}
	}
	return errexit, pipefail
}

// ErrexitFlags reports whether a shell's command-line options turn on errexit:
// `#!/bin/bash -e`, `sh -ec`, `-o errexit`.
func ErrexitFlags(args []string) bool {
	for i, a := range args {
		if a == "-o" && i+1 < len(args) && args[i+1] == "errexit" {
			return true
		}
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "e") {
			return true
		}
	}
	return false
}

// discardsStderr reports whether a statement's redirections send standard error to
// /dev/null, following them in order as the shell does (>/dev/null 2>&1).
func discardsStderr(rs []*syntax.Redirect) bool {
	if len(rs) == 0 {
		return false
	}
	fds := map[string]string{"1": "out", "2": "err"}
	for _, r := range rs {
		fd := ""
		if r.N != nil {
			fd = r.N.Value
		}
		target := ""
		if r.Word != nil {
			target = r.Word.Lit()
		}
		switch r.Op {
		case syntax.RdrOut, syntax.AppOut, syntax.RdrClob, syntax.AppClob:
			if fd == "" {
				fd = "1"
			}
			fds[fd] = target
		case syntax.RdrAll, syntax.AppAll, syntax.RdrAllClob, syntax.AppAllClob:
			fds["1"], fds["2"] = target, target
		case syntax.DplOut:
			if fd == "" {
				fd = "1"
			}
			fds[fd] = fds[target]
		}
	}
	return fds["2"] == "/dev/null"
}
