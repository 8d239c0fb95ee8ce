package kamal

import (
	"fmt"
	"slices"
	"strings"
)

// OptionType is the Thor type of an [Option]; it decides how many words the option
// consumes when it is parsed (see [ParseCall]).
type OptionType int

// The Thor option types Kamal uses.
const (
	OptionBoolean OptionType = iota // --name, --no-name, --skip-name, --name=true|false
	OptionString                    // --name VALUE; Thor's default type
	OptionNumeric                   // --name 42
	OptionHash                      // --name K:V K2:V2 ... (the following words that contain ':')
	OptionArray                     // --name A B ... (until the next word that starts with '-')
)

// String returns the Thor name of t: "boolean", "string", ...
func (t OptionType) String() string {
	switch t {
	case OptionBoolean:
		return "boolean"
	case OptionString:
		return "string"
	case OptionNumeric:
		return "numeric"
	case OptionHash:
		return "hash"
	case OptionArray:
		return "array"
	}
	return "unknown"
}

// Option is a Thor option of a Kamal command or class.
type Option struct {
	Name     string     // Thor name with underscores: "skip_hooks"; the long flag is "--skip-hooks"
	Short    string     // the one-letter alias without its dash ("H"), or ""
	Type     OptionType // how its value is parsed
	Required bool       // Thor fails before the command runs when it is missing
	// Default is the value Thor gives a string option named without a value (`-c` followed
	// by another switch or by nothing); "" means none, and Thor then gives the option's
	// own name ("destination").
	Default string
	// Since and Until bound the releases that have the option; a zero bound is open and
	// Until is exclusive.
	Since, Until Version
}

// Flag returns the long form of o: "--skip-hooks".
func (o Option) Flag() string { return "--" + strings.ReplaceAll(o.Name, "_", "-") }

// ExistsAt reports whether release v has the option.
func (o Option) ExistsAt(v Version) bool { return v.In(o.Since, o.Until) }

// opt builds an Option row for the tables. A row with more (bounds, a default, Required)
// is written as an Option literal: the compiler lays the tables out as static data then,
// whereas each call that copies or modifies a row is run at package initialization, in
// every run, and writes into the table's memory pages.
func opt(name, short string, t OptionType) Option {
	return Option{Name: name, Short: short, Type: t}
}

// ClassOptions are the options every Kamal command accepts, before or after its words
// (`class_option` in lib/kamal/cli/base.rb). lock-model.md §2.4, §6.3;
// lib/kamal/cli/base.rb@v2.12.0:17-33, @v1.0.0:11-23.
var ClassOptions = []Option{
	opt("verbose", "v", OptionBoolean),
	opt("quiet", "q", OptionBoolean),
	opt("version", "", OptionString),
	opt("primary", "p", OptionBoolean),
	opt("hosts", "h", OptionString),
	opt("roles", "r", OptionString),
	{Name: "config_file", Short: "c", Type: OptionString, Default: "config/deploy.yml"},
	opt("destination", "d", OptionString),
	opt("skip_hooks", "H", OptionBoolean),
	{Name: "lock_wait", Type: OptionBoolean, Since: V(2, 12, 0)},
	{Name: "lock_wait_timeout", Type: OptionNumeric, Since: V(2, 12, 0)},
	{Name: "lock_wait_interval", Type: OptionNumeric, Since: V(2, 12, 0)},
}

// LockRule says whether a command, run as its own process, tries to take the deploy lock.
type LockRule int

// The lock rules of lock-model.md §3.
const (
	// NeverLocks: the command never acquires the lock.
	NeverLocks LockRule = iota
	// Locks: the command acquires the lock at its start and releases it at its end.
	Locks
	// LocksWithOption: the command locks only when [LockSpan.Option] is given and not
	// false (`app stale_containers --stop`).
	LocksWithOption
	// LocksUnlessOption: the command locks (through a step it invokes) unless
	// [LockSpan.Option] is given (`envify --skip-push`).
	LocksUnlessOption
	// LocksInSteps: the command has no lock of its own, but steps it invokes in the same
	// process each acquire and release it (`proxy upgrade`, `traefik downgrade`), so a
	// nested process still fails at the first of them when the lock is held elsewhere.
	LocksInSteps
)

// String returns the Go name of r.
func (r LockRule) String() string {
	switch r {
	case NeverLocks:
		return "NeverLocks"
	case Locks:
		return "Locks"
	case LocksWithOption:
		return "LocksWithOption"
	case LocksUnlessOption:
		return "LocksUnlessOption"
	case LocksInSteps:
		return "LocksInSteps"
	}
	return "LockRule(?)"
}

// LockSpan is the lock rule of a command from one release on.
type LockSpan struct {
	From   Version  // first release the rule applies to; zero = from the oldest
	Rule   LockRule // what the command does
	Option string   // the option Name for LocksWithOption and LocksUnlessOption ("stop")
}

// LockOp marks the `kamal lock` subcommands that act on the lock directly, whatever
// KAMAL_LOCK says (lock-model.md §2.4).
type LockOp int

// The direct lock operations.
const (
	LockOpNone    LockOp = iota
	LockOpAcquire        // `lock acquire`: creates a manual lock; fails if any lock exists
	LockOpRelease        // `lock release`: removes any lock, the outer command's included
	LockOpStatus         // `lock status`: read only
)

// Docker describes the lock-free docker command equivalent to a Kamal command
// (lock-model.md §8.2).
type Docker struct {
	// Command is the lock-free equivalent to run on each target host, with the
	// placeholders {container} (the accessory service name, lock-model.md §8.1) and {cmd};
	// "" when none exists.
	Command string
	// Note says why no single docker command is equivalent when Command is "", and may
	// qualify Command otherwise.
	Note string
}

// Command is one Kamal CLI command (lock-model.md §3).
type Command struct {
	// Path is the command's Thor words joined by a space, with underscores:
	// "deploy", "app boot", "app stale_containers".
	Path string
	// Since and Until bound the releases that have the command (zero = open; Until is
	// exclusive). A command that disappeared for a while has one row per span.
	Since, Until Version
	// Hidden commands are left out of Kamal's help but run all the same.
	Hidden bool
	// Lock lists the lock rules in ascending From; the last span with From <= v applies.
	// Empty means the command never locks.
	Lock []LockSpan
	// Options are the command's own options (the class options are in [ClassOptions]).
	Options []Option
	// NameArg is set when the first positional argument is an accessory NAME (or "all").
	NameArg bool
	// Arity lists the positional parameters of the command's Ruby method in ascending
	// From; the last span with From <= v applies, and none means the method takes none.
	// Thor aborts before the method runs (so before any lock) when the arguments do not
	// fit ([Call.Kind] [ProblemArity]).
	Arity []AritySpan
	// LockOp marks `lock acquire`, `lock release` and `lock status`.
	LockOp LockOp
	// Docker is the lock-free equivalent, where lock-model.md §8.2 gives one or explains
	// why there is none.
	Docker Docker
	// Cite is where the facts come from: "lock-model.md §3; lib/kamal/cli/accessory.rb@v2.12.0:78".
	Cite string
}

// Commands returns every command of every release, in table order. The slice is a copy;
// the commands are shared and must not be modified.
func Commands() []*Command { return slices.Clone(commandTable) }

// ExistsAt reports whether release v has the command.
func (c *Command) ExistsAt(v Version) bool { return v.In(c.Since, c.Until) }

// FindCommand returns the command with exactly this path (Thor words with underscores,
// "app stale_containers") among those release v has, or nil.
func FindCommand(v Version, path string) *Command {
	for _, c := range commandTable {
		if c.Path == path && c.ExistsAt(v) {
			return c
		}
	}
	return nil
}

// Group returns the subcommand group of c: "app" for "app boot", "" for a top-level
// command.
func (c *Command) Group() string {
	group, _, found := strings.Cut(c.Path, " ")
	if !found {
		return ""
	}
	return group
}

// Name returns the last word of c's path: "boot" for "app boot".
func (c *Command) Name() string {
	_, name, found := strings.Cut(c.Path, " ")
	if !found {
		return c.Path
	}
	return name
}

// LockSpanAt returns the lock rule that applies at release v, and false when the command
// never locks at v.
func (c *Command) LockSpanAt(v Version) (LockSpan, bool) {
	var span LockSpan
	found := false
	for _, s := range c.Lock {
		if s.From.IsZero() || v.AtLeast(s.From) {
			span, found = s, true
		}
	}
	if !found || span.Rule == NeverLocks {
		return LockSpan{}, false
	}
	return span, true
}

// TakesLock reports whether c, run as its own process at release v, tries to acquire
// the deploy lock. hasOption reports whether an option (by [Option.Name]) was given and
// not false; it may be nil when no option was given.
func (c *Command) TakesLock(v Version, hasOption func(name string) bool) bool {
	span, ok := c.LockSpanAt(v)
	if !ok {
		return false
	}
	has := func(name string) bool { return hasOption != nil && hasOption(name) }
	switch span.Rule {
	case Locks, LocksInSteps:
		return true
	case LocksWithOption:
		return has(span.Option)
	case LocksUnlessOption:
		return !has(span.Option)
	}
	return false
}

// InheritsLock reports whether c, run by a hook at release v while KAMAL_LOCK=true
// reaches it, skips locking: true from [InheritsLock] on, except for `lock acquire`,
// which ignores KAMAL_LOCK (lock-model.md §2.4).
func (c *Command) InheritsLock(v Version) bool {
	return v.AtLeast(InheritsLock) && c.LockOp != LockOpAcquire
}

// OptionsAt returns the options c accepts at release v: the class options, then its own.
func (c *Command) OptionsAt(v Version) []Option {
	opts := make([]Option, 0, len(ClassOptions)+len(c.Options))
	for _, o := range ClassOptions {
		if o.ExistsAt(v) {
			opts = append(opts, o)
		}
	}
	for _, o := range c.Options {
		if o.ExistsAt(v) {
			opts = append(opts, o)
		}
	}
	return opts
}

// Arity is the positional parameters of a command's Ruby method, which decide how many
// arguments Thor may pass it: `def exec(name, *cmd)` is Arity{Required: 1, Splat: true}.
// Keyword parameters (`prepare: true`) take no positional argument and are not counted.
type Arity struct {
	Required int  // parameters without a default value
	Optional int  // parameters with a default value (`section = nil`)
	Splat    bool // a rest parameter (`*cmd`): any number of further arguments
}

// Accepts reports whether the method can be called with n positional arguments, as Ruby
// decides before Thor turns its ArgumentError into an error message.
func (a Arity) Accepts(n int) bool {
	return n >= a.Required && (a.Splat || n <= a.Required+a.Optional)
}

// String returns a in the form of testdata/kamal-cli.txt: "required,optional,splat"
// with splat 0 or 1 ("1,0,1" for `def exec(name, *cmd)`).
func (a Arity) String() string {
	splat := 0
	if a.Splat {
		splat = 1
	}
	return fmt.Sprintf("%d,%d,%d", a.Required, a.Optional, splat)
}

// AritySpan is the arity of a command from one release on.
type AritySpan struct {
	From Version // first release the arity applies to; zero = from the oldest
	Arity
}

// ArityAt returns the arity of c's method at release v.
func (c *Command) ArityAt(v Version) Arity {
	var a Arity
	for _, s := range c.Arity {
		if s.From.IsZero() || v.AtLeast(s.From) {
			a = s.Arity
		}
	}
	return a
}

// Group is a subcommand group of the kamal CLI (`subcommand` in lib/kamal/cli/main.rb).
type Group struct {
	// Name is the group's word: "app", "accessory", ...
	Name string
	// Since and Until bound the releases that have the group (zero = open; Until
	// exclusive).
	Since, Until Version
	// Default is the command Thor runs when the group is given no subcommand; "" means
	// help.
	Default string
}

// Groups returns the names of the subcommand groups release v has, in table order:
// accessory, app, build, lock, proxy, prune, registry, secrets, server in v2; env,
// healthcheck (until 1.6.0) and traefik in v1.
func Groups(v Version) []string {
	var names []string
	for _, g := range groupTable {
		if v.In(g.Since, g.Until) {
			names = append(names, g.Name)
		}
	}
	return names
}

// FindGroup returns the subcommand group named name at release v, and false when v has
// no such group.
func FindGroup(v Version, name string) (Group, bool) {
	for _, g := range groupTable {
		if g.Name == name && v.In(g.Since, g.Until) {
			return g, true
		}
	}
	return Group{}, false
}

// commandsIn returns the commands of group ("" = top level) that release v has.
func commandsIn(v Version, group string) []*Command {
	var cmds []*Command
	for _, c := range commandTable {
		if c.Group() == group && c.ExistsAt(v) {
			cmds = append(cmds, c)
		}
	}
	return cmds
}
