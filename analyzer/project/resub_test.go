package project

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/hooklint/hooklint/internal/matchtest"
)

// regexpApply is resubstituter.apply as it was written with a regular expression: the
// oracle of the tests below.
func regexpApply(stem string, tags []string, s string) (string, bool) {
	re, ok := resubRegexps[stem]
	if !ok {
		re = regexp.MustCompile(regexp.QuoteMeta(stem) + `([0-9]+)__`)
		resubRegexps[stem] = re
	}
	if len(tags) == 0 || !re.MatchString(s) {
		return s, false
	}
	return re.ReplaceAllStringFunc(s, func(m string) string {
		sub := re.FindStringSubmatch(m)
		n, err := strconv.Atoi(sub[1])
		if err != nil || n >= len(tags) {
			return m
		}
		return tags[n]
	}), true
}

// resubRegexps caches regexpApply's expressions by stem (tests of a package run one at a
// time unless they call t.Parallel, which these do not; fuzz workers are processes).
var resubRegexps = map[string]*regexp.Regexp{}

// resubStems are stems pickStem makes, and short ones that start again inside themselves.
var resubStems = []string{"__hooklint_erb_", "__hooklint_erb12_", "aa", "a_", "_"}

// checkResubstitute compares apply with regexpApply on s, for each stem and a few tag
// lists.
func checkResubstitute(t testing.TB, s string) {
	t.Helper()
	for _, stem := range resubStems {
		for _, tags := range [][]string{nil, {"<%= a %>"}, {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"}} {
			got, gotDyn := newResubstituter(stem, tags).apply(s)
			want, wantDyn := regexpApply(stem, tags, s)
			if got != want || gotDyn != wantDyn {
				t.Errorf("apply(%q) with stem %q and %d tags = %q, %v; want %q, %v", s, stem, len(tags), got, gotDyn, want, wantDyn)
			}
		}
	}
}

// TestResubstituteOracle compares apply with the regular expression it replaces on every
// short string of edge characters and on random strings of placeholder pieces.
func TestResubstituteOracle(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	tokens := append([]string{"0", "1", "7", "11", "007", "99999999999999999999", "__", "_", "a"}, resubStems...)
	for _, s := range matchtest.Inputs(tokens, 3, n) {
		checkResubstitute(t, s)
	}
}

// FuzzResubstitute compares apply with the regular expression it replaces on any string.
func FuzzResubstitute(f *testing.F) {
	for _, s := range []string{"x-__hooklint_erb_1__-__hooklint_erb_0__", "__hooklint_erb_7__", "aaa1__", "__hooklint_erb___hooklint_erb_0__"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkResubstitute(t, s)
	})
}
