package api

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hooklint/hooklint/analyzer/kamal"
)

// Example is the README's hook.
const example = "#!/bin/sh\nset -e\nkamal accessory reboot db\n"

type finding struct {
	Rule        string `json:"rule"`
	Line        int    `json:"line"`
	Suggestions []struct {
		Kind string `json:"kind"`
	} `json:"suggestions"`
}

func lint(t *testing.T, req Request) (Response, []finding) {
	t.Helper()
	res := Lint(req)
	if res.Error != "" {
		t.Fatalf("Lint: %s", res.Error)
	}
	var report struct {
		Diagnostics []finding `json:"diagnostics"`
	}
	if err := json.Unmarshal(res.Report, &report); err != nil {
		t.Fatal(err)
	}
	if len(res.Fixes) != len(report.Diagnostics) {
		t.Fatalf("%d fixes for %d findings", len(res.Fixes), len(report.Diagnostics))
	}
	return res, report.Diagnostics
}

func TestLint(t *testing.T) {
	res, ds := lint(t, Request{Hook: "post-deploy", Source: example, KamalVersion: "2.5.3"})
	if len(ds) != 1 || ds[0].Rule != "HL101" || ds[0].Line != 3 {
		t.Fatalf("findings = %+v, want HL101 at line 3", ds)
	}
	guard := slices.IndexFunc(ds[0].Suggestions, func(s struct {
		Kind string `json:"kind"`
	}) bool {
		return s.Kind == "guard"
	})
	if guard < 0 || res.Fixes[0][guard] == "" {
		t.Fatalf("no guard fix: %+v", res.Fixes)
	}
	if _, ds := lint(t, Request{Hook: "post-deploy", Source: res.Fixes[0][guard], KamalVersion: "2.5.3"}); len(ds) != 0 {
		t.Errorf("after the guard: %+v", ds)
	}
	if got := res.Table.Version; got != "Kamal 2.5.3 (selected)" {
		t.Errorf("table version = %q", got)
	}
	if got := res.Table.RunBy[0]; got.Command != "setup" || got.Locked != "locked" {
		t.Errorf("post-deploy's first outer command = %+v, want setup, locked", got)
	}

	if _, ds := lint(t, Request{Hook: "post-deploy", Source: example, KamalVersion: "2.12.0"}); len(ds) != 0 {
		t.Errorf("2.12.0: %+v", ds)
	}
	if _, ds := lint(t, Request{Hook: "post-deploy", Source: "#!/bin/sh\nif true; then\n"}); len(ds) == 0 || ds[0].Rule != "HL001" {
		t.Errorf("parse error: %+v", ds)
	}
	res, _ = lint(t, Request{Hook: "post-deploy", Source: example, DeployYML: "service: [\n"})
	if len(res.Problems) == 0 || !strings.HasPrefix(res.Problems[0], "config/deploy.yml") {
		t.Errorf("problems = %q, want deploy.yml's", res.Problems)
	}
	if res := Lint(Request{Hook: "post-deploy", KamalVersion: "2.x"}); res.Error == "" {
		t.Error("an invalid version is no error")
	}
}

func TestInfo(t *testing.T) {
	info := Info()
	newest := kamal.Releases[len(kamal.Releases)-1].String()
	if !slices.Contains(info.Hooks, "post-deploy") || info.Releases[0] != newest {
		t.Errorf("Info = %+v", info)
	}
}
