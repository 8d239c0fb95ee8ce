package script

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzWalk feeds arbitrary bytes to both readers: nothing may panic or hang, every
// position must lie inside the file, and two readings of the same bytes must agree. The
// seeds are the sources of the table tests and the Ruby hooks of the fixtures.
func FuzzWalk(f *testing.F) {
	for _, tt := range lexTests {
		f.Add([]byte(tt.src), tt.lang == Python)
	}
	for _, tt := range callFormTests {
		f.Add([]byte(tt.src), tt.lang == Python)
	}
	for _, tt := range guardTests {
		f.Add([]byte(tt.src), tt.lang == Python)
	}
	for _, tt := range failureTests {
		f.Add([]byte(tt.src), tt.lang == Python)
	}
	for _, tt := range envTests {
		f.Add([]byte(tt.src), tt.lang == Python)
	}
	cases, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "cases", "*.txtar"))
	for _, c := range cases {
		data, err := os.ReadFile(c)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range txtar.Parse(data).Files {
			if strings.Contains(file.Name, "hooks/") && strings.Contains(string(file.Data), "ruby") {
				f.Add(file.Data, false)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, python bool) {
		lang := Ruby
		if python {
			lang = Python
		}
		res := Walk(lang, src, testConfig)
		inside := func(what string, off uint) {
			if int(off) > len(src) {
				t.Fatalf("%s at offset %d outside a %d-byte file", what, off, len(src))
			}
		}
		for _, c := range res.Commands {
			inside("call", c.Call.Pos.Offset())
			inside("call end", c.Call.End.Offset())
			for _, a := range c.Argv {
				inside("field "+a.Text, a.Pos.Offset())
				inside("field end "+a.Text, a.End.Offset())
				if a.End.Offset() < a.Pos.Offset() {
					t.Fatalf("field %q ends before it starts", a.Text)
				}
			}
			c.Env("KAMAL_LOCK")
		}
		for _, s := range res.Strings {
			inside("string", s.Pos.Offset())
			inside("string end", s.End.Offset())
		}
		for _, p := range res.Problems {
			inside("problem", p.Pos.Offset())
		}
		again := Walk(lang, src, testConfig)
		if !reflect.DeepEqual(argvs(res), argvs(again)) || len(res.Strings) != len(again.Strings) || !reflect.DeepEqual(res.Problems, again.Problems) {
			t.Fatal("two readings differ")
		}
	})
}
