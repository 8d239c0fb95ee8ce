//go:build unix

package driver

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestConfigErrorStopsTheRun checks that with several projects the first configuration
// that cannot be used, in the order of the paths, is the run's error, before any project is
// checked: a .hooklint.yml that is a FIFO in a later project is never opened (opening one
// for reading waits for a writer), and is refused when it is the first.
func TestConfigErrorStopsTheRun(t *testing.T) {
	hook := "#!/bin/sh\nkamal app boot\n"
	root := writeTree(t, t.TempDir(), map[string]string{
		"a/.kamal/hooks/pre-deploy": hook, "b/.kamal/hooks/pre-deploy": hook, "c/.kamal/hooks/pre-deploy": hook,
		"b/.hooklint.yml": "rules: [\n",
	})
	if err := syscall.Mkfifo(filepath.Join(root, "c", ".hooklint.yml"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	for _, tc := range []struct {
		paths []string
		want  string
	}{
		{[]string{"a", "b", "c"}, "b/.hooklint.yml:1: cannot parse YAML"},
		{[]string{"c", "b"}, "c/.hooklint.yml: cannot read the configuration: not a regular file (a named pipe); not read"},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := Run(Options{Dir: root, Paths: tc.paths})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("%v: error %v, want %q", tc.paths, err, tc.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: the run did not return", tc.paths)
		}
	}
}
