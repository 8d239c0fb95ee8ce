//go:build js

package project

// openNonblock is 0 under js/wasm, which has no O_NONBLOCK; nor has it FIFOs to guard
// against.
const openNonblock = 0
