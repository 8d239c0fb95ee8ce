package project

import (
	"testing"

	"github.com/hooklint/hooklint/analyzer/kamal"
)

func TestKamalFromGemfileLock(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want kamal.Version
		ok   bool
	}{
		{"resolved spec", `GEM
  remote: https://rubygems.org/
  specs:
    activesupport (8.0.1)
    kamal (2.5.3)
      activesupport (>= 7.0)
      sshkit (>= 1.23.0, < 2.0)

PLATFORMS
  ruby

DEPENDENCIES
  kamal

BUNDLED WITH
   2.6.2
`, kamal.V(2, 5, 3), true},
		{"dependency line does not match", `GEM
  remote: https://rubygems.org/
  specs:
    mrsk-tools (1.0.0)
      kamal (>= 2.0)
`, kamal.Version{}, false},
		{"DEPENDENCIES and CHECKSUMS do not match", `GEM
  specs:
    rails (8.0.0)

DEPENDENCIES
  kamal (~> 2.4)

CHECKSUMS
  kamal (2.4.0) sha256=abc
`, kamal.Version{}, false},
		{"spec from git", `GIT
  remote: https://github.com/basecamp/kamal.git
  revision: 0123abc
  specs:
    kamal (2.7.0)
      dotenv (~> 3.1)
`, kamal.V(2, 7, 0), true},
		{"4-space line outside specs", `GEM
  remote: https://rubygems.org/
    kamal (1.0.0)
`, kamal.Version{}, false},
		{"CRLF", "GEM\r\n  specs:\r\n    kamal (2.6.0)\r\n", kamal.V(2, 6, 0), true},
		{"pre-release", "GEM\n  specs:\n    kamal (2.0.0.rc1)\n", kamal.Version{Major: 2, Pre: "rc1"}, true},
		{"platform suffix", "GEM\n  specs:\n    kamal (2.5.3-x86_64-linux)\n", kamal.V(2, 5, 3), true},
		{"kamal-proxy is another gem", "GEM\n  specs:\n    kamal-proxy (1.0.0)\n", kamal.Version{}, false},
		{"invalid version", "GEM\n  specs:\n    kamal (two)\n", kamal.Version{}, false},
		{"empty", "", kamal.Version{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := KamalFromGemfileLock([]byte(tt.src))
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
