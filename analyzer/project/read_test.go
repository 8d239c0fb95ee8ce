package project

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadAtMost reads contents whose described size is right, too small, too large or
// unknown, at limits below, at and above their length: the size a file was described with
// is what is read of it, unless it is unknown (zero).
func TestReadAtMost(t *testing.T) {
	content := strings.Repeat("0123456789", 100) // 1,000 bytes
	for _, tc := range []struct {
		size, limit int64
		want        int // bytes returned
	}{
		{size: 1000, limit: 4096, want: 1000},
		{size: 10, limit: 4096, want: 10},     // the file grew since it was described
		{size: 5000, limit: 4096, want: 1000}, // it shrank
		{size: 0, limit: 4096, want: 1000},
		{size: -1, limit: 4096, want: 1000},
		{size: 1000, limit: 1000, want: 1000},
		{size: 0, limit: 999, want: 1000}, // one byte past the limit says "too large"
		{size: 0, limit: 10, want: 11},
		{size: 0, limit: 0, want: 1},
	} {
		for _, r := range []io.Reader{strings.NewReader(content), iotest.OneByteReader(strings.NewReader(content)), iotest.HalfReader(strings.NewReader(content))} {
			got, err := readAtMost(r, tc.size, tc.limit)
			if err != nil || len(got) != tc.want || !bytes.Equal(got, []byte(content[:tc.want])) {
				t.Errorf("size %d, limit %d: read %d bytes (%v), want %d", tc.size, tc.limit, len(got), err, tc.want)
			}
		}
	}
	boom := errors.New("boom")
	if _, err := readAtMost(iotest.ErrReader(boom), 10, 100); !errors.Is(err, boom) {
		t.Errorf("error = %v, want %v", err, boom)
	}
}

// TestReadListedFile reads a hook its folder listed as a regular file, with the open
// file's mode; when the listing is stale (a directory or nothing stands there now) it still
// refuses what ReadFile refuses.
func TestReadListedFile(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".kamal", "hooks", "post-deploy"), "#!/bin/sh\necho hi\n")
	writeFile(t, filepath.Join(root, ".kamal", "hooks", "pre-deploy", "keep"), "")
	p, err := Load(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hook := p.Path(".kamal/hooks/post-deploy")
	got, mode, err := p.ReadListedFile(hook, 1<<20)
	if err != nil || string(got) != "#!/bin/sh\necho hi\n" || mode != p.FileMode(hook) {
		t.Errorf("post-deploy: %q, mode %v, %v", got, mode, err)
	}
	if _, _, err := p.ReadListedFile(p.Path(".kamal/hooks/pre-deploy"), 1<<20); err == nil {
		t.Error("a directory listed as a regular file was read")
	}
	if _, _, err := p.ReadListedFile(p.Path(".kamal/hooks/gone"), 1<<20); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, _, err := p.ReadListedFile(hook, 4); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("over the limit: %v", err)
	}
}

// TestHooksFolder checks that Load lists the hooks folder once for everyone, and says when
// there is none.
func TestHooksFolder(t *testing.T) {
	root := t.TempDir()
	p, err := Load(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if entries, err := p.HooksFolder(); len(entries) != 0 || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no hooks folder: %v, %v", entries, err)
	}
	writeFile(t, filepath.Join(root, "ops", "hooks", "pre-deploy"), "")
	writeFile(t, filepath.Join(root, "ops", "hooks", "post-deploy"), "")
	writeFile(t, filepath.Join(root, "config", "deploy.yml"), "service: app\nhooks_path: ops/hooks\n")
	if p, err = Load(root, Options{}); err != nil {
		t.Fatal(err)
	}
	entries, err := p.HooksFolder()
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if err != nil || strings.Join(names, " ") != "post-deploy pre-deploy" {
		t.Errorf("hooks_path ops/hooks: %v, %v", names, err)
	}
}

// TestSecretNames reads the names the secrets and dotenv files assign, and only theirs.
func TestSecretNames(t *testing.T) {
	p := loadFiles(t, map[string]string{
		".kamal/secrets":           "KAMAL_REGISTRY_PASSWORD=$KAMAL_REGISTRY_PASSWORD\n# COMMENTED=1\nRAILS_MASTER_KEY=$(cat config/master.key)\n",
		".kamal/secrets-common":    "export SHARED = x\n",
		".kamal/secrets.staging":   "STAGING_ONLY=1\nRAILS_MASTER_KEY=dup\n",
		".kamal/secrets_old":       "NOT_READ=1\n",
		".env":                     "DATABASE_URL=postgres://\n1BAD=x\nBAD-NAME=x\n",
		".env.production":          "KAMAL_CUSTOM=1\n",
		".envrc":                   "NOT_READ_EITHER=1\n",
		".kamal/hooks/post-deploy": "#!/bin/sh\n",
	})
	want := "DATABASE_URL KAMAL_CUSTOM KAMAL_REGISTRY_PASSWORD RAILS_MASTER_KEY SHARED STAGING_ONLY"
	if got := strings.Join(p.SecretNames(), " "); got != want {
		t.Errorf("SecretNames = %s, want %s", got, want)
	}
}
