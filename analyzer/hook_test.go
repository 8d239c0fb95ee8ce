package analyzer_test

import (
	"fmt"
	"slices"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer"
)

// TestParseHookFileFacts checks the facts about the file itself: BOM, line endings and the
// forms of the shebang.
func TestParseHookFileFacts(t *testing.T) {
	tests := []struct {
		name, src   string
		bom, crlf   bool
		shebang     string
		path        string
		interp      string
		args        []string
		shell       bool
		variant     syntax.LangVariant
		shebangSpan [2]int // start and end offsets
	}{
		{name: "none", src: "echo hi\n", shell: true, variant: syntax.LangPOSIX},
		{name: "sh", src: "#!/bin/sh\necho hi\n", shebang: "#!/bin/sh", path: "/bin/sh", interp: "sh", shell: true, variant: syntax.LangPOSIX, shebangSpan: [2]int{0, 9}},
		{name: "sh with options", src: "#!/bin/sh -eu\n", shebang: "#!/bin/sh -eu", path: "/bin/sh", interp: "sh", args: []string{"-eu"}, shell: true, variant: syntax.LangPOSIX, shebangSpan: [2]int{0, 13}},
		{name: "env bash", src: "#!/usr/bin/env bash\n", shebang: "#!/usr/bin/env bash", path: "/usr/bin/env", interp: "bash", shell: true, variant: syntax.LangBash, shebangSpan: [2]int{0, 19}},
		{name: "env -S", src: "#!/usr/bin/env -S bash -e\n", shebang: "#!/usr/bin/env -S bash -e", path: "/usr/bin/env", interp: "bash", args: []string{"-e"}, shell: true, variant: syntax.LangBash, shebangSpan: [2]int{0, 25}},
		{name: "env alone", src: "#!/usr/bin/env\n", shebang: "#!/usr/bin/env", path: "/usr/bin/env", interp: "env", shebangSpan: [2]int{0, 14}},
		{name: "space after #!", src: "#! /bin/bash\n", shebang: "#! /bin/bash", path: "/bin/bash", interp: "bash", shell: true, variant: syntax.LangBash, shebangSpan: [2]int{0, 12}},
		{name: "relative", src: "#!bash\n", shebang: "#!bash", path: "bash", interp: "bash", shell: true, variant: syntax.LangBash, shebangSpan: [2]int{0, 6}},
		{name: "ruby", src: "#!/usr/bin/env ruby\nputs 1\n", shebang: "#!/usr/bin/env ruby", path: "/usr/bin/env", interp: "ruby", shebangSpan: [2]int{0, 19}},
		{name: "empty", src: "#!\n", shebang: "#!", shebangSpan: [2]int{0, 2}, shell: true, variant: syntax.LangPOSIX},
		{name: "bom", src: "\xEF\xBB\xBF#!/bin/sh\necho hi\n", bom: true, shebang: "#!/bin/sh", path: "/bin/sh", interp: "sh", shell: true, variant: syntax.LangPOSIX, shebangSpan: [2]int{3, 12}},
		{name: "crlf", src: "#!/bin/sh\r\necho hi\r\n", crlf: true, shebang: "#!/bin/sh", path: "/bin/sh", interp: "sh", shell: true, variant: syntax.LangPOSIX, shebangSpan: [2]int{0, 9}},
		{name: "crlf later", src: "#!/bin/sh\necho hi\r\n", crlf: true, shebang: "#!/bin/sh", path: "/bin/sh", interp: "sh", shell: true, variant: syntax.LangPOSIX, shebangSpan: [2]int{0, 9}},
		{name: "not first line", src: "\n#!/bin/bash\n", shell: true, variant: syntax.LangPOSIX},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := analyzer.ParseHook("post-deploy", ".kamal/hooks/post-deploy", []byte(tt.src))
			if h.BOM != tt.bom || h.CRLF != tt.crlf {
				t.Errorf("BOM, CRLF = %v, %v; want %v, %v", h.BOM, h.CRLF, tt.bom, tt.crlf)
			}
			if h.Shebang != tt.shebang || h.ShebangPath != tt.path || h.Interpreter != tt.interp || !slices.Equal(h.ShebangArgs, tt.args) {
				t.Errorf("shebang = %q, %q, %q, %q; want %q, %q, %q, %q", h.Shebang, h.ShebangPath, h.Interpreter, h.ShebangArgs, tt.shebang, tt.path, tt.interp, tt.args)
			}
			if h.Shell != tt.shell || (h.Shell && h.Variant != tt.variant) {
				t.Errorf("shell, variant = %v, %v; want %v, %v", h.Shell, h.Variant, tt.shell, tt.variant)
			}
			sp := h.ShebangSpan()
			if sp.Start.Offset != tt.shebangSpan[0] || sp.End.Offset != tt.shebangSpan[1] {
				t.Errorf("ShebangSpan = %d-%d, want %d-%d", sp.Start.Offset, sp.End.Offset, tt.shebangSpan[0], tt.shebangSpan[1])
			}
		})
	}
}

// TestBashisms checks that each bash construct is found, once, at its position, in a hook
// run by /bin/sh, whether the POSIX parser accepts it (the POSIX tree is kept) or not (the
// bash tree is used and no syntax error is reported).
func TestBashisms(t *testing.T) {
	tests := []struct {
		src      string
		kind     analyzer.BashismKind
		line     int
		col      int
		fallback bool // POSIX rejects it: the bash tree is used
	}{
		{src: "[[ -f x ]] && exit 0", kind: analyzer.BashTest, line: 1, col: 1},
		{src: "if [[ $KAMAL_COMMAND == setup ]]; then exit 0; fi", kind: analyzer.BashTest, line: 1, col: 4},
		{src: "echo ok\nsource ./lib.sh", kind: analyzer.BashSource, line: 2, col: 1},
		{src: "let n=n+1", kind: analyzer.BashLet, line: 1, col: 1},
		{src: "declare -a x", kind: analyzer.BashDeclare, line: 1, col: 1},
		{src: "[ \"$a\" == b ] && exit 0", kind: analyzer.BashTestEqual, line: 1, col: 8},
		{src: "test a == b", kind: analyzer.BashTestEqual, line: 1, col: 8},
		{src: "a[0]=1", kind: analyzer.BashArray, line: 1, col: 1},
		{src: "x+=1", kind: analyzer.BashAppend, line: 1, col: 1},
		{src: "echo $'a\\nb'", kind: analyzer.BashDollarQuote, line: 1, col: 6},
		{src: "echo $\"a\"", kind: analyzer.BashDollarQuote, line: 1, col: 6},
		{src: "hosts=(web1 web2)", kind: analyzer.BashArray, line: 1, col: 1, fallback: true},
		{src: "echo \"${#hosts[@]}\"", kind: analyzer.BashArray, line: 1, col: 7, fallback: true},
		{src: "echo ${x//a/b}", kind: analyzer.BashParamExp, line: 1, col: 6, fallback: true},
		{src: "echo ${x:1:2}", kind: analyzer.BashParamExp, line: 1, col: 6, fallback: true},
		{src: "echo ${x^^}", kind: analyzer.BashCaseExp, line: 1, col: 6, fallback: true},
		{src: "echo ${!x}", kind: analyzer.BashParamExp, line: 1, col: 6, fallback: true},
		{src: "function notify {\n  echo hi\n}", kind: analyzer.BashFunction, line: 1, col: 10, fallback: true},
		{src: "kamal app details &> /dev/null", kind: analyzer.BashRedirectAll, line: 1, col: 19, fallback: true},
		{src: "kamal app details &>> log", kind: analyzer.BashRedirectAll, line: 1, col: 19, fallback: true},
		{src: "grep -q x <<< \"$y\"", kind: analyzer.BashHereString, line: 1, col: 11, fallback: true},
		{src: "diff <(a) <(b)", kind: analyzer.BashProcSubst, line: 1, col: 6, fallback: true},
		{src: "x=1\n((x++))", kind: analyzer.BashArithCmd, line: 2, col: 1},
		{src: "for ((i = 0; i < 3; i++)); do echo; done", kind: analyzer.BashArithCmd, line: 1, col: 1, fallback: true},
		{src: "select x in a b; do echo; done", kind: analyzer.BashSelect, line: 1, col: 1, fallback: true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			h := analyzer.ParseHook("post-deploy", "post-deploy", []byte("#!/bin/sh\n"+tt.src+"\n"))
			if len(h.SyntaxErrors) != 0 {
				t.Errorf("syntax errors: %v", h.SyntaxErrors)
			}
			if h.BashFallback != tt.fallback {
				t.Errorf("BashFallback = %v, want %v", h.BashFallback, tt.fallback)
			}
			if tt.fallback != (h.Variant == syntax.LangBash) {
				t.Errorf("Variant = %v", h.Variant)
			}
			if len(h.Bashisms) == 0 {
				t.Fatal("no bashism found")
			}
			b := h.Bashisms[0]
			if b.Kind != tt.kind || b.Span.Start.Line != tt.line+1 || b.Span.Start.Column != tt.col {
				t.Errorf("first bashism = %s at %d:%d; want %s at %d:%d", b.Kind, b.Span.Start.Line, b.Span.Start.Column, tt.kind, tt.line+1, tt.col)
			}
		})
	}
}

// TestBashismsPOSIXOnly checks that POSIX syntax and hooks run by bash have no bashisms.
func TestBashismsPOSIXOnly(t *testing.T) {
	for _, src := range []string{
		"#!/bin/sh\nif [ \"$KAMAL_COMMAND\" = setup ]; then exit 0; fi\necho ${x:-a} ${x#a} ${#x} $((1+2)) \\$'x'\nf() { local a=1; }\n",
		"#!/bin/bash\n[[ -f x ]] && exit 0\nhosts=(a b)\necho ${x//a/b} &> /dev/null\n",
		"#!/usr/bin/env zsh\n[[ -f x ]] && exit 0\n",
	} {
		h := analyzer.ParseHook("post-deploy", "post-deploy", []byte(src))
		if len(h.Bashisms) != 0 || h.BashFallback || len(h.SyntaxErrors) != 0 {
			t.Errorf("%q: bashisms %v, fallback %v, errors %v", src, h.Bashisms, h.BashFallback, h.SyntaxErrors)
		}
	}
}

// TestBashFallback checks the choice between the POSIX and the bash tree of a hook run by
// /bin/sh.
func TestBashFallback(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		fallback bool
		errLines []int // lines of the syntax errors kept
		first    int   // line of the first bashism; 0 for none
		stmts    int   // top-level statements in the tree
	}{
		{name: "bash throughout", src: "#!/bin/sh\nhosts=(a b)\nfor h in \"${hosts[@]}\"; do echo \"$h\"; done\n", fallback: true, first: 2, stmts: 2},
		{name: "no shebang", src: "hosts=(a b)\necho ok\n", fallback: true, first: 1, stmts: 2},
		{name: "bash, then a real error", src: "#!/bin/sh\nhosts=(a b)\necho ok\nif true; then\n", fallback: true, errLines: []int{4}, first: 2},
		{name: "error before the bashism", src: "#!/bin/sh\nif then\nhosts=(a b)\n", fallback: true, errLines: []int{2}, first: 3},
		{name: "bash, and an error in it", src: "#!/bin/sh\ndiff <(a) <(b\n", fallback: true, errLines: []int{2}, first: 2},
		{name: "plain error", src: "#!/bin/sh\necho 'unterminated\n", errLines: []int{2}},
		{name: "dash parses [[", src: "#!/bin/sh\n[[ $KAMAL_COMMAND = setup ]] && exit 0\nkamal app details\n", first: 2, stmts: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := analyzer.ParseHook("post-deploy", "post-deploy", []byte(tt.src))
			if h.BashFallback != tt.fallback {
				t.Errorf("BashFallback = %v, want %v", h.BashFallback, tt.fallback)
			}
			var lines []int
			for _, e := range h.SyntaxErrors {
				lines = append(lines, e.Pos.Line)
			}
			if !slices.Equal(lines, tt.errLines) {
				t.Errorf("syntax errors on lines %v, want %v (%v)", lines, tt.errLines, h.SyntaxErrors)
			}
			first := 0
			if len(h.Bashisms) > 0 {
				first = h.Bashisms[0].Span.Start.Line
			}
			if first != tt.first {
				t.Errorf("first bashism on line %d, want %d (%v)", first, tt.first, h.Bashisms)
			}
			if tt.stmts != 0 && len(h.Stmts) != tt.stmts {
				t.Errorf("%d statements, want %d", len(h.Stmts), tt.stmts)
			}
		})
	}
}

// TestSyntaxErrorRecovery checks that a file with syntax errors reports each where the
// shell would, and that the statements around them are still read, also where the parser
// fails in its own error recovery (mvdan.cc/sh v3.14.1 panics on `N=$((X Y))`).
func TestSyntaxErrorRecovery(t *testing.T) {
	tests := []struct {
		name, src string
		errs      []string // line:column of each syntax error
		commands  []string // the first word of each top-level statement read
	}{
		{"clean", "#!/bin/sh\necho a\necho b\n", nil, []string{"echo", "echo"}},
		{"one error", "#!/bin/sh\necho a\nfi\necho b\n", []string{"3:1"}, []string{"echo", "echo"}},
		{"two errors", "#!/bin/sh\necho a\nfi\necho b\ndone\necho c\n", []string{"3:1", "5:1"}, []string{"echo", "echo", "echo"}},
		{"recovery fails", "#!/bin/sh\necho a\nN=$((COUNT A))\necho b\n", []string{"3:12"}, []string{"echo"}},
		{"recovery fails twice", "#!/bin/sh\nN=$((X Y))\necho a\nM=$((X Y))\necho b\n", []string{"2:8"}, []string{"echo"}},
		{"recovery fails at the end", "#!/bin/sh\necho a\nA=$((0 A", []string{"3:8"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := analyzer.ParseHook("post-deploy", ".kamal/hooks/post-deploy", []byte(tt.src))
			var errs, cmds []string
			for _, e := range h.SyntaxErrors {
				errs = append(errs, fmt.Sprintf("%d:%d", e.Pos.Line, e.Pos.Column))
			}
			for _, s := range h.Stmts {
				if c, ok := s.Cmd.(*syntax.CallExpr); ok && len(c.Args) > 0 {
					cmds = append(cmds, c.Args[0].Lit())
				}
			}
			if !slices.Equal(errs, tt.errs) || !slices.Equal(cmds, tt.commands) {
				t.Errorf("errors %v, commands %v; want %v, %v", errs, cmds, tt.errs, tt.commands)
			}
		})
	}
}
