package script

import (
	"strings"
	"testing"
)

var worldNames = []string{"setup", "deploy"}

// reached returns, for every `hit NAME` command, the worlds it runs in: "setup,deploy".
func reached(res *Result) map[string]string {
	out := map[string]string{}
	for _, c := range res.Commands {
		if len(c.Argv) < 2 || c.Argv[0].Text != "hit" {
			continue
		}
		var names []string
		c.Worlds.Each(func(i int) { names = append(names, worldNames[i]) })
		out[c.Argv[1].Text] = strings.Join(names, ",")
	}
	return out
}

var guardTests = []struct {
	name string
	lang Lang
	src  string
	want map[string]string // marker -> worlds reaching it ("" = none)
}{
	// Ruby.
	{"if ==", Ruby, "if ENV[\"KAMAL_COMMAND\"] == \"setup\"\n  system 'hit a'\nend\nsystem 'hit b'", map[string]string{"a": "setup", "b": "setup,deploy"}},
	{"if != with else", Ruby, "if ENV['KAMAL_COMMAND'] != 'setup'\n  system 'hit a'\nelse\n  system 'hit b'\nend", map[string]string{"a": "deploy", "b": "setup"}},
	{"unless", Ruby, "unless ENV.fetch('KAMAL_COMMAND') == 'setup'\n  system 'hit a'\nend", map[string]string{"a": "deploy"}},
	{"elsif", Ruby, "if ENV['KAMAL_COMMAND'] == 'x'\n  system 'hit a'\nelsif ENV['KAMAL_COMMAND'] == 'setup'\n  system 'hit b'\nelse\n  system 'hit c'\nend", map[string]string{"a": "", "b": "setup", "c": "deploy"}},
	{"modifier unless", Ruby, "system('hit a') unless ENV['KAMAL_COMMAND'] == 'setup'", map[string]string{"a": "deploy"}},
	{"modifier if", Ruby, "system 'hit a' if ENV['KAMAL_COMMAND'] == 'setup'", map[string]string{"a": "setup"}},
	{"early exit", Ruby, "exit if ENV['KAMAL_COMMAND'] == 'setup'\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"early exit 0", Ruby, "exit 0 if ENV['KAMAL_COMMAND'] == 'setup'\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"early abort unless", Ruby, "abort('no') unless ENV['KAMAL_COMMAND'] == 'deploy'\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"return at top level", Ruby, "return if ENV['KAMAL_COMMAND'] == 'setup'\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"exit in if block", Ruby, "if ENV['KAMAL_COMMAND'] == 'setup'\n  puts 'skip'\n  exit 0\nend\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"and exit", Ruby, "ENV['KAMAL_COMMAND'] == 'setup' and exit\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"|| exit", Ruby, "ENV['KAMAL_COMMAND'] == 'deploy' || exit(0)\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"case when", Ruby, "case ENV['KAMAL_COMMAND']\nwhen 'setup' then system 'hit a'\nwhen 'deploy', 'redeploy'\n  system 'hit b'\nelse\n  system 'hit c'\nend", map[string]string{"a": "setup", "b": "deploy", "c": ""}},
	{"case when splat", Ruby, "LOCKED = %w[setup]\ncase ENV['KAMAL_COMMAND']\nwhen *LOCKED\n  exit\nend\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"%w include?", Ruby, "if %w[deploy redeploy].include?(ENV['KAMAL_COMMAND'])\n  system 'hit a'\nend", map[string]string{"a": "deploy"}},
	{"array include?", Ruby, "system 'hit a' if ['setup'].include? ENV['KAMAL_COMMAND']", map[string]string{"a": "setup,deploy"}},
	{"&& and ||", Ruby, "if ENV['KAMAL_COMMAND'] == 'deploy' && ENV['KAMAL_LOCK'] != 'true'\n  system 'hit a'\nend\nif ENV['KAMAL_COMMAND'] == 'x' || ENV['KAMAL_LOCK'] == 'true'\n  system 'hit b'\nend", map[string]string{"a": "deploy", "b": "setup"}},
	{"not and !", Ruby, "system 'hit a' if not ENV['KAMAL_COMMAND'] == 'setup'\nsystem 'hit b' if !(ENV['KAMAL_COMMAND'] == 'setup')", map[string]string{"a": "deploy", "b": "deploy"}},
	{"copy in a variable", Ruby, "cmd = ENV['KAMAL_COMMAND']\nexit if cmd == 'setup'\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"regexp", Ruby, "exit if ENV['KAMAL_COMMAND'] =~ /\\Asetup\\z/\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"unknown condition keeps both", Ruby, "if File.exist?('x')\n  system 'hit a'\nend\nexit if ARGV.any?\nsystem 'hit b'", map[string]string{"a": "setup,deploy", "b": "setup,deploy"}},
	{"exit in a method does not end the hook", Ruby, "def skip\n  exit\nend\nsystem 'hit a'", map[string]string{"a": "setup,deploy"}},
	{"return in a method ends its body", Ruby, "def run\n  return if ENV['KAMAL_COMMAND'] == 'setup'\n  system 'hit a'\nend\nsystem 'hit b'", map[string]string{"a": "deploy", "b": "setup,deploy"}},
	{"guard in the string", Ruby, `system('[ "$KAMAL_COMMAND" = setup ] || hit a')`, map[string]string{"a": "deploy"}},
	{"exec ends the path", Ruby, "exec 'kamal', 'deploy' if ENV['KAMAL_COMMAND'] == 'setup'\nsystem 'hit a'", map[string]string{"a": "deploy"}},
	{"block does not end the path", Ruby, "[1].each do |x|\n  exit if ENV['KAMAL_COMMAND'] == 'setup'\nend\nsystem 'hit a'", map[string]string{"a": "setup,deploy"}},
	{"nested if", Ruby, "if ENV['KAMAL_LOCK'] == 'true'\n  if ENV['KAMAL_COMMAND'] == 'setup'\n    exit\n  end\nend\nsystem 'hit a'", map[string]string{"a": "deploy"}},

	// Python.
	{"py if ==", Python, "import os\nif os.environ.get('KAMAL_COMMAND') == 'setup':\n    os.system('hit a')\nos.system('hit b')", map[string]string{"a": "setup", "b": "setup,deploy"}},
	{"py elif else", Python, "if os.environ['KAMAL_COMMAND'] == 'x':\n    os.system('hit a')\nelif os.getenv('KAMAL_COMMAND') == 'setup':\n    os.system('hit b')\nelse:\n    os.system('hit c')", map[string]string{"a": "", "b": "setup", "c": "deploy"}},
	{"py sys.exit", Python, "import sys, os\nif os.environ.get('KAMAL_COMMAND') == 'setup':\n    sys.exit(0)\nos.system('hit a')", map[string]string{"a": "deploy"}},
	{"py one-line if", Python, "if os.getenv('KAMAL_COMMAND') == 'setup': sys.exit()\nos.system('hit a')", map[string]string{"a": "deploy"}},
	{"py in tuple", Python, "if os.environ.get('KAMAL_COMMAND', '') in ('deploy', 'redeploy'):\n    os.system('hit a')", map[string]string{"a": "deploy"}},
	{"py not in list", Python, "if os.environ['KAMAL_COMMAND'] not in ['deploy']:\n    os.system('hit a')", map[string]string{"a": "setup"}},
	{"py and or not", Python, "if not os.getenv('KAMAL_COMMAND') == 'setup' and os.getenv('KAMAL_LOCK') != 'true':\n    os.system('hit a')", map[string]string{"a": "deploy"}},
	{"py copy", Python, "cmd = os.environ.get('KAMAL_COMMAND')\nif cmd == 'setup':\n    raise SystemExit(0)\nos.system('hit a')", map[string]string{"a": "deploy"}},
	{"py from os import environ", Python, "from os import environ, getenv\nif environ.get('KAMAL_COMMAND') == 'setup' or getenv('KAMAL_LOCK') == 'true':\n    exit()\nos.system('hit a')", map[string]string{"a": "deploy"}},
	{"py return in main", Python, "def main():\n    if os.environ.get('KAMAL_COMMAND') == 'setup':\n        return\n    os.system('hit a')\nmain()\nos.system('hit b')", map[string]string{"a": "deploy", "b": "setup,deploy"}},
	{"py match", Python, "match os.environ.get('KAMAL_COMMAND'):\n    case 'setup':\n        os.system('hit a')\n    case 'deploy' | 'redeploy':\n        os.system('hit b')\n    case _:\n        os.system('hit c')", map[string]string{"a": "setup", "b": "deploy", "c": ""}},
	{"py unknown keeps both", Python, "if os.path.exists('x'):\n    os.system('hit a')", map[string]string{"a": "setup,deploy"}},
	{"py nested blocks", Python, "if True:\n    if os.getenv('KAMAL_COMMAND') == 'setup':\n        sys.exit(0)\n    os.system('hit a')\nos.system('hit b')", map[string]string{"a": "deploy", "b": "deploy"}},
}

func TestGuards(t *testing.T) {
	for _, tt := range guardTests {
		t.Run(tt.name, func(t *testing.T) {
			res := Walk(tt.lang, []byte(tt.src), testConfig)
			got := reached(res)
			for k, v := range tt.want {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("%s: got %q (found %v), want %q; problems %v", k, g, ok, v, res.Problems)
				}
			}
			for k := range got {
				if _, ok := tt.want[k]; !ok {
					t.Errorf("unexpected marker %s", k)
				}
			}
		})
	}
}
