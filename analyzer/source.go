package analyzer

import (
	"bytes"
	"sort"

	"mvdan.cc/sh/v3/syntax"
)

// lineIndex maps byte offsets to 1-based line and byte column.
type lineIndex struct {
	starts []int // offset of the first byte of each line
	size   int
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return &lineIndex{starts: starts, size: len(src)}
}

// position returns the Position of a byte offset, clamped to the file.
func (li *lineIndex) position(off int) Position {
	off = max(0, min(off, li.size))
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return Position{Offset: off, Line: line + 1, Column: off - li.starts[line] + 1}
}

// lineStart returns the offset of the first byte of a 1-based line.
func (li *lineIndex) lineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(li.starts) {
		return li.size
	}
	return li.starts[line-1]
}

// lineEnd returns the offset of the newline ending a 1-based line (or the end of the file).
func (li *lineIndex) lineEnd(line int) int {
	if line >= len(li.starts) {
		return li.size
	}
	return li.starts[line] - 1
}

// span converts a node's syntax positions into a Span. A position the parser recovered
// (a missing closing quote) has no offset; the span then ends with the start's line.
func (li *lineIndex) span(start, end syntax.Pos) Span {
	s := li.position(int(start.Offset()))
	e := int(end.Offset())
	if !end.IsValid() || end.IsRecovered() || e < s.Offset {
		e = max(s.Offset, li.lineEnd(s.Line))
	}
	return Span{Start: s, End: li.position(e)}
}
