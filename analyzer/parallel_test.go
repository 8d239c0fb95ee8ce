package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

// TestParallelSameAsSerial lints a large project made of every fixture hook, under each
// hook name, with one worker and with many: the results must be identical.
func TestParallelSameAsSerial(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatal("no fixtures", err)
	}
	dir := t.TempDir()
	hooks := filepath.Join(dir, ".kamal", "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	names := []string{"post-deploy", "pre-deploy", "pre-build", "pre-app-boot", "docker-setup", "pre-connect"}
	n := 0
	for _, c := range cases {
		ar, err := txtar.ParseFile(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if !strings.Contains(f.Name, "hooks/") {
				continue
			}
			// One folder per copy, each its own project would lose the shared caches: keep
			// them in one hooks folder, under distinct names that Kamal runs.
			name := fmt.Sprintf("%s-%03d", names[n%len(names)], n)
			if err := os.WriteFile(filepath.Join(hooks, name), f.Data, 0o755); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	proj, err := project.Load(dir, project.Options{KamalVersion: "2.5.3"})
	if err != nil {
		t.Fatal(err)
	}
	inputs, _ := analyzer.DiscoverHooks(proj)
	// Name each input as the hook it was copied for, so the rules that read the hook's
	// outer commands run on them.
	for i := range inputs {
		inputs[i].Hook = strings.TrimRight(inputs[i].Hook, "-0123456789")
	}
	lint := func(workers int) *analyzer.Result {
		l := analyzer.NewLinter(proj, rules.All())
		l.Workers = workers
		return l.Run(inputs)
	}
	serial := lint(1)
	if len(serial.Diagnostics) < 100 {
		t.Fatalf("only %d findings in %d hooks: the project does not exercise the rules", len(serial.Diagnostics), len(inputs))
	}
	for range 3 {
		if parallel := lint(8); !reflect.DeepEqual(serial, parallel) {
			t.Fatal("a parallel run differs from the serial one")
		}
	}
}
