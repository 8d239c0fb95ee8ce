// Command serve builds the hooklint playground and serves it on localhost:
//
//	go run ./playground/serve [-addr 127.0.0.1:8080] [-out DIR]
//
// It compiles playground/main.go to hooklint.wasm (GOOS=js GOARCH=wasm go build), copies
// Go's own wasm_exec.js from GOROOT and the page's files next to it, and serves that
// folder. Only the go command is needed.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free one)")
	out := flag.String("out", "", "`folder` to build the page into (default: a temporary folder)")
	flag.Parse()
	if err := run(*addr, *out); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

func run(addr, out string) error {
	if out == "" {
		tmp, err := os.MkdirTemp("", "hooklint-playground-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = tmp
	}
	fmt.Fprintln(os.Stderr, "building the playground into", out)
	if err := Build(out); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("hooklint playground: http://%s/\n", ln.Addr())
	return http.Serve(ln, Handler(out))
}
