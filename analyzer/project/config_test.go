package project

import (
	"maps"
	"reflect"
	"testing"
)

func TestRoles(t *testing.T) {
	tests := []struct {
		name string
		yml  string
		want []Role
	}{
		{"no servers", "service: app\n", nil},
		{"list is the web role", "servers:\n  - 1.1.1.1\n  - 2.2.2.2\n",
			[]Role{{Name: "web", Hosts: hosts(s("1.1.1.1", 2), s("2.2.2.2", 3))}}},
		{"map of lists, sorted", "servers:\n  workers:\n    - 3.3.3.3\n  web:\n    - 1.1.1.1\n",
			[]Role{{Name: "web", Hosts: hosts(s("1.1.1.1", 5))}, {Name: "workers", Hosts: hosts(s("3.3.3.3", 3))}}},
		{"role with hosts", "servers:\n  web:\n    hosts:\n      - 1.1.1.1\n    cmd: bin/web\n",
			[]Role{{Name: "web", Hosts: hosts(s("1.1.1.1", 4))}}},
		{"role with one host as a string", "servers:\n  web:\n    hosts: 1.1.1.1\n",
			[]Role{{Name: "web", Hosts: hosts(s("1.1.1.1", 3))}}},
		{"host tags", "servers:\n  web:\n    - 1.1.1.1: primary\n    - 2.2.2.2: [a, b]\n    - 3.3.3.3\n",
			[]Role{{Name: "web", Hosts: []Host{
				{Name: s("1.1.1.1", 3), Tags: []string{"primary"}},
				{Name: s("2.2.2.2", 4), Tags: []string{"a", "b"}},
				{Name: s("3.3.3.3", 5)},
			}}}},
		{"duplicate host keeps first place, last tags", "servers:\n  - 1.1.1.1\n  - 2.2.2.2\n  - 1.1.1.1: x\n",
			[]Role{{Name: "web", Hosts: []Host{{Name: s("1.1.1.1", 2), Tags: []string{"x"}}, {Name: s("2.2.2.2", 3)}}}}},
		{"ERB host", "servers:\n  - <%= ENV[\"HOST\"] %>\n",
			[]Role{{Name: "web", Hosts: hosts(dyn(`<%= ENV["HOST"] %>`, 2))}}},
		{"servers computed by ERB", "servers: <%= hosts.to_yaml %>\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadDeploy(t, tt.yml)
			if !reflect.DeepEqual(c.Roles, tt.want) {
				t.Errorf("Roles = %+v\nwant    %+v", c.Roles, tt.want)
			}
		})
	}
}

func TestAccessories(t *testing.T) {
	yml := `service: app
accessories:
  redis:
    image: redis
    host: 1.1.1.1
  db:
    image: mysql
    hosts:
      - 2.2.2.2
      - 3.3.3.3
    service: mydb
  search:
    roles: [web, workers]
  cache:
    role: web
  metrics:
    tags: [a, b]
  logs:
    tag: a
  erb:
    host: <%= ENV["ACC"] %>
`
	want := []Accessory{
		{Name: "cache", Roles: []string{"web"}, Line: 14},
		{Name: "db", Service: s("mydb", 11), Hosts: []Scalar{s("2.2.2.2", 9), s("3.3.3.3", 10)}, Line: 6},
		{Name: "erb", Hosts: []Scalar{dyn(`<%= ENV["ACC"] %>`, 21)}, Line: 20},
		{Name: "logs", Tags: []string{"a"}, Line: 18},
		{Name: "metrics", Tags: []string{"a", "b"}, Line: 16},
		{Name: "redis", Hosts: []Scalar{s("1.1.1.1", 5)}, Line: 3},
		{Name: "search", Roles: []string{"web", "workers"}, Line: 12},
	}
	c := loadDeploy(t, yml)
	if !reflect.DeepEqual(c.Accessories, want) {
		t.Errorf("Accessories = %+v\nwant          %+v", c.Accessories, want)
	}
	if a := c.Accessory("db"); a == nil || a.Name != "db" {
		t.Errorf("Accessory(db) = %v", a)
	}
	if a := c.Accessory("nope"); a != nil {
		t.Errorf("Accessory(nope) = %v", a)
	}
}

func TestScalarSettings(t *testing.T) {
	tests := []struct {
		name string
		yml  string
		want func(c *Config) any
		val  any
	}{
		{"service", "service: app\n", func(c *Config) any { return c.Service }, s("app", 1)},
		{"dynamic service", "service: app-<%= x %>\n", func(c *Config) any { return c.Service }, dyn("app-<%= x %>", 1)},
		{"default ssh", "service: app\n", func(c *Config) any { return []Scalar{c.SSHUser, c.SSHPort} },
			[]Scalar{{Text: "root"}, {Text: "22"}}},
		{"ssh user and port", "ssh:\n  user: deploy\n  port: 2222\n", func(c *Config) any { return []Scalar{c.SSHUser, c.SSHPort} },
			[]Scalar{s("deploy", 2), s("2222", 3)}},
		{"default primary role", "service: app\n", func(c *Config) any { return c.PrimaryRole }, "web"},
		{"primary role", "primary_role: workers\n", func(c *Config) any { return c.PrimaryRole }, "workers"},
		{"hooks_path", "hooks_path: bin/hooks\n", func(c *Config) any { return c.HooksPath }, s("bin/hooks", 1)},
		{"minimum_version", "minimum_version: 2.6.0\n", func(c *Config) any { return c.MinimumVersion }, s("2.6.0", 1)},
		{"require_destination", "require_destination: true\n", func(c *Config) any { return c.RequireDestination }, true},
		{"require_destination yes (YAML 1.1)", "require_destination: yes\n", func(c *Config) any { return c.RequireDestination }, true},
		{"require_destination false", "require_destination: false\n", func(c *Config) any { return c.RequireDestination }, false},
		{"aliases", "aliases:\n  console: app exec -i --reuse \"bin/rails console\"\n  db: <%= cmd %>\n",
			func(c *Config) any { return c.Aliases },
			map[string]Scalar{"console": s(`app exec -i --reuse "bin/rails console"`, 2), "db": dyn("<%= cmd %>", 3)}},
		{"files", "service: app\n", func(c *Config) any { return c.Files }, []string{"config/deploy.yml"}},
		{"empty file", "", func(c *Config) any { return c.Service }, Scalar{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadDeploy(t, tt.yml)
			if got := tt.want(c); !reflect.DeepEqual(got, tt.val) {
				t.Errorf("got %+v, want %+v", got, tt.val)
			}
		})
	}
}

func TestAnchorsAndMergeKeys(t *testing.T) {
	yml := `x-hosts: &hosts
  - 1.1.1.1
  - 2.2.2.2
x-ssh: &ssh
  user: deploy
  port: 2222
x-other: &other
  user: other
  proxy: jump
service: app
servers:
  web: *hosts
  jobs:
    hosts: *hosts
ssh:
  <<: [*ssh, *other]
  port: 22
accessories:
  db:
    <<: {host: 9.9.9.9}
`
	c := loadDeploy(t, yml)
	if got := c.Role("jobs"); got == nil || len(got.Hosts) != 2 || got.Hosts[1].Name.Text != "2.2.2.2" {
		t.Errorf("jobs = %+v", got)
	}
	if got := c.Role("web"); got == nil || len(got.Hosts) != 2 {
		t.Errorf("web = %+v", got)
	}
	// Of merged maps the first wins; keys written after << win over merged ones.
	if c.SSHUser.Text != "deploy" || c.SSHPort.Text != "22" {
		t.Errorf("ssh = %v %v", c.SSHUser, c.SSHPort)
	}
	if a := c.Accessory("db"); a == nil || len(a.Hosts) != 1 || a.Hosts[0].Text != "9.9.9.9" {
		t.Errorf("db = %+v", a)
	}
}

func TestMergeKeyOrderAsPsych(t *testing.T) {
	// Psych applies << where it stands: a key before it is overridden.
	c := loadDeploy(t, "base: &b\n  user: merged\nssh:\n  user: early\n  <<: *b\n")
	if c.SSHUser.Text != "merged" {
		t.Errorf("user = %q, want merged", c.SSHUser.Text)
	}
}

func TestDuplicateKeysFromERB(t *testing.T) {
	yml := "service: app\n<% if ENV['PROD'] %>\nservers:\n  - 1.1.1.1\n<% else %>\nservers:\n  - 2.2.2.2\n<% end %>\n"
	c := loadDeploy(t, yml)
	want := []Role{{Name: "web", Hosts: hosts(s("2.2.2.2", 7))}}
	if !reflect.DeepEqual(c.Roles, want) {
		t.Errorf("Roles = %+v, want %+v (last wins)", c.Roles, want)
	}
}

func TestERBShapes(t *testing.T) {
	yml := `service: app
<%= extra_settings %>
servers:
  web:
    - 1.1.1.1
    - <%= ENV["HOST2"] %>
  <%= ENV["ROLE"] %>:
    - 3.3.3.3
env:
  <%= env_block %>
ssh:
  user: <%= ENV["USER"] %>
`
	c := loadDeploy(t, yml)
	if c.Service.Text != "app" {
		t.Errorf("service = %v", c.Service)
	}
	web := c.Role("web")
	if web == nil || len(web.Hosts) != 2 || !web.Hosts[1].Name.Dynamic {
		t.Errorf("web = %+v", web)
	}
	if r := c.Role(`<%= ENV["ROLE"] %>`); r == nil {
		t.Errorf("no role named by ERB in %+v", c.Roles)
	}
	if !c.SSHUser.Dynamic || c.SSHUser.Text != `<%= ENV["USER"] %>` {
		t.Errorf("ssh user = %+v", c.SSHUser)
	}
}

func TestXKeysIgnored(t *testing.T) {
	c := loadDeploy(t, "x-servers:\n  - 9.9.9.9\nx-service: other\nservice: app\n")
	if c.Service.Text != "app" || c.Roles != nil {
		t.Errorf("service %v roles %v", c.Service, c.Roles)
	}
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name string
		yml  string
		want []Problem
	}{
		{"servers scalar", "service: app\nservers: 1.1.1.1\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "servers must be a list or a map"}}},
		{"role scalar", "servers:\n  web: 1.1.1.1\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "servers/web must be a list or a map"}}},
		{"host list item", "servers:\n  - [1.1.1.1]\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "servers: a host must be a name or a map of a name to tags"}}},
		{"ssh list", "ssh: [a]\n",
			[]Problem{{File: "config/deploy.yml", Line: 1, Message: "ssh must be a map"}}},
		{"service map", "service:\n  a: b\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "service must be a single value"}}},
		{"accessory list", "accessories:\n  db: [a]\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "accessories/db must be a map"}}},
		{"accessory roles map", "accessories:\n  db:\n    roles: {a: b}\n",
			[]Problem{{File: "config/deploy.yml", Line: 3, Message: "accessories/db/roles must be a list"}}},
		{"alias map", "aliases:\n  x: {a: b}\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "aliases/x must be a command line"}}},
		{"top-level list", "- a\n",
			[]Problem{{File: "config/deploy.yml", Line: 1, Message: "the top level must be a map of settings"}}},
		{"top-level ERB", "<%= File.read('other.yml') %>\n",
			[]Problem{{File: "config/deploy.yml", Line: 1, Message: "the whole file is produced by ERB; its settings are unknown"}}},
		{"bad YAML", "service: app\nb: c: d\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "cannot parse YAML: mapping values are not allowed in this context"}}},
		{"unterminated ERB", "service: app\nimage: <%= x\n",
			[]Problem{{File: "config/deploy.yml", Line: 2, Message: "unterminated ERB tag (missing %>)"}}},
		{"dynamic hooks_path", "hooks_path: <%= x %>\n",
			[]Problem{{File: "config/deploy.yml", Line: 1, Message: "hooks_path is computed by ERB (<%= x %>); assuming .kamal/hooks"}}},
		{"bad minimum_version", "minimum_version: soon\n",
			[]Problem{{File: "config/deploy.yml", Line: 1, Message: `minimum_version: invalid version "soon"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := loadFiles(t, map[string]string{"config/deploy.yml": tt.yml})
			if !reflect.DeepEqual(p.Problems, tt.want) {
				t.Errorf("Problems = %q\nwant       %q", p.Problems, tt.want)
			}
		})
	}
}

func TestPrimaryHost(t *testing.T) {
	tests := []struct {
		name string
		yml  string
		want Scalar
		ok   bool
	}{
		{"list", "servers:\n  - 1.1.1.1\n  - 2.2.2.2\n", s("1.1.1.1", 2), true},
		{"web role", "servers:\n  jobs: [9.9.9.9]\n  web: [1.1.1.1]\n", s("1.1.1.1", 3), true},
		{"primary_role", "primary_role: jobs\nservers:\n  jobs: [9.9.9.9]\n  web: [1.1.1.1]\n", s("9.9.9.9", 3), true},
		{"tagged host", "servers:\n  web:\n    - 1.1.1.1: [a]\n", s("1.1.1.1", 3), true},
		{"no web role", "servers:\n  jobs: [9.9.9.9]\n", Scalar{}, false},
		{"empty role", "servers:\n  web: []\n", Scalar{}, false},
		{"no servers", "service: app\n", Scalar{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := loadDeploy(t, tt.yml).PrimaryHost()
			if got != tt.want || ok != tt.ok {
				t.Errorf("PrimaryHost() = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestAccessoryHosts(t *testing.T) {
	yml := `service: app
servers:
  web:
    - 1.1.1.1: [primary, db]
    - 2.2.2.2
  jobs:
    hosts:
      - 3.3.3.3: db
  workers:
    - 4.4.4.4: db-replica
accessories:
  one:
    host: 9.9.9.9
  many:
    hosts: [9.9.9.9, 8.8.8.8, 9.9.9.9]
  byrole:
    roles: [web, jobs]
  bytag:
    tag: db
  bytags:
    tags: [primary, nope]
  mixed:
    host: 2.2.2.2
    role: web
`
	c := loadDeploy(t, yml)
	tests := []struct {
		acc  string
		want []string
	}{
		{"one", []string{"9.9.9.9"}},
		{"many", []string{"9.9.9.9", "8.8.8.8"}},
		{"byrole", []string{"1.1.1.1", "2.2.2.2", "3.3.3.3"}},
		// Kamal skips tags under a role's hosts: key and matches a string tag by substring.
		{"bytag", []string{"1.1.1.1", "4.4.4.4"}},
		{"bytags", []string{"1.1.1.1"}},
		{"mixed", []string{"2.2.2.2", "1.1.1.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.acc, func(t *testing.T) {
			var got []string
			for _, h := range c.AccessoryHosts(c.Accessory(tt.acc)) {
				got = append(got, h.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("AccessoryHosts(%s) = %q, want %q", tt.acc, got, tt.want)
			}
		})
	}
}

func TestAccessoryContainer(t *testing.T) {
	tests := []struct {
		name string
		yml  string
		want Scalar
	}{
		{"default", "service: app\naccessories:\n  db:\n    host: h\n", s("app-db", 3)},
		{"override", "service: app\naccessories:\n  db:\n    service: mysql\n", s("mysql", 4)},
		{"dynamic service", "service: <%= ENV['S'] %>\naccessories:\n  db:\n    host: h\n", dyn("<%= ENV['S'] %>-db", 3)},
		{"no service", "accessories:\n  db:\n    host: h\n", Scalar{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadDeploy(t, tt.yml)
			if got := c.AccessoryContainer(c.Accessory("db")); got != tt.want {
				t.Errorf("AccessoryContainer = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAliasMap(t *testing.T) {
	c := loadDeploy(t, "aliases:\n  console: app exec -i bin/rails console\n  dyn: <%= x %>\n  <%= n %>: deploy\n")
	want := map[string]string{"console": "app exec -i bin/rails console"}
	if got := c.AliasMap(); !maps.Equal(got, want) {
		t.Errorf("AliasMap() = %v, want %v", got, want)
	}
}
