package driver

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hooklint/hooklint/analyzer"
	"golang.org/x/tools/txtar"
)

// memCase is a fixture of testdata/cases as files with their modes, and the Kamal version
// its comment names.
type memCase struct {
	files        map[string]*fstest.MapFile
	kamalVersion string
}

// readMemCase reads a fixture; ok is false for one whose facts only a disk can hold (a
// git index).
func readMemCase(t *testing.T, file string) (c memCase, ok bool) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c.files = map[string]*fstest.MapFile{}
	modes := map[string]os.FileMode{}
	crlf, bom := map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 3 && f[0] == "git":
			return c, false
		case len(f) == 3 && f[0] == "mode":
			m, err := strconv.ParseUint(f[2], 8, 32)
			if err != nil {
				t.Fatal(err)
			}
			modes[f[1]] = os.FileMode(m)
		case len(f) == 2 && f[0] == "crlf":
			crlf[f[1]] = true
		case len(f) == 2 && f[0] == "bom":
			bom[f[1]] = true
		case len(f) == 2 && f[0] == "kamal-version:":
			c.kamalVersion = f[1]
		}
	}
	for _, f := range ar.Files {
		data := f.Data
		if crlf[f.Name] {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		}
		if bom[f.Name] {
			data = append([]byte("\uFEFF"), data...)
		}
		mode, set := modes[f.Name]
		if !set {
			mode = 0o755
		}
		c.files[f.Name] = &fstest.MapFile{Data: data, Mode: mode}
	}
	return c, true
}

// TestMemoryMatchesDisk checks every fixture project twice, written to disk and held in
// memory, and wants the same report: the same findings, suggestions and problems.
func TestMemoryMatchesDisk(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "..", "testdata", "cases", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c, ok := readMemCase(t, file)
			if !ok {
				t.Skip("a git index is on disk only")
			}
			dir := t.TempDir()
			for name, f := range c.files {
				full := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, f.Data, f.Mode); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(full, f.Mode); err != nil {
					t.Fatal(err)
				}
			}
			disk, err := Run(Options{Dir: dir, KamalVersion: c.kamalVersion})
			if err != nil {
				t.Fatal(err)
			}
			mem, err := Run(Options{FS: fstest.MapFS(c.files), KamalVersion: c.kamalVersion})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(disk.Diagnostics, mem.Diagnostics) {
				t.Errorf("findings differ:\ndisk:   %v\nmemory: %v", summary(disk.Diagnostics), summary(mem.Diagnostics))
			}
			if !reflect.DeepEqual(disk.Problems, mem.Problems) {
				t.Errorf("problems differ:\ndisk:   %v\nmemory: %v", disk.Problems, mem.Problems)
			}
			if !reflect.DeepEqual(disk.Sources, mem.Sources) {
				t.Error("sources differ")
			}
			if len(mem.Projects) != 1 || mem.Root != MemRoot || mem.Projects[0].Project.Kamal != disk.Projects[0].Project.Kamal {
				t.Errorf("memory report: root %q, %d projects", mem.Root, len(mem.Projects))
			}
		})
	}
}

func summary(ds []analyzer.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.File+":"+strconv.Itoa(d.Span.Start.Line)+" "+d.Rule+" "+d.Message)
	}
	return out
}

// TestMemoryInputs checks what a project in memory can be given: a hook on Stdin with a
// name, a file, the project's .hooklint.yml, and paths it does not have.
func TestMemoryInputs(t *testing.T) {
	fsys := fstest.MapFS{
		"config/deploy.yml":        {Data: []byte("service: app\nservers: [1.1.1.1]\naccessories:\n  db:\n    host: 1.1.1.1\n")},
		"Gemfile.lock":             {Data: []byte("GEM\n  specs:\n    kamal (2.5.3)\n")},
		".hooklint.yml":            {Data: []byte("rules:\n  HL004: off\n")},
		".kamal/hooks/pre-deploy":  {Data: []byte("kamal accessory reboot db\n"), Mode: 0o644},
		".kamal/hooks/post-deploy": {Data: []byte("#!/bin/sh\nkamal app exec ls\n"), Mode: 0o755},
	}
	rep, err := Run(Options{FS: fsys, Paths: []string{"-", ".kamal/hooks/pre-deploy", "nothing", "config"},
		StdinFilename: ".kamal/hooks/post-deploy", Stdin: []byte("#!/bin/sh\nset -e\nkamal accessory reboot db\n")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, d.File+":"+strconv.Itoa(d.Span.Start.Line)+" "+d.Rule)
	}
	want := []string{".kamal/hooks/post-deploy:3 HL101", ".kamal/hooks/pre-deploy:1 HL002", ".kamal/hooks/pre-deploy:1 HL101"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings = %q, want %q (HL004 is off in .hooklint.yml)", got, want)
	}
	if len(rep.Problems) != 2 || rep.Problems[0].File != "nothing" || rep.Problems[1].File != "config" {
		t.Errorf("problems = %v, want the missing file and the folder", rep.Problems)
	}
	if v := rep.Projects[0].Kamal.Version; v != "2.5.3" {
		t.Errorf("Kamal version = %q, want Gemfile.lock's 2.5.3", v)
	}
	if _, err := Run(Options{FS: fsys, ConfigFile: "missing.yml"}); err == nil {
		t.Error("a missing --config file in memory is no error")
	}
}
