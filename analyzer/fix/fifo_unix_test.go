//go:build unix

package fix

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestWriteOverFIFO checks that a FIFO that took a linted file's place is left alone as a
// changed file, without waiting on it.
func TestWriteOverFIFO(t *testing.T) {
	name := filepath.Join(t.TempDir(), "post-deploy")
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	f := &File{File: "post-deploy", Path: name, Old: []byte("a\n"), New: []byte("b\n")}
	done := make(chan error, 1)
	go func() { done <- f.Write() }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrChanged) {
			t.Errorf("Write = %v, want ErrChanged", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Write over a FIFO did not return")
	}
}
