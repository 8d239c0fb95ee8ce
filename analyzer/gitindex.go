package analyzer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hooklint/hooklint/analyzer/project"
)

// GitStatus is what git's index records about a hook file. hooklint reads the index
// (.git/index) itself and never runs git.
type GitStatus int

const (
	// GitUnknown: not looked up (standard input), or the index could not be read.
	GitUnknown GitStatus = iota
	// GitUntracked: no repository around the file, or the index has no entry for it.
	GitUntracked
	// GitRegular: tracked as a regular file without the run bit (mode 100644).
	GitRegular
	// GitExecutable: tracked as an executable file (mode 100755).
	GitExecutable
	// GitOther: tracked as a symbolic link or a submodule.
	GitOther
)

// Tracked reports whether the index has an entry for the file.
func (s GitStatus) Tracked() bool { return s >= GitRegular }

// gitIndex is the part of a repository's index hooklint needs: the mode of each path.
type gitIndex struct {
	top   string            // the work tree's top directory, absolute
	modes map[string]uint32 // slash path relative to top -> mode
	err   error             // the index exists but could not be read
}

// GitIndexes finds and reads the git index of the repository around each directory asked
// about, once per repository: the projects of a monorepo share one index, which can be
// megabytes. It is safe for concurrent use. It remembers what it read, so it belongs to one
// run: a long-lived caller (an editor session) takes a new one for each check.
type GitIndexes struct {
	mu    sync.Mutex
	byDir map[string]*gitDirEntry
}

// gitDirEntry is what a directory resolves to: the index of the repository that contains
// it, computed once.
type gitDirEntry struct {
	once sync.Once
	ix   *gitIndex
}

// NewGitIndexes returns an empty cache.
func NewGitIndexes() *GitIndexes { return &GitIndexes{byDir: map[string]*gitDirEntry{}} }

// find returns the index of the repository that contains dir (absolute and clean): nil when
// there is none.
func (c *GitIndexes) find(dir string) *gitIndex {
	c.mu.Lock()
	e, ok := c.byDir[dir]
	if !ok {
		e = &gitDirEntry{}
		c.byDir[dir] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		if ix, found := readGitIndexAt(dir); found {
			e.ix = ix
		} else if parent := filepath.Dir(dir); parent != dir {
			e.ix = c.find(parent)
		}
	})
	return e.ix
}

// findGitIndex reads the index of the repository that contains dir: nil when there is none.
func findGitIndex(dir string) *gitIndex { return NewGitIndexes().find(filepath.Clean(dir)) }

// readGitIndexAt reads the index of the repository whose work tree's top is d; found is
// false when d has no .git.
func readGitIndexAt(d string) (ix *gitIndex, found bool) {
	dotgit := filepath.Join(d, ".git")
	info, err := os.Stat(dotgit)
	if err != nil {
		return nil, false
	}
	gitdir := dotgit
	if !info.IsDir() {
		// A worktree or submodule: ".git" is a file "gitdir: PATH".
		data, err := project.ReadFile(dotgit, 1<<20)
		if err != nil {
			return &gitIndex{top: d, err: err}, true
		}
		p, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
		if !ok {
			return &gitIndex{top: d, err: errors.New("unrecognised .git file")}, true
		}
		gitdir = strings.TrimSpace(p)
		if !filepath.IsAbs(gitdir) {
			gitdir = filepath.Join(d, gitdir)
		}
	}
	ix = &gitIndex{top: d}
	data, err := project.ReadBinaryFile(filepath.Join(gitdir, "index"), maxGitIndex)
	switch {
	case errors.Is(err, os.ErrNotExist):
		ix.modes = map[string]uint32{} // a repository with nothing staged
	case err != nil:
		ix.err = err
	default:
		ix.modes, ix.err = parseGitIndex(data, hashSize(gitdir))
	}
	return ix, true
}

// maxGitIndex bounds the index read: a work tree of a million files has an index of some
// hundred megabytes.
const maxGitIndex = 512 << 20

// hashSize is the object name length of a repository: 32 bytes with
// extensions.objectFormat = sha256, else 20 (SHA-1).
func hashSize(gitdir string) int {
	data, err := project.ReadFile(filepath.Join(gitdir, "config"), 1<<20)
	if err == nil && bytes.Contains(bytes.ToLower(data), []byte("objectformat = sha256")) {
		return 32
	}
	return 20
}

// status returns what the index records for the file at abs.
func (ix *gitIndex) status(abs string) GitStatus {
	if ix == nil {
		return GitUntracked
	}
	if ix.err != nil {
		return GitUnknown
	}
	rel, err := filepath.Rel(ix.top, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return GitUntracked
	}
	mode, ok := ix.modes[filepath.ToSlash(rel)]
	switch {
	case !ok:
		return GitUntracked
	case mode&0o170000 != 0o100000:
		return GitOther
	case mode&0o100 != 0:
		return GitExecutable
	}
	return GitRegular
}

var errBadIndex = errors.New("malformed git index")

// parseGitIndex reads the entries of a git index file, versions 2 to 4
// (https://git-scm.com/docs/index-format): stat data, mode, object name, flags and path.
// Only stage 0 entries count.
func parseGitIndex(data []byte, hashLen int) (map[string]uint32, error) {
	if len(data) < 12 || string(data[:4]) != "DIRC" {
		return nil, errBadIndex
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, errBadIndex
	}
	count := binary.BigEndian.Uint32(data[8:12])
	modes := make(map[string]uint32, min(count, 1<<16))
	off := 12
	prev := ""
	for range count {
		start := off
		fixed := 40 + hashLen + 2 // stat data and mode, object name, flags
		if off+fixed > len(data) {
			return nil, errBadIndex
		}
		mode := binary.BigEndian.Uint32(data[off+24 : off+28])
		flags := binary.BigEndian.Uint16(data[off+40+hashLen:])
		off += fixed
		if flags&0x4000 != 0 { // extended flags (version 3 and later)
			if version < 3 || off+2 > len(data) {
				return nil, errBadIndex
			}
			off += 2
		}
		var name string
		if version == 4 {
			// The path is the previous one less N trailing bytes, plus a NUL-terminated suffix.
			strip, n := gitVarint(data[off:])
			if n == 0 || strip > len(prev) {
				return nil, errBadIndex
			}
			off += n
			end := bytes.IndexByte(data[off:], 0)
			if end < 0 {
				return nil, errBadIndex
			}
			name = prev[:len(prev)-strip] + string(data[off:off+end])
			off += end + 1
		} else {
			end := bytes.IndexByte(data[off:], 0)
			if end < 0 {
				return nil, errBadIndex
			}
			name = string(data[off : off+end])
			// Entries are padded with 1 to 8 NULs to a multiple of eight bytes.
			off = start + (off-start+end+8)&^7
			if off > len(data) {
				return nil, errBadIndex
			}
		}
		prev = name
		if stage := (flags >> 12) & 3; stage == 0 {
			modes[name] = mode
		}
	}
	return modes, nil
}

// gitVarint decodes the index's offset varint; n is 0 when data ends too early.
func gitVarint(data []byte) (val, n int) {
	if len(data) == 0 {
		return 0, 0
	}
	c := data[0]
	val = int(c & 0x7f)
	n = 1
	for c&0x80 != 0 {
		if n >= len(data) || n > 8 {
			return 0, 0
		}
		c = data[n]
		n++
		val = ((val + 1) << 7) | int(c&0x7f)
	}
	return val, n
}
