package analyzer

import (
	"strings"
	"testing"
)

// FuzzParseDirective reads arbitrary comments as suppression directives: no panic, and the
// rule names found lie inside the comment.
func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{" hooklint disable=HL101", " hooklint disable=HL101,lock-conflict -- reason",
		" hooklint disable-file=HL302 # want", " hooklint disable=", " hooklint  disable = x", " hooklint enable=HL1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, ok := ParseDirective(text)
		if !ok {
			return
		}
		for _, n := range d.Names {
			if n.Offset < 0 || n.Offset+len(n.Text) > len(text) || !strings.HasPrefix(text[n.Offset:], n.Text) {
				t.Fatalf("name %q at %d is not in the comment %q", n.Text, n.Offset, text)
			}
		}
	})
}
