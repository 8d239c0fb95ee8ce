package shell

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// TestDeepScriptString checks that a script string (sh -c, eval) nested deeper than
// MaxNesting is not parsed, which would exhaust the stack and end the process: the walk
// says it stopped, and goes on after it.
func TestDeepScriptString(t *testing.T) {
	deep := "'" + strings.Repeat("$(", MaxNesting+1) + "'"
	for _, prefix := range []string{"sh -c ", "bash -c ", "eval "} {
		t.Run(prefix, func(t *testing.T) {
			res := walk(t, syntax.LangBash, prefix+deep+"\nhit after\n")
			if !res.TooDeep {
				t.Error("TooDeep not set")
			}
			if got := reached(res)["after"]; got != "setup,deploy" {
				t.Errorf("the command after it runs in %q", got)
			}
		})
	}
}

// TestNestsDeeper checks the nesting estimate on what a shell lexer would read; the offset
// is that of the byte that opens one level too many.
func TestNestsDeeper(t *testing.T) {
	tests := []struct {
		src   string
		limit int
		deep  bool
		at    int
	}{
		{"$( $( $(", 2, true, 7},
		{"$(a) $(b) $(c)", 1, false, 0},
		{`"$( ")" "$(`, 3, true, 10},     // a quoted ) closes nothing
		{`$( ')' $(`, 1, true, 8},        // nor a single-quoted one
		{`$( \) $(`, 1, true, 7},         // nor an escaped one
		{"$( #)\n$(", 1, true, 7},        // nor one in a comment
		{"a#) $( $(", 1, true, 8},        // a # inside a word starts no comment
		{"{ a} { b} {", 2, true, 10},     // a } inside a word closes no group
		{"${a} ${b} ${", 1, false, 0},    // but closes a ${
		{`"(((((" '((((('`, 1, false, 0}, // quoted brackets open nothing
	}
	for _, tt := range tests {
		at, deep := NestsDeeper([]byte(tt.src), tt.limit)
		if deep != tt.deep || at != tt.at {
			t.Errorf("NestsDeeper(%q, %d) = %d, %v; want %d, %v", tt.src, tt.limit, at, deep, tt.at, tt.deep)
		}
	}
}
