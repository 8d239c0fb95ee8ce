package project

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// maxFileSize bounds what hooklint reads: a deploy.yml or Gemfile.lock is a few KiB.
const maxFileSize = 4 << 20

// read reads the project file rel (a slash path relative to Root). exists is false, with no
// problem, when there is no such file.
func (p *Project) read(rel string) (data []byte, exists bool, prob *Problem) {
	name := p.Path(rel)
	data, err := p.files.readFile(name, maxFileSize)
	if err == nil {
		return data, true, nil
	}
	if missing(err) {
		if _, lerr := p.files.lstat(name); lerr != nil {
			return nil, false, nil
		}
		err = errors.New("symbolic link to a missing file")
	}
	return nil, true, &Problem{File: rel, Message: err.Error()}
}

// ReadFile reads a file hooklint analyses, refusing anything but a regular text file of at
// most limit bytes. A FIFO is never opened (opening one for reading blocks until a writer
// comes), and a symlink loop or a binary file is refused with an error that says so. The
// error does not repeat the path: the caller names the file. A missing file's error
// matches fs.ErrNotExist.
func ReadFile(name string, limit int64) ([]byte, error) {
	data, err := ReadBinaryFile(name, limit)
	if err != nil {
		return nil, err
	}
	return data, CheckContent(data, limit)
}

// ReadBinaryFile is [ReadFile] for a file that may hold any bytes, such as git's index: it
// refuses what is not a regular file, or is larger than limit, without opening it.
func ReadBinaryFile(name string, limit int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, reachError(err)
	}
	if err := checkInfo(fi, limit); err != nil {
		return nil, err
	}
	data, _, err := readRegular(name, limit)
	return data, err
}

// reachError words an error from describing or opening a file to read: a missing file's
// error as it is (it matches fs.ErrNotExist), a symbolic link loop said so, anything else
// without the path, which the caller names.
func reachError(err error) error {
	switch {
	case missing(err):
		return err
	case errors.Is(err, syscall.ELOOP):
		return errors.New("cannot read: symbolic link loop")
	}
	return fmt.Errorf("cannot read: %v", PathErrorCause(err))
}

// readAtMost reads the size bytes a file was described with, in one call when it has not
// changed since, without a further call to see its end. A size of zero (unknown, as for
// some special files) reads r to its end, or to one byte past limit.
func readAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(max(size, 0), limit)+1)
	for {
		if size > 0 && int64(len(buf)) >= size {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if size > 0 && int64(len(room)) > size-int64(len(buf)) {
			room = room[:size-int64(len(buf))]
		}
		if over := int64(len(buf)) + int64(len(room)) - (limit + 1); over > 0 {
			room = room[:int64(len(room))-over]
		}
		n, err := r.Read(room)
		buf = buf[:len(buf)+n]
		if err == io.EOF || int64(len(buf)) > limit {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// CheckContent applies ReadFile's content checks to data read some other way (standard
// input): at most limit bytes, and no NUL byte.
func CheckContent(data []byte, limit int64) error {
	switch {
	case int64(len(data)) > limit:
		return fmt.Errorf("larger than %s; not read", sizeName(limit))
	case bytes.IndexByte(data, 0) >= 0:
		return errors.New("binary file (contains NUL bytes); not read")
	}
	return nil
}

// sizeName renders a byte limit as "4 MiB" or "1 MiB".
func sizeName(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// pathErrorCause drops the path from an *fs.PathError: the problem already names the file.
func PathErrorCause(err error) error {
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
