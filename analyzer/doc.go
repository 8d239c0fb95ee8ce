// Package analyzer is hooklint's engine: it loads a Kamal project, parses its hooks with
// mvdan.cc/sh/v3, finds every command a hook runs together with the conditions under which
// it runs, and runs the rules over them in one shared pass, collecting [Diagnostic] values.
//
// The Kamal facts it relies on live in the sub-package kamal; deploy.yml and version
// detection in project; output formats in format.
package analyzer

// Version is hooklint's own version, printed by `hooklint --version` and in SARIF output.
const Version = "0.1.0"
