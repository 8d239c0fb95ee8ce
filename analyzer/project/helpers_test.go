package project

import (
	"os"
	"path/filepath"
	"testing"
)

// writeTree writes files (slash path -> content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), content)
	}
	return dir
}

// writeFile writes name, creating its directory.
func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadFiles loads a project made of files.
func loadFiles(t *testing.T, files map[string]string) *Project {
	t.Helper()
	p, err := Load(writeTree(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// loadDeploy loads a project with deploy.yml alone, failing on any problem.
func loadDeploy(t *testing.T, yml string) *Config {
	t.Helper()
	p := loadFiles(t, map[string]string{"config/deploy.yml": yml})
	for _, q := range p.Problems {
		t.Errorf("unexpected problem: %v", q)
	}
	if p.Config == nil {
		t.Fatal("no config")
	}
	return p.Config
}

func s(text string, line int) Scalar { return Scalar{Text: text, Line: line} }

func dyn(text string, line int) Scalar { return Scalar{Text: text, Dynamic: true, Line: line} }

func hosts(names ...Scalar) []Host {
	var hs []Host
	for _, n := range names {
		hs = append(hs, Host{Name: n})
	}
	return hs
}
