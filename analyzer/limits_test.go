package analyzer_test

import (
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
