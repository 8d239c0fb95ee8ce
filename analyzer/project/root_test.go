package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestFindRoot(t *testing.T) {
	tests := []struct {
		name  string
		dirs  []string          // directories to create
		files map[string]string // files to create
		start string
		want  string
	}{
		{"deploy.yml above", []string{"app/lib/deep"}, map[string]string{"app/config/deploy.yml": ""}, "app/lib/deep", "app"},
		{"deploy.yml here", nil, map[string]string{"config/deploy.yml": ""}, ".", "."},
		{".kamal directory", []string{"app/.kamal/hooks", "app/sub"}, nil, "app/sub", "app"},
		{".kamal file does not count", []string{"repo/.git", "repo/sub"}, map[string]string{"repo/sub/.kamal": ""}, "repo/sub", "repo"},
		{"nearest project wins over git root", []string{"mono/.git", "mono/apps/web/src"},
			map[string]string{"mono/apps/web/config/deploy.yml": ""}, "mono/apps/web/src", "mono/apps/web"},
		{"git root", []string{"repo/.git", "repo/a/b"}, nil, "repo/a/b", "repo"},
		{".git file (worktree)", []string{"wt/a"}, map[string]string{"wt/.git": "gitdir: /elsewhere\n"}, "wt/a", "wt"},
		{"nothing: start itself", []string{"x/y"}, nil, "x/y", "x/y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Skipped if the machine's temp dir sits inside a Kamal project or git repository.
			tmp := t.TempDir()
			if above, err := FindRoot(tmp); err != nil || above != tmp {
				t.Skipf("temp dir %s is inside project %s (%v)", tmp, above, err)
			}
			for _, d := range tt.dirs {
				if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for name, content := range tt.files {
				writeFile(t, filepath.Join(tmp, name), content)
			}
			got, err := FindRoot(filepath.Join(tmp, tt.start))
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(tmp, tt.want); got != want {
				t.Errorf("FindRoot = %s, want %s", got, want)
			}
		})
	}
}

func TestFindRootRelativeAndErrors(t *testing.T) {
	tmp := t.TempDir()
	writeFile(t, filepath.Join(tmp, "config", "deploy.yml"), "")
	t.Chdir(filepath.Join(tmp, "config"))
	got, err := FindRoot(".")
	if err != nil || got != tmp {
		t.Errorf("FindRoot(.) = %q, %v; want %q", got, err, tmp)
	}
	if _, err := FindRoot(filepath.Join(tmp, "missing")); err == nil {
		t.Error("want an error for a missing start")
	}
	if _, err := FindRoot(filepath.Join(tmp, "config", "deploy.yml")); err == nil {
		t.Error("want an error for a file")
	}
}

func TestPathErrorCause(t *testing.T) {
	_, err := os.Stat(filepath.Join(t.TempDir(), "missing"))
	if got := PathErrorCause(err); got.Error() != "no such file or directory" {
		t.Errorf("PathErrorCause(%v) = %v", err, got)
	}
	wrapped := fmt.Errorf("reading: %w", err)
	if got := PathErrorCause(wrapped); got.Error() != "no such file or directory" {
		t.Errorf("PathErrorCause(%v) = %v", wrapped, got)
	}
	plain := errors.New("plain")
	if got := PathErrorCause(plain); got != plain {
		t.Errorf("PathErrorCause(%v) = %v", plain, got)
	}
}
