package format

import (
	"bytes"
	"encoding/hex"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
)

// gitlabIssue is one entry of a GitLab code quality report
// (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// writeGitLab writes a GitLab code quality report: a JSON array with one issue per
// diagnostic. The fingerprint, by which GitLab tells new issues from fixed ones between
// branches, hashes the rule, the file, the message and the text of the line, not its
// number, so that an issue keeps its fingerprint when lines are added above it; identical
// issues in one file are told apart by their order. The hash is FNV-1a of 128 bits: a
// fingerprint only has to be stable and unique, and the standard library's cryptographic
// hashes would link a module whose initialization costs every run, `--version` included.
func writeGitLab(b *bytes.Buffer, c *context) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, d := range c.diags {
		line, _ := c.line(d.File, d.Span.Start.Line, true)
		key := strings.Join([]string{d.Rule, d.File, d.Message, strings.TrimSpace(line)}, "\x00")
		seen[key]++
		if n := seen[key]; n > 1 {
			key += "\x00" + strconv.Itoa(n)
		}
		h := fnv.New128a()
		h.Write([]byte(key))
		sum := h.Sum(nil)
		issues = append(issues, gitlabIssue{
			Description: d.Message,
			CheckName:   d.Rule,
			Fingerprint: hex.EncodeToString(sum),
			Severity:    gitlabSeverity(d.Severity),
			Location:    gitlabLocation{Path: d.File, Lines: gitlabLines{Begin: d.Span.Start.Line}},
		})
	}
	return encodeJSON(b, issues)
}

// gitlabSeverity maps a severity to GitLab's scale (info, minor, major, critical,
// blocker): an error, which breaks a deploy, is critical; a warning major; info info.
func gitlabSeverity(s analyzer.Severity) string {
	switch s {
	case analyzer.SeverityError:
		return "critical"
	case analyzer.SeverityInfo:
		return "info"
	}
	return "major"
}
