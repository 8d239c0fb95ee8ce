package script

import (
	"testing"

	"github.com/hooklint/hooklint/analyzer/shell"
)

var failureTests = []struct {
	name string
	lang Lang
	src  string
	want shell.Failure // of the first command
	// aborts and silent are what the engine asks of it.
	aborts, silent bool
}{
	{"system goes on", Ruby, `system("kamal app boot")`, lost, false, true},
	{"system exception: true raises", Ruby, `system("kamal", "app", exception: true)`, raises, true, false},
	{"system or abort", Ruby, `system("kamal app boot") or abort("failed")`, raises, true, false},
	{"system || exit 1", Ruby, `system("kamal app boot") || exit(1)`, raises, true, false},
	{"system or puts", Ruby, `system("kamal app boot") or puts("meh")`, shell.Failure{Handler: shell.HandledByOr, OrCommand: "puts", Errexit: shell.False}, false, true},
	{"if system", Ruby, "if system('kamal app boot')\n  puts 'ok'\nend", shell.Failure{Handler: shell.HandledByIf, Errexit: shell.False}, false, true},
	{"abort unless system", Ruby, "abort unless system('kamal app boot')", raises, true, false},
	{"backticks", Ruby, "`kamal app boot`", captured, false, true},
	{"capture2", Ruby, `Open3.capture2("kamal", "app")`, captured, false, true},
	{"spawn", Ruby, `spawn("kamal app boot")`, background, false, true},
	{"exec", Ruby, `exec("kamal", "deploy")`, replaced, true, false},
	{"raise caught by rescue", Ruby, "begin\n  system('kamal', 'app', exception: true)\nrescue => e\n  puts e\nend", shell.Failure{Errexit: shell.Unknown}, false, false},
	{"stderr to null", Ruby, `system("kamal", "app", err: File::NULL)`, shell.Failure{Errexit: shell.False, StderrDiscarded: true}, false, true},
	{"|| true in the string", Ruby, `system("kamal app boot || true", exception: true)`, shell.Failure{Handler: shell.HandledByOr, OrCommand: "true", Errexit: shell.False}, false, true},
	{"call goes on", Python, `subprocess.call(["kamal", "app"])`, lost, false, true},
	{"run goes on", Python, `subprocess.run(["kamal", "app"])`, lost, false, true},
	{"run check=True raises", Python, `subprocess.run(["kamal", "app"], check=True)`, raises, true, false},
	{"check_call raises", Python, `subprocess.check_call(["kamal", "app"])`, raises, true, false},
	{"check_output raises", Python, `subprocess.check_output("kamal app", shell=True)`, raises, true, false},
	{"check_call in try", Python, "try:\n    subprocess.check_call(['kamal', 'app'])\nexcept Exception:\n    pass", shell.Failure{Errexit: shell.Unknown}, false, false},
	{"Popen", Python, `subprocess.Popen(["kamal", "app"])`, background, false, true},
	{"os.system", Python, `os.system("kamal app")`, lost, false, true},
	{"os.popen", Python, `os.popen("kamal app")`, captured, false, true},
	{"os.execvp", Python, `os.execvp("kamal", ["kamal", "deploy"])`, replaced, true, false},
	{"spawn P_WAIT", Python, `os.spawnlp(os.P_WAIT, "kamal", "kamal", "app")`, lost, false, true},
	{"spawn P_NOWAIT", Python, `os.spawnlp(os.P_NOWAIT, "kamal", "kamal", "app")`, background, false, true},
	{"stderr DEVNULL", Python, `subprocess.run(["kamal"], stderr=subprocess.DEVNULL)`, shell.Failure{Errexit: shell.False, StderrDiscarded: true}, false, true},
}

func TestFailures(t *testing.T) {
	for _, tt := range failureTests {
		t.Run(tt.name, func(t *testing.T) {
			res := Walk(tt.lang, []byte(tt.src), testConfig)
			if len(res.Commands) == 0 {
				t.Fatalf("no command; problems %v", res.Problems)
			}
			f := res.Commands[0].Failure
			if f != tt.want {
				t.Errorf("failure %+v, want %+v", f, tt.want)
			}
			if f.Aborts() != tt.aborts || f.Silent() != tt.silent {
				t.Errorf("aborts %v silent %v, want %v %v", f.Aborts(), f.Silent(), tt.aborts, tt.silent)
			}
		})
	}
}

func TestExecEndsTheHook(t *testing.T) {
	res := Walk(Ruby, []byte("exec('kamal', 'deploy')\nsystem('kamal app boot')"), testConfig)
	if got := argvs(res); len(got) != 1 {
		t.Errorf("commands after exec: %v", got)
	}
	res = Walk(Python, []byte("os.execvp('kamal', ['kamal'])\nos.system('kamal app boot')"), testConfig)
	if got := argvs(res); len(got) != 1 {
		t.Errorf("commands after os.execvp: %v", got)
	}
}

var envTests = []struct {
	name string
	lang Lang
	src  string
	want shell.EnvState
}{
	{"inherited", Ruby, `system("kamal app boot")`, shell.EnvInherited},
	{"env hash nil", Ruby, `system({"KAMAL_LOCK" => nil}, "kamal", "app")`, shell.EnvUnset},
	{"env hash set", Ruby, `system({"KAMAL_LOCK" => "false"}, "kamal app")`, shell.EnvSet},
	{"unsetenv_others", Ruby, `system({"A" => "1"}, "kamal", unsetenv_others: true)`, shell.EnvCleared},
	{"ENV.delete before", Ruby, "ENV.delete('KAMAL_LOCK')\nsystem('kamal app')", shell.EnvUnset},
	{"env -i in the string", Ruby, `system("env -i kamal app boot")`, shell.EnvCleared},
	{"py env replaces", Python, `subprocess.run(["kamal"], env={"PATH": "/bin"})`, shell.EnvCleared},
	{"py env spreads os.environ", Python, `subprocess.run(["kamal"], env={**os.environ, "X": "1"})`, shell.EnvInherited},
	{"py env dict()", Python, `subprocess.run(["kamal"], env=dict(os.environ, KAMAL_LOCK="false"))`, shell.EnvSet},
	{"py del os.environ", Python, "del os.environ['KAMAL_LOCK']\nos.system('kamal app')", shell.EnvUnset},
	{"py unknown env", Python, `subprocess.run(["kamal"], env=e)`, shell.EnvVaries},
}

func TestEnv(t *testing.T) {
	for _, tt := range envTests {
		t.Run(tt.name, func(t *testing.T) {
			res := Walk(tt.lang, []byte(tt.src), testConfig)
			if len(res.Commands) == 0 {
				t.Fatalf("no command; problems %v", res.Problems)
			}
			c := res.Commands[len(res.Commands)-1]
			if got := c.Env("KAMAL_LOCK").State; got != tt.want {
				t.Errorf("KAMAL_LOCK %v, want %v", got, tt.want)
			}
		})
	}
}
