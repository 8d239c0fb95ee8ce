package driver_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/driver"
	"github.com/hooklint/hooklint/analyzer/format"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

// minHooks is how many hooks the synthetic projects of these tests hold at least.
const minHooks = 300

// TestRunOutputIsStable checks a run over many projects built from the fixtures (each
// fixture twice, several hundred hooks): the output in every format, and the problems,
// are byte for byte those of another run. Analysis may be spread over workers, but the
// output must stay that of a serial run.
func TestRunOutputIsStable(t *testing.T) {
	root := t.TempDir()
	var paths []string
	hooks := 0
	for copy := range 2 {
		for _, c := range fixtures(t) {
			dir := filepath.Join(fmt.Sprintf("copy%d", copy), strings.TrimSuffix(filepath.Base(c), ".txtar"))
			hooks += extract(t, c, filepath.Join(root, dir))
			paths = append(paths, dir)
		}
	}
	if hooks < minHooks {
		t.Fatalf("only %d hooks in the fixtures, want %d", hooks, minHooks)
	}
	// One Kamal version keeps the run short (unknown, every hook is resolved at each of
	// some fifty releases); FuzzLint checks that a run at an unknown version is stable.
	opts := driver.Options{Dir: root, Paths: paths, KamalVersion: "2.5.3"}
	// The reference run: one project, and one hook, at a time.
	serialOpts := opts
	serialOpts.Workers = 1
	serial := render(t, serialOpts)
	opts.Workers = 4 // more workers than this machine may have cores, to mix the order up
	got := render(t, opts)
	for name := range serial {
		if !bytes.Equal(got[name], serial[name]) {
			t.Errorf("%s output differs from the reference run's:\n%s", name, firstDifference(serial[name], got[name]))
		}
	}
}

// TestLinterConcurrentUse runs one linter (one project, one Kamal model, the rules) over
// the same several hundred hooks from several goroutines at once: each must get exactly
// what a serial run gets. With -race it also checks that analysing hooks shares no state
// that is written.
func TestLinterConcurrentUse(t *testing.T) {
	var inputs []analyzer.Input
	for i := 0; len(inputs) < minHooks; i++ {
		for _, h := range fixtureHooks(t) {
			h.File = fmt.Sprintf("copy%d/%s", i, h.File)
			inputs = append(inputs, h)
		}
	}
	dir := t.TempDir()
	proj, err := project.Load(dir, project.Options{KamalVersion: "2.5.3"})
	if err != nil {
		t.Fatal(err)
	}
	linter := analyzer.NewLinter(proj, rules.All())
	want := linter.Run(inputs)
	if len(want.Diagnostics) == 0 {
		t.Fatal("no findings in the fixtures' hooks")
	}
	const goroutines = 4
	results := make([]*analyzer.Result, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() { results[g] = linter.Run(inputs) })
	}
	wg.Wait()
	for g, got := range results {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("goroutine %d: result differs from the serial run's", g)
		}
	}
}

// render runs the driver and returns its output in every format, and its problems.
func render(t *testing.T, opts driver.Options) map[string][]byte {
	t.Helper()
	rep, err := driver.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, name := range format.Names {
		var b bytes.Buffer
		if err := format.Write(&b, name, rep.Result(), rules.All(), format.Options{}); err != nil {
			t.Fatal(err)
		}
		out[name] = b.Bytes()
	}
	var problems bytes.Buffer
	for _, p := range rep.Problems {
		fmt.Fprintln(&problems, p)
	}
	out["problems"] = problems.Bytes()
	return out
}

// firstDifference shows the first line where two outputs differ.
func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, then %d", len(al), len(bl))
}

// fixtures returns the fixture archives.
func fixtures(t *testing.T) []string {
	t.Helper()
	cases, err := filepath.Glob(filepath.Join("..", "..", "testdata", "cases", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	return cases
}

// extract writes a fixture's files under dir, hooks with the run bit, and returns how
// many hooks it has.
func extract(t *testing.T, archive, dir string) int {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	hooks := 0
	for _, f := range ar.Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.Contains(f.Name, "hooks/") {
			mode = 0o755
			hooks++
		}
		if err := os.WriteFile(name, f.Data, mode); err != nil {
			t.Fatal(err)
		}
	}
	return hooks
}

// fixtureHooks returns the fixtures' hooks as inputs, each run as the hook its file names.
func fixtureHooks(t *testing.T) []analyzer.Input {
	t.Helper()
	var inputs []analyzer.Input
	for _, c := range fixtures(t) {
		ar, err := txtar.ParseFile(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.Contains(f.Name, "hooks/") {
				file := strings.TrimSuffix(filepath.Base(c), ".txtar") + "/" + f.Name
				inputs = append(inputs, analyzer.Input{File: file, Hook: filepath.Base(f.Name), Src: f.Data, Mode: 0o755})
			}
		}
	}
	return inputs
}
