// Package project loads a Kamal project statically: it finds the project root, reads
// config/deploy.yml and its destination files, and detects the Kamal version from
// Gemfile.lock or minimum_version.
//
// Nothing read is ever executed. deploy.yml is an ERB template that Kamal renders with Ruby
// before parsing it as YAML (lock-model.md §7); hooklint instead replaces each ERB output tag
// with a placeholder ([NeutraliseERB]) and marks the values that contain one as
// [Scalar.Dynamic], so that a rule can tell a host written in the file from one computed at
// deploy time.
//
// A project is read from disk, or from an fs.FS ([Options.FS]) that holds it in memory; the
// two differ only in how a file is opened, listed or described ([Project.ReadFile],
// [Project.ReadDir], [Project.FileMode]).
//
// Broken input (bad YAML, binary files, FIFOs, symlink loops, huge or deeply nested files)
// never makes [Load] fail or hang: each becomes a [Problem] naming the file and line, and
// loading goes on with what could be read. Load reads every file up front, so a [Project]
// is complete when it returns and never changes afterwards.
package project
