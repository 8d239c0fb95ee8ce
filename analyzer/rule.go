package analyzer

import (
	"fmt"
	"github.com/hooklint/hooklint/internal/editdist"
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
	// Project holds the other files of the project the examples run in, as path to
	// content (a deploy.yml with destinations), when the rule needs any.
	Project map[string]string
	// BadFile and GoodFile say how the examples are written to disk, for rules about the
	// file rather than its text (its name, its mode); the zero value is an executable
	// post-deploy hook.
	BadFile, GoodFile ExampleFile
	Run               func(*Pass)
	// AfterSuppression marks a rule about suppression directives themselves: it runs once
	// the other rules' findings in the hook have been filtered by the directives, and reads
	// what each silenced in [Pass.Directives]. Directives naming it are never judged.
	AfterSuppression bool
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

// FindRule returns the rule of rules with the given ID (in any case, "hl101") or name
// ("lock-conflict"), or nil.
func FindRule(rules []*Rule, idOrName string) *Rule {
	for _, r := range rules {
		if r != nil && (equalFoldASCII(r.ID, idOrName) || r.Name == idOrName) {
			return r
		}
	}
	return nil
}

// NearestRule returns the rule whose ID or name is nearest to s by edit distance, for a
// "did you mean" hint; nil when none is close (see [NearestName]).
func NearestRule(rules []*Rule, s string) *Rule {
	var names []string
	byName := map[string]*Rule{}
	for _, r := range rules {
		if r != nil {
			names = append(names, lowerASCII(r.ID), r.Name)
			byName[lowerASCII(r.ID)], byName[r.Name] = r, r
		}
	}
	return byName[NearestName(lowerASCII(s), names)]
}

// NearestName returns the name of names nearest to s by edit distance, the first of equals;
// "" when none is close (more than a third of the longer word differs).
func NearestName(s string, names []string) string {
	best, bestDist := "", 0
	for _, n := range names {
		d := editdist.Distance(s, n)
		if d*3 > max(len(s), len(n)) {
			continue
		}
		if best == "" || d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

func equalFoldASCII(a, b string) bool { return lowerASCII(a) == lowerASCII(b) }
