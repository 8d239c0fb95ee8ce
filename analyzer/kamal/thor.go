package kamal

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// This file mirrors Thor's option parser (rails/thor lib/thor/parser/options.rb and
// arguments.rb at v1.4.0, the version in Kamal v2.12.0's Gemfile.lock; v1.0.0-v1.3.0
// locked thor 1.2.1 and v1.3.1-v1.9.3 1.3.0, which parse the same way). Unknown options are kept as arguments, because
// Kamal never calls check_unknown_options!.

// Thor's accepted spellings of boolean values.
var (
	trueWords  = []string{"true", "TRUE", "t", "T"}
	falseWords = []string{"false", "FALSE", "f", "F"}
)

// token is a Word on the way through the parser.
type token struct {
	Word
	// written is the word as written that this token comes from: the word itself, or the
	// whole "--name=value", "-n5" or "-dstaging" it was split out of.
	written   Word
	fromAlias bool
	squeezed  bool // split out of a cluster of short switches
}

// isDash reports whether the word surely starts with '-', as Thor's /^-/ tests do.
func (t token) isDash() bool {
	if t.Known {
		return strings.HasPrefix(t.Text, "-")
	}
	return strings.HasPrefix(t.Prefix, "-")
}

// derive returns a token for text split out of t.
func (t token) derive(text string, squeezed bool) token {
	return token{Word: Word{Text: text, Known: true, Index: t.Index}, written: t.written, fromAlias: t.fromAlias, squeezed: squeezed}
}

// assigned is the value an option got from the parser.
type assigned struct {
	word       Word
	switchWord Word // the word that named the option, as written
	squeezed   bool // named by a cluster of short switches
	fromAlias  bool
	unset      bool // --no-NAME on a non-boolean: Thor assigns nil
}

// assignments are the options a parse assigned, each once, in the order first assigned:
// a later assignment of an option replaces the earlier, as in Thor's hash. A call sets a
// few options, so a list is looked through faster than a map is built.
type assignments []assignment

type assignment struct {
	name string
	assigned
}

// set assigns the option name.
func (as *assignments) set(name string, a assigned) {
	for i := range *as {
		if (*as)[i].name == name {
			(*as)[i].assigned = a
			return
		}
	}
	*as = append(*as, assignment{name, a})
}

// get returns the assignment of the option name.
func (as assignments) get(name string) (assigned, bool) {
	for _, a := range as {
		if a.name == name {
			return a.assigned, true
		}
	}
	return assigned{}, false
}

// parseResult is what one Thor::Options#parse run leaves.
type parseResult struct {
	assigns assignments
	extras  []token     // words that are not options or their values, in order
	kind    ProblemKind // Thor's error, which aborts the command before it runs
	problem string
	// uncertain is set when a word computed at run time may change which words are
	// arguments: a cluster like -d"$X", a value that may be a boolean's, a spread value.
	uncertain bool
}

// thorParser is the state of one Thor::Options#parse run.
type thorParser struct {
	pile           []token
	switches       map[string]Option // "--skip-hooks" -> option
	shorts         map[string]string // "-H" -> "--skip-hooks"
	parsing        bool              // false after "--"
	treatedAsValue bool              // the next word came from "--name=value"
	uncertain      bool              // see parseResult.uncertain
}

// switchTable indexes a list of options by switch, as Thor's parser looks them up.
type switchTable struct {
	switches map[string]Option // "--skip-hooks" -> option
	shorts   map[string]string // "-H" -> "--skip-hooks"
	required []Option          // the options Thor requires, in declaration order
}

// switchTables caches the switchTable of a command (nil: the class options alone) at a
// release, and tablesBySet for each set of its options a release has: options change at
// few releases, so releases share tables. A table is the same for every call, and never
// modified once built.
var switchTables, tablesBySet sync.Map // releaseTable -> *switchTable, optionSet -> *switchTable

type releaseTable struct {
	cmd *Command
	v   Version
}

type optionSet struct {
	cmd *Command
	// set has a bit for each option that exists, the class options' first; past 64
	// options (never so far) v stands for the set.
	set uint64
	v   Version
}

// optionTable returns the options a command accepts at release v (the class options, then
// its own), indexed; cmd nil gives the class options alone.
func optionTable(cmd *Command, v Version) *switchTable {
	if t, ok := switchTables.Load(releaseTable{cmd, v}); ok {
		return t.(*switchTable)
	}
	key := optionSet{cmd: cmd}
	i := 0
	mark := func(opts []Option) {
		for _, o := range opts {
			if i < 64 && o.ExistsAt(v) {
				key.set |= 1 << i
			}
			i++
		}
	}
	mark(ClassOptions)
	if cmd != nil {
		mark(cmd.Options)
	}
	if i > 64 {
		key.v = v
	}
	t, ok := tablesBySet.Load(key)
	if !ok {
		t, _ = tablesBySet.LoadOrStore(key, newSwitchTable(optionTableOptions(cmd, v)))
	}
	switchTables.Store(releaseTable{cmd, v}, t)
	return t.(*switchTable)
}

// newSwitchTable indexes opts.
func newSwitchTable(opts []Option) *switchTable {
	t := &switchTable{switches: make(map[string]Option, len(opts)), shorts: map[string]string{}}
	for _, o := range opts {
		sw := o.Flag()
		t.switches[sw] = o
		if o.Required {
			t.required = append(t.required, o)
		}
		if o.Short != "" {
			if _, dup := t.shorts["-"+o.Short]; !dup {
				t.shorts["-"+o.Short] = sw
			}
		}
	}
	return t
}

// optionTableOptions returns the options of a command (nil: the class options alone) at
// release v.
func optionTableOptions(cmd *Command, v Version) []Option {
	if cmd != nil {
		return cmd.OptionsAt(v)
	}
	var opts []Option
	for _, o := range ClassOptions {
		if o.ExistsAt(v) {
			opts = append(opts, o)
		}
	}
	return opts
}

// parseOptions parses toks against opts as Thor::Options#parse does.
func parseOptions(toks []token, t *switchTable) parseResult {
	p := &thorParser{pile: slices.Clone(toks), switches: t.switches, shorts: t.shorts, parsing: true}
	var res parseResult
	for p.peek() != nil {
		if !p.parsing {
			res.extras = append(res.extras, p.shift())
			continue
		}
		if !p.pile[0].Known && !p.treatedAsValue {
			if !p.parseComputed(&res) {
				return res
			}
			continue
		}
		formatted, isSwitch := p.currentIsSwitch()
		tok := p.shift()
		switch {
		case isSwitch:
			sw := tok.Text
			if letters, ok := shortCluster(sw); ok {
				// -abc is -a -b -c.
				var split []token
				for _, r := range letters {
					split = append(split, tok.derive("-"+string(r), true))
				}
				p.pile = append(split, p.pile...)
				continue
			} else if name, val, ok := eqSwitch(sw); ok {
				p.unshift(tok.derive(val, false), true)
				sw = name
			} else if name, num, ok := shortNum(sw); ok {
				p.unshift(tok.derive(num, false), false)
				sw = name
			}
			if !p.assign(&res, sw, tok) {
				return res
			}
		case formatted:
			p.keepUnknown(&res, tok)
		default:
			res.extras = append(res.extras, tok)
		}
	}
	res.uncertain = p.uncertain
	return res
}

// assign parses the value of switch sw, named by tok, into res; false on Thor's error.
func (p *thorParser) assign(res *parseResult, sw string, tok token) bool {
	sw = p.normalize(sw)
	o, _ := p.option(sw)
	a, kind, problem := p.parsePeek(sw, o, tok)
	if kind != NoProblem {
		res.kind, res.problem = kind, problem
		return false
	}
	a.switchWord = tok.written
	a.squeezed = tok.squeezed
	a.fromAlias = tok.fromAlias
	res.assigns.set(o.Name, a)
	return true
}

// keepUnknown keeps an option Thor does not know as an argument, with the words after it
// up to the next option, as Thor::Options#parse does.
func (p *thorParser) keepUnknown(res *parseResult, tok token) {
	res.extras = append(res.extras, tok)
	for p.peek() != nil && !p.pile[0].isDash() {
		res.extras = append(res.extras, p.shift())
	}
}

// peek returns the next word; while options are parsed, "--" is dropped and ends them.
func (p *thorParser) peek() *token {
	if len(p.pile) == 0 {
		return nil
	}
	if p.parsing && p.pile[0].Known && p.pile[0].Text == "--" {
		p.shift()
		p.parsing = false
		if len(p.pile) == 0 {
			return nil
		}
	}
	return &p.pile[0]
}

func (p *thorParser) shift() token {
	p.treatedAsValue = false
	t := p.pile[0]
	p.pile = p.pile[1:]
	return t
}

func (p *thorParser) unshift(t token, isValue bool) {
	p.treatedAsValue = isValue
	p.pile = append([]token{t}, p.pile...)
}

func (p *thorParser) parsingOptions() bool {
	p.peek()
	return p.parsing
}

// normalize maps a short alias to its long switch and underscores to dashes.
func (p *thorParser) normalize(sw string) string {
	if long, ok := p.shorts[sw]; ok {
		sw = long
	}
	return strings.ReplaceAll(sw, "_", "-")
}

// option finds the option of a normalized switch, also through --no-NAME and --skip-NAME.
func (p *thorParser) option(sw string) (Option, bool) {
	if o, ok := p.switches[sw]; ok {
		return o, true
	}
	if name, ok := noOrSkipName(sw); ok {
		o, ok := p.switches["--"+name]
		return o, ok
	}
	return Option{}, false
}

func (p *thorParser) isSwitch(arg string) bool {
	_, ok := p.option(p.normalize(arg))
	return ok
}

// currentIsSwitch reports whether the next word, which is Known, looks like an option and
// whether it is one of the options being parsed.
func (p *thorParser) currentIsSwitch() (formatted, known bool) {
	t := p.peek()
	if p.treatedAsValue || t == nil || !t.Known {
		return false, false
	}
	s := t.Text
	if isLongSwitch(s) || isShortSwitch(s) {
		return true, p.isSwitch(s)
	}
	if sw, _, ok := eqSwitch(s); ok {
		return true, p.isSwitch(sw)
	}
	if sw, _, ok := shortNum(s); ok {
		return true, p.isSwitch(sw)
	}
	if letters, ok := shortCluster(s); ok {
		for _, r := range letters {
			if p.isSwitch("-" + string(r)) {
				return true, true
			}
		}
		return true, false
	}
	return false, false
}

// currentIsSwitchFormatted reports whether the next word looks like an option, so that a
// switch before it gets no value from it.
func (p *thorParser) currentIsSwitchFormatted() bool {
	t := p.peek()
	if p.treatedAsValue || t == nil {
		return false
	}
	if !t.Known {
		switch shape, _ := t.shape(); shape {
		case eqWord:
			return true
		case clusterWord:
			// Formatted unless its value goes on with something else than letters.
			p.uncertain = true
			return true
		case maybeSwitchWord:
			p.uncertain = true
		}
		return false
	}
	return isSwitchFormatted(t.Text)
}

// currentIsValue reports whether the next word can be an option's value: it does not
// start with one or two dashes and more (Thor::Arguments#current_is_value?).
func (p *thorParser) currentIsValue() bool {
	if p.treatedAsValue {
		return true
	}
	t := p.peek()
	if t == nil {
		return false
	}
	if !p.parsingOptions() {
		return true
	}
	if !t.Known {
		return !isDashValue(t.Prefix)
	}
	return !isDashValue(t.Text)
}

// parsePeek reads the value of option o given as switch sw (Thor's parse_peek).
func (p *thorParser) parsePeek(sw string, o Option, swTok token) (assigned, ProblemKind, string) {
	_, noOrSkip := noOrSkipName(sw)
	if p.parsingOptions() && (p.currentIsSwitchFormatted() || len(p.pile) == 0) {
		switch {
		case o.Type == OptionBoolean:
		case noOrSkip:
			return assigned{unset: true}, NoProblem, ""
		case o.Type == OptionString && !o.Required:
			// Thor returns the option's default, else its name (options.rb@v1.4.0:282).
			val := o.Name
			if o.Default != "" {
				val = o.Default
			}
			return assigned{word: Word{Text: val, Known: true, Index: swTok.Index}}, NoProblem, ""
		default:
			return assigned{}, MissingValue, fmt.Sprintf("no value provided for option '%s'", sw)
		}
	}
	switch o.Type {
	case OptionBoolean:
		return p.parseBoolean(sw, swTok), NoProblem, ""
	case OptionString:
		if noOrSkip || p.peek() == nil {
			return assigned{unset: true}, NoProblem, ""
		}
		return assigned{word: p.value()}, NoProblem, ""
	case OptionNumeric:
		if p.peek() == nil {
			return assigned{}, MissingValue, fmt.Sprintf("expected numeric value for '%s'", sw)
		}
		t := p.pile[0]
		if t.Known && !isNumeric(t.Text) {
			return assigned{}, BadNumeric, fmt.Sprintf("expected numeric value for '%s'; got %q", sw, t.Text)
		}
		return assigned{word: p.value()}, NoProblem, ""
	case OptionHash:
		return p.collect(swTok, func(t token) bool { return !t.Spread && strings.Contains(t.Text, ":") }), NoProblem, ""
	case OptionArray:
		return p.collect(swTok, func(token) bool { return true }), NoProblem, ""
	}
	return assigned{}, NoProblem, ""
}

// value shifts the next word as an option's value. A spread value may be several words,
// and the words after its first are then arguments.
func (p *thorParser) value() Word {
	t := p.shift()
	if t.Spread {
		p.uncertain = true
	}
	return t.Word
}

// parseBoolean reads a boolean's value: true, or false for --no-NAME and --skip-NAME,
// unless the next word is one of Thor's spellings of true or false, which it takes.
func (p *thorParser) parseBoolean(sw string, swTok token) assigned {
	val := true
	if _, exact := p.switches[sw]; !exact {
		if _, ok := noOrSkipName(sw); ok {
			val = false
		}
	}
	if p.currentIsValue() {
		switch next := p.pile[0]; {
		case !next.Known && p.treatedAsValue:
			// --name="$X": Thor takes a true or false value and keeps any other as an
			// argument; either way the option's value is not known.
			p.shift()
			p.uncertain = true
			return assigned{word: Word{Text: next.Text, Prefix: next.Prefix, Index: swTok.Index}}
		case !next.Known:
			// The next word may be "true" or "false", which Thor would take.
			p.uncertain = true
		case slices.Contains(trueWords, next.Text):
			p.shift()
			val = true
		case slices.Contains(falseWords, next.Text):
			p.shift()
			val = false
		}
	}
	return assigned{word: Word{Text: fmt.Sprint(val), Known: true, Index: swTok.Index}}
}

// collect joins the values of a hash or array option: the following value words that
// accept takes.
func (p *thorParser) collect(swTok token, accept func(token) bool) assigned {
	w := Word{Known: true, Index: swTok.Index}
	var texts []string
	for p.currentIsValue() && accept(p.pile[0]) {
		t := p.shift()
		if len(texts) == 0 {
			w.Index = t.Index
		}
		texts = append(texts, t.Text)
		w.Known = w.Known && t.Known
		w.Spread = w.Spread || t.Spread
	}
	w.Text = strings.Join(texts, " ")
	return assigned{word: w}
}
