// Package matchtest checks hand-written string matchers against the regular expressions
// they replace, which the tests keep as oracles. Only tests import it.
//
// A matcher is written by hand when compiling its expression at package initialization
// costs start-up time in every run; the expression stays the specification.
package matchtest

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Edges are single characters at the edges of the classes the matchers test: the
// punctuation of options and numbers, the ends of \d and \w, white space in and out of \s
// (\v is not in it), a multi-byte letter, and a byte that is not UTF-8.
var Edges = []string{"-", "+", ".", "=", "0", "9", "a", "Z", "_", "é", " ", "\t", "\n", "\v", "\xff"}

// Inputs returns every string of at most exhaustive characters of Edges, then n strings
// of up to 10 pieces drawn at random from tokens and Edges, the same on every run.
func Inputs(tokens []string, exhaustive, n int) []string {
	ins := []string{""}
	prev := []string{""}
	for range exhaustive {
		var next []string
		for _, p := range prev {
			for _, e := range Edges {
				next = append(next, p+e)
			}
		}
		ins = append(ins, next...)
		prev = next
	}
	pieces := slices.Concat(tokens, tokens, Edges) // tokens twice: they make the shapes
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range n {
		b.Reset()
		for range rng.IntN(11) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		ins = append(ins, b.String())
	}
	return ins
}

// Submatch fails t unless match(s) returns what re.FindStringSubmatch(s) does: nil when
// re does not match, else the whole match and each group ("" for a group that did not
// take part).
func Submatch(t testing.TB, name string, re *regexp.Regexp, match func(string) []string, s string) {
	t.Helper()
	want := re.FindStringSubmatch(s)
	got := match(s)
	if !slices.Equal(got, want) || (got == nil) != (want == nil) {
		t.Errorf("%s(%q) = %q, want %q (%s)", name, s, got, want, re)
	}
}

// Match fails t unless match(s) reports what re.MatchString(s) does.
func Match(t testing.TB, name string, re *regexp.Regexp, match func(string) bool, s string) {
	t.Helper()
	if got, want := match(s), re.MatchString(s); got != want {
		t.Errorf("%s(%q) = %v, want %v (%s)", name, s, got, want, re)
	}
}
