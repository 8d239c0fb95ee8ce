package script

import (
	"fmt"
	"strings"
	"testing"
)

// argvs renders the commands of a reading: "form: word@line:col ...", an unknown field as
// ?text, a spread as text... .
func argvs(res *Result) []string {
	var out []string
	for _, c := range res.Commands {
		var argv []string
		for _, f := range c.Argv {
			s := f.Text
			if !f.Known {
				s = "?" + s
			}
			if f.Spread {
				s += "..."
			}
			argv = append(argv, fmt.Sprintf("%s@%d:%d", s, f.Pos.Line(), f.Pos.Col()))
		}
		out = append(out, c.Form+": "+strings.Join(argv, " "))
	}
	return out
}

var callFormTests = []struct {
	name string
	lang Lang
	src  string
	want []string
}{
	// Ruby.
	{"system list", Ruby, `system("kamal", "app", "boot")`, []string{"system: kamal@1:8 app@1:17 boot@1:24"}},
	{"system without parens", Ruby, `system "kamal", "app"`, []string{"system: kamal@1:8 app@1:17"}},
	{"system string", Ruby, `system("kamal accessory reboot db")`, []string{"system: kamal@1:9 accessory@1:15 reboot@1:25 db@1:32"}},
	{"Kernel.system", Ruby, `Kernel.system("kamal app")`, []string{"Kernel.system: kamal@1:16 app@1:22"}},
	{"system env hash and options", Ruby, `system({"RAILS_ENV" => "x"}, "bin/kamal", "app", exception: true)`, []string{"system: bin/kamal@1:30 app@1:43"}},
	{"system [prog, argv0]", Ruby, `system(["kamal", "k"], "deploy")`, []string{"system: kamal@1:9 deploy@1:24"}},
	{"system splat", Ruby, `system("kamal", *args)`, []string{"system: kamal@1:8 ?*args...@1:17"}},
	{"system splat %w", Ruby, `system(*%w[kamal app boot])`, []string{"system: kamal@1:12 app@1:18 boot@1:22"}},
	{"system bound list", Ruby, "CMD = %w[kamal app]\nsystem(*CMD)", []string{"system: kamal@1:10 app@1:16"}},
	{"system bound string", Ruby, "cmd = \"kamal app boot\"\nsystem(cmd)", []string{"system: kamal@1:8 app@1:14 boot@1:18"}},
	{"system unknown", Ruby, `system(cmd)`, []string{"system: ?cmd...@1:8"}},
	{"system interpolation", Ruby, `system("kamal app exec -d #{dest} ls")`, []string{"system: kamal@1:9 app@1:15 exec@1:19 -d@1:24 ?#{dest}...@1:27 ls@1:35"}},
	{"system interpolation prefix", Ruby, `system("kamal deploy -d#{dest}")`, []string{"system: kamal@1:9 deploy@1:15 ?-d#{dest}@1:22"}},
	{"system escapes", Ruby, `system("sh -c \"kamal app boot\"")`, []string{"system: sh@1:9 -c@1:12 kamal app boot@1:15", "system: kamal@1:17 app@1:23 boot@1:27"}},
	{"system string &&", Ruby, `system("cd /app && bundle exec kamal app boot")`, []string{"system: cd@1:9 /app@1:12", "system: kamal@1:32 app@1:38 boot@1:42"}},
	{"sh -c in a list", Ruby, `system("sh", "-c", "kamal app boot")`, []string{"system: sh@1:8 -c@1:14 kamal app boot@1:20", "system: kamal@1:21 app@1:27 boot@1:31"}},
	{"exec", Ruby, `exec "kamal", "deploy"`, []string{"exec: kamal@1:6 deploy@1:15"}},
	{"Process.spawn", Ruby, `pid = Process.spawn("kamal app boot")`, []string{"Process.spawn: kamal@1:22 app@1:28 boot@1:32"}},
	{"spawn", Ruby, `spawn("kamal", "app")`, []string{"spawn: kamal@1:7 app@1:16"}},
	{"backticks", Ruby, "out = `kamal app details`", []string{"`: kamal@1:8 app@1:14 details@1:18"}},
	{"%x", Ruby, "puts %x(kamal app version)", []string{"%x: kamal@1:9 app@1:15 version@1:19"}},
	{"%x braces", Ruby, "%x{bin/kamal app}", []string{"%x: bin/kamal@1:4 app@1:14"}},
	{"command heredoc", Ruby, "<<~`SH`\n  kamal app boot\nSH\n", []string{"<<`: kamal@2:3 app@2:9 boot@2:13"}},
	{"heredoc string", Ruby, "system <<~SH\n  kamal app boot\nSH\n", []string{"system: kamal@2:3 app@2:9 boot@2:13"}},
	// The body comes after the line that opens it, and after the `+ rest` on that line:
	// the rest, unknown, is a command of its own after the body's newline, and its span
	// runs from the + to the body's end.
	{"heredoc string and more", Ruby, "system <<~SH + extra\n  kamal app boot\nSH\n", []string{"system: kamal@2:3 app@2:9 boot@2:13", "system: ?+ extra\n  kamal app boot\n...@1:14"}},
	{"Open3.capture2", Ruby, `out, st = Open3.capture2("bin/kamal", "app", "details")`, []string{"Open3.capture2: bin/kamal@1:26 app@1:39 details@1:46"}},
	{"Open3.capture2e", Ruby, `Open3.capture2e("kamal app")`, []string{"Open3.capture2e: kamal@1:18 app@1:24"}},
	{"Open3.capture3 stdin_data", Ruby, `Open3.capture3("kamal", "app", stdin_data: "x")`, []string{"Open3.capture3: kamal@1:16 app@1:25"}},
	{"Open3.popen3 block", Ruby, "Open3.popen3(\"kamal\", \"app\") do |i, o, e, t|\n  system(\"kamal lock release\")\nend", []string{"Open3.popen3: kamal@1:14 app@1:23", "system: kamal@2:11 lock@2:17 release@2:22"}},
	{"Open3.popen2", Ruby, `Open3.popen2("kamal app")`, []string{"Open3.popen2: kamal@1:15 app@1:21"}},
	{"Open3.pipeline", Ruby, `Open3.pipeline("kamal app logs", ["grep", "x"])`, []string{"Open3.pipeline: kamal@1:17 app@1:23 logs@1:27", "Open3.pipeline: grep@1:35 x@1:43"}},
	{"IO.popen string", Ruby, `IO.popen("kamal app details")`, []string{"IO.popen: kamal@1:11 app@1:17 details@1:21"}},
	{"IO.popen array", Ruby, `IO.popen(["kamal", "app"], "r")`, []string{"IO.popen: kamal@1:11 app@1:20"}},
	{"wrappers stripped", Ruby, `system("bundle", "exec", "kamal", "app")`, []string{"system: kamal@1:26 app@1:35"}},
	{"not a call: method of another object", Ruby, `foo.system("kamal app")`, nil},
	{"not a call: definition", Ruby, "def system(x)\nend", nil},
	{"not a call: comment and string", Ruby, "# system('kamal app')\nputs \"system('kamal')\"", nil},
	{"inside a def", Ruby, "def kamal(*args) = system(\"bin/kamal\", *args)", []string{"system: bin/kamal@1:27 ?*args...@1:40"}},

	// Python.
	{"subprocess.run list", Python, `subprocess.run(["kamal", "app", "boot"])`, []string{"subprocess.run: kamal@1:17 app@1:26 boot@1:33"}},
	{"subprocess.run shell", Python, `subprocess.run("kamal app boot", shell=True)`, []string{"subprocess.run: kamal@1:17 app@1:23 boot@1:27"}},
	{"subprocess.run string without shell", Python, `subprocess.run("kamal app")`, []string{"subprocess.run: kamal app@1:16"}},
	{"subprocess.call", Python, `subprocess.call(["kamal", "app"])`, []string{"subprocess.call: kamal@1:18 app@1:27"}},
	{"subprocess.check_call", Python, `subprocess.check_call(["kamal", "app"])`, []string{"subprocess.check_call: kamal@1:24 app@1:33"}},
	{"subprocess.check_output", Python, `out = subprocess.check_output(["kamal", "app"], text=True)`, []string{"subprocess.check_output: kamal@1:32 app@1:41"}},
	{"subprocess.Popen", Python, `p = subprocess.Popen(["kamal", "app"])`, []string{"subprocess.Popen: kamal@1:23 app@1:32"}},
	{"import as", Python, "import subprocess as sp\nsp.run(['kamal', 'app'])", []string{"subprocess.run: kamal@2:9 app@2:18"}},
	{"from import", Python, "from subprocess import run, check_call as cc\nrun(['kamal'])\ncc(['kamal', 'x'])", []string{"subprocess.run: kamal@2:6", "subprocess.check_call: kamal@3:5 x@3:14"}},
	{"os.system", Python, `os.system("kamal app boot")`, []string{"os.system: kamal@1:12 app@1:18 boot@1:22"}},
	{"os.system f-string", Python, `os.system(f"kamal app exec -d {d} ls")`, []string{"os.system: kamal@1:13 app@1:19 exec@1:23 -d@1:28 ?{d}...@1:31 ls@1:35"}},
	{"os.popen", Python, `os.popen("kamal app details").read()`, []string{"os.popen: kamal@1:11 app@1:17 details@1:21"}},
	{"os.execvp", Python, `os.execvp("kamal", ["kamal", "deploy"])`, []string{"os.execvp: kamal@1:11 deploy@1:30"}},
	{"os.execlp", Python, `os.execlp("kamal", "kamal", "app", "boot")`, []string{"os.execlp: kamal@1:11 app@1:29 boot@1:36"}},
	{"os.execve env", Python, `os.execve("/usr/bin/kamal", ["kamal", "app"], {"A": "b"})`, []string{"os.execve: /usr/bin/kamal@1:11 app@1:39"}},
	{"os.spawnlp", Python, `os.spawnlp(os.P_WAIT, "kamal", "kamal", "app")`, []string{"os.spawnlp: kamal@1:23 app@1:41"}},
	{"os.spawnv", Python, `os.spawnv(os.P_NOWAIT, "/bin/kamal", ["kamal", "app"])`, []string{"os.spawnv: /bin/kamal@1:24 app@1:48"}},
	{"bound list", Python, "cmd = ['kamal', 'app', 'boot']\nsubprocess.run(cmd, check=True)", []string{"subprocess.run: kamal@1:8 app@1:17 boot@1:24"}},
	{"list with unknown", Python, `subprocess.run(["kamal", "app", "exec", "-d", dest, *rest])`, []string{"subprocess.run: kamal@1:17 app@1:26 exec@1:33 -d@1:41 ?dest@1:47 ?*rest...@1:53"}},
	{"implicit concatenation", Python, `os.system("kamal " "app")`, []string{"os.system: kamal@1:12 app@1:21"}},
	{"triple-quoted", Python, "os.system('''\nkamal app boot\n''')", []string{"os.system: kamal@2:1 app@2:7 boot@2:11"}},
	{"not a call: comment", Python, "# os.system('kamal')\nprint('os.system(\"kamal\")')", nil},
	{"inside def and main guard", Python, "def main():\n    subprocess.run(['kamal', 'app'])\nif __name__ == '__main__':\n    main()", []string{"subprocess.run: kamal@2:21 app@2:30"}},
}

func TestCallForms(t *testing.T) {
	for _, tt := range callFormTests {
		t.Run(tt.name, func(t *testing.T) {
			res := Walk(tt.lang, []byte(tt.src), testConfig)
			got := argvs(res)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s\nproblems %v", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "), res.Problems)
			}
		})
	}
}

// TestMaybeSet: an interpolation stays unknown when the engine says which variables the
// environment may set (the placeholder is not one of them).
func TestMaybeSet(t *testing.T) {
	cfg := testConfig
	cfg.MaybeSet = func(name string) bool { return strings.HasPrefix(name, "KAMAL_") }
	res := Walk(Ruby, []byte(`system("kamal #{cmd} -d ${KAMAL_DESTINATION:-prod}")`), cfg)
	want := []string{"system: kamal@1:9 ?#{cmd}...@1:15 -d@1:22 ?${KAMAL_DESTINATION:-prod}...@1:25"}
	if got := argvs(res); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %v, want %v", got, want)
	}
}
