package project

import (
	"bufio"
	"bytes"
	"path"
	"slices"
	"strings"
)

// secretFiles lists the files whose variables a hook may see besides Kamal's own: the v2
// secrets files (.kamal/secrets, .kamal/secrets-common, .kamal/secrets.<dest>) and the
// dotenv files v1 loaded (.env, .env.<dest>), as names for [Project.ReadFile].
// lock-model.md §5.1, §7.
func (p *Project) secretFiles() []string {
	var names []string
	for _, g := range []struct {
		dir      string
		patterns []string
	}{
		{".kamal", []string{"secrets", "secrets-common", "secrets.*"}},
		{".", []string{".env", ".env.*"}},
	} {
		entries, _ := p.ReadDir(p.Path(g.dir)) // each folder listed once, for all its patterns
		for _, pattern := range g.patterns {
			for _, e := range entries {
				if ok, _ := path.Match(pattern, e.Name()); ok {
					names = append(names, p.Path(path.Join(g.dir, e.Name())))
				}
			}
		}
	}
	return names
}

// readSecretNames returns the names the project's secrets and dotenv files assign, sorted.
// Only the names are read: values, and the commands some of them run, are never looked at.
// A file that cannot be read adds nothing; it is no input hooklint checks.
func (p *Project) readSecretNames() []string {
	var names []string
	for _, f := range p.secretFiles() {
		data, err := p.ReadFile(f, maxFileSize)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			line = strings.TrimPrefix(line, "export ")
			name, _, ok := strings.Cut(line, "=")
			if ok && validEnvName(strings.TrimSpace(name)) && !slices.Contains(names, strings.TrimSpace(name)) {
				names = append(names, strings.TrimSpace(name))
			}
		}
	}
	slices.Sort(names)
	return names
}

func validEnvName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
