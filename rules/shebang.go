package rules

import (
	"bytes"
	"fmt"
	"github.com/hooklint/hooklint/internal/editdist"
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// Shebang returns HL004 shebang: a hook whose interpreter line does not run it as written.
func Shebang() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "HL004",
		Name:     "shebang",
		Severity: analyzer.SeverityWarning,
		Summary:  "The hook's interpreter line is missing, unusual or broken, or names /bin/sh for a bash script",
		Doc: `Kamal runs a hook with /usr/bin/env .kamal/hooks/NAME, on the machine that runs kamal
(lock-model.md §6.1), so the kernel reads the shebang. Without one the exec fails with
"Exec format error": glibc's and macOS's env then run the file with /bin/sh, but musl's
does not, so on Alpine (Kamal's own Docker image is ruby:alpine) the hook fails and the
command aborts. Start every hook with #!/bin/sh, #!/usr/bin/env bash or
#!/usr/bin/env ruby.

Bash syntax ([[ ]], arrays, ${x//a/b}, function f, &>, source, <<<, $'...', <(...)) in a
hook run by /bin/sh works where /bin/sh is bash (macOS) and breaks where it is dash
(Debian and Ubuntu, as on most CI runners); busybox ash (Alpine) accepts some of it.
hooklint reports the first such construct once, offers to change the shebang to
#!/usr/bin/env bash, and analyses the rest of the file as bash instead of reporting
parse errors (HL001). Bash must then be installed where kamal runs: Kamal's Docker image
has none, so a project that deploys from it should rewrite the hook in POSIX sh instead.
Where dash parses the construct ([[ is a command dash does not have), the analysis keeps
dash's reading: a guard written with [[ ]] never fires under dash.

Windows line endings are an error: the kernel looks for an interpreter named "sh\r", and
env fails with "No such file or directory". A UTF-8 byte order mark before #! hides the
shebang from the kernel. An interpreter that is neither a shell, Ruby nor Python, a
relative interpreter path (the kernel does not search PATH) and a shebang with no program
are reported too. Only files Kamal runs as hooks are checked (see HL003 for the others).`,
		Bad: `#!/bin/sh
if [[ "$KAMAL_DESTINATION" == production ]]; then
  echo "Deployed $KAMAL_VERSION to production"
fi
`,
		Good: `#!/usr/bin/env bash
if [[ "$KAMAL_DESTINATION" == production ]]; then
  echo "Deployed $KAMAL_VERSION to production"
fi
`,
		Run: runShebang,
	}
}

// knownInterpreters are the programs a hook's shebang may name without a finding.
var knownInterpreters = []string{
	"sh", "bash", "dash", "ash", "posh", "zsh", "ksh", "ksh93", "mksh", "pdksh", "busybox",
	"ruby", "jruby", "truffleruby", "python", "python3", "python2",
}

// posixShells are the interpreters that run a hook as POSIX sh, "" meaning no shebang
// (env falls back to /bin/sh).
var posixShells = []string{"", "sh", "dash", "ash", "posh"}

func runShebang(pass *analyzer.Pass) {
	h := pass.Hook
	if kamal.FindHook(h.Name) == nil {
		return // not a hook Kamal runs: HL003's
	}
	if h.CRLF {
		reportCRLF(pass)
	}
	if h.BOM {
		reportAt1(pass, analyzer.Diagnostic{
			Message: "the file starts with a UTF-8 byte order mark, which hides the shebang from the kernel: glibc's and macOS's env then run the file with /bin/sh (the first line fails as an unknown command, and " +
				interpName(h) + " does not run it), musl's (Alpine) fails with `Exec format error`; remove the mark (save the file as UTF-8 without BOM)",
			Suggestions: []analyzer.Suggestion{{Kind: "bom", Message: "remove the byte order mark",
				Edits: []analyzer.TextEdit{{Span: analyzer.Span{Start: pos1(), End: analyzer.Position{Offset: 3, Line: 1, Column: 4}}}}}},
		})
	}
	switch {
	case len(h.Bashisms) > 0 && slices.Contains(posixShells, h.Interpreter):
		reportBashism(pass, h.Bashisms[0])
	case h.Shebang == "":
		reportAt1(pass, analyzer.Diagnostic{
			Message: "the hook has no shebang (`#!`): Kamal runs it through env, whose exec fails with `Exec format error`; glibc's and macOS's env then run it with /bin/sh, musl's (Alpine, Kamal's Docker image) does not and the command aborts; start it with `#!/bin/sh`",
			Suggestions: []analyzer.Suggestion{{Kind: "shebang", Message: "insert `#!/bin/sh`",
				Edits: []analyzer.TextEdit{{Span: analyzer.Span{Start: h.ShebangSpan().Start, End: h.ShebangSpan().Start}, NewText: "#!/bin/sh\n"}}}},
		})
	case h.Interpreter == "" || h.Interpreter == "env":
		reportAt1(pass, analyzer.Diagnostic{
			Message: fmt.Sprintf("the shebang `%s` names no program to run the hook, so running it fails; name one: `#!/bin/sh`, `#!/usr/bin/env bash`, `#!/usr/bin/env ruby`", h.Shebang),
		})
	case !strings.HasPrefix(h.ShebangPath, "/"):
		fix := "#!/usr/bin/env " + strings.Join(append([]string{h.Interpreter}, h.ShebangArgs...), " ")
		reportAt1(pass, analyzer.Diagnostic{
			Message: fmt.Sprintf("the shebang names `%s` by a relative path, which the kernel resolves from kamal's working directory, not from PATH, so running the hook fails with `No such file or directory`; write `%s`",
				h.ShebangPath, fix),
			Suggestions: []analyzer.Suggestion{{Kind: "shebang", Message: "write `" + fix + "`",
				Edits: []analyzer.TextEdit{{Span: h.ShebangSpan(), NewText: fix}}}},
		})
	case !slices.Contains(knownInterpreters, h.Interpreter):
		msg := fmt.Sprintf("the hook runs with `%s`, which is neither a shell, Ruby nor Python: hooklint cannot check it, and every machine that runs kamal (CI included) needs `%s` installed, or the hook fails with `No such file or directory`",
			h.Interpreter, h.Interpreter)
		if near := nearestInterpreter(h.Interpreter); near != "" {
			msg = fmt.Sprintf("the hook runs with `%s`, which is no known interpreter: is it a typo for `%s`? Running it fails with `No such file or directory` where no `%s` is installed",
				h.Interpreter, near, h.Interpreter)
		}
		reportAt1(pass, analyzer.Diagnostic{Message: msg})
	}
}

// interpName names what the shebang asks for: "bash", "the interpreter".
func interpName(h *analyzer.Hook) string {
	if h.Interpreter == "" || h.Interpreter == "env" {
		return "the interpreter"
	}
	return h.Interpreter
}

func pos1() analyzer.Position { return analyzer.Position{Line: 1, Column: 1} }

// nearestInterpreter returns the known interpreter a misspelt name is nearest to, or "".
func nearestInterpreter(name string) string {
	for _, k := range knownInterpreters {
		if len(k) >= 3 && editdist.Distance(name, k) <= 1+len(k)/5 {
			return k
		}
	}
	return ""
}

// reportCRLF reports Windows line endings, with edits that remove every carriage return
// before a newline.
func reportCRLF(pass *analyzer.Pass) {
	h := pass.Hook
	first := bytes.Index(h.Src, []byte("\r\n"))
	var edits []analyzer.TextEdit
	for i := first; i >= 0 && i < len(h.Src); {
		edits = append(edits, analyzer.TextEdit{Span: analyzer.Span{Start: h.Position(i), End: h.Position(i + 1)}})
		next := bytes.Index(h.Src[i+2:], []byte("\r\n"))
		if next < 0 {
			break
		}
		i += 2 + next
	}
	start := edits[0].Span.Start
	var msg string
	switch {
	case start.Line == 1 && h.Shebang != "":
		start = pos1()
		msg = fmt.Sprintf("the hook has Windows (CRLF) line endings: the kernel reads the shebang as `%s\\r` and finds no such program, so env fails with `No such file or directory` and the command aborts", h.Shebang)
	default:
		msg = "the hook has Windows (CRLF) line endings: the shell reads a carriage return at the end of every command (`set -e\\r`, `kamal\\r`), so the commands fail or do something else"
	}
	msg += "; convert it to LF line endings (`sed -i 's/\\r$//' " + shellQuote(h.File) + "`, and `" + pass.Project.HooksPath + "/* text eol=lf` in .gitattributes so that git keeps them)"
	pass.Report(analyzer.Diagnostic{
		Severity:    analyzer.SeverityError,
		Span:        analyzer.Span{Start: start, End: start},
		Message:     msg,
		Suggestions: []analyzer.Suggestion{{Kind: "line-endings", Message: "convert the line endings to LF", Edits: edits}},
	})
}

// bashismWords are what each bash construct is called in a message, and what dash does
// with it.
var bashismWords = map[analyzer.BashismKind][2]string{
	analyzer.BashTest:        {"`[[ ]]`", "dash has no `[[` command (`[[: not found`), so the test is always false"},
	analyzer.BashArray:       {"an array", "dash and busybox ash have no arrays: a syntax error or `not found`"},
	analyzer.BashParamExp:    {"this `${...}` expansion", "dash stops with `Bad substitution`"},
	analyzer.BashCaseExp:     {"a case-changing `${...}` expansion", "dash stops with `Bad substitution`; it needs bash 4, so it fails under macOS's /bin/sh (bash 3.2) too"},
	analyzer.BashFunction:    {"the `function` keyword", "dash stops with a syntax error"},
	analyzer.BashRedirectAll: {"`&>`", "dash reads `cmd &> file` as `cmd &` and `> file`: the command runs in the background, unredirected, and the hook does not wait for it"},
	analyzer.BashSource:      {"`source`", "dash has no `source` (`source: not found`; POSIX sh spells it `.`)"},
	analyzer.BashHereString:  {"a here-string (`<<<`)", "dash stops with a syntax error"},
	analyzer.BashDollarQuote: {"`$'...'` quoting", "older dash releases read it as a `$` followed by a quoted string"},
	analyzer.BashProcSubst:   {"process substitution (`<(...)`)", "dash and busybox ash stop with a syntax error"},
	analyzer.BashArithCmd:    {"an arithmetic command (`(( ))`)", "dash runs it as nested subshells, or stops with a syntax error"},
	analyzer.BashLet:         {"`let`", "dash has no `let` (`let: not found`)"},
	analyzer.BashDeclare:     {"`declare`", "dash and busybox ash have no `declare` or `typeset` (`not found`)"},
	analyzer.BashAppend:      {"`+=`", "dash runs `x+=1` as a command named `x+=1` (`not found`)"},
	analyzer.BashTestEqual:   {"`==` in `[ ]`", "dash's test knows only `=` (`[: unexpected operator`), so the test is false"},
	analyzer.BashSelect:      {"`select`", "dash and busybox ash stop with a syntax error"},
	analyzer.BashExtGlob:     {"an extended glob", "dash and busybox ash stop with a syntax error"},
	analyzer.BashCoproc:      {"`coproc`", "dash and busybox ash have no `coproc`"},
	analyzer.BashOther:       {"bash syntax", "dash stops with a syntax error"},
}

// reportBashism reports the first bash construct of a hook run by /bin/sh, with an edit
// that makes bash run it.
func reportBashism(pass *analyzer.Pass, b analyzer.Bashism) {
	h := pass.Hook
	words, ok := bashismWords[b.Kind]
	if !ok {
		words = bashismWords[analyzer.BashOther]
	}
	what := words[0]
	if b.Kind == analyzer.BashOther && b.Feature != "" {
		what = "bash syntax (" + b.Feature + ")"
	}
	runner := fmt.Sprintf("its shebang `%s` runs it with %s", h.Shebang, h.ShebangPath)
	switch {
	case h.Shebang == "":
		runner = "it has no shebang, so env runs it with /bin/sh"
	case h.Interpreter != "sh":
		runner = fmt.Sprintf("its shebang `%s` runs it with %s, a POSIX shell", h.Shebang, h.Interpreter)
	}
	fix := "#!/usr/bin/env bash"
	var opts []string
	for _, a := range h.ShebangArgs {
		if a != "-" && a != "--" {
			opts = append(opts, a)
		}
	}
	newText := fix
	if len(opts) > 0 {
		// env passes at most one argument on Linux: the shebang's options become `set`.
		newText += "\nset " + strings.Join(opts, " ")
	}
	span := h.ShebangSpan()
	action := "replace the shebang with `" + fix + "`"
	if h.Shebang == "" {
		newText += "\n"
		action = "start the file with `" + fix + "`"
	}
	msg := fmt.Sprintf("%s is bash syntax, but %s: it works where /bin/sh is bash (macOS) and breaks where it is dash (Debian, Ubuntu, most CI runners): %s; %s, or rewrite the hook in POSIX sh",
		what, runner, words[1], action)
	if b.Kind == analyzer.BashTest && !h.BashFallback {
		msg += " (hooklint analyses the hook as dash runs it)"
	}
	pass.Report(analyzer.Diagnostic{
		Span:    b.Span,
		Message: msg,
		Suggestions: []analyzer.Suggestion{{Kind: "shebang", Message: action,
			Edits: []analyzer.TextEdit{{Span: span, NewText: newText}}}},
	})
}
