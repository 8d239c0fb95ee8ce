// Package api is what the playground page asks of hooklint: the hooks and releases to offer
// ([Info]) and the check of one hook ([Lint]), as JSON-ready values. It runs the shared
// driver ([driver.Run]) over a project held in memory ([driver.Options.FS]), so the page
// reports what `hooklint --stdin-filename .kamal/hooks/HOOK -` reports in a project with the
// same deploy.yml. It is plain Go: the WebAssembly entry point (playground/main.go) only
// moves strings between it and JavaScript, and the tests call it directly.
package api

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing/fstest"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/driver"
	"github.com/hooklint/hooklint/analyzer/format"
	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/rules"
)

// Request is one check the page asks for.
type Request struct {
	// Hook is the hook the source is run as ("post-deploy").
	Hook string `json:"hook"`
	// Source is the hook's text.
	Source string `json:"source"`
	// KamalVersion is the release to check against ("2.5.3"); "" means unknown.
	KamalVersion string `json:"kamalVersion"`
	// DeployYML is config/deploy.yml; "" means the project has none.
	DeployYML string `json:"deployYml"`
}

// Response is what a check gives the page.
type Response struct {
	// Error is set, alone, when the request cannot be checked (an unknown hook or version).
	Error string `json:"error,omitempty"`
	// Report is the findings in hooklint's JSON output format (see the README).
	Report json.RawMessage `json:"report,omitempty"`
	// Fixes holds, for each finding of Report and each of its suggestions, the hook's
	// source with the suggestion's edits applied; "" for a suggestion without edits.
	Fixes [][]string `json:"fixes,omitempty"`
	// Problems are what could not be used, such as a deploy.yml that does not parse, as
	// the command prints them ("config/deploy.yml:3: ...").
	Problems []string `json:"problems,omitempty"`
	// Table is the hook against the outer commands that run it, as `hooklint hooks` shows.
	Table *Table `json:"table,omitempty"`
}

// Table is one row of `hooklint hooks` for the hook checked.
type Table struct {
	// Version says which releases the row is for ("Kamal 2.5.3 (flag)").
	Version string `json:"version"`
	// Hook is the hook's name with the releases that run it when not all.
	Hook string `json:"hook"`
	// RunBy are the outer commands that run the hook; None says why there is none.
	RunBy []Outer `json:"runBy"`
	None  string  `json:"none,omitempty"`
}

// Outer is an outer command of a [Table].
type Outer struct {
	// Command is the outer command with the releases that run the hook when not all
	// ("setup", "deploy [from 1.6.0]").
	Command string `json:"command"`
	// Locked says whether it holds the deploy lock while the hook runs: "" no, "locked",
	// or "locked before 1.6.0".
	Locked string `json:"locked"`
}

// InfoResponse lists what the page offers to choose from.
type InfoResponse struct {
	// Hooks are the hooks Kamal runs, in hooklint's table order.
	Hooks []string `json:"hooks"`
	// Releases are the Kamal releases hooklint models, newest first.
	Releases []string `json:"releases"`
}

// Info returns the hooks and releases hooklint knows.
func Info() InfoResponse {
	var info InfoResponse
	for _, h := range kamal.Hooks() {
		info.Hooks = append(info.Hooks, h.Name)
	}
	for _, v := range slices.Backward(kamal.Releases) {
		info.Releases = append(info.Releases, v.String())
	}
	return info
}

// HookFile is where the checked hook lies in the project in memory.
func HookFile(hook string) string { return ".kamal/hooks/" + hook }

// Lint checks one hook as the command line would in a project made of req.DeployYML.
func Lint(req Request) Response {
	fsys := fstest.MapFS{}
	if req.DeployYML != "" {
		fsys["config/deploy.yml"] = &fstest.MapFile{Data: []byte(req.DeployYML), Mode: 0o644}
	}
	all := rules.All()
	rep, err := driver.Run(driver.Options{
		FS:                 fsys,
		Paths:              []string{"-"},
		Stdin:              []byte(req.Source),
		StdinFilename:      HookFile(req.Hook),
		Hook:               req.Hook,
		KamalVersion:       req.KamalVersion,
		KamalVersionSource: "selected",
		Rules:              all,
	})
	if err != nil {
		return Response{Error: err.Error()}
	}
	var out Response
	var buf bytes.Buffer
	if err := format.Write(&buf, "json", rep.Result(), all, format.Options{}); err != nil {
		return Response{Error: err.Error()}
	}
	out.Report = buf.Bytes()
	out.Fixes = make([][]string, len(rep.Diagnostics))
	for i, d := range rep.Diagnostics {
		out.Fixes[i] = make([]string, len(d.Suggestions))
		for j, s := range d.Suggestions {
			if len(s.Edits) == 0 {
				continue
			}
			if fixed, err := analyzer.ApplyEdits([]byte(req.Source), s.Edits); err == nil {
				out.Fixes[i][j] = string(fixed)
			}
		}
	}
	for _, p := range rep.Problems {
		out.Problems = append(out.Problems, p.String())
	}
	if len(rep.Projects) > 0 {
		info := rep.Projects[0].Project.Kamal
		row := driver.HookRunBy(info, req.Hook)
		t := &Table{Version: driver.VersionLine(info), Hook: row.Name(), None: row.None, RunBy: []Outer{}}
		for _, o := range row.RunBy {
			c := Outer{Command: o.Command}
			if o.Releases != "" {
				c.Command += " [" + o.Releases + "]"
			}
			if o.Locked {
				c.Locked = "locked"
				if o.LockedReleases != "" {
					c.Locked += " " + o.LockedReleases
				}
			}
			t.RunBy = append(t.RunBy, c)
		}
		out.Table = t
	}
	return out
}
