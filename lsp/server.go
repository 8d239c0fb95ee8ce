package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/driver"
	"github.com/hooklint/hooklint/analyzer/fix"
	"github.com/hooklint/hooklint/rules"
)

// ErrExitWithoutShutdown is returned by [Server.Serve] when the client sent exit without
// shutdown first; the protocol asks the server to exit with status 1 then.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Server is a language server for Kamal hooks. Its fields configure every lint; the zero
// value lints with every rule and each project's own settings.
type Server struct {
	// Rules are the rules to run; nil means [rules.All].
	Rules []*analyzer.Rule
	// KamalVersion overrides version detection, as --kamal-version does.
	KamalVersion string
	// ConfigFile is the configuration for every project (--config); "" reads each project's
	// .hooklint.yml.
	ConfigFile string
	// Log receives a line for each thing that went wrong; nil discards them.
	Log io.Writer

	conn        *conn
	initialized bool
	shutdown    bool
	watch       bool                 // the client registers file watchers on request
	docs        map[string]*document // by URI
	nextID      int
}

// document is an open buffer and what its last lint found.
type document struct {
	uri     string
	path    string // absolute file path; "" for a URI that is no file
	version int
	text    *text
	// diags are the findings of the last lint with their protocol form.
	diags []analyzer.Diagnostic
	lsp   []Diagnostic
	hook  *analyzer.Hook // the buffer parsed, for the disable action; nil until needed
	name  string         // the hook it runs as
}

// Serve reads messages from r and writes to w until the client sends exit (nil after
// shutdown, [ErrExitWithoutShutdown] without) or r ends (an error).
func (s *Server) Serve(r io.Reader, w io.Writer) error {
	s.conn = newConn(r, w)
	s.docs = map[string]*document{}
	for {
		m, err := s.conn.read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errors.New("the client closed the connection without exit")
			}
			return err
		}
		if m.Error != nil && m.Method == "" && len(m.ID) == 0 {
			s.logf("bad message: %v", m.Error)
			continue
		}
		if m.Method == "exit" {
			if s.shutdown {
				return nil
			}
			return ErrExitWithoutShutdown
		}
		if m.Method == "" {
			continue // a response to one of our requests (registerCapability)
		}
		result, rerr := s.handle(m)
		if m.isRequest() {
			if err := s.conn.reply(m.ID, result, rerr); err != nil {
				return err
			}
		} else if rerr != nil {
			s.logf("%s: %v", m.Method, rerr)
		}
	}
}

// handle runs one request or notification and returns its result.
func (s *Server) handle(m *message) (result any, rerr *responseError) {
	defer func() {
		if p := recover(); p != nil {
			buf := make([]byte, 4096)
			buf = buf[:runtime.Stack(buf, false)]
			s.logf("%s: internal error: %v\n%s", m.Method, p, buf)
			result, rerr = nil, &responseError{Code: codeInternalError, Message: fmt.Sprint(p)}
		}
	}()
	if !s.initialized && m.Method != "initialize" {
		if m.isRequest() {
			return nil, &responseError{Code: codeServerNotInitialized, Message: "the server is not initialized"}
		}
		return nil, nil
	}
	if s.shutdown && m.isRequest() {
		return nil, &responseError{Code: codeInvalidRequest, Message: "the server is shut down"}
	}
	decode := func(v any) *responseError {
		if err := json.Unmarshal(m.Params, v); err != nil {
			return &responseError{Code: codeInvalidParams, Message: err.Error()}
		}
		return nil
	}
	switch m.Method {
	case "initialize":
		var p initializeParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		s.initialized = true
		s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
		return map[string]any{
			"capabilities": map[string]any{
				"textDocumentSync": map[string]any{
					"openClose": true,
					"change":    1, // full text
					"save":      map[string]any{"includeText": false},
				},
				"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
			},
			"serverInfo": map[string]any{"name": "hooklint", "version": analyzer.Version},
		}, nil
	case "initialized":
		if s.watch {
			s.nextID++
			watchers := []map[string]any{}
			for _, g := range []string{"**/config/deploy*.yml", "**/Gemfile.lock", "**/.hooklint.yml"} {
				watchers = append(watchers, map[string]any{"globPattern": g})
			}
			err := s.conn.request(s.nextID, "client/registerCapability", map[string]any{
				"registrations": []map[string]any{{
					"id":              "hooklint-project-files",
					"method":          "workspace/didChangeWatchedFiles",
					"registerOptions": map[string]any{"watchers": watchers},
				}},
			})
			if err != nil {
				s.logf("registering file watchers: %v", err)
			}
		}
		return nil, nil
	case "shutdown":
		s.shutdown = true
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		d := &document{uri: p.TextDocument.URI, path: uriPath(p.TextDocument.URI), version: p.TextDocument.Version}
		d.setText([]byte(p.TextDocument.Text))
		s.docs[d.uri] = d
		s.lintAndPublish(d)
		return nil, nil
	case "textDocument/didChange":
		var p didChangeParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		d := s.docs[p.TextDocument.URI]
		if d == nil || len(p.ContentChanges) == 0 {
			return nil, nil
		}
		change := p.ContentChanges[len(p.ContentChanges)-1]
		if change.Range != nil {
			return nil, &responseError{Code: codeInvalidParams, Message: "only full-text changes are supported (textDocumentSync.change = 1)"}
		}
		d.version = p.TextDocument.Version
		d.setText([]byte(change.Text))
		s.lintAndPublish(d)
		return nil, nil
	case "textDocument/didSave":
		var p didSaveParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		if isProjectFile(uriPath(p.TextDocument.URI)) {
			s.lintAll()
		} else if d := s.docs[p.TextDocument.URI]; d != nil {
			s.lintAndPublish(d) // the mode or git index may have changed with the file
		}
		return nil, nil
	case "textDocument/didClose":
		var p didCloseParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		if _, ok := s.docs[p.TextDocument.URI]; ok {
			delete(s.docs, p.TextDocument.URI)
			s.publish(p.TextDocument.URI, nil, []Diagnostic{})
		}
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		if slices.ContainsFunc(p.Changes, func(c fileEvent) bool { return isProjectFile(uriPath(c.URI)) }) {
			s.lintAll()
		}
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		return s.codeActions(p), nil
	}
	if strings.HasPrefix(m.Method, "$/") || !m.isRequest() {
		return nil, nil
	}
	return nil, &responseError{Code: codeMethodNotFound, Message: "method not supported: " + m.Method}
}

func (d *document) setText(src []byte) {
	d.text = newText(src)
	d.hook = nil
}

// isProjectFile reports whether a file's change changes how a project's hooks are linted.
func isProjectFile(p string) bool {
	base := filepath.Base(p)
	switch {
	case base == "Gemfile.lock", base == ".hooklint.yml":
		return true
	case strings.HasPrefix(base, "deploy") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
		return filepath.Base(filepath.Dir(p)) == "config"
	}
	return false
}

// lintAll lints every open document again.
func (s *Server) lintAll() {
	uris := make([]string, 0, len(s.docs))
	for u := range s.docs {
		uris = append(uris, u)
	}
	slices.Sort(uris)
	for _, u := range uris {
		s.lintAndPublish(s.docs[u])
	}
}

// lintAndPublish lints a document and publishes its diagnostics.
func (s *Server) lintAndPublish(d *document) {
	s.lint(d)
	v := d.version
	s.publish(d.uri, &v, d.lsp)
}

func (s *Server) publish(uri string, version *int, diags []Diagnostic) {
	if diags == nil {
		diags = []Diagnostic{}
	}
	if err := s.conn.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags}); err != nil {
		s.logf("publishing diagnostics: %v", err)
	}
}

// lint runs the driver on the buffer as the hook its path names, in its project.
func (s *Server) lint(d *document) {
	d.diags, d.lsp = nil, nil
	if d.path == "" {
		return
	}
	rep, err := driver.Run(s.options(d))
	if err != nil {
		// A configuration that cannot be used: say so on the first line, as the command
		// line would refuse to run.
		d.lsp = []Diagnostic{{Severity: SeverityError, Source: "hooklint", Message: "hooklint cannot check this hook: " + err.Error()}}
		return
	}
	for _, p := range rep.Problems {
		s.logf("%s", p)
	}
	if len(rep.Projects) != 1 || len(rep.Projects[0].Inputs) != 1 {
		return
	}
	pr := rep.Projects[0]
	in := pr.Inputs[0]
	if path.Dir(in.File) != path.Clean(pr.Project.HooksPath) {
		return // not in the hooks folder: Kamal never runs it as a hook
	}
	d.name = in.Hook
	for _, diag := range pr.Diagnostics {
		if diag.File != in.File {
			continue
		}
		d.diags = append(d.diags, diag)
		d.lsp = append(d.lsp, s.toLSP(d, pr, diag))
	}
}

// options are the driver options that lint d's buffer.
func (s *Server) options(d *document) driver.Options {
	return driver.Options{
		Dir:           filepath.Dir(d.path),
		Paths:         []string{"-"},
		Stdin:         d.text.src,
		StdinFilename: d.path,
		KamalVersion:  s.KamalVersion,
		ConfigFile:    s.ConfigFile,
		Rules:         s.rules(),
	}
}

func (s *Server) rules() []*analyzer.Rule {
	if s.Rules == nil {
		s.Rules = rules.All()
	}
	return s.Rules
}

// toLSP converts a finding in d to the protocol's form.
func (s *Server) toLSP(d *document, pr *driver.ProjectReport, diag analyzer.Diagnostic) Diagnostic {
	out := Diagnostic{
		Range:    d.text.rangeOf(diag.Span),
		Severity: severity(diag.Severity),
		Code:     diag.Rule,
		Source:   "hooklint",
		Message:  diag.Message,
	}
	if diag.URL != "" {
		out.CodeDescription = &CodeDescription{Href: diag.URL}
	}
	for _, r := range diag.Related {
		loc := Location{URI: d.uri, Range: d.text.rangeOf(r.Span)}
		if r.File != diag.File {
			p := filepath.Join(pr.Root, filepath.FromSlash(r.File))
			loc.URI = pathURI(p)
			if src, ok := pr.Sources[r.File]; ok {
				loc.Range = newText(src).rangeOf(r.Span)
			} else {
				loc.Range = Range{
					Start: Position{Line: max(r.Span.Start.Line-1, 0), Character: max(r.Span.Start.Column-1, 0)},
					End:   Position{Line: max(r.Span.End.Line-1, 0), Character: max(r.Span.End.Column-1, 0)},
				}
			}
		}
		out.RelatedInformation = append(out.RelatedInformation, DiagnosticRelatedInformation{Location: loc, Message: r.Message})
	}
	return out
}

func severity(s analyzer.Severity) DiagnosticSeverity {
	switch s {
	case analyzer.SeverityError:
		return SeverityError
	case analyzer.SeverityInfo:
		return SeverityInformation
	}
	return SeverityWarning
}

// codeActions returns the quick fixes for the findings of the document that touch the
// requested range: each suggestion with edits, then the directive that silences the rule.
func (s *Server) codeActions(p codeActionParams) []CodeAction {
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool { return k == "quickfix" || k == "" }) {
		return actions
	}
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return actions
	}
	for i, diag := range d.diags {
		ld := d.lsp[i]
		if !touches(ld.Range, p.Range) {
			continue
		}
		preferred := fix.Choose(&d.diags[i])
		for j, sg := range diag.Suggestions {
			if len(sg.Edits) == 0 {
				continue
			}
			to, err := analyzer.ApplyEdits(d.text.src, sg.Edits)
			if err != nil {
				continue
			}
			title := strings.TrimSpace(sg.Message)
			if k := sg.Kind; k != "" {
				title = k + ": " + title
			}
			if line, _, _ := strings.Cut(title, "\n"); line != title {
				title = line + " …"
			}
			actions = append(actions, CodeAction{
				Title:       fmt.Sprintf("%s (%s)", title, diag.Rule),
				Kind:        "quickfix",
				Diagnostics: []Diagnostic{ld},
				IsPreferred: preferred == &d.diags[i].Suggestions[j],
				Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {d.text.minimalEdit(to)}}},
			})
		}
		if a, ok := s.disableAction(d, diag, ld); ok {
			actions = append(actions, a)
		}
	}
	return actions
}

// disableAction is the quick fix that silences a finding's rule with a directive.
func (s *Server) disableAction(d *document, diag analyzer.Diagnostic, ld Diagnostic) (CodeAction, bool) {
	if d.hook == nil {
		d.hook = analyzer.ParseHook(d.name, filepath.Base(d.path), d.text.src)
	}
	e, file, ok := d.hook.DisableEdit(diag.Span.Start.Line, diag.Rule)
	if !ok {
		return CodeAction{}, false
	}
	to, err := analyzer.ApplyEdits(d.text.src, []analyzer.TextEdit{e})
	if err != nil {
		return CodeAction{}, false
	}
	title := "disable " + diag.Rule + " for this command"
	if file {
		title = "disable " + diag.Rule + " in this file"
	}
	return CodeAction{
		Title:       title,
		Kind:        "quickfix",
		Diagnostics: []Diagnostic{ld},
		Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: {d.text.minimalEdit(to)}}},
	}, true
}

// touches reports whether two ranges share a position (an empty range touches a range it
// lies in or at an end of).
func touches(a, b Range) bool {
	before := func(p, q Position) bool { return p.Line < q.Line || (p.Line == q.Line && p.Character < q.Character) }
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

// uriPath returns the file path of a file: URI; "" for another scheme.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.FromSlash(p)
}

// pathURI returns the file: URI of an absolute path.
func pathURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func (s *Server) logf(format string, args ...any) {
	if s.Log != nil {
		fmt.Fprintf(s.Log, "hooklint lsp: "+format+"\n", args...)
	}
}
