package rules

import "testing"

// TestMatchHook checks the hook a misnamed file is taken for, and the names taken for none.
func TestMatchHook(t *testing.T) {
	for name, want := range map[string]string{
		"post-deploy.sh":     "post-deploy",
		"post-deploy.SH":     "post-deploy",
		"post_deploy":        "post-deploy",
		"postdeploy":         "post-deploy",
		"Post-Deploy":        "post-deploy",
		"post.deploy":        "post-deploy",
		"pre-deploy.rb":      "pre-deploy",
		"pre_app_boot.bash":  "pre-app-boot",
		"pre-conect":         "pre-connect",
		"post-depoly":        "post-deploy",
		"docker-setup.py":    "docker-setup",
		"pre-traefik-reboot": "pre-traefik-reboot",
		"deploy":             "",
		"deploy-hook":        "",
		"lib.sh":             "",
		"pre":                "",
		"pre-bild":           "pre-build",
	} {
		got := ""
		if m := matchHook(name); m.hook != nil {
			got = m.hook.Name
		}
		if got != want {
			t.Errorf("matchHook(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestIgnoredName checks the files kept in the hooks folder on purpose.
func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		"post-deploy.sample": true, "post-deploy.bak": true, "pre-deploy~": true, "README": true,
		"readme.md": true, "notes.txt": true, "post-deploy.DISABLED": true,
		"post-deploy.sh": false, "post_deploy": false, "lib.sh": false,
	} {
		if got := ignoredName(name); got != want {
			t.Errorf("ignoredName(%q) = %v, want %v", name, got, want)
		}
	}
}
