package analyzer

import (
	"regexp"
	"testing"

	"github.com/hooklint/hooklint/internal/matchtest"
)

// The expressions isKamalLookup, isArrayAssign and isAppendAssign replace: the oracles of
// the tests below.
var (
	lookupKamalRe  = regexp.MustCompile("^(\\$\\(|`)\\s*(which|command\\s+-v|type\\s+-P)\\s+kamal\\s*(\\)|`)$")
	arrayAssignRe  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\[[^]]*\]\+?=`)
	appendAssignRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\+=`)
)

// checkMatchers compares each matcher with its expression on s.
func checkMatchers(t testing.TB, s string) {
	t.Helper()
	matchtest.Match(t, "isKamalLookup", lookupKamalRe, isKamalLookup, s)
	matchtest.Match(t, "isArrayAssign", arrayAssignRe, isArrayAssign, s)
	matchtest.Match(t, "isAppendAssign", appendAssignRe, isAppendAssign, s)
}

func TestMatchers(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) bool
		in   string
		want bool
	}{
		{"isKamalLookup", isKamalLookup, "$(which kamal)", true},
		{"isKamalLookup", isKamalLookup, "`command -v kamal`", true},
		{"isKamalLookup", isKamalLookup, "$( type\t-P  kamal )", true},
		{"isKamalLookup", isKamalLookup, "$(which kamal`", true}, // either opening with either closing
		{"isKamalLookup", isKamalLookup, "$(\nwhich\nkamal\n)", true},
		{"isKamalLookup", isKamalLookup, "$(whichkamal)", false},
		{"isKamalLookup", isKamalLookup, "$(command-v kamal)", false},
		{"isKamalLookup", isKamalLookup, "$(type -p kamal)", false},
		{"isKamalLookup", isKamalLookup, "$(which kamal))", false},
		{"isKamalLookup", isKamalLookup, "$(which kamal-proxy)", false},
		{"isKamalLookup", isKamalLookup, "$(which\vkamal)", false}, // \v is not in \s
		{"isKamalLookup", isKamalLookup, "which kamal", false},
		{"isArrayAssign", isArrayAssign, "a[0]=1", true},
		{"isArrayAssign", isArrayAssign, "_x9[$i]+=y", true},
		{"isArrayAssign", isArrayAssign, "a[]=", true},
		{"isArrayAssign", isArrayAssign, "a[[]=", true},
		{"isArrayAssign", isArrayAssign, "a[x\ny]=", true},
		{"isArrayAssign", isArrayAssign, "a[0]]=", false}, // the index ends at the first "]"
		{"isArrayAssign", isArrayAssign, "a[0]++=", false},
		{"isArrayAssign", isArrayAssign, "9a[0]=", false},
		{"isArrayAssign", isArrayAssign, "[0]=", false},
		{"isArrayAssign", isArrayAssign, "a[0", false},
		{"isArrayAssign", isArrayAssign, "é[0]=", false},
		{"isAppendAssign", isAppendAssign, "x+=1", true},
		{"isAppendAssign", isAppendAssign, "_+=", true},
		{"isAppendAssign", isAppendAssign, "x=1", false},
		{"isAppendAssign", isAppendAssign, "+=", false},
		{"isAppendAssign", isAppendAssign, "1x+=", false},
		{"isAppendAssign", isAppendAssign, "x-y+=", false},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
		checkMatchers(t, tt.in)
	}
}

// matchTokens are pieces that build the shapes the matchers tell apart.
var matchTokens = []string{"$(", "`", ")", "which", "command", "type", "-v", "-P", "kamal", " ", "\t", "\n", "\f", "\r",
	"a", "_", "x9", "[", "]", "+", "=", "+=", "$i"}

// TestMatchersOracle compares the matchers with their expressions on every short string of
// edge characters and on random strings of tokens.
func TestMatchersOracle(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 5000
	}
	for _, s := range matchtest.Inputs(matchTokens, 4, n) {
		checkMatchers(t, s)
	}
	// Random strings seldom spell a whole lookup: build them from their parts, each
	// right, near right or wrong.
	spaces := []string{"", " ", "\t\n", "\v", "\f\r"}
	for _, open := range []string{"$(", "`", "(", ""} {
		for _, sp1 := range spaces {
			for _, word := range []string{"which", "command -v", "command\v-v", "command-v", "type\t-P", "type -p", "whic"} {
				for _, sp2 := range spaces {
					for _, name := range []string{"kamal", "kamal2", "Kamal"} {
						for _, sp3 := range spaces {
							for _, closing := range []string{")", "`", "))", "", ") "} {
								checkMatchers(t, open+sp1+word+sp2+name+sp3+closing)
							}
						}
					}
				}
			}
		}
	}
}

// FuzzMatchers compares the matchers with their expressions on any string.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{"$(which kamal)", "`command -v kamal`", "$( type -P kamal )", "a[0]=1", "a[i]+=1", "x+=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkMatchers(t, s)
	})
}
