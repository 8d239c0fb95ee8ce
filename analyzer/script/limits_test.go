package script

import (
	"strings"
	"testing"
	"time"
)

// TestLimits feeds shapes that could make a reader quadratic or deep: each must finish
// quickly (the step budget cuts the pathological ones short).
func TestLimits(t *testing.T) {
	shapes := map[string]string{
		"blank lines":    strings.Repeat("\n", 100000),
		"ors":            strings.Repeat("a || ", 20000),
		"system chain":   strings.Repeat("system ", 5000),
		"backticks":      strings.Repeat("`x`;", 5000),
		"nested ifs":     strings.Repeat("if a\n", 2000) + strings.Repeat("end\n", 2000),
		"nested do":      strings.Repeat("x do\n", 2000) + strings.Repeat("end\n", 2000),
		"nested begin":   strings.Repeat("begin\n", 2000),
		"heredoc quotes": strings.Repeat("x <<\"", 20000),
		"interp":         strings.Repeat("\"#{", 20000),
		"parens":         strings.Repeat("(", 50000),
		"brackets sys":   strings.Repeat("system(", 5000),
		"py indent": func() string {
			var sb strings.Builder
			for i := 0; i < 2000; i++ {
				sb.WriteString(strings.Repeat(" ", i) + "if x:\n")
			}
			return sb.String()
		}(),
		"py parens":     strings.Repeat("os.system(", 5000),
		"py fstring":    strings.Repeat("f'{", 20000),
		"py strings":    strings.Repeat("os.system('kamal') or ", 5000),
		"case whens":    "case ENV['KAMAL_COMMAND']\n" + strings.Repeat("when 'a' then system 'x'\n", 5000) + "end",
		"def":           strings.Repeat("def a\n", 3000),
		"modifiers":     "x " + strings.Repeat("if a ", 10000),
		"words":         strings.Repeat("%w[", 20000),
		"system args":   "system(" + strings.Repeat("'a', ", 20000) + ")",
		"string concat": "system(" + strings.Repeat("'a' + ", 20000) + "'b')",
	}
	for name, src := range shapes {
		for _, lang := range []Lang{Ruby, Python} {
			start := time.Now()
			Walk(lang, []byte(src), testConfig)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%s (%s, %d bytes): %v", name, lang, len(src), d)
			}
		}
	}
}
