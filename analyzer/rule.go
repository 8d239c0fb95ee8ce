package analyzer

import (
	"fmt"
	"io/fs"
	"strings"
)

// Rule is one check. Like a go/analysis Analyzer it is a value: an ID and a name that never
// change, a default severity, documentation written once and shown everywhere (the README,
// SARIF rule metadata, `--help`), and a Run function that inspects one hook through a
// [Pass] and reports what it finds.
type Rule struct {
	ID       string   // "HL101"
	Name     string   // kebab-case, "lock-conflict"
	Severity Severity // default severity
	Summary  string   // one line, no final period
	Doc      string   // longer explanation, plain text paragraphs
	Bad      string   // a hook that the rule reports
	Good     string   // the same hook, fixed
	// BadFile and GoodFile say how the examples are written to disk, for rules about the
	// file rather than its text (its name, its mode); the zero value is an executable
	// post-deploy hook.
	BadFile, GoodFile ExampleFile
	Run               func(*Pass)
}

// ExampleFile is how a rule's example is written to disk: under .kamal/hooks/Name with
// Mode, on a project on Kamal 2.5.3.
type ExampleFile struct {
	Name string      // the file's name in the hooks folder; "" means "post-deploy"
	Mode fs.FileMode // permission bits; 0 means 0755
}

// FileName returns the example's name in the hooks folder.
func (f ExampleFile) FileName() string {
	if f.Name == "" {
		return "post-deploy"
	}
	return f.Name
}

// FileMode returns the example's permission bits.
func (f ExampleFile) FileMode() fs.FileMode {
	if f.Mode == 0 {
		return 0o755
	}
	return f.Mode
}

// Describe says what about an example with source src cannot be seen in its text: "saved
// as .kamal/hooks/post-deploy.sh, mode 0644, with CRLF line endings"; "" for an executable
// post-deploy hook with plain text.
func (f ExampleFile) Describe(src string) string {
	var parts []string
	if f.Name != "" {
		parts = append(parts, "saved as .kamal/hooks/"+f.Name)
	}
	if f.Mode != 0 {
		parts = append(parts, fmt.Sprintf("mode %04o", f.Mode.Perm()))
	}
	if strings.HasPrefix(src, "\uFEFF") {
		parts = append(parts, "starting with a UTF-8 byte order mark")
	}
	if strings.Contains(src, "\r\n") {
		parts = append(parts, "with CRLF line endings")
	}
	return strings.Join(parts, ", ")
}

// ExampleText returns an example's source for display: without a byte order mark, and
// with LF line endings ([ExampleFile.Describe] says when they differ).
func ExampleText(src string) string {
	return strings.ReplaceAll(strings.TrimPrefix(src, "\uFEFF"), "\r\n", "\n")
}

// URL is where the rule's documentation lives.
func (r *Rule) URL() string {
	return DocsURL + "#" + lowerASCII(r.ID)
}

// DocsURL is the page that documents every rule, one section each.
const DocsURL = "https://github.com/hooklint/hooklint/blob/main/docs/rules.md"

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
