package lsp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// readContentLength reads a message header, "Name: value" lines up to a blank one, and
// returns the value of its first Content-Length field, "" without one. It returns io.EOF
// when the stream ends before the header starts, io.ErrUnexpectedEOF when it ends inside.
//
// It reads the header as net/textproto's ReadMIMEHeader did, which it replaces so that the
// binary does not link package net and its initialization: lines end in CRLF or LF; names
// are matched without regard to case; a line starting with a space or tab continues the
// one before (obsolete folding), joined with one space; a name is token characters (a
// space in it is allowed, but no longer names Content-Length); a value holds no control
// character but tab; the value loses its leading and trailing spaces and tabs.
func readContentLength(r *bufio.Reader) (string, error) {
	if b, err := r.Peek(1); err == nil && (b[0] == ' ' || b[0] == '\t') {
		// Quote the line, up to 80 bytes. (The error of reading it is returned instead,
		// as textproto did: an end of stream is one before any header.)
		line, err := readLine(r, 80)
		if err != nil {
			return "", err
		}
		return "", fmt.Errorf("malformed header: first line starts with white space: %q", line)
	}
	value, found := "", false
	for first := true; ; first = false {
		line, err := readLine(r, -1)
		if err != nil {
			if errors.Is(err, io.EOF) {
				if first {
					return "", io.EOF
				}
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		if len(line) == 0 {
			return value, nil
		}
		if bytes.IndexByte(line, ':') < 0 {
			return "", fmt.Errorf("malformed header: missing colon: %q", line)
		}
		// line is in r's buffer, which the next read overwrites.
		field := append([]byte(nil), trimBlanks(line)...)
		for skipBlanks(r) > 0 {
			more, err := readLine(r, -1)
			if err != nil {
				// The error, if it lasts, ends the header at the next line.
				field = append(field, ' ')
				break
			}
			field = append(field, ' ')
			field = append(field, trimBlanks(more)...)
		}
		name, v, _ := bytes.Cut(field, []byte(":"))
		if !validFieldName(name) || !validFieldValue(v) {
			return "", fmt.Errorf("malformed header line: %q", field)
		}
		if !found && isContentLength(name) {
			value, found = string(bytes.TrimLeft(v, " \t")), true
		}
	}
}

// errLineTooLong reports a line longer than readLine's limit.
var errLineTooLong = errors.New("header line too long")

// readLine reads a line without its LF or CRLF; a last line may end without one. Any
// read error discards the line, as does a line longer than limit bytes (no limit when it
// is negative).
func readLine(r *bufio.Reader, limit int) ([]byte, error) {
	var line []byte
	for {
		l, more, err := r.ReadLine()
		if err != nil {
			return nil, err
		}
		if limit >= 0 && len(line)+len(l) > limit {
			return nil, errLineTooLong
		}
		// Avoid the copy when the first read gave the whole line.
		if line == nil && !more {
			return l, nil
		}
		line = append(line, l...)
		if !more {
			return line, nil
		}
	}
}

// skipBlanks consumes the spaces and tabs that come next and returns how many there were.
func skipBlanks(r *bufio.Reader) int {
	n := 0
	for {
		c, err := r.ReadByte()
		if err != nil {
			return n
		}
		if c != ' ' && c != '\t' {
			r.UnreadByte()
			return n
		}
		n++
	}
}

// trimBlanks returns s without its leading and trailing spaces and tabs.
func trimBlanks(s []byte) []byte {
	return bytes.Trim(s, " \t")
}

// tokenChars are the characters of a header field name besides letters and digits
// (RFC 7230 tchar).
const tokenChars = "!#$%&'*+-.^_`|~"

// validFieldName reports whether name is token characters, spaces allowed.
func validFieldName(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c != ' ' && !isAlnum(c) && bytes.IndexByte([]byte(tokenChars), c) < 0 {
			return false
		}
	}
	return true
}

// validFieldValue reports whether v holds no control character but tab: visible ASCII,
// space, tab and any byte from 0x80 (obs-text).
func validFieldValue(v []byte) bool {
	for _, c := range v {
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// isContentLength reports whether name is Content-Length in any case.
func isContentLength(name []byte) bool {
	const want = "content-length"
	if len(name) != len(want) {
		return false
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[i] {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
