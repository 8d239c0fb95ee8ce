//go:build unix

package analyzer

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestGitIndexFIFO checks that a FIFO where git keeps its index, or standing as .git
// itself, is never opened: the lookup returns at once, with the status unknown.
func TestGitIndexFIFO(t *testing.T) {
	for _, fifo := range []string{".git/index", ".git"} {
		top := t.TempDir()
		if err := os.MkdirAll(filepath.Join(top, filepath.Dir(fifo)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(top, fifo), 0o644); err != nil {
			t.Fatalf("mkfifo: %v", err)
		}
		done := make(chan GitStatus, 1)
		go func() { done <- findGitIndex(top).status(filepath.Join(top, "hook")) }()
		select {
		case got := <-done:
			if got != GitUnknown {
				t.Errorf("%s a FIFO: status %d, want unknown", fifo, got)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s a FIFO: the lookup did not return", fifo)
		}
	}
}
