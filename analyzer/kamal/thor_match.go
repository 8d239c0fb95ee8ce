package kamal

import "strings"

// This file holds the matchers of the word shapes Thor's option parser tests with regular
// expressions (options.rb and arguments.rb at v1.4.0). They are written by hand because
// compiling Go regular expressions at package initialization costs start-up time in every
// run, `hooklint --version` included. Each doc comment quotes the Go expression the matcher
// stands for, with Go's semantics: thor_match_test.go keeps those expressions and checks
// the matchers against them.
//
// \w is ASCII [0-9A-Za-z_] and \d [0-9], as in Go's regexp. A byte at or above 0x80 is
// never one of them, so the matchers work on bytes: a multi-byte character fails a class
// test at its first byte, as the rune would.

// isWordByte reports whether c is in \w: [0-9A-Za-z_].
func isWordByte(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_'
}

// isLetter reports whether c is in [a-zA-Z].
func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isDigit reports whether c is in \d: [0-9].
func isDigit(c byte) bool {
	return '0' <= c && c <= '9'
}

// isSwitchFormatted reports whether s has the form of an option: a long or short switch,
// either with "=value", a short switch with a number, or a cluster of short switches.
func isSwitchFormatted(s string) bool {
	if isLongSwitch(s) || isShortSwitch(s) {
		return true
	}
	if _, _, ok := eqSwitch(s); ok {
		return true
	}
	if _, _, ok := shortNum(s); ok {
		return true
	}
	_, ok := shortCluster(s)
	return ok
}

// isDashedWords reports whether s matches \w+(?:-\w+)*: words joined by single dashes.
func isDashedWords(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		case !isWordByte(c):
			return false
		}
	}
	return true
}

// isLongSwitch reports whether s is a long switch: /^(--\w+(?:-\w+)*)$/ ("--skip-hooks").
func isLongSwitch(s string) bool {
	return strings.HasPrefix(s, "--") && isDashedWords(s[2:])
}

// isShortSwitch reports whether s is a short switch: /^(-[a-zA-Z])$/ ("-d").
func isShortSwitch(s string) bool {
	return len(s) == 2 && s[0] == '-' && isLetter(s[1])
}

// eqSwitch splits a switch from its value: /^(--\w+(?:-\w+)*|-[a-zA-Z])=(.*)$/
// ("--destination=staging", "-d=staging"). The value holds no newline, which . does not
// match.
func eqSwitch(s string) (sw, val string, ok bool) {
	sw, ok = eqPrefix(s)
	if !ok {
		return "", "", false
	}
	val = s[len(sw)+1:]
	if strings.IndexByte(val, '\n') >= 0 {
		return "", "", false
	}
	return sw, val, true
}

// eqPrefix returns the switch of a word that starts like eqSwitch's, whatever follows the
// "=": /^(--\w+(?:-\w+)*|-[a-zA-Z])=/.
func eqPrefix(s string) (sw string, ok bool) {
	// Neither form of the switch holds a "=": it ends at the first.
	i := strings.IndexByte(s, '=')
	if i < 0 {
		return "", false
	}
	sw = s[:i]
	if !isLongSwitch(sw) && !isShortSwitch(sw) {
		return "", false
	}
	return sw, true
}

// shortCluster returns the letters of a cluster of short switches:
// /^-([a-zA-Z]{2,})$/ ("-PH" gives "PH").
func shortCluster(s string) (letters string, ok bool) {
	if len(s) < 3 || !isClusterPrefix(s) {
		return "", false
	}
	return s[1:], true
}

// isClusterPrefix reports whether s is a dash and letters: /^-[a-zA-Z]+$/, the start of
// a short switch, a cluster of them, a short switch with a number, and eqSwitch alike.
func isClusterPrefix(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return true
}

// shortNum splits a short switch from the number written against it:
// /^(-[a-zA-Z])([-+]?(?:\d*\.\d+|\d+))$/ ("-n5" gives "-n" and "5").
func shortNum(s string) (sw, num string, ok bool) {
	if len(s) < 3 || !isShortSwitch(s[:2]) || !isNumeric(s[2:]) {
		return "", "", false
	}
	return s[:2], s[2:], true
}

// isNumeric reports whether s is a number as Thor reads a numeric option's value:
// /^[-+]?(?:\d*\.\d+|\d+)$/ ("5", "-1.5", ".5", not "5.").
func isNumeric(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if dot {
		return allDigits(whole) && frac != "" && allDigits(frac)
	}
	return whole != "" && allDigits(whole)
}

// allDigits reports whether s is \d*.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// noOrSkipName returns the option a --no-NAME or --skip-NAME switch negates:
// /^--(?:no|skip)-([-\w]+)$/ ("--no-cache" gives "cache").
func noOrSkipName(s string) (name string, ok bool) {
	switch {
	case strings.HasPrefix(s, "--no-"):
		name = s[len("--no-"):]
	case strings.HasPrefix(s, "--skip-"):
		name = s[len("--skip-"):]
	default:
		return "", false
	}
	if name == "" {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		if name[i] != '-' && !isWordByte(name[i]) {
			return "", false
		}
	}
	return name, true
}

// isDashValue reports whether s starts with one or two dashes and more: /^-{1,2}\S+/,
// which keeps a word from being an option's value. A dash is itself \S, so one dash and
// any character but white space is enough.
func isDashValue(s string) bool {
	return len(s) >= 2 && s[0] == '-' && !isRegexpSpace(s[1])
}

// isRegexpSpace reports whether c is in \s: [\t\n\f\r ] (not \v).
func isRegexpSpace(c byte) bool {
	switch c {
	case '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// isOpenLongPrefix reports whether s can begin a long switch: /^--(?:\w+-)*\w*$/ ("--",
// "--dest", "--skip-").
func isOpenLongPrefix(s string) bool {
	if !strings.HasPrefix(s, "--") {
		return false
	}
	s = s[2:]
	if s == "" {
		return true
	}
	// Words joined by single dashes, the last of which may be empty.
	return isDashedWords(strings.TrimSuffix(s, "-"))
}

// isShortNumPrefix reports whether s can begin a short switch with a number (shortNum):
// /^-[a-zA-Z][-+]?\d*\.?\d*$/ ("-n", "-n-", "-n1.").
func isShortNumPrefix(s string) bool {
	if len(s) < 2 || !isShortSwitch(s[:2]) {
		return false
	}
	s = s[2:]
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return allDigits(whole) && allDigits(frac)
}
