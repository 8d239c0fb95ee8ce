// Package config reads hooklint's own configuration file, .hooklint.yml at a project root.
//
// The file is read with gopkg.in/yaml.v3 as a node tree, so that every error names the line
// it is on; it is strict: an unknown key or a bad value is an [*Error], never ignored.
// [Parse] reads the bytes, [Load] a file, [Starter] is the commented file that
// `hooklint --init-config` writes. The driver applies a [Config] to a project.
package config

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

// FileName is the file hooklint reads at a project root.
const FileName = ".hooklint.yml"

// Config is what a .hooklint.yml says. Every field is optional; the zero value changes
// nothing.
type Config struct {
	// File is the file's path as given to [Load] or [Parse].
	File string
	// KamalVersion is the Kamal version to check against ("2.5.3"); "" when not set. The
	// --kamal-version flag overrides it.
	KamalVersion string
	// Rules are per-rule settings keyed by rule ID ("HL203", as written in the catalogue,
	// whatever the file's spelling): "off", "error", "warning" or "info".
	Rules map[string]string
	// Ignore are globs ([path.Match] syntax) of slash paths relative to the project root:
	// hooks found in the hooks folder that match are not analysed (see [Config.Ignored]).
	Ignore []string
	// HooksPath is the hooks folder, relative to the project root, for a project whose
	// deploy.yml gives none; "" when not set.
	HooksPath string
	// FailureThreshold is the lowest severity that makes the exit status 1; zero when not
	// set. The --failure-threshold flag overrides it.
	FailureThreshold analyzer.Severity
}

// Error is a configuration file that cannot be used, with the line at fault (0 when about
// the whole file).
type Error struct {
	File    string
	Line    int
	Message string
}

// Error renders the error as "file:line: message".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return e.File + ": " + e.Message
}

// Keys are the keys a .hooklint.yml may have, in the order the documentation lists them.
var Keys = []string{"kamal-version", "rules", "ignore", "hooks-path", "failure-threshold"}

// maxFileSize bounds what Load reads: a configuration is a few hundred bytes.
const maxFileSize = 1 << 20

// Load reads and parses the file at name (see [Parse]). A file that does not exist is an
// error wrapping [fs.ErrNotExist]. Anything but a regular file (a FIFO, which would block
// a read until a writer comes) is refused without being opened.
func Load(name string, rules []*analyzer.Rule) (*Config, error) {
	data, err := project.ReadFile(name, maxFileSize)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the configuration: %w", name, project.PathErrorCause(err))
	}
	return Parse(name, data, rules)
}

// Parse reads a .hooklint.yml. file names it in errors; rules are the rules that `rules:`
// may name. An empty file is an empty Config.
func Parse(file string, data []byte, rules []*analyzer.Rule) (*Config, error) {
	c := &Config{File: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlError(err)
		return nil, &Error{File: file, Line: line, Message: "cannot parse YAML: " + msg}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	top := doc.Content[0]
	if isNull(top) {
		return c, nil
	}
	if top.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: top.Line, Message: "want a mapping of keys (" + strings.Join(Keys, ", ") + ")"}
	}
	p := parser{file: file, rules: rules}
	seen := map[string]bool{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		if seen[key.Value] {
			return nil, p.errorf(key, "%s is set twice", key.Value)
		}
		seen[key.Value] = true
		var err error
		switch key.Value {
		case "kamal-version":
			c.KamalVersion, err = p.version(key, val)
		case "rules":
			c.Rules, err = p.ruleSettings(key, val)
		case "ignore":
			c.Ignore, err = p.ignore(key, val)
		case "hooks-path":
			c.HooksPath, err = p.scalar(key, val, "a folder relative to the project root")
		case "failure-threshold":
			c.FailureThreshold, err = p.severity(key, val)
		default:
			msg := fmt.Sprintf("unknown key %q (valid keys: %s)", key.Value, strings.Join(Keys, ", "))
			if near := analyzer.NearestName(key.Value, Keys); near != "" {
				msg = fmt.Sprintf("unknown key %q: did you mean %s? (valid keys: %s)", key.Value, near, strings.Join(Keys, ", "))
			}
			err = p.errorf(key, "%s", msg)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Ignored reports whether a hook, a slash path relative to the project root, matches one of
// the Ignore globs, itself or through a folder that contains it.
func (c *Config) Ignored(rel string) bool {
	if c == nil {
		return false
	}
	for _, pat := range c.Ignore {
		for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
			if ok, _ := path.Match(pat, p); ok {
				return true
			}
		}
	}
	return false
}

// parser reads the values of a .hooklint.yml.
type parser struct {
	file  string
	rules []*analyzer.Rule
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) *Error {
	return &Error{File: p.file, Line: n.Line, Message: fmt.Sprintf(format, args...)}
}

// scalar returns a non-empty scalar value; want says what is expected.
func (p *parser) scalar(key, val *yaml.Node, want string) (string, error) {
	if val.Kind != yaml.ScalarNode || isNull(val) || strings.TrimSpace(val.Value) == "" {
		return "", p.errorf(val, "%s: want %s", key.Value, want)
	}
	return strings.TrimSpace(val.Value), nil
}

func (p *parser) version(key, val *yaml.Node) (string, error) {
	s, err := p.scalar(key, val, "a Kamal version such as 2.5.3")
	if err != nil {
		return "", err
	}
	if _, err := kamal.ParseVersion(s); err != nil {
		return "", p.errorf(val, "%s: %v (want a Kamal version such as 2.5.3)", key.Value, err)
	}
	return s, nil
}

func (p *parser) severity(key, val *yaml.Node) (analyzer.Severity, error) {
	s, err := p.scalar(key, val, "error, warning or info")
	if err != nil {
		return 0, err
	}
	sev, err := analyzer.ParseSeverity(s)
	if err != nil {
		return 0, p.errorf(val, "%s: %q is no severity (want error, warning or info)", key.Value, s)
	}
	return sev, nil
}

// ruleSettings reads `rules:`, a mapping of rule ID or name to off or a severity.
func (p *parser) ruleSettings(key, val *yaml.Node) (map[string]string, error) {
	out := map[string]string{}
	if isNull(val) {
		return out, nil
	}
	if val.Kind != yaml.MappingNode {
		return nil, p.errorf(val, "rules: want a mapping of rule ID or name to off, error, warning or info (HL203: off)")
	}
	setAs := map[string]string{}
	for i := 0; i+1 < len(val.Content); i += 2 {
		k, v := val.Content[i], val.Content[i+1]
		r := analyzer.FindRule(p.rules, k.Value)
		if r == nil {
			msg := fmt.Sprintf("rules: no rule is named %q (`hooklint rules` lists them)", k.Value)
			if near := analyzer.NearestRule(p.rules, k.Value); near != nil {
				msg = fmt.Sprintf("rules: no rule is named %q: did you mean %s (%s)?", k.Value, near.ID, near.Name)
			}
			return nil, p.errorf(k, "%s", msg)
		}
		if prev, ok := setAs[r.ID]; ok {
			return nil, p.errorf(k, "rules: %s is already set as %q", r.ID, prev)
		}
		setAs[r.ID] = k.Value
		s := strings.ToLower(strings.TrimSpace(v.Value))
		if v.Kind != yaml.ScalarNode || !slices.Contains([]string{"off", "error", "warning", "info"}, s) {
			return nil, p.errorf(v, "rules: %s: want off, error, warning or info", k.Value)
		}
		out[r.ID] = s
	}
	return out, nil
}

// ignore reads `ignore:`, a list of globs.
func (p *parser) ignore(key, val *yaml.Node) ([]string, error) {
	if isNull(val) {
		return nil, nil
	}
	if val.Kind != yaml.SequenceNode {
		return nil, p.errorf(val, "ignore: want a list of globs of paths relative to the project root (- .kamal/hooks/*.bak)")
	}
	var globs []string
	for _, n := range val.Content {
		if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
			return nil, p.errorf(n, "ignore: want a glob of paths relative to the project root")
		}
		g := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(n.Value), "./"), "/")
		if _, err := path.Match(g, ""); err != nil {
			return nil, p.errorf(n, "ignore: %q is no valid glob (* ? [a-z] and \\ escapes)", n.Value)
		}
		globs = append(globs, g)
	}
	return globs, nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// yamlError splits a yaml.v3 error ("yaml: line 3: did not find ...") into its line (0 when
// it has none) and its message.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, msg, _ = strings.Cut(msg, ": ")
	}
	return line, msg
}
