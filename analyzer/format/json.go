package format

import (
	"bytes"
	"encoding/json"

	"github.com/hooklint/hooklint/analyzer"
)

// The JSON format, as documented in the README. Field order is the output order.
type (
	jsonOutput struct {
		Version int       `json:"version"`
		Kamal   jsonKamal `json:"kamal"`
		// Projects is there only when a run covers several projects.
		Projects    []jsonProject    `json:"projects,omitempty"`
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}
	jsonProject struct {
		Root  string    `json:"root"`
		Kamal jsonKamal `json:"kamal"`
	}
	jsonKamal struct {
		Version string `json:"version"`
		Source  string `json:"source"`
		Floor   bool   `json:"floor,omitempty"`
	}
	jsonDiagnostic struct {
		File        string           `json:"file"`
		Hook        string           `json:"hook"`
		Line        int              `json:"line"`
		Column      int              `json:"column"`
		EndLine     int              `json:"endLine"`
		EndColumn   int              `json:"endColumn"`
		Rule        string           `json:"rule"`
		Name        string           `json:"name"`
		Severity    string           `json:"severity"`
		Message     string           `json:"message"`
		URL         string           `json:"url"`
		Suggestions []jsonSuggestion `json:"suggestions"`
		Related     []jsonRelated    `json:"related"`
	}
	jsonRelated struct {
		File      string `json:"file"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"endLine"`
		EndColumn int    `json:"endColumn"`
		Message   string `json:"message"`
	}
	jsonSuggestion struct {
		Kind    string     `json:"kind"`
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"endLine"`
		EndColumn int    `json:"endColumn"`
		NewText   string `json:"newText"`
	}
)

// jsonVersion is the version of the JSON format; it changes only with incompatible changes.
const jsonVersion = 1

func newJSONKamal(k analyzer.KamalVersion) jsonKamal {
	return jsonKamal{Version: k.Version, Source: k.Source, Floor: k.Floor}
}

// writeJSON writes the result as one indented JSON object. Columns are 1-based byte
// columns, ends exclusive. With several projects, "kamal" is the first project's version
// and "projects" lists every project's root (as its files' paths start) and version.
func writeJSON(b *bytes.Buffer, c *context) error {
	out := jsonOutput{
		Version:     jsonVersion,
		Kamal:       newJSONKamal(c.res.Kamal),
		Diagnostics: []jsonDiagnostic{},
	}
	if len(c.res.Projects) > 1 {
		for _, p := range c.res.Projects {
			out.Projects = append(out.Projects, jsonProject{Root: p.Root, Kamal: newJSONKamal(p.Kamal)})
		}
	}
	for _, d := range c.diags {
		jd := jsonDiagnostic{
			File:        d.File,
			Hook:        d.Hook,
			Line:        d.Span.Start.Line,
			Column:      d.Span.Start.Column,
			EndLine:     d.Span.End.Line,
			EndColumn:   d.Span.End.Column,
			Rule:        d.Rule,
			Name:        d.Name,
			Severity:    d.Severity.String(),
			Message:     d.Message,
			URL:         d.URL,
			Suggestions: []jsonSuggestion{},
			Related:     []jsonRelated{},
		}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{File: r.File, Line: r.Span.Start.Line, Column: r.Span.Start.Column,
				EndLine: r.Span.End.Line, EndColumn: r.Span.End.Column, Message: r.Message})
		}
		for _, s := range d.Suggestions {
			js := jsonSuggestion{Kind: s.Kind, Message: s.Message, Edits: []jsonEdit{}}
			for _, e := range s.Edits {
				js.Edits = append(js.Edits, jsonEdit{
					Line:      e.Span.Start.Line,
					Column:    e.Span.Start.Column,
					EndLine:   e.Span.End.Line,
					EndColumn: e.Span.End.Column,
					NewText:   e.NewText,
				})
			}
			jd.Suggestions = append(jd.Suggestions, js)
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	return encodeJSON(b, out)
}

// encodeJSON writes v indented by two spaces, without HTML escaping, and a final newline.
func encodeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
