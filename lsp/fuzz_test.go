package lsp

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// framed renders messages as the protocol sends them, each behind its Content-Length.
func framed(bodies ...string) []byte {
	var b bytes.Buffer
	for _, body := range bodies {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	return b.Bytes()
}

// FuzzServe feeds arbitrary bytes to the server as its standard input: whatever arrives,
// it must end when the input does, without panicking.
func FuzzServe(f *testing.F) {
	uri := "file:///tmp/hooklint-fuzz/.kamal/hooks/post-deploy"
	f.Add(framed(
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///tmp/hooklint-fuzz"}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"`+uri+`","languageId":"sh","version":1,"text":"#!/bin/sh\nkamal accessory reboot db\n"}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"`+uri+`"},"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":5}},"context":{"diagnostics":[]}}}`,
		`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`))
	f.Add(framed(`{"jsonrpc":"2.0","id":1,"method":"textDocument/didChange","params":{}}`))
	f.Add([]byte("Content-Length: 99999999\r\n\r\n{"))
	f.Add([]byte("Content-Length: -1\r\n\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s := &Server{KamalVersion: "2.5.3", Log: io.Discard}
		_ = s.Serve(bytes.NewReader(in), io.Discard)
	})
}
