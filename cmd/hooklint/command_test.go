package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestColor checks that text output is coloured only on a terminal and never with NO_COLOR.
func TestColor(t *testing.T) {
	dir := t.TempDir()
	hooks := filepath.Join(dir, ".kamal", "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hooks, "post-deploy"), []byte("#!/bin/sh\nkamal accessory reboot db\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		terminal bool
		noColor  string
		want     bool
	}{
		{"terminal", true, "", true},
		{"pipe", false, "", false},
		{"terminal with NO_COLOR", true, "1", false},
		{"pipe with NO_COLOR", false, "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := &Command{
				Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Dir: dir,
				Getenv:   func(k string) string { return map[string]string{"NO_COLOR": tt.noColor}[k] },
				Terminal: func() bool { return tt.terminal },
			}
			if code := cmd.Main([]string{"--kamal-version", "2.5.3"}); code != exitFindings {
				t.Fatalf("exit status %d, want %d; stderr: %s", code, exitFindings, stderr.String())
			}
			if got := bytes.Contains(stdout.Bytes(), []byte("\x1b[")); got != tt.want {
				t.Errorf("colour = %v, want %v:\n%q", got, tt.want, stdout.String())
			}
		})
	}
}

// TestExitStatusOrder checks that the most serious outcome decides the exit status while
// findings are still printed: an unreadable hook (3) beats a finding (1).
func TestExitStatusOrder(t *testing.T) {
	dir := t.TempDir()
	hooks := filepath.Join(dir, ".kamal", "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(hooks, "post-deploy"), []byte("#!/bin/sh\nkamal accessory reboot db\n"), 0o755)
	os.WriteFile(filepath.Join(hooks, "pre-deploy"), []byte("\x00\x01\x02"), 0o755)
	var stdout, stderr bytes.Buffer
	cmd := &Command{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Dir: dir}
	if code := cmd.Main([]string{"--kamal-version", "2.5.3", "--format", "gcc"}); code != exitFailure {
		t.Errorf("exit status %d, want %d", code, exitFailure)
	}
	if !strings.Contains(stdout.String(), "post-deploy:2:1: error:") {
		t.Errorf("the finding in the readable hook is missing:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), ".kamal/hooks/pre-deploy: binary file") {
		t.Errorf("the binary hook is not named:\n%s", stderr.String())
	}
}

// failingReader fails every read, as a closed or broken standard input does.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("input/output error") }

// TestStdinReadError checks that standard input that cannot be read is reported with exit
// status 3, and that the other paths are still checked.
func TestStdinReadError(t *testing.T) {
	dir := t.TempDir()
	hooks := filepath.Join(dir, ".kamal", "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hooks, "post-deploy"), []byte("#!/bin/sh\nkamal accessory reboot db\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--stdin-filename", ".kamal/hooks/pre-deploy", "-"},
		{"--stdin-filename", ".kamal/hooks/pre-deploy", "-", ".kamal/hooks/post-deploy"},
	} {
		var stdout, stderr bytes.Buffer
		cmd := &Command{Stdin: failingReader{}, Stdout: &stdout, Stderr: &stderr, Dir: dir}
		if code := cmd.Main(append([]string{"--kamal-version", "2.5.3", "--format", "gcc"}, args...)); code != exitFailure {
			t.Errorf("%q: exit status %d, want %d; stderr: %s", args, code, exitFailure, stderr.String())
		}
		if !strings.Contains(stderr.String(), "hooklint: standard input: input/output error") {
			t.Errorf("%q: stderr = %q", args, stderr.String())
		}
		if wantFinding := len(args) == 4; strings.Contains(stdout.String(), "post-deploy:2:1: error:") != wantFinding {
			t.Errorf("%q: stdout = %q", args, stdout.String())
		}
	}
}
