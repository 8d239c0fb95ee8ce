package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the files the scripts compare output with")

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
		UpdateScripts:       *update,
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
			// status N PROGRAM [ARG ...]: run PROGRAM, keeping its output for stdout and
			// stderr, and fail unless its exit status is N (exec only tells zero from not).
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: status N PROGRAM [ARG ...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("%s: %v", args[1], err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
				}
			},
			// mode PERM FILE: fail unless FILE's permission bits are PERM (octal).
			"mode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: mode PERM FILE")
				}
				info, err := os.Stat(ts.MkAbs(args[1]))
				ts.Check(err)
				if got := fmt.Sprintf("%o", info.Mode().Perm()); got != args[0] {
					ts.Fatalf("%s has mode %s, want %s", args[1], got, args[0])
				}
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
