// Package fix carries out the suggestions of a report: it chooses, for each finding, the
// first suggestion with text edits whose kind is safe to apply unattended ([SafeKinds]),
// skips a finding whose edits overlap one already chosen in the same file (a later run
// picks it up), applies the edits, and lints the fixed text again in its project's context
// through the driver before anything is written: a file that no longer parses, or whose
// fixed findings are still reported, is left alone and reported as a [Failure].
//
// [Plan] computes the fixed files from a [driver.Report] without touching the disk;
// [File.Write] replaces a file atomically (a temporary file in the same folder, renamed over
// it, with the file's mode kept); [File.Diff] renders the change as a unified diff. The
// command line's --fix and --diff and the language server's quick fixes share it.
package fix
