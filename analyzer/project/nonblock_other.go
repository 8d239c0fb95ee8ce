//go:build !js

package project

import "syscall"

// openNonblock is added to the flags of every open of a file hooklint reads: should the
// file turn into a FIFO after the check, opening it still returns.
const openNonblock = syscall.O_NONBLOCK
