package main

import (
	"os"
	"testing"
)

// skipUnlessRequired skips a test whose outside tool is missing, or fails it when
// HOOKLINT_REQUIRE_INTEGRATIONS is set (as .ci/integrations does, which installs them).
func skipUnlessRequired(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("HOOKLINT_REQUIRE_INTEGRATIONS") != "" {
		t.Fatal(why)
	}
	t.Skip(why)
}
