package driver

import (
	"testing"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
)

func TestHookRunBy(t *testing.T) {
	v253 := project.VersionInfo{Version: kamal.V(2, 5, 3), Source: "flag"}
	for _, tc := range []struct {
		info       project.VersionInfo
		hook, want string
	}{
		{v253, "post-deploy", "setup (locked), deploy, redeploy, rollback"},
		{v253, "pre-deploy", "setup (locked), deploy (locked), redeploy (locked), rollback (locked)"},
		{v253, "post-deploy.sh", "none: Kamal never runs a hook of this name"},
	} {
		if got := HookRunBy(tc.info, tc.hook).RunByText(); got != tc.want {
			t.Errorf("%s at %s: %q, want %q", tc.hook, tc.info.Version, got, tc.want)
		}
	}
	if got, want := VersionLine(v253), "Kamal 2.5.3 (flag)"; got != want {
		t.Errorf("VersionLine = %q, want %q", got, want)
	}
	unknown := HookRunBy(project.VersionInfo{}, "post-deploy")
	if unknown.RunBy[0].Command != "setup" || !unknown.RunBy[0].Locked {
		t.Errorf("post-deploy, version unknown: %+v", unknown.RunBy)
	}
}
