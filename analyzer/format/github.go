package format

import (
	"strconv"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
)

var (
	// escapeData escapes a workflow command's message.
	escapeData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	// escapeProperty escapes a workflow command's property value.
	escapeProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubShown is how many annotations of each kind (error, warning, notice) GitHub shows
// for one step; it drops the others.
const githubShown = 10

// writeGitHub writes one GitHub Actions workflow command per diagnostic:
// `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=ID name::message`. When more
// than GitHub shows of a kind would be written, a notice first gives the totals and the
// command that lists them all.
func writeGitHub(b output, c *context, opts Options) {
	counts := map[string]int{}
	for _, d := range c.diags {
		counts[githubCommand(d.Severity)]++
	}
	if counts["error"] > githubShown || counts["warning"] > githubShown || counts["notice"] >= githubShown {
		var parts []string
		for _, k := range []string{"error", "warning", "notice"} {
			if n := counts[k]; n > 0 {
				parts = append(parts, strconv.Itoa(n)+" "+k+map[bool]string{true: "", false: "s"}[n == 1])
			}
		}
		rerun := opts.Rerun
		if rerun == "" {
			rerun = "hooklint"
		}
		msg := "hooklint found " + strings.Join(parts, ", ") + "; GitHub shows " + strconv.Itoa(githubShown) +
			" annotations of each kind per step: run `" + rerun + "` to see them all"
		b.WriteString("::notice title=" + escapeProperty.Replace("hooklint: more findings than annotations") + "::" + escapeData.Replace(msg) + "\n")
	}
	for _, d := range c.diags {
		cmd := githubCommand(d.Severity)
		title := strings.TrimSpace(d.Rule + " " + d.Name)
		b.WriteString("::" + cmd +
			" file=" + escapeProperty.Replace(d.File) +
			",line=" + strconv.Itoa(d.Span.Start.Line) +
			",col=" + strconv.Itoa(d.Span.Start.Column) +
			",endLine=" + strconv.Itoa(d.Span.End.Line) +
			",endColumn=" + strconv.Itoa(d.Span.End.Column) +
			",title=" + escapeProperty.Replace(title) +
			"::" + escapeData.Replace(d.Message) + "\n")
	}
}

// githubCommand is the workflow command for a severity: error, warning or notice.
func githubCommand(s analyzer.Severity) string {
	switch s {
	case analyzer.SeverityError:
		return "error"
	case analyzer.SeverityInfo:
		return "notice"
	}
	return "warning"
}
