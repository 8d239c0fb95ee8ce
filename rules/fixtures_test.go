package rules_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/rules"
	"golang.org/x/tools/txtar"
)

// TestFixtures runs every case in testdata/cases. A case is a small project written as a
// txtar archive. Lines of the archive's comment of the form `key: value` set options
// (kamal-version, problem: a regexp that a reported problem must match). In the project's
// files, a comment `# want ID[/severity] "regexp" ...` on a line expects one finding of that
// rule on that line whose message matches; findings nowhere expected fail the test, as in
// go/analysis's analysistest. Every guard suggestion is also applied, and the result must
// parse and lose the finding it guards; so is every other suggestion with edits (a new
// shebang, LF line endings), and the result must lose the finding.
//
// Files are written with mode 0755. Other lines of the comment say what a file's text
// cannot (PATH is a file of the archive):
//
//	mode PATH 0644          the file's permission bits
//	crlf PATH               every "\n" of the file becomes "\r\n"
//	bom PATH                the file starts with a UTF-8 byte order mark
//	git PATH 0644           the fixture is a git work tree whose index has PATH with mode
//	                        100644 (or 100755); PATH need not be in the archive
//	want PATH:LINE ID "re"  a finding expected on a line that cannot hold a comment (line 1
//	                        of a hook, whose shebang it would change; a file not a script)
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runFixture(t, file)
		})
	}
}

type fixture struct {
	dir      string
	opts     project.Options
	problems []*regexp.Regexp
	wants    []string // "PATH:LINE rest" from want lines in the comment
}

func loadFixture(t *testing.T, file string) *fixture {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{dir: t.TempDir()}
	modes := map[string]os.FileMode{}
	crlf, bom := map[string]bool{}, map[string]bool{}
	var gitEntries []gitEntry
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if f := strings.Fields(line); len(f) >= 2 {
			switch {
			case f[0] == "mode" && len(f) == 3, f[0] == "git" && len(f) == 3:
				m, err := strconv.ParseUint(f[2], 8, 32)
				if err != nil {
					t.Fatalf("%s: %q: %v", file, line, err)
				}
				if f[0] == "mode" {
					modes[f[1]] = os.FileMode(m)
				} else {
					gitEntries = append(gitEntries, gitEntry{path: f[1], mode: 0o100000 | uint32(m)})
				}
				continue
			case f[0] == "crlf" && len(f) == 2:
				crlf[f[1]] = true
				continue
			case f[0] == "bom" && len(f) == 2:
				bom[f[1]] = true
				continue
			case f[0] == "want":
				fx.wants = append(fx.wants, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "want")))
				continue
			}
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "kamal-version":
			fx.opts.KamalVersion = val
		case "problem":
			fx.problems = append(fx.problems, regexp.MustCompile(val))
		}
	}
	for _, f := range ar.Files {
		path := filepath.Join(fx.dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		data := f.Data
		if crlf[f.Name] {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		}
		if bom[f.Name] {
			data = append([]byte("\uFEFF"), data...)
		}
		mode, ok := modes[f.Name]
		if !ok {
			mode = 0o755
		}
		if err := os.WriteFile(path, data, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil { // past the umask
			t.Fatal(err)
		}
	}
	if gitEntries != nil {
		writeGitIndex(t, fx.dir, gitEntries)
	}
	return fx
}

type gitEntry struct {
	path string
	mode uint32
}

// writeGitIndex makes dir a git work tree whose index (version 2) holds the entries.
func writeGitIndex(t *testing.T, dir string, entries []gitEntry) {
	t.Helper()
	slices.SortFunc(entries, func(a, b gitEntry) int { return strings.Compare(a.path, b.path) })
	b := []byte("DIRC")
	b = binary.BigEndian.AppendUint32(b, 2)
	b = binary.BigEndian.AppendUint32(b, uint32(len(entries)))
	for _, e := range entries {
		start := len(b)
		b = append(b, make([]byte, 60)...) // stat data, mode, object name
		binary.BigEndian.PutUint32(b[start+24:], e.mode)
		b = binary.BigEndian.AppendUint16(b, uint16(len(e.path)))
		b = append(b, e.path...)
		b = append(b, make([]byte, 8-(len(b)-start)%8)...)
	}
	b = append(b, make([]byte, 20)...) // checksum, not verified
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "index"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (fx *fixture) lint(t *testing.T) (*analyzer.Result, *project.Project) {
	t.Helper()
	proj, err := project.Load(fx.dir, fx.opts)
	if err != nil {
		t.Fatal(err)
	}
	inputs, probs := analyzer.DiscoverHooks(proj)
	res := analyzer.NewLinter(proj, rules.All()).Run(inputs)
	res.Problems = append(res.Problems, probs...)
	return res, proj
}

func runFixture(t *testing.T, file string) {
	fx := loadFixture(t, file)
	res, _ := fx.lint(t)

	wants := collectWants(t, fx.dir)
	for _, w := range fx.wants {
		loc, rest, _ := strings.Cut(w, " ")
		parseWants(t, loc, rest, wants)
	}
	for _, d := range res.Diagnostics {
		key := fmt.Sprintf("%s:%d", d.File, d.Span.Start.Line)
		matched := false
		for i, w := range wants[key] {
			if w.used || w.rule != d.Rule || (w.severity != "" && w.severity != d.Severity.String()) || !w.re.MatchString(d.Message) {
				continue
			}
			wants[key][i].used = true
			matched = true
			break
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected %s %s: %s", d.File, d.Span.Start.Line, d.Span.Start.Column, d.Severity, d.Rule, d.Message)
		}
	}
	for key, ws := range wants {
		for _, w := range ws {
			if !w.used {
				t.Errorf("%s: missing %s%s matching %q", key, w.rule, suffix(w.severity), w.re)
			}
		}
	}
	for _, p := range res.Problems {
		ok := false
		for _, re := range fx.problems {
			ok = ok || re.MatchString(p.String())
		}
		if !ok {
			t.Errorf("unexpected problem: %s", p)
		}
	}
	for _, re := range fx.problems {
		found := false
		for _, p := range res.Problems {
			found = found || re.MatchString(p.String())
		}
		if !found {
			t.Errorf("missing problem matching %q", re)
		}
	}
	checkGuards(t, fx, res)
}

func suffix(sev string) string {
	if sev == "" {
		return ""
	}
	return "/" + sev
}

// checkGuards applies each guard suggestion to its hook and lints again: the hook must still
// parse, and the finding the guard is for must be gone.
func checkGuards(t *testing.T, fx *fixture, res *analyzer.Result) {
	// count counts the findings of a rule in a file, or only those with a given message.
	count := func(r *analyzer.Result, file, rule, message string) int {
		n := 0
		for _, d := range r.Diagnostics {
			if d.File == file && d.Rule == rule && (message == "" || d.Message == message) {
				n++
			}
		}
		return n
	}
	for _, d := range res.Diagnostics {
		for _, s := range d.Suggestions {
			if s.Kind != "guard" {
				checkFix(t, fx, res, d, s, count)
				continue
			}
			if len(s.Edits) == 0 {
				t.Errorf("%s:%d: guard suggestion without edits", d.File, d.Span.Start.Line)
				continue
			}
			path := filepath.Join(fx.dir, filepath.FromSlash(d.File))
			orig := res.Sources[d.File]
			fixed, err := analyzer.ApplyEdits(orig, s.Edits)
			if err != nil {
				t.Errorf("%s:%d: guard edits: %v", d.File, d.Span.Start.Line, err)
				continue
			}
			if err := os.WriteFile(path, fixed, 0o755); err != nil {
				t.Fatal(err)
			}
			after, _ := fx.lint(t)
			if err := os.WriteFile(path, orig, 0o755); err != nil {
				t.Fatal(err)
			}
			if n := count(after, d.File, "HL001", ""); n > count(res, d.File, "HL001", "") {
				t.Errorf("%s:%d: the guard edit breaks the script:\n%s", d.File, d.Span.Start.Line, fixed)
			}
			// The guarded finding goes; code the guard lets through (after an exec) may
			// bring others.
			if count(after, d.File, d.Rule, d.Message) >= count(res, d.File, d.Rule, d.Message) {
				t.Errorf("%s:%d: the guard edit does not silence %s:\n%s", d.File, d.Span.Start.Line, d.Rule, fixed)
			}
		}
	}
}

// checkFix applies a suggestion other than a guard, when it has edits, and lints again:
// the finding must be gone, and the hook must not have more parse errors.
func checkFix(t *testing.T, fx *fixture, res *analyzer.Result, d analyzer.Diagnostic, s analyzer.Suggestion, count func(*analyzer.Result, string, string, string) int) {
	t.Helper()
	if len(s.Edits) == 0 {
		return
	}
	path := filepath.Join(fx.dir, filepath.FromSlash(d.File))
	orig := res.Sources[d.File]
	fixed, err := analyzer.ApplyEdits(orig, s.Edits)
	if err != nil {
		t.Errorf("%s:%d: %s edits: %v", d.File, d.Span.Start.Line, s.Kind, err)
		return
	}
	if err := os.WriteFile(path, fixed, 0o755); err != nil {
		t.Fatal(err)
	}
	after, _ := fx.lint(t)
	if err := os.WriteFile(path, orig, 0o755); err != nil {
		t.Fatal(err)
	}
	if n := count(after, d.File, "HL001", ""); n > count(res, d.File, "HL001", "") {
		t.Errorf("%s:%d: the %s edit breaks the script:\n%s", d.File, d.Span.Start.Line, s.Kind, fixed)
	}
	if count(after, d.File, d.Rule, d.Message) >= count(res, d.File, d.Rule, d.Message) {
		t.Errorf("%s:%d: the %s edit does not silence %s:\n%s", d.File, d.Span.Start.Line, s.Kind, d.Rule, fixed)
	}
}

// quotedPattern reads a double-quoted regexp at the start of s. The text between the quotes
// is the regexp as is, but for \" standing for a quote, so regexp escapes need no doubling.
func quotedPattern(s string) (pat string, n int, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", 0, false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return strings.ReplaceAll(s[1:i], `\"`, `"`), i + 1, true
		}
	}
	return "", 0, false
}

type want struct {
	rule, severity string
	re             *regexp.Regexp
	used           bool
}

var wantRE = regexp.MustCompile(`#\s*want\s+(.*)$`)

// parseWants reads the expectations `ID[/severity] "regexp" ...` for the line key ("PATH:LINE").
func parseWants(t *testing.T, key, text string, wants map[string][]want) {
	t.Helper()
	rest := strings.TrimSpace(text)
	for rest != "" {
		id, after, ok := strings.Cut(rest, " ")
		if !ok {
			t.Fatalf("%s: malformed want: %q", key, text)
		}
		rule, sev, _ := strings.Cut(id, "/")
		after = strings.TrimSpace(after)
		pat, n, ok := quotedPattern(after)
		if !ok {
			t.Fatalf("%s: malformed want pattern: %q", key, after)
		}
		wants[key] = append(wants[key], want{rule: rule, severity: sev, re: regexp.MustCompile(pat)})
		rest = strings.TrimSpace(after[n:])
	}
}

// collectWants reads `# want` comments from every file of the fixture.
func collectWants(t *testing.T, dir string) map[string][]want {
	wants := map[string][]want{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for i, line := range strings.Split(string(data), "\n") {
			m := wantRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			parseWants(t, fmt.Sprintf("%s:%d", filepath.ToSlash(rel), i+1), m[1], wants)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return wants
}
