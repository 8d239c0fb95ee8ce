package shell

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
	"mvdan.cc/sh/v3/syntax"
)

// fuzzVariants are the dialects FuzzWalk parses in.
var fuzzVariants = []syntax.LangVariant{syntax.LangPOSIX, syntax.LangBash, syntax.LangMirBSDKorn, syntax.LangZsh}

// fuzzWorlds returns n worlds (at most MaxWorlds) that differ in KAMAL_COMMAND and
// KAMAL_LOCK, the ways the analyzer tells worlds apart.
func fuzzWorlds(n int) []World {
	commands := []string{"setup", "deploy", "redeploy", "rollback", "app", "proxy", "accessory", "server"}
	locks := []Var{{Value: "true", Set: true}, {Value: "false", Set: true}, {}}
	var ws []World
	for i := range n {
		vars := map[string]Var{"KAMAL_LOCK": locks[i%len(locks)]}
		if i%5 != 4 {
			vars["KAMAL_COMMAND"] = Var{Value: commands[i%len(commands)], Set: true}
		}
		ws = append(ws, World{Vars: vars})
	}
	return ws
}

// FuzzWalk walks random scripts in each dialect, with none, several, or the most worlds.
// Nothing may panic; two walks must agree; every command must run in worlds of the walk
// only, and every position the walk reports must lie inside the file.
func FuzzWalk(f *testing.F) {
	for i, src := range fuzzSeeds(f) {
		f.Add(src, uint8(i))
	}
	f.Fuzz(func(t *testing.T, src []byte, pick uint8) {
		variant := fuzzVariants[int(pick)%len(fuzzVariants)]
		n := int(pick/4) % 4
		if pick >= 0xf0 {
			n = MaxWorlds
		}
		file := parseFuzz(src, variant)
		cfg := Config{
			Worlds:   fuzzWorlds(n),
			Errexit:  pick&1 != 0,
			MaybeSet: func(name string) bool { return strings.HasPrefix(name, "KAMAL_") },
		}
		res := Walk(file, cfg)
		again := Walk(file, cfg)
		if !reflect.DeepEqual(res.Commands, again.Commands) || res.TooDeep != again.TooDeep {
			t.Fatalf("two walks differ")
		}
		all := AllWorlds(max(n, 1))
		inside := func(what string, pos, end syntax.Pos) {
			for _, p := range []syntax.Pos{pos, end} {
				if p.IsValid() && !p.IsRecovered() && int(p.Offset()) > len(src) {
					t.Errorf("%s: offset %d outside a %d-byte file", what, p.Offset(), len(src))
				}
			}
		}
		for _, c := range res.Commands {
			if len(c.Argv) == 0 {
				t.Errorf("a command with no program")
			}
			if c.Worlds&^all != 0 {
				t.Errorf("command %q runs in worlds %b, outside %b", c.Argv[0].Text, c.Worlds, all)
			}
			for _, a := range c.Argv {
				inside("field "+a.Text, a.Pos, a.End)
			}
		}
		for _, v := range res.Vars() {
			inside("variable "+v.Name, v.Pos, v.End)
		}
	})
}

// parseFuzz parses src as the analyzer does: strictly, else keeping what the parser
// recovers.
func parseFuzz(src []byte, variant syntax.LangVariant) *File {
	file := &File{Name: "hook", Src: src, Variant: variant}
	f, err := Parse(bytes.NewReader(src), "hook", syntax.KeepComments(true), syntax.Variant(variant))
	if err != nil {
		f, _ = Parse(bytes.NewReader(src), "hook", syntax.KeepComments(true), syntax.Variant(variant), syntax.RecoverErrors(8))
	}
	if f != nil {
		file.Stmts = f.Stmts
	}
	return file
}

// fuzzSeeds returns the hooks of the fixtures and a few scripts that stress the walk.
func fuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	seeds := [][]byte{
		[]byte("a() { b; }; b() { a; }; a\n"),
		[]byte("f() { f \"$@\" x; }; f\n"),
		[]byte("set -e\n[ \"$KAMAL_COMMAND\" = setup ] && exit 0\nkamal accessory reboot db\n"),
		[]byte("case $KAMAL_COMMAND in deploy|redeploy) kamal app boot;; esac\n"),
		[]byte("sh -c 'eval \"kamal lock acquire -m x\"' && x=$(until kamal app boot; do :; done)\n"),
	}
	cases, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "cases", "*.txtar"))
	for _, c := range cases {
		data, err := os.ReadFile(c)
		if err != nil {
			tb.Fatal(err)
		}
		for _, file := range txtar.Parse(data).Files {
			if strings.Contains(file.Name, "hooks/") {
				seeds = append(seeds, file.Data)
			}
		}
	}
	return seeds
}
