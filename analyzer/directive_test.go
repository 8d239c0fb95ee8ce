package analyzer_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
)

// TestParseDirective checks the forms a directive comment takes, the names it lists, its
// reason, and the comments that are meant as directives but cannot be used.
func TestParseDirective(t *testing.T) {
	type name = analyzer.DirectiveName
	tests := []struct {
		text string // after the "#"
		ok   bool
		want analyzer.ParsedDirective
	}{
		// Not directives.
		{text: "!/bin/sh"},
		{text: " set -e so that failures abort"},
		{text: " hooklint runs in CI"},
		{text: " hooklint"},
		{text: " hooklintdisable=HL101"},
		{text: " shellcheck disable=SC2086"},
		// Forms.
		{text: " hooklint disable=HL101", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}}}},
		{text: "hooklint disable=HL101", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 17}}}},
		{text: "  hooklint\tdisable-file=HL302  ", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeFile, Verb: "disable-file",
			Names: []name{{Text: "HL302", Offset: 24}}}},
		// IDs and names, several.
		{text: " hooklint disable=HL101,missing-destination,hl203", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}, {Text: "missing-destination", Offset: 24}, {Text: "hl203", Offset: 44}}}},
		{text: " hooklint disable=lock-conflict", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "lock-conflict", Offset: 18}}}},
		// Reasons.
		{text: " hooklint disable=HL101 -- the accessory has its own lock", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}}, Reason: "the accessory has its own lock"}},
		{text: " hooklint disable-file=HL302 --", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeFile, Verb: "disable-file",
			Names: []name{{Text: "HL302", Offset: 23}}}},
		{text: " hooklint disable=HL101 --  -- odd but fine", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}}, Reason: "-- odd but fine"}},
		{text: " hooklint disable=HL101 # a comment", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}}, Reason: "a comment"}},
		// Bad directives.
		{text: " hooklint disable-line=HL101", ok: true, want: analyzer.ParsedDirective{Verb: "disable-line", Err: analyzer.DirectiveUnknownVerb}},
		{text: " hooklint enable=HL101", ok: true, want: analyzer.ParsedDirective{Verb: "enable", Err: analyzer.DirectiveUnknownVerb}},
		{text: " hooklint ignore=HL101", ok: true, want: analyzer.ParsedDirective{Verb: "ignore", Err: analyzer.DirectiveUnknownVerb}},
		{text: " hooklint disable HL101", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable", Err: analyzer.DirectiveNoRules}},
		{text: " hooklint disable", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable", Err: analyzer.DirectiveNoRules}},
		{text: " hooklint disable= HL101", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable", Err: analyzer.DirectiveNoRules}},
		{text: " hooklint disable=HL101,,HL203", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}, {Text: "HL203", Offset: 25}}, Err: analyzer.DirectiveEmptyName}},
		{text: " hooklint disable=HL101,", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}}, Err: analyzer.DirectiveEmptyName}},
		{text: " hooklint disable=HL101 because it is fine", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}}, Err: analyzer.DirectiveTrailingText}},
		{text: " hooklint disable=HL101 --reason", ok: true, want: analyzer.ParsedDirective{Scope: analyzer.ScopeNext, Verb: "disable",
			Names: []name{{Text: "HL101", Offset: 18}}, Err: analyzer.DirectiveTrailingText}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := analyzer.ParseDirective(tt.text)
			if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseDirective(%q) = %+v, %v\nwant %+v, %v", tt.text, got, ok, tt.want, tt.ok)
			}
			for _, n := range got.Names {
				if tt.text[n.Offset:n.Offset+len(n.Text)] != n.Text {
					t.Errorf("name %q at offset %d reads %q", n.Text, n.Offset, tt.text[n.Offset:])
				}
			}
		})
	}
}

// TestFindDirectives checks which lines each directive of a hook applies to, and how its
// names resolve.
func TestFindDirectives(t *testing.T) {
	known := []*analyzer.Rule{
		{ID: "HL101", Name: "lock-conflict"},
		{ID: "HL203", Name: "missing-destination"},
	}
	tests := []struct {
		name string
		src  string
		want []string // "line scope first-last err names", names as Text=ID (or ?nearest)
	}{
		{
			name: "the next simple command",
			src:  "#!/bin/sh\n# hooklint disable=HL101\nkamal app boot\nkamal app boot\n",
			want: []string{"2 next 3-3 ok HL101=HL101"},
		},
		{
			name: "a compound command counts as one; comments between are skipped",
			src:  "#!/bin/sh\n# hooklint disable=lock-conflict -- why\n# other\nif true; then\n  kamal app boot\nfi\n",
			want: []string{"2 next 4-6 ok lock-conflict=HL101"},
		},
		{
			name: "a function definition",
			src:  "#!/bin/sh\n# hooklint disable=HL101\nf() {\n  kamal app boot\n}\nf\n",
			want: []string{"2 next 3-5 ok HL101=HL101"},
		},
		{
			name: "inside a block, a list counts as one",
			src:  "#!/bin/sh\nwhile true; do\n  # hooklint disable=HL101\n  kamal app boot &&\n    echo done\n  kamal app boot\ndone\n",
			want: []string{"3 next 4-5 ok HL101=HL101"},
		},
		{
			name: "a case arm",
			src:  "#!/bin/sh\ncase $1 in\n  # hooklint disable=HL101\n  a) kamal app boot ;;\nesac\n",
			want: []string{"3 next 4-4 ok HL101=HL101"},
		},
		{
			name: "nothing follows; a file directive at the end",
			src:  "#!/bin/sh\necho hi\n# hooklint disable=HL101\n\n  # hooklint disable-file=HL203\n",
			want: []string{"3 next 0-0 ok HL101=HL101", "5 file 0-0 ok HL203=HL203"},
		},
		{
			name: "after code: disable= is not on its own line, disable-file= is fine",
			src:  "#!/bin/sh\necho hi # hooklint disable=HL101\necho hi # hooklint disable-file=HL101\n",
			want: []string{"2 next 0-0 err5 HL101=HL101", "3 file 0-0 ok HL101=HL101"},
		},
		{
			name: "unknown names, with the nearest rule",
			src:  "#!/bin/sh\n# hooklint disable=HL102,lock-conflicts,SC2086\necho\n",
			want: []string{"2 next 3-3 ok HL102=?HL101 lock-conflicts=?HL101 SC2086=?"},
		},
		{
			name: "a heredoc body is no comment",
			src:  "#!/bin/sh\ncat <<EOF\n# hooklint disable=HL101\nEOF\n",
		},
		{
			name: "a bad directive",
			src:  "#!/bin/sh\n# hooklint disable-line=HL101\necho\n",
			want: []string{"2 0 0-0 err1 "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := analyzer.ParseHook("post-deploy", "post-deploy", []byte(tt.src))
			var got []string
			for _, d := range analyzer.FindDirectives(h, known, nil) {
				scope := map[analyzer.DirectiveScope]string{analyzer.ScopeNext: "next", analyzer.ScopeFile: "file"}[d.Scope]
				if scope == "" {
					scope = "0"
				}
				errs := "ok"
				if d.Err != analyzer.DirectiveOK {
					errs = fmt.Sprintf("err%d", d.Err)
				}
				var names []string
				for _, r := range d.Rules {
					if h.Line(r.Span.Start.Line)[r.Span.Start.Column-1:r.Span.End.Column-1] != r.Text {
						t.Errorf("span of %q is %+v", r.Text, r.Span)
					}
					switch {
					case r.Rule != nil:
						names = append(names, r.Text+"="+r.Rule.ID)
					case r.Nearest != nil:
						names = append(names, r.Text+"=?"+r.Nearest.ID)
					default:
						names = append(names, r.Text+"=?")
					}
				}
				got = append(got, fmt.Sprintf("%d %s %d-%d %s %s", d.Span.Start.Line, scope, d.First, d.Last, errs, strings.Join(names, " ")))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("directives:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestSuppress checks which findings directives silence and what they count.
func TestSuppress(t *testing.T) {
	known := []*analyzer.Rule{{ID: "HL101", Name: "lock-conflict"}, {ID: "HL203", Name: "missing-destination"}}
	src := "#!/bin/sh\n# hooklint disable=HL101\nif true; then\n  kamal app boot\nfi\nkamal app boot\n# hooklint disable-file=missing-destination\n"
	h := analyzer.ParseHook("post-deploy", "hook", []byte(src))
	dirs := analyzer.FindDirectives(h, known, nil)
	at := func(rule string, line int) analyzer.Diagnostic {
		return analyzer.Diagnostic{File: "hook", Rule: rule, Span: analyzer.Span{Start: analyzer.Position{Line: line, Column: 1}}}
	}
	other := at("HL203", 4)
	other.File = "other"
	ds := []analyzer.Diagnostic{at("HL101", 4), at("HL101", 6), at("HL203", 4), at("HL203", 6), other}
	got := analyzer.Suppress(ds, "hook", dirs)
	want := []analyzer.Diagnostic{at("HL101", 6), other}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kept %+v\nwant %+v", got, want)
	}
	if n := dirs[0].Rules[0].Silenced; n != 1 {
		t.Errorf("disable=HL101 silenced %d, want 1", n)
	}
	if n := dirs[1].Rules[0].Silenced; n != 2 {
		t.Errorf("disable-file=missing-destination silenced %d, want 2", n)
	}
}
