//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// nobody is the user the command runs as when the tests run as root, who reads any file
// whatever its mode.
const nobody = 65534

// TestUnreadableFiles checks files the command may not read: each is named on standard
// error, the other hooks are still analysed, and the exit status is the README's. As root
// the command runs in a subprocess as an unprivileged user, since root reads any file.
func TestUnreadableFiles(t *testing.T) {
	tests := []struct {
		name   string
		path   string // made unreadable (mode 0)
		status int
		stderr string
	}{
		{"hook", ".kamal/hooks/pre-deploy", exitFailure,
			`^hooklint: \.kamal/hooks/pre-deploy: cannot read: permission denied\n$`},
		{"deploy.yml", "config/deploy.yml", exitUsage,
			`^hooklint: config/deploy\.yml: cannot read: permission denied\n$`},
		{"destination file", "config/deploy.staging.yml", exitUsage,
			`^hooklint: config/deploy\.staging\.yml: cannot read: permission denied\n$`},
		{"Gemfile.lock", "Gemfile.lock", exitUsage,
			`^hooklint: Gemfile\.lock: cannot read: permission denied\n$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := publicDir(t)
			for name, content := range map[string]string{
				".kamal/hooks/post-deploy":  goodHook,
				".kamal/hooks/pre-deploy":   goodHook,
				"config/deploy.yml":         "service: app\nservers: [1.1.1.1]\n",
				"config/deploy.staging.yml": "servers: [2.2.2.2]\n",
				"Gemfile.lock":              "GEM\n  specs:\n    kamal (2.5.3)\n",
			} {
				writeFile(t, filepath.Join(root, filepath.FromSlash(name)), content, 0o755)
			}
			if err := os.Chmod(filepath.Join(root, filepath.FromSlash(tt.path)), 0); err != nil {
				t.Fatal(err)
			}
			// No --kamal-version: Gemfile.lock is read only without it.
			r := runUnprivileged(t, root, "--format", "gcc")
			if r.status != tt.status {
				t.Errorf("exit status %d, want %d; stderr:\n%s", r.status, tt.status, r.stderr)
			}
			if !regexp.MustCompile(tt.stderr).MatchString(r.stderr) {
				t.Errorf("standard error does not match %q:\n%s", tt.stderr, r.stderr)
			}
			if !strings.Contains(r.stdout, ".kamal/hooks/post-deploy:2:1: ") {
				t.Errorf("the readable hook's finding is missing:\n%s", r.stdout)
			}
		})
	}
}

// runUnprivileged runs the command in dir as a user who cannot read files of mode 0: in
// process when the tests do not run as root; else this test binary, copied where any user
// can run it, as the user nobody (the binary runs main when it is called hooklint).
func runUnprivileged(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if os.Geteuid() != 0 {
		return runMain(t, dir, strings.NewReader(""), args...)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run as an unprivileged user: %v", err)
	}
	bin := filepath.Join(publicDir(t), "hooklint")
	copyFile(t, exe, bin, 0o755)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=/", "NO_COLOR=1"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("hooklint %q still running after %v", args, runTimeout)
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return result{ee.ExitCode(), stdout.String(), stderr.String()}
	case err != nil:
		// Only a system that forbids changing the user stops here (no CAP_SETUID).
		t.Skipf("cannot run as uid %d: %v", nobody, err)
	}
	return result{0, stdout.String(), stderr.String()}
}

// publicDir returns a new directory that any user can read and search, removed when the
// test ends (t.TempDir's are private to the owner).
func publicDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "hooklint-public-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
