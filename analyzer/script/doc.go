// Package script reads hooks written in Ruby or Python the way package shell reads shell
// hooks, without running anything, and yields the commands they run in the same shape:
// argv as [shell.Field] values with positions in the hook file, the worlds (outer kamal
// commands) in which each can run after the hook's guards, and what becomes of its failure
// as a [shell.Failure].
//
// # How a command is read
//
// A call that runs a command (Ruby system, exec, spawn, backticks, %x, Open3, IO.popen,
// Process.spawn; Python subprocess, os.system, os.exec*, os.spawn*) is turned into a small
// shell script and walked with [shell.Walk]: a string the hook hands to a shell is that
// script, with each interpolation replaced by an unknown variable; an argument list is one
// command of single-quoted words. The walk strips wrappers (bundle exec, env, sudo), reads
// `sh -c` and what the string does with its commands (&&, ||, pipelines, tests of
// $KAMAL_COMMAND), and every position it reports is carried back to the hook file byte for
// byte, through escapes, heredoc indentation and interpolations alike.
//
// # Failures
//
// A language's way of reporting a failure maps onto [shell.Failure] so that the engine
// reads both alike: a call that returns a status and goes on (system, subprocess.run
// without check, os.system) is a command without `set -e` (Errexit False); one that
// raises (exception: true, check_call, check_output, run(check=True), `system(...) or
// abort`) is a command under `set -e` (Errexit True; Unknown inside begin/rescue or
// try/except); output captures (backticks, %x, capture2, popen) are command substitutions;
// spawn, Popen and os.P_NOWAIT run in the background; exec and os.exec* replace the hook
// (Last), and nothing after them runs. A condition (`if system(...)`) handles the failure,
// as `X || Y` and `X && Y` do.
//
// # Guards
//
// Conditions on the environment are evaluated in each world: ENV["X"], ENV.fetch("X"[, d]),
// os.environ["X"], os.environ.get("X"[, d]), os.getenv("X"[, d]), and names assigned one of
// those; compared with ==, !=, =~ (a regexp literal), in, not in, is, include?,
// start_with?, nil?, empty?, against strings, nil/None, lists, %w[] and tuples; combined
// with and, or, not, &&, ||, !. They restrict the worlds of Ruby if/unless/elsif/else,
// statement modifiers, case/when (with lists and splats), `x and exit`, and Python
// if/elif/else and match/case on string patterns; an exit (exit, abort, raise, return at
// the top level or in a method, sys.exit, os._exit, exec) ends the path in the worlds
// that surely reach it.
//
// # What is not understood
//
// Anything else is unknown and keeps every world (the safe direction for reporting): a
// method or function body is read where it is defined, in the worlds that reach the
// definition, not where it is called, and calls of the hook's own methods are not
// followed; a method's `*args` is an unknown number of words. Loops and blocks may run any
// number of times and change no world. Values other than literals and the names bound to
// them by a plain assignment (string formatting with % or format, shlex.split, variables
// assigned in a branch) are unknown. Ruby pattern matching (case/in), Python's conditional
// expressions, and the ternary operator keep every world. Problems lists the constructs
// the reader stepped over.
package script
