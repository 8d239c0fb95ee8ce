package shell

import (
	"fmt"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// commandNamed returns the first recorded command whose program is name.
func commandNamed(t *testing.T, res *Result, name string) *Command {
	t.Helper()
	for _, c := range res.Commands {
		if c.Argv[0].Text == name {
			return c
		}
	}
	t.Fatalf("no command %q among %d", name, len(res.Commands))
	return nil
}

func TestFailure(t *testing.T) {
	tests := []struct {
		name    string
		variant syntax.LangVariant
		src     string
		handler Handler
		or      string
		aborts  bool
		silent  bool
	}{
		{"set -e", syntax.LangPOSIX, "set -e\nk\necho done", NotHandled, "", true, false},
		{"no set -e, not last", syntax.LangPOSIX, "k\necho done", NotHandled, "", false, true},
		{"last command", syntax.LangPOSIX, "echo start\nk", NotHandled, "", true, false},
		{"|| true", syntax.LangPOSIX, "set -e\nk || true", HandledByOr, "true", false, true},
		{"|| log", syntax.LangPOSIX, "set -e\nlog() { echo \"$@\"; }\nk || log failed", HandledByOr, "log", false, true},
		{"|| exit 1", syntax.LangPOSIX, "k || exit 1\necho done", NotHandled, "", true, false},
		{"|| die", syntax.LangPOSIX, "die() { echo \"$1\"; exit 1; }\nk || die failed\necho done", NotHandled, "", true, false},
		{"if condition", syntax.LangPOSIX, "set -e\nif k; then echo ok; fi", HandledByIf, "", false, true},
		{"while condition", syntax.LangPOSIX, "set -e\nwhile k; do sleep 1; done", HandledByLoop, "", false, true},
		{"until retries", syntax.LangPOSIX, "set -e\nuntil k; do sleep 1; done", HandledByRetry, "", false, true},
		{"while ! retries", syntax.LangPOSIX, "set -e\nwhile ! k; do sleep 1; done", HandledByRetry, "", false, true},
		{"negated", syntax.LangPOSIX, "set -e\n! k\necho done", HandledByNot, "", false, true},
		{"&& list", syntax.LangPOSIX, "set -e\nk && echo ok\necho done", HandledByAnd, "", false, true},
		{"pipeline", syntax.LangPOSIX, "set -e\nk | tee log\necho done", HandledByPipeline, "", false, true},
		{"pipefail", syntax.LangBash, "set -eo pipefail\nk | tee log\necho done", NotHandled, "", true, false},
		{"pipefail survives an if", syntax.LangBash, "set -euo pipefail\nif [ -f x ]; then echo; fi\nk | tee log\necho done", NotHandled, "", true, false},
		{"substitution in an argument", syntax.LangPOSIX, "set -e\necho \"$(k)\"\necho done", HandledBySubstitution, "", false, true},
		{"bare assignment keeps the status", syntax.LangPOSIX, "set -e\nx=$(k)\necho done", NotHandled, "", true, false},
		{"background", syntax.LangPOSIX, "set -e\nk &\necho done", HandledByBackground, "", false, true},
		{"setsid -f forks and returns", syntax.LangPOSIX, "set -e\nsetsid -f k\necho done", HandledByFork, "", false, true},
		{"setsid -w waits", syntax.LangPOSIX, "set -e\nsetsid -w k\necho done", NotHandled, "", true, false},
		{"setsid -wf waits", syntax.LangPOSIX, "set -e\nsetsid -wf k\necho done", NotHandled, "", true, false},
		{"exit $? after", syntax.LangPOSIX, "k\nexit $?", NotHandled, "", true, false},
		{"exec", syntax.LangPOSIX, "exec k", NotHandled, "", true, false},
		{"eval under set -e aborts", syntax.LangPOSIX, "set -e\neval 'k'\necho done", NotHandled, "", true, false},
		{"eval without set -e goes on", syntax.LangPOSIX, "eval 'k'\necho done", NotHandled, "", false, true},
		{"bash -c under set -e aborts", syntax.LangPOSIX, "set -e\nbash -c 'echo start; k'\necho done", NotHandled, "", true, false},
		{"bash -c with || true", syntax.LangPOSIX, "set -e\nbash -c 'k' || true", HandledByOr, "true", false, true},
		{"bash -c, not last inside", syntax.LangPOSIX, "set -e\nbash -c 'k; echo after'\necho done", NotHandled, "", false, true},
		{"bash -ec, not last inside", syntax.LangPOSIX, "set -e\nbash -ec 'k; echo after'\necho done", NotHandled, "", true, false},
		{"inside || within bash -c", syntax.LangPOSIX, "set -e\nsh -c 'k || exit 1; echo after'\necho done", NotHandled, "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := commandNamed(t, walk(t, tt.variant, tt.src), "k").Failure
			if f.Handler != tt.handler || f.OrCommand != tt.or || f.Aborts() != tt.aborts || f.Silent() != tt.silent {
				t.Errorf("failure %+v: handler %d or %q aborts %v silent %v; want handler %d or %q aborts %v silent %v",
					f, f.Handler, f.OrCommand, f.Aborts(), f.Silent(), tt.handler, tt.or, tt.aborts, tt.silent)
			}
		})
	}
}

func TestEnv(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // State/Cause/Value of KAMAL_LOCK at k
	}{
		{"inherited", "k", "inherited"},
		{"prefix", "KAMAL_LOCK=false k", "set/prefix/false"},
		{"empty prefix", "KAMAL_LOCK= k", "set/prefix/"},
		{"assignment", "KAMAL_LOCK=false\nk", "set/assignment/false"},
		{"export", "export KAMAL_LOCK=false\nk", "set/assignment/false"},
		{"unset", "unset KAMAL_LOCK\nk", "unset/unset"},
		{"env -i", "env -i PATH=/bin k", "cleared/env -i"},
		{"env -", "env - PATH=/bin k", "cleared/env -i"},
		{"env -u", "env -u KAMAL_LOCK k", "unset/env -u"},
		{"env VAR=", "env KAMAL_LOCK=false k", "set/env/false"},
		{"sudo", "sudo k", "cleared/sudo"},
		{"sudo -E", "sudo -E k", "inherited"},
		{"sudo -Eu USER", "sudo -Eu deploy k", "inherited"},
		{"sudo -iu USER", "sudo -iu deploy k", "cleared/sudo"},
		{"sudo -udeploy", "sudo -udeploy -E k", "inherited"},
		{"sudo --preserve-env", "sudo --preserve-env k", "inherited"},
		{"sudo --preserve-env=KAMAL_LOCK", "sudo --preserve-env=PATH,KAMAL_LOCK k", "inherited"},
		{"sudo --preserve-env=PATH", "sudo --preserve-env=PATH k", "cleared/sudo"},
		{"sudo VAR=value", "sudo KAMAL_LOCK=true k", "set/env/true"},
		{"set on one path", "[ -f x ] && KAMAL_LOCK=false\nk", "varies"},
		{"env -i sh -c", "env -i sh -c 'k'", "cleared/env -i"},
		{"sudo bash -c", "sudo bash -c 'echo; k'", "cleared/sudo"},
		{"su -", "su - deploy -c 'k'", "cleared/su -"},
		{"plain su keeps it", "su deploy -c 'k'", "inherited"},
		{"ssh", "ssh host k", "cleared/ssh"},
		{"ssh string", "ssh host 'echo; k'", "cleared/ssh"},
		{"export before ssh", "export KAMAL_LOCK=true\nssh -p 22 host 'k'", "cleared/ssh"},
		{"docker run", "docker run --rm ghcr.io/basecamp/kamal:v2.6.0 deploy; k", "inherited"},
		{"export inside an ssh string", "ssh host 'export KAMAL_LOCK=true; k'", "set/assignment/true"},
		{"a plain assignment inside an ssh string", "ssh host 'KAMAL_LOCK=true; k'", "cleared/ssh"},
		{"a plain assignment inside a sudo string", "sudo sh -c 'KAMAL_LOCK=true; k'", "cleared/sudo"},
		{"a plain assignment where the shell has it", "sh -c 'KAMAL_LOCK=false; k'", "set/assignment/false"},
		{"export of a name assigned before", "env -i sh -c 'KAMAL_LOCK=true; export KAMAL_LOCK; k'", "set/assignment/true"},
		{"export inside a sudo string", "sudo sh -c 'KAMAL_LOCK=false; export KAMAL_LOCK; k'", "set/assignment/false"},
		{"sudo around a string", "sudo sh -c 'echo; k'", "cleared/sudo"},
		{"a prefix outside a string", "KAMAL_LOCK=false sh -c 'echo; k'", "set/prefix/false"},
		{"a prefix inside wins", "env -i sh -c 'KAMAL_LOCK=true k'", "set/prefix/true"},
		{"passed on", "KAMAL_LOCK=\"$KAMAL_LOCK\" k", "set/prefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := commandNamed(t, walk(t, syntax.LangPOSIX, tt.src), "k").Env("KAMAL_LOCK")
			if got := describeEnv(v); got != tt.want {
				t.Errorf("KAMAL_LOCK at k: %s, want %s", got, tt.want)
			}
		})
	}
}

// TestEnvAt checks KAMAL_LOCK at k in each world (setup, where it is "true", then deploy,
// where it is "false"): a value passed on is known in each.
func TestEnvAt(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // describeEnv in setup, then in deploy
	}{
		{"inherited", "k", "inherited inherited"},
		{"passed on by a prefix", "KAMAL_LOCK=\"$KAMAL_LOCK\" k", "set/prefix/true set/prefix/false"},
		{"passed on through sudo", "sudo KAMAL_LOCK=\"$KAMAL_LOCK\" k", "set/env/true set/env/false"},
		{"passed on through env -i", "env -i KAMAL_LOCK=\"$KAMAL_LOCK\" k", "set/env/true set/env/false"},
		{"passed on into a string", "sudo KAMAL_LOCK=\"$KAMAL_LOCK\" sh -c 'echo; k'", "set/env/true set/env/false"},
		{"a copy", "L=$KAMAL_LOCK\nKAMAL_LOCK=$L k", "set/prefix/true set/prefix/false"},
		{"set", "KAMAL_LOCK=false k", "set/prefix/false set/prefix/false"},
		{"dropped", "sudo k", "cleared/sudo cleared/sudo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := commandNamed(t, walk(t, syntax.LangPOSIX, tt.src), "k")
			got := describeEnv(c.EnvAt("KAMAL_LOCK", 0)) + " " + describeEnv(c.EnvAt("KAMAL_LOCK", 1))
			if got != tt.want {
				t.Errorf("KAMAL_LOCK at k: %s, want %s", got, tt.want)
			}
		})
	}
}

func describeEnv(v EnvValue) string {
	states := map[EnvState]string{EnvInherited: "inherited", EnvSet: "set", EnvUnset: "unset", EnvCleared: "cleared", EnvVaries: "varies"}
	causes := map[EnvCause]string{CauseAssignment: "assignment", CausePrefix: "prefix", CauseUnset: "unset", CauseEnvUnset: "env -u",
		CauseEnvClear: "env -i", CauseSudo: "sudo", CauseEnvAssign: "env", CauseLogin: "su -", CauseSSH: "ssh", CauseDocker: "docker run"}
	parts := []string{states[v.State]}
	if v.State != EnvInherited && v.State != EnvVaries {
		parts = append(parts, causes[v.Cause])
	}
	if v.State == EnvSet && v.Known {
		parts = append(parts, v.Value)
	}
	return strings.Join(parts, "/")
}

func TestWrappersAndFields(t *testing.T) {
	tests := []struct {
		src      string
		wrappers string
		argv     string // fields as text, unknown ones as ?source(prefix)
	}{
		{"bundle exec kamal app boot", "bundle exec", "kamal app boot"},
		{"exec bin/kamal app boot", "exec", "bin/kamal app boot"},
		{"env FOO=1 timeout 30 sudo -u deploy -E kamal deploy", "env timeout sudo", "kamal deploy"},
		{"nice -n 5 nohup time -f %e kamal deploy", "nice nohup time", "kamal deploy"},
		{"mise exec -- kamal deploy", "mise exec", "kamal deploy"},
		{"ruby bin/kamal deploy", "ruby", "bin/kamal deploy"},
		{`K="bundle exec kamal"; $K app boot`, "bundle exec", "kamal app boot"},
		{`K="${K:-bin/kamal}"; $K app boot`, "", "bin/kamal app boot"},
		{`: "${K:=kamal}"; "$K" app boot`, "", "kamal app boot"},
		{`K=${KAMAL_BIN:-kamal}; $K app boot`, "", "kamal app boot"},
		{`kamal app boot -d "$KAMAL_DESTINATION"`, "", `kamal app boot -d ?"$KAMAL_DESTINATION"()`},
		{`kamal app boot --destination="$KAMAL_DESTINATION"`, "", `kamal app boot ?--destination="$KAMAL_DESTINATION"(--destination=)`},
		{`kamal app boot "--destination=$KAMAL_DESTINATION"`, "", `kamal app boot ?"--destination=$KAMAL_DESTINATION"(--destination=)`},
		{`kamal app boot -d"$KAMAL_DESTINATION"`, "", `kamal app boot ?-d"$KAMAL_DESTINATION"(-d)`},
		{`run() { kamal "$@"; }; run app exec "a b"`, "", "kamal app exec a b"},
		{`cmd=(bin/kamal accessory restart db); "${cmd[@]}"`, "", "bin/kamal accessory restart db"},
		{`cmd=(kamal "app" boot); ${cmd[@]} -q`, "", "kamal app boot -q"},
		{`args=(app boot); kamal "${args[@]}" "${args[0]}"`, "", "kamal app boot app"},
		{`kamal "${unknown[@]}"`, "", `kamal ?"${unknown[@]}"()`},
		{`echo db | xargs -n1 kamal accessory reboot`, "xargs", "kamal accessory reboot ?(input)()"},
		{`find . -name x -exec kamal accessory reboot {} \;`, "find", "kamal accessory reboot ?{}()"},
		{`flock -w 10 /tmp/lock kamal app boot`, "flock", "kamal app boot"},
		{`flock /tmp/lock -c 'echo; kamal app boot'`, "", "kamal app boot"},
		{`watch -n 5 kamal app details`, "watch", "kamal app details"},
		{`parallel -j2 kamal accessory reboot ::: db redis`, "parallel", "kamal accessory reboot ?(input)()"},
		{`su deploy -c 'kamal app boot'`, "", "kamal app boot"},
		{`ssh -p 2222 deploy@host kamal app boot`, "ssh", "kamal app boot"},
		{`ssh deploy@host -t -- kamal app boot`, "ssh", "kamal app boot"},
		{`ssh -- deploy@host -p 22 kamal app boot`, "ssh", "-p 22 kamal app boot"},
		{`ssh -tp 2222 deploy@host kamal app boot`, "ssh", "kamal app boot"},
		{`ssh -P tag deploy@host kamal app boot`, "ssh", "kamal app boot"},
		{`ssh -p2222 -tq deploy@host kamal app boot`, "ssh", "kamal app boot"},
		{`ssh deploy@host 'kamal app boot &> /tmp/log'`, "", "kamal app boot"},
		{`stdbuf --output L --error=L kamal app boot`, "stdbuf", "kamal app boot"},
		{`sudo -Eu deploy kamal app boot`, "sudo", "kamal app boot"},
		{`sudo -nHu deploy -g staff kamal app boot`, "sudo", "kamal app boot"},
		{`timeout -sKILL 60 nice -n10 kamal app boot`, "timeout nice", "kamal app boot"},
		{`ssh deploy@host -- 'kamal app boot'`, "", "kamal app boot"},
		{`setsid -f stdbuf -oL -e L ionice -c 3 chronic unbuffer kamal app boot`, "setsid stdbuf ionice chronic unbuffer", "kamal app boot"},
		{`ssh -p 2222 deploy@host 'cd /srv && kamal app boot'`, "", "kamal app boot"},
		{`ssh deploy@host "bin/kamal app exec 'bin/rails db:migrate'"`, "", "bin/kamal app exec bin/rails db:migrate"},
		{`docker run --rm -it -v "$PWD:/workdir" ghcr.io/basecamp/kamal:v2.5.3 app boot`, "docker", "kamal app boot"},
		{`docker container run --entrypoint kamal my/image deploy`, "docker", "kamal deploy"},
		{`SUB=reboot; sh -c "kamal accessory $SUB db"`, "", "kamal accessory reboot db"},
		{`CMD="bin/kamal app"; eval "$CMD boot"`, "", "bin/kamal app boot"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			res := walk(t, syntax.LangBash, tt.src)
			c := res.Commands[len(res.Commands)-1]
			var ws, argv []string
			for _, w := range c.Wrappers {
				ws = append(ws, w.Name)
			}
			for _, f := range c.Argv {
				if f.Known {
					argv = append(argv, f.Text)
				} else {
					argv = append(argv, fmt.Sprintf("?%s(%s)", f.Text, f.Prefix))
				}
			}
			if got := strings.Join(ws, " "); got != tt.wrappers {
				t.Errorf("wrappers %q, want %q", got, tt.wrappers)
			}
			if got := strings.Join(argv, " "); got != tt.argv {
				t.Errorf("argv %q, want %q", got, tt.argv)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	src := "#!/bin/sh\nrun() {\n  kamal \"$@\"\n}\nrun accessory reboot db\nif true; then\n  bash -c 'kamal app boot'\nfi\n"
	res := walk(t, syntax.LangPOSIX, src)
	var kamals []*Command
	for _, c := range res.Commands {
		if c.Argv[0].Text == "kamal" {
			kamals = append(kamals, c)
		}
	}
	if len(kamals) != 2 {
		t.Fatalf("got %d kamal commands, want 2", len(kamals))
	}
	fn := kamals[0]
	if got := fn.Site.Pos().Line(); got != 5 {
		t.Errorf("function call site on line %d, want 5", got)
	}
	if fn.Call.Pos().Line() != 3 || strings.Join(fn.Via, ",") != "run" {
		t.Errorf("call on line %d via %v, want line 3 via run", fn.Call.Pos().Line(), fn.Via)
	}
	// Forwarded arguments keep the call site's positions.
	if a := fn.Argv[3]; a.Text != "db" || a.Pos.Line() != 5 || a.Pos.Col() != 22 {
		t.Errorf("db at %d:%d, want 5:22", a.Pos.Line(), a.Pos.Col())
	}
	in := kamals[1]
	if !in.InScript || in.Call.Pos().Line() != 7 || in.Call.Pos().Col() != 12 {
		t.Errorf("script command at %d:%d (in script %v), want 7:12 in a script", in.Call.Pos().Line(), in.Call.Pos().Col(), in.InScript)
	}
	if in.Anchor == nil || in.Anchor.Pos().Line() != 7 || in.Anchor.Pos().Col() != 3 {
		t.Errorf("the guard of a script command wraps the bash -c statement")
	}
	if a := in.Argv[2]; a.Text != "boot" || a.Pos.Col() != 22 {
		t.Errorf("boot at column %d, want 22", a.Pos.Col())
	}
}

func TestVars(t *testing.T) {
	src := "x=$KAMAL_COMMAND\nexport Y=1\necho \"${KAMAL_ROLES:-}\" $(echo $KAMAL_HOSTS)\nunset Z\nsh -c 'echo $KAMAL_ROLE'\n: ${W:=1}\nfor i in a; do :; done\nread R\n"
	res := walk(t, syntax.LangPOSIX, src)
	var got []string
	for _, r := range res.Vars() {
		kind := [...]string{"read", "write", "unset"}[r.Kind]
		s := fmt.Sprintf("%s %s %d:%d", kind, r.Name, r.Pos.Line(), r.Pos.Col())
		if r.Default {
			s += " default"
		}
		got = append(got, s)
	}
	want := []string{
		"write x 1:1", "read KAMAL_COMMAND 1:3",
		"write Y 2:8",
		"read KAMAL_ROLES 3:7 default", "read KAMAL_HOSTS 3:32",
		"unset Z 4:7",
		"read KAMAL_ROLE 5:13",
		"read W 6:3 default", "write W 6:3",
		"write i 7:5",
		"write R 8:6",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("vars:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDockerKamal(t *testing.T) {
	tests := []struct {
		src, image, lock string
	}{
		{`docker run --rm ghcr.io/basecamp/kamal:v2.6.0 app boot`, "v2.6.0", "cleared/docker run"},
		{`docker run -e KAMAL_LOCK ghcr.io/basecamp/kamal app boot`, "latest", "inherited"},
		{`docker run --env=KAMAL_LOCK=true basecamp/kamal:2.5.3 app boot`, "2.5.3", "inherited"},
		{`docker run --env-file .kamal/env basecamp/kamal app boot`, "latest", "inherited"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			c := commandNamed(t, walk(t, syntax.LangBash, tt.src), "kamal")
			if c.Image != tt.image {
				t.Errorf("image %q, want %q", c.Image, tt.image)
			}
			if got := describeEnv(c.Env("KAMAL_LOCK")); got != tt.lock {
				t.Errorf("KAMAL_LOCK %s, want %s", got, tt.lock)
			}
		})
	}
}

func TestComputedStringPositions(t *testing.T) {
	src := "SUB=reboot\nif true; then\n  bash -c \"kamal accessory $SUB db\"\nfi\n"
	res := walk(t, syntax.LangBash, src)
	c := commandNamed(t, res, "kamal")
	if !c.InScript || c.Site.Pos().Line() != 3 || c.Site.Pos().Col() != 3 {
		t.Errorf("a computed string's command is reported at %d:%d (in script %v), want 3:3, the bash -c command",
			c.Site.Pos().Line(), c.Site.Pos().Col(), c.InScript)
	}
	if a := c.Argv[2]; a.Pos.Line() != 3 || a.Pos.Col() != 11 {
		t.Errorf("its words point at %d:%d, want the string at 3:11", a.Pos.Line(), a.Pos.Col())
	}
}
