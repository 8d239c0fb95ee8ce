package main

import (
	"os"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"hooklint": main,
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a txtar archive with
// a script of hooklint invocations and the files it runs on, as shfmt's tests do.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// mkfifo FILE
			"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: mkfifo FILE")
				}
				ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
			},
			// chmod MODE FILE: txtar files are written without the run bit.
			"chmod": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: chmod MODE FILE")
				}
				var mode uint32
				for _, c := range args[0] {
					mode = mode*8 + uint32(c-'0')
				}
				ts.Check(os.Chmod(ts.MkAbs(args[1]), os.FileMode(mode)))
			},
		},
	})
}
