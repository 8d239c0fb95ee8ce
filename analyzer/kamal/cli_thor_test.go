package kamal

import (
	"slices"
	"strings"
	"testing"
)

// words builds argv from a spec per word: "text" is literal; "text|prefix" is computed,
// with source text text and literal prefix prefix; "$@" spreads.
func computedArgv(spec ...string) []Word {
	out := make([]Word, len(spec))
	for i, s := range spec {
		switch text, prefix, computed := strings.Cut(s, "|"); {
		case s == `"$@"`:
			out[i] = Word{Text: s, Spread: true, Index: i}
		case computed:
			out[i] = Word{Text: text, Prefix: prefix, Index: i}
		default:
			out[i] = Word{Text: s, Known: true, Index: i}
		}
	}
	return out
}

func TestParseCallThor(t *testing.T) {
	v2, v1 := Newest, V(1, 9, 3)
	type opt struct {
		text  string
		known bool
	}
	tests := []struct {
		v        Version
		line     []string
		path     string // Command.Path; "" = no command
		kind     ProblemKind
		problem  string // exact, when not ""
		args     []string
		opts     map[string]opt
		squeezed map[string]opt // cluster word text and Known
		lock     bool
	}{
		// --name=<computed>: the option is set, its value is not known.
		{v2, []string{"accessory", "reboot", "db", `--destination="$X"|--destination=`}, "accessory reboot", NoProblem, "",
			[]string{"db"}, map[string]opt{"destination": {`--destination="$X"`, false}}, nil, true},
		{v2, []string{"accessory", "reboot", "db", `-d="$X"|-d=`}, "accessory reboot", NoProblem, "",
			[]string{"db"}, map[string]opt{"destination": {`-d="$X"`, false}}, nil, true},
		{v2, []string{"accessory", "reboot", `--config-file="$X"|--config-file=`, "db"}, "accessory reboot", NoProblem, "",
			[]string{"db"}, map[string]opt{"config_file": {`--config-file="$X"`, false}}, nil, true},
		// An option Thor does not know keeps its words as arguments, whatever the value.
		{v2, []string{"deploy", `--foo="$X"|--foo=`}, "deploy", WrongArity, `ERROR: "kamal deploy" was called with arguments [--foo="$X"]`,
			[]string{`--foo="$X"`}, nil, nil, false},
		// -d<computed>: never -d VALUE; a cluster when the value is letters, else an
		// argument. The call runs or not depending on the value: no arity problem.
		{v2, []string{"accessory", "reboot", "db", `-d"$X"|-d`}, "accessory reboot", NoProblem, "",
			[]string{"db"}, map[string]opt{"destination": {`-d"$X"`, false}}, map[string]opt{"destination": {`-d"$X"`, false}}, true},
		{v2, []string{"accessory", "reboot", `-d"$X"|-d`}, "accessory reboot", NoProblem, "",
			nil, map[string]opt{"destination": {`-d"$X"`, false}}, map[string]opt{"destination": {`-d"$X"`, false}}, true},
		{v2, []string{"app", `-d"$X"|-d`, "boot"}, "app boot", NoProblem, "",
			nil, map[string]opt{"destination": {`-d"$X"`, false}}, map[string]opt{"destination": {`-d"$X"`, false}}, true},
		// A known cluster: -dstaging is -d -s -t -a -g -i -n -g.
		{v2, []string{"accessory", "reboot", "db", "-dstaging"}, "accessory reboot", WrongArity,
			`ERROR: "kamal accessory reboot" was called with arguments ["db", "-s", "-t", "-a", "-g", "-i", "-n", "-g"]`,
			[]string{"db", "-s", "-t", "-a", "-g", "-i", "-n", "-g"}, map[string]opt{"destination": {"destination", true}},
			map[string]opt{"destination": {"-dstaging", true}}, false},
		{v2, []string{"accessory", "reboot", "db", "-dH"}, "accessory reboot", NoProblem, "", []string{"db"},
			map[string]opt{"destination": {"destination", true}, "skip_hooks": {"true", true}},
			map[string]opt{"destination": {"-dH", true}, "skip_hooks": {"-dH", true}}, true},
		{v2, []string{"accessory", "reboot", "-Hd", "staging", "db"}, "accessory reboot", NoProblem, "", []string{"db"},
			map[string]opt{"destination": {"staging", true}, "skip_hooks": {"true", true}},
			map[string]opt{"destination": {"-Hd", true}, "skip_hooks": {"-Hd", true}}, true},
		{v2, []string{"accessory", "reboot", "db", "-dstaging-2"}, "accessory reboot", WrongArity,
			`ERROR: "kamal accessory reboot" was called with arguments ["db", "-dstaging-2"]`, []string{"db", "-dstaging-2"}, nil, nil, false},
		// Arity: surplus and missing arguments, with the command kept.
		{v2, []string{"accessory", "reboot", "db", "-y"}, "accessory reboot", WrongArity,
			`ERROR: "kamal accessory reboot" was called with arguments ["db", "-y"]`, []string{"db", "-y"}, nil, nil, false},
		{v2, []string{"accessory", "reboot"}, "accessory reboot", WrongArity,
			`ERROR: "kamal accessory reboot" was called with no arguments`, nil, nil, nil, false},
		{v2, []string{"accessory", "upgrade", "-y"}, "accessory upgrade", WrongArity,
			`ERROR: "kamal accessory upgrade" was called with no arguments`, nil, map[string]opt{"confirmed": {"true", true}}, nil, false},
		{v2, []string{"deploy", "extra"}, "deploy", WrongArity, `ERROR: "kamal deploy" was called with arguments ["extra"]`, []string{"extra"}, nil, nil, false},
		{v2, []string{"app", "stale_containers", "--stop", "now"}, "app stale_containers", WrongArity,
			`ERROR: "kamal app stale_containers" was called with arguments ["now"]`, []string{"now"}, map[string]opt{"stop": {"true", true}}, nil, false},
		{v2, []string{"app", "exec", "-d", "staging", `"$@"`}, "app exec", NoProblem, "", []string{`"$@"`},
			map[string]opt{"destination": {"staging", true}}, nil, false},
		{v2, []string{"accessory", "reboot", `"$@"`}, "accessory reboot", NoProblem, "", []string{`"$@"`}, nil, nil, true},
		{v2, []string{"deploy", `"$@"`}, "deploy", NoProblem, "", []string{`"$@"`}, nil, nil, true},
		{v2, []string{"accessory", "reboot", "db", "extra", `"$@"`}, "accessory reboot", NoProblem, "", []string{"db", "extra", `"$@"`}, nil, nil, true},
		// A computed argument may be an option (deploy "$FLAGS" with -P runs); one whose
		// prefix is not a dash is one argument.
		{v2, []string{"deploy", `"$FLAGS"|`}, "deploy", NoProblem, "", []string{`"$FLAGS"`}, nil, nil, true},
		{v2, []string{"accessory", "reboot", `db-"$N"|db-`, "x"}, "accessory reboot", WrongArity,
			`ERROR: "kamal accessory reboot" was called with arguments [db-"$N", "x"]`, []string{`db-"$N"`, "x"}, nil, nil, false},
		// v1's exec takes the command line as one word.
		{v1, []string{"app", "exec", "bin/rails", "db:migrate"}, "app exec", WrongArity,
			`ERROR: "kamal app exec" was called with arguments ["bin/rails", "db:migrate"]`, []string{"bin/rails", "db:migrate"}, nil, nil, false},
		{v1, []string{"app", "exec", "bin/rails db:migrate"}, "app exec", NoProblem, "", []string{"bin/rails db:migrate"}, nil, nil, false},
		{V(2, 3, 0), []string{"accessory", "exec", "db", "psql", "-c", "select 1"}, "accessory exec", NoProblem, "", []string{"db", "psql"},
			map[string]opt{"config_file": {"select 1", true}}, nil, false},
		{V(2, 3, 0), []string{"accessory", "exec", "db", "psql", "x"}, "accessory exec", WrongArity, "", []string{"db", "psql", "x"}, nil, nil, false},
		{v2, []string{"accessory", "exec", "db", "psql", "-c", "select 1"}, "accessory exec", NoProblem, "", []string{"db", "psql"},
			map[string]opt{"config_file": {"select 1", true}}, nil, false},
		// Required options and option errors keep the command.
		{v2, []string{"lock", "acquire"}, "lock acquire", MissingOption, `No value provided for required options '--message'`, nil, nil, nil, false},
		{v2, []string{"lock", "acquire", "--no-message"}, "lock acquire", MissingOption, "", nil, nil, nil, false},
		{v2, []string{"app", "logs", "-n", "abc"}, "app logs", BadNumeric, "", nil, nil, nil, false},
		{v2, []string{"app", "logs", "--lines"}, "app logs", MissingValue, "", nil, nil, nil, false},
		// Help and its arguments.
		{v2, []string{"app", "exec", "a", "b", "--help"}, "", WrongArity, `ERROR: "kamal app help" was called with arguments ["exec", "a", "b"]`, nil, nil, nil, false},
		{v2, []string{"help", "deploy"}, "", PrintsHelp, ProblemHelp, nil, nil, nil, false},
		{v2, []string{"help", "nope"}, "", UnknownCommand, "", nil, nil, nil, false},
		{v2, []string{"app", "restart"}, "", UnknownCommand, `unknown command "restart" for "kamal app"`, nil, nil, nil, false},
		{v2, []string{`-d"$X"|-d`, "deploy"}, "", PrintsHelp, ProblemHelp, nil, nil, nil, false},
		{v2, []string{"app", "$SUB|"}, "", ComputedCommand, ProblemComputed, nil, nil, nil, false},
		{v2, []string{"re"}, "", AmbiguousCommand, "", nil, nil, nil, false},
	}
	aliases := map[string]string{"loop": "loop", "bad": `"x`}
	for _, tt := range tests {
		name := tt.v.String() + " " + strings.Join(tt.line, " ")
		c := ParseCall(tt.v, computedArgv(tt.line...), aliases)
		gotPath := ""
		if c.Command != nil {
			gotPath = c.Command.Path
		}
		if gotPath != tt.path || c.Kind != tt.kind {
			t.Errorf("%s: Command %q, Kind %v (%q); want %q, %v", name, gotPath, c.Kind, c.Problem, tt.path, tt.kind)
			continue
		}
		if tt.problem != "" && c.Problem != tt.problem {
			t.Errorf("%s: Problem = %q, want %q", name, c.Problem, tt.problem)
		}
		if c.Runs() != (tt.kind == NoProblem) || c.TakesLock(tt.v) != tt.lock {
			t.Errorf("%s: Runs %v, TakesLock %v, want lock %v", name, c.Runs(), c.TakesLock(tt.v), tt.lock)
		}
		if tt.kind != NoProblem && tt.kind != WrongArity {
			continue
		}
		if tt.args != nil && !slices.Equal(texts(c.Args), tt.args) {
			t.Errorf("%s: Args = %q, want %q", name, texts(c.Args), tt.args)
		}
		for k, want := range tt.opts {
			if w, ok := c.Options[k]; !ok || w.Text != want.text || w.Known != want.known {
				t.Errorf("%s: Options[%s] = %+v, %v; want %+v", name, k, w, ok, want)
			}
		}
		if len(c.Squeezed) != len(tt.squeezed) {
			t.Errorf("%s: Squeezed = %+v, want %+v", name, c.Squeezed, tt.squeezed)
		}
		for k, want := range tt.squeezed {
			if w, ok := c.Squeezed[k]; !ok || w.Text != want.text || w.Known != want.known {
				t.Errorf("%s: Squeezed[%s] = %+v, %v; want %+v", name, k, w, ok, want)
			}
		}
	}
	for _, line := range [][]string{{"loop"}, {"bad"}} {
		c := ParseCall(v2, computedArgv(line...), aliases)
		want := map[string]ProblemKind{"loop": AliasLoop, "bad": AliasSplit}[line[0]]
		if c.Kind != want || c.Command != nil {
			t.Errorf("%s: Kind %v, Command %v; want %v", line[0], c.Kind, c.Command, want)
		}
	}
}

func TestParseCallSwitches(t *testing.T) {
	tests := []struct {
		line    []string
		aliases map[string]string
		name    string
		text    string
		index   int
	}{
		{[]string{"accessory", "reboot", "-H", "db"}, nil, "skip_hooks", "-H", 2},
		{[]string{"accessory", "reboot", "db", "--skip-hooks"}, nil, "skip_hooks", "--skip-hooks", 3},
		{[]string{"accessory", "reboot", "db", "-d", "staging"}, nil, "destination", "-d", 3},
		{[]string{"accessory", "reboot", "db", "--destination=staging"}, nil, "destination", "--destination=staging", 3},
		{[]string{"accessory", "reboot", "db", `--destination="$X"|--destination=`}, nil, "destination", `--destination="$X"`, 3},
		{[]string{"app", "logs", "-n5"}, nil, "lines", "-n5", 2},
		{[]string{"accessory", "reboot", "db", "-dH"}, nil, "skip_hooks", "-dH", 3},
		{[]string{"accessory", "reboot", "db", `-d"$X"|-d`}, nil, "destination", `-d"$X"`, 3},
		{[]string{"app", "-d", "x", "boot"}, nil, "destination", "-d", 1},
		{[]string{"stg", "db"}, map[string]string{"stg": "accessory reboot -d staging"}, "destination", "-d", 0},
	}
	for _, tt := range tests {
		c := ParseCall(Newest, computedArgv(tt.line...), tt.aliases)
		sw, ok := c.Switches[tt.name]
		if !ok || sw.Text != tt.text || sw.Index != tt.index {
			t.Errorf("%s: Switches[%s] = %+v, %v; want %q at %d", strings.Join(tt.line, " "), tt.name, sw, ok, tt.text, tt.index)
		}
		if _, ok := c.Options[tt.name]; !ok {
			t.Errorf("%s: Options has no %s", strings.Join(tt.line, " "), tt.name)
		}
	}
	// --no-NAME on a string option unsets it: no switch is left.
	c := ParseCall(Newest, computedArgv("deploy", "-d", "x", "--no-destination"), nil)
	if _, ok := c.Switches["destination"]; ok {
		t.Errorf("--no-destination left a switch: %+v", c.Switches)
	}
	// Before 2.5.0 the commander ignores -d inside an alias.
	c = ParseCall(V(2, 4, 0), computedArgv("stg", "db"), map[string]string{"stg": "accessory reboot -d staging"})
	if _, ok := c.Switches["destination"]; ok {
		t.Errorf("2.4.0 alias -d left a switch: %+v", c.Switches)
	}
}

func TestRubyInspect(t *testing.T) {
	tests := map[string]string{
		"db":         `"db"`,
		`a"b\c`:      `"a\"b\\c"`,
		"#{x} #$y":   `"\#{x} \#$y"`,
		"# x":        `"# x"`,
		"a\tb\n\x1b": `"a\tb\n\e"`,
		"\x01\x7f":   `"\u0001\u007F"`,
		"é\xff":      `"é\xFF"`,
		"\u2028":     `"\u2028"`,
	}
	for in, want := range tests {
		if got := rubyInspect(in); got != want {
			t.Errorf("rubyInspect(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestOptionTables checks that the tables, shared by the releases that have the same
// options, index exactly the options of each command at each release.
func TestOptionTables(t *testing.T) {
	cmds := append([]*Command{nil}, Commands()...)
	shared := 0
	for _, cmd := range cmds {
		tables := map[*switchTable]bool{}
		for _, v := range Releases {
			if cmd != nil && !cmd.ExistsAt(v) {
				continue
			}
			tbl := optionTable(cmd, v)
			if tables[tbl] {
				shared++
			}
			tables[tbl] = true
			want := optionTableOptions(cmd, v)
			var required []Option
			for _, o := range want {
				if got, ok := tbl.switches[o.Flag()]; !ok || got != o {
					t.Errorf("%v at %s: %s indexed as %+v", cmd, v, o.Flag(), got)
				}
				if o.Short != "" && tbl.shorts["-"+o.Short] == "" {
					t.Errorf("%v at %s: -%s not indexed", cmd, v, o.Short)
				}
				if o.Required {
					required = append(required, o)
				}
			}
			if len(tbl.switches) != len(want) || !slices.Equal(tbl.required, required) {
				t.Errorf("%v at %s: %d switches, required %v; want %d, %v", cmd, v, len(tbl.switches), tbl.required, len(want), required)
			}
		}
	}
	if shared == 0 {
		t.Error("no release shares a table with another")
	}
}
