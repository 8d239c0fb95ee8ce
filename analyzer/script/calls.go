package script

import (
	"strings"

	"github.com/hooklint/hooklint/analyzer/shell"
)

// argStyle says how a call form takes its command.
type argStyle int

const (
	rubyCmd      argStyle = iota // [env,] "string" | prog, args... | [prog, argv0], args... [, opts]
	rubyPipeline                 // each argument a command: a string or an array
	rubyPopen                    // IO.popen([env,] "string" | [env, prog, args...], ...)
	pyRun                        // a list or a string; shell=, check=, env=, stderr=
	pyShell                      // a string the shell runs
	pyExecV                      // (path, argv[, env])
	pyExecL                      // (path, arg0, args...[, env])
	pySpawnV                     // (mode, path, argv[, env])
	pySpawnL                     // (mode, path, arg0, args...[, env])
	pyPosixSpawn                 // (path, argv, env)
)

// form is one way of running a command.
type form struct {
	style argStyle
	fail  shell.Failure
	// ends: the call replaces the process (exec): nothing after it runs.
	ends bool
	// env: the exec and spawn variants whose last argument is the environment.
	env bool
}

// The failures of the forms. A language's own ways of reporting a failure map onto
// [shell.Failure] so that the engine reads both alike:
var (
	// lost: the call returns false or a status and the hook goes on (system, call,
	// os.system), like a command without `set -e`.
	lost = shell.Failure{Handler: shell.NotHandled, Errexit: shell.False}
	// raises: the call raises (exception: true, check_call, check=True), which ends the
	// hook with a failure, like a command under `set -e`.
	raises = shell.Failure{Handler: shell.NotHandled, Errexit: shell.True}
	// captured: the output is the value and the status waits in $? or a status object
	// (backticks, capture2, popen), like a command substitution.
	captured = shell.Failure{Handler: shell.HandledBySubstitution}
	// background: nobody waits for it (spawn, Popen, P_NOWAIT).
	background = shell.Failure{Handler: shell.HandledByBackground}
	// replaced: the process becomes the command (exec): its status is the hook's.
	replaced = shell.Failure{Handler: shell.NotHandled, Last: true}
	// piped: Open3.pipeline returns the statuses of its commands.
	piped = shell.Failure{Handler: shell.HandledByPipeline}
)

var rubyForms = map[string]form{
	"system": {style: rubyCmd, fail: lost}, "Kernel.system": {style: rubyCmd, fail: lost},
	"exec": {style: rubyCmd, fail: replaced, ends: true}, "Kernel.exec": {style: rubyCmd, fail: replaced, ends: true},
	"Process.exec": {style: rubyCmd, fail: replaced, ends: true},
	"spawn":        {style: rubyCmd, fail: background}, "Kernel.spawn": {style: rubyCmd, fail: background},
	"Process.spawn":  {style: rubyCmd, fail: background},
	"Open3.capture2": {style: rubyCmd, fail: captured}, "Open3.capture2e": {style: rubyCmd, fail: captured},
	"Open3.capture3": {style: rubyCmd, fail: captured}, "Open3.popen3": {style: rubyCmd, fail: captured},
	"Open3.popen2": {style: rubyCmd, fail: captured}, "Open3.popen2e": {style: rubyCmd, fail: captured},
	"Open3.pipeline": {style: rubyPipeline, fail: piped}, "Open3.pipeline_r": {style: rubyPipeline, fail: piped},
	"Open3.pipeline_w": {style: rubyPipeline, fail: piped}, "Open3.pipeline_rw": {style: rubyPipeline, fail: piped},
	"Open3.pipeline_start": {style: rubyPipeline, fail: background},
	"IO.popen":             {style: rubyPopen, fail: captured},
}

var pyForms = map[string]form{
	"subprocess.run": {style: pyRun, fail: lost}, "subprocess.call": {style: pyRun, fail: lost},
	"subprocess.check_call": {style: pyRun, fail: raises}, "subprocess.check_output": {style: pyRun, fail: raises},
	"subprocess.Popen":     {style: pyRun, fail: background},
	"subprocess.getoutput": {style: pyShell, fail: captured}, "subprocess.getstatusoutput": {style: pyShell, fail: captured},
	"os.system": {style: pyShell, fail: lost}, "os.popen": {style: pyShell, fail: captured},
	"os.execv": {style: pyExecV, fail: replaced, ends: true}, "os.execvp": {style: pyExecV, fail: replaced, ends: true},
	"os.execve": {style: pyExecV, fail: replaced, ends: true, env: true}, "os.execvpe": {style: pyExecV, fail: replaced, ends: true, env: true},
	"os.execl": {style: pyExecL, fail: replaced, ends: true}, "os.execlp": {style: pyExecL, fail: replaced, ends: true},
	"os.execle": {style: pyExecL, fail: replaced, ends: true, env: true}, "os.execlpe": {style: pyExecL, fail: replaced, ends: true, env: true},
	"os.spawnv": {style: pySpawnV}, "os.spawnvp": {style: pySpawnV},
	"os.spawnve": {style: pySpawnV, env: true}, "os.spawnvpe": {style: pySpawnV, env: true},
	"os.spawnl": {style: pySpawnL}, "os.spawnlp": {style: pySpawnL},
	"os.spawnle": {style: pySpawnL, env: true}, "os.spawnlpe": {style: pySpawnL, env: true},
	"os.posix_spawn": {style: pyPosixSpawn, fail: background}, "os.posix_spawnp": {style: pyPosixSpawn, fail: background},
}

// arg is one argument of a call: tokens [s, e).
type arg struct {
	s, e   int
	name   string // a keyword argument's or hash option's name
	splat  bool   // *x
	dsplat bool   // **x
}

// splitArgs splits tokens [a, b) at the commas outside brackets.
func (w *walker) splitArgs(a, b int) []arg {
	var out []arg
	start := a
	depth := 0
	flush := func(end int) {
		for start < end && w.at(start).kind == tNewline {
			start++
		}
		for end > start && w.at(end-1).kind == tNewline {
			end--
		}
		if start < end {
			out = append(out, w.classify(start, end))
		}
	}
	for i := a; i < b && i < len(w.toks); i++ {
		t := w.at(i)
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ",":
			if depth == 0 {
				flush(i)
				start = i + 1
			}
		}
		if len(out) > 1000 {
			break
		}
	}
	flush(min(b, len(w.toks)))
	return out
}

// classify names an argument: a keyword (name: v, name=v, :name => v) or a splat.
func (w *walker) classify(s, e int) arg {
	a := arg{s: s, e: e}
	t := w.at(s)
	switch {
	case t.kind == tLabel:
		a.name, a.s = t.text, s+1
	case w.lang == Python && t.kind == tIdent && w.is(s+1, tOp, "=") && s+1 < e:
		a.name, a.s = t.text, s+2
	case w.lang == Ruby && (t.kind == tSymbol || t.kind == tString) && w.is(s+1, tOp, "=>"):
		a.name, a.s = strings.TrimPrefix(t.text, ":"), s+2
		if t.str != nil {
			a.name = string(t.str.val)
		}
	case t.kind == tOp && t.text == "*":
		a.splat, a.s = true, s+1
	case t.kind == tOp && t.text == "**":
		a.dsplat, a.s = true, s+1
	}
	return a
}

// dotted reads a name chain a.b.c from token i and returns it with the index after it.
func (w *walker) dotted(i int) (string, int) {
	if w.at(i).kind != tIdent {
		return "", i
	}
	var sb strings.Builder
	sb.WriteString(w.at(i).text)
	j := i + 1
	for k := 0; k < 8 && (w.is(j, tOp, ".") || w.is(j, tOp, "::")) && w.at(j+1).kind == tIdent; k++ {
		sb.WriteByte('.')
		sb.WriteString(w.at(j + 1).text)
		j += 2
	}
	return sb.String(), j
}

// resolve replaces a Python name's first part by what it was imported as.
func (w *walker) resolve(name string) string {
	head, rest, dot := strings.Cut(name, ".")
	if full, ok := w.aliases[head]; ok {
		head = full
	}
	if dot {
		return head + "." + rest
	}
	return head
}

// matchCall recognises a call form at token i. It returns the form's name, the form, the
// index of the first token after the name chain, and ok.
func (w *walker) matchCall(i int) (string, form, int, bool) {
	t := w.at(i)
	if t.kind != tIdent {
		return "", form{}, 0, false
	}
	if p := w.at(i - 1); i > 0 && p.kind == tOp && (p.text == "." || p.text == "&." || p.text == "::") {
		return "", form{}, 0, false // the tail of another chain
	}
	if i > 0 && w.at(i-1).kind == tIdent && (w.at(i-1).text == "def" || w.at(i-1).text == "alias") {
		return "", form{}, 0, false
	}
	name, j := w.dotted(i)
	switch w.lang {
	case Ruby:
		name = strings.TrimPrefix(name, "::")
		f, ok := rubyForms[name]
		if !ok || w.is(j, tOp, "=") || w.is(j, tOp, ".") {
			return "", form{}, 0, false
		}
		return name, f, j, true
	case Python:
		full := w.resolve(name)
		f, ok := pyForms[full]
		if !ok || !w.is(j, tOp, "(") {
			return "", form{}, 0, false
		}
		return full, f, j, true
	}
	return "", form{}, 0, false
}

// callArgs returns the argument tokens of a call whose name ends before token j: a
// parenthesised list, or for Ruby a command call's arguments up to the end of the
// statement (limit), a modifier, `do` or a block. end is the index after the call.
func (w *walker) callArgs(j, limit int) (args []arg, end int) {
	if w.is(j, tOp, "(") {
		close := w.skipBalanced(j)
		return w.splitArgs(j+1, close-1), close
	}
	if w.lang != Ruby {
		return nil, j
	}
	k := j
	depth := 0
	for ; k < limit; k++ {
		t := w.at(k)
		if t.kind == tNewline || t.kind == tEOF {
			break
		}
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
				continue
			case ")", "]", "}":
				if depth == 0 {
					return w.splitArgs(j, k), k
				}
				depth--
				continue
			case ";", "||", "&&":
				if depth == 0 {
					return w.splitArgs(j, k), k
				}
			}
		}
		if depth == 0 && t.kind == tIdent && stopWords[t.text] {
			break
		}
	}
	return w.splitArgs(j, k), k
}

// stopWords end a Ruby command call's arguments.
var stopWords = map[string]bool{
	"if": true, "unless": true, "while": true, "until": true, "rescue": true, "and": true, "or": true,
	"do": true, "then": true, "end": true,
}

// valueEnds reports whether token i ends a value.
func (w *walker) valueEnds(i int) bool {
	t := w.at(i)
	switch t.kind {
	case tIdent:
		return !rubyKeywords[t.text] || valueKeywords[t.text]
	case tNumber, tString, tCommand, tWords, tRegexp, tSymbol:
		return true
	case tOp:
		return t.text == ")" || t.text == "]" || t.text == "}"
	}
	return false
}

// valueKeywords are the keywords that can end a value, so that `return if x` is a modifier.
var valueKeywords = map[string]bool{
	"end": true, "return": true, "break": true, "next": true, "redo": true, "retry": true,
	"super": true, "yield": true, "self": true, "nil": true, "true": true, "false": true,
}
