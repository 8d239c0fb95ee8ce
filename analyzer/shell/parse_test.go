package shell

import (
	"errors"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestParse checks that Parse resets the options of a reused parser, and that a panic of
// the parser's error recovery is an error, after which parsing goes on as before.
func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		opts      []syntax.ParserOption
		stmts     int    // without an error, or after a panic (none)
		err       string // "" for none, "failed" for ErrParserFailed, else a part of the message
	}{
		{"clean", "echo a\necho b\n", nil, 2, ""},
		{"comments kept", "# a\necho a\n", []syntax.ParserOption{syntax.KeepComments(true)}, 1, ""},
		{"bash by default", "x=(a b)\n", nil, 1, ""},
		{"posix refuses bash", "x=(a b)\n", []syntax.ParserOption{syntax.Variant(syntax.LangPOSIX)}, 1, "arrays are a"},
		{"strict error", "N=$((X Y))\n", nil, 0, "not a valid arithmetic operator"},
		// mvdan.cc/sh v3.14.1 panics here (slice bounds out of range in getAssign).
		{"recovery panics on an assignment", "N=$((X Y))\n", []syntax.ParserOption{syntax.RecoverErrors(8)}, 0, "failed"},
		{"recovery panics under local", "f() { local N=$((X Y)); }\n", []syntax.ParserOption{syntax.RecoverErrors(8)}, 0, "failed"},
		{"recovery panics on an unclosed one", "echo a\nA=$((0 A", []syntax.ParserOption{syntax.RecoverErrors(8)}, 0, "failed"},
		{"recovery after a panic", "echo a; (\n", []syntax.ParserOption{syntax.RecoverErrors(8)}, 2, ""},
		{"no recovery after a panic", "echo a; (\n", nil, 0, "must be followed by a statement list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(tt.src), "hook", tt.opts...)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.err == "failed" && !errors.Is(err, ErrParserFailed):
				t.Fatalf("error %v, want one that matches ErrParserFailed", err)
			case tt.err != "" && tt.err != "failed" && (err == nil || !strings.Contains(err.Error(), tt.err) || errors.Is(err, ErrParserFailed)):
				t.Fatalf("error %v, want one with %q", err, tt.err)
			}
			n := 0
			if f != nil {
				n = len(f.Stmts)
			}
			if (tt.err == "" || tt.err == "failed") && n != tt.stmts {
				t.Errorf("%d statements, want %d", n, tt.stmts)
			}
		})
	}
}
