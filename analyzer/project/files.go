package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// files is where a project's files are read from: the disk, or the fs.FS of
// [Options.FS]. Only these three operations differ between the two; everything that reads
// a project goes through them, so that a project in memory is read exactly as one on disk.
type files interface {
	// readFile reads name with [ReadFile]'s checks; a missing file's error matches
	// fs.ErrNotExist.
	readFile(name string, limit int64) ([]byte, error)
	// readListed is readFile for a file its folder listed as a regular file, returning
	// the open file's mode.
	readListed(name string, limit int64) ([]byte, fs.FileMode, error)
	// readDir lists a folder, sorted by name.
	readDir(name string) ([]fs.DirEntry, error)
	// stat describes a file, following symbolic links.
	stat(name string) (fs.FileInfo, error)
	// lstat describes a file without following a symbolic link.
	lstat(name string) (fs.FileInfo, error)
	// join names the file rel (a slash path relative to root) for the other methods.
	join(root, rel string) string
}

// diskFiles reads the operating system's files; names are OS paths.
type diskFiles struct{}

func (diskFiles) readFile(name string, limit int64) ([]byte, error) { return ReadFile(name, limit) }
func (diskFiles) readListed(name string, limit int64) ([]byte, fs.FileMode, error) {
	data, mode, err := readRegular(name, limit)
	if err != nil {
		return nil, 0, err
	}
	return data, mode, CheckContent(data, limit)
}
func (diskFiles) readDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (diskFiles) stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (diskFiles) lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }
func (diskFiles) join(root, rel string) string               { return filepath.Join(root, filepath.FromSlash(rel)) }

// fsFiles reads an fs.FS whose root is the project root; names are slash paths in it.
// fs.FS has no symbolic links to follow or to find missing.
type fsFiles struct{ fsys fs.FS }

func (f fsFiles) readFile(name string, limit int64) ([]byte, error) {
	fi, err := f.stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read: %v", PathErrorCause(err))
	}
	if err := checkInfo(fi, limit); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(f.fsys, fsName(name))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", PathErrorCause(err))
	}
	return data, CheckContent(data, limit)
}

func (f fsFiles) readListed(name string, limit int64) ([]byte, fs.FileMode, error) {
	data, err := f.readFile(name, limit)
	if err != nil {
		return nil, 0, err
	}
	return data, f.mode(name), nil
}

// mode is the mode of a file in the fs.FS, zero when it cannot be described.
func (f fsFiles) mode(name string) fs.FileMode {
	if fi, err := f.stat(name); err == nil {
		return fi.Mode()
	}
	return 0
}
func (f fsFiles) readDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, fsName(name)) }
func (f fsFiles) stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.fsys, fsName(name)) }
func (f fsFiles) lstat(name string) (fs.FileInfo, error)     { return f.stat(name) }
func (fsFiles) join(_, rel string) string                    { return fsName(rel) }

// fsName makes a slash path a name fs.FS accepts: cleaned, without a leading slash, "."
// for the root.
func fsName(name string) string {
	name = strings.TrimLeft(path.Clean("/"+filepath.ToSlash(name)), "/")
	if name == "" {
		return "."
	}
	return name
}

// checkInfo refuses what [ReadFile] refuses from a file's description: a directory,
// anything but a regular file, a file over limit bytes.
func checkInfo(fi fs.FileInfo, limit int64) error {
	switch {
	case fi.IsDir():
		return errors.New("is a directory, not a file")
	case !fi.Mode().IsRegular():
		return fmt.Errorf("not a regular file (%s); not read", describeMode(fi.Mode()))
	case fi.Size() > limit:
		return fmt.Errorf("larger than %s; not read", sizeName(limit))
	}
	return nil
}

// missing reports whether err says that a file is not there: it does not exist, or a file
// stands where a directory of its path should be.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// ReadFile reads a file of the project with [ReadFile]'s checks, from disk or from the
// files it was loaded from ([Options.FS]). name is as [Project.Path] gives it.
func (p *Project) ReadFile(name string, limit int64) ([]byte, error) {
	return p.files.readFile(name, limit)
}

// ReadListedFile is [Project.ReadFile] for a file its folder's listing gave as a regular
// file (not a symbolic link): it is opened without being described first, which saves a
// system call for each hook of a large run, and is still refused if the open file is not a
// regular file. mode is the open file's, for the rules that check the run bit.
func (p *Project) ReadListedFile(name string, limit int64) (data []byte, mode fs.FileMode, err error) {
	return p.files.readListed(name, limit)
}

// ReadDir lists a folder of the project, sorted by name. name is as [Project.Path] gives it.
func (p *Project) ReadDir(name string) ([]fs.DirEntry, error) { return p.files.readDir(name) }

// FileMode returns the mode of a file of the project, following symbolic links as Kamal
// does when it runs a hook (the link's own mode when its target cannot be reached); zero
// when it cannot be reached at all. name is as [Project.Path] gives it.
func (p *Project) FileMode(name string) fs.FileMode {
	if fi, err := p.files.stat(name); err == nil {
		return fi.Mode()
	}
	if fi, err := p.files.lstat(name); err == nil {
		return fi.Mode()
	}
	return 0
}

// Path names the file rel, a slash path relative to Root, for [Project.ReadFile],
// [Project.ReadDir] and [Project.FileMode]: a path on disk, or a path in [Options.FS].
func (p *Project) Path(rel string) string { return p.files.join(p.Root, rel) }

// InMemory reports whether the project was loaded from [Options.FS] rather than the disk.
func (p *Project) InMemory() bool {
	_, ok := p.files.(fsFiles)
	return ok
}
