package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sarifMultitool returns the path of Microsoft's SARIF Multitool: $SARIF_MULTITOOL, else the
// one .ci/integrations installs under $HOOKLINT_CI_CACHE (default ~/.cache/hooklint-ci);
// "" when neither is there.
func sarifMultitool() string {
	if p := os.Getenv("SARIF_MULTITOOL"); p != "" {
		return p
	}
	cache := os.Getenv("HOOKLINT_CI_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		cache = filepath.Join(home, ".cache", "hooklint-ci")
	}
	p := filepath.Join(cache, "sarif", "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
	if info, err := os.Stat(p); err == nil && info.Mode()&0o111 != 0 {
		return p
	}
	return ""
}

// TestSARIFValidator checks hooklint's SARIF for a project with findings of several rules,
// related locations and fixes with Microsoft's validator, with the SARIF rules and GitHub's
// ingestion rules: no error and no warning. Skipped where the tool is not installed
// (.ci/integrations installs it).
func TestSARIFValidator(t *testing.T) {
	tool := sarifMultitool()
	if tool == "" {
		skipUnlessRequired(t, "the SARIF Multitool is not installed (.ci/integrations installs it)")
	}
	dir := t.TempDir()
	for name, src := range map[string]string{
		"Gemfile.lock":                "GEM\n  specs:\n    kamal (2.5.3)\n",
		"config/deploy.yml":           "service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\naccessories:\n  db:\n    image: postgres:16\n    host: 10.0.0.3\n",
		"config/deploy.staging.yml":   "servers:\n  - 10.1.0.1\n",
		".kamal/hooks/post-deploy":    "#!/bin/sh\nset -e\necho \"Déployé 🚀 $KAMAL_RUNTIME\"; kamal accessory reboot db\n./script/migrate.sh\n",
		"script/migrate.sh":           "#!/bin/sh\nkamal app boot -d \"$KAMAL_DESTINATION\"\n",
		".kamal/hooks/pre-build":      "echo hi\n[[ -n \"$KAMAL_ROLE\" ]] && echo x\n",
		".kamal/hooks/post-deploy.sh": "#!/bin/sh\necho misnamed\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd := &Command{Stdout: &stdout, Stderr: &stderr, Dir: dir, Getenv: func(string) string { return "" }}
	if st := cmd.Main([]string{"--format", "sarif"}); st != exitFindings {
		t.Fatalf("status %d, want 1\n%s", st, stderr.String())
	}
	sarif := stdout.String()
	for _, want := range []string{`"relatedLocations"`, `"fixes"`, `"HL101"`, `"HL203"`, `"HL004"`, `"HL301"`, `"HL003"`} {
		if !strings.Contains(sarif, want) {
			t.Fatalf("the SARIF has no %s: the sample no longer covers it", want)
		}
	}
	in := filepath.Join(t.TempDir(), "hooklint.sarif")
	if err := os.WriteFile(in, stdout.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "validation.sarif")
	v := exec.Command(tool, "validate", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note", "--output", out, in)
	report, err := v.CombinedOutput()
	t.Logf("%s validate:\n%s", filepath.Base(tool), report)
	if err != nil {
		t.Fatalf("the validator failed: %v", err)
	}
	if bad := regexp.MustCompile(`(?m)^.*: (error|warning) [A-Z]+[0-9]+: .*$`).FindAllString(string(report), -1); len(bad) > 0 {
		t.Errorf("the validator reports:\n%s", strings.Join(bad, "\n"))
	}
	if !strings.Contains(string(report), "Analysis completed successfully") {
		t.Errorf("the validator did not complete")
	}
}
