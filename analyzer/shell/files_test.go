package shell

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// walkProject walks the hook with the other files of a small project at hand.
func walkProject(t *testing.T, hook string, files map[string]string) *Result {
	t.Helper()
	parsed := map[string]*File{}
	open := func(name string, variant *syntax.LangVariant) *File {
		name = path.Clean(name)
		if f, ok := parsed[name]; ok {
			return f
		}
		src, ok := files[name]
		if !ok {
			return nil
		}
		v := syntax.LangPOSIX
		if variant != nil {
			v = *variant
		}
		f := parse(t, v, src)
		f.Name = name
		f.Errexit = strings.HasPrefix(src, "#!/bin/sh -e")
		parsed[name] = f
		return f
	}
	f := parse(t, syntax.LangPOSIX, hook)
	f.Name = ".kamal/hooks/post-deploy"
	return Walk(f, Config{Worlds: testWorlds, Arg0: ".kamal/hooks/post-deploy", Open: open,
		MaybeSet: func(name string) bool { return strings.HasPrefix(name, "KAMAL_") }})
}

func TestScriptFiles(t *testing.T) {
	helpers := map[string]string{
		"bin/verify-replica":        "#!/bin/sh\necho checking\nkamal accessory reboot db\n",
		"script/migrate.sh":         "#!/bin/sh\nkamal app exec --reuse \"bin/rails db:migrate\"\n",
		"script/args.sh":            "#!/bin/sh\nkamal accessory \"$1\" db\n",
		"script/chain.sh":           "#!/bin/sh\n./script/inner.sh\n",
		"script/inner.sh":           "#!/bin/sh\n\nkamal app boot\n",
		"script/loop-a.sh":          "#!/bin/sh\n. ./script/loop-b.sh\nkamal app stop\n",
		"script/loop-b.sh":          ". ./script/loop-a.sh\n",
		".kamal/hooks/lib.sh":       "is_setup() { [ \"$KAMAL_COMMAND\" = setup ]; }\nK=bin/kamal\n",
		"script/guarded.sh":         "#!/bin/sh\n[ \"$KAMAL_COMMAND\" = setup ] && exit 0\nkamal app start\n",
		".kamal/hooks/helpers/x.sh": "kamal proxy reboot\n",
	}
	tests := []struct {
		name, hook string
		want       string // "program args... @worlds via chain" per kamal command
	}{
		{"exec", "exec bin/verify-replica\n", "kamal accessory reboot db @setup,deploy via bin/verify-replica:3"},
		{"relative", "./script/migrate.sh\n", "kamal app exec --reuse bin/rails db:migrate @setup,deploy via script/migrate.sh:2"},
		{"bash FILE args", "bash script/args.sh reboot\n", "kamal accessory reboot db @setup,deploy via script/args.sh:2"},
		{"guard at the call site", "[ \"$KAMAL_COMMAND\" = setup ] || ./script/migrate.sh\n", "kamal app exec --reuse bin/rails db:migrate @deploy via script/migrate.sh:2"},
		{"guard inside the file", "script/guarded.sh\n", "kamal app start @deploy via script/guarded.sh:3"},
		{"two levels", "./script/chain.sh\n", "kamal app boot @setup,deploy via script/chain.sh:2, script/inner.sh:3"},
		{"source brings functions and variables", ". \"$(dirname \"$0\")/lib.sh\"\nis_setup && exit 0\n$K app boot\n", "bin/kamal app boot @deploy"},
		{"cd && pwd", "DIR=$(cd \"$(dirname \"$0\")\" && pwd)\n\"$DIR/helpers/x.sh\"\n", "kamal proxy reboot @setup,deploy via .kamal/hooks/helpers/x.sh:1"},
		{"a cycle of sourced files is cut", ". ./script/loop-a.sh\n", "kamal app stop @setup,deploy via script/loop-a.sh:3"},
		{"missing file is quiet", "./script/missing.sh\nkamal app details\n", "kamal app details @setup,deploy"},
		{"the hook itself is not followed", "\"$0\"\nkamal app details\n", "kamal app details @setup,deploy"},
		{"sh -c inherits the hook's variables", "sh -c '[ \"$KAMAL_COMMAND\" = setup ] || kamal app boot'\n", "kamal app boot @deploy"},
		{"sudo drops them", "sudo sh -c '[ \"$KAMAL_COMMAND\" = setup ] || kamal app boot'\n", "kamal app boot @setup,deploy"},
		{"sudo -E keeps them", "sudo -E sh -c '[ \"$KAMAL_COMMAND\" = setup ] || kamal app boot'\n", "kamal app boot @deploy"},
		{"a prefix assignment sets one", "KAMAL_COMMAND=deploy sh -c '[ \"$KAMAL_COMMAND\" = setup ] || kamal app boot'\n", "kamal app boot @setup,deploy"},
		{"env -i drops them for a file", "env -i script/guarded.sh\n", "kamal app start @setup,deploy via script/guarded.sh:3"},
		{"ssh drops them", "ssh host '[ \"$KAMAL_COMMAND\" = setup ] && kamal app boot'\n", "kamal app boot @"},
		{"an exported function is a bash child's", "f() { kamal app boot; }\nexport -f f\nbash -c f\nsh -c f\nssh host f\n", "kamal app boot @setup,deploy"},
		{"a function of the hook is not the new shell's", "f() { kamal app boot; }\nsh -c f\nssh host f\nkamal app details\n", "kamal app details @setup,deploy"},
		{"a string forwarded through \"$@\"", "remote() { ssh host \"$@\"; }\nremote 'cd /srv && kamal app boot'\n", "kamal app boot @setup,deploy"},
		{"a string forwarded to sh -c", "run() { sh -c \"$@\"; }\nrun 'kamal app boot'\n", "kamal app boot @setup,deploy"},
		{"a here-document read by sh", "sh <<'EOF'\n[ \"$KAMAL_COMMAND\" = setup ] || kamal app boot\nEOF\n", "kamal app boot @deploy"},
		{"ssh -n reads no here-document; -lnobody is -l nobody", "ssh -n host <<'EOF'\nkamal app stop\nEOF\nssh -lnobody host <<'EOF'\nkamal app boot\nEOF\n", "kamal app boot @setup,deploy"},
		{"a here-document read over ssh", "ssh host <<'EOF'\n[ \"$KAMAL_COMMAND\" = setup ] || kamal app boot\nEOF\n", "kamal app boot @setup,deploy"},
		{"an unquoted here-document", "bash -s <<EOF\n[ \"\\$KAMAL_COMMAND\" = setup ] || kamal app boot\nEOF\n", "kamal app boot @deploy"},
		{"a here-document a group's shell reads", "{ echo; sh; } <<'EOF'\nkamal app boot\nEOF\n", "kamal app boot @setup,deploy"},
		{"a here-document cat pipes to sh", "cat <<'EOF' | sh\nkamal app boot\nEOF\ncat <<'EOF' | grep x\nkamal app stop\nEOF\n", "kamal app boot @setup,deploy"},
		{"a here-document the string of ssh reads", "ssh host 'bash -s' <<'EOF'\nkamal app boot\nEOF\n", "kamal app boot @setup,deploy"},
		{"a here-document nobody runs", "cat <<'EOF'\nkamal app boot\nEOF\nsh ./script/migrate.sh <<'EOF'\nkamal app boot\nEOF\n", "kamal app exec --reuse bin/rails db:migrate @setup,deploy via script/migrate.sh:2"},
		{"a file run over ssh is the other host's", "ssh host ./script/chain.sh\nssh host 'cd /srv && ./script/chain.sh'\nkamal app details\n", "kamal app details @setup,deploy"},
		{"a file sourced over ssh is the other host's", "ssh host '. ./script/loop-a.sh; kamal app details'\n", "kamal app details @setup,deploy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := walkProject(t, tt.hook, helpers)
			var got []string
			for _, c := range res.Commands {
				if !strings.HasSuffix(c.Argv[0].Text, "kamal") {
					continue
				}
				var words, worlds, chain []string
				for _, f := range c.Argv {
					words = append(words, f.Text)
				}
				c.Worlds.Each(func(i int) { worlds = append(worlds, worldNames[i]) })
				for _, h := range c.Chain {
					chain = append(chain, fmt.Sprintf("%s:%d", h.File, h.Pos.Line()))
				}
				s := strings.Join(words, " ") + " @" + strings.Join(worlds, ",")
				if len(chain) > 0 {
					s += " via " + strings.Join(chain, ", ")
				}
				if c.Site.Pos().Line() < 1 || c.File == nil {
					t.Errorf("%s: no site or file", s)
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func TestForeignScripts(t *testing.T) {
	f := parse(t, syntax.LangPOSIX, "[ \"$KAMAL_COMMAND\" = setup ] || ./script/x.rb\nruby script/x.rb\n./bin/tool\n")
	rubyCmd := Foreign([]Field{{Text: "kamal", Known: true, Pos: syntax.NewPos(40, 3, 8)}, {Text: "app", Known: true}, {Text: "boot", Known: true}},
		nil, AllWorlds(len(testWorlds)), Failure{}, func(string) EnvValue { return EnvValue{} })
	res := Walk(f, Config{Worlds: testWorlds, Foreign: func(name string) (string, []*Command) {
		if name != "./script/x.rb" && name != "script/x.rb" {
			return "", nil
		}
		return "script/x.rb", []*Command{rubyCmd}
	}})
	var got []string
	for _, c := range res.Commands {
		if c.Argv[0].Text != "kamal" {
			continue
		}
		var ws []string
		c.Worlds.Each(func(i int) { ws = append(ws, worldNames[i]) })
		got = append(got, fmt.Sprintf("line %d @%s via %s:%d in script %v", c.Site.Pos().Line(), strings.Join(ws, ","), c.Chain[0].File, c.Chain[0].Pos.Line(), c.InScript))
	}
	want := "line 1 @deploy via script/x.rb:3 in script true\nline 2 @setup,deploy via script/x.rb:3 in script true"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
