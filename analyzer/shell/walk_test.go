package shell

import (
	"slices"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// The worlds of these tests: a hook run under `kamal setup` and under `kamal deploy`.
var testWorlds = []World{
	{Vars: map[string]Var{"KAMAL_COMMAND": {Value: "setup", Set: true}, "KAMAL_LOCK": {Value: "true", Set: true}}},
	{Vars: map[string]Var{"KAMAL_COMMAND": {Value: "deploy", Set: true}, "KAMAL_LOCK": {Value: "false", Set: true}}},
}

var worldNames = []string{"setup", "deploy"}

// kamalSets are variables the environment of these tests may set.
var kamalSets = []string{"KAMAL_COMMAND", "KAMAL_LOCK", "KAMAL_DESTINATION", "KAMAL_HOSTS", "KAMAL_ROLES"}

func parse(t *testing.T, variant syntax.LangVariant, src string) *File {
	t.Helper()
	f, err := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(variant)).Parse(strings.NewReader(src), "hook")
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	return &File{Name: "hook", Src: []byte(src), Variant: variant, Stmts: f.Stmts}
}

func walk(t *testing.T, variant syntax.LangVariant, src string) *Result {
	t.Helper()
	return Walk(parse(t, variant, src), Config{
		Worlds:   testWorlds,
		MaybeSet: func(name string) bool { return slices.Contains(kamalSets, name) },
	})
}

// reached returns, for every `hit NAME` command, the worlds it runs in: "setup,deploy".
func reached(res *Result) map[string]string {
	out := map[string]string{}
	for _, c := range res.Commands {
		if len(c.Argv) < 2 || c.Argv[0].Text != "hit" {
			continue
		}
		var names []string
		c.Worlds.Each(func(i int) { names = append(names, worldNames[i]) })
		name := c.Argv[1].Text
		if prev, ok := out[name]; ok && prev != strings.Join(names, ",") {
			// A command met twice (a function called twice): the union.
			for _, n := range strings.Split(prev, ",") {
				if n != "" && !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
			slices.SortFunc(names, func(a, b string) int { return slices.Index(worldNames, a) - slices.Index(worldNames, b) })
		}
		out[name] = strings.Join(names, ",")
	}
	return out
}

func TestGuards(t *testing.T) {
	tests := []struct {
		name    string
		variant syntax.LangVariant
		src     string
		want    map[string]string // marker -> worlds reaching it ("" = none)
	}{
		{"empty operands", syntax.LangPOSIX, `[ "" ] || hit a; [ -n "" ] || hit b; [ "" = "" ] && hit c`,
			map[string]string{"a": "setup,deploy", "b": "setup,deploy", "c": "setup,deploy"}},
		{"if test", syntax.LangPOSIX, `if [ "$KAMAL_COMMAND" != setup ]; then hit a; fi; hit b`,
			map[string]string{"a": "deploy", "b": "setup,deploy"}},
		{"early exit", syntax.LangPOSIX, `[ "$KAMAL_COMMAND" = setup ] && exit 0; hit a`,
			map[string]string{"a": "deploy"}},
		{"or exit", syntax.LangPOSIX, `test "$KAMAL_COMMAND" = deploy || exit 0; hit a`,
			map[string]string{"a": "deploy"}},
		{"case", syntax.LangPOSIX, "case $KAMAL_COMMAND in\nsetup) exit 0;;\n*) hit a;;\nesac\nhit b",
			map[string]string{"a": "deploy", "b": "deploy"}},
		{"case glob", syntax.LangPOSIX, "case \"$KAMAL_COMMAND\" in\nde*|re*) hit a;;\nesac",
			map[string]string{"a": "deploy"}},
		{"bash [[ ==", syntax.LangBash, `[[ $KAMAL_COMMAND == setup ]] || hit a`,
			map[string]string{"a": "deploy"}},
		{"bash [[ =~", syntax.LangBash, `if [[ $KAMAL_COMMAND =~ ^(deploy|redeploy)$ ]]; then hit a; fi`,
			map[string]string{"a": "deploy"}},
		{"KAMAL_LOCK", syntax.LangPOSIX, `[ "$KAMAL_LOCK" = true ] || hit a`,
			map[string]string{"a": "deploy"}},
		{"unknown condition keeps both", syntax.LangPOSIX, `if [ -f /tmp/x ]; then hit a; fi`,
			map[string]string{"a": "setup,deploy"}},
		{"set -e and a failing test", syntax.LangPOSIX, "set -e\n[ \"$KAMAL_COMMAND\" != setup ]\nhit a",
			map[string]string{"a": "deploy"}},
		{"a failing test without set -e", syntax.LangPOSIX, "[ \"$KAMAL_COMMAND\" != setup ]\nhit a",
			map[string]string{"a": "setup,deploy"}},
		{"exit in a subshell ends the subshell only", syntax.LangPOSIX, `( [ "$KAMAL_COMMAND" = setup ] && exit 0; hit a ); hit b`,
			map[string]string{"a": "deploy", "b": "setup,deploy"}},
		{"subshell status is its exit", syntax.LangPOSIX, `if ( [ "$KAMAL_COMMAND" = setup ] && exit 1; exit 0 ); then hit a; fi`,
			map[string]string{"a": "deploy"}},
		{"negation", syntax.LangPOSIX, `if ! [ "$KAMAL_COMMAND" = setup ]; then hit a; fi`,
			map[string]string{"a": "deploy"}},
		{"elif", syntax.LangPOSIX, "if [ \"$KAMAL_COMMAND\" = x ]; then hit a\nelif [ \"$KAMAL_COMMAND\" = setup ]; then hit b\nelse hit c\nfi",
			map[string]string{"a": "", "b": "setup", "c": "deploy"}},

		// Helper functions: their truth is their status.
		{"helper: last test", syntax.LangPOSIX, "is_setup() { [ \"$KAMAL_COMMAND\" = setup ]; }\nis_setup && exit 0\nhit a",
			map[string]string{"a": "deploy"}},
		{"helper: return N in if", syntax.LangPOSIX, "is_setup() {\n  if [ \"$KAMAL_COMMAND\" = setup ]; then return 0; fi\n  return 1\n}\nif is_setup; then exit 0; fi\nhit a",
			map[string]string{"a": "deploy"}},
		{"helper: && return 0 || return 1", syntax.LangPOSIX, "is_setup() { [ \"$KAMAL_COMMAND\" = setup ] && return 0 || return 1; }\nif ! is_setup; then hit a; fi",
			map[string]string{"a": "deploy"}},
		{"helper: return $?", syntax.LangPOSIX, "is_setup() { test \"$KAMAL_COMMAND\" = setup; return $?; }\nis_setup || hit a",
			map[string]string{"a": "deploy"}},
		{"helper: case with return", syntax.LangPOSIX, "locked() {\n  case $KAMAL_COMMAND in setup) return 0;; esac\n  return 1\n}\nlocked && exit 0\nhit a",
			map[string]string{"a": "deploy"}},
		{"helper: argument", syntax.LangBash, "is() { [[ $KAMAL_COMMAND == \"$1\" ]]; }\nis setup || hit a\nis deploy || hit b",
			map[string]string{"a": "deploy", "b": "setup"}},
		{"helper of unknown truth", syntax.LangPOSIX, "ready() { [ -f /tmp/ready ]; }\nready && exit 0\nhit a",
			map[string]string{"a": "setup,deploy"}},
		{"helper: echo then exit", syntax.LangPOSIX, "skip() { echo skipping; exit 0; }\n[ \"$KAMAL_COMMAND\" = setup ] && skip\nhit a",
			map[string]string{"a": "deploy"}},

		// Variables: copies, defaults, flags.
		{"copy with :-", syntax.LangPOSIX, "cmd=\"${KAMAL_COMMAND:-}\"\n[ \"$cmd\" = setup ] && exit 0\nhit a",
			map[string]string{"a": "deploy"}},
		{"copy with -", syntax.LangPOSIX, "cmd=${KAMAL_COMMAND-}\ncase $cmd in setup) exit 0;; esac\nhit a",
			map[string]string{"a": "deploy"}},
		{"assign default expansion", syntax.LangPOSIX, ": \"${cmd:=$KAMAL_COMMAND}\"\n[ \"$cmd\" = setup ] && exit 0\nhit a",
			map[string]string{"a": "deploy"}},
		{"flag per world", syntax.LangPOSIX, "SKIP=\n[ \"$KAMAL_COMMAND\" = setup ] && SKIP=1\n[ -n \"$SKIP\" ] || hit a",
			map[string]string{"a": "deploy"}},
		{"export flag in sh", syntax.LangPOSIX, "[ \"$KAMAL_COMMAND\" = setup ] && export SKIP=1\n[ \"${SKIP:-0}\" = 1 ] || hit a",
			map[string]string{"a": "deploy"}},
		{"readonly copy in sh", syntax.LangPOSIX, "readonly C=$KAMAL_COMMAND\n[ \"$C\" = setup ] || hit a",
			map[string]string{"a": "deploy"}},
		{"declare -r in bash", syntax.LangBash, "declare -r C=\"$KAMAL_COMMAND\"\n[[ $C == setup ]] || hit a",
			map[string]string{"a": "deploy"}},
		{"typeset in bash", syntax.LangBash, "typeset C=$KAMAL_COMMAND\n[ \"$C\" = setup ] || hit a",
			map[string]string{"a": "deploy"}},
		{"local in a helper", syntax.LangPOSIX, "locked() { local c=\"$KAMAL_COMMAND\"; [ \"$c\" = setup ]; }\nlocked || hit a",
			map[string]string{"a": "deploy"}},
		{"unknown env default", syntax.LangPOSIX, "[ \"${SKIP_REBOOT:-0}\" = 1 ] && exit 0\nhit a",
			map[string]string{"a": "setup,deploy"}},
		{"the user's switch", syntax.LangPOSIX, "if [ \"$REBOOT\" = 1 ]; then hit a; fi\nif [ \"${REBOOT_DB:-0}\" = 1 ]; then hit b; fi",
			map[string]string{"a": "setup,deploy", "b": "setup,deploy"}},
		{"the script's own flag", syntax.LangPOSIX, "[ \"$KAMAL_COMMAND\" = setup ] || RUN=1\n[ -z \"$RUN\" ] || hit a\n[ \"${RUN:-0}\" = 1 ] && hit b",
			map[string]string{"a": "deploy", "b": "deploy"}},

		// [[ in a POSIX script: dash has no [[, so it fails there; bash runs it.
		{"[[ in sh: exit guard does not hold", syntax.LangPOSIX, "[[ \"$KAMAL_COMMAND\" = setup ]] && exit 0\nhit a",
			map[string]string{"a": "setup,deploy"}},
		{"[[ in sh: if body never runs where false", syntax.LangPOSIX, "if [[ \"$KAMAL_COMMAND\" != setup ]]; then hit a; fi",
			map[string]string{"a": "deploy"}},

		// eval shares the script's shell.
		{"eval exit", syntax.LangPOSIX, "eval '[ \"$KAMAL_COMMAND\" = setup ] && exit 0'\nhit a",
			map[string]string{"a": "deploy"}},
		{"sh -c exit is the inner shell's", syntax.LangPOSIX, "sh -c '[ \"$KAMAL_COMMAND\" = setup ] && exit 0; hit a'\nhit b",
			map[string]string{"a": "deploy", "b": "setup,deploy"}},

		{"return at top level: sh stops", syntax.LangPOSIX, "[ \"$KAMAL_COMMAND\" = setup ] && return 0\nhit a",
			map[string]string{"a": "deploy"}},
		{"return at top level: bash goes on", syntax.LangBash, "[ \"$KAMAL_COMMAND\" = setup ] && return 0\nhit a",
			map[string]string{"a": "setup,deploy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reached(walk(t, tt.variant, tt.src))
			for marker, want := range tt.want {
				if got[marker] != want {
					t.Errorf("hit %s runs under %q, want %q\n%s", marker, got[marker], want, tt.src)
				}
			}
		})
	}
}
