//go:build unix

package project

import (
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"time"
)

func TestFIFOIsNotOpened(t *testing.T) {
	for _, name := range []string{"config/deploy.yml", "Gemfile.lock", "config/deploy.staging.yml"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, filepath.Join(root, "config", "deploy.yml.keep"), "")
			if name != "config/deploy.yml" {
				writeFile(t, filepath.Join(root, "config", "deploy.yml"), "service: app\n")
			}
			if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(name)), 0o644); err != nil {
				t.Fatalf("mkfifo: %v", err)
			}
			p := loadWithin(t, root, 10*time.Second)
			p.ConfigFor("staging")
			want := []Problem{{File: name, Message: "not a regular file (a named pipe); not read"}}
			if !reflect.DeepEqual(p.Problems, want) {
				t.Errorf("Problems = %v, want %v", p.Problems, want)
			}
		})
	}
}

// TestListedFileReplacedByFIFO reads, as a listed regular file, a FIFO that took the
// file's place after the listing: the open must not wait for a writer, and the FIFO is
// refused.
func TestListedFileReplacedByFIFO(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".kamal", "hooks", "keep"), "")
	name := filepath.Join(root, ".kamal", "hooks", "post-deploy")
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	p := loadWithin(t, root, 10*time.Second)
	done := make(chan error, 1)
	go func() {
		_, _, err := p.ReadListedFile(name, 1<<20)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || err.Error() != "not a regular file; not read" {
			t.Errorf("error = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a FIFO listed as a regular file did not return")
	}
}
