package project

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// maxFileSize bounds what hooklint reads: a deploy.yml or Gemfile.lock is a few KiB.
const maxFileSize = 4 << 20

// readFile reads root/rel defensively. exists is false, with no problem, when there is no such
// file. Anything that is not a small, readable text file is refused with a problem instead:
// a FIFO is never opened (opening one for reading blocks until a writer comes).
func readFile(root, rel string) (data []byte, exists bool, p *Problem) {
	name := filepath.Join(root, filepath.FromSlash(rel))
	fail := func(format string, args ...any) ([]byte, bool, *Problem) {
		return nil, true, &Problem{File: rel, Message: fmt.Sprintf(format, args...)}
	}
	fi, err := os.Stat(name)
	if err != nil {
		// ENOTDIR: a file stands where a directory of the path should be; no file either.
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			if _, lerr := os.Lstat(name); lerr == nil {
				return fail("symbolic link to a missing file")
			}
			return nil, false, nil
		}
		if errors.Is(err, syscall.ELOOP) {
			return fail("cannot read: symbolic link loop")
		}
		return fail("cannot read: %v", pathErrorCause(err))
	}
	switch {
	case fi.IsDir():
		return fail("is a directory, not a file")
	case !fi.Mode().IsRegular():
		return fail("not a regular file (%s); not read", describeMode(fi.Mode()))
	case fi.Size() > maxFileSize:
		return fail("larger than 4 MiB; not read")
	}
	// O_NONBLOCK: should the file turn into a FIFO after the check, opening it still returns.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return fail("cannot read: %v", pathErrorCause(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return fail("not a regular file; not read")
	}
	data, err = io.ReadAll(io.LimitReader(f, maxFileSize+1))
	switch {
	case err != nil:
		return fail("cannot read: %v", pathErrorCause(err))
	case len(data) > maxFileSize:
		return fail("larger than 4 MiB; not read")
	case bytes.IndexByte(data, 0) >= 0:
		return fail("binary file (contains NUL bytes); not read")
	}
	return data, true, nil
}

// pathErrorCause drops the path from an *fs.PathError: the problem already names the file.
func pathErrorCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// describeMode names the kind of a non-regular file.
func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.Type().String()
}
