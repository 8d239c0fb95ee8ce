package project

import (
	"reflect"
	"slices"
	"testing"
)

// TestLoadDestinations checks that Load reads every destination file up front: each
// problem is in Problems when Load returns, and ConfigFor only looks up what Load merged.
func TestLoadDestinations(t *testing.T) {
	const base = "service: app\nservers:\n  - 1.1.1.1\nssh:\n  user: deploy\n"
	tests := []struct {
		name  string
		files map[string]string
		dest  string
		// wantService is ConfigFor(dest).Service.Text; "<nil>" when ConfigFor returns nil.
		wantService string
		wantBase    bool // ConfigFor(dest) is the base Config itself
		wantFiles   []string
		probs       []Problem
	}{
		{
			name:        "good destination",
			files:       map[string]string{"config/deploy.yml": base, "config/deploy.staging.yml": "service: app-staging\n"},
			dest:        "staging",
			wantService: "app-staging",
			wantFiles:   []string{"config/deploy.yml", "config/deploy.staging.yml"},
		},
		{
			name:        "broken destination",
			files:       map[string]string{"config/deploy.yml": base, "config/deploy.staging.yml": "servers:\n  - [\n"},
			dest:        "staging",
			wantService: "app",
			wantBase:    true,
			wantFiles:   []string{"config/deploy.yml"},
			probs:       []Problem{{File: "config/deploy.staging.yml", Line: 2, Message: "cannot parse YAML: did not find expected node content"}},
		},
		{
			name:        "destination with a wrong shape",
			files:       map[string]string{"config/deploy.yml": base, "config/deploy.prod.yml": "ssh: [x]\n"},
			dest:        "prod",
			wantService: "app",
			wantFiles:   []string{"config/deploy.yml", "config/deploy.prod.yml"},
			probs:       []Problem{{File: "config/deploy.prod.yml", Line: 1, Message: "ssh must be a map"}},
		},
		{
			name:        "missing base, good destination",
			files:       map[string]string{"config/deploy.staging.yml": "service: app\n"},
			dest:        "staging",
			wantService: "<nil>",
		},
		{
			name:        "missing base, destination with a wrong shape",
			files:       map[string]string{"config/deploy.staging.yml": "servers: 1.1.1.1\n"},
			dest:        "staging",
			wantService: "<nil>",
			probs:       []Problem{{File: "config/deploy.staging.yml", Line: 1, Message: "servers must be a list or a map"}},
		},
		{
			name: "ERB in a destination",
			files: map[string]string{"config/deploy.yml": base,
				"config/deploy.staging.yml": "ssh:\n  user: <%= ENV['SSH_USER'] %>\nservers:\n  - <%= ENV['HOST'] %>\n"},
			dest:        "staging",
			wantService: "app",
			wantFiles:   []string{"config/deploy.yml", "config/deploy.staging.yml"},
		},
		{
			name: "unterminated ERB in a destination",
			files: map[string]string{"config/deploy.yml": base,
				"config/deploy.staging.yml": "service: app\nssh:\n  user: <%= ENV['SSH_USER']\n"},
			dest:        "staging",
			wantService: "app",
			wantFiles:   []string{"config/deploy.yml", "config/deploy.staging.yml"},
			probs:       []Problem{{File: "config/deploy.staging.yml", Line: 3, Message: "unterminated ERB tag (missing %>)"}},
		},
		{
			name:        "a destination no file names",
			files:       map[string]string{"config/deploy.yml": base},
			dest:        "production",
			wantService: "app",
			wantBase:    true,
			wantFiles:   []string{"config/deploy.yml"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := loadFiles(t, tt.files)
			if !reflect.DeepEqual(p.Problems, tt.probs) {
				t.Errorf("Problems after Load = %v\nwant %v", p.Problems, tt.probs)
			}
			c := p.ConfigFor(tt.dest)
			got := "<nil>"
			if c != nil {
				got = c.Service.Text
			}
			if got != tt.wantService {
				t.Errorf("ConfigFor(%q).Service = %q, want %q", tt.dest, got, tt.wantService)
			}
			if c != nil && (c == p.Config) != tt.wantBase {
				t.Errorf("ConfigFor(%q) is the base config: %v, want %v", tt.dest, c == p.Config, tt.wantBase)
			}
			if c != nil && !slices.Equal(c.Files, tt.wantFiles) {
				t.Errorf("Files = %q, want %q", c.Files, tt.wantFiles)
			}
			if !reflect.DeepEqual(p.Problems, tt.probs) {
				t.Errorf("ConfigFor changed Problems: %v", p.Problems)
			}
		})
	}
}

// TestLoadDestinationERBValues checks that a value a destination computes by ERB is
// Dynamic in the merged config, and that the base's values it does not touch stay.
func TestLoadDestinationERBValues(t *testing.T) {
	p := loadFiles(t, map[string]string{
		"config/deploy.yml":         "service: app\nservers:\n  - 1.1.1.1\nssh:\n  user: deploy\n  port: 2222\n",
		"config/deploy.staging.yml": "ssh:\n  user: <%= ENV['SSH_USER'] %>\n",
	})
	c := p.ConfigFor("staging")
	if !c.SSHUser.Dynamic || c.SSHUser.Line != 2 {
		t.Errorf("ssh user = %+v, want a Dynamic value on line 2", c.SSHUser)
	}
	if c.SSHPort.Text != "2222" {
		t.Errorf("ssh port = %+v, want the base's 2222", c.SSHPort)
	}
	if p.Config.SSHUser.Text != "deploy" {
		t.Errorf("base ssh user changed: %+v", p.Config.SSHUser)
	}
}

// TestDestinationsSkipInvalidNames checks that a file whose destination name would leave
// config/ is neither listed nor read.
func TestDestinationsSkipInvalidNames(t *testing.T) {
	p := loadFiles(t, map[string]string{
		"config/deploy.yml":     "service: app\n",
		"config/deploy...yml":   "servers: [\n",
		"config/deploy.dev.yml": "service: dev\n",
	})
	if want := []string{"dev"}; !slices.Equal(p.Destinations, want) {
		t.Errorf("Destinations = %q, want %q", p.Destinations, want)
	}
	if len(p.Problems) != 0 {
		t.Errorf("Problems = %v", p.Problems)
	}
}
