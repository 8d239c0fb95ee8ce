package analyzer

import (
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
	"github.com/hooklint/hooklint/analyzer/script"
	"github.com/hooklint/hooklint/analyzer/shell"
)

// Facts is what the engine knows of one shell hook, computed once for all rules.
type Facts struct {
	// Worlds are the ways Kamal runs the hook; every Worlds value indexes them. A hook
	// Kamal never runs has none.
	Worlds []World
	// Commands are every simple command the hook runs (see [shell.Command]).
	Commands []*shell.Command
	// Sites are the hook's nested kamal calls, grouped by the place in the hook's own code
	// that runs them: a function that tries `kamal "$@" || bundle exec kamal "$@"` is one
	// site with two invocations. In source order.
	Sites []*Site
	// TooDeep is set when the walk stopped following deep nesting or function calls.
	TooDeep bool
	// TooManyCalls is set when the hook runs kamal more than [MaxInvocations] times: Sites
	// then hold the first MaxInvocations only.
	TooManyCalls bool

	shell   *shell.Result
	scripts *scriptFiles
	ranged  bool // the project may be on several releases

	releases []kamal.Version // Releases, once computed
}

// Locate returns the file and span of a place in a script file a hook runs or sources
// (see [shell.Command.Chain]); ok is false when it is not known.
func (f *Facts) Locate(file string, start, end syntax.Pos) (Span, bool) {
	if f.scripts == nil {
		return Span{}, false
	}
	for _, c := range f.Commands {
		if c.File != nil && c.File.Name == file {
			return f.scripts.span(c.File, start, end)
		}
	}
	return Span{}, false
}

// Vars returns the hook's variable reads and writes (see [shell.VarRef]).
func (f *Facts) Vars() []shell.VarRef { return f.shell.Vars() }

// Site is one place in the hook's own code that runs kamal: the call itself, or the call of
// a function that runs it.
type Site struct {
	// Pos and End delimit the site in the hook: the command, or in a Ruby or Python hook
	// the call that runs it.
	Pos, End syntax.Pos
	// Call is the command as written at the site; nil in a Ruby or Python hook.
	Call *syntax.CallExpr
	// Invocations are the nested kamal commands run from the site.
	Invocations []*Invocation
}

// Invocation is one nested kamal command: the shell command, with its command line
// resolved as Kamal's CLI resolves it.
type Invocation struct {
	*shell.Command
	project *project.Project
	aliases *aliasSet // the project's, shared by the hook's invocations
	calls   callMemo
	words   []kamal.Word // Words, once needed
	epochs  bool         // resolve once per epoch of releases (see [kamal.Epoch])
}

// Held returns the worlds of s in which the outer command holds the deploy lock.
func (f *Facts) Held(s Worlds) Worlds {
	return s.Where(func(i int) bool { return i < len(f.Worlds) && f.Worlds[i].Held })
}

// Releases returns the releases, among those the project may be on, that run the hook,
// oldest first.
func (f *Facts) Releases() []kamal.Version {
	if f.releases == nil {
		seen := map[kamal.Version]bool{}
		f.releases = []kamal.Version{}
		for _, w := range f.Worlds {
			for _, v := range w.Releases {
				if !seen[v] {
					seen[v] = true
					f.releases = append(f.releases, v)
				}
			}
		}
		slices.SortFunc(f.releases, kamal.Version.Compare)
	}
	return f.releases
}

// MaxInvocations bounds the nested kamal calls analysed in one hook, counting a call in a
// function once per call of the function. Each is resolved at every release the project
// may be on, which costs about a millisecond; real hooks make a handful.
const MaxInvocations = 1000

// newFacts walks a parsed shell hook for the model's worlds, following the project's
// script files it runs or sources.
func newFacts(h *Hook, p *project.Project, m Model, scripts *scriptFiles, aliases *aliasSet) *Facts {
	hw := m.hookWorlds(h.Name)
	if p != nil && len(p.Destinations) > 0 {
		ws := byDestination(hw.worlds, p.Destinations, p.Config != nil && p.Config.RequireDestination)
		hw = hookWorlds{ws, shellWorlds(ws)}
	}
	f := &Facts{Worlds: hw.worlds, scripts: scripts, ranged: len(m.Releases) > 1}
	cfg := shell.Config{
		Worlds:   hw.shell,
		Errexit:  shell.ErrexitFlags(h.ShebangArgs),
		MaybeSet: kamalSets,
		Arg0:     h.File, // Kamal runs a hook by its path from the project root
	}
	if scripts != nil {
		cfg.Open = scripts.open
		cfg.Foreign = func(name string) (string, []*shell.Command) { return scripts.foreign(name, hw.shell) }
	}
	var bash *bashismFinder
	if h.bashismsLater {
		bash = &bashismFinder{h: h}
		cfg.Visit = bash.visit
	}
	res := shell.Walk(&shell.File{Name: h.File, Src: h.Src, Variant: h.Variant, Stmts: h.Stmts}, cfg)
	if bash != nil {
		h.Bashisms, h.bashismsLater = bash.sorted(), false
	}
	f.Commands, f.TooDeep, f.shell = res.Commands, res.TooDeep, res
	f.addSites(res.Commands, p, aliases, func(c *shell.Command) (syntax.Pos, syntax.Pos, any) {
		return c.Site.Args[0].Pos(), c.Site.Args[len(c.Site.Args)-1].End(), c.Site
	})
	return f
}

// addSites groups the nested kamal calls among cmds by the site that runs them, as where
// tells: the site's span and a key. aliases are p's (see [newAliasSet]).
func (f *Facts) addSites(cmds []*shell.Command, p *project.Project, aliases *aliasSet, where func(*shell.Command) (syntax.Pos, syntax.Pos, any)) {
	bySite := map[any]*Site{}
	invocations := 0
	for _, c := range cmds {
		if len(c.Argv) == 0 || !IsKamalProgram(c.Argv[0]) {
			continue
		}
		if invocations++; invocations > MaxInvocations {
			f.TooManyCalls = true
			break
		}
		pos, end, key := where(c)
		s := bySite[key]
		if s == nil {
			s = &Site{Pos: pos, End: end, Call: c.Site}
			bySite[key] = s
			f.Sites = append(f.Sites, s)
		}
		s.Invocations = append(s.Invocations, &Invocation{Command: c, project: p, aliases: aliases, epochs: f.ranged})
	}
}

// newScriptFacts reads a Ruby or Python hook for the model's worlds: the commands it runs,
// each site the call in the hook's language.
func newScriptFacts(h *Hook, lang script.Lang, p *project.Project, m Model, aliases *aliasSet) *Facts {
	hw := m.hookWorlds(h.Name)
	f := &Facts{Worlds: hw.worlds, ranged: len(m.Releases) > 1}
	res := script.Walk(lang, h.Src, shell.Config{Worlds: hw.shell, MaybeSet: kamalSets, Arg0: h.File})
	f.TooDeep = res.TooDeep
	spans := map[*shell.Command]script.Span{}
	for _, c := range res.Commands {
		sc := shell.Foreign(c.Argv, c.Wrappers, c.Worlds, c.Failure, c.Env)
		spans[sc] = c.Call
		f.Commands = append(f.Commands, sc)
	}
	f.addSites(f.Commands, p, aliases, func(c *shell.Command) (syntax.Pos, syntax.Pos, any) {
		s := spans[c]
		return s.Pos, s.End, s
	})
	f.shell = &shell.Result{}
	return f
}

// kamalSets reports whether Kamal may set an environment variable for a hook; any other
// variable a hook does not assign is taken as unset by a default expansion (${X:-kamal}).
func kamalSets(name string) bool {
	_, ok := kamal.FindVariable(name)
	return ok
}

// Words returns the nested command line after the program word, as the Kamal CLI parser
// reads it; each word's Index is its position in Argv[1:].
func (in *Invocation) Words() []kamal.Word {
	words := make([]kamal.Word, len(in.Argv)-1)
	for i, f := range in.Argv[1:] {
		words[i] = kamal.Word{Text: f.Text, Known: f.Known, Spread: f.Spread, Prefix: f.Prefix, Index: i}
	}
	return words
}

// Version returns the release of the nested kamal when the outer command runs release v:
// the same, but for Kamal's image run with a version tag (docker run
// ghcr.io/basecamp/kamal:v2.5.3 ...), whose tag says, and its untagged "latest", the newest.
func (in *Invocation) Version(v kamal.Version) kamal.Version {
	switch in.Image {
	case "":
		return v
	case "latest":
		return kamal.Newest
	}
	if tag, err := kamal.ParseVersion(in.Image); err == nil {
		return tag
	}
	return v
}

// Call returns the command line as the nested kamal resolves it when the outer command
// runs release v (after deploy.yml aliases); see [Invocation.Version].
func (in *Invocation) Call(v kamal.Version) *kamal.Call {
	if c, ok := in.calls.get(v); ok {
		return c
	}
	asked := v
	v = in.Version(v)
	if in.epochs {
		v = kamal.Epoch(v) // releases of one epoch read a line alike
		if c, ok := in.calls.get(v); ok {
			in.calls.put(asked, c)
			return c
		}
	}
	if in.words == nil {
		in.words = in.Words()
	}
	c := parseCall(v, in.words, in.aliases)
	// Cached under the release asked and the one resolved at: both give this call.
	in.calls.put(v, c)
	if asked != v {
		in.calls.put(asked, c)
	}
	return c
}

// Field returns the shell field a word of [Invocation.Words] came from.
func (in *Invocation) Field(w kamal.Word) shell.Field { return in.Argv[w.Index+1] }

// IsKamalProgram reports whether a program field names Kamal: "kamal" or a path whose last
// element is "kamal", also when the directory is computed ("$HOME/.gem/bin/kamal").
// kamal-proxy and friends are other programs.
func IsKamalProgram(f shell.Field) bool {
	if f.Known {
		return f.Text == "kamal" || strings.HasSuffix(f.Text, "/kamal")
	}
	// An unknown field keeps its source text: accept a literal "/kamal" at its end, and a
	// lookup of kamal on PATH.
	src := strings.Trim(f.Text, `"'`)
	if isKamalLookup(src) {
		return true
	}
	return !f.Spread && strings.HasSuffix(src, "/kamal") && !strings.HasSuffix(src, "$/kamal")
}

// isKamalLookup reports whether src looks kamal up on PATH: $(which kamal),
// $(command -v kamal), $(type -P kamal) and their backquoted forms, either opening with
// either closing: what ^(\$\(|`)\s*(which|command\s+-v|type\s+-P)\s+kamal\s*(\)|`)$
// matches (match_test.go checks it against that expression).
func isKamalLookup(src string) bool {
	s, ok := strings.CutPrefix(src, "$(")
	if !ok {
		if s, ok = strings.CutPrefix(src, "`"); !ok {
			return false
		}
	}
	s, _ = skipRegexpSpace(s)
	switch {
	case strings.HasPrefix(s, "which"):
		s = s[len("which"):]
	case strings.HasPrefix(s, "command"):
		if s, ok = cutAfterSpace(s[len("command"):], "-v"); !ok {
			return false
		}
	case strings.HasPrefix(s, "type"):
		if s, ok = cutAfterSpace(s[len("type"):], "-P"); !ok {
			return false
		}
	default:
		return false
	}
	if s, ok = cutAfterSpace(s, "kamal"); !ok {
		return false
	}
	s, _ = skipRegexpSpace(s)
	return s == ")" || s == "`"
}

// cutAfterSpace returns what follows white space and then word at the start of s, and
// false unless s starts so.
func cutAfterSpace(s, word string) (string, bool) {
	s, n := skipRegexpSpace(s)
	if n == 0 {
		return "", false
	}
	return strings.CutPrefix(s, word)
}

// skipRegexpSpace returns s without its leading \s characters ([\t\n\f\r ]), and how many
// it skipped.
func skipRegexpSpace(s string) (string, int) {
	n := 0
	for n < len(s) && strings.IndexByte("\t\n\f\r ", s[n]) >= 0 {
		n++
	}
	return s[n:], n
}
