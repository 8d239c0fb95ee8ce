package driver

import (
	"bytes"
	"cmp"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
)

// writeTree writes files (slash path -> content) under dir; a path ending in "/" is an
// empty directory. Files under a hooks folder get the run bit.
func writeTree(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.Contains(name, "hooks/") {
			mode = 0o755
		}
		if err := os.WriteFile(full, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// markRule reports line 1 of every hook that contains "MARK", with the severity sev (0
// leaves the rule's default). It stands for any rule, so that these tests do not depend on
// what the real rules find.
func markRule(id, name string, def, sev analyzer.Severity, ran *int) *analyzer.Rule {
	return &analyzer.Rule{ID: id, Name: name, Severity: def, Summary: "test rule",
		Run: func(p *analyzer.Pass) {
			if ran != nil {
				*ran++
			}
			if bytes.Contains(p.Hook.Src, []byte("MARK")) {
				p.Report(analyzer.Diagnostic{Rule: id, Name: name, Severity: sev, Message: "marked",
					Span: analyzer.Span{Start: analyzer.Position{Line: 1, Column: 1}, End: analyzer.Position{Line: 1, Column: 2}}})
			}
		}}
}

func testRules() []*analyzer.Rule {
	return []*analyzer.Rule{
		markRule("HL901", "mark-warning", analyzer.SeverityWarning, analyzer.SeverityWarning, nil),
		markRule("HL902", "mark-default", analyzer.SeverityInfo, 0, nil),
	}
}

const hook = "#!/bin/sh\necho MARK\n"

// TestTargets checks how paths are grouped into projects, one target per project root.
func TestTargets(t *testing.T) {
	type wantTarget struct {
		root     string // slash path relative to the test directory
		prefix   string
		discover bool
		files    []string // Input.File of the named inputs
		hooks    []string // Input.Hook
	}
	tests := []struct {
		name     string
		files    map[string]string
		dir      string // working directory, relative to the test directory
		opts     Options
		want     []wantTarget
		problems []string // Problem.String()
		kinds    []analyzer.ProblemKind
	}{
		{
			name:  "no path: the project around the working directory",
			files: map[string]string{"app/config/deploy.yml": "service: app\n", "app/config/sub/": ""},
			dir:   "app/config/sub",
			want:  []wantTarget{{root: "app", discover: true}},
		},
		{
			name:  "a directory is a root, even inside another project",
			files: map[string]string{"config/deploy.yml": "", "sub/x": ""},
			opts:  Options{Paths: []string{"sub"}},
			want:  []wantTarget{{root: "sub", discover: true}},
		},
		{
			name:  "two files of one project: one target",
			files: map[string]string{"config/deploy.yml": "", ".kamal/hooks/post-deploy": hook, ".kamal/hooks/pre-deploy": hook},
			opts:  Options{Paths: []string{".kamal/hooks/post-deploy", ".kamal/hooks/pre-deploy", ".kamal/hooks/post-deploy"}},
			want: []wantTarget{{root: ".", files: []string{".kamal/hooks/post-deploy", ".kamal/hooks/pre-deploy"},
				hooks: []string{"post-deploy", "pre-deploy"}}},
		},
		{
			name:  "a directory and a file of the same project: loaded once",
			files: map[string]string{"config/deploy.yml": "", ".kamal/hooks/post-deploy": hook, "hook.sh": hook},
			opts:  Options{Paths: []string{".", "hook.sh"}, Hook: "pre-deploy"},
			want:  []wantTarget{{root: ".", discover: true, files: []string{"hook.sh"}, hooks: []string{"pre-deploy"}}},
		},
		{
			name: "two projects get prefixes",
			files: map[string]string{"a/config/deploy.yml": "", "b/.kamal/hooks/post-deploy": hook,
				"a/.kamal/hooks/pre-deploy": hook},
			opts: Options{Paths: []string{"b/.kamal/hooks/post-deploy", "a", "a/.kamal/hooks/pre-deploy"}},
			want: []wantTarget{
				{root: "b", prefix: "b", files: []string{".kamal/hooks/post-deploy"}, hooks: []string{"post-deploy"}},
				{root: "a", prefix: "a", discover: true, files: []string{".kamal/hooks/pre-deploy"}, hooks: []string{"pre-deploy"}},
			},
		},
		{
			name:     "a missing path is an input problem; the others are kept",
			files:    map[string]string{".kamal/hooks/post-deploy": hook},
			opts:     Options{Paths: []string{"missing", ".kamal/hooks/post-deploy"}},
			want:     []wantTarget{{root: ".", files: []string{".kamal/hooks/post-deploy"}, hooks: []string{"post-deploy"}}},
			problems: []string{"missing: no such file or directory"},
			kinds:    []analyzer.ProblemKind{analyzer.ProblemInput},
		},
		{
			name:  "a file named like no hook",
			files: map[string]string{".kamal/": "", "deploy.sh": hook},
			opts:  Options{Paths: []string{"deploy.sh"}},
			want:  []wantTarget{{root: ".", files: []string{"deploy.sh"}, hooks: []string{"deploy.sh"}}},
		},
		{
			name: "a project file stands for its project's hooks",
			files: map[string]string{"app/config/deploy.yml": "", "app/config/deploy.staging.yml": "", "app/Gemfile.lock": "",
				"app/.hooklint.yml": "", "app/.kamal/hooks/post-deploy": hook, "shop/Gemfile.lock": "", "shop/.kamal/hooks/pre-build": hook},
			opts: Options{Paths: []string{"app/config/deploy.staging.yml", "app/.kamal/hooks/post-deploy", "app/Gemfile.lock",
				"shop/Gemfile.lock", "app/config/deploy.yml", "app/.hooklint.yml"}},
			want: []wantTarget{
				{root: "app", prefix: "app", discover: true, files: []string{".kamal/hooks/post-deploy"}, hooks: []string{"post-deploy"}},
				{root: "shop", prefix: "shop", discover: true},
			},
		},
		{
			name:  "stdin with a file name: the project around that name",
			files: map[string]string{"app/config/deploy.yml": "", "other/": ""},
			dir:   "other",
			opts:  Options{Paths: []string{"-", "-"}, StdinFilename: "../app/.kamal/hooks/post-deploy", Stdin: []byte(hook)},
			want:  []wantTarget{{root: "app", files: []string{".kamal/hooks/post-deploy"}, hooks: []string{"post-deploy"}}},
		},
		{
			name:  "stdin with a hook name only",
			files: map[string]string{"config/deploy.yml": ""},
			opts:  Options{Paths: []string{"-"}, Hook: "pre-build", Stdin: []byte(hook)},
			want:  []wantTarget{{root: ".", files: []string{"<stdin>"}, hooks: []string{"pre-build"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := writeTree(t, t.TempDir(), tt.files)
			wd := filepath.Join(base, filepath.FromSlash(tt.dir))
			if err := os.MkdirAll(wd, 0o755); err != nil {
				t.Fatal(err)
			}
			targets, problems := findTargets(wd, tt.opts)
			var got []wantTarget
			for _, tg := range targets {
				rel, _ := filepath.Rel(base, tg.root)
				w := wantTarget{root: filepath.ToSlash(rel), prefix: tg.prefix, discover: tg.discover}
				for _, in := range tg.inputs {
					w.files = append(w.files, in.File)
					w.hooks = append(w.hooks, in.Hook)
					if (in.Src == nil) == (in.Path == "") {
						t.Errorf("%s: want exactly one of Path and Src", in.File)
					}
					if in.Src != nil && in.Mode != 0 {
						t.Errorf("%s: standard input has mode %v", in.File, in.Mode)
					}
					if in.Src == nil && in.Mode.Perm() == 0 {
						t.Errorf("%s: no mode", in.File)
					}
				}
				got = append(got, w)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("targets:\n got %+v\nwant %+v", got, tt.want)
			}
			var strs []string
			var kinds []analyzer.ProblemKind
			for _, p := range problems {
				strs = append(strs, p.String())
				kinds = append(kinds, p.Kind)
			}
			if !slices.Equal(strs, tt.problems) || !slices.Equal(kinds, tt.kinds) {
				t.Errorf("problems = %q %v, want %q %v", strs, kinds, tt.problems, tt.kinds)
			}
		})
	}
}

// TestRunStdin checks a hook on standard input: shown under its file name, with its
// source, and no mode.
func TestRunStdin(t *testing.T) {
	dir := writeTree(t, t.TempDir(), map[string]string{"config/deploy.yml": "service: app\n"})
	rep, err := Run(Options{Dir: dir, Paths: []string{"-"}, Stdin: []byte(hook),
		StdinFilename: ".kamal/hooks/post-deploy", Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Projects) != 1 || rep.Root != rep.Projects[0].Root {
		t.Fatalf("projects %+v, root %s", rep.Projects, rep.Root)
	}
	pr := rep.Projects[0]
	if len(pr.Inputs) != 1 || pr.Inputs[0].Hook != "post-deploy" || pr.Inputs[0].Mode != 0 {
		t.Errorf("inputs = %+v", pr.Inputs)
	}
	if got := string(rep.Sources[".kamal/hooks/post-deploy"]); got != hook {
		t.Errorf("source = %q", got)
	}
	if len(rep.Diagnostics) != 2 || rep.Diagnostics[0].File != ".kamal/hooks/post-deploy" || rep.Diagnostics[0].Hook != "post-deploy" {
		t.Errorf("diagnostics = %+v", rep.Diagnostics)
	}
	if len(rep.Problems) != 0 {
		t.Errorf("problems = %v", rep.Problems)
	}
}

// TestRunTwoProjects checks two projects on different Kamal versions: each keeps its
// version, and the merged findings are prefixed and sorted.
func TestRunTwoProjects(t *testing.T) {
	dir := writeTree(t, t.TempDir(), map[string]string{
		"old/Gemfile.lock":             "GEM\n  specs:\n    kamal (2.5.3)\n",
		"old/.kamal/hooks/post-deploy": hook,
		"new/config/deploy.yml":        "service: app\nminimum_version: 2.6.0\n",
		"new/.kamal/hooks/pre-deploy":  hook,
		"new/.kamal/hooks/post-deploy": hook,
	})
	rep, err := Run(Options{Dir: dir, Paths: []string{"old", "new"}, Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	type proj struct {
		prefix string
		kamal  analyzer.KamalVersion
		n      int
	}
	var got []proj
	for _, pr := range rep.Projects {
		got = append(got, proj{pr.Prefix, pr.Kamal, len(pr.Diagnostics)})
		for _, d := range pr.Diagnostics {
			if strings.HasPrefix(d.File, pr.Prefix+"/") {
				t.Errorf("project diagnostic %s is prefixed", d.File)
			}
		}
	}
	want := []proj{
		{"old", analyzer.KamalVersion{Version: "2.5.3", Source: "Gemfile.lock"}, 2},
		{"new", analyzer.KamalVersion{Version: "2.6.0", Source: "minimum_version", Floor: true}, 4},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("projects = %+v\nwant %+v", got, want)
	}
	var files []string
	for _, d := range rep.Diagnostics {
		files = append(files, d.File)
	}
	wantFiles := []string{"new/.kamal/hooks/post-deploy", "new/.kamal/hooks/post-deploy",
		"new/.kamal/hooks/pre-deploy", "new/.kamal/hooks/pre-deploy",
		"old/.kamal/hooks/post-deploy", "old/.kamal/hooks/post-deploy"}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("files = %q", files)
	}
	if _, ok := rep.Sources["old/.kamal/hooks/post-deploy"]; !ok || len(rep.Sources) != 3 {
		t.Errorf("sources = %q", slices.Sorted(maps.Keys(rep.Sources)))
	}
	abs, _ := filepath.Abs(dir)
	res := rep.Result()
	if res.Root != abs || res.Kamal != want[0].kamal || len(res.Projects) != 2 ||
		res.Projects[1] != (analyzer.ProjectInfo{Root: "new", Kamal: want[1].kamal}) {
		t.Errorf("result root %s kamal %+v projects %+v", res.Root, res.Kamal, res.Projects)
	}
}

// TestRuleSeverity checks the per-rule settings: off, a severity, by ID or name, and the
// settings that are refused.
func TestRuleSeverity(t *testing.T) {
	tests := []struct {
		name     string
		settings map[string]string
		want     []string // "rule severity" of each finding
		ran      int      // how often HL901 ran
		err      string
	}{
		{"none", nil, []string{"HL901 warning", "HL902 info"}, 1, ""},
		{"off by ID", map[string]string{"HL901": "off"}, []string{"HL902 info"}, 0, ""},
		{"off by name", map[string]string{"mark-default": "OFF"}, []string{"HL901 warning"}, 1, ""},
		{"severity by name", map[string]string{"mark-warning": "error"}, []string{"HL901 error", "HL902 info"}, 1, ""},
		{"severity by lower-case ID", map[string]string{"hl902": "warning", "HL901": "info"}, []string{"HL901 info", "HL902 warning"}, 1, ""},
		{"unknown rule", map[string]string{"HL999": "off"}, nil, 0, `rule setting "HL999": no such rule`},
		{"bad value", map[string]string{"HL901": "fatal"}, nil, 0, `rule setting "HL901": unknown severity "fatal" (want error, warning or info), or off`},
		{"set twice", map[string]string{"HL901": "off", "mark-warning": "error"}, nil, 0, `rule setting "mark-warning": HL901 is already set as "HL901"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, t.TempDir(), map[string]string{".kamal/hooks/post-deploy": hook})
			ran := 0
			rules := []*analyzer.Rule{
				markRule("HL901", "mark-warning", analyzer.SeverityWarning, analyzer.SeverityWarning, &ran),
				markRule("HL902", "mark-default", analyzer.SeverityInfo, 0, nil),
			}
			rep, err := Run(Options{Dir: dir, Rules: rules, RuleSeverity: tt.settings})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range rep.Diagnostics {
				got = append(got, d.Rule+" "+d.Severity.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings = %q, want %q", got, tt.want)
			}
			if !reflect.DeepEqual(rep.Projects[0].Diagnostics, rep.Diagnostics) {
				t.Errorf("project findings differ: %+v", rep.Projects[0].Diagnostics)
			}
			if ran != tt.ran {
				t.Errorf("HL901 ran %d times, want %d", ran, tt.ran)
			}
		})
	}
}

// TestRunProblems checks the kind of each problem and the outcome it leads to.
func TestRunProblems(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		paths     []string
		threshold analyzer.Severity
		problems  []string
		kinds     []analyzer.ProblemKind
		outcome   Outcome
	}{
		{
			name:      "clean",
			files:     map[string]string{".kamal/hooks/post-deploy": "#!/bin/sh\n"},
			threshold: analyzer.SeverityInfo,
			outcome:   Clean,
		},
		{
			name:      "findings below the threshold",
			files:     map[string]string{".kamal/hooks/post-deploy": hook},
			threshold: analyzer.SeverityError,
			outcome:   Clean,
		},
		{
			name:      "findings at the threshold, including a default severity",
			files:     map[string]string{".kamal/hooks/post-deploy": hook},
			threshold: analyzer.SeverityInfo,
			outcome:   Findings,
		},
		{
			name:     "no hooks: a notice",
			files:    map[string]string{"config/deploy.yml": "service: app\nhooks_path: bin/hooks\n"},
			problems: []string{"no hooks in bin/hooks: nothing to check"},
			kinds:    []analyzer.ProblemKind{analyzer.ProblemNotice},
			outcome:  Clean,
		},
		{
			name:     "a file named like no hook, outside the hooks folder: a notice",
			files:    map[string]string{".kamal/": "", "scripts/deploy.sh": hook},
			paths:    []string{"scripts/deploy.sh"},
			problems: []string{`scripts/deploy.sh: Kamal runs no hook named "deploy.sh", so no outer command is assumed; name it with --hook`},
			kinds:    []analyzer.ProblemKind{analyzer.ProblemNotice},
			outcome:  Findings, // the test rules' marks
		},
		{
			name:    "a misnamed file in the hooks folder: HL003's finding, no notice",
			files:   map[string]string{".kamal/hooks/post-deploy.sh": hook},
			paths:   []string{".kamal/hooks/post-deploy.sh"},
			outcome: Findings, // the test rules' marks
		},
		{
			name:    "a Ruby hook: read, no notice",
			files:   map[string]string{".kamal/hooks/post-deploy": "#!/usr/bin/env ruby\nputs 1\n"},
			outcome: Clean,
		},
		{
			name: "a broken destination file: config",
			files: map[string]string{"config/deploy.yml": "service: app\n", "config/deploy.staging.yml": "servers: [\n",
				".kamal/hooks/post-deploy": hook},
			threshold: analyzer.SeverityInfo,
			problems:  []string{"config/deploy.staging.yml:1: cannot parse YAML: did not find expected node content"},
			kinds:     []analyzer.ProblemKind{analyzer.ProblemConfig},
			outcome:   ConfigProblem,
		},
		{
			name:     "a binary hook: input",
			files:    map[string]string{"config/deploy.yml": "servers: [\n", ".kamal/hooks/post-deploy": "\x00"},
			problems: []string{"config/deploy.yml:1: cannot parse YAML: did not find expected node content", ".kamal/hooks/post-deploy: binary file (contains NUL bytes); not read"},
			kinds:    []analyzer.ProblemKind{analyzer.ProblemConfig, analyzer.ProblemInput},
			outcome:  InputProblem,
		},
		{
			name:     "a missing path: input, prefixed problems of two projects",
			files:    map[string]string{"a/.kamal/hooks/post-deploy": "#!/usr/bin/env ruby\n", "b/.kamal/": ""},
			paths:    []string{"a", "missing", "b"},
			problems: []string{"missing: no such file or directory", "no hooks in b/.kamal/hooks: nothing to check"},
			kinds:    []analyzer.ProblemKind{analyzer.ProblemInput, analyzer.ProblemNotice},
			outcome:  InputProblem,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, t.TempDir(), tt.files)
			rep, err := Run(Options{Dir: dir, Paths: tt.paths, Rules: testRules()})
			if err != nil {
				t.Fatal(err)
			}
			var strs []string
			var kinds []analyzer.ProblemKind
			for _, p := range rep.Problems {
				strs = append(strs, p.String())
				kinds = append(kinds, p.Kind)
			}
			if !slices.Equal(strs, tt.problems) || !slices.Equal(kinds, tt.kinds) {
				t.Errorf("problems = %q %v\nwant %q %v", strs, kinds, tt.problems, tt.kinds)
			}
			threshold := cmp.Or(tt.threshold, analyzer.SeverityWarning)
			if got := rep.Outcome(threshold); got != tt.outcome {
				t.Errorf("Outcome(%v) = %d, want %d", threshold, got, tt.outcome)
			}
		})
	}
}

// TestRunInvalidOptions checks the option errors, which are usage errors.
func TestRunInvalidOptions(t *testing.T) {
	tests := []struct {
		opts Options
		want string
	}{
		{Options{KamalVersion: "two"}, "kamal version: "},
		{Options{Hook: "postdeploy"}, `hook: Kamal runs no hook named "postdeploy"`},
		{Options{StdinFilename: "x"}, "needs - among the paths"},
		{Options{Paths: []string{"-"}}, "needs a file name or a hook name"},
	}
	for _, tt := range tests {
		tt.opts.Dir = t.TempDir()
		if _, err := Run(tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error = %v, want %q", tt.opts, err, tt.want)
		}
	}
}
