package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// client speaks the protocol to a server running in-process.
type client struct {
	t      *testing.T
	conn   *conn
	nextID int
	msgs   chan *message
	done   chan error
	inW    *io.PipeWriter
}

func startServer(t *testing.T, s *Server) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, conn: newConn(outR, inW), msgs: make(chan *message, 100), done: make(chan error, 1), inW: inW}
	go func() {
		err := s.Serve(inR, outW)
		outW.Close()
		c.done <- err
	}()
	go func() {
		for {
			m, err := c.conn.read()
			if err != nil {
				close(c.msgs)
				return
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() { inW.Close() })
	return c
}

// next returns the next message from the server, failing after a few seconds.
func (c *client) next() *message {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the server closed the connection")
		}
		return m
	case <-time.After(10 * time.Second):
		c.t.Fatal("no message from the server")
	}
	return nil
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.notify(method, params); err != nil {
		c.t.Fatal(err)
	}
}

// call sends a request and returns its response's result, decoded into result; messages
// that come before it (diagnostics) are passed to other.
func (c *client) call(method string, params, result any, other func(*message)) *responseError {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	if err := c.conn.request(id, method, params); err != nil {
		c.t.Fatal(err)
	}
	for {
		m := c.next()
		if m.Method == "" && string(m.ID) == fmt.Sprint(id) {
			if m.Error != nil {
				return m.Error
			}
			if result != nil {
				if err := json.Unmarshal(m.Result, result); err != nil {
					c.t.Fatal(err)
				}
			}
			return nil
		}
		if other != nil {
			other(m)
		}
	}
}

// diagnostics waits for the next publishDiagnostics of uri.
func (c *client) diagnostics(uri string) PublishDiagnosticsParams {
	c.t.Helper()
	for {
		m := c.next()
		if m.Method != "textDocument/publishDiagnostics" {
			continue
		}
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI == uri {
			return p
		}
	}
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// applyEdit applies protocol edits to src, converting UTF-16 positions back to bytes.
func applyEdit(t *testing.T, src string, edits []TextEdit) string {
	t.Helper()
	offset := func(p Position) int {
		lines := strings.SplitAfter(src, "\n")
		off := 0
		for i := 0; i < p.Line; i++ {
			off += len(lines[i])
		}
		units := 0
		for i, r := range lines[p.Line] {
			if units >= p.Character {
				return off + i
			}
			units += utf16.RuneLen(r)
		}
		return off + len(strings.TrimRight(lines[p.Line], "\r\n"))
	}
	// Apply from the end, so that earlier offsets stay valid.
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		src = src[:offset(e.Range.Start)] + e.NewText + src[offset(e.Range.End):]
	}
	return src
}

const gemfile253 = "GEM\n  specs:\n    kamal (2.5.3)\n"

// TestSession runs a whole session: initialize, a hook with non-ASCII text opened with a
// lock conflict, the quick fix applied, the finding gone, a change of Kamal version in
// Gemfile.lock, close, shutdown and exit.
func TestSession(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"Gemfile.lock":      gemfile253,
		"config/deploy.yml": "service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\naccessories:\n  db:\n    image: postgres:16\n    host: 10.0.0.3\n",
	})
	hookPath := filepath.Join(root, ".kamal", "hooks", "post-deploy")
	prefix := `echo "🚀 déjà vu"; `
	src := "#!/bin/sh\n" + prefix + "kamal accessory reboot db\n"
	writeFiles(t, root, map[string]string{".kamal/hooks/post-deploy": src, "bin/setup": src})
	uri := pathURI(hookPath)

	c := startServer(t, &Server{})
	var init struct {
		Capabilities struct {
			TextDocumentSync struct {
				Change int `json:"change"`
			} `json:"textDocumentSync"`
		} `json:"capabilities"`
	}
	if e := c.call("initialize", map[string]any{"processId": nil, "rootUri": pathURI(root), "capabilities": map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
	}}, &init, nil); e != nil {
		t.Fatal(e)
	}
	if init.Capabilities.TextDocumentSync.Change != 1 {
		t.Errorf("textDocumentSync.change = %d, want 1 (full)", init.Capabilities.TextDocumentSync.Change)
	}
	c.notify("initialized", map[string]any{})
	if m := c.next(); m.Method != "client/registerCapability" || !strings.Contains(string(m.Params), "Gemfile.lock") {
		t.Fatalf("want the watchers registered, got %s %s", m.Method, m.Params)
	} else if err := c.conn.reply(m.ID, nil, nil); err != nil {
		t.Fatal(err)
	}

	c.notify("textDocument/didOpen", map[string]any{"textDocument": TextDocumentItem{URI: uri, LanguageID: "sh", Version: 1, Text: src}})
	pub := c.diagnostics(uri)
	if len(pub.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v, want one", pub.Diagnostics)
	}
	d := pub.Diagnostics[0]
	start := len(utf16.Encode([]rune(prefix)))
	wantRange := Range{Start: Position{1, start}, End: Position{1, start + len("kamal accessory reboot db")}}
	if d.Range != wantRange || d.Code != "HL101" || d.Severity != SeverityError || d.Source != "hooklint" ||
		d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "#hl101") {
		t.Fatalf("diagnostic = %+v, want HL101 error at %+v", d, wantRange)
	}
	if pub.Version == nil || *pub.Version != 1 {
		t.Errorf("version = %v, want 1", pub.Version)
	}

	// A file outside the hooks folder is no hook: no diagnostics.
	other := pathURI(filepath.Join(root, "bin", "setup"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": TextDocumentItem{URI: other, LanguageID: "sh", Version: 1, Text: src}})
	if p := c.diagnostics(other); len(p.Diagnostics) != 0 {
		t.Errorf("bin/setup has diagnostics: %+v", p.Diagnostics)
	}

	// Code actions at the finding: the guard (preferred) and the directive.
	var actions []CodeAction
	if e := c.call("textDocument/codeAction", map[string]any{
		"textDocument": TextDocumentIdentifier{URI: uri},
		"range":        Range{Start: Position{1, start + 3}, End: Position{1, start + 3}},
		"context":      map[string]any{"diagnostics": []Diagnostic{d}},
	}, &actions, nil); e != nil {
		t.Fatal(e)
	}
	var titles []string
	var guard, disable *CodeAction
	for i, a := range actions {
		titles = append(titles, a.Title)
		if a.Kind != "quickfix" {
			t.Errorf("%q: kind %q", a.Title, a.Kind)
		}
		if strings.HasPrefix(a.Title, "guard:") {
			guard = &actions[i]
		}
		if a.Title == "disable HL101 for this command" {
			disable = &actions[i]
		}
	}
	if guard == nil || disable == nil || !guard.IsPreferred {
		t.Fatalf("actions = %q; want a preferred guard and a disable", titles)
	}
	wantDisable := "#!/bin/sh\n# hooklint disable=HL101\n" + prefix + "kamal accessory reboot db\n"
	if got := applyEdit(t, src, disable.Edit.Changes[uri]); got != wantDisable {
		t.Errorf("disable gives\n%s\nwant\n%s", got, wantDisable)
	}
	fixed := applyEdit(t, src, guard.Edit.Changes[uri])
	wantFixed := "#!/bin/sh\n" + prefix + "if [ \"$KAMAL_COMMAND\" != setup ]; then kamal accessory reboot db; fi\n"
	if fixed != wantFixed {
		t.Fatalf("guard gives\n%s\nwant\n%s", fixed, wantFixed)
	}

	// The fixed buffer has no finding; the broken one again has it.
	c.notify("textDocument/didChange", map[string]any{"textDocument": VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		"contentChanges": []map[string]any{{"text": fixed}}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 || *p.Version != 2 {
		t.Fatalf("after the fix: %+v", p)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": VersionedTextDocumentIdentifier{URI: uri, Version: 3},
		"contentChanges": []map[string]any{{"text": src}}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 {
		t.Fatalf("after the undo: %+v", p)
	}

	// Kamal 2.12.0 in Gemfile.lock: the nested call inherits the lock, once the change is
	// seen, through the watcher or through the lock file's own save.
	writeFiles(t, root, map[string]string{"Gemfile.lock": "GEM\n  specs:\n    kamal (2.12.0)\n"})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []fileEvent{{URI: pathURI(filepath.Join(root, "Gemfile.lock")), Type: 2}}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Fatalf("after the upgrade: %+v", p)
	}
	writeFiles(t, root, map[string]string{"Gemfile.lock": gemfile253})
	c.notify("textDocument/didSave", map[string]any{"textDocument": TextDocumentIdentifier{URI: pathURI(filepath.Join(root, "Gemfile.lock"))}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 {
		t.Fatalf("after the downgrade: %+v", p)
	}

	c.notify("textDocument/didClose", map[string]any{"textDocument": TextDocumentIdentifier{URI: uri}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Fatalf("after close: %+v", p)
	}

	if e := c.call("textDocument/hover", map[string]any{}, nil, nil); e == nil || e.Code != codeMethodNotFound {
		t.Errorf("hover: %v, want method not found", e)
	}
	if e := c.call("shutdown", nil, nil, nil); e != nil {
		t.Fatal(e)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit")
	}
}

// TestExitWithoutShutdown checks the protocol's exit status rule, and that a request before
// initialize is refused.
func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, &Server{})
	if e := c.call("textDocument/codeAction", map[string]any{}, nil, nil); e == nil || e.Code != codeServerNotInitialized {
		t.Errorf("before initialize: %v", e)
	}
	c.notify("exit", nil)
	if err := <-c.done; err != ErrExitWithoutShutdown {
		t.Fatalf("Serve = %v, want ErrExitWithoutShutdown", err)
	}
}

// TestText checks the conversion of byte columns to UTF-16 positions and the single edit
// that turns a text into another.
func TestText(t *testing.T) {
	tx := newText([]byte("a🚀b\r\nxé\n"))
	for _, tt := range []struct {
		line, col int
		want      Position
	}{
		{1, 1, Position{0, 0}},
		{1, 2, Position{0, 1}},
		{1, 6, Position{0, 3}}, // after the 4-byte rocket: 2 code units
		{1, 7, Position{0, 4}}, // on the "\r": the end of the line
		{1, 9, Position{0, 4}},
		{2, 4, Position{1, 2}},
		{3, 1, Position{2, 0}},
		{9, 1, Position{2, 0}},
	} {
		if got := tx.position(tt.line, tt.col); got != tt.want {
			t.Errorf("position(%d, %d) = %+v, want %+v", tt.line, tt.col, got, tt.want)
		}
	}
	for _, tt := range []struct{ from, to string }{
		{"a\r\nb\r\n", "a\nb\n"},
		{"x é y\n", "x è y\n"},
		{"abc\n", "abc\n"},
		{"", "#!/bin/sh\n"},
		{"\uFEFF#!/bin/sh\n", "#!/bin/sh\n"},
	} {
		e := newText([]byte(tt.from)).minimalEdit([]byte(tt.to))
		if got := applyEdit(t, tt.from, []TextEdit{e}); got != tt.to {
			t.Errorf("minimalEdit(%q, %q) = %+v applies as %q", tt.from, tt.to, e, got)
		}
	}
}
