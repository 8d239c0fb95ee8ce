// Package driver turns what a user asks to check into one report: paths to projects, to
// hooks, to findings. The command line, the language server and the WebAssembly build
// share it, so that they find projects, name files and judge Kamal versions the same way.
//
// [Run] takes [Options] (a working directory, paths, the content of standard input, a hook
// name, a Kamal version, rule settings), finds the project root of each path
// ([project.FindRoot]), loads each project once ([project.Load]), lists its hooks
// ([analyzer.DiscoverHooks]) or takes the files named, runs the rules
// ([analyzer.Linter.Run]) and applies the per-rule settings ([Options.RuleSeverity]) in one
// place, after the rules have reported. The [Report] holds each project's findings and
// problems and the merged, sorted findings of all of them.
//
// A project may also be held in memory, as an fs.FS ([Options.FS]): the WebAssembly
// playground checks the hook and deploy.yml typed into its page so, through the same code
// as the command line, and nothing is read from disk.
//
// The driver reads files but never standard input, and writes nothing: the caller passes
// the bytes of standard input, prints the problems and decides the exit status from
// [Report.Outcome].
package driver
