package shell

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// parsers keeps parsers for reuse: a parser carries buffers of a few kilobytes, which a
// parse of every hook, script file and script string would otherwise allocate anew.
var parsers = sync.Pool{New: func() any { return syntax.NewParser() }}

// ErrParserFailed is the error of a parse during which the parser panicked, as some
// malformed inputs make it do when it recovers from errors (mvdan.cc/sh v3.14.1 with
// RecoverErrors on `N=$((X Y))`).
var ErrParserFailed = errors.New("the shell parser failed")

// Parse parses a script as [syntax.Parser.Parse] does, with a parser reused from an earlier
// parse. opts are among [syntax.KeepComments], [syntax.Variant] and [syntax.RecoverErrors];
// those not given have their defaults (no comments, bash, no recovery), whatever the
// parser's earlier use set. A panic of the parser is returned as an error that matches
// [ErrParserFailed], and that parser is not reused.
func Parse(src io.Reader, name string, opts ...syntax.ParserOption) (f *syntax.File, err error) {
	p := parsers.Get().(*syntax.Parser)
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w: %v", ErrParserFailed, r)
			return
		}
		parsers.Put(p)
	}()
	syntax.KeepComments(false)(p)
	syntax.Variant(syntax.LangBash)(p)
	syntax.RecoverErrors(0)(p)
	for _, opt := range opts {
		opt(p)
	}
	return p.Parse(src, name)
}
