package script

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func dump(res *Result) string {
	var sb strings.Builder
	for _, c := range res.Commands {
		var argv []string
		for _, f := range c.Argv {
			s := f.Text
			if !f.Known {
				s = "?" + s
			}
			if f.Spread {
				s += "..."
			}
			argv = append(argv, fmt.Sprintf("%s@%s", s, f.Pos))
		}
		fmt.Fprintf(&sb, "%s %v worlds=%b fail=%+v call=%s-%s\n", c.Form, argv, c.Worlds, c.Failure, c.Call.Pos, c.Call.End)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(&sb, "problem %s: %s\n", p.Pos, p.Message)
	}
	return sb.String()
}

func TestDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	lang := Ruby
	if strings.HasSuffix(path, ".py") {
		lang = Python
	}
	t.Log("\n" + dump(Walk(lang, src, testConfig)))
}
