package rules

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer"
)

// MissingDestination returns HL203 missing-destination: a nested kamal call without -d in a
// project with destinations.
func MissingDestination() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL203",
		Name:     "missing-destination",
		Severity: analyzer.SeverityWarning,
		Summary:  "A nested kamal call without -d in a project that has destinations, or with an empty -d",
		Doc: `With destinations (config/deploy.staging.yml, config/deploy.production.yml), the outer
command runs as kamal deploy -d staging and passes the destination to hooks as
KAMAL_DESTINATION. A nested kamal without -d reads config/deploy.yml alone: other servers,
other accessories, another lock (lock-model.md §2.1, §7). With require_destination: true it
fails outright with "You must specify a destination". Pass the hook's destination on:
-d "$KAMAL_DESTINATION", or ${KAMAL_DESTINATION:+-d "$KAMAL_DESTINATION"} where the outer
command may run without one (then -d "$KAMAL_DESTINATION" is empty). An empty one (-d "",
or -d "$KAMAL_DESTINATION" run through sudo or ssh, which drop the variable) makes Kamal
read config/deploy..yml and stop with "Configuration file not found", in any project.`,
		Bad: `#!/bin/sh
kamal app exec --reuse "bin/rails db:migrate"
`,
		Good: `#!/bin/sh
kamal app exec -d "$KAMAL_DESTINATION" --reuse "bin/rails db:migrate"
`,
		Project: map[string]string{"config/deploy.staging.yml": "servers:\n  - 10.1.0.1\n"},
		Run:     runMissingDestination,
	}
}

func runMissingDestination(pass *analyzer.Pass) {
	p := pass.Project
	if p == nil {
		return
	}
	destinations := len(p.Destinations) > 0 || p.Config != nil && p.Config.RequireDestination
	invocations(pass, func(site *analyzer.Site, inv *analyzer.Invocation) {
		releases := releasesOf(pass)
		call := inv.Call(releases[len(releases)-1])
		if !call.Runs() || !call.Command.ReadsConfig() {
			return
		}
		if inv.Stops(releases[len(releases)-1]) {
			msg := "`" + kamalLine(inv) + "` passes an empty destination (-d \"\"): Kamal then reads config/deploy..yml and stops with \"Configuration file not found in config/deploy..yml\" before it does anything"
			pass.Report(withChain(pass, inv, analyzer.Diagnostic{Span: siteSpan(pass, site), Message: msg}))
			return
		}
		if !destinations {
			return
		}
		for _, f := range inv.Argv {
			if !f.Known && strings.Contains(f.Text, "KAMAL_DESTINATION") {
				return // a word built from the hook's destination: taken to pass it on
			}
		}
		if _, ok := call.Switches["destination"]; ok {
			return // -d in any form: a squeezed -dX is another rule's finding
		}
		if !inv.OwnConfig(releases[len(releases)-1]) {
			return // -c another config: its destinations are not the project's
		}
		if withDest := inv.Worlds.Where(func(i int) bool {
			return i >= len(pass.Facts.Worlds) || !pass.Facts.Worlds[i].Destinations || pass.Facts.Worlds[i].Destination != ""
		}); withDest.Empty() && !inv.Worlds.Empty() {
			return // the hook runs it only when the outer command has no destination either
		}
		shown := "`" + kamalLine(inv) + "`"
		msg := shown + " without -d reads config/deploy.yml alone, not the destination the outer command runs with: other servers and another lock"
		if p.Config != nil && p.Config.RequireDestination {
			msg = shown + " without -d fails: deploy.yml sets require_destination, so Kamal stops with \"You must specify a destination\""
		}
		d := analyzer.Diagnostic{Span: siteSpan(pass, site), Message: msg}
		last := call.Words[len(call.Words)-1]
		if f := inv.Field(last); !inv.InScript && len(inv.Chain) == 0 && f.End.IsValid() {
			at := pass.Hook.Span(f.End, f.End)
			d.Suggestions = []analyzer.Suggestion{{
				Kind:    "destination",
				Message: "pass the hook's destination on: -d \"$KAMAL_DESTINATION\"",
				Edits:   []analyzer.TextEdit{{Span: at, NewText: ` -d "$KAMAL_DESTINATION"`}},
			}}
		}
		pass.Report(withChain(pass, inv, d))
	})
}
