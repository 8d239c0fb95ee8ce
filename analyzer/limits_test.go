package analyzer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

// TestManyKamalCalls checks that a hook that runs kamal more often than MaxInvocations,
// written out or through a function called again and again, is analysed up to the limit
// and reported, rather than costing a millisecond per call for as long as the file goes
// on.
func TestManyKamalCalls(t *testing.T) {
	n := analyzer.MaxInvocations + 5
	tests := []struct {
		name string
		src  string
		last int // the last line with a finding
	}{
		{"written out", "#!/bin/sh\n" + strings.Repeat("kamal accessory reboot db\n", n), analyzer.MaxInvocations + 1},
		{"through a function", "#!/bin/sh\nf() { kamal accessory reboot db; }\n" + strings.Repeat("f\n", n), analyzer.MaxInvocations + 2},
	}
	proj, err := project.Load(t.TempDir(), project.Options{KamalVersion: "2.5.3"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analyzer.Input{File: "hook", Hook: "post-deploy", Src: []byte(tt.src)}
			res := analyzer.NewLinter(proj, rules.All()).Run([]analyzer.Input{in})
			want := "hook: runs kamal more than 1000 times; only the first 1000 calls are analysed"
			if len(res.Problems) != 1 || res.Problems[0].String() != want || res.Problems[0].Kind != analyzer.ProblemInput {
				t.Errorf("problems = %v, want %q", res.Problems, want)
			}
			last := 0
			for _, d := range res.Diagnostics {
				if d.Rule == "HL101" {
					last = max(last, d.Span.Start.Line)
				}
			}
			if last != tt.last {
				t.Errorf("last HL101 on line %d, want %d", last, tt.last)
			}
		})
	}
}

// TestDeepNesting checks hooks of up to 1 MiB that nest one construct as deep as they can.
// The parser recurses at each level, and Go ends the process, past any recover, when a
// stack outgrows 1 GB, which a 1 MiB hook of `$(` did: such hooks are reported and not
// parsed. Closing brackets that close nothing (quoted, escaped, in a comment) must not
// hide the nesting; code that closes what it opens is parsed however long it is.
func TestDeepNesting(t *testing.T) {
	tests := []struct {
		name, unit string
		deep       bool
	}{
		{"command substitution", "$(", true},
		{"subshell", "( ", true},
		{"brace group", "{ ", true},
		{"arithmetic", "$(( ", true},
		{"parameter expansion", "${a:-", true},
		{"double-quoted substitution", `"$(`, true},
		{"process substitution", "cat <(", true},
		{"function", "f() { ", true},
		{"quoted closing bracket", `"$(")"`, true},
		{"single-quoted closing bracket", `"$(')'`, true},
		{"escaped closing bracket", `$(\)`, true},
		{"closing bracket in a comment", "$( #)\n", true},
		{"brace in a word", "{ a} ", true},
		{"flat substitutions", "echo $(a) ${b} \"$(c)\" '(' \\( # (\n", false},
	}
	proj, err := project.Load(t.TempDir(), project.Options{KamalVersion: "2.5.3"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "#!/bin/bash\n" + strings.Repeat(tt.unit, (analyzer.MaxHookSize-64)/len(tt.unit)) + "\n"
			in := analyzer.Input{File: "hook", Hook: "post-deploy", Src: []byte(src)}
			res := analyzer.NewLinter(proj, rules.All()).Run([]analyzer.Input{in})
			want := "nested more than 20000 levels deep; the file is not analysed"
			var got []string
			for _, p := range res.Problems {
				got = append(got, p.Message)
			}
			if tt.deep && (len(got) != 1 || got[0] != want) || !tt.deep && slices.Contains(got, want) {
				t.Errorf("problems = %q; want deep = %v", got, tt.deep)
			}
		})
	}
}
