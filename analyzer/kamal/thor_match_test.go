package kamal

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/internal/matchtest"
)

// The expressions the matchers of thor_match.go replace, as thor.go and thor_computed.go
// compiled them: the oracles of the tests below.
var (
	longRe     = regexp.MustCompile(`^(--\w+(?:-\w+)*)$`)
	shortRe    = regexp.MustCompile(`^(-[a-zA-Z])$`)
	eqRe       = regexp.MustCompile(`^(--\w+(?:-\w+)*|-[a-zA-Z])=(.*)$`)
	shortSqRe  = regexp.MustCompile(`^-([a-zA-Z]{2,})$`)
	shortNumRe = regexp.MustCompile(`^(-[a-zA-Z])([-+]?(?:\d*\.\d+|\d+))$`)
	noOrSkipRe = regexp.MustCompile(`^--(?:no|skip)-([-\w]+)$`)
	numericRe  = regexp.MustCompile(`^[-+]?(?:\d*\.\d+|\d+)$`)
	dashValRe  = regexp.MustCompile(`^-{1,2}\S+`)

	eqPrefixRe       = regexp.MustCompile(`^(--\w+(?:-\w+)*|-[a-zA-Z])=`)
	clusterPrefixRe  = regexp.MustCompile(`^-[a-zA-Z]+$`)
	openLongPrefixRe = regexp.MustCompile(`^--(?:\w+-)*\w*$`)
	shortNumPrefixRe = regexp.MustCompile(`^-[a-zA-Z][-+]?\d*\.?\d*$`)
)

// thorMatchers pairs each matcher with its oracle; match returns what FindStringSubmatch
// does. The expressions are anchored at both ends, so the whole match is the input.
var thorMatchers = []struct {
	name  string
	re    *regexp.Regexp
	match func(string) []string
}{
	{"isLongSwitch", longRe, func(s string) []string { return whole(isLongSwitch(s), s, s) }},
	{"isShortSwitch", shortRe, func(s string) []string { return whole(isShortSwitch(s), s, s) }},
	{"eqSwitch", eqRe, func(s string) []string {
		sw, val, ok := eqSwitch(s)
		return whole(ok, s, sw, val)
	}},
	{"shortCluster", shortSqRe, func(s string) []string {
		letters, ok := shortCluster(s)
		return whole(ok, s, letters)
	}},
	{"shortNum", shortNumRe, func(s string) []string {
		sw, num, ok := shortNum(s)
		return whole(ok, s, sw, num)
	}},
	{"noOrSkipName", noOrSkipRe, func(s string) []string {
		name, ok := noOrSkipName(s)
		return whole(ok, s, name)
	}},
	{"isNumeric", numericRe, func(s string) []string { return whole(isNumeric(s), s) }},
	{"eqPrefix", eqPrefixRe, func(s string) []string {
		// Not anchored at the end: the match runs to the "=".
		sw, ok := eqPrefix(s)
		if !ok {
			return nil
		}
		return []string{s[:len(sw)+1], sw}
	}},
	{"isClusterPrefix", clusterPrefixRe, func(s string) []string { return whole(isClusterPrefix(s), s) }},
	{"isOpenLongPrefix", openLongPrefixRe, func(s string) []string { return whole(isOpenLongPrefix(s), s) }},
	{"isShortNumPrefix", shortNumPrefixRe, func(s string) []string { return whole(isShortNumPrefix(s), s) }},
}

// whole returns the submatches of a match, nil without one.
func whole(ok bool, submatches ...string) []string {
	if !ok {
		return nil
	}
	return submatches
}

// checkThorMatchers compares every matcher with its oracle on s.
func checkThorMatchers(t testing.TB, s string) {
	t.Helper()
	for _, m := range thorMatchers {
		matchtest.Submatch(t, m.name, m.re, m.match, s)
	}
	// Not anchored at the end: only whether it matches is used.
	matchtest.Match(t, "isDashValue", dashValRe, isDashValue, s)
	formatted := longRe.MatchString(s) || shortRe.MatchString(s) || eqRe.MatchString(s) ||
		shortNumRe.MatchString(s) || shortSqRe.MatchString(s)
	if got := isSwitchFormatted(s); got != formatted {
		t.Errorf("isSwitchFormatted(%q) = %v, want %v", s, got, formatted)
	}
}

func TestThorMatchers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // nil: no match
	}{
		{"isLongSwitch", "--skip-hooks", []string{"--skip-hooks", "--skip-hooks"}},
		{"isLongSwitch", "--skip_hooks", []string{"--skip_hooks", "--skip_hooks"}},
		{"isLongSwitch", "--9", []string{"--9", "--9"}},
		{"isLongSwitch", "--", nil},
		{"isLongSwitch", "---x", nil},
		{"isLongSwitch", "--skip--hooks", nil},
		{"isLongSwitch", "--skip-", nil},
		{"isLongSwitch", "--café", nil}, // \w is ASCII
		{"isShortSwitch", "-d", []string{"-d", "-d"}},
		{"isShortSwitch", "-_", nil},
		{"isShortSwitch", "-é", nil},
		{"isShortSwitch", "-dd", nil},
		{"eqSwitch", "--destination=staging", []string{"--destination=staging", "--destination", "staging"}},
		{"eqSwitch", "-d=", []string{"-d=", "-d", ""}},
		{"eqSwitch", "--a=b=c", []string{"--a=b=c", "--a", "b=c"}}, // the switch ends at the first "="
		{"eqSwitch", "-d=é x", []string{"-d=é x", "-d", "é x"}},
		{"eqSwitch", "-d=a\nb", nil}, // . does not match a newline
		{"eqSwitch", "-dx=a", nil},
		{"eqSwitch", "--=a", nil},
		{"shortCluster", "-PH", []string{"-PH", "PH"}},
		{"shortCluster", "-P", nil},
		{"shortCluster", "-P5", nil},
		{"shortNum", "-n5", []string{"-n5", "-n", "5"}},
		{"shortNum", "-n-1.5", []string{"-n-1.5", "-n", "-1.5"}},
		{"shortNum", "-n+.5", []string{"-n+.5", "-n", "+.5"}},
		{"shortNum", "-n5.", nil},
		{"shortNum", "-n", nil},
		{"shortNum", "-n-", nil},
		{"shortNum", "-n١", nil}, // an Arabic-Indic digit is not \d
		{"noOrSkipName", "--no-cache", []string{"--no-cache", "cache"}},
		{"noOrSkipName", "--skip-hooks", []string{"--skip-hooks", "hooks"}},
		{"noOrSkipName", "--no--x-", []string{"--no--x-", "-x-"}},
		{"noOrSkipName", "--no-", nil},
		{"noOrSkipName", "--nocache", nil},
		{"noOrSkipName", "--no-a=b", nil},
		{"isNumeric", "5", []string{"5"}},
		{"isNumeric", "-.5", []string{"-.5"}},
		{"isNumeric", "+10.25", []string{"+10.25"}},
		{"isNumeric", "5.", nil},
		{"isNumeric", ".", nil},
		{"isNumeric", "-", nil},
		{"isNumeric", "1.2.3", nil},
		{"isNumeric", "", nil},
		{"eqPrefix", "--destination=", []string{"--destination=", "--destination"}},
		{"eqPrefix", "-d=a\nb", []string{"-d=", "-d"}},
		{"eqPrefix", "-d", nil},
		{"isClusterPrefix", "-d", []string{"-d"}},
		{"isClusterPrefix", "-dH", []string{"-dH"}},
		{"isClusterPrefix", "-", nil},
		{"isClusterPrefix", "-d1", nil},
		{"isOpenLongPrefix", "--", []string{"--"}},
		{"isOpenLongPrefix", "--dest", []string{"--dest"}},
		{"isOpenLongPrefix", "--skip-", []string{"--skip-"}},
		{"isOpenLongPrefix", "---", nil},
		{"isOpenLongPrefix", "--a--", nil},
		{"isOpenLongPrefix", "-", nil},
		{"isShortNumPrefix", "-n", []string{"-n"}},
		{"isShortNumPrefix", "-n-", []string{"-n-"}},
		{"isShortNumPrefix", "-n1.", []string{"-n1."}},
		{"isShortNumPrefix", "-n.", []string{"-n."}},
		{"isShortNumPrefix", "-n1.2.", nil},
		{"isShortNumPrefix", "-n--", nil},
	}
	for _, tt := range tests {
		i := thorMatcherIndex(t, tt.name)
		got := thorMatchers[i].match(tt.in)
		if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") || (got == nil) != (tt.want == nil) {
			t.Errorf("%s(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
		checkThorMatchers(t, tt.in)
	}
}

func TestThorPredicates(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) bool
		in   string
		want bool
	}{
		{"isDashValue", isDashValue, "-d", true},
		{"isDashValue", isDashValue, "--", true}, // the second dash is \S
		{"isDashValue", isDashValue, "---x y", true},
		{"isDashValue", isDashValue, "-é", true},
		{"isDashValue", isDashValue, "-\v", true}, // \v is not in \s
		{"isDashValue", isDashValue, "-", false},
		{"isDashValue", isDashValue, "- x", false},
		{"isDashValue", isDashValue, "-\tx", false},
		{"isDashValue", isDashValue, "x-", false},
		{"isSwitchFormatted", isSwitchFormatted, "--skip-hooks", true},
		{"isSwitchFormatted", isSwitchFormatted, "-d", true},
		{"isSwitchFormatted", isSwitchFormatted, "-d=x", true},
		{"isSwitchFormatted", isSwitchFormatted, "-n5", true},
		{"isSwitchFormatted", isSwitchFormatted, "-PH", true},
		{"isSwitchFormatted", isSwitchFormatted, "-P_", false},
		{"isSwitchFormatted", isSwitchFormatted, "-", false},
		{"isSwitchFormatted", isSwitchFormatted, "db", false},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
		checkThorMatchers(t, tt.in)
	}
}

// thorTokens are pieces that build the shapes the matchers tell apart.
var thorTokens = []string{"-", "--", "--no-", "--skip-", "no", "skip", "d", "PH", "x_9", "=", ".5", "1", "+", "é", " ", "\n", "$"}

// TestThorMatchersOracle compares the matchers with their expressions on every short
// string of edge characters and on random strings of tokens.
func TestThorMatchersOracle(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 5000
	}
	ins := matchtest.Inputs(thorTokens, 4, n)
	for _, line := range fuzzLines {
		ins = append(ins, strings.Split(line, "\n")...)
	}
	for _, s := range ins {
		checkThorMatchers(t, s)
	}
}

// FuzzThorMatchers compares the matchers with their expressions on any string.
func FuzzThorMatchers(f *testing.F) {
	for _, s := range []string{"--skip-hooks", "-d=staging", "-n-1.5", "-PH", "--no-cache", "--dest", "-n1.", "-d=a\nb", "-é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkThorMatchers(t, s)
	})
}

func thorMatcherIndex(t *testing.T, name string) int {
	for i, m := range thorMatchers {
		if m.name == name {
			return i
		}
	}
	t.Fatalf("no matcher %s", name)
	return -1
}
