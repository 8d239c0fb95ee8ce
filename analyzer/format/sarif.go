package format

import (
	"bytes"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hooklint/hooklint/analyzer"
)

// SARIF 2.1.0, only the parts hooklint fills in.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                      `json:"columnKind"`
		Results            []sarifResult               `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name,omitempty"`
		ShortDescription     sarifText       `json:"shortDescription"`
		FullDescription      *sarifText      `json:"fullDescription,omitempty"`
		Help                 *sarifHelp      `json:"help,omitempty"`
		HelpURI              string          `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex *int            `json:"ruleIndex,omitempty"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
		Related   []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes     []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

const (
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	srcRoot     = "%SRCROOT%"
	toolInfoURI = "https://github.com/hooklint/hooklint"
)

// writeSARIF writes a SARIF 2.1.0 log with one run. Columns are in UTF-16 code units, the
// SARIF default that GitHub code scanning expects (run.columnKind says so explicitly),
// converted from byte columns with res.Sources; without the source, byte columns are used.
func writeSARIF(b *bytes.Buffer, c *context) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "hooklint",
			Version:        analyzer.Version,
			InformationURI: toolInfoURI,
			Rules:          []sarifRule{},
		}},
		ColumnKind: "utf16CodeUnits",
		Results:    []sarifResult{},
	}
	if c.res.Root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: rootURI(c.res.Root)}}
	}
	for _, r := range c.rules {
		if r == nil {
			continue
		}
		sr := sarifRule{
			ID:                   r.ID,
			Name:                 r.Name,
			ShortDescription:     sarifText{Text: r.Summary},
			HelpURI:              r.URL(),
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
		}
		if r.Doc != "" {
			sr.FullDescription = &sarifText{Text: r.Doc}
		}
		if text, md := ruleHelp(r); text != "" {
			sr.Help = &sarifHelp{Text: text, Markdown: md}
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
	}
	for _, d := range c.diags {
		loc := sarifArtifactLoc{URI: fileURI(d.File), URIBaseID: srcRoot}
		res := sarifResult{
			RuleID:  d.Rule,
			Level:   sarifLevel(d.Severity),
			Message: sarifText{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc,
				Region:           c.region(d.File, d.Span),
			}}},
		}
		if i, ok := c.ruleIndex[d.Rule]; ok {
			res.RuleIndex = &i
		}
		for i, r := range d.Related {
			id := i + 1
			res.Related = append(res.Related, sarifLocation{
				ID: &id,
				PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: sarifArtifactLoc{URI: fileURI(r.File), URIBaseID: srcRoot},
					Region:           c.region(r.File, r.Span),
				},
				Message: &sarifText{Text: r.Message},
			})
		}
		for _, s := range d.Suggestions {
			if len(s.Edits) == 0 {
				continue
			}
			change := sarifArtifactChange{ArtifactLocation: loc}
			for _, e := range s.Edits {
				change.Replacements = append(change.Replacements, sarifReplacement{
					DeletedRegion:   c.region(d.File, e.Span),
					InsertedContent: sarifText{Text: e.NewText},
				})
			}
			res.Fixes = append(res.Fixes, sarifFix{
				Description:     sarifText{Text: s.Message},
				ArtifactChanges: []sarifArtifactChange{change},
			})
		}
		run.Results = append(run.Results, res)
	}
	return encodeJSON(b, sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifLevel maps a severity to a SARIF level: error, warning or note.
func sarifLevel(s analyzer.Severity) string {
	return severityWord(s)
}

// ruleHelp is the rule's Doc followed by its bad and good examples, as text and markdown.
func ruleHelp(r *analyzer.Rule) (text, md string) {
	var t, m strings.Builder
	t.WriteString(r.Doc)
	m.WriteString(r.Doc)
	example := func(title, code string, f analyzer.ExampleFile) {
		if d := f.Describe(code); d != "" {
			title += " (" + d + ")"
		}
		code = strings.TrimRight(analyzer.ExampleText(code), "\n")
		if code == "" {
			return
		}
		if t.Len() > 0 {
			t.WriteString("\n\n")
			m.WriteString("\n\n")
		}
		t.WriteString(title + ":\n\n" + code)
		m.WriteString("**" + title + ":**\n\n```\n" + code + "\n```")
	}
	example("Bad", r.Bad, r.BadFile)
	example("Good", r.Good, r.GoodFile)
	return t.String(), m.String()
}

// region converts a span's byte columns to UTF-16 columns.
func (c *context) region(file string, s analyzer.Span) sarifRegion {
	return sarifRegion{
		StartLine:   s.Start.Line,
		StartColumn: c.utf16Column(file, s.Start.Line, s.Start.Column),
		EndLine:     s.End.Line,
		EndColumn:   c.utf16Column(file, s.End.Line, s.End.Column),
	}
}

// utf16Column converts a 1-based byte column of a line to a 1-based UTF-16 column. Bytes
// past the end of the line, and lines not in the sources, count one column each.
func (c *context) utf16Column(file string, line, col int) int {
	text, ok := c.line(file, line, false)
	if !ok {
		return col
	}
	n := col - 1
	extra := 0
	if n > len(text) {
		extra = n - len(text)
		n = len(text)
	}
	units := 0
	for s := text[:n]; s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		if k := utf16.RuneLen(r); k > 0 {
			units += k
		} else {
			units++
		}
	}
	return units + extra + 1
}

// rootURI is the file:// URI of the project root, with the trailing slash SARIF requires.
func rootURI(root string) string {
	p := filepath.ToSlash(root)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// fileURI is a relative, slash-separated path as a relative URI reference.
func fileURI(file string) string {
	return (&url.URL{Path: file}).String()
}
