package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// pagePkg is the WebAssembly entry point, whose folder holds the page's files.
const pagePkg = "github.com/hooklint/hooklint/playground"

// pageFiles are the page's own files, copied as they are.
var pageFiles = []string{"index.html", "playground.js", "style.css"}

// Build writes the playground into out: hooklint.wasm, wasm_exec.js from GOROOT and the
// page's files.
func Build(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	src, err := goCmd("list", "-f", "{{.Dir}}", pagePkg)
	if err != nil {
		return err
	}
	if _, err := goCmd("build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(out, "hooklint.wasm"), pagePkg); err != nil {
		return err
	}
	goroot, err := goCmd("env", "GOROOT")
	if err != nil {
		return err
	}
	// Go 1.24 moved wasm_exec.js from misc/wasm to lib/wasm.
	var execJS string
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		name := filepath.Join(goroot, filepath.FromSlash(dir), "wasm_exec.js")
		if _, err := os.Stat(name); err == nil {
			execJS = name
			break
		}
	}
	if execJS == "" {
		return fmt.Errorf("no wasm_exec.js in %s/lib/wasm or %s/misc/wasm", goroot, goroot)
	}
	if err := copyFile(execJS, filepath.Join(out, "wasm_exec.js")); err != nil {
		return err
	}
	for _, f := range pageFiles {
		if err := copyFile(filepath.Join(src, f), filepath.Join(out, f)); err != nil {
			return err
		}
	}
	return nil
}

// goCmd runs the go command for js/wasm and returns its output, trimmed.
func goCmd(args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return strings.TrimSpace(string(out)), nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// Handler serves the built playground in dir: its files only, WebAssembly as
// application/wasm, revalidated on every load (so that a rebuild shows at once, and an
// unchanged hooklint.wasm comes from the browser's cache, compiled code included).
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" {
			name = "index.html"
		}
		if _, err := fs.Stat(os.DirFS(dir), name); errors.Is(err, fs.ErrNotExist) || strings.Contains(name, "/") {
			http.NotFound(w, r)
			return
		}
		if t := mime.TypeByExtension(filepath.Ext(name)); t != "" {
			w.Header().Set("Content-Type", t)
		}
		if strings.HasSuffix(name, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}
