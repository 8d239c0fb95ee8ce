// Package kamal holds everything hooklint knows about Kamal, as data: which releases
// exist and the lock eras they fall into ([Version], [Era]), which commands take the
// deploy lock in which release ([Commands], [Command.TakesLock]), which hooks run under
// which outer commands and whether the lock is held meanwhile ([Hooks], [Hook.RunsAt]),
// which KAMAL_* variables a hook gets ([Variables]), and how Kamal's Thor CLI reads a
// command line ([ParseCall]).
//
// The specification is lock-model.md (in the project's shared notes); every table cites
// the section it comes from, and the Kamal source (basecamp/kamal, path@tag:line) where
// the two were compared. A new Kamal release should need changes to the tables only:
// [Newest] in version.go, and rows in command_table.go, hooks.go or variables.go.
//
// Version bounds in the tables are half-open: Since is the first release that has the
// thing, Until the first that no longer has it, and a zero [Version] is an open bound.
package kamal
