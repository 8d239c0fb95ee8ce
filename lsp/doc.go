// Package lsp is hooklint's language server: it speaks the Language Server Protocol over a
// pair of streams (standard input and output for `hooklint lsp`), lints each open hook as
// its editor buffer holds it, in its project's context, and offers the suggested fixes as
// code actions.
//
// The protocol layer is small and written here (jsonrpc.go: Content-Length framing and
// JSON-RPC 2.0 messages; header.go: a message's header, read without net/textproto, which
// would link package net into every run; protocol.go: the few LSP structures used) rather
// than taken from a library: the server needs one connection, sequential handling and a
// dozen message types, and the maintained Go implementations (golang.org/x/tools's
// internal jsonrpc2, go.lsp.dev) are either not importable or much larger than what they
// would replace.
//
// What the server does:
//
//   - textDocument/didOpen, didChange (full text), didSave, didClose: the buffer is linted
//     through [driver.Run] as the hook read from standard input, named by the buffer's file
//     path, so that the project (deploy.yml, Gemfile.lock, .hooklint.yml) is the file's;
//     findings are published with textDocument/publishDiagnostics. Only files in their
//     project's hooks folder are hooks: other buffers get no diagnostics.
//   - Ranges are in UTF-16 code units, converted from hooklint's byte columns with the
//     buffer's text; each diagnostic has its severity, the rule ID as code, the rule's
//     documentation as codeDescription.href, source "hooklint" and the related places.
//   - textDocument/codeAction offers, for each finding in the range, each suggestion with
//     edits as a quickfix, and "disable HLxxx for this command", which inserts
//     `# hooklint disable=HLxxx` above the statement with its indentation (`disable-file`
//     after the shebang for a finding about the whole file).
//   - A change to a project file (config/deploy*.yml, Gemfile.lock, .hooklint.yml), seen as
//     workspace/didChangeWatchedFiles (watchers are registered when the client allows it) or
//     as the didSave of its buffer, lints every open hook again.
//   - shutdown and exit end the session; [Server.Serve] returns [ErrExitWithoutShutdown]
//     when exit comes first, as the protocol asks for exit status 1.
package lsp
