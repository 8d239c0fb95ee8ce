package format

import (
	"bytes"
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

// writeGitHub writes one GitHub Actions workflow command per diagnostic:
// `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=ID name::message`.
func writeGitHub(b *bytes.Buffer, c *context) {
	for _, d := range c.diags {
		cmd := "warning"
		switch d.Severity {
		case analyzer.SeverityError:
			cmd = "error"
		case analyzer.SeverityInfo:
			cmd = "notice"
		}
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
