package analyzer

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// writeIndexEntry appends one index entry of the given version; prev is the previous
// entry's path (version 4 compresses paths against it).
func writeIndexEntry(b []byte, version int, path, prev string, mode uint32, stage uint16) []byte {
	start := len(b)
	b = append(b, make([]byte, 40+20)...)
	binary.BigEndian.PutUint32(b[start+24:], mode)
	flags := stage<<12 | uint16(min(len(path), 0xfff))
	b = binary.BigEndian.AppendUint16(b, flags)
	if version == 4 {
		common := 0
		for common < len(prev) && common < len(path) && prev[common] == path[common] {
			common++
		}
		strip := len(prev) - common
		if strip > 127 {
			panic("test paths too long")
		}
		b = append(b, byte(strip))
		b = append(b, path[common:]...)
		return append(b, 0)
	}
	b = append(b, path...)
	pad := 8 - (len(b)-start)%8
	return append(b, make([]byte, pad)...)
}

func buildIndex(version int, entries [][2]any) []byte {
	b := []byte("DIRC")
	b = binary.BigEndian.AppendUint32(b, uint32(version))
	b = binary.BigEndian.AppendUint32(b, uint32(len(entries)))
	prev := ""
	for _, e := range entries {
		b = writeIndexEntry(b, version, e[0].(string), prev, e[1].(uint32), 0)
		prev = e[0].(string)
	}
	return append(b, make([]byte, 20)...) // checksum, not verified
}

// TestGitIndex reads indexes of every version and looks files up from a project below the
// repository's top directory.
func TestGitIndex(t *testing.T) {
	entries := [][2]any{
		{"app/.kamal/hooks/post-deploy", uint32(0o100644)},
		{"app/.kamal/hooks/pre-deploy", uint32(0o100755)},
		{"app/.kamal/hooks/pre-connect", uint32(0o120000)},
		{"app/config/deploy.yml", uint32(0o100644)},
	}
	for _, version := range []int{2, 3, 4} {
		top := t.TempDir()
		if err := os.MkdirAll(filepath.Join(top, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(top, "app", ".kamal", "hooks"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(top, ".git", "index"), buildIndex(version, entries), 0o644); err != nil {
			t.Fatal(err)
		}
		ix := findGitIndex(filepath.Join(top, "app"))
		if ix == nil || ix.err != nil {
			t.Fatalf("v%d: index %+v", version, ix)
		}
		hooks := filepath.Join(top, "app", ".kamal", "hooks")
		for name, want := range map[string]GitStatus{
			"post-deploy": GitRegular, "pre-deploy": GitExecutable, "pre-connect": GitOther, "pre-build": GitUntracked,
		} {
			if got := ix.status(filepath.Join(hooks, name)); got != want {
				t.Errorf("v%d: %s: status %d, want %d", version, name, got, want)
			}
		}
	}
}

// TestGitIndexWorktreeAndErrors covers a .git file (a worktree), no repository and a
// corrupt index.
func TestGitIndexWorktreeAndErrors(t *testing.T) {
	dir := t.TempDir()
	gitdir := filepath.Join(dir, "main.git", "worktrees", "wt")
	work := filepath.Join(dir, "wt")
	for _, d := range []string{gitdir, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(work, ".git"), []byte("gitdir: ../main.git/worktrees/wt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(gitdir, "index"), buildIndex(2, [][2]any{{"hook", uint32(0o100755)}}), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := findGitIndex(work).status(filepath.Join(work, "hook")); got != GitExecutable {
		t.Errorf("worktree: status %d", got)
	}
	if err := os.WriteFile(filepath.Join(gitdir, "index"), []byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x05junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := findGitIndex(work).status(filepath.Join(work, "hook")); got != GitUnknown {
		t.Errorf("corrupt index: status %d", got)
	}
	var none *gitIndex
	if got := none.status("/x"); got != GitUntracked {
		t.Errorf("no repository: status %d", got)
	}
}

// TestGitIndexesShared checks that the projects of one repository share one index read
// once, that a directory outside any repository has none, and that lookups from many
// goroutines agree (run with -race).
func TestGitIndexesShared(t *testing.T) {
	top := t.TempDir()
	for _, d := range []string{".git", "apps/a/.kamal/hooks", "apps/b/.kamal/hooks"} {
		if err := os.MkdirAll(filepath.Join(top, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	entries := [][2]any{{"apps/a/.kamal/hooks/post-deploy", uint32(0o100755)}, {"apps/b/.kamal/hooks/post-deploy", uint32(0o100644)}}
	if err := os.WriteFile(filepath.Join(top, ".git", "index"), buildIndex(2, entries), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	indexes := NewGitIndexes()
	a, b := filepath.Join(top, "apps", "a"), filepath.Join(top, "apps", "b")
	var wg sync.WaitGroup
	got := make([]*gitIndex, 16)
	for i := range got {
		wg.Go(func() { got[i] = indexes.find([]string{a, b}[i%2]) })
	}
	wg.Wait()
	for i, ix := range got {
		if ix == nil || ix != got[0] {
			t.Fatalf("lookup %d: index %p, want the one index %p", i, ix, got[0])
		}
	}
	if s := got[0].status(filepath.Join(a, ".kamal", "hooks", "post-deploy")); s != GitExecutable {
		t.Errorf("a: status %d", s)
	}
	if s := got[0].status(filepath.Join(b, ".kamal", "hooks", "post-deploy")); s != GitRegular {
		t.Errorf("b: status %d", s)
	}
	if ix := indexes.find(outside); ix != nil && ix.top == top {
		t.Errorf("outside: index of %s", ix.top)
	}
}
