package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestStartupDeps keeps out of the binary packages that cost start-up time in every run,
// `hooklint --version` included:
//   - net (once linked by net/textproto, for the language server's message headers) uses
//     cgo's resolver where cgo is enabled, as it is for `go install` on Linux: the binary is
//     then linked dynamically against libc, and every start loads it (runtime/cgo);
//   - crypto/sha256 (once the hash of the GitLab fingerprints) links the FIPS 140 module,
//     some twenty packages with their own initialization.
func TestStartupDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("no go command to list the packages hooklint links")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, banned := range []string{"net", "net/textproto", "runtime/cgo", "crypto", "crypto/sha256"} {
		if slices.Contains(deps, banned) {
			t.Errorf("hooklint links %s", banned)
		}
	}
}
