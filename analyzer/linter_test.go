package analyzer_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
)

// TestDiscoverHooksMode checks that every hook found carries its file mode: the target's
// for a symbolic link, the link's own when the target is missing.
func TestDiscoverHooksMode(t *testing.T) {
	root := t.TempDir()
	hooks := filepath.Join(root, ".kamal", "hooks")
	if err := os.MkdirAll(filepath.Join(hooks, "subdir"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, mode fs.FileMode) {
		if err := os.WriteFile(filepath.Join(hooks, name), []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(hooks, name), mode); err != nil { // past the umask
			t.Fatal(err)
		}
	}
	write("post-deploy", 0o755)
	write("pre-deploy", 0o644)
	write("pre-build.sample", 0o755)
	if err := os.Symlink("post-deploy", filepath.Join(hooks, "pre-connect")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing", filepath.Join(hooks, "post-app-boot")); err != nil {
		t.Fatal(err)
	}
	p, err := project.Load(root, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inputs, probs := analyzer.DiscoverHooks(p)
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := map[string]fs.FileMode{
		".kamal/hooks/post-app-boot": fs.ModeSymlink | 0o777,
		".kamal/hooks/post-deploy":   0o755,
		".kamal/hooks/pre-connect":   0o755,
		".kamal/hooks/pre-deploy":    0o644,
	}
	if len(inputs) != len(want) {
		t.Fatalf("inputs = %+v, want %d", inputs, len(want))
	}
	for _, in := range inputs {
		w, ok := want[in.File]
		if !ok {
			t.Errorf("unexpected input %s", in.File)
			continue
		}
		// A regular file is listed and its mode read with it, as the linter reads it; a
		// link is described when found.
		got := in.Mode
		if regular := w.Type() == 0 && !strings.HasSuffix(in.File, "pre-connect"); in.Listed != regular || regular && got != 0 {
			t.Errorf("%s: Listed = %v with Mode %v, want %v", in.File, in.Listed, got, regular)
		}
		if in.Listed {
			if _, got, err = p.ReadListedFile(in.Path, 1<<20); err != nil {
				t.Errorf("%s: %v", in.File, err)
			}
		}
		// A symbolic link's own permission bits depend on the system; compare its type.
		if got.Type() != w.Type() || (w.Type() == 0 && got.Perm() != w.Perm()) {
			t.Errorf("%s: Mode = %v, want %v", in.File, got, w)
		}
	}
}

// TestFileMode checks FileMode on a file, a missing file and a directory.
func TestFileMode(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "hook")
	if err := os.WriteFile(name, nil, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := analyzer.FileMode(name); got.Perm() != 0o700 || !got.IsRegular() {
		t.Errorf("FileMode(file) = %v", got)
	}
	if got := analyzer.FileMode(filepath.Join(dir, "missing")); got != 0 {
		t.Errorf("FileMode(missing) = %v", got)
	}
	if got := analyzer.FileMode(dir); !got.IsDir() {
		t.Errorf("FileMode(dir) = %v", got)
	}
}
