package rules_test

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the rule definitions")

// TestRulesDoc keeps docs/rules.md in step with the rules: it is generated from their
// values, so a rule's documentation is written once. Run with -update to regenerate.
func TestRulesDoc(t *testing.T) {
	got := rulesDoc(rules.All())
	path := filepath.Join("..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("docs/rules.md is out of date: run go test ./rules -run TestRulesDoc -update")
	}
}

func rulesDoc(rs []*analyzer.Rule) string {
	var b strings.Builder
	b.WriteString("# hooklint rules\n\n")
	b.WriteString("Generated from the rule definitions in `rules/` by `go test ./rules -run TestRulesDoc -update`.\n")
	b.WriteString("Each example is linted by the tests as an executable `.kamal/hooks/post-deploy` on Kamal 2.5.3\n")
	b.WriteString("(unless its caption names another file, mode or Gemfile.lock): the bad one must be reported,\n")
	b.WriteString("the good one must not.\n\n")
	b.WriteString("| ID | name | default | summary |\n|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Name, r.Severity, r.Summary)
	}
	for _, r := range rs {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "`%s` · default severity: %s\n\n%s.\n\n", r.Name, r.Severity, r.Summary)
		for _, para := range strings.Split(r.Doc, "\n\n") {
			b.WriteString(strings.Join(strings.Fields(para), " "))
			b.WriteString("\n\n")
		}
		for _, name := range slices.Sorted(maps.Keys(r.Project)) {
			fmt.Fprintf(&b, "In a project with `%s`:\n\n```yaml\n%s```\n\n", name, r.Project[name])
		}
		fmt.Fprintf(&b, "Reported%s:\n\n```sh\n%s```\n\nNot reported%s:\n\n```sh\n%s```\n",
			caption(r.BadFile, r.Bad), analyzer.ExampleText(r.Bad), caption(r.GoodFile, r.Good), analyzer.ExampleText(r.Good))
	}
	return b.String()
}

// caption renders what an example's text does not show: " (saved as ..., mode 0644)".
func caption(f analyzer.ExampleFile, src string) string {
	if d := f.Describe(src); d != "" {
		return " (" + d + ")"
	}
	return ""
}

// TestRuleExamples lints each rule's documented examples: the bad one must be reported by
// that rule, the good one by no rule.
func TestRuleExamples(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.ID, func(t *testing.T) {
			if r.Bad == "" || r.Good == "" {
				t.Fatal("rule has no examples")
			}
			if n := exampleFindings(t, r, r.Bad, r.BadFile, r.ID); n == 0 {
				t.Errorf("bad example not reported by %s:\n%s", r.ID, r.Bad)
			}
			if n := exampleFindings(t, r, r.Good, r.GoodFile, ""); n != 0 {
				t.Errorf("good example reported %d times:\n%s", n, r.Good)
			}
		})
	}
}

// exampleFindings counts the findings of one rule (all rules if id is "") in a hook written
// to a project's hooks folder as f says, with the rule's other project files.
func exampleFindings(t *testing.T, r *analyzer.Rule, src string, f analyzer.ExampleFile, id string) int {
	dir := t.TempDir()
	for name, content := range r.Project {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hooks := filepath.Join(dir, ".kamal", "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(hooks, f.FileName())
	if err := os.WriteFile(path, []byte(src), f.FileMode()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, f.FileMode()); err != nil { // past the umask
		t.Fatal(err)
	}
	opts := project.Options{KamalVersion: "2.5.3"}
	if _, ok := r.Project["Gemfile.lock"]; ok {
		opts.KamalVersion = "" // the example's own Kamal version
	}
	proj, err := project.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	inputs, probs := analyzer.DiscoverHooks(proj)
	if len(probs) != 0 || len(inputs) != 1 {
		t.Fatalf("example not found as a hook: %v %v", inputs, probs)
	}
	res := analyzer.NewLinter(proj, rules.All()).Run(inputs)
	n := 0
	for _, d := range res.Diagnostics {
		if id == "" || d.Rule == id {
			n++
		}
	}
	return n
}
