package kamal

import (
	"fmt"
	"slices"
	"strings"
)

// Word is one word of a nested `kamal` command line as the analyzer sees it.
type Word struct {
	// Text is the word's value when Known; otherwise its source text, for messages.
	Text string
	// Known is false when the value is computed at run time ($VAR, $(...)).
	Known bool
	// Spread marks a word that stands for an unknown number of words ("$@", $*, an
	// unquoted $VAR); Known is then false.
	Spread bool
	// Index is the word's index in the argv given to [ParseCall], for positions. Words an
	// alias expanded to carry the index of the alias word.
	Index int
}

// Call is a nested `kamal` command line resolved as Kamal's Thor CLI resolves it.
type Call struct {
	// Command is the command that runs; nil when Problem is not "".
	Command *Command
	// Path is the resolved command path ("accessory reboot"), or the command words as
	// written when unresolved.
	Path string
	// Alias is the deploy.yml alias the line started with and that was expanded, if any.
	Alias string
	// Words are the command words as written ("acc", "reb"), after alias expansion.
	Words []Word
	// Args are the positional arguments after the command words, in order.
	Args []Word
	// Options maps [Option.Name] to the option's value: "true" or "false" for booleans,
	// the value word otherwise (hash and array values joined by spaces). The Index of a
	// boolean is that of its switch.
	Options map[string]Word
	// Problem is "" when the line resolves to a command; otherwise why it does not, e.g.
	// `unknown command "restart" for "kamal app"`, [ProblemHelp], [ProblemComputed].
	Problem string
	// Suggestion is the nearest command name for an unknown one, or "".
	Suggestion string

	aliasOptions map[string]bool // options set by words an alias expanded to
}

// Fixed values of [Call.Problem].
const (
	// ProblemHelp: the line only prints help (`kamal`, `kamal -h`, `kamal help deploy`,
	// `kamal app`, `kamal app help boot`, `kamal app boot --help`, or any line whose first
	// word is an option, which Thor hands to its default command, help).
	ProblemHelp = "help"
	// ProblemComputed: a command word is computed at run time.
	ProblemComputed = "the command is computed at run time"
)

// Landmarks of the CLI's own behaviour. lock-model.md §3 (`<alias>` row), §7.
var (
	// AliasesSince is the first release with deploy.yml aliases.
	AliasesSince = V(2, 0, 0)
	// AliasResetSince is the first release whose alias command resets the commander before
	// it re-runs the expansion, so that -d, -c, -h, -r, -p, --version, -v and -q inside an
	// alias take effect (lib/kamal/cli/alias/command.rb@v2.5.0:4). Before it the
	// commander keeps the options of the words after the alias name only.
	AliasResetSince = V(2, 5, 0)
)

// maxAliasDepth bounds alias-to-alias expansion; Kamal itself would recurse forever.
const maxAliasDepth = 10

// commanderOptions are the class options read once, when the commander is configured
// (lib/kamal/cli/base.rb@v2.12.0:52-76).
var commanderOptions = []string{"verbose", "quiet", "version", "primary", "hosts", "roles", "config_file", "destination"}

// Option returns the value of the option named name (an [Option.Name]), if given.
func (c *Call) Option(name string) (Word, bool) {
	w, ok := c.Options[name]
	return w, ok
}

// TakesLock reports whether the call, run at release v, tries to acquire the deploy lock:
// [Command.TakesLock] with the options given and not "false".
func (c *Call) TakesLock(v Version) bool {
	if c.Command == nil {
		return false
	}
	return c.Command.TakesLock(v, func(name string) bool {
		w, ok := c.Options[name]
		return ok && !(w.Known && w.Text == "false")
	})
}

// token is a Word on the way through the parser.
type token struct {
	Word
	fromAlias bool
}

func (t token) isDash() bool { return t.Known && strings.HasPrefix(t.Text, "-") }

// ParseCall resolves argv (the words after the program word "kamal") at release v as
// `Kamal::Cli::Main.start(ARGV)` does: Thor's command lookup (exact name, unique prefix,
// dashes for underscores), its option parser, subcommand groups, and, from v2.0.0, the
// aliases of deploy.yml (name to command line). See lock-model.md §3, §6.3 and §7.
func ParseCall(v Version, argv []Word, aliases map[string]string) *Call {
	toks := make([]token, len(argv))
	for i, w := range argv {
		toks[i] = token{Word: w}
	}
	return parseCall(v, toks, aliases, 0, "")
}

func parseCall(v Version, toks []token, aliases map[string]string, depth int, alias string) *Call {
	c := &Call{Alias: alias, Options: map[string]Word{}}
	if len(toks) == 0 {
		c.Problem = ProblemHelp
		return c
	}
	w0 := toks[0]
	c.Words = []Word{w0.Word}
	c.Path = w0.Text
	switch {
	case !w0.Known:
		c.Problem = ProblemComputed
		return c
	case strings.HasPrefix(w0.Text, "-"):
		// Thor's HELP_MAPPINGS (-h, -?, --help, -D) map to help, and any other leading
		// option leaves the command name empty, which selects the default command: help.
		c.Problem = ProblemHelp
		return c
	}
	names := topNames(v)
	name, problem := resolveName(w0.Text, names)
	switch {
	case problem != "":
		c.Problem = problem
		return c
	case name == "" && v.AtLeast(AliasesSince) && aliases != nil:
		if expansion, ok := aliases[w0.Text]; ok {
			return expandAlias(v, w0, expansion, toks[1:], aliases, depth, alias)
		}
	}
	if name == "" {
		c.Problem = fmt.Sprintf("unknown command %q for \"kamal\"", w0.Text)
		c.Suggestion = suggest(w0.Text, suggestNames(v, ""))
		return c
	}
	c.Path = name
	if name == "help" {
		c.Problem = ProblemHelp
		return c
	}
	if g, ok := FindGroup(v, name); ok {
		parseGroup(v, c, g, toks[1:])
		return c
	}
	cmd := FindCommand(v, name)
	args0, opts0 := splitAtDash(toks[1:])
	p := parseOptions(opts0, optionTable(cmd, v))
	if p.problem != "" {
		c.Problem = p.problem
		return c
	}
	args := append(args0, p.extras...)
	if hasWord(args, "--help") {
		c.Problem = ProblemHelp
		return c
	}
	c.Command = cmd
	c.Args = words(args)
	c.setOptions(p.assigns)
	return c
}

// parseGroup resolves the subcommand of group g from rest, the words after the group word,
// as the method Thor defines for a subcommand does.
func parseGroup(v Version, c *Call, g Group, rest []token) {
	// The top-level class parses every option it knows; the rest stays in order.
	args0, opts0 := splitAtDash(rest)
	top := parseOptions(opts0, optionTable(nil, v))
	if top.problem != "" {
		c.Problem = top.problem
		return
	}
	gargs, gopts := splitAtDash(append(args0, top.extras...))
	if hasWord(gopts, "--help") || hasWord(gopts, "-h") {
		c.Problem = ProblemHelp
		return
	}
	var sub string
	switch {
	case len(gargs) == 0 && g.Default == "":
		c.Problem = ProblemHelp
		return
	case len(gargs) == 0:
		sub = g.Default
	default:
		s := gargs[0]
		c.Words = append(c.Words, s.Word)
		c.Path = g.Name + " " + s.Text
		if !s.Known {
			c.Problem = ProblemComputed
			return
		}
		name, problem := resolveName(s.Text, append(groupNames(v, g.Name), "help"))
		switch {
		case problem != "":
			c.Problem = problem
			return
		case name == "help":
			c.Path = g.Name + " help"
			c.Problem = ProblemHelp
			return
		case name == "" && g.Default != "":
			sub = g.Default // Thor puts the word back and runs the default command
		case name == "":
			c.Problem = fmt.Sprintf("unknown command %q for \"kamal %s\"", s.Text, g.Name)
			c.Suggestion = suggest(s.Text, suggestNames(v, g.Name))
			return
		default:
			sub = name
			gargs = gargs[1:]
		}
	}
	cmd := FindCommand(v, g.Name+" "+sub)
	c.Path = cmd.Path
	p := parseOptions(gopts, optionTable(cmd, v))
	if p.problem != "" {
		c.Problem = p.problem
		return
	}
	c.Command = cmd
	c.Args = words(append(gargs, p.extras...))
	c.setOptions(top.assigns)
	c.setOptions(p.assigns)
}

// expandAlias re-runs the line with the alias replaced by its shell-split expansion, as
// Kamal's alias command does with `Main.start(split(alias) + ARGV[1..])`.
func expandAlias(v Version, w0 token, expansion string, rest []token, aliases map[string]string, depth int, alias string) *Call {
	if alias == "" {
		alias = w0.Text
	}
	if depth >= maxAliasDepth {
		return &Call{Alias: alias, Path: w0.Text, Words: []Word{w0.Word}, Options: map[string]Word{},
			Problem: fmt.Sprintf("alias %q expands to itself", w0.Text)}
	}
	split, err := SplitWords(expansion)
	if err != nil {
		return &Call{Alias: alias, Path: w0.Text, Words: []Word{w0.Word}, Options: map[string]Word{},
			Problem: fmt.Sprintf("alias %q cannot be split: %v", w0.Text, err)}
	}
	toks := make([]token, 0, len(split)+len(rest))
	for _, s := range split {
		toks = append(toks, token{Word: Word{Text: s, Known: true, Index: w0.Index}, fromAlias: true})
	}
	toks = append(toks, rest...)
	c := parseCall(v, toks, aliases, depth+1, alias)
	if v.Less(AliasResetSince) {
		for _, name := range commanderOptions {
			if c.aliasOptions[name] {
				delete(c.Options, name)
			}
		}
	}
	return c
}

// setOptions merges parsed options into c; later calls win, as Thor's merge of the
// parent's class options with the subcommand's does.
func (c *Call) setOptions(assigns map[string]assigned) {
	for name, a := range assigns {
		if a.unset {
			delete(c.Options, name)
			delete(c.aliasOptions, name)
			continue
		}
		c.Options[name] = a.word
		if a.fromAlias {
			if c.aliasOptions == nil {
				c.aliasOptions = map[string]bool{}
			}
			c.aliasOptions[name] = true
		} else {
			delete(c.aliasOptions, name)
		}
	}
}

// splitAtDash splits toks before the first known word that starts with '-'
// (Thor::Arguments.split).
func splitAtDash(toks []token) (args, rest []token) {
	for i, t := range toks {
		if t.isDash() {
			return slices.Clone(toks[:i]), slices.Clone(toks[i:])
		}
	}
	return slices.Clone(toks), nil
}

func hasWord(toks []token, text string) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return t.Known && t.Text == text })
}

func words(toks []token) []Word {
	ws := make([]Word, len(toks))
	for i, t := range toks {
		ws[i] = t.Word
	}
	return ws
}
