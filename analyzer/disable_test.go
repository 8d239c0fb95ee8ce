package analyzer

import (
	"testing"
)

// TestDisableEdit checks where the directive goes, and that, inserted, it silences the
// command the finding is on.
func TestDisableEdit(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		want string // the fixed source
		file bool
	}{
		{
			name: "a top-level command",
			src:  "#!/bin/sh\nset -e\nkamal app boot\n",
			line: 3,
			want: "#!/bin/sh\nset -e\n# hooklint disable=HL101\nkamal app boot\n",
		},
		{
			name: "inside an if, indented",
			src:  "#!/bin/sh\nif true; then\n    kamal app boot\nfi\n",
			line: 3,
			want: "#!/bin/sh\nif true; then\n    # hooklint disable=HL101\n    kamal app boot\nfi\n",
		},
		{
			name: "the second line of a continued command",
			src:  "#!/bin/sh\necho start \\\n  && kamal app boot\n",
			line: 3,
			want: "#!/bin/sh\n# hooklint disable=HL101\necho start \\\n  && kamal app boot\n",
		},
		{
			name: "a command in a one-line list inside a function",
			src:  "#!/bin/sh\nf() {\n\tfalse || kamal app boot\n}\nf\n",
			line: 3,
			want: "#!/bin/sh\nf() {\n\t# hooklint disable=HL101\n\tfalse || kamal app boot\n}\nf\n",
		},
		{
			name: "CRLF line endings",
			src:  "#!/bin/sh\r\nkamal app boot\r\n",
			line: 2,
			want: "#!/bin/sh\r\n# hooklint disable=HL101\r\nkamal app boot\r\n",
		},
		{
			name: "the shebang line: the whole file",
			src:  "#!/bin/sh\necho hi\n",
			line: 1,
			want: "#!/bin/sh\n# hooklint disable-file=HL101\necho hi\n",
			file: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := ParseHook("post-deploy", "post-deploy", []byte(tt.src))
			e, file, ok := h.DisableEdit(tt.line, "HL101")
			if !ok || file != tt.file {
				t.Fatalf("ok = %v, file = %v", ok, file)
			}
			out, err := ApplyEdits(h.Src, []TextEdit{e})
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Fatalf("got\n%q\nwant\n%q", out, tt.want)
			}
			fixed := ParseHook("post-deploy", "post-deploy", out)
			rule := &Rule{ID: "HL101", Name: "lock-conflict"}
			dirs := FindDirectives(fixed, []*Rule{rule}, nil)
			if len(dirs) != 1 || dirs[0].Err != DirectiveOK {
				t.Fatalf("directives: %+v", dirs)
			}
			d := Diagnostic{File: "post-deploy", Rule: "HL101", Span: Span{Start: Position{Line: tt.line + 1, Column: 1}}}
			if kept := Suppress([]Diagnostic{d}, "post-deploy", dirs); len(kept) != 0 {
				t.Errorf("the directive does not silence line %d (lines %d-%d)", tt.line+1, dirs[0].First, dirs[0].Last)
			}
		})
	}
	if _, _, ok := ParseHook("pre-connect", "pre-connect", []byte("#!/usr/bin/env ruby\nputs 1\n")).DisableEdit(2, "HL101"); ok {
		t.Error("an edit for a Ruby hook")
	}
}
