package project

import (
	"bytes"
	"strings"

	"github.com/hooklint/hooklint/analyzer/kamal"
)

// KamalFromGemfileLock finds the resolved `    kamal (X.Y.Z)` spec in a Gemfile.lock: four
// spaces of indent under a `specs:` section (of GEM, PATH or GIT), not a six-space dependency
// line such as `      kamal (>= 2.0)`, nor the DEPENDENCIES or CHECKSUMS entries
// (lock-model.md §1.3). ok is false when there is none or it does not parse.
func KamalFromGemfileLock(src []byte) (v kamal.Version, ok bool) {
	text, _, found := gemfileKamalSpec(src)
	if !found {
		return kamal.Version{}, false
	}
	v, err := kamal.ParseVersion(text)
	return v, err == nil
}

// gemfileKamalSpec returns the version text of the kamal spec and its line.
func gemfileKamalSpec(src []byte) (text string, line int, ok bool) {
	inSpecs := false
	for i, raw := range bytes.Split(src, []byte{'\n'}) {
		l := strings.TrimRight(string(raw), "\r")
		switch {
		case l == "" || l[0] != ' ':
			inSpecs = false // GEM, PATH, PLATFORMS, DEPENDENCIES, ... start a new section
		case l == "  specs:":
			inSpecs = true
		case strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   "):
			inSpecs = false // another key of the section, such as `  remote:`
		case inSpecs && strings.HasPrefix(l, "    kamal (") && strings.HasSuffix(l, ")"):
			v := strings.TrimSuffix(strings.TrimPrefix(l, "    kamal ("), ")")
			// A platform gem is written `name (1.2.3-x86_64-linux)`; RubyGems versions have no '-'.
			v, _, _ = strings.Cut(v, "-")
			return v, i + 1, true
		}
	}
	return "", 0, false
}
