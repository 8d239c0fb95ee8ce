package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/config"
)

var testRules = []*analyzer.Rule{
	{ID: "HL101", Name: "lock-conflict"},
	{ID: "HL203", Name: "missing-destination"},
	{ID: "HL302", Name: "unavailable-variable"},
}

// TestParse checks every key, and every error with its line.
func TestParse(t *testing.T) {
	tests := []struct {
		name string
		yml  string
		want *config.Config // File is filled in
		err  string
	}{
		{name: "empty file", yml: "", want: &config.Config{}},
		{name: "comments only", yml: "# nothing\n", want: &config.Config{}},
		{name: "null document", yml: "~\n", want: &config.Config{}},
		{name: "kamal-version", yml: "kamal-version: 2.5.3\n", want: &config.Config{KamalVersion: "2.5.3"}},
		{name: "kamal-version as a YAML number", yml: "kamal-version: 2.6\n", want: &config.Config{KamalVersion: "2.6"}},
		{
			name: "rules by ID and name, any case of the ID and value",
			yml:  "rules:\n  hl203: off\n  unavailable-variable: Error\n  HL101: info\n",
			want: &config.Config{Rules: map[string]string{"HL203": "off", "HL302": "error", "HL101": "info"}},
		},
		{name: "rules in flow style", yml: "rules: {HL203: off, HL302: warning}\n",
			want: &config.Config{Rules: map[string]string{"HL203": "off", "HL302": "warning"}}},
		{name: "rules with comments only", yml: "rules:\n  # HL203: off\n", want: &config.Config{Rules: map[string]string{}}},
		{name: "ignore", yml: "ignore:\n  - .kamal/hooks/*.bak\n  - ./legacy/\n", want: &config.Config{Ignore: []string{".kamal/hooks/*.bak", "legacy"}}},
		{name: "hooks-path", yml: "hooks-path: bin/hooks\n", want: &config.Config{HooksPath: "bin/hooks"}},
		{name: "failure-threshold", yml: "failure-threshold: error\n", want: &config.Config{FailureThreshold: analyzer.SeverityError}},
		{
			name: "every key",
			yml:  "kamal-version: 2.12.0\nrules: {HL101: off}\nignore: [a]\nhooks-path: h\nfailure-threshold: info\n",
			want: &config.Config{KamalVersion: "2.12.0", Rules: map[string]string{"HL101": "off"}, Ignore: []string{"a"},
				HooksPath: "h", FailureThreshold: analyzer.SeverityInfo},
		},

		{name: "broken YAML", yml: "rules:\n  HL101: off\n   x: [\n", err: `cfg.yml:3: cannot parse YAML: `},
		{name: "not a mapping", yml: "- rules\n", err: `cfg.yml:1: want a mapping of keys (kamal-version, rules, ignore, hooks-path, failure-threshold)`},
		{name: "unknown key", yml: "kamal-version: 2.5.3\nseverity: error\n",
			err: `cfg.yml:2: unknown key "severity" (valid keys: kamal-version, rules, ignore, hooks-path, failure-threshold)`},
		{name: "misspelt key", yml: "\nhooks_path: bin/hooks\n",
			err: `cfg.yml:2: unknown key "hooks_path": did you mean hooks-path? (valid keys: kamal-version, rules, ignore, hooks-path, failure-threshold)`},
		{name: "a key twice", yml: "ignore: []\nignore: [a]\n", err: `cfg.yml:2: ignore is set twice`},
		{name: "bad version", yml: "kamal-version: two\n", err: `cfg.yml:1: kamal-version: invalid version "two"`},
		{name: "empty version", yml: "kamal-version:\n", err: `cfg.yml:1: kamal-version: want a Kamal version such as 2.5.3`},
		{name: "rules not a mapping", yml: "rules: [HL101]\n", err: `cfg.yml:1: rules: want a mapping of rule ID or name to off, error, warning or info (HL203: off)`},
		{name: "unknown rule, with the nearest", yml: "rules:\n  HL102: off\n", err: `cfg.yml:2: rules: no rule is named "HL102": did you mean HL101 (lock-conflict)?`},
		{name: "unknown rule", yml: "rules:\n  SC2086: off\n", err: "cfg.yml:2: rules: no rule is named \"SC2086\" (`hooklint rules` lists them)"},
		{name: "rule set twice", yml: "rules:\n  HL101: off\n  lock-conflict: error\n", err: `cfg.yml:3: rules: HL101 is already set as "HL101"`},
		{name: "bad rule value", yml: "rules:\n  HL101: fatal\n", err: `cfg.yml:2: rules: HL101: want off, error, warning or info`},
		{name: "boolean rule value", yml: "rules:\n  HL101: false\n", err: `cfg.yml:2: rules: HL101: want off, error, warning or info`},
		{name: "ignore not a list", yml: "ignore: a\n", err: `cfg.yml:1: ignore: want a list of globs`},
		{name: "bad glob", yml: "ignore:\n  - ok\n  - '[a'\n", err: `cfg.yml:3: ignore: "[a" is no valid glob`},
		{name: "empty glob", yml: "ignore:\n  - ''\n", err: `cfg.yml:2: ignore: want a glob`},
		{name: "hooks-path a list", yml: "hooks-path: [a]\n", err: `cfg.yml:1: hooks-path: want a folder relative to the project root`},
		{name: "bad threshold", yml: "\n\nfailure-threshold: fatal\n", err: `cfg.yml:3: failure-threshold: "fatal" is no severity (want error, warning or info)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := config.Parse("cfg.yml", []byte(tt.yml), testRules)
			if tt.err != "" {
				var ce *config.Error
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) || !errors.As(err, &ce) {
					t.Fatalf("error = %v, want one starting %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want.File = "cfg.yml"
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestStarter checks that the file --init-config writes parses to what hooklint does
// without one.
func TestStarter(t *testing.T) {
	c, err := config.Parse(config.FileName, []byte(config.Starter), testRules)
	if err != nil {
		t.Fatal(err)
	}
	want := &config.Config{File: config.FileName, Rules: map[string]string{}, FailureThreshold: analyzer.SeverityWarning}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("starter = %+v, want %+v", c, want)
	}
	for _, key := range config.Keys {
		if !strings.Contains(config.Starter, key+":") {
			t.Errorf("the starter does not show %s", key)
		}
	}
}

// TestLoad checks reading a file, and a missing one.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, config.FileName)
	if _, err := config.Load(name, testRules); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "cannot read the configuration") {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(name, []byte("hooks-path: h\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(name, testRules)
	if err != nil || c.HooksPath != "h" || c.File != name {
		t.Errorf("Load = %+v, %v", c, err)
	}
}

// TestIgnored checks the ignore globs against hook paths.
func TestIgnored(t *testing.T) {
	c := &config.Config{Ignore: []string{".kamal/hooks/*.bak", "legacy", "*/old-*"}}
	for path, want := range map[string]bool{
		".kamal/hooks/post-deploy.bak": true,
		".kamal/hooks/post-deploy":     false,
		"legacy/hooks/pre-deploy":      true,
		"hooks/old-pre-deploy":         true,
		"hooks/deep/old-pre-deploy":    false,
	} {
		if got := c.Ignored(path); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", path, got, want)
		}
	}
	var none *config.Config
	if none.Ignored("x") {
		t.Error("a nil config ignores")
	}
}
