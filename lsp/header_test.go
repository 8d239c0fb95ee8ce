package lsp

import (
	"bufio"
	"errors"
	"io"
	"net/textproto"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/hooklint/hooklint/internal/matchtest"
)

func TestReadMessage(t *testing.T) {
	const body = `{"jsonrpc":"2.0","method":"exit"}` // 33 bytes
	tests := []struct {
		name string
		in   string
		want []string // the methods of the messages read, then "EOF" or "error"
	}{
		{"one", "Content-Length: 33\r\n\r\n" + body, []string{"exit", "EOF"}},
		{"two", "Content-Length: 33\r\n\r\n" + body + "Content-Length: 33\r\n\r\n" + body, []string{"exit", "exit", "EOF"}},
		{"any case", "content-LENGTH: 33\r\n\r\n" + body, []string{"exit", "EOF"}},
		{"other fields", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 33\r\n\r\n" + body, []string{"exit", "EOF"}},
		{"LF lines", "Content-Length: 33\n\n" + body, []string{"exit", "EOF"}},
		{"blanks around the value", "Content-Length:\t 33 \t\r\n\r\n" + body, []string{"exit", "EOF"}},
		{"sign", "Content-Length: +33\r\n\r\n" + body, []string{"exit", "EOF"}},
		{"the first length counts", "Content-Length: 33\r\nContent-Length: 2\r\n\r\n" + body, []string{"exit", "EOF"}},
		{"folded value", "Content-Length:\r\n 33\r\n\r\n" + body, []string{"exit", "EOF"}},
		{"not JSON", "Content-Length: 1\r\n\r\n{", []string{"", "EOF"}}, // a parse error message
		{"empty", "", []string{"EOF"}},
		{"no length", "Content-Type: x\r\n\r\n" + body, []string{"error"}},
		{"empty length", "Content-Length:\r\n\r\n" + body, []string{"error"}},
		{"negative length", "Content-Length: -1\r\n\r\n", []string{"error"}},
		{"length too large", "Content-Length: 99999999\r\n\r\n{", []string{"error"}},
		{"length not a number", "Content-Length: 3x\r\n\r\n" + body, []string{"error"}},
		{"space before the colon", "Content-Length : 33\r\n\r\n" + body, []string{"error"}},
		{"no colon", "Content-Length 33\r\n\r\n" + body, []string{"error"}},
		{"bad name", "Content@Length: 33\r\n\r\n" + body, []string{"error"}},
		{"control character", "Content-Length: 33\x00\r\n\r\n" + body, []string{"error"}},
		{"first line indented", " Content-Length: 33\r\n\r\n" + body, []string{"error"}},
		{"ends in the header", "Content-Length: 33\r\n", []string{"error"}},
		{"ends in a line", "Content-Length: 33", []string{"error"}},
		{"ends in the body", "Content-Length: 33\r\n\r\n{", []string{"error"}},
		{"ends after a message, in the next header", "Content-Length: 33\r\n\r\n" + body + "Content", []string{"exit", "error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newConn(strings.NewReader(tt.in), io.Discard)
			var got []string
			for {
				m, err := c.read()
				if errors.Is(err, io.EOF) {
					got = append(got, "EOF")
					break
				}
				if err != nil {
					got = append(got, "error")
					break
				}
				got = append(got, m.Method)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("read %q: %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// headerResult is how a header read ends: the Content-Length value, "EOF" or "error", and
// what is left to read after a header read whole.
type headerResult struct {
	value, outcome, rest string
}

// readWith reads a header of in through a reader of the given buffer size, one byte at a
// time when oneByte is set, with read.
func readWith(in string, size int, oneByte bool, read func(*bufio.Reader) (string, error)) headerResult {
	var src io.Reader = strings.NewReader(in)
	if oneByte {
		src = iotest.OneByteReader(src)
	}
	r := bufio.NewReaderSize(src, size)
	v, err := read(r)
	switch {
	case errors.Is(err, io.EOF):
		return headerResult{outcome: "EOF"}
	case err != nil:
		return headerResult{outcome: "error"}
	}
	rest, _ := io.ReadAll(r)
	return headerResult{value: v, outcome: "ok", rest: string(rest)}
}

// textprotoContentLength reads a header as conn.read did with net/textproto: the oracle of
// readContentLength.
func textprotoContentLength(r *bufio.Reader) (string, error) {
	h, err := textproto.NewReader(r).ReadMIMEHeader()
	if err != nil {
		if errors.Is(err, io.EOF) && len(h) == 0 {
			return "", io.EOF
		}
		return "", errors.New(err.Error()) // not EOF, whatever it wraps
	}
	return h.Get("Content-Length"), nil
}

// checkHeader compares readContentLength with textproto on in, through a large and a small
// buffer (lines longer than it come in pieces), read at once or a byte at a time.
func checkHeader(t testing.TB, in string) {
	t.Helper()
	for _, size := range []int{4096, 16} {
		for _, oneByte := range []bool{false, true} {
			got := readWith(in, size, oneByte, readContentLength)
			want := readWith(in, size, oneByte, textprotoContentLength)
			if got != want {
				t.Errorf("readContentLength(%q) (buffer %d, one byte %v) = %+v, want %+v", in, size, oneByte, got, want)
			}
		}
	}
}

// headerTokens are pieces of headers: names, separators, values and line ends, right and
// wrong.
var headerTokens = []string{
	"Content-Length", "content-length", "CONTENT-LENGTH", "Content-Type", "Content Length", "Content@Length",
	":", ": ", " ", "\t", "\r\n", "\n", "\r", "\r\n\r\n", "\n\n", "5", "-1", "+3", " 12 ", "x", "\x00", "\x7f", "é", "{}",
	"Content-Length: 2\r\n", "Content-Length: 2\r\n\r\n{}", strings.Repeat("a", 20),
}

// TestReadContentLengthOracle compares readContentLength with net/textproto on every short
// string of edge characters and on random strings of header pieces.
func TestReadContentLengthOracle(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	ins := matchtest.Inputs(headerTokens, 3, n)
	ins = append(ins,
		"Content-Length: "+strings.Repeat("1", 5000)+"\r\n\r\n",
		strings.Repeat("X", 15)+"\r\nContent-Length: 1\r\n\r\n{", // CRLF across the small buffer's end
		"Content-Length:\r\n \t\r\n 2\r\n\r\n{}",
		"Content-Length: 2\r\n  ",
		" "+strings.Repeat("a", 100)+"\r\n\r\n", // an indented first line is quoted up to 80 bytes
		" "+strings.Repeat("a", 79),
	)
	for _, s := range ins {
		checkHeader(t, s)
	}
}

// FuzzReadContentLength compares readContentLength with net/textproto on any input.
func FuzzReadContentLength(f *testing.F) {
	for _, s := range []string{
		"Content-Length: 2\r\n\r\n{}",
		"content-length: 2\nContent-Type: x\n\n{}",
		"Content-Length:\r\n 2\r\n\r\n{}",
		" Content-Length: 2\r\n\r\n",
		"Content-Length : 2\r\n\r\n",
		"Content-Length: 2\x00\r\n\r\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkHeader(t, s)
	})
}
