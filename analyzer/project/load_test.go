package project

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/hooklint/hooklint/analyzer/kamal"
)

const baseYML = `service: app
servers:
  web:
    - 1.1.1.1
  jobs:
    - 2.2.2.2
ssh:
  user: deploy
  port: 2222
accessories:
  db:
    host: 3.3.3.3
aliases:
  console: app exec -i bash
`

func TestConfigFor(t *testing.T) {
	p := loadFiles(t, map[string]string{
		"config/deploy.yml": baseYML,
		"config/deploy.staging.yml": `servers:
  web:
    - 9.9.9.9
ssh:
  port: 22
accessories:
  db:
    service: staging-db
`,
		"config/deploy.broken.yml": "servers: [\n",
		"config/deploy.empty.yml":  "",
	})
	if want := []string{"broken", "empty", "staging"}; !slices.Equal(p.Destinations, want) {
		t.Errorf("Destinations = %q, want %q", p.Destinations, want)
	}
	if p.ConfigFor("") != p.Config {
		t.Error(`ConfigFor("") is not Config`)
	}

	st := p.ConfigFor("staging")
	if st == p.Config || st != p.ConfigFor("staging") {
		t.Fatal("staging config missing or not cached")
	}
	if want := []string{"config/deploy.yml", "config/deploy.staging.yml"}; !slices.Equal(st.Files, want) {
		t.Errorf("Files = %q", st.Files)
	}
	// The destination replaces lists and values, and merges maps.
	if h, _ := st.PrimaryHost(); h.Text != "9.9.9.9" {
		t.Errorf("primary host = %v", h)
	}
	if r := st.Role("jobs"); r == nil || r.Hosts[0].Name.Text != "2.2.2.2" {
		t.Errorf("jobs role lost: %+v", st.Roles)
	}
	if st.SSHUser.Text != "deploy" || st.SSHPort.Text != "22" {
		t.Errorf("ssh = %v %v", st.SSHUser, st.SSHPort)
	}
	db := st.Accessory("db")
	if got := st.AccessoryContainer(db); got.Text != "staging-db" {
		t.Errorf("container = %v", got)
	}
	if got := st.AccessoryHosts(db); len(got) != 1 || got[0].Text != "3.3.3.3" {
		t.Errorf("db hosts = %v", got)
	}
	// The base is untouched.
	if h, _ := p.Config.PrimaryHost(); h.Text != "1.1.1.1" || p.Config.Accessory("db").Service != (Scalar{}) {
		t.Errorf("base config changed: %v", h)
	}

	if p.ConfigFor("empty").SSHPort.Text != "2222" {
		t.Error("empty destination should leave the base settings")
	}
	// The broken destination is reported by Load, before anything asks for it.
	want := []Problem{{File: "config/deploy.broken.yml", Line: 1, Message: "cannot parse YAML: did not find expected node content"}}
	if !reflect.DeepEqual(p.Problems, want) {
		t.Errorf("Problems = %v, want %v", p.Problems, want)
	}
	if p.ConfigFor("broken") != p.Config {
		t.Error("broken destination should yield the base config")
	}
	if !reflect.DeepEqual(p.Problems, want) {
		t.Errorf("ConfigFor changed Problems: %v", p.Problems)
	}
	if p.ConfigFor("missing") != p.Config || p.ConfigFor("../secrets") != p.Config {
		t.Error("missing or invalid destination should yield the base config")
	}
}

func TestConfigForNoBase(t *testing.T) {
	p := loadFiles(t, map[string]string{"config/deploy.staging.yml": "service: app\n"})
	if p.Config != nil || p.ConfigFor("staging") != nil {
		t.Error("want nil configs without deploy.yml")
	}
	if !slices.Equal(p.Destinations, []string{"staging"}) || len(p.Problems) != 0 {
		t.Errorf("Destinations %v Problems %v", p.Destinations, p.Problems)
	}
}

func TestDestinationProblemsNamed(t *testing.T) {
	p := loadFiles(t, map[string]string{
		"config/deploy.yml":      "service: app\nservers: 1.1.1.1\n",
		"config/deploy.prod.yml": "ssh: [x]\n",
	})
	want := []Problem{
		{File: "config/deploy.yml", Line: 2, Message: "servers must be a list or a map"},
		{File: "config/deploy.prod.yml", Line: 1, Message: "ssh must be a map"},
	}
	if !reflect.DeepEqual(p.Problems, want) {
		t.Errorf("Problems = %v\nwant %v", p.Problems, want)
	}
}

func TestHooksPath(t *testing.T) {
	tests := []struct {
		yml, want string
	}{
		{"", ".kamal/hooks"},
		{"service: app\n", ".kamal/hooks"},
		{"hooks_path: bin/hooks/\n", "bin/hooks"},
		{"hooks_path: ./.kamal/custom\n", ".kamal/custom"},
		{"hooks_path: <%= ENV['H'] %>\n", ".kamal/hooks"},
	}
	for _, tt := range tests {
		files := map[string]string{}
		if tt.yml != "" {
			files["config/deploy.yml"] = tt.yml
		}
		if got := loadFiles(t, files).HooksPath; got != tt.want {
			t.Errorf("%q: HooksPath = %q, want %q", tt.yml, got, tt.want)
		}
	}
}

func TestHooksPathAbsolute(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config", "deploy.yml"), "hooks_path: "+filepath.Join(dir, "ops", "hooks")+"\n")
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.HooksPath != "ops/hooks" {
		t.Errorf("HooksPath = %q, want ops/hooks", p.HooksPath)
	}
}

func TestVersionDetection(t *testing.T) {
	const lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    kamal (2.5.3)\n      activesupport (>= 7.0)\n"
	const minv = "service: app\nminimum_version: 2.4.0\n"
	tests := []struct {
		name  string
		files map[string]string
		flag  string
		want  VersionInfo
		known bool
		probs []Problem
	}{
		{"nothing", nil, "", VersionInfo{}, false, nil},
		{"flag wins", map[string]string{"Gemfile.lock": lock, "config/deploy.yml": minv}, "2.6.1",
			VersionInfo{kamal.V(2, 6, 1), "flag", false}, true, nil},
		{"Gemfile.lock over minimum_version", map[string]string{"Gemfile.lock": lock, "config/deploy.yml": minv}, "",
			VersionInfo{kamal.V(2, 5, 3), "Gemfile.lock", false}, true, nil},
		{"minimum_version is a floor", map[string]string{"config/deploy.yml": minv}, "",
			VersionInfo{kamal.V(2, 4, 0), "minimum_version", true}, false, nil},
		{"Gemfile.lock without kamal", map[string]string{"Gemfile.lock": "GEM\n  specs:\n    rails (8.0.0)\n", "config/deploy.yml": minv}, "",
			VersionInfo{kamal.V(2, 4, 0), "minimum_version", true}, false, nil},
		{"invalid Gemfile.lock spec", map[string]string{"Gemfile.lock": "GEM\n  specs:\n    kamal (two)\n", "config/deploy.yml": minv}, "",
			VersionInfo{kamal.V(2, 4, 0), "minimum_version", true}, false,
			[]Problem{{File: "Gemfile.lock", Line: 3, Message: `kamal spec: invalid version "two"`}}},
		{"invalid minimum_version", map[string]string{"Gemfile.lock": lock, "config/deploy.yml": "minimum_version: x\n"}, "",
			VersionInfo{kamal.V(2, 5, 3), "Gemfile.lock", false}, true,
			[]Problem{{File: "config/deploy.yml", Line: 1, Message: `minimum_version: invalid version "x"`}}},
		{"dynamic minimum_version", map[string]string{"config/deploy.yml": "minimum_version: <%= v %>\n"}, "",
			VersionInfo{}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Load(writeTree(t, tt.files), Options{KamalVersion: tt.flag})
			if err != nil {
				t.Fatal(err)
			}
			if p.Kamal != tt.want || p.Kamal.Known() != tt.known {
				t.Errorf("Kamal = %+v (known %v), want %+v (known %v)", p.Kamal, p.Kamal.Known(), tt.want, tt.known)
			}
			if !reflect.DeepEqual(p.Problems, tt.probs) {
				t.Errorf("Problems = %v, want %v", p.Problems, tt.probs)
			}
		})
	}
}

func TestVersionSourceOption(t *testing.T) {
	p, err := Load(t.TempDir(), Options{KamalVersion: "2.4.1", KamalVersionSource: ".hooklint.yml"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (VersionInfo{Version: kamal.V(2, 4, 1), Source: ".hooklint.yml"}); p.Kamal != want {
		t.Errorf("Kamal = %+v, want %+v", p.Kamal, want)
	}
}

func TestLoadBadFlag(t *testing.T) {
	if _, err := Load(t.TempDir(), Options{KamalVersion: "latest"}); err == nil {
		t.Error("want an error for --kamal-version latest")
	}
}

func TestProblemString(t *testing.T) {
	if got := (Problem{File: "config/deploy.yml", Line: 7, Message: "m"}).String(); got != "config/deploy.yml:7: m" {
		t.Error(got)
	}
	if got := (Problem{File: "Gemfile.lock", Message: "m"}).String(); got != "Gemfile.lock: m" {
		t.Error(got)
	}
}

func TestConfigForConcurrent(t *testing.T) {
	p := loadFiles(t, map[string]string{
		"config/deploy.yml":         baseYML,
		"config/deploy.staging.yml": "service: other\n",
	})
	done := make(chan *Config)
	for range 8 {
		go func() { done <- p.ConfigFor("staging") }()
	}
	first := <-done
	for range 7 {
		if c := <-done; c != first {
			t.Error("ConfigFor returned different configs")
		}
	}
	if first.Service.Text != "other" {
		t.Errorf("service = %v", first.Service)
	}
}

func TestWholeValueERB(t *testing.T) {
	// The first pass succeeds: a lone tag as a mapping's value is a Dynamic scalar.
	c := loadDeploy(t, "service: app\nssh:\n  <%= ssh_settings %>\nservers:\n  - 1.1.1.1\n")
	if c.SSHUser.Text != "root" || c.Role("web") == nil {
		t.Errorf("ssh %v roles %v", c.SSHUser, c.Roles)
	}
	// A lone tag after a list needs the second pass, with the tag as a comment.
	c = loadDeploy(t, "service: app\nservers:\n  - 1.1.1.1\n<%= more_settings %>\nprimary_role: web\n")
	if h, ok := c.PrimaryHost(); !ok || h.Text != "1.1.1.1" {
		t.Errorf("primary host %v", h)
	}
}
