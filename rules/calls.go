package rules

import (
	"fmt"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// releasesOf returns the releases a hook's nested calls are judged at: those that run the
// hook, or, for a file Kamal does not run as a hook, every release the project may be on.
func releasesOf(pass *analyzer.Pass) []kamal.Version {
	if rs := pass.Facts.Releases(); len(rs) > 0 {
		return rs
	}
	return pass.Kamal.Releases
}

// invocations calls f for every nested kamal call of the hook.
func invocations(pass *analyzer.Pass, f func(site *analyzer.Site, inv *analyzer.Invocation)) {
	if pass.Facts == nil {
		return
	}
	for _, site := range pass.Facts.Sites {
		for _, inv := range site.Invocations {
			f(site, inv)
		}
	}
}

// siteSpan is where a finding about a nested call is shown: the whole command at the site.
func siteSpan(pass *analyzer.Pass, site *analyzer.Site) analyzer.Span {
	return pass.Hook.Span(site.Pos, site.End)
}

// wordSpan is the span of one word of a nested call, in the hook's own code; the whole
// site for a call in a script file the hook runs.
func wordSpan(pass *analyzer.Pass, site *analyzer.Site, inv *analyzer.Invocation, w kamal.Word) analyzer.Span {
	if len(inv.Chain) > 0 {
		return siteSpan(pass, site)
	}
	f := inv.Field(w)
	return pass.Hook.Span(f.Pos, f.End)
}

// viaFiles renders the script files on the way from the hook to a nested call, each with
// the line that leads on: "script/deploy.sh:4, bin/reboot:2"; "" for the hook's own calls.
func viaFiles(inv *analyzer.Invocation) string {
	var hops []string
	for _, h := range inv.Chain {
		hops = append(hops, fmt.Sprintf("%s:%d", h.File, h.Pos.Line()))
	}
	return strings.Join(hops, ", ")
}

// withChain adds to a finding about a nested call in a script file the hook runs the place
// of that call, as a related location.
func withChain(pass *analyzer.Pass, inv *analyzer.Invocation, d analyzer.Diagnostic) analyzer.Diagnostic {
	if len(inv.Chain) == 0 || inv.Command.Call == nil {
		return d // the hook's own call, or one in a Ruby or Python script
	}
	last := inv.Chain[len(inv.Chain)-1]
	if span, ok := pass.Facts.Locate(last.File, inv.Command.Call.Pos(), inv.Command.Call.End()); ok {
		d.Related = append(d.Related, analyzer.Related{File: last.File, Span: span, Message: "`" + kamalLine(inv) + "` runs here"})
	}
	return d
}
