// Command extracthooks writes the shell hooks of the fixtures in a folder of txtar
// archives as small projects, one hook each under the name it has in its fixture and with
// a Gemfile.lock for the fixture's Kamal version (most real projects have one), for the
// speed comparison in scripts/speed. It prints the paths of the hook files.
package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/tools/txtar"
)

// hookNames are the hooks Kamal runs; a fixture's other files are left out.
var hookNames = map[string]bool{"pre-connect": true, "pre-build": true, "pre-deploy": true, "post-deploy": true,
	"docker-setup": true, "pre-app-boot": true, "post-app-boot": true, "pre-proxy-reboot": true, "post-proxy-reboot": true}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: extracthooks CASES-DIR OUT-DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(casesDir, out string) error {
	cases, err := filepath.Glob(filepath.Join(casesDir, "*.txtar"))
	if err != nil {
		return err
	}
	for i, c := range cases {
		ar, err := txtar.ParseFile(c)
		if err != nil {
			return err
		}
		version := ""
		for _, line := range strings.Split(string(ar.Comment), "\n") {
			if v, ok := strings.CutPrefix(line, "kamal-version: "); ok {
				version = strings.TrimSpace(v)
			}
		}
		for _, f := range ar.Files {
			name := path.Base(f.Name)
			if !strings.HasPrefix(f.Name, ".kamal/hooks/") || !hookNames[name] || !strings.HasPrefix(string(f.Data), "#!/bin/") {
				continue
			}
			dir := filepath.Join(out, fmt.Sprintf("p%03d", i), ".kamal", "hooks")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			if version != "" {
				lock := fmt.Sprintf("GEM\n  specs:\n    kamal (%s)\n", version)
				if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("p%03d", i), "Gemfile.lock"), []byte(lock), 0o644); err != nil {
					return err
				}
			}
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, f.Data, 0o755); err != nil {
				return err
			}
			fmt.Println(file)
		}
	}
	return nil
}
