package shell

import (
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// wrapper describes a command that runs its arguments as another command: how many option
// words to skip, and which options take a value.
type wrapper struct {
	// valueOpts are the short and long options that take a separate value word.
	valueOpts map[string]bool
	// positional is the number of non-option words before the command (timeout's DURATION).
	positional int
	// assignments: VAR=value words before the command are its environment (env, sudo).
	assignments bool
	// appends: the wrapper adds words it reads from its input to the command line.
	appends bool
	// until ends the command line at one of these words (parallel's :::).
	until map[string]bool
}

// execWrappers run `NAME exec [options] COMMAND`: Bundler and Ruby version managers.
var execWrappers = map[string]bool{"bundle": true, "rbenv": true, "mise": true, "asdf": true, "rtx": true}

// wrappers are the commands the walk looks through to the command they run.
var wrappers = map[string]wrapper{
	"exec":     {valueOpts: set("-a")},
	"command":  {},
	"builtin":  {},
	"nohup":    {},
	"time":     {valueOpts: set("-f", "--format", "-o", "--output")},
	"nice":     {valueOpts: set("-n", "--adjustment")},
	"ionice":   {valueOpts: set("-c", "--class", "-n", "--classdata")},
	"setsid":   {},
	"stdbuf":   {valueOpts: set("-i", "-o", "-e", "--input", "--output", "--error")},
	"chronic":  {},
	"unbuffer": {},
	"timeout":  {valueOpts: set("-s", "--signal", "-k", "--kill-after"), positional: 1},
	"env":      {valueOpts: set("-u", "--unset", "-C", "--chdir", "-S", "--split-string"), assignments: true},
	"sudo": {valueOpts: set("-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir", "-h", "--host",
		"-p", "--prompt", "-r", "--role", "-t", "--type", "-T", "--command-timeout", "-U", "--other-user", "-R", "--chroot"),
		assignments: true},
	"doas": {valueOpts: set("-u", "-C")},
	// xargs and parallel add the words they read to the command line.
	"xargs": {valueOpts: set("-a", "--arg-file", "-d", "--delimiter", "-E", "--eof", "-I", "--replace", "-L", "--max-lines",
		"-n", "--max-args", "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var"), appends: true},
	"parallel": {valueOpts: set("-j", "--jobs", "-N", "--max-args", "--delay", "--timeout", "-S", "--sshlogin", "--joblog",
		"--results", "--retries", "--tmpdir", "--workdir", "-a", "--arg-file", "-d", "--delimiter", "-I", "--colsep"), appends: true, until: set(":::", "::::", ":::+", "::::+")},
	"flock": {valueOpts: set("-w", "--wait", "--timeout", "-E", "--conflict-exit-code"), positional: 1},
	"watch": {valueOpts: set("-n", "--interval", "-q", "--equexit")},
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// stripWrappers removes wrappers from argv and records what they do to the environment.
// It returns ok false when argv does not run a command at all (command -v kamal).
func stripWrappers(argv []Field, c *Command) ([]Field, bool) {
	for len(argv) > 0 && argv[0].Known {
		name := path.Base(argv[0].Text)
		at := argv[0].Pos
		if special, ok := specialWrappers[name]; ok {
			rest, end, isWrapper := special(argv, c)
			if !isWrapper {
				break
			}
			c.Wrappers = append(c.Wrappers, Wrapper{Name: name, Pos: at, End: end})
			argv = rest
			continue
		}
		if execWrappers[name] && len(argv) > 1 && argv[1].Known && argv[1].Text == "exec" {
			// bundle exec, rbenv exec, mise exec --, asdf exec: their own options come before
			// the command.
			c.Wrappers = append(c.Wrappers, Wrapper{Name: name + " exec", Pos: at, End: argv[1].End})
			argv = argv[2:]
			for len(argv) > 0 && argv[0].Known && strings.HasPrefix(argv[0].Text, "-") {
				argv = argv[1:]
			}
			continue
		}
		if name == "ruby" && len(argv) > 1 && argv[1].Known && path.Base(argv[1].Text) == "kamal" {
			c.Wrappers = append(c.Wrappers, Wrapper{Name: "ruby", Pos: at, End: argv[0].End})
			argv = argv[1:] // ruby bin/kamal: the binstub is the program
			continue
		}
		wr, ok := wrappers[name]
		if !ok {
			break
		}
		c.Wrappers = append(c.Wrappers, Wrapper{Name: name, Pos: at, End: argv[0].End})
		argv = argv[1:]
		sudoKeeps, sudoClears, endOfOptions := []string(nil), name == "sudo", false
		forks, waits := false, false // setsid -f, -w
	options:
		for len(argv) > 0 {
			a := argv[0].Text
			if !argv[0].Known && !(wr.assignments && isAssignment(a)) {
				break // a computed word: the command, or an option we cannot read
			}
			switch {
			case a == "--" && !endOfOptions:
				argv = argv[1:]
				if !wr.assignments {
					break options
				}
				endOfOptions = true // env reads NAME=VALUE words after --
			case endOfOptions && !isAssignment(a):
				break options
			case name == "command" && (a == "-v" || a == "-V"):
				return nil, false // a lookup, not a run
			case name == "env" && a == "-":
				c.changes = append(c.changes, envChange{value: EnvValue{State: EnvCleared, Cause: CauseEnvClear, Pos: argv[0].Pos}})
				argv = argv[1:]
			case strings.HasPrefix(a, "-") && len(a) > 1:
				next := 1 // the words the options take
				for _, o := range splitOptions(a, wr.valueOpts) {
					val := o.val
					if o.takesNext {
						if next < len(argv) {
							val = argv[next].Text
						}
						next++
					}
					switch name {
					case "env":
						switch o.opt {
						case "-i", "--ignore-environment":
							c.changes = append(c.changes, envChange{value: EnvValue{State: EnvCleared, Cause: CauseEnvClear, Pos: argv[0].Pos}})
						case "-u", "--unset":
							c.changes = append(c.changes, envChange{name: val, value: EnvValue{State: EnvUnset, Cause: CauseEnvUnset, Pos: argv[0].Pos}})
						}
					case "setsid":
						forks = forks || o.opt == "-f" || o.opt == "--fork"
						waits = waits || o.opt == "-w" || o.opt == "--wait"
					case "sudo":
						switch {
						case o.opt == "-E" || o.opt == "--preserve-env" && !o.hasVal:
							sudoClears = false
						case o.opt == "--preserve-env":
							sudoKeeps = append(sudoKeeps, strings.Split(val, ",")...)
						case o.opt == "-i" || o.opt == "--login":
							// A login environment; sudo adds what --preserve-env lists
							// after the reset (parse_env_list, src/parse_args.c).
							sudoClears = true
						}
					}
				}
				argv = argv[min(next, len(argv)):]
			case wr.assignments && isAssignment(a):
				k, v, _ := strings.Cut(a, "=")
				ev := EnvValue{State: EnvSet, Value: v, Known: argv[0].Known, Cause: CauseEnvAssign, Pos: argv[0].Pos}
				if !argv[0].Known {
					ev.Value = ""
				}
				c.changes = append(c.changes, envChange{name: k, value: ev})
				argv = argv[1:]
			default:
				break options
			}
		}
		if forks && !waits && c.Failure.Handler == NotHandled {
			// setsid -f returns at once; with -w it waits for the command's status.
			c.Failure.Handler, c.Failure.OrCommand, c.Failure.Last = HandledByFork, "", false
		}
		for range wr.positional {
			if len(argv) > 0 {
				argv = argv[1:]
			}
		}
		if name == "flock" && len(argv) > 1 && argv[0].Known && (argv[0].Text == "-c" || argv[0].Text == "--command") {
			argv = shellCommand("sh", argv[0], argv[1]) // flock FILE -c 'SCRIPT' runs it with sh -c
		}
		if wr.until != nil {
			for i, a := range argv {
				if a.Known && wr.until[a.Text] {
					argv = argv[:i]
					break
				}
			}
		}
		if wr.appends && len(argv) > 0 {
			argv = append(slices.Clip(argv), Field{Text: "(input)", Spread: true, Pos: argv[len(argv)-1].End, End: argv[len(argv)-1].End})
		}
		if sudoClears {
			// sudo resets the environment (env_reset) but for what it is told to keep; the
			// VAR=value words it was given come after the reset.
			clear := envChange{keep: sudoKeeps, value: EnvValue{State: EnvCleared, Cause: CauseSudo, Pos: at}}
			n := len(c.changes)
			for n > 0 && c.changes[n-1].value.Cause == CauseEnvAssign {
				n--
			}
			c.changes = append(c.changes[:n], append([]envChange{clear}, c.changes[n:]...)...)
		}
	}
	return argv, len(argv) > 0
}

// option is one option of a word of options.
type option struct {
	opt       string // "-u", "--preserve-env"
	val       string // its value, when written in the same word
	hasVal    bool   // the word has it: --user=deploy, -udeploy
	takesNext bool   // its value is the next word
}

// splitOptions reads a word of options as getopt does: "--name=value" or "--name", or a
// cluster of short options ("-Eu" is -E -u), where an option that takes a value takes the
// rest of the word ("-udeploy"), or, at its end, the next word.
func splitOptions(word string, valueOpts map[string]bool) []option {
	if strings.HasPrefix(word, "--") || len(word) <= 2 || strings.Contains(word, "=") {
		opt, val, hasVal := strings.Cut(word, "=")
		return []option{{opt: opt, val: val, hasVal: hasVal, takesNext: valueOpts[opt] && !hasVal}}
	}
	var opts []option
	for j := 1; j < len(word); j++ {
		opt := "-" + word[j:j+1]
		if !valueOpts[opt] {
			opts = append(opts, option{opt: opt})
			continue
		}
		if j < len(word)-1 {
			return append(opts, option{opt: opt, val: word[j+1:], hasVal: true})
		}
		return append(opts, option{opt: opt, takesNext: true})
	}
	return opts
}

// isAssignment reports whether a word has the form NAME=value.
func isAssignment(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	return ok && syntax.ValidName(name)
}
