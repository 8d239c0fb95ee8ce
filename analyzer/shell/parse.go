package shell

import (
	"io"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// parsers keeps parsers for reuse: a parser carries buffers of a few kilobytes, which a
// parse of every hook, script file and script string would otherwise allocate anew.
var parsers = sync.Pool{New: func() any { return syntax.NewParser() }}

// Parse parses a script as [syntax.Parser.Parse] does, with a parser reused from an earlier
// parse. opts are among [syntax.KeepComments], [syntax.Variant] and [syntax.RecoverErrors];
// those not given have their defaults (no comments, bash, no recovery), whatever the
// parser's earlier use set.
func Parse(src io.Reader, name string, opts ...syntax.ParserOption) (*syntax.File, error) {
	p := parsers.Get().(*syntax.Parser)
	syntax.KeepComments(false)(p)
	syntax.Variant(syntax.LangBash)(p)
	syntax.RecoverErrors(0)(p)
	for _, opt := range opts {
		opt(p)
	}
	f, err := p.Parse(src, name)
	parsers.Put(p)
	return f, err
}
