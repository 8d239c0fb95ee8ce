package analyzer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
	"golang.org/x/tools/txtar"
)

// FuzzLint feeds arbitrary hooks through parsing, the walk and every rule, under several
// hook names and versions: nothing may panic, and every finding must lie inside the file
// with edits that apply. The seeds are the hooks of the fixtures.
func FuzzLint(f *testing.F) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.txtar"))
	for _, c := range cases {
		ar, err := txtar.ParseFile(c)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.Contains(file.Name, "hooks/") {
				f.Add(file.Data, uint8(len(file.Data)))
			}
		}
	}
	hooks := []string{"post-deploy", "pre-deploy", "pre-build", "pre-app-boot", "pre-proxy-reboot", "docker-setup", "pre-connect"}
	versions := []string{"2.5.3", "1.5.2", "2.12.0"}
	dir := f.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "config"), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, pick uint8) {
		proj, err := project.Load(dir, project.Options{KamalVersion: versions[int(pick)%len(versions)]})
		if err != nil {
			t.Fatal(err)
		}
		in := analyzer.Input{File: "hook", Hook: hooks[int(pick)%len(hooks)], Src: src}
		res := analyzer.NewLinter(proj, rules.All()).Run([]analyzer.Input{in})
		for _, d := range res.Diagnostics {
			if d.Span.Start.Offset > len(src) || d.Span.End.Offset > len(src) || d.Span.End.Offset < d.Span.Start.Offset {
				t.Fatalf("span %+v outside a %d-byte file", d.Span, len(src))
			}
			for _, s := range d.Suggestions {
				if _, err := analyzer.ApplyEdits(src, s.Edits); err != nil {
					t.Fatalf("%s suggestion: %v", s.Kind, err)
				}
			}
		}
	})
}
