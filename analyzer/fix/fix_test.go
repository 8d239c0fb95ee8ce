package fix

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/driver"
)

// project writes a Kamal 2.5.3 project with a staging destination and the given hooks
// (mode 0755) and returns its root.
func project(t *testing.T, hooks map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"Gemfile.lock":              "GEM\n  specs:\n    kamal (2.5.3)\n",
		"config/deploy.yml":         "service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\naccessories:\n  db:\n    image: postgres:16\n    host: 10.0.0.3\n",
		"config/deploy.staging.yml": "servers:\n  - 10.1.0.1\n",
	}
	for name, src := range hooks {
		files[".kamal/hooks/"+name] = src
	}
	for name, src := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func run(t *testing.T, opts driver.Options) (*driver.Report, *Result) {
	t.Helper()
	rep, err := driver.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep, Plan(rep, opts)
}

// TestPlan checks the fixed text of each safe kind of suggestion, and that a second plan
// over the fixed files finds nothing more to do.
func TestPlan(t *testing.T) {
	tests := []struct {
		name, src, want string
		kamal           string
		fixed, skipped  int
	}{
		{
			name:  "guard and destination",
			src:   "#!/bin/sh\nkamal accessory reboot db\n",
			want:  "#!/bin/sh\nif [ \"$KAMAL_COMMAND\" != setup ]; then\n  kamal accessory reboot -d \"$KAMAL_DESTINATION\" db\nfi\n",
			fixed: 2,
		},
		{
			name:    "edits at one place: the second waits",
			src:     "#!/bin/sh\nkamal app boot\n",
			want:    "#!/bin/sh\nif [ \"$KAMAL_COMMAND\" != setup ]; then\n  kamal app boot\nfi\n",
			fixed:   1,
			skipped: 1,
		},
		{
			name:  "keep-lock",
			kamal: "2.7.0",
			src:   "#!/bin/sh\nsudo kamal app boot -d \"$KAMAL_DESTINATION\"\ndocker run --rm ghcr.io/basecamp/kamal:2.7.0 app boot -d \"$KAMAL_DESTINATION\"\n",
			want:  "#!/bin/sh\nsudo --preserve-env=KAMAL_LOCK kamal app boot -d \"$KAMAL_DESTINATION\"\ndocker run -e KAMAL_LOCK --rm ghcr.io/basecamp/kamal:2.7.0 app boot -d \"$KAMAL_DESTINATION\"\n",
			fixed: 2,
		},
		{
			name:  "line endings",
			src:   "#!/bin/sh\r\necho \"é $KAMAL_VERSION\"\r\n",
			want:  "#!/bin/sh\necho \"é $KAMAL_VERSION\"\n",
			fixed: 1,
		},
		{
			name:  "byte order mark",
			src:   "\uFEFF#!/bin/sh\necho hi\n",
			want:  "#!/bin/sh\necho hi\n",
			fixed: 1,
		},
		{
			name:  "bash syntax under /bin/sh",
			src:   "#!/bin/sh\n[[ -n \"$KAMAL_HOSTS\" ]] && echo on\n",
			want:  "#!/usr/bin/env bash\n[[ -n \"$KAMAL_HOSTS\" ]] && echo on\n",
			fixed: 1,
		},
		{
			name: "nothing safe: split, docker and upgrade carry no edits",
			src:  "#!/bin/sh\n[ \"$KAMAL_COMMAND\" = setup ] && exit 0\nkamal app boot -d \"$KAMAL_DESTINATION\"\n",
			want: "#!/bin/sh\n[ \"$KAMAL_COMMAND\" = setup ] && exit 0\nkamal app boot -d \"$KAMAL_DESTINATION\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := project(t, map[string]string{"post-deploy": tt.src})
			opts := driver.Options{Dir: root, KamalVersion: tt.kamal}
			_, res := run(t, opts)
			if len(res.Failures) > 0 {
				t.Fatalf("failures: %v", res.Failures)
			}
			if tt.fixed == 0 {
				if len(res.Files) != 0 {
					t.Fatalf("files = %d, want none", len(res.Files))
				}
				return
			}
			if len(res.Files) != 1 {
				t.Fatalf("files = %d, want 1", len(res.Files))
			}
			f := res.Files[0]
			if string(f.New) != tt.want {
				t.Errorf("fixed text:\n%s\nwant:\n%s", f.New, tt.want)
			}
			if len(f.Fixed) != tt.fixed || len(f.Skipped) != tt.skipped {
				t.Errorf("fixed %d, skipped %d; want %d, %d", len(f.Fixed), len(f.Skipped), tt.fixed, tt.skipped)
			}
			if err := f.Write(); err != nil {
				t.Fatal(err)
			}
			// A second round fixes what was skipped; the third finds nothing.
			for round := 2; round <= 3; round++ {
				_, res := run(t, opts)
				n := len(res.Files)
				if round == 2 && tt.skipped > 0 {
					if n != 1 || len(res.Files[0].Fixed) != tt.skipped {
						t.Fatalf("round 2: %d files, want the skipped finding fixed", n)
					}
					if err := res.Files[0].Write(); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if n != 0 {
					t.Fatalf("round %d changes %s again:\n%s", round, res.Files[0].File, res.Files[0].Diff())
				}
			}
		})
	}
}

// TestWrite checks that a fixed file keeps its mode, that a symbolic link stays a link to
// the fixed file, that no temporary file is left, and that a file changed since it was
// linted is left alone.
func TestWrite(t *testing.T) {
	root := project(t, map[string]string{})
	real := filepath.Join(root, "bin", "post-deploy")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("#!/bin/sh\r\necho hi\r\n"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(real, 0o750); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, ".kamal", "hooks", "post-deploy")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../bin/post-deploy", link); err != nil {
		t.Fatal(err)
	}
	_, res := run(t, driver.Options{Dir: root})
	if len(res.Files) != 1 {
		t.Fatalf("files = %d, want 1 (failures %v)", len(res.Files), res.Failures)
	}
	if err := res.Files[0].Write(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the hook is no longer a symbolic link: %v", err)
	}
	info, err := os.Stat(real)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o750 {
		t.Errorf("mode = %o, want 750", info.Mode().Perm())
	}
	if got, _ := os.ReadFile(real); string(got) != "#!/bin/sh\necho hi\n" {
		t.Errorf("content = %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(real))
	if len(entries) != 1 {
		t.Errorf("files left beside the hook: %v", entries)
	}

	// A file that changed after it was linted is not overwritten.
	if err := os.WriteFile(real, []byte("#!/bin/sh\r\necho hi\r\n"), 0o750); err != nil {
		t.Fatal(err)
	}
	_, res = run(t, driver.Options{Dir: root})
	if err := os.WriteFile(real, []byte("#!/bin/sh\r\necho changed\r\n"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := res.Files[0].Write(); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Errorf("Write over a changed file: %v", err)
	}
}

// TestVerify checks that a fix that breaks the hook, or leaves its finding, is refused.
func TestVerify(t *testing.T) {
	mark := func(newText string) *analyzer.Rule {
		return &analyzer.Rule{
			ID: "HL990", Name: "mark", Severity: analyzer.SeverityWarning, Summary: "a line that says MARK",
			Run: func(p *analyzer.Pass) {
				off := 0
				for _, line := range strings.SplitAfter(string(p.Hook.Src), "\n") {
					start := p.Hook.Position(off)
					off += len(line)
					if strings.Contains(line, "MARK") {
						p.Report(analyzer.Diagnostic{
							Span:        analyzer.Span{Start: start, End: start},
							Message:     "MARK",
							Suggestions: []analyzer.Suggestion{{Kind: "guard", Edits: []analyzer.TextEdit{{Span: analyzer.Span{Start: start, End: start}, NewText: newText}}}},
						})
					}
				}
			},
		}
	}
	tests := []struct{ name, newText, want string }{
		{"does not parse", "if (\n", "does not parse"},
		{"does not remove the finding", "# still MARK\n", "does not remove HL990"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := project(t, map[string]string{"post-deploy": "#!/bin/sh\necho MARK\n"})
			rules := []*analyzer.Rule{mark(tt.newText), {ID: "HL001", Name: "parse-error", Severity: analyzer.SeverityError, Summary: "x", Run: parseErrors}}
			_, res := run(t, driver.Options{Dir: root, Rules: rules})
			if len(res.Files) != 0 || len(res.Failures) != 1 || !strings.Contains(res.Failures[0].Reason, tt.want) {
				t.Fatalf("files %d, failures %v; want one failure saying %q", len(res.Files), res.Failures, tt.want)
			}
		})
	}
}

func parseErrors(p *analyzer.Pass) {
	for _, e := range p.Hook.SyntaxErrors {
		p.Report(analyzer.Diagnostic{Span: analyzer.Span{Start: e.Pos, End: e.Pos}, Message: "syntax"})
	}
}

// TestDiff checks the unified diff's file names.
func TestDiff(t *testing.T) {
	f := &File{File: ".kamal/hooks/post-deploy", Old: []byte("a\nb\n"), New: []byte("a\nc\n")}
	got := string(f.Diff())
	for _, want := range []string{"--- a/.kamal/hooks/post-deploy\n", "+++ b/.kamal/hooks/post-deploy\n", "-b\n+c\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("diff lacks %q:\n%s", want, got)
		}
	}
	if !bytes.HasPrefix(f.Diff(), []byte("diff a/")) {
		t.Errorf("diff starts %q", got[:10])
	}
}
