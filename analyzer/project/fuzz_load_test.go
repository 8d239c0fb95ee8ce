package project

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzLoad loads projects made of a random deploy.yml (ERB included), a random destination
// file and a random Gemfile.lock from disk, as a run does. Nothing may panic and Load must
// not fail; every problem must name one of the files with a line inside it; loading twice
// must give the same project; the destination's config must be there whenever the base
// config is.
func FuzzLoad(f *testing.F) {
	for _, seed := range fixtureConfigs(f) {
		f.Add(seed[0], seed[1], seed[2])
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), []byte(s), []byte(nil))
	}
	f.Add([]byte("\r0"), []byte("0"), []byte("0")) // a lone CR ends a line in YAML
	f.Add([]byte("service: app\nhooks_path: <%= x %>\nminimum_version: 2.6\n"), []byte("x: &a [*a]\n"), []byte("    kamal (2.5.3)\n"))
	f.Fuzz(func(t *testing.T, deploy, dest, gemfile []byte) {
		files := map[string][]byte{"config/deploy.yml": deploy, "config/deploy.staging.yml": dest, "Gemfile.lock": gemfile}
		root := t.TempDir()
		for name, data := range files {
			if data == nil {
				continue
			}
			writeFile(t, filepath.Join(root, filepath.FromSlash(name)), string(data))
		}
		p, err := Load(root, Options{})
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		for _, q := range p.Problems {
			data, ok := files[q.File]
			if !ok || data == nil {
				t.Errorf("problem about a file not written: %v", q)
				continue
			}
			if lines := yamlLines(data); q.Line < 0 || q.Line > lines {
				t.Errorf("problem at line %d of a %d-line file: %v", q.Line, lines, q)
			}
			if q.Message == "" {
				t.Errorf("problem without a message: %v", q)
			}
		}
		again, err := Load(root, Options{})
		if err != nil || !reflect.DeepEqual(p.SecretNames(), again.SecretNames()) {
			t.Fatalf("two loads read different secrets: %v, %v (%v)", p.SecretNames(), again.SecretNames(), err)
		}
		a, b := *p, *again
		a.secretNames, b.secretNames = nil, nil // functions are never deeply equal
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("two loads differ:\n%+v\n%+v", p, again)
		}
		if p.Config != nil && dest != nil && p.ConfigFor("staging") == nil {
			t.Errorf("no config for the destination")
		}
		for _, c := range []*Config{p.Config, p.ConfigFor("staging")} {
			if c == nil {
				continue
			}
			c.PrimaryHost()
			c.AliasMap()
			for i := range c.Accessories {
				c.AccessoryHosts(&c.Accessories[i])
				c.AccessoryContainer(&c.Accessories[i])
			}
		}
	})
}

// yamlLines counts lines as YAML does: a line ends with LF, CR LF or a lone CR.
func yamlLines(data []byte) int {
	crlf := bytes.Count(data, []byte("\r\n"))
	return bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{'\r'}) - crlf + 1
}

// fixtureConfigs returns deploy.yml, config/deploy.staging.yml (or another destination)
// and Gemfile.lock of each fixture that has a deploy.yml; missing files are nil.
func fixtureConfigs(tb testing.TB) [][3][]byte {
	tb.Helper()
	cases, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "cases", "*.txtar"))
	var out [][3][]byte
	for _, c := range cases {
		data, err := os.ReadFile(c)
		if err != nil {
			tb.Fatal(err)
		}
		var seed [3][]byte
		for _, file := range txtar.Parse(data).Files {
			switch {
			case file.Name == "config/deploy.yml":
				seed[0] = file.Data
			case strings.HasPrefix(file.Name, "config/deploy.") && strings.HasSuffix(file.Name, ".yml"):
				seed[1] = file.Data
			case file.Name == "Gemfile.lock":
				seed[2] = file.Data
			}
		}
		if seed[0] != nil {
			out = append(out, seed)
		}
	}
	return out
}
