package project

import (
	"bytes"
	"strconv"
	"strings"
)

// placeholderStem starts every placeholder. Made of characters that YAML reads as part of a
// plain or quoted scalar, so an unquoted `host: <%= ENV["X"] %>` still parses.
const placeholderStem = "__hooklint_erb"

// NeutraliseERB makes ERB-templated YAML parseable without evaluating anything: each output
// tag (<%= ... %>, <%== ... %>, with or without '-' trims) becomes a unique placeholder token
// (__hooklint_erb_0__, __hooklint_erb_1__, ...) that YAML parses as part of a plain or quoted
// scalar; control tags (<% ... %>, <%- ... -%>) and comments (<%# ... %>) are blanked.
// Line numbers are preserved: the newlines inside a tag are re-added after the end of the
// line on which the tag ends. tags[i] is the source of the i-th placeholder. `<%%` is a
// literal `<%`, as ERB renders it. An unterminated tag runs to the end of the input.
//
// If the input already contains the placeholder stem, a longer stem is chosen so that user
// text is never mistaken for a placeholder; [Project] handles that transparently.
func NeutraliseERB(src []byte) (out []byte, tags []string) {
	r := neutralise(src, pickStem(src), false)
	return r.out, r.tags
}

// erbResult is what [neutralise] produces.
type erbResult struct {
	out          []byte
	tags         []string
	stem         string
	unterminated int  // line of an unterminated tag, 0 if none
	lineTags     bool // some output tag stands alone on its line
}

// pickStem returns a placeholder stem that does not occur in src.
func pickStem(src []byte) string {
	stem := placeholderStem + "_"
	for i := 1; bytes.Contains(src, []byte(stem)); i++ {
		stem = placeholderStem + strconv.Itoa(i) + "_"
	}
	return stem
}

// neutralise is [NeutraliseERB] with a given stem. With asComments, an output tag that stands
// alone on its line becomes a YAML comment: a bare placeholder there (`<%= extra_keys %>` in
// a mapping) would be a syntax error, and its content is unknown anyway.
func neutralise(src []byte, stem string, asComments bool) erbResult {
	r := erbResult{stem: stem}
	out := make([]byte, 0, len(src)+64)
	pending := 0 // newlines swallowed by tags, re-added at the next end of line
	line := 1
	lineStart := 0 // index in out where the current output line starts
	for i := 0; i < len(src); {
		c := src[i]
		if c == '\n' {
			out = append(out, '\n')
			for ; pending > 0; pending-- {
				out = append(out, '\n')
			}
			lineStart = len(out)
			line++
			i++
			continue
		}
		if c != '<' || i+1 >= len(src) || src[i+1] != '%' {
			out = append(out, c)
			i++
			continue
		}
		if i+2 < len(src) && src[i+2] == '%' { // <%% is a literal <%
			out = append(out, '<', '%')
			i += 3
			continue
		}
		end, ok := tagEnd(src, i+2)
		if !ok && r.unterminated == 0 {
			r.unterminated = line
		}
		tag := src[i:end]
		nl := bytes.Count(tag, []byte{'\n'})
		if isOutputTag(tag) {
			ph := stem + strconv.Itoa(len(r.tags)) + "__"
			r.tags = append(r.tags, string(tag))
			if onlySpace(out[lineStart:]) && onlySpace(restOfLine(src, end)) {
				r.lineTags = true
				if asComments {
					ph = "# " + ph
				}
			}
			out = append(out, ph...)
		}
		pending += nl
		line += nl
		i = end
	}
	for ; pending > 0; pending-- {
		out = append(out, '\n')
	}
	r.out = out
	return r
}

// tagEnd returns the index just past the `%>` closing the tag whose body starts at from,
// skipping `%%>`, which ERB reads as a literal `%>` inside a tag. ok is false when the tag is
// never closed; end is then len(src).
func tagEnd(src []byte, from int) (end int, ok bool) {
	for j := from; j+1 < len(src); j++ {
		if src[j] != '%' || src[j+1] != '>' {
			continue
		}
		if j > from && src[j-1] == '%' {
			continue
		}
		return j + 2, true
	}
	return len(src), false
}

// isOutputTag reports whether tag (which starts with "<%") inserts its value: <%= and <%==.
func isOutputTag(tag []byte) bool {
	return len(tag) > 2 && tag[2] == '='
}

// restOfLine returns src from i up to, not including, the next newline.
func restOfLine(src []byte, i int) []byte {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return src[i : i+j]
	}
	return src[i:]
}

// onlySpace reports whether b holds nothing but blanks.
func onlySpace(b []byte) bool {
	return len(bytes.Trim(b, " \t\r")) == 0
}

// resubstituter turns placeholders back into the ERB source they stand for.
type resubstituter struct {
	stem string // ASCII, as pickStem makes it
	tags []string
}

func newResubstituter(stem string, tags []string) *resubstituter {
	return &resubstituter{stem: stem, tags: tags}
}

// apply returns s with each placeholder, the stem, digits and "__", replaced by its tag
// source, and whether there was one. A placeholder whose number has no tag is kept. It
// replaces what the expression QuoteMeta(stem)+`([0-9]+)__` matches, leftmost first
// (resub_test.go checks it against that expression), without compiling one per project.
func (r *resubstituter) apply(s string) (string, bool) {
	if r == nil || len(r.tags) == 0 {
		return s, false
	}
	var b strings.Builder
	found := false
	done := 0 // s[:done] is in b
	for i := 0; i <= len(s); {
		j := strings.Index(s[i:], r.stem)
		if j < 0 {
			break
		}
		start := i + j
		digits := start + len(r.stem)
		end := digits
		for end < len(s) && '0' <= s[end] && s[end] <= '9' {
			end++
		}
		if end == digits || !strings.HasPrefix(s[end:], "__") {
			i = start + 1 // the stem may start again inside itself
			continue
		}
		num := s[digits:end]
		end += len("__")
		found = true
		b.WriteString(s[done:start])
		if n, err := strconv.Atoi(num); err == nil && n < len(r.tags) {
			b.WriteString(r.tags[n])
		} else {
			b.WriteString(s[start:end])
		}
		done, i = end, end
	}
	if !found {
		return s, false
	}
	b.WriteString(s[done:])
	return b.String(), true
}
