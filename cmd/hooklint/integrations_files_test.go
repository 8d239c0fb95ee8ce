package main

import (
	"os"
	"regexp"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPreCommitHooksFile checks .pre-commit-hooks.yaml: both hooks, and which paths their
// files and exclude patterns pass to hooklint (pre-commit searches with Python's re, whose
// syntax these patterns share with Go's).
func TestPreCommitHooksFile(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files, Exclude string
		PassFilenames                       bool `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	langs := map[string]string{}
	for _, h := range hooks {
		langs[h.ID] = h.Language
		if h.Entry != "hooklint" || !h.PassFilenames {
			t.Errorf("%s: entry %q, pass_filenames %v", h.ID, h.Entry, h.PassFilenames)
		}
		files, exclude := regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
		for path, want := range map[string]bool{
			".kamal/hooks/post-deploy":         true,
			"apps/shop/.kamal/hooks/pre-build": true,
			".kamal/hooks/post-deploy.sample":  false,
			"config/deploy.yml":                true,
			"config/deploy.staging.yml":        true,
			"apps/shop/config/deploy.yml":      true,
			"Gemfile.lock":                     true,
			"apps/shop/Gemfile.lock":           true,
			".hooklint.yml":                    true,
			"config/database.yml":              false,
			"Gemfile":                          false,
			".kamal/secrets":                   false,
			"lib/kamal/hooks.rb":               false,
			"my.kamal/hooks/x":                 false,
		} {
			if got := files.MatchString(path) && !exclude.MatchString(path); got != want {
				t.Errorf("%s: %s passed = %v, want %v", h.ID, path, got, want)
			}
		}
	}
	if langs["hooklint"] != "golang" || langs["hooklint-system"] != "system" {
		t.Errorf("languages = %v", langs)
	}
}

// TestActionFile checks that action.yml is a composite action that runs hooklint with the
// github format and uploads SARIF only when asked.
func TestActionFile(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Name   string
		Inputs map[string]struct{ Default string }
		Runs   struct {
			Using string
			Steps []struct {
				Name, Uses, Run, If string
			}
		}
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q", action.Runs.Using)
	}
	for _, in := range []string{"paths", "args", "sarif"} {
		if _, ok := action.Inputs[in]; !ok {
			t.Errorf("no input %q", in)
		}
	}
	var github, upload bool
	for _, s := range action.Runs.Steps {
		if regexp.MustCompile(`hooklint --format github`).MatchString(s.Run) {
			github = true
		}
		if regexp.MustCompile(`^github/codeql-action/upload-sarif@`).MatchString(s.Uses) {
			upload = regexp.MustCompile(`inputs\.sarif != ''`).MatchString(s.If)
		}
	}
	if !github || !upload {
		t.Errorf("github format run: %v; SARIF uploaded only when asked: %v", github, upload)
	}
}
