package analyzer

import (
	"strings"
)

// A suppression directive is a shell comment that silences rules, as shellcheck's
// directives do:
//
//	# hooklint disable=HL101,missing-destination -- the accessory is not locked
//	kamal accessory reboot db
//
//	# hooklint disable-file=HL302
//
// disable= silences the rules it names for the next command (a compound command, such as an
// if, a loop, a case, a { } group or a function definition, counts as one, from its first
// line to its last); it must stand on its own line. disable-file= silences them in the whole
// file, wherever it is. A rule is named by its ID or its name; a reason may follow "--" or
// "#".
//
// This file reads the text of one comment ([ParseDirective]); suppress.go finds the comments
// of a hook, the command each applies to, and applies them to the findings.

// DirectiveScope says what a directive silences.
type DirectiveScope int

const (
	// ScopeNext (disable=) silences the next command.
	ScopeNext DirectiveScope = iota + 1
	// ScopeFile (disable-file=) silences the whole file.
	ScopeFile
)

// DirectiveError says why a comment that is meant as a directive cannot be used. Each is
// rendered in words by the rule that reports it.
type DirectiveError int

const (
	// DirectiveOK is a well-formed directive.
	DirectiveOK DirectiveError = iota
	// DirectiveUnknownVerb: the word after "hooklint" is neither disable nor disable-file
	// ("disable-line", "enable"); [ParsedDirective.Verb] holds it.
	DirectiveUnknownVerb
	// DirectiveNoRules: no "=" after the verb, or nothing after it ("disable HL101",
	// "disable=").
	DirectiveNoRules
	// DirectiveEmptyName: an empty entry in the list ("disable=HL101,,HL203", a final comma).
	DirectiveEmptyName
	// DirectiveTrailingText: words after the list that do not follow "--" or "#"
	// ("disable=HL101 because ...").
	DirectiveTrailingText
	// DirectiveNotOwnLine: a disable= directive after code on the same line; it would apply
	// to nothing. Set by [FindDirectives], never by [ParseDirective].
	DirectiveNotOwnLine
)

// ParsedDirective is one directive comment as written.
type ParsedDirective struct {
	Scope DirectiveScope // zero when Err is DirectiveUnknownVerb
	Verb  string         // "disable", "disable-file", or the unknown word
	// Names are the rules named, as written, in order.
	Names []DirectiveName
	// Reason is the text after "--" (or after a second "#", as shellcheck allows), trimmed;
	// "" without one.
	Reason string
	Err    DirectiveError
}

// DirectiveName is one entry of a directive's list.
type DirectiveName struct {
	Text   string // "HL101", "lock-conflict"
	Offset int    // byte offset of Text in the comment text given to ParseDirective
}

// directiveVerbs are the verbs a directive may use, with what each silences.
var directiveVerbs = map[string]DirectiveScope{
	"disable":      ScopeNext,
	"disable-file": ScopeFile,
}

// ParseDirective reads the text of a shell comment (after its "#") as a directive. ok is
// false when the comment is not meant as one: its first word is not "hooklint", or the word
// after it neither starts with "disable" or "enable" nor contains "=" (so that prose such as
// "# hooklint runs in CI" is left alone). A comment meant as a directive that cannot be used
// has Err set.
func ParseDirective(text string) (d ParsedDirective, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeft(text, " \t"), "hooklint")
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return ParsedDirective{}, false
	}
	off := len(text) - len(rest) // offset of rest in text
	trimmed := strings.TrimLeft(rest, " \t")
	off += len(rest) - len(trimmed)
	rest = strings.TrimRight(trimmed, " \t\r")
	word, _, _ := strings.Cut(rest, " ")
	word, _, _ = strings.Cut(word, "\t")
	verb, _, hasEq := strings.Cut(word, "=")
	if !hasEq && !strings.HasPrefix(verb, "disable") && !strings.HasPrefix(verb, "enable") {
		return ParsedDirective{}, false
	}
	d.Verb = verb
	scope, known := directiveVerbs[verb]
	if !known {
		d.Err = DirectiveUnknownVerb
		return d, true
	}
	d.Scope = scope
	if !hasEq {
		d.Err = DirectiveNoRules
		return d, true
	}
	list := rest[len(verb)+1:]
	off += len(verb) + 1
	tail := ""
	if i := strings.IndexAny(list, " \t"); i >= 0 {
		list, tail = list[:i], strings.TrimLeft(list[i:], " \t")
	}
	if list == "" {
		d.Err = DirectiveNoRules
		return d, true
	}
	for name := range strings.SplitSeq(list, ",") {
		if name == "" {
			d.Err = DirectiveEmptyName
		} else {
			d.Names = append(d.Names, DirectiveName{Text: name, Offset: off})
		}
		off += len(name) + 1
	}
	if tail != "" {
		reason, isReason := strings.CutPrefix(tail, "--")
		if !isReason {
			reason, isReason = strings.CutPrefix(tail, "#")
		}
		if !isReason || (reason != "" && reason[0] != ' ' && reason[0] != '\t') {
			if d.Err == DirectiveOK {
				d.Err = DirectiveTrailingText
			}
			return d, true
		}
		d.Reason = strings.TrimSpace(reason)
	}
	return d, true
}
