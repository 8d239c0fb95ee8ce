package analyzer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
	"mvdan.cc/sh/v3/syntax"
)

// benchProject is a realistic hooks folder: the nine hooks Kamal runs, written as real
// projects write them (CI polling, notifications, nested kamal calls, functions).
const benchProject = "../testdata/bench/realistic"

func loadBench(b *testing.B) (*project.Project, []analyzer.Input) {
	b.Helper()
	proj, err := project.Load(benchProject, project.Options{})
	if err != nil {
		b.Fatal(err)
	}
	inputs, problems := analyzer.DiscoverHooks(proj)
	if len(problems) > 0 || len(inputs) < 9 {
		b.Fatalf("bench project: %d hooks, problems %v", len(inputs), problems)
	}
	for i := range inputs {
		if inputs[i].Src, err = os.ReadFile(inputs[i].Path); err != nil {
			b.Fatal(err)
		}
	}
	return proj, inputs
}

// BenchmarkParseOnly is the baseline: the bare mvdan.cc/sh parse of the same hooks.
func BenchmarkParseOnly(b *testing.B) {
	_, inputs := loadBench(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			p := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash))
			if _, err := p.Parse(bytes.NewReader(in.Src), in.File); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLint analyses the same hooks with every rule: parse, walk, rules, sort, the
// hooks in parallel as the command does.
func BenchmarkLint(b *testing.B) { benchLint(b, 0) }

// BenchmarkLintSerial is BenchmarkLint on one core, like for like with the parse baseline.
func BenchmarkLintSerial(b *testing.B) { benchLint(b, 1) }

func benchLint(b *testing.B, workers int) {
	proj, inputs := loadBench(b)
	linter := analyzer.NewLinter(proj, rules.All())
	linter.Workers = workers
	b.ReportAllocs()
	for b.Loop() {
		if res := linter.Run(inputs); len(res.Diagnostics) == 0 {
			b.Fatal("no findings in the bench project")
		}
	}
}

// BenchmarkLintProject adds what a run of the command adds: loading deploy.yml and
// Gemfile.lock, listing and reading the hooks.
func BenchmarkLintProject(b *testing.B) {
	root, err := filepath.Abs(benchProject)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		proj, err := project.Load(root, project.Options{})
		if err != nil {
			b.Fatal(err)
		}
		inputs, _ := analyzer.DiscoverHooks(proj)
		analyzer.NewLinter(proj, rules.All()).Run(inputs)
	}
}

// BenchmarkRatio runs the parse baseline and the serial lint of the same hooks in turn, in
// every iteration, and reports the ratio of their times: a figure that holds when the
// machine's speed drifts during the run. lint/parse takes as baseline a new parser for each
// file, as BenchmarkParseOnly parses; lint/parse-reused one parser for all the files, the
// cheapest bare parse there is, as hooklint itself reuses its parsers.
func BenchmarkRatio(b *testing.B) { benchRatio(b, rules.All()) }

// BenchmarkRatioFirstRules is BenchmarkRatio with only the rules hooklint's first version
// had (HL001, HL101): the engine's own cost, apart from the rules added since.
func BenchmarkRatioFirstRules(b *testing.B) {
	benchRatio(b, []*analyzer.Rule{rules.ParseError(), rules.LockConflict()})
}

func benchRatio(b *testing.B, rs []*analyzer.Rule) {
	proj, inputs := loadBench(b)
	linter := analyzer.NewLinter(proj, rs)
	linter.Workers = 1
	reused := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash))
	var parse, parseReused, lint time.Duration
	for b.Loop() {
		t0 := time.Now()
		for _, in := range inputs {
			p := syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash))
			if _, err := p.Parse(bytes.NewReader(in.Src), in.File); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		linter.Run(inputs)
		t2 := time.Now()
		for _, in := range inputs {
			if _, err := reused.Parse(bytes.NewReader(in.Src), in.File); err != nil {
				b.Fatal(err)
			}
		}
		parse, lint, parseReused = parse+t1.Sub(t0), lint+t2.Sub(t1), parseReused+time.Since(t2)
	}
	b.ReportMetric(float64(lint)/float64(parse), "lint/parse")
	b.ReportMetric(float64(lint)/float64(parseReused), "lint/parse-reused")
}
