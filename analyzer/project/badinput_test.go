package project

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestBadInput checks that broken files become problems, never a panic, a hang or a failed
// Load.
func TestBadInput(t *testing.T) {
	const deploy = "config/deploy.yml"
	tests := []struct {
		name  string
		setup func(t *testing.T, root string)
		want  []Problem
		check func(t *testing.T, p *Project)
	}{
		{"NUL bytes", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "service: app\x00\x01\x02")
		}, []Problem{{File: deploy, Message: "binary file (contains NUL bytes); not read"}}, nil},
		{"over 4 MiB", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "service: app\n"+strings.Repeat("# padding\n", maxFileSize/10+1))
		}, []Problem{{File: deploy, Message: "larger than 4 MiB; not read"}}, nil},
		{"directory", func(t *testing.T, root string) {
			if err := os.MkdirAll(filepath.Join(root, deploy), 0o755); err != nil {
				t.Fatal(err)
			}
		}, []Problem{{File: deploy, Message: "is a directory, not a file"}}, nil},
		{"symlink loop", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "config", ".keep"), "")
			symlink(t, "deploy.yml", filepath.Join(root, deploy))
		}, []Problem{{File: deploy, Message: "cannot read: symbolic link loop"}}, nil},
		{"two-link loop", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "config", ".keep"), "")
			symlink(t, "b.yml", filepath.Join(root, deploy))
			symlink(t, "deploy.yml", filepath.Join(root, "config", "b.yml"))
		}, []Problem{{File: deploy, Message: "cannot read: symbolic link loop"}}, nil},
		{"dangling symlink", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "config", ".keep"), "")
			symlink(t, "gone.yml", filepath.Join(root, deploy))
		}, []Problem{{File: deploy, Message: "symbolic link to a missing file"}}, nil},
		{"symlink to a good file", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "config", "real.yml"), "service: app\n")
			symlink(t, "real.yml", filepath.Join(root, deploy))
		}, nil, func(t *testing.T, p *Project) {
			if p.Config == nil || p.Config.Service.Text != "app" {
				t.Errorf("config = %+v", p.Config)
			}
		}},
		{"Gemfile.lock directory", func(t *testing.T, root string) {
			if err := os.MkdirAll(filepath.Join(root, "Gemfile.lock"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, []Problem{{File: "Gemfile.lock", Message: "is a directory, not a file"}}, nil},
		{"Gemfile.lock binary", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "Gemfile.lock"), "\x00\x00")
		}, []Problem{{File: "Gemfile.lock", Message: "binary file (contains NUL bytes); not read"}}, nil},
		{"deep nesting beyond yaml.v3's limit", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "a: "+strings.Repeat("[", 20000))
		}, []Problem{{File: deploy, Message: "cannot parse YAML: exceeded max depth of 10000"}}, nil},
		{"deep nesting within yaml.v3's limit", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "service: app\nx-deep: "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+"\n")
		}, []Problem{{File: deploy, Line: 2, Message: "YAML nested deeper than 64 levels; the deeper values are ignored"}},
			func(t *testing.T, p *Project) {
				if p.Config == nil || p.Config.Service.Text != "app" {
					t.Errorf("config = %+v", p.Config)
				}
			}},
		{"self-referencing anchor", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "service: app\nx-loop: &a [*a]\n")
		}, []Problem{{File: deploy, Line: 2, Message: "YAML nested deeper than 64 levels; the deeper values are ignored"}}, nil},
		{"alias bomb", func(t *testing.T, root string) {
			var b strings.Builder
			b.WriteString("service: app\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
			for i := 1; i < 10; i++ {
				prev := "*a" + string(rune('0'+i-1))
				b.WriteString("x" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 9) + prev + "]\n")
			}
			writeFile(t, filepath.Join(root, deploy), b.String())
		}, []Problem{{File: deploy, Message: "YAML has more than 262144 values once aliases are expanded; the rest are ignored"}}, nil},
		{"invalid UTF-8", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "service: \xff\xfe\xfd\n")
		}, []Problem{{File: deploy, Message: "cannot parse YAML: invalid leading UTF-8 octet"}}, nil},
		{"tab indentation", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "servers:\n\t- a\n")
		}, []Problem{{File: deploy, Line: 2, Message: "cannot parse YAML: found character that cannot start any token"}}, nil},
		{"unknown anchor", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, deploy), "servers: *nope\n")
		}, []Problem{{File: deploy, Message: "cannot parse YAML: unknown anchor 'nope' referenced"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.setup(t, root)
			p := loadWithin(t, root, 10*time.Second)
			if !reflect.DeepEqual(p.Problems, tt.want) {
				t.Errorf("Problems = %q\nwant       %q", p.Problems, tt.want)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	root := t.TempDir()
	name := filepath.Join(root, "config", "deploy.yml")
	writeFile(t, name, "service: app\n")
	if err := os.Chmod(name, 0); err != nil {
		t.Fatal(err)
	}
	p := loadWithin(t, root, 10*time.Second)
	want := []Problem{{File: "config/deploy.yml", Message: "cannot read: permission denied"}}
	if !reflect.DeepEqual(p.Problems, want) || p.Config != nil {
		t.Errorf("Problems = %v, Config = %v", p.Problems, p.Config)
	}
}

func TestUnreadableConfigDir(t *testing.T) {
	// A file where the config directory should be: no deploy.yml, no destinations, no problem.
	p := loadFiles(t, map[string]string{"config": "not a directory"})
	if p.Config != nil || p.Destinations != nil || len(p.Problems) != 0 {
		t.Errorf("Config %v Destinations %v Problems %v", p.Config, p.Destinations, p.Problems)
	}
}

// loadWithin loads root, failing the test if that takes longer than d (a hang).
func loadWithin(t *testing.T, root string, d time.Duration) *Project {
	t.Helper()
	done := make(chan *Project, 1)
	go func() {
		p, err := Load(root, Options{})
		if err != nil {
			t.Error(err)
		}
		done <- p
	}()
	select {
	case p := <-done:
		return p
	case <-time.After(d):
		t.Fatalf("Load(%s) still running after %v", root, d)
		return nil
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

func TestProblemCap(t *testing.T) {
	yml := "servers:\n" + strings.Repeat("  - [bad]\n", maxProblems+20)
	p := loadFiles(t, map[string]string{"config/deploy.yml": yml})
	if len(p.Problems) != maxProblems+1 || p.Problems[maxProblems].Message != "too many problems; the rest are not shown" {
		t.Errorf("%d problems, last %v", len(p.Problems), p.Problems[len(p.Problems)-1])
	}
}
