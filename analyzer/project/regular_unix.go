//go:build unix

package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"syscall"
)

// readRegular reads a file known to be a regular file, by a stat or by its folder's
// listing: it opens the file without describing it first, and refuses it if the open file
// is not one, or is larger than limit. It does not look at the content. mode is the open
// file's.
//
// It makes the system calls itself rather than through an os.File, which would register
// every file with the runtime's poller (on Linux a failing epoll_ctl for each regular
// file) and set a finalizer: a file costs open, fstat, read and close.
func readRegular(name string, limit int64) (data []byte, mode fs.FileMode, err error) {
	var fd int
	err = ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(name, syscall.O_RDONLY|openNonblock|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, 0, reachError(&fs.PathError{Op: "open", Path: name, Err: err})
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, 0, errors.New("not a regular file; not read")
	}
	if st.Size > limit {
		return nil, 0, fmt.Errorf("larger than %s; not read", sizeName(limit))
	}
	data, err = readAtMost(fdReader(fd), st.Size, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read: %v", PathErrorCause(err))
	}
	return data, fs.FileMode(st.Mode & 0o777), nil
}

// fdReader reads an open file descriptor.
type fdReader int

func (r fdReader) Read(p []byte) (int, error) {
	var n int
	err := ignoringEINTR(func() (err error) {
		n, err = syscall.Read(int(r), p)
		return err
	})
	switch {
	case err != nil:
		return 0, err
	case n == 0 && len(p) > 0:
		return 0, io.EOF
	}
	return n, nil
}

// ignoringEINTR calls f again while it is interrupted by a signal.
func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
