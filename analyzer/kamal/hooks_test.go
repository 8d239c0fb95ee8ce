package kamal

import (
	"strings"
	"testing"
)

// runsString renders RunsAt as "outer=held,..." with held as + or -.
func runsString(runs []OuterRun) string {
	var parts []string
	for _, r := range runs {
		held := "-"
		if r.Held {
			held = "+"
		}
		parts = append(parts, r.Outer+held)
	}
	return strings.Join(parts, ",")
}

func TestRunsAt(t *testing.T) {
	tests := []struct {
		hook string
		v    Version
		want string // outer command + (held) or - (not held); "" = hook not run
	}{
		{"pre-connect", V(1, 0, 0), "any command-"},
		{"pre-connect", V(2, 12, 0), "any command-"},

		{"pre-build", V(1, 0, 0), "setup+,deploy+,redeploy+,build push+,build deliver+"},
		{"pre-build", V(1, 5, 2), "setup+,deploy+,redeploy+,build push+,build deliver+"},
		{"pre-build", V(1, 6, 0), "setup+,deploy-,redeploy-,build push-,build deliver-"},
		{"pre-build", V(2, 12, 0), "setup+,deploy-,redeploy-,build push-,build deliver-"},

		{"docker-setup", V(1, 3, 1), ""},
		{"docker-setup", V(1, 4, 0), "setup+,server bootstrap-"},
		{"docker-setup", V(1, 5, 2), "setup+,server bootstrap-"},
		{"docker-setup", V(1, 6, 0), "setup+,server bootstrap+"},
		{"docker-setup", V(2, 12, 0), "setup+,server bootstrap+"},

		{"pre-deploy", V(1, 0, 0), "setup+,deploy+,redeploy+,rollback+"},
		{"pre-deploy", V(2, 6, 0), "setup+,deploy+,redeploy+,rollback+"},

		{"post-deploy", V(1, 0, 0), "setup+,deploy-,redeploy-,rollback-"},
		{"post-deploy", V(2, 5, 3), "setup+,deploy-,redeploy-,rollback-"},
		{"post-deploy", V(2, 12, 0), "setup+,deploy-,redeploy-,rollback-"},

		{"pre-app-boot", V(2, 4, 0), ""},
		{"pre-app-boot", V(2, 5, 0), "setup+,deploy+,redeploy+,rollback+,app boot+,proxy upgrade+,upgrade+"},
		{"post-app-boot", V(2, 12, 0), "setup+,deploy+,redeploy+,rollback+,app boot+,proxy upgrade+,upgrade+"},

		{"pre-proxy-reboot", V(1, 9, 3), ""},
		{"pre-proxy-reboot", V(2, 0, 0), "proxy reboot+,proxy upgrade-,upgrade+"},
		{"post-proxy-reboot", V(2, 12, 0), "proxy reboot+,proxy upgrade-,upgrade+"},

		{"pre-traefik-reboot", V(1, 1, 0), ""},
		{"pre-traefik-reboot", V(1, 2, 0), "traefik reboot+"},
		{"pre-traefik-reboot", V(1, 8, 3), "traefik reboot+"},
		{"post-traefik-reboot", V(1, 9, 0), "traefik reboot+,traefik downgrade-,downgrade+"},
		{"post-traefik-reboot", V(1, 9, 3), "traefik reboot+,traefik downgrade-,downgrade+"},
		{"pre-traefik-reboot", V(2, 0, 0), ""},
	}
	for _, tt := range tests {
		h := FindHook(tt.hook)
		if h == nil {
			t.Fatalf("FindHook(%q) = nil", tt.hook)
		}
		if got := runsString(h.RunsAt(tt.v)); got != tt.want {
			t.Errorf("%s.RunsAt(%s) = %q, want %q", tt.hook, tt.v, got, tt.want)
		}
		if h.ExistsAt(tt.v) != (tt.want != "") {
			t.Errorf("%s.ExistsAt(%s) = %v", tt.hook, tt.v, h.ExistsAt(tt.v))
		}
	}
}

func TestFindHook(t *testing.T) {
	for _, name := range []string{"post-deploy.sh", "post_deploy", "postdeploy", "pre-configure", ""} {
		if FindHook(name) != nil {
			t.Errorf("FindHook(%q) != nil", name)
		}
	}
	if len(Hooks()) != 11 {
		t.Errorf("len(Hooks()) = %d, want 11", len(Hooks()))
	}
}

func TestHookKamalCommand(t *testing.T) {
	want := map[string]string{
		"setup": "setup", "deploy": "deploy", "app boot": "app", "proxy upgrade": "proxy",
		"server bootstrap": "server", "build push": "build", "traefik downgrade": "traefik", "downgrade": "downgrade",
	}
	for _, h := range Hooks() {
		for _, r := range h.Runs {
			if k, ok := want[r.Outer]; ok && r.KamalCommand != k {
				t.Errorf("%s under %q: KAMAL_COMMAND %q, want %q", h.Name, r.Outer, r.KamalCommand, k)
			}
		}
	}
}

func TestHookTableConsistency(t *testing.T) {
	seen := map[string]bool{}
	for _, h := range Hooks() {
		if seen[h.Name] {
			t.Errorf("duplicate hook %q", h.Name)
		}
		seen[h.Name] = true
		if !h.Since.IsZero() && !h.Until.IsZero() && !h.Since.Less(h.Until) {
			t.Errorf("%s: Since %s not before Until %s", h.Name, h.Since, h.Until)
		}
		if !strings.HasPrefix(h.Cite, "lock-model.md §4") {
			t.Errorf("%s: Cite %q", h.Name, h.Cite)
		}
		for _, r := range h.Runs {
			if len(r.Held) == 0 {
				t.Errorf("%s under %q: no Held spans", h.Name, r.Outer)
			}
			for i := 1; i < len(r.Held); i++ {
				if !r.Held[i-1].From.Less(r.Held[i].From) {
					t.Errorf("%s under %q: Held spans not ascending", h.Name, r.Outer)
				}
			}
			if r.Outer == AnyCommand {
				if h.Name != "pre-connect" || r.KamalCommand != "" {
					t.Errorf("%s: %q run with KAMAL_COMMAND %q", h.Name, AnyCommand, r.KamalCommand)
				}
				continue
			}
			if first, _, _ := strings.Cut(r.Outer, " "); r.KamalCommand != first {
				t.Errorf("%s under %q: KAMAL_COMMAND %q is not the first word", h.Name, r.Outer, r.KamalCommand)
			}
			// The outer command exists wherever the run applies.
			for _, v := range Releases {
				if h.ExistsAt(v) && v.In(r.Since, r.Until) && FindCommand(v, r.Outer) == nil {
					t.Errorf("%s: outer command %q does not exist at %s", h.Name, r.Outer, v)
				}
			}
		}
	}
	for _, f := range ForbiddenHookNames {
		if h := FindHook(f.Name); h == nil || h.ExistsAt(f.Since) {
			t.Errorf("forbidden hook %q still runs at %s", f.Name, f.Since)
		}
	}
}

func TestVariables(t *testing.T) {
	tests := []struct {
		name string
		hook string
		v    Version
		want bool
	}{
		{"KAMAL_LOCK", "post-deploy", V(2, 5, 3), false},
		{"KAMAL_LOCK", "post-deploy", V(2, 6, 0), true},
		{"KAMAL_ROLES", "pre-deploy", V(2, 6, 0), true},
		{"KAMAL_ROLES", "pre-deploy", V(2, 5, 3), false},
		{"KAMAL_SERVICE", "pre-build", V(1, 7, 3), false},
		{"KAMAL_SERVICE", "pre-build", V(1, 8, 0), true},
		{"KAMAL_RUNTIME", "post-deploy", V(1, 0, 0), true},
		{"KAMAL_RUNTIME", "pre-deploy", V(2, 12, 0), false},
		{"KAMAL_COMMAND", "pre-connect", V(1, 0, 0), true},
		{"KAMAL_SUBCOMMAND", "post-deploy", V(2, 12, 0), true},
	}
	for _, tt := range tests {
		va, ok := FindVariable(tt.name)
		if !ok {
			t.Fatalf("FindVariable(%q) not found", tt.name)
		}
		if got := va.SetIn(tt.v, tt.hook); got != tt.want {
			t.Errorf("%s.SetIn(%s, %s) = %v, want %v", tt.name, tt.v, tt.hook, got, tt.want)
		}
	}
	if va, _ := FindVariable("KAMAL_SUBCOMMAND"); !strings.Contains(va.Note, "never set") {
		t.Errorf("KAMAL_SUBCOMMAND note = %q", va.Note)
	}
	for _, name := range []string{"KAMAL_ROLE", "KAMAL_LOCKED", "KAMAL_HOST", ""} {
		if _, ok := FindVariable(name); ok {
			t.Errorf("FindVariable(%q) found", name)
		}
	}
	seen := map[string]bool{}
	for _, va := range Variables() {
		if seen[va.Name] || !strings.HasPrefix(va.Name, "KAMAL_") {
			t.Errorf("bad or duplicate variable %q", va.Name)
		}
		seen[va.Name] = true
		for _, h := range va.Hooks {
			if FindHook(h) == nil {
				t.Errorf("%s: unknown hook %q", va.Name, h)
			}
		}
	}
	if SecretsReach(V(2, 10, 1), "pre-connect") || !SecretsReach(V(2, 11, 0), "pre-connect") ||
		!SecretsReach(V(2, 0, 0), "post-deploy") || SecretsReach(V(2, 12, 0), "pre-build") ||
		!SecretsReach(V(1, 9, 3), "pre-build") {
		t.Error("SecretsReach disagrees with lock-model.md §5.1")
	}
}
