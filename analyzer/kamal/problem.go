package kamal

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ProblemKind says why a [Call] does not run its command. Rules decide on the kind and
// print [Call.Problem], which is for people.
type ProblemKind int

// The kinds of [Call.Kind]. Every kind but NoProblem means that Kamal does not run the
// command: Thor prints an error or help and exits before the command's method starts, so
// before any hook and any lock.
const (
	// NoProblem: the line resolves to a command that runs.
	NoProblem ProblemKind = iota
	// UnknownCommand: a command word is neither a command nor, from v2.0.0, an alias
	// ([Call.Suggestion] may name the nearest command).
	UnknownCommand
	// AmbiguousCommand: a command word is the prefix of several commands.
	AmbiguousCommand
	// MissingValue: a switch that needs a value is last, or followed by another switch
	// (`app logs --lines`).
	MissingValue
	// BadNumeric: a numeric option got a value that is not a number (`app logs -n abc`).
	BadNumeric
	// MissingOption: a required option is not given (`lock acquire` without -m).
	MissingOption
	// WrongArity: the positional arguments do not fit the command's method ([Arity]):
	// `accessory reboot` without NAME, `deploy extra`, `accessory reboot db -y` (Thor
	// keeps the unknown -y as an argument). [Call.Command] is set.
	WrongArity
	// PrintsHelp: the line only prints help ([ProblemHelp]).
	PrintsHelp
	// ComputedCommand: a command word is computed at run time ([ProblemComputed]); what
	// runs is not known.
	ComputedCommand
	// AliasLoop: a deploy.yml alias expands to itself, directly or through other aliases.
	AliasLoop
	// AliasSplit: a deploy.yml alias's command line cannot be split into words.
	AliasSplit
)

// String returns the Go name of k.
func (k ProblemKind) String() string {
	switch k {
	case NoProblem:
		return "NoProblem"
	case UnknownCommand:
		return "UnknownCommand"
	case AmbiguousCommand:
		return "AmbiguousCommand"
	case MissingValue:
		return "MissingValue"
	case BadNumeric:
		return "BadNumeric"
	case MissingOption:
		return "MissingOption"
	case WrongArity:
		return "WrongArity"
	case PrintsHelp:
		return "PrintsHelp"
	case ComputedCommand:
		return "ComputedCommand"
	case AliasLoop:
		return "AliasLoop"
	case AliasSplit:
		return "AliasSplit"
	}
	return fmt.Sprintf("ProblemKind(%d)", int(k))
}

// fail records why c does not run.
func (c *Call) fail(kind ProblemKind, format string, args ...any) {
	c.Kind = kind
	c.Problem = fmt.Sprintf(format, args...)
}

// arityMessage words Thor's error for arguments that do not fit the method of the
// command at path, as
// Thor.handle_argument_error prints its first line (rails/thor lib/thor/base.rb@v1.4.0:618-625):
//
//	ERROR: "kamal accessory reboot" was called with arguments ["db", "-y"]
//
// Thor's second line, the command's usage, is left out. A word computed at run time is
// shown as written in the hook.
func arityMessage(path string, args []Word) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ERROR: \"kamal %s\" was called with ", path)
	if len(args) == 0 {
		b.WriteString("no arguments")
		return b.String()
	}
	b.WriteString("arguments [")
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		if a.Known {
			b.WriteString(rubyInspect(a.Text))
		} else {
			b.WriteString(a.Text)
		}
	}
	b.WriteString("]")
	return b.String()
}

// rubyInspect quotes s as Ruby's String#inspect does for a UTF-8 string: backslash
// escapes for quotes, backslashes, "#{", "#$", "#@" and control characters, \xHH for
// bytes that are not UTF-8. Other characters are kept, except line and paragraph
// separators, which Ruby shows as \uXXXX too.
func rubyInspect(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02X`, s[i])
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '#' && i+1 < len(s) && strings.IndexByte("{$@", s[i+1]) >= 0:
			b.WriteString(`\#`)
		case r < 0x20 || r == 0x7f:
			if r < 0x20 && rubyEscapes[r] != "" {
				b.WriteString(rubyEscapes[r])
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		case unicode.In(r, unicode.Zl, unicode.Zp):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// rubyEscapes are Ruby's short escapes of control characters, by code point; an array
// rather than a map, so that it is static data and costs nothing at start-up.
var rubyEscapes = [0x20]string{
	'\n': `\n`, '\t': `\t`, '\r': `\r`, '\f': `\f`, '\v': `\v`, '\b': `\b`, '\a': `\a`, 0x1b: `\e`,
}
