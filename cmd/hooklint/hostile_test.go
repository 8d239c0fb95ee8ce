package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hooklint/hooklint/analyzer"
)

// goodHook is a hook with one finding (HL101 at 2:1 under Kamal 2.5.3). Every project of
// the hostile-input tests has it as post-deploy, to show that the other files are still
// analysed whatever is wrong with one.
const goodHook = "#!/bin/sh\nkamal accessory reboot db\n"

// goodFinding is goodHook's finding in gcc format.
const goodFinding = ".kamal/hooks/post-deploy:2:1: error:"

// runTimeout bounds one run of the command: a run that takes longer hangs (on a FIFO, say).
const runTimeout = 60 * time.Second

// nested returns a hook whose kamal call is n levels deep in open ... close.
func nested(open, close string, n int) string {
	return "#!/bin/bash\n" + strings.Repeat(open, n) + "kamal accessory reboot db" + strings.Repeat(close, n) + "\n"
}

// TestHostileInputs runs the command on projects where one file is hostile, in every
// output format: it must finish, name the file on standard error where it could not use
// it, still report the finding of the good hook, and exit with the README's status
// (0 clean, 1 findings, 2 a broken project file, 3 an input that could not be read).
func TestHostileInputs(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string               // project files; hooks are made executable
		setup  func(t *testing.T, root string) // makes what files cannot say
		args   []string                        // paths; none means the whole project
		stdin  io.Reader
		status int
		stderr []string // regexps that must match standard error
		quiet  bool     // standard error must be empty
		stdout []string // extra regexps for the gcc output
	}{
		{name: "empty hook",
			files:  map[string]string{".kamal/hooks/pre-deploy": ""},
			status: exitFindings, quiet: true},
		{name: "binary hook with NUL bytes",
			files:  map[string]string{".kamal/hooks/pre-deploy": "#!/bin/sh\x00\x7fELF\x02\x01\x01\x00"},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: binary file \(contains NUL bytes\); not read\n$`}},
		{name: "invalid UTF-8",
			files: map[string]string{".kamal/hooks/pre-deploy": "#!/bin/sh\necho \xff\xfe\xc3\x28 '\xe2\x82'\nkamal accessory reboot db\n"},
			// The shell parser refuses invalid UTF-8: a parse error at the byte, and the
			// lines after it are still analysed.
			status: exitFindings, quiet: true,
			stdout: []string{`(?m)^\.kamal/hooks/pre-deploy:2:6: error: invalid UTF-8 encoding.*\[HL001\]$`,
				`(?m)^\.kamal/hooks/pre-deploy:3:1: error: .*\[HL101\]$`}},
		{name: "a syntax error the parser's recovery fails on",
			// mvdan.cc/sh v3.14.1 panics recovering from this arithmetic: still a syntax
			// error where the shell reports it, and the next hook is analysed.
			files:  map[string]string{".kamal/hooks/pre-deploy": "#!/bin/sh\nN=$((COUNT A))\necho \"$N\"\n"},
			status: exitFindings, quiet: true,
			stdout: []string{`(?m)^\.kamal/hooks/pre-deploy:2:12: error: not a valid arithmetic operator: .*\[HL001\]$`}},
		{name: "a here-document with an empty delimiter",
			// The body ends at the first empty line; the parser's end of it is past
			// the line a guard edit would wrap: no edit, and no internal error.
			files:  map[string]string{".kamal/hooks/pre-deploy": "#!/bin/bash\nsh <<''\nkamal accessory reboot db\n\nkamal app details <<''\nx\n\n"},
			status: exitFindings, quiet: true,
			stdout: []string{`(?m)^\.kamal/hooks/pre-deploy:3:1: error: .*\[HL101\]$`}},
		{name: "50 MB hook",
			setup:  func(t *testing.T, root string) { sparseFile(t, filepath.Join(root, ".kamal/hooks/pre-deploy"), 50<<20) },
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: larger than 1 MiB; not read\n$`}},
		{name: "50 MB on standard input",
			args:  []string{"--stdin-filename", ".kamal/hooks/pre-deploy", "-", ".kamal/hooks/post-deploy"},
			stdin: io.MultiReader(strings.NewReader("#!/bin/sh\n"), io.LimitReader(zeros{}, 50<<20)), status: exitFailure,
			stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: larger than 1 MiB; not read\n$`}},
		{name: "a line of 1 MB",
			files:  map[string]string{".kamal/hooks/pre-deploy": "#!/bin/sh\necho \"" + strings.Repeat("x", 1_000_000) + "\"; kamal accessory reboot db\n"},
			status: exitFindings, quiet: true,
			stdout: []string{`(?m)^\.kamal/hooks/pre-deploy:2:1000010: error: .*\[HL101\]$`}},
		{name: "10,000 nested $( )",
			files:  map[string]string{".kamal/hooks/pre-deploy": nested("echo $(", ")", 10_000)},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: nested too deeply`}},
		{name: "10,000 nested ( )",
			files:  map[string]string{".kamal/hooks/pre-deploy": nested("( ", " )", 10_000)},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: nested too deeply`}},
		{name: "10,000 nested { }",
			files:  map[string]string{".kamal/hooks/pre-deploy": nested("{ ", "; }", 10_000)},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: nested too deeply`}},
		{name: "10,000 nested if",
			files:  map[string]string{".kamal/hooks/pre-deploy": nested("if true; then ", "; fi", 10_000)},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: nested too deeply`}},
		{name: "1 MiB of nested $( )",
			files:  map[string]string{".kamal/hooks/pre-deploy": "#!/bin/bash\n" + strings.Repeat("$(", analyzer.MaxHookSize/2-16)},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy:2: nested more than \d+ levels deep; the file is not analysed\n$`}},
		{name: "functions that call one another in a loop",
			files: map[string]string{".kamal/hooks/pre-deploy": "#!/bin/sh\n" +
				"a() { b \"$@\"; }\nb() { c \"$@\"; }\nc() { a \"$@\" x; }\na\nkamal accessory reboot db\n"},
			status: exitFindings,
			stdout: []string{`(?m)^\.kamal/hooks/pre-deploy:6:1: error: .*\[HL101\]$`}},
		{name: "functions that fan out",
			files: map[string]string{".kamal/hooks/pre-deploy": "#!/bin/sh\n" +
				"f() { g; g; g; }\ng() { h; h; h; }\nh() { i; i; i; }\ni() { j; j; j; }\nj() { k; k; k; }\nk() { kamal app details; }\nf\nkamal accessory reboot db\n"},
			status: exitFindings,
			stdout: []string{`(?m)^\.kamal/hooks/pre-deploy:9:1: error: .*\[HL101\]$`}},
		{name: "functions that fan out past the calls analysed",
			files: map[string]string{".kamal/hooks/pre-deploy": "#!/bin/sh\n" +
				"f() { g; g; g; g; }\ng() { h; h; h; h; }\nh() { i; i; i; i; }\ni() { j; j; j; j; }\nj() { k; k; k; k; }\nk() { kamal app details; }\nf\n"},
			status: exitFailure,
			stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: runs kamal more than 1000 times; only the first 1000 calls are analysed\n$`}},
		{name: "FIFO named like a hook",
			setup:  func(t *testing.T, root string) { mkfifo(t, filepath.Join(root, ".kamal/hooks/pre-deploy")) },
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: not a regular file \(a named pipe\); not read\n$`}},
		{name: "FIFO named on the command line",
			setup:  func(t *testing.T, root string) { mkfifo(t, filepath.Join(root, ".kamal/hooks/pre-deploy")) },
			args:   []string{".kamal/hooks/pre-deploy", ".kamal/hooks/post-deploy"},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: not a regular file \(a named pipe\); not read\n$`}},
		{name: "socket named like a hook",
			setup:  func(t *testing.T, root string) { socket(t, filepath.Join(root, ".kamal/hooks/pre-deploy")) },
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: not a regular file \(a socket\); not read\n$`}},
		{name: "directory named like a hook",
			setup:  func(t *testing.T, root string) { mkdir(t, filepath.Join(root, ".kamal/hooks/pre-deploy/post-deploy")) },
			status: exitFindings, quiet: true},
		{name: "symlink to a device",
			setup: func(t *testing.T, root string) {
				symlink(t, "/dev/zero", filepath.Join(root, ".kamal/hooks/pre-deploy"))
			},
			status: exitFailure, stderr: []string{`^hooklint: \.kamal/hooks/pre-deploy: not a regular file \(a device\); not read\n$`}},
		{name: "symlink loop",
			setup: func(t *testing.T, root string) {
				symlink(t, "pre-build", filepath.Join(root, ".kamal/hooks/pre-deploy"))
				symlink(t, "pre-deploy", filepath.Join(root, ".kamal/hooks/pre-build"))
			},
			status: exitFailure, stderr: []string{
				`(?m)^hooklint: \.kamal/hooks/pre-build: cannot read: symbolic link loop$`,
				`(?m)^hooklint: \.kamal/hooks/pre-deploy: cannot read: symbolic link loop$`}},
		{name: "symlink outside the project",
			setup: func(t *testing.T, root string) {
				outside := filepath.Join(t.TempDir(), "shared-hook")
				writeFile(t, outside, "#!/bin/sh\n\nkamal accessory reboot db\n", 0o755)
				symlink(t, outside, filepath.Join(root, ".kamal/hooks/pre-deploy"))
			},
			// Kamal follows the link and runs the file: it is analysed, shown by its name in
			// the project.
			status: exitFindings, quiet: true,
			stdout: []string{`(?m)^\.kamal/hooks/pre-deploy:3:1: error: .*\[HL101\]$`}},
		{name: "deploy.yml that is not YAML",
			files:  map[string]string{"config/deploy.yml": "service: app\nservers: [web\n  - 1.1.1.1\n"},
			status: exitUsage, stderr: []string{`^hooklint: config/deploy\.yml:2: cannot parse YAML: `}},
		{name: "deploy.yml with anchors and aliases",
			files: map[string]string{"config/deploy.yml": "service: app\nx-ssh: &ssh {user: deploy, port: 2222}\n" +
				"servers: &web [1.1.1.1]\nssh:\n  <<: *ssh\naccessories:\n  db: {host: 1.1.1.1, service: db}\n  cache: {hosts: *web}\n"},
			status: exitFindings, quiet: true},
		{name: "deploy.yml with a billion laughs",
			files:  map[string]string{"config/deploy.yml": billionLaughs()},
			status: exitUsage, stderr: []string{`^hooklint: config/deploy\.yml: YAML has more than \d+ values once aliases are expanded; the rest are ignored\n$`}},
		{name: "deploy.yml with a self-referencing anchor",
			files:  map[string]string{"config/deploy.yml": "service: app\nx: &a {b: *a, c: *a}\nssh:\n  <<: *a\n"},
			status: exitUsage, stderr: []string{`(?m)^hooklint: config/deploy\.yml:2: YAML nested deeper than \d+ levels`}},
		{name: "deploy.yml with unknown ERB",
			files: map[string]string{"config/deploy.yml": "service: <%= Rails.application.class.module_parent_name.underscore %>\n" +
				"<% %w[a b].each do |r| %>\nservers: <%= Resolv.getaddresses(\"web\").map { |a| a } %>\n<% end %>\n<%== raw %>\n"},
			status: exitFindings, quiet: true},
		{name: "deploy.yml of 10 MB",
			files:  map[string]string{"config/deploy.yml": "service: app\n" + strings.Repeat("# padding to make the file large\n", 10<<20/32)},
			status: exitUsage, stderr: []string{`^hooklint: config/deploy\.yml: larger than 4 MiB; not read\n$`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			files := map[string]string{".kamal/hooks/post-deploy": goodHook}
			for name, content := range tt.files {
				files[name] = content
			}
			for name, content := range files {
				writeFile(t, filepath.Join(root, filepath.FromSlash(name)), content, 0o755)
			}
			if tt.setup != nil {
				tt.setup(t, root)
			}
			var stdinData []byte
			if tt.stdin != nil {
				var err error
				if stdinData, err = io.ReadAll(tt.stdin); err != nil {
					t.Fatal(err)
				}
			}
			for _, format := range []string{"gcc", "text", "json", "sarif", "github"} {
				args := append([]string{"--kamal-version", "2.5.3", "--format", format}, tt.args...)
				r := runMain(t, root, bytes.NewReader(stdinData), args...)
				if r.status != tt.status {
					t.Errorf("%s: exit status %d, want %d; stderr:\n%s", format, r.status, tt.status, r.stderr)
				}
				if tt.quiet && r.stderr != "" {
					t.Errorf("%s: unexpected standard error:\n%s", format, r.stderr)
				}
				for _, re := range tt.stderr {
					if !regexp.MustCompile(re).MatchString(r.stderr) {
						t.Errorf("%s: standard error does not match %q:\n%s", format, re, r.stderr)
					}
				}
				switch format {
				case "gcc":
					for _, re := range append([]string{"(?m)^" + regexp.QuoteMeta(goodFinding)}, tt.stdout...) {
						if !regexp.MustCompile(re).MatchString(r.stdout) {
							t.Errorf("gcc: output does not match %q:\n%.2000s", re, r.stdout)
						}
					}
				case "json", "sarif":
					if !json.Valid([]byte(r.stdout)) {
						t.Errorf("%s: output is not JSON:\n%.2000s", format, r.stdout)
					}
				}
			}
		})
	}
}

// TestStdinReadsAtMostTheLimit checks that a huge standard input is not read beyond the
// size limit before it is refused.
func TestStdinReadsAtMostTheLimit(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".kamal/hooks/post-deploy"), goodHook, 0o755)
	in := &countingReader{r: io.LimitReader(zeros{}, 50<<20)}
	r := runMain(t, root, in, "--kamal-version", "2.5.3", "--stdin-filename", ".kamal/hooks/pre-deploy", "-")
	if r.status != exitFailure || !strings.Contains(r.stderr, "larger than 1 MiB") {
		t.Errorf("exit status %d, stderr %q", r.status, r.stderr)
	}
	if limit := int64(analyzer.MaxHookSize + 1); in.n > limit {
		t.Errorf("read %d bytes of standard input, more than %d", in.n, limit)
	}
}

// result is what one run of the command produced.
type result struct {
	status         int
	stdout, stderr string
}

// runMain runs the command in dir, failing the test if it does not finish in runTimeout.
func runMain(t *testing.T, dir string, stdin io.Reader, args ...string) result {
	t.Helper()
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		cmd := &Command{Stdin: stdin, Stdout: &stdout, Stderr: &stderr, Dir: dir, Getenv: func(string) string { return "" }}
		status := cmd.Main(args)
		done <- result{status, stdout.String(), stderr.String()}
	}()
	select {
	case r := <-done:
		return r
	case <-time.After(runTimeout):
		t.Fatalf("hooklint %q still running after %v", args, runTimeout)
		return result{}
	}
}

// writeFile writes name with mode, creating its directory.
func writeFile(t *testing.T, name, content string, mode os.FileMode) {
	t.Helper()
	mkdir(t, filepath.Dir(name))
	if err := os.WriteFile(name, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, name string) {
	t.Helper()
	if err := os.MkdirAll(name, 0o755); err != nil {
		t.Fatal(err)
	}
}

// sparseFile makes a file of size bytes that starts like a hook, without writing them all.
func sparseFile(t *testing.T, name string, size int64) {
	t.Helper()
	writeFile(t, name, "#!/bin/sh\nkamal accessory reboot db\n", 0o755)
	if err := os.Truncate(name, size); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, name string) {
	t.Helper()
	mkdir(t, filepath.Dir(name))
	if err := syscall.Mkfifo(name, 0o755); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// socket makes a Unix socket at name, listening until the test ends.
func socket(t *testing.T, name string) {
	t.Helper()
	mkdir(t, filepath.Dir(name))
	l, err := net.Listen("unix", name)
	if err != nil {
		t.Skipf("unix socket: %v", err)
	}
	t.Cleanup(func() { l.Close() })
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	mkdir(t, filepath.Dir(name))
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

// billionLaughs returns a deploy.yml whose aliases expand to 10^9 values.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("service: app\nx-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 9; i++ {
		prev := "*l" + string(rune('0'+i-1))
		b.WriteString("x-l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	return b.String()
}

// zeros reads as an endless run of "x" bytes (not NUL: the size check must refuse it).
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
