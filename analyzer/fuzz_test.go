package analyzer_test

import (
	"bytes"
	"cmp"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

// fuzzShebangs are the interpreter lines FuzzLint puts before a hook, one per dialect: ""
// keeps the input as it is (its own shebang, or none: POSIX sh).
var fuzzShebangs = []string{"", "#!/bin/sh\n", "#!/bin/bash -e\n", "#!/usr/bin/env mksh\n", "#!/bin/zsh\n"}

var (
	fuzzHooks    = []string{"post-deploy", "pre-deploy", "pre-build", "pre-app-boot", "pre-proxy-reboot", "docker-setup", "pre-connect"}
	fuzzVersions = []string{"2.5.3", "1.5.2", "2.12.0", ""}
)

// fuzzConfig is the configured project of FuzzLint.
var fuzzConfig = map[string]string{
	"config/deploy.yml": "service: app\nimage: app\nservers: [1.1.1.1]\nssh: {user: deploy, port: 2222}\n" +
		"accessories:\n  db: {host: 1.1.1.1}\n  redis: {hosts: [2.2.2.2], service: cache}\n" +
		"aliases:\n  rb: accessory reboot db\n  console: app exec -i --reuse \"bin/rails console\"\n  loop: loop\n",
	"config/deploy.staging.yml": "servers: [3.3.3.3]\n",
}

// FuzzLint feeds arbitrary hooks through parsing, the walk and every rule, in each dialect,
// under several hook names and Kamal versions. Nothing may panic or fail internally; every
// position must be the one its offset has in the file; the findings must be sorted and the
// same on a second run; every suggestion's edits must apply, and leave a hook that parses
// in its dialect when the original did. The seeds are the hooks of the fixtures.
func FuzzLint(f *testing.F) {
	for _, src := range fixtureHooks(f) {
		f.Add(src, uint8(len(src)))
	}
	// Two projects: one without configuration, one with aliases, accessories and a
	// destination; each at several Kamal versions and an unknown one.
	bare, configured := f.TempDir(), f.TempDir()
	if err := os.MkdirAll(filepath.Join(bare, "config"), 0o755); err != nil {
		f.Fatal(err)
	}
	for name, content := range fuzzConfig {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(configured, name)), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(configured, name), []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	var projects []*project.Project
	for _, dir := range []string{bare, configured} {
		for _, v := range fuzzVersions {
			p, err := project.Load(dir, project.Options{KamalVersion: v})
			if err != nil || len(p.Problems) > 0 {
				f.Fatal(err, p.Problems)
			}
			projects = append(projects, p)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, pick uint8) {
		src := append([]byte(fuzzShebangs[int(pick)%len(fuzzShebangs)]), body...)
		if len(src) > analyzer.MaxHookSize {
			return
		}
		proj := projects[int(pick/5+uint8(len(body)))%len(projects)]
		in := analyzer.Input{File: "hook", Hook: fuzzHooks[int(pick/3)%len(fuzzHooks)], Src: src}
		res := analyzer.NewLinter(proj, rules.All()).Run([]analyzer.Input{in})
		for _, p := range res.Problems {
			if strings.Contains(p.Message, "internal error") {
				t.Fatalf("%v", p)
			}
		}
		checkDiagnostics(t, src, res.Diagnostics)
		again := analyzer.NewLinter(proj, rules.All()).Run([]analyzer.Input{in})
		if !reflect.DeepEqual(res.Diagnostics, again.Diagnostics) || !reflect.DeepEqual(res.Problems, again.Problems) {
			t.Fatalf("two runs differ:\n%+v\n%+v", res.Diagnostics, again.Diagnostics)
		}
		h := analyzer.ParseHook(in.Hook, in.File, src)
		for _, d := range res.Diagnostics {
			for _, s := range d.Suggestions {
				checkEdits(t, h, d, s)
			}
		}
	})
}

// fixtureHooks returns the content of every hook in the fixtures.
func fixtureHooks(tb testing.TB) [][]byte {
	tb.Helper()
	cases, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.txtar"))
	if err != nil || len(cases) == 0 {
		tb.Fatalf("no fixtures: %v", err)
	}
	var out [][]byte
	for _, c := range cases {
		ar, err := txtar.ParseFile(c)
		if err != nil {
			tb.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.Contains(file.Name, "hooks/") {
				out = append(out, file.Data)
			}
		}
	}
	return out
}

// checkDiagnostics checks that every span and edit position is where its offset lies in
// src, and that the diagnostics are in the order SortDiagnostics gives.
func checkDiagnostics(t *testing.T, src []byte, ds []analyzer.Diagnostic) {
	t.Helper()
	for i, d := range ds {
		checkSpan(t, src, d.Rule, d.Span)
		for _, s := range d.Suggestions {
			for _, e := range s.Edits {
				checkSpan(t, src, d.Rule+" "+s.Kind+" edit", e.Span)
			}
		}
		if i > 0 && compareDiagnostics(ds[i-1], d) > 0 {
			t.Errorf("not sorted: %s %+v before %s %+v", ds[i-1].Rule, ds[i-1].Span.Start, d.Rule, d.Span.Start)
		}
	}
}

func compareDiagnostics(a, b analyzer.Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Span.Start.Line, b.Span.Start.Line),
		cmp.Compare(a.Span.Start.Column, b.Span.Start.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// checkSpan checks that a span lies inside src, ends no earlier than it starts, and that
// the line and column of each end are those of its offset.
func checkSpan(t *testing.T, src []byte, what string, s analyzer.Span) {
	t.Helper()
	if s.End.Offset < s.Start.Offset {
		t.Errorf("%s: span %+v ends before it starts", what, s)
	}
	for _, p := range []analyzer.Position{s.Start, s.End} {
		if p.Offset < 0 || p.Offset > len(src) {
			t.Errorf("%s: offset %d outside a %d-byte file", what, p.Offset, len(src))
			continue
		}
		if want := positionOf(src, p.Offset); p != want {
			t.Errorf("%s: position %+v, but offset %d is at %+v", what, p, p.Offset, want)
		}
	}
}

// positionOf computes the 1-based line and byte column of an offset from scratch.
func positionOf(src []byte, off int) analyzer.Position {
	before := src[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return analyzer.Position{Offset: off, Line: bytes.Count(before, []byte{'\n'}) + 1, Column: off - lineStart + 1}
}

// checkEdits applies a suggestion's edits; when the hook parsed without error, the result
// must parse in the hook's dialect too.
func checkEdits(t *testing.T, h *analyzer.Hook, d analyzer.Diagnostic, s analyzer.Suggestion) {
	t.Helper()
	fixed, err := analyzer.ApplyEdits(h.Src, s.Edits)
	if err != nil {
		t.Fatalf("%s %s suggestion: %v", d.Rule, s.Kind, err)
	}
	if len(s.Edits) == 0 || !h.Shell || len(h.SyntaxErrors) > 0 {
		return
	}
	p := syntax.NewParser(syntax.Variant(h.Variant))
	if _, err := p.Parse(bytes.NewReader(fixed), h.File); err != nil {
		t.Fatalf("%s %s suggestion leaves a hook that does not parse as %s: %v\n%s", d.Rule, s.Kind, h.Variant, err, fixed)
	}
}
