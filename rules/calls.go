package rules

import (
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
	return pass.Hook.Span(site.Call.Args[0].Pos(), site.Call.Args[len(site.Call.Args)-1].End())
}

// wordSpan is the span of one word of a nested call, in the hook's own code.
func wordSpan(pass *analyzer.Pass, inv *analyzer.Invocation, w kamal.Word) analyzer.Span {
	f := inv.Field(w)
	return pass.Hook.Span(f.Pos, f.End)
}
