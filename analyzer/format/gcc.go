package format

import (
	"strconv"
	"strings"
)

// oneLine joins the lines of a message with spaces.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// writeGCC writes one `file:line:col: error|warning|note: message [ID]` line per
// diagnostic.
func writeGCC(b output, c *context) {
	for _, d := range c.diags {
		b.WriteString(d.File + ":" + strconv.Itoa(d.Span.Start.Line) + ":" + strconv.Itoa(d.Span.Start.Column) + ": ")
		b.WriteString(severityWord(d.Severity) + ": " + oneLine.Replace(d.Message))
		if d.Rule != "" {
			b.WriteString(" [" + d.Rule + "]")
		}
		b.WriteByte('\n')
		for _, r := range d.Related {
			b.WriteString(r.File + ":" + strconv.Itoa(r.Span.Start.Line) + ":" + strconv.Itoa(r.Span.Start.Column) + ": note: " + oneLine.Replace(r.Message) + "\n")
		}
	}
}
