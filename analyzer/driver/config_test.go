package driver

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/config"
	"github.com/hooklint/hooklint/rules"
)

// TestRunConfig checks how a project's .hooklint.yml, or --config, feeds the run, and that
// the options override it.
func TestRunConfig(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		opts     Options
		want     []string // "file rule severity" of each finding
		kamal    analyzer.KamalVersion
		outcome  Outcome
		hooksDir string
		err      string
	}{
		{
			name:    "no configuration",
			files:   map[string]string{".kamal/hooks/post-deploy": hook},
			want:    []string{".kamal/hooks/post-deploy HL901 warning", ".kamal/hooks/post-deploy HL902 info"},
			outcome: Findings,
		},
		{
			name: "every key",
			files: map[string]string{
				".hooklint.yml":       "kamal-version: 2.5.3\nrules: {HL901: off, mark-default: error}\nignore: [bin/hooks/*.old]\nhooks-path: bin/hooks\nfailure-threshold: error\n",
				"bin/hooks/pre-build": hook, "bin/hooks/pre-build.old": hook,
			},
			want:     []string{"bin/hooks/pre-build HL902 error"},
			kamal:    analyzer.KamalVersion{Version: "2.5.3", Source: ".hooklint.yml"},
			outcome:  Findings,
			hooksDir: "bin/hooks",
		},
		{
			name:    "the failure threshold of the file",
			files:   map[string]string{".hooklint.yml": "failure-threshold: error\n", ".kamal/hooks/post-deploy": hook},
			want:    []string{".kamal/hooks/post-deploy HL901 warning", ".kamal/hooks/post-deploy HL902 info"},
			outcome: Clean,
		},
		{
			name:    "options override the file",
			files:   map[string]string{".hooklint.yml": "kamal-version: 2.5.3\nfailure-threshold: error\nrules: {HL901: off, HL902: error}\n", ".kamal/hooks/post-deploy": hook},
			opts:    Options{KamalVersion: "2.12.0", FailureThreshold: analyzer.SeverityInfo, RuleSeverity: map[string]string{"mark-warning": "info"}},
			want:    []string{".kamal/hooks/post-deploy HL901 info", ".kamal/hooks/post-deploy HL902 error"},
			kamal:   analyzer.KamalVersion{Version: "2.12.0", Source: "flag"},
			outcome: Findings,
		},
		{
			name:     "deploy.yml's hooks_path wins over the file's",
			files:    map[string]string{".hooklint.yml": "hooks-path: bin/hooks\n", "config/deploy.yml": "hooks_path: hooks\n", "hooks/post-deploy": hook, "bin/hooks/post-deploy": hook},
			want:     []string{"hooks/post-deploy HL901 warning", "hooks/post-deploy HL902 info"},
			outcome:  Findings,
			hooksDir: "hooks",
		},
		{
			name:  "--config names another file",
			files: map[string]string{"conf/lint.yml": "rules: {HL901: off, HL902: off}\n", ".hooklint.yml": "bad: key\n", ".kamal/hooks/post-deploy": hook},
			opts:  Options{ConfigFile: "conf/lint.yml"},
		},
		{
			name:  "a directive about a rule set off is not judged",
			files: map[string]string{".hooklint.yml": "rules: {HL901: off}\n", ".kamal/hooks/post-deploy": "# hooklint disable-file=HL901\n" + hook},
			want:  []string{".kamal/hooks/post-deploy HL902 info"},
		},
		{
			name:  "a broken file",
			files: map[string]string{".hooklint.yml": "rules:\n  HL999: off\n", ".kamal/hooks/post-deploy": hook},
			err:   `.hooklint.yml:2: rules: no rule is named "HL999"`,
		},
		{
			name:  "a missing --config",
			files: map[string]string{".kamal/hooks/post-deploy": hook},
			opts:  Options{ConfigFile: "missing.yml"},
			err:   "missing.yml: cannot read the configuration: no such file or directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, t.TempDir(), tt.files)
			opts := tt.opts
			opts.Dir = dir
			opts.Rules = append(testRules(), rules.UnusedSuppression())
			rep, err := Run(opts)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				var ce *config.Error
				if strings.Contains(tt.err, ".yml:2:") && !errors.As(err, &ce) {
					t.Errorf("error %T is no *config.Error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range rep.Diagnostics {
				got = append(got, d.File+" "+d.Rule+" "+d.Severity.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings = %q, want %q", got, tt.want)
			}
			if k := rep.Projects[0].Kamal; k != tt.kamal {
				t.Errorf("kamal = %+v, want %+v", k, tt.kamal)
			}
			if o := rep.Outcome(0); o != tt.outcome {
				t.Errorf("outcome = %d, want %d", o, tt.outcome)
			}
			if hd := cmp.Or(tt.hooksDir, ".kamal/hooks"); rep.Projects[0].Project.HooksPath != hd {
				t.Errorf("hooks path = %s, want %s", rep.Projects[0].Project.HooksPath, hd)
			}
		})
	}
}
