package config

import (
	"testing"

	"github.com/hooklint/hooklint/rules"
)

// FuzzParse feeds arbitrary .hooklint.yml files to the loader: it must never panic, and an
// error names the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("kamal-version: 2.5.3\nrules:\n  HL203: off\n  lock-conflict: warning\nignore: ['.kamal/hooks/*.bak']\n"))
	f.Add([]byte("failure-threshold: error\nhooks-path: bin/hooks\n"))
	f.Add([]byte("rules: [\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte(Starter))
	all := rules.All()
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(".hooklint.yml", data, all)
		if err != nil {
			if c != nil {
				t.Fatalf("a config and an error: %v", err)
			}
			if msg := err.Error(); len(msg) < len(".hooklint.yml") || msg[:len(".hooklint.yml")] != ".hooklint.yml" {
				t.Fatalf("error does not name the file: %q", msg)
			}
		}
	})
}
