// Package rules holds hooklint's checks, one file per rule. Each rule is an
// [analyzer.Rule] value with a stable ID, a kebab-case name, a default severity,
// documentation and a Run function; [All] lists them in one explicit order.
package rules
