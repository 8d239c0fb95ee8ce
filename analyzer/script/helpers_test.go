package script

import "github.com/hooklint/hooklint/analyzer/shell"

// The worlds of these tests: a hook run under `kamal setup` and under `kamal deploy`.
var testConfig = shell.Config{Worlds: []shell.World{
	{Vars: map[string]shell.Var{"KAMAL_COMMAND": {Value: "setup", Set: true}, "KAMAL_LOCK": {Value: "true", Set: true}}},
	{Vars: map[string]shell.Var{"KAMAL_COMMAND": {Value: "deploy", Set: true}, "KAMAL_LOCK": {Value: "false", Set: true}}},
}}
