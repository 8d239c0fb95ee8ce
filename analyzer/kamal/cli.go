package kamal

import (
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
	// Prefix is, for a word that is not Known, the literal text its value surely starts
	// with: "--destination=" for --destination="$X", "-d" for -d"$X", "" for "$X" or
	// when nothing is known. [ParseCall] reads the word by its prefix wherever every
	// value the rest could take leads Thor to the same reading.
	Prefix string
	// Index is the word's index in the argv given to [ParseCall], for positions. Words an
	// alias expanded to carry the index of the alias word.
	Index int
}

// Call is a nested `kamal` command line resolved as Kamal's Thor CLI resolves it.
type Call struct {
	// Command is the command the line resolves to, also when Thor then aborts before
	// running it (Kind [WrongArity], [MissingValue], [BadNumeric], [MissingOption]); nil
	// when the line resolves to no command (an unknown, ambiguous or computed command
	// word, help, a broken alias). [Call.Runs] tells whether it runs.
	Command *Command
	// Path is the resolved command path ("accessory reboot"), or the command words as
	// written when unresolved.
	Path string
	// Alias is the deploy.yml alias the line started with and that was expanded, if any.
	Alias string
	// Words are the command words as written ("acc", "reb"), after alias expansion.
	Words []Word
	// Args are the positional arguments after the command words, in order: the words
	// Thor passes the command's method, unknown options included (Kamal never calls
	// check_unknown_options!, so Thor keeps `-y` as an argument where no -y exists).
	Args []Word
	// Options maps [Option.Name] to the option's value: "true" or "false" for booleans,
	// the value word otherwise (hash and array values joined by spaces). The Index of a
	// boolean is that of its switch. A value computed at run time has the source text of
	// the word it came from (`--destination="$X"`).
	Options map[string]Word
	// Switches maps the [Option.Name] of each option in Options to the word that set it,
	// as written: "-d" for `-d staging`, the whole word for `--destination=staging` and
	// `-n5`, the cluster for `-dstaging`; an option from an alias has the alias word's
	// Index.
	Switches map[string]Word
	// Squeezed maps the [Option.Name] of each option set from a cluster of short
	// switches to the cluster word. Thor reads `-dstaging` as `-d -s -t -a -g -i -n -g`,
	// never as `-d staging`: a string option followed by another switch gets its default
	// or its own name (Options["destination"] is "destination"), and the letters no
	// option has become arguments. A cluster word that is not Known (`-d"$X"`) is read
	// as a cluster only when its value is made of letters; the option's value is then
	// not Known either, and is not the variable's value in any case that matters.
	Squeezed map[string]Word
	// Kind is [NoProblem] when the command runs; otherwise why it does not.
	Kind ProblemKind
	// Problem is "" when Kind is NoProblem; otherwise a message for people: Thor's own
	// words for [WrongArity] (`ERROR: "kamal deploy" was called with arguments
	// ["extra"]`, without Thor's second line, the usage) and [MissingOption], a
	// paraphrase of Thor's error for the other errors, [ProblemHelp] or
	// [ProblemComputed]. Decide on Kind, not on Problem.
	Problem string
	// Suggestion is the nearest command name for an unknown one, or "".
	Suggestion string

	aliasOptions map[string]bool // options set by words an alias expanded to
}

// Fixed values of [Call.Problem].
const (
	// ProblemHelp is the Problem of Kind [PrintsHelp]: the line only prints help (`kamal`,
	// `kamal -h`, `kamal help deploy`, `kamal app`, `kamal app help boot`,
	// `kamal app boot --help`, or any line whose first word is an option, which Thor
	// hands to its default command, help).
	ProblemHelp = "help"
	// ProblemComputed is the Problem of Kind [ComputedCommand]: a command word is
	// computed at run time.
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

// Runs reports whether Kamal runs the call's command: the line resolves to a command and
// Thor accepts its options and arguments.
func (c *Call) Runs() bool { return c.Command != nil && c.Kind == NoProblem }

// TakesLock reports whether the call, run at release v, tries to acquire the deploy lock:
// it runs, and [Command.TakesLock] with the options given and not "false".
func (c *Call) TakesLock(v Version) bool {
	if !c.Runs() {
		return false
	}
	return c.Command.TakesLock(v, func(name string) bool {
		w, ok := c.Options[name]
		return ok && !(w.Known && w.Text == "false")
	})
}

// ParseCall resolves argv (the words after the program word "kamal") at release v as
// `Kamal::Cli::Main.start(ARGV)` does: Thor's command lookup (exact name, unique prefix,
// dashes for underscores), its option parser, subcommand groups, the check of the
// positional arguments against the command's method ([Arity]), and, from v2.0.0, the
// aliases of deploy.yml (name to command line). See lock-model.md §3, §6.3 and §7.
//
// Words computed at run time are read as Thor would read every value they may take: a
// word with no [Word.Prefix] is one positional argument; `--name=` followed by anything
// sets the option with a value that is not Known; `-d` followed by anything is recorded
// in [Call.Squeezed]. An arity problem is reported only when the number of arguments
// does not depend on such words (a [Word.Spread] word may be zero or many words).
func ParseCall(v Version, argv []Word, aliases map[string]string) *Call {
	toks := make([]token, len(argv))
	for i, w := range argv {
		toks[i] = token{Word: w, written: w}
	}
	return parseCall(v, toks, aliases, 0, "")
}

func newCall(alias string) *Call {
	return &Call{Alias: alias} // the option maps are made when an option is set: most calls have none
}

func parseCall(v Version, toks []token, aliases map[string]string, depth int, alias string) *Call {
	c := newCall(alias)
	if len(toks) == 0 {
		c.fail(PrintsHelp, ProblemHelp)
		return c
	}
	w0 := toks[0]
	c.Words = []Word{w0.Word}
	c.Path = w0.Text
	switch {
	case w0.Known && slices.Contains(helpMappings, w0.Text):
		c.runHelp(v, "", toks[1:])
		return c
	case w0.isDash():
		// Any other leading option leaves the command name empty, which selects the
		// default command, help; the option is then parsed as one.
		c.runHelp(v, "", toks)
		return c
	case !w0.Known:
		c.fail(ComputedCommand, ProblemComputed)
		return c
	}
	names := topNames(v)
	name, ambiguous := resolveName(w0.Text, names)
	switch {
	case ambiguous != "":
		c.fail(AmbiguousCommand, "%s", ambiguous)
		return c
	case name == "" && v.AtLeast(AliasesSince) && aliases != nil:
		if expansion, ok := aliases[w0.Text]; ok {
			return expandAlias(v, w0, expansion, toks[1:], aliases, depth, alias)
		}
	}
	if name == "" {
		c.fail(UnknownCommand, "unknown command %q for \"kamal\"", w0.Text)
		c.Suggestion = suggest(w0.Text, suggestNames(v, ""))
		return c
	}
	c.Path = name
	if name == "help" {
		c.runHelp(v, "", toks[1:])
		return c
	}
	if g, ok := FindGroup(v, name); ok {
		parseGroup(v, c, g, toks[1:])
		return c
	}
	// A top-level command: Main parses its options together with the class options.
	// `--help` is no help here: Thor keeps it as an argument, like any unknown option.
	cmd := FindCommand(v, name)
	c.Command = cmd
	args0, opts0 := splitAtDash(toks[1:])
	p := parseOptions(opts0, optionTable(cmd, v))
	if p.kind != NoProblem {
		c.fail(p.kind, "%s", p.problem)
		return c
	}
	c.finish(v, cmd, append(args0, p.extras...), p)
	return c
}

// parseGroup resolves the subcommand of group g from rest, the words after the group word,
// as the method Thor defines for a subcommand (lib/thor.rb@v1.4.0:329-339) and the
// group's dispatch do.
func parseGroup(v Version, c *Call, g Group, rest []token) {
	// The top-level class parses every option it knows; the rest stays in order.
	args0, opts0 := splitAtDash(rest)
	top := parseOptions(opts0, optionTable(nil, v))
	if top.kind != NoProblem {
		// Thor fails before it looks at the subcommand; name it all the same when the
		// words before the options do.
		if len(args0) > 0 && args0[0].Known {
			if name, _ := resolveName(args0[0].Text, groupNames(v, g.Name)); name != "" {
				c.Command = FindCommand(v, g.Name+" "+name)
				c.Path = c.Command.Path
				c.Words = append(c.Words, args0[0].Word)
			}
		}
		c.fail(top.kind, "%s", top.problem)
		return
	}
	c.setOptions(top.assigns)
	gargs, gopts := splitAtDash(append(args0, top.extras...))
	for _, flag := range []string{"--help", "-h"} {
		if hasWord(gopts, flag) {
			// The subcommand method deletes the flag and runs help with the words.
			gopts = slices.DeleteFunc(gopts, func(t token) bool { return t.Known && t.Text == flag })
			c.runHelp(v, g.Name, append(gargs, gopts...))
			return
		}
	}
	var sub string
	switch {
	case len(gargs) == 0 && g.Default == "":
		c.runHelp(v, g.Name, gopts)
		return
	case len(gargs) == 0:
		sub = g.Default
	default:
		s := gargs[0]
		c.Words = append(c.Words, s.Word)
		c.Path = g.Name + " " + s.Text
		if !s.Known {
			c.fail(ComputedCommand, ProblemComputed)
			return
		}
		name, ambiguous := resolveName(s.Text, append(groupNames(v, g.Name), "help"))
		switch {
		case ambiguous != "":
			c.fail(AmbiguousCommand, "%s", ambiguous)
			return
		case name == "help":
			c.Path = g.Name + " help"
			c.runHelp(v, g.Name, append(gargs[1:], gopts...))
			return
		case name == "" && g.Default != "":
			sub = g.Default // Thor puts the word back and runs the default command
		case name == "":
			// Thor puts the word back and runs the default command, help, which
			// looks the word up again.
			c.runHelp(v, g.Name, append(gargs, gopts...))
			return
		default:
			sub = name
			gargs = gargs[1:]
		}
	}
	cmd := FindCommand(v, g.Name+" "+sub)
	c.Command = cmd
	c.Path = cmd.Path
	p := parseOptions(gopts, optionTable(cmd, v))
	if p.kind != NoProblem {
		c.fail(p.kind, "%s", p.problem)
		return
	}
	p.uncertain = p.uncertain || top.uncertain
	c.finish(v, cmd, append(gargs, p.extras...), p)
}

// helpMappings are the words Thor maps to its help command (Thor::HELP_MAPPINGS).
var helpMappings = []string{"-h", "-?", "--help", "-D"}

// runHelp resolves a line that runs Thor's help command of group ("" = the top level)
// with the words rest after it: help parses the class options, then takes at most two
// arguments and looks the first up as a command name (lib/thor.rb@v1.4.0:252-281,663).
func (c *Call) runHelp(v Version, group string, rest []token) {
	args0, opts0 := splitAtDash(rest)
	p := parseOptions(opts0, optionTable(nil, v))
	if p.kind != NoProblem {
		c.fail(p.kind, "%s", p.problem)
		return
	}
	args := append(args0, p.extras...)
	helpPath := strings.TrimSpace(group + " help")
	switch {
	case p.uncertain || slices.ContainsFunc(args, mayNotBeOneArg):
	case len(args) > 2:
		c.fail(WrongArity, "%s", arityMessage(helpPath, words(args)))
		return
	case len(args) > 0 && args[0].Known:
		word := args[0].Text
		if slices.ContainsFunc(helpMappings, func(m string) bool { return strings.HasPrefix(m, word) }) {
			break // -h, -?, --help, -D and their prefixes name help itself
		}
		names := suggestNames(v, group)
		if group != "" {
			names = append(names, "help")
		}
		name, ambiguous := resolveName(word, names)
		switch {
		case ambiguous != "":
			c.fail(AmbiguousCommand, "%s", ambiguous)
			return
		case name == "":
			c.fail(UnknownCommand, "unknown command %q for \"%s\"", word, strings.TrimSpace("kamal "+group))
			c.Suggestion = suggest(word, suggestNames(v, group))
			return
		}
	}
	c.fail(PrintsHelp, ProblemHelp)
}

// finish records what the command's own option parse p left and checks what Thor checks
// after it: the required options (Thor::Arguments#check_requirement!), then the number
// of positional arguments args, when Ruby calls the method with them.
func (c *Call) finish(v Version, cmd *Command, args []token, p parseResult) {
	c.Command = cmd
	c.Path = cmd.Path
	c.Args = words(args)
	c.setOptions(p.assigns)
	var missing []string
	for _, o := range optionTable(cmd, v).required {
		if a, ok := p.assigns.get(o.Name); !ok || a.unset {
			missing = append(missing, o.Flag())
		}
	}
	if len(missing) > 0 {
		c.fail(MissingOption, "No value provided for required options '%s'", strings.Join(missing, "', '"))
		return
	}
	if p.uncertain || slices.ContainsFunc(args, mayNotBeOneArg) {
		return
	}
	if !cmd.ArityAt(v).Accepts(len(args)) {
		c.fail(WrongArity, "%s", arityMessage(cmd.Path, c.Args))
	}
}

// expandAlias re-runs the line with the alias replaced by its shell-split expansion, as
// Kamal's alias command does with `Main.start(split(alias) + ARGV[1..])`.
func expandAlias(v Version, w0 token, expansion string, rest []token, aliases map[string]string, depth int, alias string) *Call {
	if alias == "" {
		alias = w0.Text
	}
	if depth >= maxAliasDepth {
		c := newCall(alias)
		c.Path, c.Words = w0.Text, []Word{w0.Word}
		c.fail(AliasLoop, "alias %q expands to itself", w0.Text)
		return c
	}
	split, err := SplitWords(expansion)
	if err != nil {
		c := newCall(alias)
		c.Path, c.Words = w0.Text, []Word{w0.Word}
		c.fail(AliasSplit, "alias %q cannot be split: %v", w0.Text, err)
		return c
	}
	toks := make([]token, 0, len(split)+len(rest))
	for _, s := range split {
		w := Word{Text: s, Known: true, Index: w0.Index}
		toks = append(toks, token{Word: w, written: w, fromAlias: true})
	}
	toks = append(toks, rest...)
	c := parseCall(v, toks, aliases, depth+1, alias)
	if v.Less(AliasResetSince) {
		for _, name := range commanderOptions {
			if c.aliasOptions[name] {
				delete(c.Options, name)
				delete(c.Switches, name)
				delete(c.Squeezed, name)
			}
		}
	}
	return c
}

// setOptions merges parsed options into c; later calls win, as Thor's merge of the
// parent's class options with the subcommand's does.
func (c *Call) setOptions(assigns assignments) {
	for _, a := range assigns {
		name := a.name
		delete(c.Squeezed, name)
		if a.unset {
			delete(c.Options, name)
			delete(c.Switches, name)
			delete(c.aliasOptions, name)
			continue
		}
		if c.Options == nil {
			c.Options, c.Switches = map[string]Word{}, map[string]Word{}
		}
		c.Options[name] = a.word
		c.Switches[name] = a.switchWord
		if a.squeezed {
			if c.Squeezed == nil {
				c.Squeezed = map[string]Word{}
			}
			c.Squeezed[name] = a.switchWord
		}
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

// splitAtDash splits toks before the first word that surely starts with '-'
// (Thor::Arguments.split).
func splitAtDash(toks []token) (args, rest []token) {
	for i, t := range toks {
		if t.isDash() {
			return slices.Clone(toks[:i]), slices.Clone(toks[i:])
		}
	}
	return slices.Clone(toks), nil
}

// mayNotBeOneArg reports whether a word left as an argument may stand for another number
// of arguments: a spread word, or a computed word whose value may be an option ("$FLAGS"
// may be -P, which deploy takes, or -d, which takes the next word). `--foo="$X"` is one
// argument whatever $X holds when Thor has no --foo.
func mayNotBeOneArg(t token) bool {
	if t.Known {
		return false
	}
	shape, _ := t.shape()
	return t.Spread || t.Prefix == "" || shape == clusterWord || shape == maybeSwitchWord
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
