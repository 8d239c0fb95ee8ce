//go:build !unix

package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// readRegular reads a file known to be a regular file, by a stat or by its folder's
// listing: it opens the file without describing it first, and refuses it if the open file
// is not one, or is larger than limit. It does not look at the content. mode is the open
// file's.
func readRegular(name string, limit int64) (data []byte, mode fs.FileMode, err error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, 0, reachError(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, 0, errors.New("not a regular file; not read")
	}
	if err := checkInfo(fi, limit); err != nil {
		return nil, 0, err
	}
	data, err = readAtMost(f, fi.Size(), limit)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read: %v", PathErrorCause(err))
	}
	return data, fi.Mode(), nil
}
