package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommit runs the real pre-commit on a throwaway repository with a hook that has a
// lock conflict: first with a local hook that runs the hooklint built here (the set-up of
// a project with hooklint installed), then with this repository's .pre-commit-hooks.yaml
// through try-repo (its language: system hook, which needs no network). The run fails with
// the finding; once the hook is fixed it passes. Skipped where pre-commit is absent.
func TestPreCommit(t *testing.T) {
	precommit, err := exec.LookPath("pre-commit")
	if err != nil {
		skipUnlessRequired(t, "pre-commit is not installed (apt-get install pre-commit)")
	}
	if testing.Short() {
		t.Skip("runs pre-commit")
	}
	checkout, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	binDir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(binDir, "hooklint"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo := t.TempDir()
	env := append(os.Environ(),
		"PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PRE_COMMIT_HOME="+t.TempDir(),
		"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com",
		"NO_COLOR=1",
	)
	run := func(dir, name string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out), 0
	}
	write := func(name, src string, mode os.FileMode) {
		t.Helper()
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), mode); err != nil {
			t.Fatal(err)
		}
	}
	write("Gemfile.lock", "GEM\n  specs:\n    kamal (2.5.3)\n", 0o644)
	write("config/deploy.yml", "service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\naccessories:\n  db:\n    image: postgres:16\n    host: 10.0.0.3\n", 0o644)
	write(".kamal/hooks/post-deploy", "#!/bin/sh\nset -e\nkamal accessory reboot db\n", 0o755)
	write(".kamal/hooks/post-deploy.sample", "kamal accessory reboot db\n", 0o644)
	write(".pre-commit-config.yaml", `repos:
  - repo: local
    hooks:
      - id: hooklint
        name: hooklint
        entry: hooklint
        language: system
        files: '(^|/)(\.kamal/hooks/|config/deploy[^/]*\.ya?ml$|Gemfile\.lock$|\.hooklint\.yml$)'
        exclude: '\.sample$'
        pass_filenames: true
        require_serial: true
`, 0o644)
	run(repo, "git", "init", "-q")
	run(repo, "git", "add", "-A")

	out, status := run(repo, precommit, "run", "--all-files")
	t.Logf("pre-commit run --all-files:\n%s", out)
	if status != 1 || !strings.Contains(out, ".kamal/hooks/post-deploy:3:1: error:") || !strings.Contains(out, "[HL101]") {
		t.Fatalf("pre-commit: status %d, want 1 with the HL101 finding", status)
	}
	// Only the Gemfile.lock changed: hooklint checks its project's hooks.
	out, status = run(repo, precommit, "run", "--files", "Gemfile.lock")
	if status != 1 || !strings.Contains(out, "[HL101]") {
		t.Fatalf("pre-commit run --files Gemfile.lock: status %d, want the finding\n%s", status, out)
	}

	out, status = run(repo, precommit, "try-repo", checkout, "hooklint-system", "--all-files")
	t.Logf("pre-commit try-repo:\n%s", out)
	if status != 1 || !strings.Contains(out, "[HL101]") {
		t.Fatalf("pre-commit try-repo: status %d, want 1 with the HL101 finding", status)
	}

	if out, status := run(repo, filepath.Join(binDir, "hooklint"), "--fix"); status != 0 {
		t.Fatalf("hooklint --fix: status %d\n%s", status, out)
	}
	run(repo, "git", "add", "-A")
	out, status = run(repo, precommit, "run", "--all-files")
	t.Logf("after the fix:\n%s", out)
	if status != 0 || !strings.Contains(out, "Passed") {
		t.Fatalf("pre-commit after the fix: status %d", status)
	}
	out, status = run(repo, precommit, "try-repo", checkout, "hooklint-system", "--all-files")
	if status != 0 {
		t.Fatalf("pre-commit try-repo after the fix: status %d\n%s", status, out)
	}
}
