// Package shell reads a shell script the way the shell would run it, without running
// anything. It is hooklint's interpreter: one walk of a parsed script (mvdan.cc/sh/v3/syntax)
// that follows every path through it once for several "worlds" at a time, where a world is
// one way the script is started (here: one outer kamal command, with the environment
// variables it sets).
//
// The walk yields typed facts and no prose:
//
//   - every simple command the script runs ([Command]), with its expanded argv ([Field]
//     values carrying their source spans), the wrappers it runs through (exec, env, sudo,
//     bundle exec, ...), the worlds in which it can run after the script's own guards, what
//     becomes of its failure ([Failure]), and the environment it sees ([Command.Env]);
//   - every variable read and write, with its position ([VarRef]);
//   - the exit status of every statement per world, which is how conditions are decided:
//     `if`, `&&`, `||`, `case`, `!`, loops, functions that `return N`, `exit` and `set -e`
//     are all effects of one evaluation, with the shell builtins in one place (builtins.go).
//
// Values the walk cannot know (a command substitution, a variable from the environment that
// no world fixes) are unknown, and a condition on them keeps both branches. Nothing is ever
// executed.
package shell
