package lsp

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// buildHooklint builds the command into a temporary folder and returns its path.
func buildHooklint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "hooklint")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/hooklint/hooklint/cmd/hooklint")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestNeovim runs the real Neovim headless against `hooklint lsp` (testdata/nvim.lua): the
// diagnostic arrives at the right place in a line with non-ASCII text, the preferred quick
// fix applies, and the diagnostic goes. It is skipped where nvim is not installed.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		skipUnlessRequired(t, "nvim is not installed (apt-get install neovim)")
	}
	if testing.Short() {
		t.Skip("starts Neovim")
	}
	bin := buildHooklint(t)
	root := t.TempDir()
	prefix := `echo "🚀 déjà vu"; `
	writeFiles(t, root, map[string]string{
		"Gemfile.lock":             gemfile253,
		"config/deploy.yml":        "service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\naccessories:\n  db:\n    image: postgres:16\n    host: 10.0.0.3\n",
		".kamal/hooks/post-deploy": "#!/bin/sh\nset -e\n" + prefix + "kamal accessory reboot db\n",
	})
	hook := filepath.Join(root, ".kamal", "hooks", "post-deploy")
	resultFile := filepath.Join(t.TempDir(), "result.json")

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-c", "luafile "+filepath.Join("testdata", "nvim.lua"))
	cmd.Env = append(os.Environ(), "HOOKLINT_BIN="+bin, "HOOK_FILE="+hook, "RESULT_FILE="+resultFile, "XDG_STATE_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	data, err := os.ReadFile(resultFile)
	if err != nil {
		t.Fatalf("nvim wrote no result: %v\n%s", err, out)
	}
	var res struct {
		Steps      []string
		Error      string
		Diagnostic struct {
			Lnum    int    `json:"lnum"`
			Col     int    `json:"col"`
			EndLnum int    `json:"end_lnum"`
			EndCol  int    `json:"end_col"`
			Code    string `json:"code"`
			Source  string `json:"source"`
		}
		Range   Range // as published, in UTF-16 code units
		Actions []string
		Applied string
		Lines   []string
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	t.Logf("nvim: %s", data)
	if res.Error != "" {
		t.Fatalf("nvim: %s (steps %q)", res.Error, res.Steps)
	}
	// Neovim turns the UTF-16 range into byte columns: they must be hooklint's own.
	d := res.Diagnostic
	wantChar := len(utf16.Encode([]rune(prefix)))
	if d.Code != "HL101" || d.Source != "hooklint" || d.Lnum != 2 || d.EndLnum != 2 || d.Col != len(prefix) ||
		d.EndCol != len(prefix)+len("kamal accessory reboot db") || res.Range.Start != (Position{2, wantChar}) {
		t.Errorf("diagnostic = %+v, range %+v; want HL101 on line 2 at byte %d (UTF-16 %d)", d, res.Range, len(prefix), wantChar)
	}
	if !slices.ContainsFunc(res.Actions, func(a string) bool { return a == "disable HL101 for this command" }) {
		t.Errorf("actions = %q, want the disable action too", res.Actions)
	}
	if !strings.HasPrefix(res.Applied, "guard:") {
		t.Errorf("applied %q, want the guard", res.Applied)
	}
	want := []string{"#!/bin/sh", "set -e", prefix + `if [ "$KAMAL_COMMAND" != setup ]; then kamal accessory reboot db; fi`}
	if !slices.Equal(res.Lines, want) {
		t.Errorf("buffer after the fix:\n%s\nwant:\n%s", strings.Join(res.Lines, "\n"), strings.Join(want, "\n"))
	}
}
