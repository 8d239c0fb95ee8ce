package analyzer

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
	Run     func(*Pass)
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
