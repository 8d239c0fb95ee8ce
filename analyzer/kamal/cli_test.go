package kamal

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// argv builds words: "$@" and $* spread, other words starting with '$' are computed, the
// rest are literal.
func argv(ws ...string) []Word {
	out := make([]Word, len(ws))
	for i, s := range ws {
		switch {
		case s == `"$@"` || s == "$*" || s == "$@":
			out[i] = Word{Text: s, Spread: true, Index: i}
		case strings.HasPrefix(s, "$") || strings.HasPrefix(s, `"$`):
			out[i] = Word{Text: s, Index: i}
		default:
			out[i] = Word{Text: s, Known: true, Index: i}
		}
	}
	return out
}

func texts(ws []Word) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Text)
	}
	return out
}

func TestParseCall(t *testing.T) {
	v2, v1 := Newest, V(1, 9, 3)
	aliases := map[string]string{
		"rb":         "accessory reboot db",
		"stg-reboot": "accessory reboot db -d staging",
		"console":    `app exec -i --reuse "bin/rails console"`,
		"shipit":     "deploy --skip-push",
		"con":        "app details", // shadowed by the prefix of `config`
		"loop":       "loop",
		"bad":        `app exec "unterminated`,
		"nested":     "rb -d production",
		"stale":      "app stale_containers",
	}
	tests := []struct {
		v       Version
		line    []string
		path    string
		problem string // prefix; "" = resolved
		args    []string
		opts    map[string]string
		lock    bool
		sugg    string
		alias   string
	}{
		// Options after the arguments, before them, between the words.
		{v2, []string{"accessory", "reboot", "db", "-d", "staging"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "staging"}, true, "", ""},
		{v2, []string{"accessory", "-d", "staging", "reboot", "db"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "staging"}, true, "", ""},
		{v2, []string{"accessory", "reboot", "-d", "staging", "db"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "staging"}, true, "", ""},
		{v2, []string{"accessory", "reboot", "--destination=staging", "db"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "staging"}, true, "", ""},
		{v2, []string{"accessory", "reboot", "-d=staging", "db"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "staging"}, true, "", ""},
		// A leading option makes Thor run its default command, help, with the other
		// words as its arguments: it takes at most two.
		{v2, []string{"-d", "staging", "accessory", "reboot", "db"}, "-d", `ERROR: "kamal help" was called with arguments ["accessory", "reboot", "db"]`, nil, nil, false, "", ""},
		{v2, []string{"-d", "staging", "deploy"}, "-d", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"-H", "app", "boot"}, "-H", ProblemHelp, nil, nil, false, "", ""},
		// app exec never locks.
		{v2, []string{"app", "exec", "-i", "--reuse", "bin/rails console"}, "app exec", "", []string{"bin/rails console"}, map[string]string{"interactive": "true", "reuse": "true"}, false, "", ""},
		{v2, []string{"app", "exec", "-e", "A:1", "B:2", "bin/rails", "x"}, "app exec", "", []string{"bin/rails", "x"}, map[string]string{"env": "A:1 B:2"}, false, "", ""},
		{v2, []string{"app", "exec", "--reuse", "-d", `"$KAMAL_DESTINATION"`, "bin/x"}, "app exec", "", []string{"bin/x"}, map[string]string{"reuse": "true", "destination": `"$KAMAL_DESTINATION"`}, false, "", ""},
		{v2, []string{"app", "exec", "--", "ls", "-la"}, "app exec", "", []string{"ls", "-la"}, nil, false, "", ""},
		{v2, []string{"app", "exec", `"$@"`}, "app exec", "", []string{`"$@"`}, nil, false, "", ""},
		{v2, []string{"server", "exec", "-i", "bash"}, "server exec", "", []string{"bash"}, map[string]string{"interactive": "true"}, false, "", ""},
		{v2, []string{"accessory", "exec", "db", "--reuse", "psql"}, "accessory exec", "", []string{"db", "psql"}, map[string]string{"reuse": "true"}, false, "", ""},
		// stale_containers locks only with --stop from v1.6.0, always in E1.
		{v2, []string{"app", "stale_containers", "--stop"}, "app stale_containers", "", nil, map[string]string{"stop": "true"}, true, "", ""},
		{v2, []string{"app", "stale_containers"}, "app stale_containers", "", nil, nil, false, "", ""},
		{V(1, 5, 2), []string{"app", "stale_containers"}, "app stale_containers", "", nil, nil, true, "", ""},
		{v2, []string{"app", "stale-containers", "-s"}, "app stale_containers", "", nil, map[string]string{"stop": "true"}, true, "", ""},
		{v2, []string{"app", "stale_containers", "--stop=false"}, "app stale_containers", "", nil, map[string]string{"stop": "false"}, false, "", ""},
		{v2, []string{"app", "stale_containers", "--stop", "false"}, "app stale_containers", "", nil, map[string]string{"stop": "false"}, false, "", ""},
		{v2, []string{"app", "stale_containers", "--no-stop"}, "app stale_containers", "", nil, map[string]string{"stop": "false"}, false, "", ""},
		{v2, []string{"app", "stale_containers", "--skip-stop"}, "app stale_containers", "", nil, map[string]string{"stop": "false"}, false, "", ""},
		// Prefixes and dashes.
		{v2, []string{"acc", "reb", "db"}, "accessory reboot", "", []string{"db"}, nil, true, "", ""},
		{v2, []string{"a", "boot"}, "a", "ambiguous command \"a\" matches [accessory, app, audit]", nil, nil, false, "", ""},
		{v2, []string{"app", "remove_c"}, "app remove_c", "ambiguous command \"remove_c\"", nil, nil, false, "", ""},
		{v2, []string{"re"}, "re", "ambiguous command \"re\"", nil, nil, false, "", ""},
		{v2, []string{"app", "remove"}, "app remove", "", nil, nil, true, "", ""},
		// Unknown commands.
		{v2, []string{"app", "restart"}, "app restart", `unknown command "restart" for "kamal app"`, nil, nil, false, "start", ""},
		{v1, []string{"app", "restart"}, "app restart", `unknown command "restart" for "kamal app"`, nil, nil, false, "start", ""},
		{v2, []string{"deplyo"}, "deplyo", `unknown command "deplyo" for "kamal"`, nil, nil, false, "deploy", ""},
		{v2, []string{"bundle", "exec", "kamal"}, "bundle", `unknown command "bundle"`, nil, nil, false, "", ""},
		{v1, []string{"proxy", "reboot"}, "proxy", `unknown command "proxy"`, nil, nil, false, "", ""},
		{v2, []string{"traefik", "reboot"}, "traefik", `unknown command "traefik"`, nil, nil, false, "", ""},
		{V(2, 6, 0), []string{"app", "remove_app_directory"}, "app remove_app_directory", `unknown command`, nil, nil, false, "remove_app_directories", ""},
		// Version-specific commands.
		{v1, []string{"traefik", "reboot", "-y"}, "traefik reboot", "", nil, map[string]string{"confirmed": "true"}, true, "", ""},
		{v1, []string{"env", "push"}, "env push", "", nil, nil, true, "", ""},
		{v1, []string{"envify", "-P"}, "envify", "", nil, map[string]string{"skip_push": "true"}, false, "", ""},
		{v2, []string{"proxy", "reboot", "-y"}, "proxy reboot", "", nil, map[string]string{"confirmed": "true"}, true, "", ""},
		{V(1, 5, 2), []string{"build", "push"}, "build push", "", nil, nil, true, "", ""},
		{v2, []string{"build", "push"}, "build push", "", nil, nil, false, "", ""},
		{V(1, 0, 0), []string{"healthcheck"}, "healthcheck perform", "", nil, nil, false, "", ""},
		{v2, []string{"lock", "acquire", "-m", "deploying"}, "lock acquire", "", nil, map[string]string{"message": "deploying"}, true, "", ""},
		{v2, []string{"lock", "release"}, "lock release", "", nil, nil, false, "", ""},
		// Top-level commands and their options.
		{v2, []string{"deploy", "-H"}, "deploy", "", nil, map[string]string{"skip_hooks": "true"}, true, "", ""},
		{v2, []string{"deploy", "-PH"}, "deploy", "", nil, map[string]string{"skip_hooks": "true", "skip_push": "true"}, true, "", ""},
		{v2, []string{"deploy", "--no-skip-push"}, "deploy", "", nil, map[string]string{"skip_push": "false"}, true, "", ""},
		{v2, []string{"app", "boot", "-H"}, "app boot", "", nil, map[string]string{"skip_hooks": "true"}, true, "", ""},
		{v2, []string{"app", "boot", "-q", "-r", "web", "--lock-wait"}, "app boot", "", nil, map[string]string{"quiet": "true", "roles": "web", "lock_wait": "true"}, true, "", ""},
		// Before 2.12.0 --lock-wait is unknown: Thor keeps it as an argument, which boot
		// does not take.
		{V(2, 11, 0), []string{"app", "boot", "--lock-wait"}, "app boot", `ERROR: "kamal app boot" was called with arguments ["--lock-wait"]`, nil, nil, false, "", ""},
		{v2, []string{"rollback", "abc123", "-d", "production"}, "rollback", "", []string{"abc123"}, map[string]string{"destination": "production"}, true, "", ""},
		{v2, []string{"app", "logs", "-n5", "-s", "1h"}, "app logs", "", nil, map[string]string{"lines": "5", "since": "1h"}, false, "", ""},
		{v2, []string{"app", "logs", "-n", "abc"}, "app logs", "expected numeric value for '--lines'", nil, nil, false, "", ""},
		{v2, []string{"app", "logs", "--lines"}, "app logs", "no value provided for option '--lines'", nil, nil, false, "", ""},
		{v2, []string{"app", "boot", "-h"}, "app boot", "", nil, map[string]string{"hosts": "hosts"}, true, "", ""},
		// A string option followed by a switch gets its default, else its own name.
		{v2, []string{"deploy", "-c", "-d", "x"}, "deploy", "", nil, map[string]string{"config_file": "config/deploy.yml", "destination": "x"}, true, "", ""},
		{v2, []string{"build", "push", "--output"}, "build push", "", nil, map[string]string{"output": "registry"}, false, "", ""},
		// Help.
		{v2, nil, "", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"-h"}, "-h", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"--help"}, "--help", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"help"}, "help", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"help", "deploy"}, "help", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"he"}, "help", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"app"}, "app", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"app", "-d", "x"}, "app", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"app", "help", "boot"}, "app help", ProblemHelp, nil, nil, false, "", ""},
		{v2, []string{"app", "boot", "--help"}, "app", ProblemHelp, nil, nil, false, "", ""},
		// Only a subcommand group reads --help; a top-level command keeps it as an
		// argument (rollback even runs with it as the VERSION).
		{v2, []string{"deploy", "--help"}, "deploy", `ERROR: "kamal deploy" was called with arguments ["--help"]`, nil, nil, false, "", ""},
		{v2, []string{"rollback", "--help"}, "rollback", "", []string{"--help"}, nil, true, "", ""},
		{v2, []string{"app", "-i", "exec", "bash"}, "app", `ERROR: "kamal app help" was called with arguments ["-i", "exec", "bash"]`, nil, nil, false, "", ""},
		// Computed words.
		{v2, []string{`"$@"`}, `"$@"`, ProblemComputed, nil, nil, false, "", ""},
		{v2, []string{"$CMD", "boot"}, "$CMD", ProblemComputed, nil, nil, false, "", ""},
		{v2, []string{"app", "$SUB"}, "app $SUB", ProblemComputed, nil, nil, false, "", ""},
		{v2, []string{"accessory", "$*", "db"}, "accessory $*", ProblemComputed, nil, nil, false, "", ""},
		// Aliases (v2.0.0+).
		{v2, []string{"rb"}, "accessory reboot", "", []string{"db"}, nil, true, "", "rb"},
		{v2, []string{"rb", "-d", "staging"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "staging"}, true, "", "rb"},
		{v2, []string{"stg-reboot"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "staging"}, true, "", "stg-reboot"},
		{V(2, 4, 0), []string{"stg-reboot"}, "accessory reboot", "", []string{"db"}, nil, true, "", "stg-reboot"},
		{V(2, 4, 0), []string{"stg-reboot", "-d", "prod"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "prod"}, true, "", "stg-reboot"},
		{v2, []string{"console"}, "app exec", "", []string{"bin/rails console"}, map[string]string{"interactive": "true", "reuse": "true"}, false, "", "console"},
		{v2, []string{"shipit"}, "deploy", "", nil, map[string]string{"skip_push": "true"}, true, "", "shipit"},
		{v2, []string{"stale", "--stop"}, "app stale_containers", "", nil, map[string]string{"stop": "true"}, true, "", "stale"},
		{v2, []string{"nested"}, "accessory reboot", "", []string{"db"}, map[string]string{"destination": "production"}, true, "", "nested"},
		{v2, []string{"con"}, "config", "", nil, nil, false, "", ""},
		{v2, []string{"loop"}, "loop", `alias "loop" expands to itself`, nil, nil, false, "", "loop"},
		{v2, []string{"bad"}, "bad", `alias "bad" cannot be split`, nil, nil, false, "", "bad"},
		{v1, []string{"rb"}, "rb", `unknown command "rb"`, nil, nil, false, "", ""},
	}
	for _, tt := range tests {
		name := tt.v.String() + " " + strings.Join(tt.line, " ")
		c := ParseCall(tt.v, argv(tt.line...), aliases)
		if c.Path != tt.path {
			t.Errorf("%s: Path = %q, want %q", name, c.Path, tt.path)
		}
		if tt.problem == "" && c.Problem != "" || !strings.HasPrefix(c.Problem, tt.problem) {
			t.Errorf("%s: Problem = %q, want %q", name, c.Problem, tt.problem)
		}
		if (c.Problem == "") != c.Runs() || (c.Problem == "") != (c.Kind == NoProblem) {
			t.Errorf("%s: Problem %q with Kind %v, Runs %v", name, c.Problem, c.Kind, c.Runs())
		}
		if c.Suggestion != tt.sugg {
			t.Errorf("%s: Suggestion = %q, want %q", name, c.Suggestion, tt.sugg)
		}
		if c.Alias != tt.alias {
			t.Errorf("%s: Alias = %q, want %q", name, c.Alias, tt.alias)
		}
		if c.Problem != "" {
			continue
		}
		if got := texts(c.Args); !slices.Equal(got, append([]string{}, tt.args...)) {
			t.Errorf("%s: Args = %q, want %q", name, got, tt.args)
		}
		got := map[string]string{}
		for k, w := range c.Options {
			got[k] = w.Text
		}
		if want := tt.opts; !maps.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: Options = %v, want %v", name, got, want)
		}
		if lock := c.TakesLock(tt.v); lock != tt.lock {
			t.Errorf("%s: TakesLock = %v, want %v", name, lock, tt.lock)
		}
	}
}

func TestParseCallPositions(t *testing.T) {
	c := ParseCall(Newest, argv("accessory", "reboot", "db", "-H", "-d", "$DEST"), nil)
	if w, ok := c.Option("skip_hooks"); !ok || w.Index != 3 || w.Text != "true" {
		t.Errorf("skip_hooks = %+v, %v", w, ok)
	}
	if w, ok := c.Option("destination"); !ok || w.Index != 5 || w.Known {
		t.Errorf("destination = %+v, %v", w, ok)
	}
	if len(c.Words) != 2 || c.Words[1].Index != 1 {
		t.Errorf("Words = %+v", c.Words)
	}
	if len(c.Args) != 1 || c.Args[0].Index != 2 {
		t.Errorf("Args = %+v", c.Args)
	}
	// A leading option runs help, which looks the next word up as a command.
	c = ParseCall(Newest, argv("-q", "x"), nil)
	if c.Kind != UnknownCommand {
		t.Errorf("leading option: Kind = %v, Problem = %q", c.Kind, c.Problem)
	}
	// Words an alias expanded to carry the alias word's index.
	c = ParseCall(Newest, []Word{{Text: "rb", Known: true, Index: 7}}, map[string]string{"rb": "accessory reboot db"})
	if c.Words[0].Index != 7 || c.Args[0].Index != 7 {
		t.Errorf("alias words = %+v, args %+v", c.Words, c.Args)
	}
}

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{"", nil, false},
		{"   ", nil, false},
		{"accessory reboot db", []string{"accessory", "reboot", "db"}, false},
		{`app exec -i --reuse "bin/rails console"`, []string{"app", "exec", "-i", "--reuse", "bin/rails console"}, false},
		{`app exec 'echo "hi"'`, []string{"app", "exec", `echo "hi"`}, false},
		{`a"b"'c'd`, []string{"abcd"}, false},
		{`"a \" \$ \\ \x"`, []string{`a " $ \ \x`}, false},
		{`a\ b c\d`, []string{"a b", "cd"}, false},
		{`''`, []string{""}, false},
		{"a\tb\nc", []string{"a", "b", "c"}, false},
		{`trailing\`, []string{`trailing\`}, false},
		{`"unterminated`, nil, true},
		{`'unterminated`, nil, true},
		{`app exec 'it''s'`, []string{"app", "exec", "its"}, false},
	}
	for _, tt := range tests {
		got, err := SplitWords(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("SplitWords(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("SplitWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
