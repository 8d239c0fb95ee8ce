package shell

import (
	"regexp"
	"testing"

	"github.com/hooklint/hooklint/internal/matchtest"
)

// kamalImageRe is the expression kamalImageTag replaces: the oracle of the tests below.
var kamalImageRe = regexp.MustCompile(`^(?:[^/]+/)*basecamp/kamal(?::([^@]+))?(?:@.*)?$`)

// kamalImageSubmatch returns what kamalImageRe.FindStringSubmatch does.
func kamalImageSubmatch(s string) []string {
	tag, ok := kamalImageTag(s)
	if !ok {
		return nil
	}
	return []string{s, tag}
}

func TestKamalImageTag(t *testing.T) {
	tests := []struct {
		in     string
		tag    string
		wantOK bool
	}{
		{"basecamp/kamal", "", true},
		{"ghcr.io/basecamp/kamal:v2.5.3", "v2.5.3", true},
		{"docker.io/library/basecamp/kamal:latest", "latest", true},
		{"basecamp/kamal@sha256:abc", "", true},
		{"basecamp/kamal:v2@sha256:abc", "v2", true},
		{"basecamp/kamal:a\nb", "a\nb", true},          // the tag is [^@]+, which takes a newline
		{"basecamp/kamal:v2@a\nb", "", false},          // . does not
		{"basecamp/kamal:v1/basecamp/kamal", "", true}, // the last basecamp/kamal wins
		{"x/basecamp/kamal:v1/basecamp/kamal:v2", "v2", true},
		{"basecamp/kamal:v1/x//basecamp/kamal:v2", "v1/x//basecamp/kamal:v2", true},
		{"basecamp/kamal:", "", false},
		{"basecamp/kamal:@x", "", false},
		{"/basecamp/kamal", "", false},
		{"a//basecamp/kamal", "", false},
		{"basecamp/kamal-proxy", "", false},
		{"mybasecamp/kamal", "", false},
		{"basecamp/kamalx", "", false},
	}
	for _, tt := range tests {
		tag, ok := kamalImageTag(tt.in)
		if tag != tt.tag || ok != tt.wantOK {
			t.Errorf("kamalImageTag(%q) = %q, %v, want %q, %v", tt.in, tag, ok, tt.tag, tt.wantOK)
		}
		matchtest.Submatch(t, "kamalImageTag", kamalImageRe, kamalImageSubmatch, tt.in)
	}
}

// imageTokens are pieces that build the shapes kamalImageTag tells apart.
var imageTokens = []string{"basecamp/kamal", "basecamp/kamal", "basecamp", "kamal", "/", "/", ":", ":", "@", "ghcr.io/", "v2.5.3", "\n", "//"}

// TestKamalImageTagOracle compares kamalImageTag with kamalImageRe on every short string of
// edge characters and on random strings of tokens.
func TestKamalImageTagOracle(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 5000
	}
	for _, s := range matchtest.Inputs(imageTokens, 4, n) {
		matchtest.Submatch(t, "kamalImageTag", kamalImageRe, kamalImageSubmatch, s)
	}
}

// FuzzKamalImageTag compares kamalImageTag with kamalImageRe on any string.
func FuzzKamalImageTag(f *testing.F) {
	for _, s := range []string{"ghcr.io/basecamp/kamal:v2.5.3", "basecamp/kamal@sha256:abc", "basecamp/kamal:v1/basecamp/kamal:v2", "a//basecamp/kamal"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		matchtest.Submatch(t, "kamalImageTag", kamalImageRe, kamalImageSubmatch, s)
	})
}
